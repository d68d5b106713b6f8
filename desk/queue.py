"""The desk queue: new and open cases with their deadlines, filtered and searched in SQL.

The page costs the same number of queries for one case as for a hundred: every related row a
row needs (decisions and their policies, call notes, document requests, documents) is prefetched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from absence.calendar import DEFAULT_LOCATION, BusinessCalendar, specialist_contact_due, verification_call_due
from absence.limits import SPECIALIST_CONTACT_BUSINESS_DAYS, VERIFICATION_CALL_BUSINESS_DAYS
from cases.models import Case, CaseKind, Document, DocumentType, LeavePattern
from cases.returns import ReturnPlan, has_return_to_work, return_plan
from cases.status import CaseStatus, case_status
from desk.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    earliest_met,
    first_submission_due_on_or_after,
    local_date,
    start_of_day,
)
from desk.models import CallNote, CallPurpose, DocumentRequest
from policies.models import DecidedBy, DecisionStatus, PolicyDecision
from roster.calendars import calendars_by_location
from roster.models import RosterRecord


class QueueStatus(models.TextChoices):
    OPEN = "open", _("New and open")
    NEW = "new", _("New (no call yet)")
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Denied")
    CANCELLED = "cancelled", _("Cancelled")
    DEPARTMENT = "department", _("Unplanned (decided by the department)")
    ALL = "all", _("All cases")


class DeadlineFilter(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    DUE_TODAY = "due_today", _("Due today or overdue")
    OVERDUE_DOCUMENT = "overdue_document", _("Overdue document")


@dataclass(frozen=True)
class QueueFilters:
    status: str = QueueStatus.OPEN
    agency: str = ""
    policy: str = ""
    deadline: str = ""
    search: str = ""


def _decision(status: DecisionStatus) -> Exists:
    return Exists(PolicyDecision.objects.filter(case=OuterRef("pk"), status=status))


def _call_made(purpose: CallPurpose) -> Exists:
    return Exists(CallNote.objects.filter(case=OuterRef("pk"), purpose=purpose))


def _awaits_desk_decision() -> Exists:
    """A desk-decided policy still pending (Employee Sick and Family Sick are the department's to decide)."""
    return Exists(
        PolicyDecision.objects.filter(case=OuterRef("pk"), status=DecisionStatus.PENDING).exclude(
            policy__decided_by=DecidedBy.DEPARTMENT
        )
    )


def _decision_made() -> Exists:
    """A decision was made on the case (the first one meets its call deadlines, as a call note would)."""
    return Exists(PolicyDecision.objects.filter(case=OuterRef("pk"), decided_at__isnull=False))


def status_condition(status: str) -> Q:
    """The SQL condition for a queue status (the case-status rule of cases.status, for filtering)."""
    live = Q(cancelled_at__isnull=True)
    desk_pending = Q(_awaits_desk_decision())
    conditions = {
        QueueStatus.OPEN: live & desk_pending,
        QueueStatus.NEW: live & desk_pending & ~Q(Exists(CallNote.objects.filter(case=OuterRef("pk")))),
        QueueStatus.APPROVED: live & Q(kind=CaseKind.LEAVE) & Q(_decision(DecisionStatus.APPROVED)),
        QueueStatus.DENIED: live
        & Q(kind=CaseKind.LEAVE)
        & Q(_decision(DecisionStatus.DENIED))
        & ~Q(_decision(DecisionStatus.APPROVED))
        & ~Q(_decision(DecisionStatus.PENDING)),
        QueueStatus.CANCELLED: Q(cancelled_at__isnull=False),
        QueueStatus.DEPARTMENT: live & Q(kind=CaseKind.UNPLANNED),
    }
    return conditions.get(QueueStatus(status) if status in QueueStatus.values else QueueStatus.ALL, Q())


def _submitted_before(day: date) -> Q:
    return Q(submitted_at__lt=start_of_day(day))


def _answered() -> Exists:
    """An upload of the type a document request (the outer row) asked for, made on or after the request."""
    return Exists(
        Document.objects.filter(
            case=OuterRef("case"), document_type=OuterRef("document_type"), uploaded_at__gte=OuterRef("requested_at")
        )
    )


def outstanding_document_requests() -> QuerySet[DocumentRequest]:
    """Document requests not answered yet on cases not cancelled: what the daily reminders and the desk's
    document deadlines work on (cases.documents.requests.answers is the same rule for prefetched rows)."""
    return DocumentRequest.objects.filter(case__cancelled_at__isnull=True).exclude(_answered())


def _document_late(limit: date) -> Q:
    """A document asked for, due before `limit`, not answered yet."""
    return Q(Exists(outstanding_document_requests().filter(case=OuterRef("pk"), due_date__lt=limit)))


def with_deadline(cases: QuerySet[Case], deadline: str, today: date) -> QuerySet[Case]:
    """Cases with a deadline past (OVERDUE, OVERDUE_DOCUMENT: documents only) or falling on or before today
    (DUE_TODAY), still to be met.

    The SQL twin of `case_deadlines` (tested against it): only a live case has deadlines due; the call deadlines
    only while it awaits a desk decision, met by a call note of their purpose or by any decision made on the case;
    a document deadline, decided or not, by an upload of the type asked for, made after the request.
    """
    if deadline not in DeadlineFilter.values:
        return cases
    limit = today if deadline != DeadlineFilter.DUE_TODAY else today + timedelta(days=1)
    live = Q(cancelled_at__isnull=True)
    if deadline == DeadlineFilter.OVERDUE_DOCUMENT:
        return cases.filter(live & _document_late(limit))
    call_open = Q(kind=CaseKind.LEAVE) & Q(_awaits_desk_decision()) & ~Q(_decision_made())
    verification_due = first_submission_due_on_or_after(limit, VERIFICATION_CALL_BUSINESS_DAYS)
    contact_due = first_submission_due_on_or_after(limit, SPECIALIST_CONTACT_BUSINESS_DAYS)
    verification_late = _submitted_before(verification_due) & ~Q(_call_made(CallPurpose.VERIFICATION))
    contact_late = _submitted_before(contact_due) & ~Q(_call_made(CallPurpose.REVIEW))
    # call_open once for both calls: PostgreSQL then builds its subqueries once, not twice (bench/desk.py).
    call_late = call_open & (verification_late | contact_late)
    cases = cases.annotate(approved_end=_approved_end())
    return cases.filter(live & (call_late | _document_late(limit) | _return_due(limit)))


def _approved_end() -> Subquery:
    """The last day of the case's approved leave (the latest end of its approved decisions)."""
    approved = PolicyDecision.objects.filter(case=OuterRef("pk"), status=DecisionStatus.APPROVED).order_by()
    return Subquery(approved.values("case").annotate(last=Max("end_date")).values("last")[:1])


def _return_due(limit: date) -> Q:
    """A continuous leave whose expected return (cases.returns: the next business day of the work location after
    the approved end) falls before `limit`, and whose return is not recorded or whose fitness-for-duty
    certification, when required, has not arrived. One cut-off day per work location on the roster (and the
    default, for an employee without a record): reading them from the roster, not from `cases`, spares a query
    that evaluates the whole filter once more (70 of the overdue page's 560 ms of SQL at 10,000 cases)."""
    location = "employee__roster_record__work_location"
    on_roster = RosterRecord.objects.order_by().values_list("work_location", flat=True).distinct()
    locations = {DEFAULT_LOCATION, *(code or DEFAULT_LOCATION for code in on_roster)}
    expected_before = Q()
    for code, calendar in calendars_by_location(locations).items():
        # Ends before the cut-off are exactly those whose next business day falls before `limit`.
        cutoff = calendar.first_start_due_on_or_after(limit, 1)
        at = Q(**{location: code})
        if code == DEFAULT_LOCATION:
            at |= Q(**{location: ""}) | Q(**{f"{location}__isnull": True})
        expected_before |= at & Q(approved_end__lt=cutoff)
    certified = Document.objects.filter(
        case=OuterRef("pk"),
        document_type=DocumentType.RTW_NOTE,
        uploaded_at__gte=OuterRef("return_to_work__fitness_for_duty_required_at"),
    )
    open_task = Q(return_to_work__actual_return__isnull=True) | (
        Q(return_to_work__fitness_for_duty_required=True) & ~Q(Exists(certified))
    )
    if not expected_before:
        return Q(pk__in=[])
    return Q(kind=CaseKind.LEAVE, pattern=LeavePattern.CONTINUOUS) & expected_before & open_task


def with_search(cases: QuerySet[Case], search: str) -> QuerySet[Case]:
    """A case number, an employee number, or words of the employee's name."""
    search = search.strip()
    if not search:
        return cases
    if search.isdigit():
        return cases.filter(Q(case_number__startswith=search) | Q(employee__roster_record__employee_number=search))
    return cases.filter(name_words(search, "employee__"))


def name_words(search: str, user: str = "") -> Q:
    """Every word of `search` in the first or last name of the account (at the path `user`) or its roster record."""
    condition = Q()
    for word in search.split():
        condition &= (
            Q(**{f"{user}roster_record__first_name__icontains": word})
            | Q(**{f"{user}roster_record__last_name__icontains": word})
            | Q(**{f"{user}first_name__icontains": word})
            | Q(**{f"{user}last_name__icontains": word})
        )
    return condition


def filtered_queue(scope: QuerySet[Case], filters: QueueFilters, today: date) -> QuerySet[Case]:
    cases = scope.filter(status_condition(filters.status))
    if filters.agency:
        cases = cases.filter(employee__roster_record__agency=filters.agency)
    if filters.policy:
        cases = cases.filter(decisions__policy__code=filters.policy).distinct()
    cases = with_deadline(cases, filters.deadline, today)
    cases = with_search(cases, filters.search)
    return cases.order_by("submitted_at", "id")


def with_queue_details(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related("employee__roster_record", "leave_period", "return_to_work").prefetch_related(
        Prefetch("decisions", queryset=PolicyDecision.objects.select_related("policy")),
        Prefetch("call_notes", queryset=CallNote.objects.only("id", "case_id", "purpose", "called_at")),
        "document_requests",
        Prefetch("documents", queryset=Document.objects.only("id", "case_id", "document_type", "uploaded_at")),
    )


@dataclass(frozen=True)
class QueueRow:
    case: Case
    status: CaseStatus
    decisions: list[PolicyDecision]
    deadlines: list[Deadline]
    today: date

    @property
    def awaits_desk_decision(self) -> bool:
        return not self.case.is_cancelled and awaits_desk_decision(self.decisions)

    @property
    def is_new(self) -> bool:
        """No call yet on a case the desk still has to decide (the NEW status filter's rule)."""
        return self.awaits_desk_decision and not self.case.call_notes.all()

    @property
    def overdue(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.state(self.today) == DeadlineState.OVERDUE]

    @property
    def deadline_states(self) -> list[tuple[Deadline, DeadlineState]]:
        return [(d, d.state(self.today)) for d in self.deadlines]


def awaits_desk_decision(decisions: Iterable[PolicyDecision]) -> bool:
    """Whether a desk-decided policy is still pending (the department's Employee Sick and Family Sick aside)."""
    return any(d.status == DecisionStatus.PENDING and d.policy.decided_by != DecidedBy.DEPARTMENT for d in decisions)


def case_deadlines(case: Case, calendar: BusinessCalendar | None = None) -> list[Deadline]:
    """The case's deadlines from its prefetched decisions (with their policies), call notes, document requests
    and documents.

    The verification call and the specialist's contact are met by the first call note of their purpose or by
    the first decision made on the case, whichever came first; once the case no longer awaits a desk decision
    (all decided), only those met are kept, as a record. A document is met by the first upload of its type after
    the request, and stays due until then, decided or not. A continuous leave with approved time has its return
    to confirm on the expected return (met by the actual return) and, when required, its fitness-for-duty
    certification by then (met by an RTW note): `calendar` is the work location's (one query when not given).
    A cancelled case keeps only what was met.
    """
    decisions = list(case.decisions.all())
    deadlines: list[Deadline] = []
    if case.kind == CaseKind.LEAVE:
        deadlines += _call_deadlines(case, decisions)
    documents = list(case.documents.all())
    for document_request in case.document_requests.all():
        received = earliest_met(
            d.uploaded_at
            for d in documents
            if d.document_type == document_request.document_type and d.uploaded_at >= document_request.requested_at
        )
        label = str(document_request.get_document_type_display())
        deadlines.append(Deadline(DeadlineKind.DOCUMENT, document_request.due_date, received, label))
    plan = return_plan(case, decisions, documents, calendar or _calendar(case)) if has_return_to_work(case) else None
    if plan is not None:
        deadlines += return_deadlines(plan)
    if case.is_cancelled:
        return [d for d in deadlines if d.met_on is not None]
    return deadlines


def _calendar(case: Case) -> BusinessCalendar:
    record = case.employee.roster_record
    code = record.work_location if record is not None else None
    return calendars_by_location([code])[code or DEFAULT_LOCATION]


def return_deadlines(plan: ReturnPlan) -> list[Deadline]:
    deadlines = [Deadline(DeadlineKind.RETURN_TO_WORK, plan.expected_return, plan.actual_return)]
    if plan.fitness_for_duty_required:
        deadlines.append(
            Deadline(DeadlineKind.FITNESS_FOR_DUTY, plan.expected_return, plan.fitness_for_duty_received_on)
        )
    return deadlines


def _call_deadlines(case: Case, decisions: list[PolicyDecision]) -> list[Deadline]:
    submitted_on = local_date(case.submitted_at)
    notes = list(case.call_notes.all())
    decided = [d.decided_at for d in decisions if d.decided_at is not None]
    verified = earliest_met([*(n.called_at for n in notes if n.purpose == CallPurpose.VERIFICATION), *decided])
    reviewed = earliest_met([*(n.called_at for n in notes if n.purpose == CallPurpose.REVIEW), *decided])
    deadlines = [
        Deadline(DeadlineKind.VERIFICATION_CALL, verification_call_due(submitted_on), verified),
        Deadline(DeadlineKind.SPECIALIST_CONTACT, specialist_contact_due(submitted_on), reviewed),
    ]
    if not awaits_desk_decision(decisions):
        return [d for d in deadlines if d.met_on is not None]
    return deadlines


def queue_row(case: Case, today: date, calendars: dict[str, BusinessCalendar] | None = None) -> QueueRow:
    """The row of a case (with_queue_details); `calendars` by work location (`row_calendars`) saves a query a row."""
    decisions = list(case.decisions.all())
    status = case_status(kind=case.kind, cancelled=case.is_cancelled, decision_statuses=[d.status for d in decisions])
    record = case.employee.roster_record
    calendar = (calendars or {}).get((record.work_location if record is not None else "") or DEFAULT_LOCATION)
    deadlines = case_deadlines(case, calendar)
    return QueueRow(case=case, status=status, decisions=decisions, deadlines=deadlines, today=today)


def row_calendars(cases: Iterable[Case]) -> dict[str, BusinessCalendar]:
    """The calendars of the cases' work locations, in one query."""
    records = [case.employee.roster_record for case in cases]
    return calendars_by_location(record.work_location if record is not None else None for record in records)
