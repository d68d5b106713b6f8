"""What a supervisor may know about a report's absence: who, when, for how long, and the status.

Everything a supervisor sees — the "My team's absences" page and every notice sent to a
supervisor — is built from `TeamAbsence`, which has no field for a reason, condition, document,
note or policy name (a policy such as "MA PFML Medical Leave" would hint at the reason). Templates
for supervisors receive these objects and nothing else about the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import User
from cases.models import Case, CaseKind, TimeEntry
from cases.status import CaseStatus, case_status

RECENT_DAYS = 90


@dataclass(frozen=True)
class TeamAbsenceDay:
    day: date
    hours: Decimal
    full_day: bool


@dataclass(frozen=True)
class TeamAbsence:
    employee_name: str
    employee_number: str
    case_number: str
    kind_label: str
    pattern_label: str
    start: date | None
    end: date | None
    days: tuple[TeamAbsenceDay, ...]
    status: CaseStatus

    @property
    def total_hours(self) -> Decimal:
        return sum((day.hours for day in self.days), Decimal(0))

    @property
    def calendar_days(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1

    @property
    def is_continuous_period(self) -> bool:
        return not self.days and self.start is not None


def minutes_to_hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize()


def team_absence(case: Case) -> TeamAbsence:
    """The supervisor's view of one case (its decisions, time entries and leave period prefetched)."""
    record = case.employee.roster_record
    days = tuple(
        TeamAbsenceDay(day=entry.date, hours=minutes_to_hours(entry.minutes), full_day=entry.full_day)
        for entry in case.time_entries.all()
    )
    period = getattr(case, "leave_period", None)
    start = period.start_date if period else (days[0].day if days else None)
    end = period.end_date if period else (days[-1].day if days else None)
    status = case_status(
        kind=case.kind,
        cancelled=case.is_cancelled,
        decision_statuses=[decision.status for decision in case.decisions.all()],
    )
    return TeamAbsence(
        employee_name=record.full_name if record else case.employee.get_full_name(),
        employee_number=record.employee_number if record else "",
        case_number=case.case_number,
        kind_label=str(case.get_kind_display()),
        pattern_label=str(case.get_pattern_display()) if case.kind == CaseKind.LEAVE else "",
        start=start,
        end=end,
        days=days,
        status=status,
    )


def with_team_details(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Only what team_absence reads, in a fixed number of queries."""
    return cases.select_related("employee__roster_record", "leave_period").prefetch_related(
        Prefetch("time_entries", queryset=TimeEntry.objects.only("id", "case_id", "date", "minutes", "full_day")),
        "decisions",
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
    return [team_absence(case) for case in team_cases(supervisor, today)]
