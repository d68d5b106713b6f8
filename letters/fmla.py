"""The FMLA's written notices, as letters: what each must say (29 CFR 825.300), from the engine's answers.

- `send_eligibility_notice(case)`: when a leave case with an FMLA decision is submitted (cases calls it in the
  submit transaction, registered in letters.apps): eligible, or not and why (825.300(b)), with the rights and
  responsibilities (825.300(c)): the 12-month period, the certification and its due date, paid-leave
  substitution, benefits, job restoration, key-employee status. Due within 5 business days of the request; it
  is sent at once.
- `send_designation_notice(case, decision, check, cause=…)`: when the desk approves or denies an FMLA decision
  (FMLA or FMLA military caregiver leave; desk.decisions through letters.decision_letters): designated or not,
  the hours counted (the engine's entitlement check) or, for intermittent leave, that time is counted as it is
  taken and the approved frequency and duration from the certification (825.300(d)(1), (d)(6)), paid-leave
  substitution and the fitness-for-duty requirement (825.300(d)).

The figures come from the engine (policies.engine through cases.decisions and cases.balances), never from here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from absence.calendar import fmla_notice_due
from absence.limits import CERTIFICATION_DUE_CALENDAR_DAYS
from absence.reasons import CaseReason
from cases.balances import case_time
from cases.certification import approved_pattern
from cases.decisions import attached_answers, policy_decision, policy_eligibility
from cases.models import Case, CaseKind, LeavePattern, PaymentOption, ReturnToWork
from cases.notify import long_date
from letters.issuing import LetterDraft, issue_draft, issue_letter
from letters.models import Letter, LetterKind
from policies.engine import Eligibility, EntitlementCheck
from policies.engine.wording import hours_text
from policies.models import DecisionStatus, PolicyDecision

FMLA = "fmla"
# The policies whose decisions are FMLA designations (29 CFR 825.300(d)): FMLA's own 12 workweeks and its 26
# workweeks of military caregiver leave (825.127).
FMLA_POLICIES = frozenset({FMLA, "fmla-military-caregiver"})
# The engine's reasons cite their sources ("[29 CFR 825.110(d)]") for the desk; a letter reads without them.
CITATION = re.compile(r"\s*\[[^\]]*\]")

# How the employer measures the 12-month period (settings.FMLA_PERIOD_METHOD, 29 CFR 825.200(b)).
PERIOD_WORDS = {
    "rolling_backward": _(
        "a rolling 12-month period measured backward from the date you use any FMLA leave: each time you take "
        "leave, you may use what is left of your 12 weeks after counting the leave you took in the 12 months before"
    ),
    "calendar_year": _("the calendar year, January 1 to December 31"),
    "fixed_leave_year": _("a fixed 12-month leave year that is the same for every employee"),
    "forward_from_first_use": _(
        "a 12-month period measured forward from the first day you take FMLA leave; the next period begins the "
        "first time you take FMLA leave after that period ends"
    ),
}
# The certification each reason needs, by the Department of Labor's forms (employers may use their own).
CERTIFICATION_WORDS = {
    CaseReason.EMPLOYEE_HEALTH: _("a certification of your own serious health condition from your health care "
                                  "provider (form WH-380-E, or one with the same content)"),
    CaseReason.PREGNANCY: _("a certification of your own serious health condition from your health care provider "
                            "(form WH-380-E, or one with the same content)"),
    CaseReason.FAMILY_HEALTH: _("a certification of your family member's serious health condition from their health "
                                "care provider (form WH-380-F, or one with the same content)"),
    CaseReason.MILITARY_CAREGIVER: _("a certification of the service member's serious injury or illness "
                                     "(form WH-385, or one with the same content)"),
    CaseReason.QUALIFYING_EXIGENCY: _("a certification of the qualifying exigency (form WH-384, or one with the same "
                                      "content)"),
}  # fmt: skip
BONDING_DOCUMENTS = _(
    "No medical certification is needed to bond with a child. We may ask for a document that shows your "
    "relationship to the child, such as a birth certificate or placement papers."
)
# Paid-leave substitution (29 CFR 825.207), by the payment option the employee chose.
PAYMENT_WORDS = {
    PaymentOption.EMPLOYER_PAID: _(
        "You chose to use your accrued paid leave (sick, and other accrued time such as comp, personal or vacation). "
        "It will be substituted for unpaid FMLA leave: it is paid and it counts against your FMLA entitlement at the "
        "same time."
    ),
    PaymentOption.DFML_ONLY: _(
        "You chose to be paid through the Department of Family and Medical Leave (DFML) during PFML leave only. No "
        "accrued paid leave is substituted: your agency does not pay you for this leave."
    ),
    PaymentOption.EMPLOYER_PAID_TO_DFML: _(
        "You chose to use your accrued paid leave first and then DFML benefits during PFML leave. The paid leave "
        "you use is substituted for unpaid FMLA leave and counts against your FMLA entitlement at the same time."
    ),
    PaymentOption.UNPAID: _(
        "You chose unpaid leave. No paid leave is substituted; your FMLA leave is unpaid."
    ),
}  # fmt: skip
NO_PAYMENT_CHOICE = _(
    "You did not choose how this leave is paid. You may use accrued paid leave at the same time as FMLA leave; "
    "call us to choose."
)


def _plain(reasons: list[str]) -> list[str]:
    return [CITATION.sub("", reason).strip() for reason in reasons]


def _payment(case: Case) -> str:
    return str(PAYMENT_WORDS[PaymentOption(case.payment_option)]) if case.payment_option else str(NO_PAYMENT_CHOICE)


def _leave_context(case: Case) -> dict[str, Any]:
    answers = attached_answers(case)  # the submit's, read when it attached the policies: not read again
    time = answers.time if answers is not None else case_time(case)
    intermittent = case.pattern == LeavePattern.INTERMITTENT
    return {
        "intermittent": intermittent,
        "leave_start": long_date(time.start) if time else "",
        "leave_end": long_date(time.end) if time else "",
        "reason_label": case.get_reason_display(),
        "payment": _payment(case),
    }


# --- The eligibility notice, with the rights and responsibilities --------------------------------


def send_eligibility_notice(case: Case) -> Letter | None:
    """The eligibility notice for a new leave case with an FMLA decision; None when there is nothing to state (no
    FMLA policy on the case, or no roster record to check eligibility against: the desk sees the note)."""
    if case.kind != CaseKind.LEAVE:
        return None
    decision = policy_decision(case, FMLA)
    if decision is None:
        return None
    eligibility = policy_eligibility(case, decision.policy)
    if eligibility is None:
        return None
    requested_on = timezone.localdate(case.submitted_at)
    return issue_letter(
        case,
        LetterKind.FMLA_ELIGIBILITY,
        str(_("Your FMLA eligibility and your rights and responsibilities")),
        eligibility_context(case, eligibility, requested_on),
        dedupe_key=f"case-{case.case_number}-fmla-eligibility",
        due_on=fmla_notice_due(requested_on),
        now=case.submitted_at,  # sent with the case, in its transaction
    )


def eligibility_context(case: Case, eligibility: Eligibility, requested_on: date) -> dict[str, Any]:
    reason = CaseReason(case.reason) if case.reason in CaseReason.values else None
    certification = CERTIFICATION_WORDS.get(reason) if reason else None
    return {
        **_leave_context(case),
        "requested_on": long_date(requested_on),
        "eligible": eligibility.eligible,
        "eligible_from": long_date(eligibility.eligible_from) if eligibility.eligible_from else "",
        "reasons": _plain(eligibility.reasons),
        "rights_apply": eligibility.eligible or eligibility.eligible_from is not None,
        "certification": str(certification) if certification else "",
        "bonding_documents": str(BONDING_DOCUMENTS) if reason == CaseReason.BONDING else "",
        "certification_due": long_date(requested_on + timedelta(days=CERTIFICATION_DUE_CALENDAR_DAYS)),
        "certification_days": CERTIFICATION_DUE_CALENDAR_DAYS,
        "period": str(PERIOD_WORDS[settings.FMLA_PERIOD_METHOD]),
    }


# --- The designation notice ----------------------------------------------------------------------


def send_designation_notice(
    case: Case, decision: PolicyDecision, check: EntitlementCheck | None, *, cause: str, note: str = ""
) -> Letter | None:
    """The designation notice for an FMLA decision just approved or denied; None for any other policy or status.

    `cause` names the change that decided it (the desk passes its audit event: "desk-event-12"), so a retried
    sitting sends no second letter while a later change of the decision sends its own. `note`: the paragraph the
    specialist added to the letter."""
    draft = designation_draft(case, decision, check)
    return issue_draft(case, draft, cause=cause, note=note) if draft is not None else None


def designation_draft(case: Case, decision: PolicyDecision, check: EntitlementCheck | None) -> LetterDraft | None:
    """The designation notice this decision calls for, not yet rendered; None for any other policy or status."""
    if decision.policy.code not in FMLA_POLICIES or decision.status not in (
        DecisionStatus.APPROVED,
        DecisionStatus.DENIED,
    ):
        return None
    decided_on = timezone.localdate(decision.decided_at or timezone.now())
    designated = decision.status == DecisionStatus.APPROVED
    subject = _("Your leave is designated as FMLA leave") if designated else _("Your leave is not FMLA leave")
    return LetterDraft(
        LetterKind.FMLA_DESIGNATION,
        str(subject),
        designation_context(case, decision, check),
        key="fmla-designation",
        due_on=fmla_notice_due(decided_on),
    )


def designation_context(case: Case, decision: PolicyDecision, check: EntitlementCheck | None) -> dict[str, Any]:
    designated = decision.status == DecisionStatus.APPROVED
    counted = remaining = None
    if designated and check is not None:
        counted = check.requested_hours - check.hours_beyond
        remaining = max(check.remaining_hours - counted, Decimal(0))
    return {
        **_leave_context(case),
        "designated": designated,
        "denial_reason": decision.denial_reason,
        "start": long_date(decision.start_date),
        "end": long_date(decision.end_date),
        "eligible_from": long_date(decision.eligible_from) if decision.eligible_from else "",
        "available_hours": hours_text(check.remaining_hours) if check is not None else "",
        "counted_hours": hours_text(counted) if counted is not None else "",
        "remaining_hours": hours_text(remaining) if remaining is not None else "",
        "not_covered_hours": hours_text(check.hours_beyond) if check is not None and check.exceeds else "",
        "runs_out_on": long_date(check.runs_out_on) if check is not None and check.exceeds and check.runs_out_on
        else "",
        "approved_pattern": approved_pattern(case),
        # Set on the desk before the designation (desk.returns), the only time 825.312(d) lets it be required.
        "fitness_for_duty_required": _fitness_for_duty_required(case),
    }  # fmt: skip


def _fitness_for_duty_required(case: Case) -> bool:
    try:
        return case.return_to_work.fitness_for_duty_required
    except ReturnToWork.DoesNotExist:
        return False
