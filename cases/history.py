"""Reading the case file for the history pages, in a fixed number of queries however long the history.

`claims_history` lists a user's cases (newest first) with their decisions; `history_page` is the history page's
share of them (the leaves still running, then one page of the rest, or one year's); `case_file` gathers one
case with everything its page shows: beside each decision what the employee's notice sends them to read
(why a policy was denied, which dates were approved when they are not the ones asked for), and the
documents the desk still waits for. Both prefetch, so query cost never grows with the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    ForeignKey,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear

from accounts.models import User
from cases.access import get_case_for_employee
from cases.balances import calendar_of
from cases.documents.requests import RequestedDocument, requested_documents
from cases.models import Case, CaseKind, Document, LeavePattern, TimeEntry
from cases.returns import ReturnPlan, has_return_to_work, return_plan
from cases.status import CaseStatus, case_status
from policies.models import DecisionStatus, PolicyDecision


@dataclass(frozen=True)
class CaseSummary:
    """One row of the claims history."""

    case: Case
    status: CaseStatus
    first_day: date | None
    last_day: date | None
    decisions: list[PolicyDecision]

    @property
    def is_unplanned(self) -> bool:
        return self.case.kind == CaseKind.UNPLANNED

    @property
    def is_open_intermittent(self) -> bool:
        return is_open_intermittent(self.case, self.status)


def is_open_intermittent(case: Case, status: CaseStatus) -> bool:
    """An intermittent leave that still takes time reports: not cancelled, not wholly denied."""
    return (
        case.kind == CaseKind.LEAVE
        and case.pattern == LeavePattern.INTERMITTENT
        and status in (CaseStatus.PENDING, CaseStatus.APPROVED)
        and hasattr(case, "leave_period")
    )


# What the history, the case page and the timeline show of a decision: not the desk's notes and versions, nor the
# policy's rules (a JSON document read whole for every decision otherwise).
DECISION_FIELDS = ("case", "policy", "policy__name", "status", "start_date", "end_date", "denial_reason")


def _decisions() -> Prefetch:
    decisions = PolicyDecision.objects.select_related("policy").only(*DECISION_FIELDS)
    return Prefetch("decisions", queryset=decisions.order_by("start_date", "end_date", "policy__name"))


def _with_days(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate the first and last day of absence reported in time entries (for cases without a period)."""
    entries = TimeEntry.objects.filter(case=OuterRef("pk"))
    return cases.annotate(
        first_entry_day=Subquery(entries.order_by("date").values("date")[:1]),
        last_entry_day=Subquery(entries.order_by("-date").values("date")[:1]),
    )


def summarize(case: Case, entry_days: tuple[date | None, date | None] | None = None) -> CaseSummary:
    """Status and dates of a case whose decisions (and period, entry days) are already loaded: the first and last
    day of its time entries as `entry_days`, or else annotated (`_with_days`)."""
    decisions = list(case.decisions.all())
    period = getattr(case, "leave_period", None)
    if entry_days is None:
        entry_days = (getattr(case, "first_entry_day", None), getattr(case, "last_entry_day", None))
    first_day = period.start_date if period else entry_days[0]
    last_day = period.end_date if period else entry_days[1]
    status = case_status(
        kind=case.kind, cancelled=case.is_cancelled, decision_statuses=[decision.status for decision in decisions]
    )
    return CaseSummary(case=case, status=status, first_day=first_day, last_day=last_day, decisions=decisions)


