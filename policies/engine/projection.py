"""When would an entitlement run out at the current pattern?

Continuous leave: walk forward day by day as if absent every scheduled day. Intermittent leave: the average
weekly hours of the entries so far, spread evenly over the days ahead. The walk recounts the period each day,
so a rolling period gives back hours as old leave leaves the window, and a fixed period stops at its end (after
it a new entitlement starts, so nothing runs out in this one). It looks at most 12 months ahead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import accumulate

from policies.engine.calendar import ONE_DAY, add_months
from policies.engine.charges import Charge
from policies.engine.periods import Period, opened_by
from policies.engine.rules import EntitlementRules, PeriodMethod

NO_HOURS = Decimal(0)
# An even pace (e.g. 40/7 h a day) sums to a hair under a whole number; a millionth of an hour is below any
# figure shown, so totals this close to a limit have reached it.
TOLERANCE = Decimal("0.000001")


@dataclass(frozen=True)
class Pace:
    """The current pattern: from `first_day` on, `daily(day)` hours each day.

    leave_end: the last day of the requested (or approved) leave the pattern belongs to; charged_through: the last
    day the ledger already charges for it (an approved continuous leave's end; None when only entries so far are).
    """

    first_day: date
    daily: Callable[[date], Decimal]
    text: str
    leave_end: date | None = None
    charged_through: date | None = None

    def hours_ahead(self, after: date, through: date, counts: Callable[[date], bool]) -> Decimal:
        """The hours the pattern adds from the day after `after` to `through` that the ledger does not charge yet."""
        first = max(after, self.charged_through or after) + ONE_DAY
        total, day = NO_HOURS, max(first, self.first_day)
        while day <= through:
            total += self.daily(day) if counts(day) else NO_HOURS
            day += ONE_DAY
        return total


class HoursByDay:
    """Charged hours summed between two dates in O(log n)."""

    def __init__(self, charges: Sequence[Charge]) -> None:
        ordered = sorted(charges, key=lambda charge: charge.day)
        self.days = [charge.day for charge in ordered]
        self.totals = [NO_HOURS, *accumulate(charge.hours for charge in ordered)]

    def between(self, start: date, end: date) -> Decimal:
        return self.totals[bisect_right(self.days, end)] - self.totals[bisect_left(self.days, start)]

    def first_day_reaching(self, start: date, end: date, limit: Decimal) -> date | None:
        """The first day from start to end on which the running total reaches `limit`."""
        base = self.totals[bisect_left(self.days, start)]
        for index in range(bisect_left(self.days, start), bisect_right(self.days, end)):
            if self.totals[index + 1] - base >= limit - TOLERANCE:
                return self.days[index]
        return None


@dataclass(frozen=True)
class Limit:
    """One cap to walk against: its hours, the charges already counted, and which projected days count."""

    hours: Decimal
    past: HoursByDay
    counts: Callable[[date], bool]


def run_out_day(
    rules: EntitlementRules, period: Period | None, as_of: date, pace: Pace, limits: Sequence[Limit]
) -> date | None:
    """The first day on which any limit is reached, walking the pace forward from as_of; None within a year."""
    first = max(as_of + ONE_DAY, pace.first_day)
    period, last = walked_period(rules, period, as_of, pace)
    projected = [NO_HOURS] * len(limits)
    day = first
    while day <= last:
        hours = pace.daily(day)
        for index, limit in enumerate(limits):
            if limit.counts(day):
                projected[index] += hours
            window_start = _window_start(rules, period, day, first)
            if limit.past.between(window_start, as_of) + projected[index] >= limit.hours - TOLERANCE and hours > 0:
                return day
        day += ONE_DAY
    return None


def walked_period(
    rules: EntitlementRules, period: Period | None, as_of: date, pace: Pace
) -> tuple[Period | None, date]:
    """The period the walk counts in and its last day: 12 months ahead at most, and for a fixed or anchored period
    no further than its end (a new entitlement starts after it)."""
    first = max(as_of + ONE_DAY, pace.first_day)
    last = add_months(as_of, 12)
    if period is None and rules.period_method is not PeriodMethod.ROLLING_BACKWARD:
        period = opened_by(rules, first)  # the first projected day opens the next period
    if period is not None and rules.period_method is not PeriodMethod.ROLLING_BACKWARD:
        last = min(last, period.end)
    return period, last


def _window_start(rules: EntitlementRules, period: Period | None, day: date, first: date) -> date:
    if rules.period_method is PeriodMethod.ROLLING_BACKWARD:
        return add_months(day, -12) + ONE_DAY
    return period.start if period is not None else first
