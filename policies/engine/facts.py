"""The values the engine works on: an employee's schedule and roster facts, their cases' time, and coverage.

Plain frozen dataclasses, built by the ORM adapters (cases.balances, cases.decisions) or by tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import StrEnum

from policies.engine.service import EmploymentSpell, HoursReport

HOURS_PER_DAY_WHEN_UNKNOWN = Decimal(8)
MONDAY_TO_FRIDAY = frozenset(range(5))
DAYS_IN_WEEK = 7


@dataclass(frozen=True)
class Schedule:
    """The employee's working week from the roster: the hours scheduled on each weekday.

    Either one figure for every scheduled day (hours_per_day on work_days), or, for a variable schedule, seven
    figures Monday to Sunday (weekday_hours; a day of 0 hours is not scheduled), which then decide alone. The
    entitlement is counted in workweeks of `entitlement_weekly_hours`: the scheduled week, or for a schedule that
    varies from week to week the average of hours scheduled over the last 12 months when the roster gives it
    (29 CFR 825.205(b)(3)).
    """

    hours_per_day: Decimal = HOURS_PER_DAY_WHEN_UNKNOWN
    work_days: frozenset[int] = MONDAY_TO_FRIDAY  # date.weekday() numbers, Monday is 0
    weekday_hours: tuple[Decimal, ...] = ()  # seven figures, Monday first; empty: hours_per_day on work_days
    average_weekly_hours: Decimal | None = None  # the last 12 months' average of hours scheduled, when given

    def __post_init__(self) -> None:
        if self.weekday_hours and len(self.weekday_hours) != DAYS_IN_WEEK:
            raise ValueError("weekday_hours needs seven figures, Monday to Sunday")
        if self.weekday_hours:
            worked = frozenset(number for number, hours in enumerate(self.weekday_hours) if hours > 0)
            object.__setattr__(self, "work_days", worked)

    @classmethod
    def by_weekday(cls, hours: Sequence[Decimal], average_weekly_hours: Decimal | None = None) -> Schedule:
        """A schedule of seven daily figures, Monday to Sunday (0 where the employee is not scheduled)."""
        return cls(weekday_hours=tuple(hours), average_weekly_hours=average_weekly_hours)

    def hours_on(self, day: date) -> Decimal:
        """The hours scheduled on this day's weekday (0 on a day off); holidays are the calendar's, not ours."""
        return self.hours_on_weekday(day.weekday())

    def hours_on_weekday(self, number: int) -> Decimal:
        """The hours scheduled on a weekday, by date.weekday() number (Monday is 0)."""
        if self.weekday_hours:
            return self.weekday_hours[number]
        return self.hours_per_day if number in self.work_days else Decimal(0)

    def works_on(self, day: date) -> bool:
        return self.hours_on(day) > 0

    @property
    def weekly_hours(self) -> Decimal:
        """The hours of the scheduled week: the sum of its days."""
        if self.weekday_hours:
            return sum(self.weekday_hours, Decimal(0))
        return self.hours_per_day * len(self.work_days)

    @property
    def entitlement_weekly_hours(self) -> Decimal:
        """The hours of one workweek of entitlement: the 12-month average when given (825.205(b)(3))."""
        return self.weekly_hours if self.average_weekly_hours is None else self.average_weekly_hours


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
    """One time entry: a day and the minutes missed, as entered.

    full_day: the employee said "full day" (charged as the scheduled day's hours, 29 CFR 825.205). start and
    end: the times of a partial day, when given (an overlap with another case's entry is charged once).
    mandatory_overtime_minutes: overtime the employee was required to work that day, which counts (825.205(c));
    voluntary overtime does not, so by default there is none.
    """

    day: date
    minutes: int
    full_day: bool = False
    start: time | None = None
    end: time | None = None
    mandatory_overtime_minutes: int = 0

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60

    @property
    def mandatory_overtime_hours(self) -> Decimal:
        return Decimal(self.mandatory_overtime_minutes) / 60


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


@dataclass(frozen=True)
class OpeningBalance:
    """Time used under a policy before LeaveDesk, recorded by an administrator: it counts like approved leave on
    `period_start` (toward the entitlement of the period holding that day, and a combined cap the policy shares).

    For a rolling 12-month period the hours leave the window 12 months after period_start.
    """

    policy_code: str
    period_start: date
    hours: Decimal
    note: str = ""
