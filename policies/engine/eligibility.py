"""Eligibility at a date: does the employee meet a policy's configured thresholds when the leave starts?

The answer never blocks filing: an ineligible policy is still attached, pending, with these reasons as its note
for a specialist to decide. FMLA (29 CFR 825.110): 12 months of service, 1,250 hours worked in the 12 months
before the leave, determined as of the date the leave starts (825.110(d)). Leave to bond with a child must be
taken within 12 months of the birth or placement (825.120(a)(2); M.G.L. c.175M §2 for PFML family leave).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from policies.engine.calendar import ONE_DAY, add_months, whole_months_between
from policies.engine.facts import RosterFacts
from policies.engine.rules import EligibilityRules, PolicyRules
from policies.engine.wording import date_text, hours_text

BONDING = "bonding"


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)  # why it looks ineligible; empty when eligible
    met: list[str] = field(default_factory=list)  # the thresholds met, for the desk's explanation

    @property
    def note(self) -> str:
        """The reasons as one line, for PolicyDecision.eligibility_note."""
        return "; ".join(self.reasons)


def check_eligibility(
    policy_rules: PolicyRules,
    roster_facts: RosterFacts,
    leave_start: date,
    *,
    reason: str = "",
    bonding_event_date: date | None = None,
) -> Eligibility:
    """Check each configured threshold as of `leave_start`; a policy with none configured is eligible."""
    rules = policy_rules.eligibility
    checks = [
        _service(rules, roster_facts, leave_start),
        _hours(rules, roster_facts),
        _bonding(rules, leave_start, reason, bonding_event_date),
    ]
    failed = [text for passed, text in checks if text and not passed]
    met = [text for passed, text in checks if text and passed]
    return Eligibility(eligible=not failed, reasons=failed, met=met)


def _service(rules: EligibilityRules, facts: RosterFacts, leave_start: date) -> tuple[bool, str]:
    if rules.min_months_of_service is None:
        return True, ""
    months = whole_months_between(facts.hire_date, leave_start)
    text = _("%(months)s of %(required)s months of service") % {
        "months": months,
        "required": rules.min_months_of_service,
    }
    return months >= rules.min_months_of_service, text


def _hours(rules: EligibilityRules, facts: RosterFacts) -> tuple[bool, str]:
    if rules.min_hours_worked is None:
        return True, ""
    worked = facts.hours_worked_last_12_months
    text = _("%(worked)s of %(required)s hours worked in the last 12 months") % {
        "worked": hours_text(worked),
        "required": hours_text(rules.min_hours_worked),
    }
    return worked >= rules.min_hours_worked, text


def _bonding(rules: EligibilityRules, leave_start: date, reason: str, event: date | None) -> tuple[bool, str]:
    if rules.bonding_within_months is None or reason != BONDING or event is None:
        return True, ""
    last_day = add_months(event, rules.bonding_within_months) - ONE_DAY
    words = {"months": rules.bonding_within_months, "event": date_text(event), "last_day": date_text(last_day)}
    if leave_start <= last_day:
        return True, _("bonding leave within %(months)s months of the birth or placement on %(event)s") % words
    return False, _(
        "bonding leave must be taken by %(last_day)s, within %(months)s months of the birth or placement on %(event)s"
    ) % words
