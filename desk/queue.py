"""The desk queue: new and open cases with their deadlines, filtered and searched in SQL.

The page costs the same number of queries for one case as for a hundred: every related row a
row needs (decisions and their policies, call notes, document requests, documents) is prefetched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from django.db import models
from django.db.models import Case as Choice
from django.db.models import (
    DateField,
    Exists,
    Expression,
    F,
    Max,
    Min,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Least, Lower, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from absence.calendar import (
    DEFAULT_LOCATION,
    OFFICE_CALENDAR,
    BusinessCalendar,
    specialist_contact_due,
    verification_call_due,
)
from absence.limits import SPECIALIST_CONTACT_BUSINESS_DAYS, VERIFICATION_CALL_BUSINESS_DAYS
from cases.models import Case, CaseKind, Document, DocumentType, LeavePattern, TimeEntry
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
from desk.models import CALL_OUTCOMES_MEETING_DEADLINES, CallNote, CallPurpose, DocumentRequest
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


class QueueSort(models.TextChoices):
    """The queue's sort keys; a leading "-" sorts the other way (`sort_key`)."""

    DEADLINE = "deadline", _("Next deadline")
    SUBMITTED = "submitted", _("Submitted")
    EMPLOYEE = "employee", _("Employee")
    AGENCY = "agency", _("Agency")


DESCENDING = "-"
SORT_CHOICES = [
    (QueueSort.DEADLINE.value, _("Next deadline, earliest first")),
    (DESCENDING + QueueSort.DEADLINE, _("Next deadline, latest first")),
    (QueueSort.SUBMITTED.value, _("Submitted, oldest first")),
    (DESCENDING + QueueSort.SUBMITTED, _("Submitted, newest first")),
    (QueueSort.EMPLOYEE.value, _("Employee, A to Z")),
    (DESCENDING + QueueSort.EMPLOYEE, _("Employee, Z to A")),
    (QueueSort.AGENCY.value, _("Agency, A to Z")),
    (DESCENDING + QueueSort.AGENCY, _("Agency, Z to A")),
]


@dataclass(frozen=True)
class QueueFilters:
    status: str = QueueStatus.OPEN
    agency: str = ""
    policy: str = ""
    deadline: str = ""
    search: str = ""
    sort: str = QueueSort.DEADLINE


def sort_key(sort: str) -> tuple[QueueSort, bool]:
    """(the key, descending?) of a sort value; an unknown one is the default, the next deadline first."""
    key = sort.removeprefix(DESCENDING)
    if key not in QueueSort.values:
        return QueueSort.DEADLINE, False
    return QueueSort(key), sort.startswith(DESCENDING)


def _decision(status: DecisionStatus) -> Exists:
    return Exists(PolicyDecision.objects.filter(case=OuterRef("pk"), status=status))


def _call_made(purpose: CallPurpose) -> Exists:
    """A call of that purpose that got through (reached, or a message left: CALL_OUTCOMES_MEETING_DEADLINES)."""
    return Exists(
        CallNote.objects.filter(case=OuterRef("pk"), purpose=purpose, outcome__in=CALL_OUTCOMES_MEETING_DEADLINES)
    )


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
    only while it awaits a desk decision, met by a call of their purpose that got through or by any decision made on
    the case;
    a document deadline, decided or not, by an upload of the type asked for, made after the request.
    """
    if deadline not in DeadlineFilter.values:
        return cases
    limit = today if deadline != DeadlineFilter.DUE_TODAY else today + timedelta(days=1)
    live = Q(cancelled_at__isnull=True)
    if deadline == DeadlineFilter.OVERDUE_DOCUMENT:
        return cases.filter(live & _document_late(limit))
    verification_due = first_submission_due_on_or_after(limit, VERIFICATION_CALL_BUSINESS_DAYS)
    contact_due = first_submission_due_on_or_after(limit, SPECIALIST_CONTACT_BUSINESS_DAYS)
    verification_late = _submitted_before(verification_due) & ~Q(_call_made(CallPurpose.VERIFICATION))
    contact_late = _submitted_before(contact_due) & ~Q(_call_made(CallPurpose.REVIEW))
    # _call_open once for both calls: PostgreSQL then builds its subqueries once, not twice (bench/desk.py).
    call_late = _call_open() & (verification_late | contact_late)
    cases = _with_approved_end(cases)
    return cases.filter(live & (call_late | _document_late(limit) | _return_due(limit)))


def _call_open() -> Q:
    """A leave whose call deadlines are still due: a desk decision awaited, and none made yet."""
    return Q(kind=CaseKind.LEAVE) & Q(_awaits_desk_decision()) & ~Q(_decision_made())


def _with_approved_end(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with `approved_end`: the last day of the case's approved leave (the latest end of its approved
    decisions)."""
    if "approved_end" in cases.query.annotations:
        return cases
    approved = PolicyDecision.objects.filter(case=OuterRef("pk"), status=DecisionStatus.APPROVED).order_by()
    last = approved.values("case").annotate(last=Max("end_date")).values("last")[:1]
    return cases.annotate(approved_end=Subquery(last))


