"""The MA PFML benefit year and waiting week, from the first day of leave.

M.G.L. c.175M §1 and 458 CMR 2.02: the benefit year is the 52 weeks starting on the Sunday before the first day
of leave, whether or not that day is a scheduled workday (a Saturday start; a Friday off on a 4x10 schedule).
The waiting period is the first 7 calendar days of leave (c.175M §3(a)); DFML applies a new one to each
application (here: each case), except one that follows straight on from another's leave (medical leave into
bonding), and the waiting days still count toward the entitlement, so the hours are as they were.

The first day of leave is the day the approved decision's leave starts on the case, or the day a specialist
recorded as "leave began" (PolicyDecision.leave_began) when earlier employer-paid leave started the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from policies.engine.calendar import ONE_DAY
from policies.engine.charges import Charge
from policies.engine.facts import CaseTime, Coverage, Pattern
from policies.engine.periods import Period

NO_HOURS = Decimal(0)


def first_day_of_leave(case: CaseTime, coverage: Coverage) -> date | None:
    """The first day of leave the decision covers: the day set as leave began, else the first day of the
    continuous leave within the decision (a workday or not), else its first time entry; None without either."""
    if coverage.leave_began is not None:
        return coverage.leave_began
    if case.pattern is Pattern.CONTINUOUS:
        start = max(case.start, coverage.start)
        return start if start <= min(case.end, coverage.end) else None
    return next((entry.day for entry in case.entries if coverage.covers(entry.day)), None)


def leave_start_days(coverages: Iterable[Coverage], cases: Mapping[str, CaseTime]) -> list[date]:
    """The first day of leave of each decision: the days that open benefit years, with the charged days."""
    days = (first_day_of_leave(cases[c.case_number], c) for c in coverages if c.case_number in cases)
    return sorted({day for day in days if day is not None})


@dataclass(frozen=True)
class WaitingWeek:
    """One application's waiting period: its case, the 7 calendar days, and the hours charged in them."""

    case_number: str
    window: Period
    hours: Decimal


def waiting_weeks(
    days: int,
    period: Period,
    coverages: Iterable[Coverage],
    cases: Mapping[str, CaseTime],
    charges: Sequence[Charge],
) -> list[WaitingWeek]:
    """The waiting periods of the applications whose leave begins in `period`, in date order: each its first
    `days` calendar days, none for one that begins on or the day after another's last covered day."""
    spans: dict[str, tuple[date, date]] = {}
    for coverage in coverages:
        case = cases.get(coverage.case_number)
        first = first_day_of_leave(case, coverage) if case is not None else None
        if case is None or first is None:
            continue
        last = min(case.end, coverage.end)
        known = spans.get(case.case_number)
        spans[case.case_number] = (min(first, known[0]), max(last, known[1])) if known else (first, last)
    weeks: list[WaitingWeek] = []
    latest_end: date | None = None
    for number, (first, last) in sorted(spans.items(), key=lambda item: item[1]):
        follows_on = latest_end is not None and first <= latest_end + ONE_DAY
        latest_end = max(latest_end, last) if latest_end else last
        if follows_on or not period.holds(first):
            continue
        window = Period(first, first + timedelta(days=days - 1))
        hours = sum((c.hours for c in charges if c.case_number == number and window.holds(c.day)), NO_HOURS)
        weeks.append(WaitingWeek(number, window, hours))
    return weeks
