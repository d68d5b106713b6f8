"""Actions on policy decisions that touch the database. Status changes belong to the desk's actions."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from cases.balance_cache import balances_changed
from cases.balances import case_time, roster_facts
from cases.models import Case
from policies.engine import CaseTime, Eligibility, RosterFacts, check_eligibility
from policies.models import DecisionStatus, Policy, PolicyDecision, ReasonPolicy

NOTE_LENGTH = PolicyDecision._meta.get_field("eligibility_note").max_length or 300


@transaction.atomic
def attach_policies(case: Case, *, bonding_event_date: date | None = None) -> list[PolicyDecision]:
    """Attach a pending decision for each active policy the case's reason implies, with its eligibility note.

    The bonding rule reads the case's child_event_date (or `bonding_event_date`, given). An employee who meets
    the service test during the leave gets the day in the decision's eligible_from (29 CFR 825.110(d)): the
    ledger charges the policy from that day only, and the note says so.

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
    facts = roster_facts(record) if record is not None else None
    event = bonding_event_date or case.child_event_date
    decisions = []
    for link in links:
        if link.policy_id in attached:
            continue
        eligible_from = None
        if facts is None:
            note = _("No roster record: eligibility was not checked")
        else:
            eligibility = _eligibility(case, link.policy, facts, time, event)
            note, eligible_from = eligibility.note, eligibility.eligible_from
        decisions.append(
            PolicyDecision(
                case=case,
                policy=link.policy,
                status=DecisionStatus.PENDING,
                start_date=time.start,
                end_date=time.end,
                eligibility_note=note[:NOTE_LENGTH],
                eligible_from=eligible_from,
            )
        )
    attached_now = PolicyDecision.objects.bulk_create(decisions)
    balances_changed(employees=[case.employee_id])  # a bulk write sends no model signal
    return attached_now


def policy_eligibility(case: Case, policy: Policy) -> Eligibility | None:
    """The engine's answer attach_policies noted for this policy on this case (the eligibility notice states it);
    None when the employee has no roster record or the case no time."""
    time = case_time(case)
    record = case.employee.roster_record if case.employee.roster_record_id else None
    if time is None or record is None:
        return None
    return _eligibility(case, policy, roster_facts(record), time, case.child_event_date)


def _eligibility(case: Case, policy: Policy, facts: RosterFacts, time: CaseTime, event: date | None) -> Eligibility:
    return check_eligibility(
        policy.engine_rules(), facts, time.start, reason=case.reason, bonding_event_date=event, leave_end=time.end
    )
