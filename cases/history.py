"""Reading the case file for the history pages, in a fixed number of queries however long the history.

`claims_history` lists a user's cases (newest first) with their decisions; `case_file` gathers one
case with everything its page shows. Both prefetch, so query cost never grows with the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from accounts.models import User
from cases.access import get_case_for_employee
from cases.models import Case, CaseKind, LeavePattern, TimeEntry
from cases.status import CaseStatus, case_status
from policies.models import PolicyDecision


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


def _decisions() -> Prefetch:
    return Prefetch(
        "decisions",
        queryset=PolicyDecision.objects.select_related("policy").order_by("start_date", "end_date", "policy__name"),
    )


def _with_days(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate the first and last day of absence reported in time entries (for cases without a period)."""
    entries = TimeEntry.objects.filter(case=OuterRef("pk"))
    return cases.annotate(
        first_entry_day=Subquery(entries.order_by("date").values("date")[:1]),
        last_entry_day=Subquery(entries.order_by("-date").values("date")[:1]),
    )


def summarize(case: Case) -> CaseSummary:
    """Status and dates of a case whose decisions (and period, entry days) are already loaded."""
    decisions = list(case.decisions.all())
    period = getattr(case, "leave_period", None)
    first_day = period.start_date if period else getattr(case, "first_entry_day", None)
    last_day = period.end_date if period else getattr(case, "last_entry_day", None)
    status = case_status(
        kind=case.kind, cancelled=case.is_cancelled, decision_statuses=[decision.status for decision in decisions]
    )
    return CaseSummary(case=case, status=status, first_day=first_day, last_day=last_day, decisions=decisions)


def claims_history(user: User) -> list[CaseSummary]:
    """All of the user's cases, newest first, each with its status, dates and decisions (two queries)."""
    cases = _with_days(Case.objects.filter(employee=user).select_related("leave_period")).prefetch_related(_decisions())
    return [summarize(case) for case in cases.order_by("-submitted_at", "-id")]


@dataclass(frozen=True)
class CaseFile:
    """One case with everything its page shows."""

    summary: CaseSummary
    time_entries: list[TimeEntry]

    @property
    def case(self) -> Case:
        return self.summary.case


def case_file(user: User, case_number: str) -> CaseFile:
    """The user's own case with its decisions, period, time entries, conditions and documents, or 404."""
    cases = _with_days(Case.objects.select_related("leave_period")).prefetch_related(
        _decisions(), "time_entries", "conditions", "documents"
    )
    case = get_case_for_employee(user, case_number, cases)
    case.employee = user  # the owner, already loaded: the balances read it
    return CaseFile(summary=summarize(case), time_entries=list(case.time_entries.all()))
