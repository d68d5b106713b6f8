"""The return to work of a continuous leave: when it is expected, and what the desk has recorded of it.

The expected return is the employee's first business day after the last day of approved leave (the latest end
of the case's approved decisions): weekends and the holidays of the employee's work location are skipped, so a
leave approved to Friday, April 16, 2027 is expected back on Tuesday, April 20 in Massachusetts (Patriots' Day,
Monday April 19, is a holiday there). It is never stored: every change of a decision moves it.

Only a continuous leave has a return to work (an intermittent leave's employee works between its episodes), and
only once some of it is approved. The desk records the actual return, extensions and a fitness-for-duty
requirement (desk.returns); a fitness-for-duty certification (29 CFR 825.312) is answered by an RTW note the
employee uploads after the requirement was recorded.

Everything here reads prefetched rows (decisions, documents, return_to_work): no queries of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from absence.calendar import BusinessCalendar
from cases.models import Case, CaseKind, Document, DocumentType, LeavePattern, ReturnToWork
from policies.models import DecisionStatus, PolicyDecision


@dataclass(frozen=True)
class ReturnPlan:
    """A continuous leave's return: the last approved day, the expected return, and what the desk recorded."""

    approved_end: date
    expected_return: date
    actual_return: date | None
    fitness_for_duty_required: bool
    fitness_for_duty_received_on: date | None
    version: int

    @property
    def returned(self) -> bool:
        return self.actual_return is not None

    @property
    def returned_early(self) -> bool:
        return self.actual_return is not None and self.actual_return < self.expected_return


def expected_return(approved_end: date, calendar: BusinessCalendar) -> date:
    """The first business day of the work location after the last day of approved leave."""
    return calendar.add_business_days(approved_end, 1)


def recorded_return(case: Case) -> ReturnToWork | None:
    try:
        return case.return_to_work
    except ReturnToWork.DoesNotExist:
        return None


def has_return_to_work(case: Case) -> bool:
    return case.kind == CaseKind.LEAVE and case.pattern == LeavePattern.CONTINUOUS and not case.is_cancelled


def return_plan(
    case: Case, decisions: Iterable[PolicyDecision], documents: Iterable[Document], calendar: BusinessCalendar
) -> ReturnPlan | None:
    """The case's return to work; None for a case without one (not a continuous leave, cancelled, nothing
    approved yet)."""
    approved = [d.end_date for d in decisions if d.status == DecisionStatus.APPROVED]
    if not has_return_to_work(case) or not approved:
        return None
    record = recorded_return(case)
    required = record is not None and record.fitness_for_duty_required
    received = None
    if record is not None and required and record.fitness_for_duty_required_at is not None:
        since = record.fitness_for_duty_required_at
        rtw = DocumentType.RTW_NOTE
        notes = [d.uploaded_at for d in documents if d.document_type == rtw and d.uploaded_at >= since]
        received = timezone.localtime(min(notes)).date() if notes else None
    end = max(approved)
    return ReturnPlan(
        approved_end=end,
        expected_return=expected_return(end, calendar),
        actual_return=record.actual_return if record is not None else None,
        fitness_for_duty_required=required,
        fitness_for_duty_received_on=received,
        version=record.version if record is not None else 0,
    )
