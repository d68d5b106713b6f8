"""What a supervisor may know about a report's absence: who, when, for how long, and the status.

Everything a supervisor sees — the "My team's absences" page and every notice sent to a
supervisor — is built from `TeamAbsence`, which has no field for a reason, condition, document,
note or policy name (a policy such as "MA PFML Medical Leave" would hint at the reason). Templates
for supervisors receive these objects and nothing else about the case.

When and how long are the decided ones: the dates of the case's approved policy decisions (their
union: which policy approved which day is not said) and the hours inside them. For a continuous leave
that is the roster's scheduled hours per day on each scheduled workday of those dates; for an
intermittent leave, the time entries inside them. The requested dates are kept beside them, so that a
partly approved request can say both. An unplanned absence is decided by the employee's department,
not the desk: its day and hours are what the supervisor is told.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils.dateformat import format as format_date
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from absence import clock
from absence.calendar import DEFAULT_LOCATION, BusinessCalendar
from accounts.models import User
from cases.balances import calendar_of
from cases.models import Case, CaseKind, LeavePattern, LeavePeriod, TimeEntry
from cases.status import CaseStatus, case_status
from policies.models import DecisionStatus, PolicyDecision
from roster.calendars import calendars_by_location
from roster.models import RosterRecord

RECENT_DAYS = 90
MONDAY_TO_FRIDAY = frozenset(range(5))  # date.weekday() numbers: the week when there is no roster record
ONE_DAY = timedelta(days=1)
# Calendars by work location, loaded once for a page of cases (None: each case loads its own).
Calendars = Mapping[str, BusinessCalendar] | None


@dataclass(frozen=True, order=True)
class DateSpan:
    """A run of calendar days, first and last included."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += ONE_DAY

    @property
    def label(self) -> str:
        """'Jan 5 to Feb 13, 2027' (with an en dash), the first year said only across a new year; one day alone."""
        if self.start == self.end:
            return format_date(self.start, "M j, Y")
        first = "M j" if self.start.year == self.end.year else "M j, Y"
        return f"{format_date(self.start, first)} – {format_date(self.end, 'M j, Y')}"


