"""Actions on policy decisions that touch the database. Status changes belong to the desk's actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from cases.balance_cache import balances_changed
from cases.balances import case_time, roster_facts
from cases.models import Case
from policies.engine import CaseTime, Eligibility, RosterFacts, check_eligibility
from policies.models import DecisionStatus, Policy, PolicyDecision, ReasonPolicy

NOTE_LENGTH = PolicyDecision._meta.get_field("eligibility_note").max_length or 300
_ATTACHED = "_attached_answers"  # where attach_policies leaves its answers on the case instance


@dataclass(frozen=True)
class AttachedAnswers:
    """What attach_policies read and answered for one case, kept on that Case instance for the rest of its action
    (the submit's listeners: the eligibility notice states the same answers without reading or counting again)."""

    time: CaseTime
    decisions: dict[int, PolicyDecision] = field(default_factory=dict)  # by policy id: the decisions it attached
    eligibility: dict[int, Eligibility] = field(default_factory=dict)  # by policy id, when it was checked


@transaction.atomic(savepoint=False)  # all or nothing with its caller's transaction: nobody retries a part of it
def attach_policies(
    case: Case, *, bonding_event_date: date | None = None, new_case: bool = False
) -> list[PolicyDecision]:
    """Attach a pending decision for each active policy the case's reason implies, with its eligibility note.

    The bonding rule reads the case's child_event_date (or `bonding_event_date`, given). An employee who meets
    the service test during the leave gets the day in the decision's eligible_from (29 CFR 825.110(d)): the
    ledger charges the policy from that day only, and the note says so.

    Never refuses: a policy the employee looks ineligible for is attached too, its note saying why ("1,020 of
    1,250 hours worked in the last 12 months"), for a specialist to decide. Policies already on the case are
    left alone, so calling it twice attaches nothing new. Call it after the case's leave period and time
    entries are saved: the decision's dates are theirs. `new_case`: the case was made in this transaction, so it
    has no decision yet (nothing to read). What it read and answered stays on the case instance (AttachedAnswers).
    """
    time = case_time(case)
    if time is None:
        raise ValueError(f"case {case.case_number} has neither a leave period nor time entries")
    links = ReasonPolicy.objects.filter(reason=case.reason, policy__is_active=True).select_related("policy")
    attached = set() if new_case else set(case.decisions.values_list("policy_id", flat=True))
    answers = AttachedAnswers(time)
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
            answers.eligibility[link.policy_id] = eligibility
        decision = PolicyDecision(
            case=case,
            policy=link.policy,
            status=DecisionStatus.PENDING,
            start_date=time.start,
            end_date=time.end,
            eligibility_note=note[:NOTE_LENGTH],
            eligible_from=eligible_from,
        )
        decisions.append(decision)
        answers.decisions[link.policy_id] = decision
    attached_now = PolicyDecision.objects.bulk_create(decisions)
    balances_changed(employees=[case.employee_id])  # a bulk write sends no model signal
    setattr(case, _ATTACHED, answers)
    return attached_now


def attached_answers(case: Case) -> AttachedAnswers | None:
    """What attach_policies answered for this Case instance, when it was called on it (in the same action)."""
    answers = case.__dict__.get(_ATTACHED)
    return answers if isinstance(answers, AttachedAnswers) else None


def policy_decision(case: Case, policy_code: str) -> PolicyDecision | None:
    """The case's decision for the policy with this code (its policy loaded): the one attach_policies just made on
    this instance, else read (one query)."""
    answers = attached_answers(case)
    if answers is not None:
        for decision in answers.decisions.values():
            if decision.policy.code == policy_code:
                return decision
    return case.decisions.select_related("policy").filter(policy__code=policy_code).first()


def policy_eligibility(case: Case, policy: Policy) -> Eligibility | None:
    """The engine's answer attach_policies noted for this policy on this case (the eligibility notice states it);
    None when the employee has no roster record or the case no time. When attach_policies made the decision on
    this instance, the answer it kept; else checked again (the same answer: the same facts)."""
    answers = attached_answers(case)
    if answers is not None and policy.pk in answers.decisions:
        return answers.eligibility.get(policy.pk)
    time = case_time(case)
    record = case.employee.roster_record if case.employee.roster_record_id else None
    if time is None or record is None:
        return None
    return _eligibility(case, policy, roster_facts(record), time, case.child_event_date)


def _eligibility(case: Case, policy: Policy, facts: RosterFacts, time: CaseTime, event: date | None) -> Eligibility:
    return check_eligibility(
        policy.engine_rules(), facts, time.start, reason=case.reason, bonding_event_date=event, leave_end=time.end
    )
