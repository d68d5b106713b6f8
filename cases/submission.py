"""The submit actions: a complete request becomes a case, in one transaction, exactly once.

`submit_leave_request(request)` and `submit_unplanned_absence(request)` take the typed requests intake
builds from a complete draft (cases.requests), create the case with its reasons, its leave period or time
entries, and a pending policy decision for each policy its reason implies, with its eligibility note
(cases.decisions.attach_policies), and record its notices in the same transaction: the employee's
confirmation by the chosen channel and, for continuous leave and unplanned absences, the supervisor's
absence notice with dates and hours but never the reason.

Apps above cases that must act on a new leave case in its transaction (letters: the eligibility notice) register
a callback with `on_leave_submitted` when the apps load: cases never imports them, and what they write commits
or rolls back with the case.

While the action runs, the Case instance it made says so (`new_case_in_hand`): the listeners of its events (the
desk's tasks) may then take what the action holds, a brand-new case's rows, instead of reading them again.

The request's key (the draft's id) is the case's unique `submission_key`: a second submit of the same
request (another tab, a double click, a retried request) finds the case the first one made (its insert refused).

A supervisor may file for a direct report, and an HR professional for an employee of their agency
(`request.filed_by`): the case is the employee's, records who
filed it, carries no reason (`add_case_reasons` lets the employee give it afterwards) and the employee's
confirmation goes by the employee's own channel. The supervisor's absence notice still goes out: it is the
same record of the absence every supervisor gets, and the one the next supervisor in line would rely on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from absence import clock, limits
from absence.calendar import specialist_contact_due
from absence.windows import one_year_span
from cases.balance_cache import balances_changed, balances_changed_once
from cases.decisions import attach_policies
from cases.events import followed_once, record_event
from cases.models import (
    AbsenceFor,
    Case,
    CaseCondition,
    CaseEventKind,
    CaseKind,
    CaseReason,
    LeavePattern,
    LeavePeriod,
    TimeEntry,
)
from cases.notify import absence_lines, notify_employee, notify_supervisor, period_line
from cases.numbers import random_case_number
from cases.requests import Filer, LeaveRequest, RequestRefusedError, UnplannedRequest
from cases.time_entries import add_time_entries
from conditions.vocabulary import Reason
from notices.sending import handed_over_together, keys_never_used

if TYPE_CHECKING:
    from accounts.models import User

_LEAVE_SUBMITTED: list[Callable[[Case], object]] = []
_IN_HAND = "_new_case_in_hand"  # where the action marks the Case instance it is making
# A new case's insert is refused when its random number is taken (about 1 in 9 billion per case on the books):
# the whole submit is tried again with a new number, at most this many times in all.
CREATE_ATTEMPTS = 3


def on_leave_submitted(callback: Callable[[Case], object]) -> None:
    """Call `callback(case)` for each new leave case, in its transaction, after its own notices (once per callback,
    however often it is registered)."""
    if callback not in _LEAVE_SUBMITTED:
        _LEAVE_SUBMITTED.append(callback)


def submit_leave_request(request: LeaveRequest, *, now: datetime | None = None) -> Case:
    """Create the protected leave case the request describes (or find the one it made)."""
    moment = now or timezone.now()
    return _submit_once(request.submission_key, lambda: _create_leave_case(request, moment))


def submit_unplanned_absence(request: UnplannedRequest, *, now: datetime | None = None) -> Case:
    """Create the unplanned absence case the request describes (or find the one it made)."""
    moment = now or timezone.now()
    return _submit_once(request.submission_key, lambda: _create_unplanned_case(request, moment))


@dataclass(frozen=True)
class NewCase:
    """The rows a submit wrote for the case it is making, beyond the Case itself, its leave period (cached on the
    instance) and its decisions (cases.decisions.attached_answers): its time entries. Nothing else of the case exists
    yet but what the action's listeners write on this same instance (its history, its notices and letters)."""

    time_entries: tuple[TimeEntry, ...] = ()


def new_case_in_hand(case: Case) -> NewCase | None:
    """What the submit action wrote for this Case instance, while the action that made it is running; None for any
    other instance, and for this one once the action is over (a later change reads the case as usual)."""
    in_hand = case.__dict__.get(_IN_HAND)
    return in_hand if isinstance(in_hand, NewCase) else None