WORK_LOCATION = "employee__roster_record__work_location"


def _at_location(code: str) -> Q:
    """Cases whose employee works at `code` (a blank or missing work location is the default's)."""
    at = Q(**{WORK_LOCATION: code})
    if code == DEFAULT_LOCATION:
        at |= Q(**{WORK_LOCATION: ""}) | Q(**{f"{WORK_LOCATION}__isnull": True})
    return at


def _return_open() -> Q:
    """A continuous leave whose return is not recorded, or whose fitness-for-duty certification, when required,
    has not arrived (cases.returns; the expected return itself depends on the approved end)."""
    certified = Document.objects.filter(
        case=OuterRef("pk"),
        document_type=DocumentType.RTW_NOTE,
        uploaded_at__gte=OuterRef("return_to_work__fitness_for_duty_required_at"),
    )
    open_task = Q(return_to_work__actual_return__isnull=True) | (
        Q(return_to_work__fitness_for_duty_required=True) & ~Q(Exists(certified))
    )
    return Q(kind=CaseKind.LEAVE, pattern=LeavePattern.CONTINUOUS) & open_task


def _return_due(limit: date) -> Q:
    """A continuous leave whose expected return (cases.returns: the next business day of the work location after
    the approved end) falls before `limit`, and whose return is not recorded or whose fitness-for-duty
    certification, when required, has not arrived. One cut-off day per work location on the roster (and the
    default, for an employee without a record): reading them from the roster, not from the filtered cases, spares a
    query that evaluates the whole filter once more (70 of the overdue page's 560 ms of SQL at 10,000 cases)."""
    on_roster = RosterRecord.objects.order_by().values_list("work_location", flat=True).distinct()
    locations = {DEFAULT_LOCATION, *(code or DEFAULT_LOCATION for code in on_roster)}
    expected_before = Q()
    for code, calendar in calendars_by_location(locations).items():
        # Ends before the cut-off are exactly those whose next business day falls before `limit`.
        cutoff = calendar.first_start_due_on_or_after(limit, 1)
        expected_before |= _at_location(code) & Q(approved_end__lt=cutoff)
    if not expected_before:
        return Q(pk__in=[])
    return expected_before & _return_open()


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
    """The cases the filters select, in the order of their sort."""
    return sorted_queue(selected_cases(scope, filters, today), filters.sort)


def selected_cases(scope: QuerySet[Case], filters: QueueFilters, today: date) -> QuerySet[Case]:
    """The cases the filters select, unsorted: what the queue counts (without the sort's costly annotations)."""
    cases = scope.filter(status_condition(filters.status))
    if filters.agency:
        cases = cases.filter(employee__roster_record__agency=filters.agency)
    if filters.policy:
        cases = cases.filter(Exists(PolicyDecision.objects.filter(case=OuterRef("pk"), policy__code=filters.policy)))
    cases = with_deadline(cases, filters.deadline, today)
    return with_search(cases, filters.search)


def sorted_queue(cases: QuerySet[Case], sort: str) -> QuerySet[Case]:
    """The cases by the sort's key, either way; cases without an open deadline come last whichever the way,
    then the oldest submission first."""
    key, descending = sort_key(sort)
    if key == QueueSort.DEADLINE:
        cases = with_next_deadline(cases)
    record = "employee__roster_record__"
    keys: dict[QueueSort, list[Expression | F]] = {
        QueueSort.DEADLINE: [F("next_deadline")],
        QueueSort.SUBMITTED: [F("submitted_at")],
        QueueSort.EMPLOYEE: [
            Lower(Coalesce(f"{record}last_name", "employee__last_name")),
            Lower(Coalesce(f"{record}first_name", "employee__first_name")),
        ],
        QueueSort.AGENCY: [F(f"{record}agency")],
    }
    order: list[OrderBy] = [
        expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True) for expression in keys[key]
    ]
    return cases.order_by(*order, "submitted_at", "id")


# A date after every deadline, so that the earliest of several dates, some missing, is one SQL LEAST on every
# database (SQLite's answers NULL when any argument is NULL).
NEVER = date(9999, 12, 31)


