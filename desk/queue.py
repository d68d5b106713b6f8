"""The desk queue: new and open cases with their deadlines, filtered and searched in SQL.

The deadlines' rules are written once, in Python (`case_deadlines`); desk.worklist keeps a Task row per deadline
after every case event, and the queue sorts and filters by deadline on the open ones (an indexed subquery), so
the SQL never restates a business-day rule. The page costs the same number of queries for one case as for a
hundred: every related row a row needs (decisions and their policies, call notes, document requests, documents)
is read in one query per relation (`queue_cases` for the page, a prefetch in `with_queue_details` for the export).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    F,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import Coalesce, Lower
from django.db.models.sql.compiler import SQLCompiler
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from absence.calendar import (
    DEFAULT_LOCATION,
    BusinessCalendar,
    specialist_contact_due,
    verification_call_due,
)
from cases.models import Case, CaseKind, Document, LeavePattern, TimeEntry
from cases.returns import ReturnPlan, has_return_to_work, return_plan
from cases.status import CaseStatus, case_status
from desk.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    earliest_met,
    local_date,
)
from desk.models import (
    CALL_OUTCOMES_MEETING_DEADLINES,
    CallNote,
    CallPurpose,
    DocumentRequest,
)
from desk.queue_state import open_deadline_tasks
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


def status_condition(status: str) -> Q:
    """The SQL condition for a queue status (the case-status rule of cases.status, for filtering)."""
    live = Q(cancelled_at__isnull=True)
    desk_pending = Q(awaits_desk_decision=True)  # kept on the case by desk.queue_state
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


def _answered() -> Exists:
    """An upload of the type a document request (the outer row) asked for, made on or after the request."""
    return Exists(
        Document.objects.filter(
            case=OuterRef("case"), document_type=OuterRef("document_type"), uploaded_at__gte=OuterRef("requested_at")
        )
    )


def outstanding_document_requests() -> QuerySet[DocumentRequest]:
    """Document requests not answered yet on cases not cancelled: what the daily reminders work on
    (cases.documents.requests.answers is the same rule for prefetched rows)."""
    return DocumentRequest.objects.filter(case__cancelled_at__isnull=True).exclude(_answered())


def with_deadline(cases: QuerySet[Case], deadline: str, today: date) -> QuerySet[Case]:
    """Cases with a deadline past (OVERDUE, OVERDUE_DOCUMENT: documents only) or falling on or before today
    (DUE_TODAY), still to be met: an open deadline task due before the limit.

    The tasks are the deadlines of `case_deadlines`, kept by desk.worklist.sync_tasks after every case event
    (tested against the rows): a call deadline only while the case awaits a desk decision and no call of its purpose
    got through, a document until an upload of its type after the request, a return until it is recorded; none on a
    cancelled case. A case's earliest open one is its `next_deadline` (desk.queue_state), so a deadline before the
    limit is that column before it; a document's is one indexed subquery. Neither writes the rules again in SQL.
    """
    if deadline not in DeadlineFilter.values:
        return cases
    limit = today if deadline != DeadlineFilter.DUE_TODAY else today + timedelta(days=1)
    if deadline == DeadlineFilter.OVERDUE_DOCUMENT:
        return cases.filter(Exists(open_deadline_tasks().filter(due_date__lt=limit, kind=DeadlineKind.DOCUMENT)))
    return cases.filter(next_deadline__lt=limit)


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


class OverlapsAnotherCase(Expression):
    """Whether a live case has a time entry on a day another live case of the same employee has time too: the day
    is charged once (policies.engine.entries), and the specialist should see both cases together.

    Written as SQL, on the case row of the query it is compiled in (its first alias, so a subquery's too): the
    ORM's nested Exists with its OuterRef(OuterRef) cost 1-2 ms of compiling on every page, for one boolean a row.
    """

    output_field = BooleanField()

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, tuple[str | int, ...]]:
        quote = connection.ops.quote_name
        case = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        cases, entries = quote(Case._meta.db_table), quote(TimeEntry._meta.db_table)
        pk, employee, cancelled = (_column(Case, name, quote) for name in ("id", "employee", "cancelled_at"))
        day, entry_case = _column(TimeEntry, "date", quote), _column(TimeEntry, "case", quote)
        # Names only (the models' tables and columns, quoted by the backend): no value is written into the SQL.
        sql = (
            f"({case}.{cancelled} IS NULL AND EXISTS (SELECT 1 FROM {entries} own_entry"  # noqa: S608
            f" JOIN {entries} other_entry ON other_entry.{day} = own_entry.{day}"
            f" JOIN {cases} other_case ON other_case.{pk} = other_entry.{entry_case}"
            f" WHERE own_entry.{entry_case} = {case}.{pk} AND other_case.{employee} = {case}.{employee}"
            f" AND other_case.{cancelled} IS NULL AND other_case.{pk} <> {case}.{pk}))"
        )
        return sql, ()


def _column(model: type[models.Model], field: str, quote: Callable[[str], str]) -> str:
    """The quoted column of a model's field (a foreign key's `_id` column)."""
    return quote(str(model._meta.get_field(field).column))  # type: ignore[union-attr]


# The columns a row (and the export's row) reads, and only those: a page is 50 cases with their employee, roster
# record, return, owner, decisions with their policies, calls, documents asked for and uploads, about 500 model
# instances, and their unread columns were a third of the page's time. A column missing here costs a query a
# row when read: desk/tests/test_queue_rows.py renders rows of every shape, and their CSV, without one.
_ROW_COLUMNS = [
    *("id", "case_number", "employee_id", "kind", "pattern", "submitted_at", "cancelled_at"),
    *("has_new_documents", "has_new_time_entries"),
    *(f"employee__{name}" for name in ("id", "username", "first_name", "last_name", "roster_record_id")),
    *(f"employee__roster_record__{name}" for name in (
        "id", "first_name", "last_name", "employee_number", "agency", "work_location")),
    *(f"return_to_work__{name}" for name in (
        "id", "case_id", "actual_return", "fitness_for_duty_required", "fitness_for_duty_required_at", "version")),
    *(f"assignment__{name}" for name in ("id", "case_id", "owner_id")),
    *(f"assignment__owner__{name}" for name in ("id", "username", "first_name", "last_name")),
]  # fmt: skip
_DECISION_COLUMNS = [
    *("id", "case_id", "policy_id", "status", "decided_at", "start_date", "end_date"),
    *(f"policy__{name}" for name in ("id", "code", "name", "short_name", "decided_by")),
]


def _row_cases(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The case rows with the rows joined to them that a queue row reads (only the columns it reads), and
    `overlaps_another_case` (a live case with time on a day another live case of the employee has time)."""
    cases = cases.annotate(overlaps_another_case=OverlapsAnotherCase())
    details = cases.select_related("employee__roster_record", "return_to_work", "assignment__owner")
    return details.only(*_ROW_COLUMNS)


