"""The values the engine works on: an employee's schedule and roster facts, their cases' time, and coverage.

Plain frozen dataclasses, built by the ORM adapters (cases.balances, cases.decisions) or by tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from policies.engine.service import EmploymentSpell, HoursReport

HOURS_PER_DAY_WHEN_UNKNOWN = Decimal(8)
MONDAY_TO_FRIDAY = frozenset(range(5))


@dataclass(frozen=True)
class Schedule:
    """The employee's working week from the roster: hours on each scheduled day, and which weekdays."""

    hours_per_day: Decimal = HOURS_PER_DAY_WHEN_UNKNOWN
    work_days: frozenset[int] = MONDAY_TO_FRIDAY  # date.weekday() numbers, Monday is 0

    @property
    def weekly_hours(self) -> Decimal:
        return self.hours_per_day * len(self.work_days)

    def works_on(self, day: date) -> bool:
        return day.weekday() in self.work_days


@dataclass(frozen=True)
class RosterFacts:
    """What eligibility reads from the roster record."""

    hire_date: date
    hours_worked_last_12_months: Decimal
    schedule: Schedule = Schedule()
    # Earlier employments and each roster feed's hours figure with its date (policies.engine.service).
    spells: tuple[EmploymentSpell, ...] = ()
    hours_reports: tuple[HoursReport, ...] = ()


class Pattern(StrEnum):
    """How a case takes time: a continuous leave charges its dates; the others charge their time entries."""

    CONTINUOUS = "continuous"
    INTERMITTENT = "intermittent"  # an intermittent leave or an unplanned absence


@dataclass(frozen=True)
class Entry:
    """One time entry: a day and the minutes missed."""

    day: date
    minutes: int

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60


@dataclass(frozen=True)
class CaseTime:
    """The time one case takes: its leave period and its time entries."""

    case_number: str
    pattern: Pattern
    start: date
    end: date
    entries: tuple[Entry, ...] = ()
    reason: str = ""  # the case reason (absence.reasons.CaseReason value), for the rules that depend on it
    child_event_date: date | None = None  # bonding: the child's birth or placement (pregnancy: the birth)
    care_for: str = ""  # whom the leave cares for when intake knows it (cases.AbsenceFor: "parent", …)


@dataclass(frozen=True)
class Coverage:
    """An approved policy decision: the policy covers the case's time between these dates."""

    policy_code: str
    case_number: str
    start: date
    end: date
    # PFML: the day leave began when a specialist set it (earlier employer-paid leave started the clock).
    leave_began: date | None = None
    # The day the employee met the eligibility test when that was after the leave started (29 CFR 825.110(d)).
    eligible_from: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end
