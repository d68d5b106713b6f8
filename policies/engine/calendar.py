"""Dates the rules count in: months and Sunday-to-Saturday workweeks (holidays: absence.calendar)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

SUNDAY = 6  # date.weekday()
ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def whole_months_between(start: date, end: date) -> int:
    """Completed months from `start` to `end` (0 when end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def sunday_on_or_before(day: date) -> date:
    """The Sunday that starts the workweek holding `day` (workweeks run Sunday to Saturday)."""
    return day - timedelta(days=(day.weekday() - SUNDAY) % 7)


def days_between(start: date, end: date) -> list[date]:
    """Every day from start to end, both included."""
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