def _decisions() -> QuerySet[PolicyDecision]:
    return PolicyDecision.objects.select_related("policy").only(*_DECISION_COLUMNS)


def _call_notes() -> QuerySet[CallNote]:
    return CallNote.objects.only("id", "case_id", "purpose", "outcome", "called_at")


def _document_requests() -> QuerySet[DocumentRequest]:
    return DocumentRequest.objects.only("id", "case_id", "document_type", "due_date", "requested_at")


def _documents() -> QuerySet[Document]:
    return Document.objects.only("id", "case_id", "document_type", "uploaded_at")


def with_queue_details(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What a row shows, in a fixed number of queries: the related rows prefetched, and `overlaps_another_case`
    (for the export and for callers that want a queryset; the queue's page reads `queue_cases`)."""
    return _row_cases(cases).prefetch_related(
        Prefetch("decisions", queryset=_decisions()),
        Prefetch("call_notes", queryset=_call_notes()),
        Prefetch("document_requests", queryset=_document_requests()),
        Prefetch("documents", queryset=_documents()),
    )


@dataclass(frozen=True)
class CaseRows:
    """The rows of a case that its deadlines and its queue row read, each in its model's order."""

    decisions: list[PolicyDecision]
    call_notes: list[CallNote]
    document_requests: list[DocumentRequest]
    documents: list[Document]

    @classmethod
    def prefetched(cls, case: Case) -> CaseRows:
        """A case's rows from its prefetch cache (`with_queue_details`, desk.worklist.with_task_details, ...)."""
        return cls(
            decisions=list(case.decisions.all()),
            call_notes=list(case.call_notes.all()),
            document_requests=list(case.document_requests.all()),
            documents=list(case.documents.all()),
        )


class QueueCase(NamedTuple):
    case: Case
    rows: CaseRows


def _by_case(rows: QuerySet[Any], ids: list[int]) -> dict[int, list[Any]]:
    """The rows of the cases `ids` in one query, in their model's order, by case id."""
    grouped: dict[int, list[Any]] = {pk: [] for pk in ids}
    for row in rows.filter(case_id__in=ids):
        grouped[row.case_id].append(row)
    return grouped


def queue_cases(ids: list[int]) -> list[QueueCase]:
    """The cases `ids` in that order (those still there) with what their rows show: the same rows as
    `with_queue_details`, each relation read in one plain query and grouped by case here. Django's prefetch
    machinery built a queryset per case and relation (200 a page) to hold them: a fifth of the page's CPU."""
    cases = {case.pk: case for case in _row_cases(Case.objects.filter(pk__in=ids))}
    found = [pk for pk in ids if pk in cases]
    decisions, call_notes = _by_case(_decisions(), found), _by_case(_call_notes(), found)
    requests, documents = _by_case(_document_requests(), found), _by_case(_documents(), found)
    return [QueueCase(cases[pk], CaseRows(decisions[pk], call_notes[pk], requests[pk], documents[pk])) for pk in found]


def page_of(cases: QuerySet[Case], start: int, stop: int) -> tuple[list[QueueCase], int | None]:
    """The sorted `cases` from `start` to `stop`, with what their rows show (`queue_cases`), and how many
    `cases` there are in all (None when the page is past the end and so empty).

    The page's ids and the count come first, in one query, sorted and cut on the case row alone; then the rows'
    details for those ids only. Sorting with the details joined in made PostgreSQL carry every open case's
    employee, roster record and leave period through the sort, and a separate COUNT evaluated the filters again
    (together 50 of the page's 85 ms of SQL at 10,000 open cases).
    """
    found = list(cases.annotate(total=Window(Count("pk"))).values_list("pk", "total")[start:stop])
    if not found:
        return [], None
    return queue_cases([pk for pk, _total in found]), found[0][1]


@dataclass(frozen=True)
class QueueRow:
    """One row of the queue; what the template reads more than once is computed once (cached_property)."""

    case: Case
    status: CaseStatus
    decisions: list[PolicyDecision]
    deadlines: list[Deadline]
    today: date
    has_calls: bool = False

    @cached_property
    def awaits_desk_decision(self) -> bool:
        return not self.case.is_cancelled and awaits_desk_decision(self.decisions)

    # The row's own sentences, written here rather than by a translation tag per row (50 rows a page).
    @property
    def select_label(self) -> str:
        return gettext("Select case %(number)s") % {"number": self.case.case_number}

    @property
    def kind_label(self) -> str:
        return _kind_label(get_language(), self.case.kind, self.case.pattern)

    @cached_property
    def record(self) -> RosterRecord | None:
        return self.case.employee.roster_record

    @property
    def account_name(self) -> str:
        """The employee's name on their account, for a case whose employee has no roster record."""
        return str(self.case.employee.get_full_name())

    @property
    def agency_label(self) -> str:
        record = self.record
        return (record.agency if record is not None else "") or "—"

    @property
    def submitted_label(self) -> str:
        return _date_label(get_language(), timezone.localtime(self.case.submitted_at).date(), "M j, Y")

    @property
    def next_due_label(self) -> str:
        deadline = self.next_deadline
        return _date_label(get_language(), deadline.due, "M j") if deadline is not None else ""

    @property
    def more_deadlines_label(self) -> str:
        """ "and 2 more" beside the next deadline, or "" when it is the only one open."""
        more = len(self.open_deadlines) - 1
        return ngettext("and %(counter)s more", "and %(counter)s more", more) % {"counter": more} if more > 0 else ""

    @cached_property
    def is_new(self) -> bool:
        """No call yet on a case the desk still has to decide (the NEW status filter's rule)."""
        return self.awaits_desk_decision and not self.has_calls

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
        """The open deadline due first (the case's `next_deadline`, which the queue sorts by)."""
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


# The rows' labels by language: a page has 50 rows and a few dozen distinct dates and kinds (each formatting or
# choices look-up translates again). Bounded: the dates of a few years, the kinds and patterns of the models.
@lru_cache(maxsize=4096)
def _date_label(language: str | None, day: date, format_: str) -> str:
    return date_filter(day, format_)


@lru_cache(maxsize=64)
def _kind_label(language: str | None, kind: str, pattern: str) -> str:
    if kind == CaseKind.LEAVE and pattern:
        return gettext("%(pattern)s leave") % {"pattern": LeavePattern(pattern).label}
    return str(CaseKind(kind).label)


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


def case_deadlines(
    case: Case, calendar: BusinessCalendar | None = None, rows: CaseRows | None = None
) -> list[Deadline]:
    """The case's deadlines from its decisions (with their policies), call notes, document requests and
    documents: `rows` (`queue_cases`), or the case's prefetched ones.

    The verification call and the specialist's contact are met by the first call of their purpose that got through
    (reached, or a message left; not a call with no answer or to a wrong number) or by
    the first decision made on the case, whichever came first; once the case no longer awaits a desk decision
    (all decided), only those met are kept, as a record. A document is met by the first upload of its type after
    the request, and stays due until then, decided or not. A continuous leave with approved time has its return
    to confirm on the expected return (met by the actual return) and, when required, its fitness-for-duty
    certification by then (met by an RTW note): `calendar` is the work location's (one query when not given).
    A cancelled case keeps only what was met.
    """
    rows = rows or CaseRows.prefetched(case)
    decisions, documents = rows.decisions, rows.documents
    deadlines: list[Deadline] = []
    if case.kind == CaseKind.LEAVE:
        deadlines += _call_deadlines(case, decisions, rows.call_notes)
    for document_request in rows.document_requests:
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


def _call_deadlines(case: Case, decisions: list[PolicyDecision], call_notes: list[CallNote]) -> list[Deadline]:
    submitted_on = local_date(case.submitted_at)
    notes = [n for n in call_notes if n.outcome in CALL_OUTCOMES_MEETING_DEADLINES]
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


def queue_row(
    case: Case, today: date, calendars: dict[str, BusinessCalendar] | None = None, rows: CaseRows | None = None
) -> QueueRow:
    """The row of a case with its `rows` (`queue_cases`), or of a case from `with_queue_details`; `calendars` by
    work location (`row_calendars`) saves a query a row."""
    rows = rows or CaseRows.prefetched(case)
    decisions = rows.decisions
    status = case_status(kind=case.kind, cancelled=case.is_cancelled, decision_statuses=[d.status for d in decisions])
    record = case.employee.roster_record
    calendar = (calendars or {}).get((record.work_location if record is not None else "") or DEFAULT_LOCATION)
    deadlines = case_deadlines(case, calendar, rows)
    return QueueRow(
        case=case, status=status, decisions=decisions, deadlines=deadlines, today=today, has_calls=bool(rows.call_notes)
    )


def row_calendars(cases: Iterable[Case]) -> dict[str, BusinessCalendar]:
    """The calendars of the cases' work locations, in one query."""
    records = [case.employee.roster_record for case in cases]
    return calendars_by_location(record.work_location if record is not None else None for record in records)
