"""Actions on policy decisions that touch the database. Status changes belong to the desk's actions."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from cases.balances import case_time, roster_facts
from cases.models import Case
from policies.engine import check_eligibility
from policies.models import DecisionStatus, PolicyDecision, ReasonPolicy

NOTE_LENGTH = PolicyDecision._meta.get_field("eligibility_note").max_length or 300


@transaction.atomic
def attach_policies(case: Case, *, bonding_event_date: date | None = None) -> list[PolicyDecision]:
    """Attach a pending decision for each active policy the case's reason implies, with its eligibility note.

    Never refuses: a policy the employee looks ineligible for is attached too, its note saying why ("1,020 of
    1,250 hours worked in the last 12 months"), for a specialist to decide. Policies already on the case are
    left alone, so calling it twice attaches nothing new. Call it after the case's leave period and time
    entries are saved: the decision's dates are theirs.
    """
    time = case_time(case)
    if time is None:
        raise ValueError(f"case {case.case_number} has neither a leave period nor time entries")
    links = ReasonPolicy.objects.filter(reason=case.reason, policy__is_active=True).select_related("policy")
    attached = set(case.decisions.values_list("policy_id", flat=True))
    record = case.employee.roster_record if case.employee.roster_record_id else None
    decisions = []
    for link in links:
        if link.policy_id in attached:
            continue
        if record is None:
            note = _("No roster record: eligibility was not checked")
        else:
            eligibility = check_eligibility(
                link.policy.engine_rules(),
                roster_facts(record),
                time.start,
                reason=case.reason,
                bonding_event_date=bonding_event_date,
            )
            note = eligibility.note
        decisions.append(
            PolicyDecision(
                case=case,
                policy=link.policy,
                status=DecisionStatus.PENDING,
                start_date=time.start,
                end_date=time.end,
                eligibility_note=note[:NOTE_LENGTH],
            )
        )
    return PolicyDecision.objects.bulk_create(decisions)