def _cases_shown(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with what a history row shows but their decisions and the days of their time entries."""
    return cases.select_related("leave_period", "filed_by")


def _entry_days(cases: list[Case]) -> dict[int, tuple[date | None, date | None]]:
    """The first and last day of the time entries of the cases without a leave period, by case: one query, none
    when every case has a period (its dates are the period's)."""
    without_period = [case.pk for case in cases if getattr(case, "leave_period", None) is None]
    if not without_period:
        return {}
    days = (
        TimeEntry.objects.filter(case__in=without_period)
        .values("case")
        .annotate(first=Min("date"), last=Max("date"))
        .order_by()
        .values_list("case", "first", "last")
    )
    return {case: (first, last) for case, first, last in days}


def _history_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    return _cases_shown(cases).prefetch_related(_decisions())


def claims_history(user: User) -> list[CaseSummary]:
    """All of the user's cases, newest first, each with its status, dates and decisions (two queries)."""
    cases = _history_rows(Case.objects.filter(employee=user))
    return [summarize(case) for case in cases.order_by("-submitted_at", "-id")]


# Cases on one page of the history: a long history is read a page at a time, never all at once.
HISTORY_PAGE_SIZE = 20
NEWEST_FIRST = ("-submitted_at", "-id")


@dataclass(frozen=True)
class HistoryPage:
    """What the history page shows: a fixed number of queries and rows however long the history.

    Unfiltered, the leaves still running (not cancelled, their last day today or later) come first, whatever
    their age, then the other cases newest first, a page at a time ("Show older cases"). By year, that year's
    cases (submitted in it, the employer's time zone), newest first, paged the same way.
    """

    running: list[CaseSummary]
    summaries: list[CaseSummary]
    page: Page[Case]
    year: int | None
    # The years the employee has cases in, newest first: the links to the full list by year.
    years: list[int]

    @property
    def is_empty(self) -> bool:
        return not self.running and not self.summaries and self.year is None


def _running(today: date) -> Q:
    return Q(kind=CaseKind.LEAVE, cancelled_at__isnull=True, leave_period__end_date__gte=today)


def history_page(user: User, today: date, page_number: str | int | None = 1, year: int | None = None) -> HistoryPage:
    """Four queries however long the history: the years with their counts, the leaves still running, one page of
    the rest, and the decisions of both; a fifth for the days of the absences among them without a period."""
    mine = Case.objects.filter(employee=user)
    # The years the employee has cases in, with each year's count: the page's count is read from them (all the
    # cases less those still running, or the year's), not counted again.
    per_year = dict(
        mine.annotate(year=ExtractYear("submitted_at")).values_list("year").annotate(count=Count("pk")).order_by()
    )
    years = sorted(per_year, reverse=True)
    if year is not None and year not in per_year:
        year = None
    if year is None:
        still_running = list(_cases_shown(mine.filter(_running(today))).order_by(*NEWEST_FIRST)[:HISTORY_PAGE_SIZE])
        rest = mine.exclude(pk__in=[case.pk for case in still_running])
        count = sum(per_year.values()) - len(still_running)
    else:
        still_running, rest = [], mine.filter(submitted_at__year=year)
        count = per_year[year]
    paginator = Paginator(_cases_shown(rest).order_by(*NEWEST_FIRST), HISTORY_PAGE_SIZE)
    paginator.count = count  # known from the years: no count query
    page = paginator.get_page(page_number)
    on_page = list(page)
    prefetch_related_objects([*still_running, *on_page], _decisions())
    days = _entry_days([*still_running, *on_page])
    no_days = (None, None)
    return HistoryPage(
        running=[summarize(case, days.get(case.pk, no_days)) for case in still_running],
        summaries=[summarize(case, days.get(case.pk, no_days)) for case in on_page],
        page=page,
        year=year,
        years=years,
    )


@dataclass(frozen=True)
class DateSpan:
    first_day: date
    last_day: date


@dataclass(frozen=True)
class DecisionLine:
    """One decision on the case page, with what is said beside it (nothing, for most)."""

    decision: PolicyDecision
    # Why it was denied, as the specialist wrote it; empty unless the decision is DENIED.
    denial_reason: str = ""
    # What the employee asked for, given only when an approval covers other dates.
    asked_for: DateSpan | None = None


def decision_line(decision: PolicyDecision, asked_for: DateSpan | None) -> DecisionLine:
    """The decision with its denial reason (when denied) or the dates asked for (when approved for others)."""
    if decision.status == DecisionStatus.DENIED:
        return DecisionLine(decision, denial_reason=decision.denial_reason.strip())
    approved = DateSpan(decision.start_date, decision.end_date)
    if decision.status == DecisionStatus.APPROVED and asked_for is not None and approved != asked_for:
        return DecisionLine(decision, asked_for=asked_for)
    return DecisionLine(decision)


def asked_for(summary: CaseSummary) -> DateSpan | None:
    """The dates the employee asked for: a leave's period, or the first to last day of an absence's time entries."""
    if summary.first_day is None or summary.last_day is None:
        return None
    return DateSpan(summary.first_day, summary.last_day)


@dataclass(frozen=True)
class CaseFile:
    """One case with everything its page shows."""

    summary: CaseSummary
    time_entries: list[TimeEntry]
    decision_lines: list[DecisionLine]
    requested_documents: list[RequestedDocument]
    documents: list[Document]
    # A continuous leave with approved time: when the employee is expected back, and what the desk recorded.
    return_plan: ReturnPlan | None = None

    @property
    def case(self) -> Case:
        return self.summary.case


def case_summary(user: User, case_number: str, *, entry_days: bool = True) -> CaseSummary:
    """The user's own case with its status, dates and decisions only (two queries), or 404: what the timeline
    draws, without the documents, time entries and return plan the case page reads. Without `entry_days`, a case
    without a leave period has no first and last day (the timeline draws its decisions' own dates only)."""
    cases = Case.objects.select_related("leave_period", "filed_by")
    cases = (_with_days(cases) if entry_days else cases).prefetch_related(_decisions())
    case = get_case_for_employee(user, case_number, cases)
    return summarize(case, entry_days=None if entry_days else (None, None))


def case_file(user: User, case_number: str, today: date) -> CaseFile:
    """The user's own case with its decisions, period, time entries, conditions, documents, letters and the
    documents asked for (open on `today`), or 404. The lists a case often has none of are read only when the
    case's own query finds it has some."""
    cases = (
        Case.objects.select_related("leave_period", "filed_by", "return_to_work")
        .annotate(**{f"has_{name}": _has_any(name) for name in OFTEN_EMPTY})
        .prefetch_related(_decisions(), "conditions", _letters())
    )
    case = get_case_for_employee(user, case_number, cases)
    case.employee = user  # the owner, already loaded: the balances read it
    has = {name: getattr(case, f"has_{name}") for name in OFTEN_EMPTY}
    # The documents are read for the requests too (a request is answered by a document uploaded since).
    lists = {"time_entries": has["time_entries"], "documents": has["documents"] or has["document_requests"]}
    prefetch_related_objects([case], *[_OFTEN_EMPTY_READS[name] for name, read in lists.items() if read])
    entries = list(case.time_entries.all()) if has["time_entries"] else []
    documents = list(case.documents.all()) if lists["documents"] else []
    # The first and last day reported, from the entries the page reads anyway (what _with_days asks the database).
    days = [entry.date for entry in entries]
    summary = summarize(case, entry_days=(min(days), max(days)) if days else (None, None))
    span = asked_for(summary)
    return CaseFile(
        summary=summary,
        time_entries=entries,
        decision_lines=[decision_line(decision, span) for decision in summary.decisions],
        requested_documents=requested_documents(case, today) if has["document_requests"] else [],
        documents=documents,
        return_plan=_return_plan(case, documents),
    )


# The case page's lists that a case often has none of (a leave just asked for has no time entries, documents or
# requests for documents): an EXISTS each in the case's query, instead of a query each that finds nothing.
OFTEN_EMPTY = ("time_entries", "documents", "document_requests")


def _has_any(relation: str) -> RawSQL:
    """EXISTS (a row of `relation` on this case), written out: the ORM's Exists(...OuterRef) took 0.5 ms each to
    compile, most of the query it saves; this reads the same index (the relation's case_id) for 0.06 ms."""
    quote = connection.ops.quote_name
    rows = Case._meta.get_field(relation).related_model._meta  # type: ignore[union-attr]
    case_key = rows.get_field("case")
    assert isinstance(case_key, ForeignKey)  # noqa: S101 - each of OFTEN_EMPTY belongs to a case
    case_column = quote(case_key.column)
    outer = f"{quote(Case._meta.db_table)}.{quote(str(Case._meta.pk.column))}"
    sql = f"EXISTS (SELECT 1 FROM {quote(rows.db_table)} WHERE {case_column} = {outer})"  # noqa: S608 - names only
    return RawSQL(sql, (), output_field=BooleanField())  # noqa: S611 - no value of anyone's in it


def _documents() -> Prefetch:
    """What the case page lists of each document and the requests and the return to work read (not where it is
    stored, its size or checksum)."""
    return Prefetch("documents", queryset=Document.objects.only("case", "document_type", "file_name", "uploaded_at"))


def _letters() -> Prefetch:
    """What "My Letters" lists of each letter, with the case (the page's template would otherwise read them whole,
    their content and where the PDF is stored included, in a query of its own)."""
    letters = apps.get_model("letters", "Letter")  # letters sits above cases: named, not imported
    return Prefetch("letters", queryset=letters.objects.only("case", "subject", "sent_at", "created_at"))


_OFTEN_EMPTY_READS: dict[str, str | Prefetch] = {"time_entries": "time_entries", "documents": _documents()}


def _return_plan(case: Case, documents: list[Document]) -> ReturnPlan | None:
    """The case's return to work: for a continuous leave with approved time only, which alone has one (two
    queries then, for the employee's roster record and the work location's calendar)."""
    approved = any(decision.status == DecisionStatus.APPROVED for decision in case.decisions.all())
    if not approved or not has_return_to_work(case):
        return None
    return return_plan(case, case.decisions.all(), documents, calendar_of(case.employee.roster_record))
