"""The letter each decision of the desk sends: the FMLA designation notice, or a decision letter for every other
policy the desk decides (MA PFML medical and family leave, Short Term Disability, the Sick Leave Bank).

`send_decision_letters(case, decision, check, cause=…, note=…)` runs in the decision sitting's transaction
(desk.decisions), once for each decision the sitting approved or denied; `decision_letter_drafts` gives the same
letters unrendered, for the desk's preview. Nothing is sent for a decision left pending, or for a policy the
employee's department decides (Employee Sick, Family Sick: the desk never changes those).

**One letter per policy, not one covering the sitting.** A sitting often decides PFML medical leave and Short
Term Disability together (and FMLA, whose designation notice is its own legal notice). Each decision letter
says one thing: this policy, these dates, these hours, yes or no and why — and, above all, how to disagree, which
differs by policy: a PFML decision is appealed to the Department of Family and Medical Leave within 10 calendar
days (458 CMR 2.14(3)), an employer plan's is reviewed by us. One letter mixing both routes would leave the
employee to work out which deadline goes with which decision, and the letter they file with an appeal would carry
another plan's decision. The sitting's one summary notice (desk_decisions_summary) already gives the overview;
each letter is the document to keep, and its dedupe key names its cause and its policy
("desk-event-12-pfml-medical-decision"). The specialist's paragraph, when given, goes into every letter of the
sitting.

**Figures are the engine's.** The hours counted, what is left, what is not covered and the day the entitlement
runs out are the entitlement check the desk made before saving (policies.engine.check_approval), printed with the
engine's own explanation lines (their citations left out, as in the FMLA notices). The engine does not compute a
weekly benefit amount (DFML sets and pays PFML benefits), so no letter states one; the PFML letter says who does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.balances import case_time
from cases.models import Case, LeavePattern, PaymentOption
from cases.notify import long_date
from letters.fmla import CITATION, NO_PAYMENT_CHOICE, PAYMENT_WORDS, designation_draft
from letters.issuing import LetterDraft, issue_draft
from letters.models import Letter, LetterKind
from policies.engine import EntitlementCheck
from policies.engine.wording import hours_text
from policies.models import DecidedBy, DecisionStatus, PolicyDecision

# MA PFML (M.G.L. c.175M): the decision is appealed to the Department of Family and Medical Leave within 10
# calendar days of receiving the notice of the determination, later only for circumstances beyond the employee's
# control (458 CMR 2.14(2)-(3); c.175M §8). DFML's contact for appeals, from mass.gov's "Request an appeal for
# Paid Family and Medical Leave".
PFML_POLICIES = frozenset({"pfml-medical", "pfml-family"})
PFML_APPEAL_CALENDAR_DAYS = 10
PFML_APPEAL_CITATION = "458 CMR 2.14; M.G.L. c.175M §8"
DFML = {"name": "Department of Family and Medical Leave (DFML)", "phone": "(833) 344-7365", "web": "paidleave.mass.gov"}


def decision_letter_drafts(case: Case, decision: PolicyDecision, check: EntitlementCheck | None) -> list[LetterDraft]:
    """The letters this decision, as just decided, sends (none while it is pending)."""
    designation = designation_draft(case, decision, check)
    if designation is not None:
        return [designation]
    if decision.policy.decided_by == DecidedBy.DEPARTMENT:
        return []
    if decision.status not in (DecisionStatus.APPROVED, DecisionStatus.DENIED):
        return []
    return [policy_decision_draft(case, decision, check)]


def send_decision_letters(
    case: Case, decision: PolicyDecision, check: EntitlementCheck | None, *, cause: str, note: str = ""
) -> list[Letter]:
    """Send the letters of this decision for this cause (the desk's audit event: "desk-event-12")."""
    return [issue_draft(case, draft, cause=cause, note=note) for draft in decision_letter_drafts(case, decision, check)]


def policy_decision_draft(case: Case, decision: PolicyDecision, check: EntitlementCheck | None) -> LetterDraft:
    approved = decision.status == DecisionStatus.APPROVED
    pfml = decision.policy.code in PFML_POLICIES
    words = {"policy": decision.policy.name}
    subject = _("Your request for %(policy)s is approved") if approved else _("Your request for %(policy)s is denied")
    return LetterDraft(
        LetterKind.PFML_DECISION if pfml else LetterKind.PLAN_DECISION,
        str(subject) % words,
        {**decision_context(case, decision, check), "pfml": pfml},
        key=f"{decision.policy.code}-decision",
    )


def decision_context(case: Case, decision: PolicyDecision, check: EntitlementCheck | None) -> dict[str, Any]:
    """What a decision letter states: the policy, the outcome and its dates, the engine's hours, how to disagree."""
    approved = decision.status == DecisionStatus.APPROVED
    time = case_time(case)
    counted = remaining = None
    if approved and check is not None:
        counted = check.requested_hours - check.hours_beyond
        remaining = max(check.remaining_hours - counted, Decimal(0))
    return {
        "policy_name": decision.policy.name,
        "approved": approved,
        "denial_reason": decision.denial_reason,
        "start": long_date(decision.start_date),
        "end": long_date(decision.end_date),
        "requested_start": long_date(time.start) if time else "",
        "requested_end": long_date(time.end) if time else "",
        "dates_differ": bool(time and (decision.start_date, decision.end_date) != (time.start, time.end)),
        "intermittent": case.pattern == LeavePattern.INTERMITTENT,
        "counted_hours": hours_text(counted) if counted is not None else "",
        "remaining_hours": hours_text(remaining) if remaining is not None else "",
        "not_covered_hours": hours_text(check.hours_beyond) if approved and check is not None and check.exceeds
        else "",
        "runs_out_on": long_date(check.runs_out_on) if approved and check is not None and check.exceeds
        and check.runs_out_on else "",
        "explanation": [CITATION.sub("", line).strip() for line in check.explanation] if approved and check else [],
        "payment": _payment(case),
        "appeal_days": PFML_APPEAL_CALENDAR_DAYS,
        "appeal_citation": PFML_APPEAL_CITATION,
        "dfml": DFML,
        "review_phone": settings.ADMINISTRATOR["phone"],
    }  # fmt: skip


def _payment(case: Case) -> str:
    return str(PAYMENT_WORDS[PaymentOption(case.payment_option)]) if case.payment_option else str(NO_PAYMENT_CHOICE)