@contextmanager
def _in_hand(case: Case, time_entries: list[TimeEntry]) -> Iterator[None]:
    """Within the block, the instance is a new case in hand (see `new_case_in_hand`), its time entries answered
    from those the action wrote (cases.balances.case_time reads them), and every dedupe key its notices and letters
    get names its new number, which nothing can hold yet (notices.sending.keys_never_used); never after it."""
    cache = case.__dict__.setdefault("_prefetched_objects_cache", {})
    in_order = sorted(time_entries, key=lambda entry: entry.date)  # as TimeEntry's Meta orders them
    cache["time_entries"] = primed_queryset(case, "time_entries", in_order)
    case.__dict__[_IN_HAND] = NewCase(tuple(time_entries))
    try:
        with keys_never_used():
            yield
    finally:
        case.__dict__.pop(_IN_HAND, None)
        cache.pop("time_entries", None)


def primed_queryset(case: Case, relation: str, objects: list[Any]) -> QuerySet[Any]:
    """The instance's `relation` as a prefetch would leave it, holding `objects` (store it in the instance's
    `_prefetched_objects_cache` under the relation's name for `.all()` to answer it without a query)."""
    cache = case.__dict__.get("_prefetched_objects_cache", {})
    held = cache.pop(relation, None)  # a queryset made while one is primed would be that one
    queryset: QuerySet[Any] = getattr(case, relation).all()
    if held is not None:
        cache[relation] = held
    queryset._result_cache = objects
    queryset._prefetch_done = True  # type: ignore[attr-defined]  # Django's own mark of a prefetched queryset
    return queryset


def submitted_case(submission_key: UUID) -> Case | None:
    """The case a request has already become, if any."""
    return Case.objects.filter(submission_key=submission_key).first()


def _submit_once(submission_key: UUID, create: Callable[[], Case]) -> Case:
    """Create the case, or find the one this request already made. Not looked up first: the case's insert is the
    create's first write, and a key already used fails it at once (the unique submission_key), so a repeat costs
    one refused insert and the first submit costs no lookup."""
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        try:
            # The balances' stamps change once, at the end, for all that the submit writes (cases.balance_cache),
            # and its notices go to the broker in one hand-over after the commit (notices.sending).
            with transaction.atomic(), balances_changed_once(), handed_over_together():
                return create()
        except IntegrityError:
            # This request was submitted before (or by another request at the same moment): its case stands.
            winner = submitted_case(submission_key)
            if winner is not None:
                return winner
            if attempt == CREATE_ATTEMPTS:
                raise
            # Else the random case number was taken (the one unique field a new case can share): a new one.
    raise AssertionError("unreachable")  # the loop returns or raises


# --- Creating the case -------------------------------------------------------------------------


def _new_case(employee: User, key: UUID, now: datetime, *, filed_by: Filer | None, **fields: object) -> Case:
    if filed_by is not None and filed_by.user.pk == employee.pk:
        filed_by = None  # filing for yourself is not filing for someone else
    return Case.objects.create(
        case_number=random_case_number(),  # unchecked: a number taken makes _submit_once try again
        employee=employee,
        filed_by=filed_by.user if filed_by else None,
        filed_as=filed_by.role if filed_by else "",
        submitted_at=now,
        submission_key=key,
        **fields,
    )


def _add_conditions(case: Case, reasons: tuple[Reason, ...]) -> None:
    CaseCondition.objects.bulk_create(
        CaseCondition(case=case, label=reason.label[: limits.MAX_REASON_LENGTH], code=reason.code or "", position=i)
        for i, reason in enumerate(reasons)
    )
    balances_changed(employees=[case.employee_id])  # one statement, no signal: the case page lists the reasons


def _create_leave_case(request: LeaveRequest, now: datetime) -> Case:
    contact = request.contact
    by_email = contact.by_email
    case = _new_case(
        request.employee,
        request.submission_key,
        now,
        filed_by=request.filed_by,
        kind=CaseKind.LEAVE,
        reason=request.reason,
        pattern=LeavePattern.CONTINUOUS if request.continuous else LeavePattern.INTERMITTENT,
        payment_option=request.payment_option,
        work_related=request.work_related,
        contact_by_email=by_email,
        email=contact.email if by_email else "",
        address_line1="" if by_email else contact.address_line1,
        address_line2="" if by_email else contact.address_line2,
        city="" if by_email else contact.city,
        state="" if by_email else contact.state,
        zip_code="" if by_email else contact.zip_code,
        phone=contact.phone,
        best_time_to_reach=contact.best_time,
        child_event_date=request.child_event_date,
    )
    _add_conditions(case, request.conditions)
    entries: list[TimeEntry] = []
    if request.continuous:
        if request.start is None or request.end is None:
            raise ValueError("a continuous leave request needs its start and end dates")
        start, end = request.start, request.end
    else:
        entries = add_time_entries(case, request.days)
        first_day = min((entry.day for entry in request.days), default=timezone.localdate(now))
        start, end = one_year_span(first_day)
    LeavePeriod.objects.create(case=case, start_date=start, end_date=end)
    # The submission and its notices: the desk's tasks follow them once, not per event, from what is in hand.
    with _in_hand(case, entries):
        attach_policies(case, new_case=True)
        with followed_once():
            _record_leave_submitted(case, request, start, end)
    return case


