"""The desk's return-to-work actions: the actual return (and with it an early return), an extension, and whether
a fitness-for-duty certification is required (the rules are cases.returns).

Each runs in one transaction on the locked case and its ReturnToWork record, at the version the specialist's
form was read at (a change since refuses it: DeskActionError, nothing saved), and writes a line to the case's
history, an audit event and its notices in that transaction. Allowed while the employee is still on leave
(approved time, no actual return yet):

    on leave → returned            record_return (an early return shortens the approved decisions first)
    on leave → on leave            extend_leave (new pending decisions for the added dates), set_fitness_for_duty
    returned → nothing             (final: the return is recorded once)

An early return re-dates each approved decision that runs past the day before the return through
desk.decisions.decide_policies, as a specialist's change with its reason: the same checks, the same history
line, the engine's shorter charge, the employee's summary and, for FMLA, a new designation notice with the
hours now counted (29 CFR 825.300(d)(5): a change in the designation is told in writing).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import record
from audit.models import AuditAction
from cases.balance_cache import balances_changed
from cases.balances import calendar_of
from cases.events import record_event
from cases.models import AbsenceFor, Case, CaseEventKind, ReturnToWork
from cases.notify import long_date
from cases.returns import ReturnPlan, return_plan
from desk.actions import DeskActionError
from desk.decisions import DecisionChange, DecisionsRefused, decide_policies
from desk.notify import notify_employee
from letters.models import Letter, LetterKind
from policies.models import DecisionStatus, PolicyDecision

ONE_DAY = timedelta(days=1)


def _locked(case: Case, version: int) -> tuple[Case, ReturnToWork, ReturnPlan]:
    """The case and its return record, locked, checked to be at `version` and still on leave."""
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("employee__roster_record", "leave_period")
        .get(pk=case.pk)
    )
    if locked.is_cancelled:
        raise DeskActionError(_("This case was cancelled."))
    record_row, created = ReturnToWork.objects.select_for_update().get_or_create(case=locked)
    if created:
        record_row.version = 0  # the forms of a case with nothing recorded carry 0; the first change saves 1
    locked.return_to_work = record_row
    decisions = list(PolicyDecision.objects.filter(case=locked))
    plan = return_plan(locked, decisions, locked.documents.all(), calendar_of(locked.employee.roster_record))
    if plan is None:
        raise DeskActionError(_("A return to work is recorded on a continuous leave with approved time."))
    if record_row.version != version:
        raise DeskActionError(
            _("Someone changed the return to work while you were working on it. Nothing was saved: look at it again.")
        )
    if plan.actual_return is not None:
        raise DeskActionError(
            _("The return to work was already recorded on %(day)s.") % {"day": f"{plan.actual_return:%b %d, %Y}"}
        )
    return locked, record_row, plan


def _bump(record_row: ReturnToWork, **fields: object) -> None:
    for name, value in fields.items():
        setattr(record_row, name, value)
    record_row.version += 1
    record_row.save()


def record_return(
    case: Case, *, returned_on: date, version: int, by: User, request: HttpRequest | None = None
) -> ReturnToWork:
    """The employee came back on `returned_on` (on or after the leave's first day, not in the future). Before the
    expected return it is an early return: the approved time ends the day before."""
    with transaction.atomic():
        locked, record_row, plan = _locked(case, version)
        start = locked.leave_period.start_date
        if returned_on < start:
            raise DeskActionError(
                _("The return must be on or after the leave's first day, %(day)s.") % {"day": f"{start:%b %d, %Y}"}
            )
        if returned_on > timezone.localdate():
            raise DeskActionError(_("Record the return on the day the employee is back, not before."))
        if returned_on < plan.expected_return:
            _shorten(locked, returned_on, by=by, request=request)
            summary = _("Returned to work early on %(day)s (expected %(expected)s): the approved leave now ends "
                        "%(end)s")  # fmt: skip
        else:
            summary = _("Returned to work on %(day)s (expected %(expected)s)")
        summary = summary % {
            "day": f"{returned_on:%b %d, %Y}",
            "expected": f"{plan.expected_return:%b %d, %Y}",
            "end": f"{returned_on - ONE_DAY:%b %d, %Y}",
        }
        _bump(record_row, actual_return=returned_on)
        record_event(locked, CaseEventKind.RETURN_TO_WORK, summary, actor=by)
        record(by, AuditAction.RECORDED_RETURN, case=locked, target=f"case {locked.pk}", detail=summary,
               request=request)  # fmt: skip
    return record_row


def _shorten(case: Case, returned_on: date, *, by: User, request: HttpRequest | None) -> None:
    last_day = returned_on - ONE_DAY
    reason = _("The employee returned to work early, on %(day)s.") % {"day": f"{returned_on:%b %d, %Y}"}
    decisions = PolicyDecision.objects.filter(case=case, status=DecisionStatus.APPROVED, end_date__gt=last_day)
    changes = []
    for decision in decisions.select_related("policy"):
        if decision.start_date > last_day:
            raise DeskActionError(
                _("%(policy)s is approved from %(start)s, on or after the return: change that decision first.")
                % {"policy": decision.policy.name, "start": f"{decision.start_date:%b %d, %Y}"}
            )
        changes.append(
            DecisionChange(
                decision.pk, decision.version, DecisionStatus.APPROVED, decision.start_date, last_day,
                change_reason=reason, beyond_entitlement_reason=decision.beyond_entitlement_reason,
                leave_began=decision.leave_began,
            )
        )  # fmt: skip
    try:
        decide_policies(case, changes, by=by, request=request)
    except DecisionsRefused as refused:
        problems = [message for fields in refused.problems.values() for message in fields.values()]
        raise DeskActionError(" ".join(problems) or _("The approved time could not be shortened.")) from None


def extend_leave(
    case: Case, *, new_end: date, version: int, by: User, request: HttpRequest | None = None
) -> list[PolicyDecision]:
    """The leave goes on to `new_end`, after the approved end: the case's dates reach it, and each policy approved
    to the end gets a pending decision for the added days (its benefit year and eligibility carried over), so the
    case is back on the desk for a decision. The employee is told."""
    with transaction.atomic():
        locked, record_row, plan = _locked(case, version)
        if new_end <= plan.approved_end:
            raise DeskActionError(
                _("The new end date must be after the approved end, %(day)s.")
                % {"day": f"{plan.approved_end:%b %d, %Y}"}
            )
        period = locked.leave_period
        if new_end > period.end_date:
            period.end_date = new_end
            period.save(update_fields=["end_date"])
        first_added = plan.approved_end + ONE_DAY
        approved = PolicyDecision.objects.filter(
            case=locked, status=DecisionStatus.APPROVED, end_date=plan.approved_end
        )
        added = PolicyDecision.objects.bulk_create(
            PolicyDecision(
                case=locked, policy=d.policy, status=DecisionStatus.PENDING, start_date=first_added, end_date=new_end,
                eligibility_note=d.eligibility_note, eligible_from=d.eligible_from,
                leave_began=d.leave_began or d.start_date,
            )
            for d in approved.select_related("policy")
        )  # fmt: skip
        balances_changed(employees=[locked.employee_id])  # a bulk write sends no model signal
        names = ", ".join(d.policy.name for d in added)
        summary = _("Leave extended to %(end)s: %(first)s to %(end)s await a decision (%(policies)s)") % {
            "end": f"{new_end:%b %d, %Y}",
            "first": f"{first_added:%b %d, %Y}",
            "policies": names,
        }
        _bump(record_row)
        record_event(locked, CaseEventKind.RETURN_TO_WORK, summary, actor=by)
        event = record(by, AuditAction.EXTENDED_LEAVE, case=locked, target=f"case {locked.pk}", detail=summary,
                       request=request)  # fmt: skip
        context = {"first_added": long_date(first_added), "new_end": long_date(new_end),
                   "policies": [d.policy.name for d in added]}  # fmt: skip
        notify_employee(locked, "desk_leave_extended", context, event=event)
    return added


def set_fitness_for_duty(
    case: Case, *, required: bool, version: int, by: User, request: HttpRequest | None = None
) -> ReturnToWork:
    """Record whether the employee must give a fitness-for-duty certification to return (29 CFR 825.312).

    Only for the employee's own serious health condition (825.312(a)), and only while the FMLA designation notice
    has not yet told them that none is required (825.312(d): the requirement must be in that notice). The
    employee is told either way.
    """
    with transaction.atomic():
        locked, record_row, _plan = _locked(case, version)
        if required == record_row.fitness_for_duty_required:
            return record_row
        if required:
            _check_fitness_for_duty_allowed(locked)
        _bump(
            record_row,
            fitness_for_duty_required=required,
            fitness_for_duty_required_at=timezone.now() if required else None,
        )
        summary = (
            _("A fitness-for-duty certification is required to return to work")
            if required
            else _("A fitness-for-duty certification is no longer required to return to work")
        )
        record_event(locked, CaseEventKind.RETURN_TO_WORK, summary, actor=by)
        event = record(by, AuditAction.SET_FITNESS_FOR_DUTY, case=locked, target=f"case {locked.pk}",
                       detail=summary, request=request)  # fmt: skip
        notify_employee(locked, "desk_fitness_for_duty", {"required": required}, event=event)
    return record_row


def _check_fitness_for_duty_allowed(case: Case) -> None:
    if case.absence_for != AbsenceFor.MYSELF:
        raise DeskActionError(
            _("A fitness-for-duty certification is asked only of an employee returning from leave for their own "
              "serious health condition (29 CFR 825.312(a)).")
        )  # fmt: skip
    told = Letter.objects.filter(case=case, kind=LetterKind.FMLA_DESIGNATION).order_by("created_at").first()
    if told is not None:
        raise DeskActionError(
            _("The FMLA designation notice of %(day)s told the employee no fitness-for-duty certification is "
              "required, and it cannot be required without being in that notice (29 CFR 825.312(d)).")
            % {"day": f"{timezone.localtime(told.created_at):%b %d, %Y}"}
        )  # fmt: skip