def with_next_deadline(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with `next_deadline`: the earliest due date of their deadlines still to be met, None if none.

    The SQL twin of the rows' open deadlines (`case_deadlines`, `QueueRow.next_deadline`; tested against them):
    the call deadlines of a leave awaiting its first desk decision, not met by a call of their purpose; the
    documents asked for and not received; the return to work of a continuous leave on its expected return, until
    recorded (or its fitness-for-duty certification arrives). A cancelled case has none. A business-day due date
    is a step function of its start, written as a CASE over the starts that occur (`_due_on`): two or three
    small queries find them.
    """
    cases = _with_approved_end(cases)
    live = Q(cancelled_at__isnull=True)
    call_open = live & _call_open()
    first, last = _call_range(cases.filter(call_open))
    dues: list[Expression | Subquery] = []
    for purpose, business_days in (
        (CallPurpose.VERIFICATION, VERIFICATION_CALL_BUSINESS_DAYS),
        (CallPurpose.REVIEW, SPECIALIST_CONTACT_BUSINESS_DAYS),
    ):
        steps = [(start_of_day(bound), due) for bound, due in _due_steps(OFFICE_CALENDAR, business_days, first, last)]
        when = call_open & ~Q(_call_made(purpose))
        dues.append(
            Choice(When(when, then=_due_on("submitted_at", steps)), default=_no_date(), output_field=DateField())
        )
    documents = outstanding_document_requests().filter(case=OuterRef("pk")).order_by()
    dues.append(Subquery(documents.values("case").annotate(first=Min("due_date")).values("first")[:1]))
    return_open = live & _return_open() & Q(approved_end__isnull=False)
    dues.append(_return_due_on(cases.filter(return_open), return_open))
    earliest = Least(*(Coalesce(due, Value(NEVER), output_field=DateField()) for due in dues))
    return cases.annotate(next_deadline=NullIf(earliest, Value(NEVER), output_field=DateField()))


def _call_range(cases: QuerySet[Case]) -> tuple[date | None, date | None]:
    """The first and last submission days (Massachusetts) of the cases."""
    span = cases.order_by().aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    first, last = span["first"], span["last"]
    if not isinstance(first, datetime) or not isinstance(last, datetime):
        return None, None
    return local_date(first), local_date(last)


def _return_due_on(cases: QuerySet[Case], return_open: Q) -> Expression:
    """The expected return (the next business day of the work location after the approved end) of the cases
    whose return is still to confirm (`return_open`, which selects `cases`)."""
    spans: dict[str, tuple[date, date]] = {}
    rows = cases.order_by().values(WORK_LOCATION).annotate(first=Min("approved_end"), last=Max("approved_end"))
    for row in rows:
        code = row[WORK_LOCATION] or DEFAULT_LOCATION
        first, last = row["first"], row["last"]
        known = spans.get(code)
        spans[code] = (min(first, known[0]), max(last, known[1])) if known else (first, last)
    whens = [
        When(return_open & _at_location(code), then=_due_on("approved_end", _due_steps(calendar, 1, *spans[code])))
        for code, calendar in calendars_by_location(spans).items()
    ]
    if not whens:
        return _no_date()
    return Choice(*whens, default=_no_date(), output_field=DateField())


def _due_steps(
    calendar: BusinessCalendar, business_days: int, first: date | None, last: date | None
) -> list[tuple[date, date]]:
    """(bound, due) pairs, bounds ascending, for starts from `first` to `last`: a start before a bound and not
    before the bound ahead of it is due on that pair's date (`business_days` after it in `calendar`)."""
    if first is None or last is None:
        return []
    steps = []
    due = calendar.add_business_days(first, business_days)
    while True:
        bound = calendar.first_start_due_on_or_after(due + timedelta(days=1), business_days)
        steps.append((bound, due))
        if bound > last:
            return steps
        due = calendar.add_business_days(bound, business_days)


def _no_date() -> Expression:
    """A NULL typed as a date: PostgreSQL types a CASE of bare NULLs as text, which COALESCE with a date refuses."""
    return Cast(Value(None), output_field=DateField())


def _due_on(field: str, steps: Sequence[tuple[date | datetime, date]]) -> Expression:
    """The due date of the step `field` falls in, as CASEs nested by halves: a row costs log(steps) comparisons."""
    if not steps:
        return _no_date()
    if len(steps) == 1:
        return Value(steps[0][1], output_field=DateField())
    middle = len(steps) // 2
    return Choice(
        When(Q(**{f"{field}__lt": steps[middle - 1][0]}), then=_due_on(field, steps[:middle])),
        default=_due_on(field, steps[middle:]),
        output_field=DateField(),
    )


def _time_on_another_cases_day() -> Exists:
    """A time entry of the case on a day another live case of the same employee has time too: the day is charged
    once (policies.engine.entries), and the specialist should see both cases together."""
    other_case_same_day = TimeEntry.objects.filter(
        case__employee=OuterRef(OuterRef("employee")), case__cancelled_at__isnull=True, date=OuterRef("date")
    ).exclude(case=OuterRef(OuterRef("pk")))
    return Exists(TimeEntry.objects.filter(case=OuterRef("pk")).filter(Exists(other_case_same_day)))


def with_queue_details(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What a row shows, in a fixed number of queries: the related rows prefetched, and `overlaps_another_case`
    (a live case with time on a day another live case of the employee has time)."""
    cases = cases.annotate(overlaps_another_case=Q(cancelled_at__isnull=True) & Q(_time_on_another_cases_day()))
    return cases.select_related(
        "employee__roster_record", "leave_period", "return_to_work", "assignment__owner"
    ).prefetch_related(
        Prefetch("decisions", queryset=PolicyDecision.objects.select_related("policy")),
        Prefetch("call_notes", queryset=CallNote.objects.only("id", "case_id", "purpose", "outcome", "called_at")),
        "document_requests",
        Prefetch("documents", queryset=Document.objects.only("id", "case_id", "document_type", "uploaded_at")),
    )


@dataclass(frozen=True)
class QueueRow:
    """One row of the queue; what the template reads more than once is computed once (cached_property)."""

    case: Case
    status: CaseStatus
    decisions: list[PolicyDecision]
    deadlines: list[Deadline]
    today: date

    @cached_property
    def awaits_desk_decision(self) -> bool:
        return not self.case.is_cancelled and awaits_desk_decision(self.decisions)

    @cached_property
    def is_new(self) -> bool:
        """No call yet on a case the desk still has to decide (the NEW status filter's rule)."""
        return self.awaits_desk_decision and not self.case.call_notes.all()

    @property
    def overdue(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.state(self.today) == DeadlineState.OVERDUE]

    @property
    def deadline_states(self) -> list[tuple[Deadline, DeadlineState]]:
        return [(d, d.state(self.today)) for d in self.deadlines]

    @cached_property
    def open_deadlines(self) -> list[Deadline]:
        """The deadlines still to be met, the earliest due first."""
        return sorted((d for d in self.deadlines if d.met_on is None), key=lambda d: d.due)

    @cached_property
    def next_deadline(self) -> Deadline | None:
        """The open deadline due first (what `with_next_deadline` sorts by)."""
        return next(iter(self.open_deadlines), None)

    @cached_property
    def next_deadline_state(self) -> DeadlineState | None:
        deadline = self.next_deadline
        return deadline.state(self.today) if deadline is not None else None

    @cached_property
    def policy_badges(self) -> list[tuple[str, str]]:
        """(status, "FMLA: Pending") for each decision, the status labels translated once a request's language."""
        labels = decision_status_labels()
        return [
            (d.status, f"{d.policy.short_name or d.policy.name}: {labels.get(d.status, d.status)}")
            for d in self.decisions
        ]

    @cached_property
    def owner_name(self) -> str | None:
        return owner_name(self.case)


_STATUS_LABELS: dict[str, dict[str, str]] = {}


def decision_status_labels() -> dict[str, str]:
    """The decision statuses' labels in the active language, translated once per language."""
    language = get_language() or ""
    labels = _STATUS_LABELS.get(language)
    if labels is None:
        labels = _STATUS_LABELS[language] = {value: str(label) for value, label in DecisionStatus.choices}
    return labels


def owner_name(case: Case) -> str | None:
    """The name of the specialist who owns the case, or None while nobody does.

    Ownership is a desk model of its own (a case's `assignment` and its `owner`); read only here, and None-safe
    while a case has no assignment row.
    """
    owner = getattr(getattr(case, "assignment", None), "owner", None)
    if owner is None:
        return None
    name = owner.get_full_name() or owner.get_username()
    return str(name)


def awaits_desk_decision(decisions: Iterable[PolicyDecision]) -> bool:
    """Whether a desk-decided policy is still pending (the department's Employee Sick and Family Sick aside)."""
    return any(d.status == DecisionStatus.PENDING and d.policy.decided_by != DecidedBy.DEPARTMENT for d in decisions)


def case_deadlines(case: Case, calendar: BusinessCalendar | None = None) -> list[Deadline]:
    """The case's deadlines from its prefetched decisions (with their policies), call notes, document requests
    and documents.

    The verification call and the specialist's contact are met by the first call of their purpose that got through
    (reached, or a message left; not a call with no answer or to a wrong number) or by
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
        ref = f"document-{document_request.pk}"
        deadlines.append(Deadline(DeadlineKind.DOCUMENT, document_request.due_date, received, label, ref))
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
    notes = [n for n in case.call_notes.all() if n.outcome in CALL_OUTCOMES_MEETING_DEADLINES]
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