def merged_spans(spans: Iterable[DateSpan]) -> tuple[DateSpan, ...]:
    """The union of the spans as the fewest runs of days: overlapping or touching spans become one."""
    merged: list[DateSpan] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end + ONE_DAY:
            merged[-1] = DateSpan(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def tidy_hours(hours: Decimal) -> Decimal:
    """Hours to two places at most, without trailing zeros or an exponent: 8, 7.5, 40 (never 4E+1), 10.25."""
    hours = hours.quantize(Decimal("0.01"))
    return hours.quantize(Decimal(1)) if hours == hours.to_integral_value() else hours.normalize()


def minutes_to_hours(minutes: int) -> Decimal:
    return tidy_hours(Decimal(minutes) / 60)


@dataclass(frozen=True)
class TeamAbsenceDay:
    day: date
    hours: Decimal
    full_day: bool


@dataclass(frozen=True)
class TeamAbsence:
    """One case as a supervisor may see it. Never add a field for why (see the module docstring)."""

    employee_name: str
    employee_number: str
    case_number: str
    kind_label: str
    pattern_label: str
    status: CaseStatus
    # The dates asked for: the leave period, or the first to the last day of the time entries.
    requested: DateSpan | None
    # The union of the approved decisions' dates; empty while nothing is approved (and for an unplanned absence).
    approved: tuple[DateSpan, ...]
    # Days with their hours: an unplanned absence's day(s); a leave's time entries inside the approved dates
    # or, while the leave waits for its first approval, every day asked for.
    days: tuple[TeamAbsenceDay, ...]
    is_unplanned: bool
    is_continuous: bool
    # A continuous leave's scheduled workdays inside the approved dates, and the hours of each (the roster's).
    approved_workdays: int
    hours_per_workday: Decimal

    @property
    def approved_label(self) -> str:
        """The approved dates in words: two runs read 'Jan 5 to Jan 16, 2027 and Jan 25 to Feb 13, 2027' (en dashes)."""
        return str(get_text_list([span.label for span in self.approved], _("and")))

    @property
    def is_partly_approved(self) -> bool:
        """Approved, but not for every day asked for: the supervisor is told both."""
        return bool(self.approved) and self.approved != (self.requested,)

    @property
    def shows_requested(self) -> bool:
        """A leave's requested dates are said when nothing is approved, or when less (or other) than them is.

        An unplanned absence says its days instead: they are the whole of it."""
        if self.is_unplanned or self.requested is None:
            return False
        return not self.approved or self.is_partly_approved

    @property
    def awaits_decision(self) -> bool:
        return not self.is_unplanned and not self.approved and self.status == CaseStatus.PENDING

    @property
    def total_hours(self) -> Decimal:
        """The hours of the absence: the approved workdays' for a continuous leave, else the days listed."""
        if self.is_continuous and self.approved:
            return tidy_hours(self.hours_per_workday * self.approved_workdays)
        return tidy_hours(sum((day.hours for day in self.days), Decimal(0)))


def _requested_span(period: LeavePeriod | None, entries: list[TimeEntry]) -> DateSpan | None:
    if period is not None:
        return DateSpan(period.start_date, period.end_date)
    if entries:
        return DateSpan(min(e.date for e in entries), max(e.date for e in entries))
    return None


def _approved_spans(case: Case) -> tuple[DateSpan, ...]:
    """The union of the approved decisions' dates (an unplanned absence's decisions are the department's)."""
    if case.kind != CaseKind.LEAVE or case.is_cancelled:
        return ()
    return merged_spans(
        DateSpan(d.start_date, d.end_date) for d in case.decisions.all() if d.status == DecisionStatus.APPROVED
    )


def _absence_days(entries: list[TimeEntry], approved: tuple[DateSpan, ...], *, listed: bool) -> list[TimeEntry]:
    if not listed:
        return []
    if not approved:
        return entries
    return [entry for entry in entries if any(entry.date in span for span in approved)]


def _workdays(spans: tuple[DateSpan, ...], record: RosterRecord | None, calendars: Calendars) -> int:
    """The employee's scheduled days inside the spans, their work location's holidays left out."""
    work_days = record.weekday_numbers if record else MONDAY_TO_FRIDAY
    location = record.work_location if record else DEFAULT_LOCATION
    holidays = (calendars[location] if calendars and location in calendars else calendar_of(record)).holidays
    return sum(1 for span in spans for day in span.days() if day.weekday() in work_days and day not in holidays)


def team_absence(case: Case, calendars: Calendars = None) -> TeamAbsence:
    """The supervisor's view of one case (its decisions, time entries and leave period prefetched); `calendars`
    by work location, when the caller loaded them for many cases at once."""
    record: RosterRecord | None = case.employee.roster_record
    entries = list(case.time_entries.all())
    period: LeavePeriod | None = getattr(case, "leave_period", None)
    status = case_status(
        kind=case.kind, cancelled=case.is_cancelled, decision_statuses=[d.status for d in case.decisions.all()]
    )
    unplanned = case.kind == CaseKind.UNPLANNED
    continuous = not unplanned and case.pattern == LeavePattern.CONTINUOUS
    approved = _approved_spans(case)
    # Days are listed for an unplanned absence, and for a leave with approved dates or awaiting its decision.
    listed = unplanned or bool(approved) or status == CaseStatus.PENDING
    days = _absence_days(entries, approved, listed=listed and not continuous)
    scheduled = clock.scheduled_day_minutes(record.scheduled_hours_per_day if record else None)
    return TeamAbsence(
        employee_name=record.full_name if record else case.employee.get_full_name(),
        employee_number=record.employee_number if record else "",
        case_number=case.case_number,
        kind_label=str(case.get_kind_display()),
        pattern_label=str(case.get_pattern_display()) if case.kind == CaseKind.LEAVE else "",
        status=status,
        requested=_requested_span(period, entries),
        approved=approved,
        days=tuple(TeamAbsenceDay(e.date, minutes_to_hours(e.minutes), e.full_day) for e in days),
        is_unplanned=unplanned,
        is_continuous=continuous,
        approved_workdays=_workdays(approved, record, calendars) if continuous else 0,
        hours_per_workday=minutes_to_hours(scheduled),
    )


def with_team_details(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Only what team_absence reads, in a fixed number of queries: never a decision's policy or reason."""
    return cases.select_related("employee__roster_record", "leave_period").prefetch_related(
        Prefetch("time_entries", queryset=TimeEntry.objects.only("id", "case_id", "date", "minutes", "full_day")),
        Prefetch(
            "decisions",
            queryset=PolicyDecision.objects.only("id", "case_id", "status", "start_date", "end_date").order_by(
                "start_date", "id"
            ),
        ),
    )


def team_cases(supervisor: User, today: date) -> QuerySet[Case]:
    """Cases of the supervisor's direct reports that are current, upcoming or ended in the last 90 days."""
    if supervisor.roster_record_id is None:
        return Case.objects.none()
    since = today - timedelta(days=RECENT_DAYS)
    recent = Q(leave_period__end_date__gte=since) | Q(time_entries__date__gte=since)
    ids = (
        Case.objects.filter(employee__roster_record__supervisor_id=supervisor.roster_record_id)
        .filter(recent)
        .values("id")
    )
    return with_team_details(Case.objects.filter(id__in=ids)).order_by("employee__last_name", "-submitted_at")


def team_absences(supervisor: User, today: date) -> list[TeamAbsence]:
    cases = list(team_cases(supervisor, today))
    records = [case.employee.roster_record for case in cases]
    calendars = calendars_by_location(record.work_location if record else None for record in records)
    return [team_absence(case, calendars) for case in cases]