def _record_leave_submitted(case: Case, request: LeaveRequest, start: date, end: date) -> None:
    """The submission's history line, its notices, and the listeners' (the eligibility letter, the owner)."""
    record_event(case, CaseEventKind.SUBMITTED, _submitted_summary(case, start, end), actor=_actor(request))
    _send_leave_notices(case)
    for callback in _LEAVE_SUBMITTED:
        callback(case)


def _create_unplanned_case(request: UnplannedRequest, now: datetime) -> Case:
    employee = request.employee
    record = employee.roster_record
    myself = request.absence_for == AbsenceFor.MYSELF
    case = _new_case(
        employee,
        request.submission_key,
        now,
        filed_by=request.filed_by,
        kind=CaseKind.UNPLANNED,
        reason=CaseReason.EMPLOYEE_SICK if myself else CaseReason.FAMILY_SICK,
        absence_for=request.absence_for,
        relationship=request.relationship,
        overtime_shift=request.overtime_shift,
        contact_by_email=True,
        email=employee.email or (record.work_email if record else ""),
    )
    _add_conditions(case, () if request.condition is None else (request.condition,))
    entries = add_time_entries(case, [request.day])
    summary = f"{case.get_kind_display()}: {absence_lines([request.day])[0]}"
    with _in_hand(case, entries):  # as for a leave: the tasks follow once, from what is in hand
        attach_policies(case, new_case=True)
        with followed_once():
            record_event(case, CaseEventKind.SUBMITTED, summary, actor=_actor(request))
            _send_unplanned_notices(case, request, entries)
    return case


def add_case_reasons(case: Case, reasons: tuple[Reason, ...], *, actor: User) -> None:
    """The employee gives the reason for a case someone else filed for them (it was submitted without one).

    Refused when the case is not the actor's, was not filed by someone else, is cancelled, or has its reason
    already (it is changed by calling Workpartners, as for any case), or when there are too many reasons.
    """
    most = limits.MAX_UNPLANNED_REASONS if case.kind == CaseKind.UNPLANNED else limits.MAX_LEAVE_REASONS
    if not reasons or len(reasons) > most:
        raise RequestRefusedError(str(limits.too_many_reasons(most) if reasons else limits.NO_REASON))
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.employee_id != actor.pk or locked.filed_by_id is None:
            raise RequestRefusedError("Only the employee can add the reason for an absence reported for them.")
        if locked.is_cancelled:
            raise RequestRefusedError("This case was cancelled.")
        if locked.conditions.exists():
            raise RequestRefusedError("The reason for this absence was already given.")
        _add_conditions(locked, reasons)
        # The summary says that a reason was given, never what it is (the history is read on the desk).
        record_event(locked, CaseEventKind.REASON_ADDED, "The employee added the reason for the absence", actor=actor)


def _actor(request: LeaveRequest | UnplannedRequest) -> User:
    return request.filed_by.user if request.filed_by else request.employee


def _submitted_summary(case: Case, start: date, end: date) -> str:
    return f"{case.get_pattern_display()} leave requested, {start:%b %d, %Y} – {end:%b %d, %Y}"


# --- Notices, in the same transaction ----------------------------------------------------------


def _send_leave_notices(case: Case) -> None:
    period = case.leave_period
    context = {
        "period": period,
        "reach_out_by": specialist_contact_due(timezone.localdate(case.submitted_at)),
        "contact_business_days": limits.SPECIALIST_CONTACT_BUSINESS_DAYS,
    }
    notify_employee(case, "intake_leave_confirmation", context, dedupe_key=f"case-{case.case_number}-confirmation")
    if case.pattern == LeavePattern.CONTINUOUS:
        record = case.employee.roster_record
        scheduled = clock.scheduled_day_minutes(record.scheduled_hours_per_day if record else None)
        lines = [period_line(period.start_date, period.end_date, scheduled)]
        notify_supervisor(
            case, "case_supervisor_absence", {"lines": lines}, dedupe_key=f"case-{case.case_number}-supervisor"
        )


def _send_unplanned_notices(case: Case, request: UnplannedRequest, entries: list[TimeEntry]) -> None:
    notify_employee(
        case,
        "intake_unplanned_confirmation",
        {"entries": entries},
        dedupe_key=f"case-{case.case_number}-confirmation",
    )
    notify_supervisor(
        case,
        "case_supervisor_absence",
        {"lines": absence_lines([request.day])},
        dedupe_key=f"case-{case.case_number}-supervisor",
    )
