"""Eligibility at a date: does the employee meet a policy's configured thresholds when the leave starts?

The answer never blocks filing: an ineligible policy is still attached, pending, with these reasons as its note
for a specialist to decide. FMLA (29 CFR 825.110): 12 months of service, counting earlier employment unless a
break of 7 years or more followed it (825.110(b), policies.engine.service), and 1,250 hours worked in the 12
months before the leave (825.110(c): the roster feed's figure dated nearest before it), determined as of the date
the leave starts (825.110(d)). An employee who reaches the 12 months during the leave is eligible from that day:
`eligible_from` gives it, and the ledger does not charge the leave before it. Leave to bond with a child must be
taken within 12 months of the birth or placement (825.120(a)(2); M.G.L. c.175M §2 for PFML family leave).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from policies.engine.bonding import BONDING, bonding_last_day, bonding_words
from policies.engine.facts import RosterFacts
from policies.engine.rules import EligibilityRules, PolicyRules
from policies.engine.service import HOURS_SOURCE, hours_on, service_on
from policies.engine.wording import date_text, hours_text

__all__ = ["BONDING", "Eligibility", "check_eligibility"]


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)  # why it looks ineligible; empty when eligible
    met: list[str] = field(default_factory=list)  # the thresholds met, for the desk's explanation
    # Not eligible when the leave starts, but from this day within it (29 CFR 825.110(d)).
    eligible_from: date | None = None
    lines: list[str] = field(default_factory=list)  # how service was counted (earlier employment)

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
    leave_end: date | None = None,
) -> Eligibility:
    """Check each configured threshold as of `leave_start`; a policy with none configured is eligible.

    Given `leave_end`, an employee short only of service who reaches it by then is eligible from that day."""
    rules = policy_rules.eligibility
    service_ok, service_text, reaches_on, lines = _service(rules, roster_facts, leave_start)
    checks = [
        (service_ok, service_text),
        _hours(rules, roster_facts, leave_start),
        _bonding(rules, leave_start, reason, bonding_event_date),
    ]
    failed = [text for passed, text in checks if text and not passed]
    met = [text for passed, text in checks if text and passed]
    others_ok = all(passed for passed, _text in checks[1:])
    if not service_ok and others_ok and reaches_on is not None and leave_end is not None and reaches_on <= leave_end:
        hours_ok, _hours_text = _hours(rules, roster_facts, reaches_on)
        if hours_ok:
            failed.append(
                _(
                    "meets the 12 months of service on %(day)s: leave from that day is FMLA, before it is not "
                    "[29 CFR 825.110(d)]"
                )
                % {"day": date_text(reaches_on)}
            )
            return Eligibility(False, failed, met, eligible_from=reaches_on, lines=lines)
    return Eligibility(eligible=not failed, reasons=failed, met=met, lines=lines)


def _service(
    rules: EligibilityRules, facts: RosterFacts, leave_start: date
) -> tuple[bool, str, date | None, list[str]]:
    if rules.min_months_of_service is None:
        return True, "", None, []
    service = service_on(
        facts.spells,
        facts.hire_date,
        leave_start,
        required_months=rules.min_months_of_service,
        max_break_years=rules.max_break_in_service_years,
    )
    text = _("%(months)s of %(required)s months of service") % {
        "months": service.months,
        "required": rules.min_months_of_service,
    }
    passed = service.months >= rules.min_months_of_service
    return passed, text, service.reaches_required_on, list(service.lines)


def _hours(rules: EligibilityRules, facts: RosterFacts, day: date) -> tuple[bool, str]:
    if rules.min_hours_worked is None:
        return True, ""
    report = hours_on(facts.hours_reports, day)
    if report is None:
        worked = facts.hours_worked_last_12_months
        text = _("%(worked)s of %(required)s hours worked in the last 12 months") % {
            "worked": hours_text(worked),
            "required": hours_text(rules.min_hours_worked),
        }
    else:
        worked = report.hours
        text = _("%(worked)s of %(required)s hours worked in the 12 months to %(day)s (roster feed) [%(source)s]") % {
            "worked": hours_text(worked),
            "required": hours_text(rules.min_hours_worked),
            "day": date_text(report.as_of),
            "source": HOURS_SOURCE,
        }
    return worked >= rules.min_hours_worked, text


def _bonding(rules: EligibilityRules, leave_start: date, reason: str, event: date | None) -> tuple[bool, str]:
    if rules.bonding_within_months is None or reason != BONDING or event is None:
        return True, ""
    words = bonding_words(event, rules.bonding_within_months)
    if leave_start <= bonding_last_day(event, rules.bonding_within_months):
        return True, _("bonding leave within %(months)s months of the birth or placement on %(event)s") % words
    return False, _(
        "bonding leave must be taken by %(last_day)s, within %(months)s months of the birth or placement on %(event)s"
    ) % words
