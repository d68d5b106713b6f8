"""Building blocks for the worked examples: the catalogue's rules, schedules, and cases written in one line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from policies.catalogue import RULES, SHORT_NAMES
from policies.engine import CaseTime, Coverage, Entry, Pattern, PolicyRules, Schedule, parse_rules

FULL_TIME = Schedule(Decimal(8), frozenset({0, 1, 2, 3, 4}))  # 40 h a week
PART_TIME = Schedule(Decimal(6), frozenset({0, 1, 3}))  # Mon Tue Thu, 18 h a week
NAMES = {
    "fmla": "Family Medical Leave Act",
    "pfml-medical": "MA PFML Medical Leave",
    "std-1": "Short Term Disability 1",
}


def catalogue_rules(fmla_period_method: str = "rolling_backward") -> dict[str, PolicyRules]:
    """Every catalogue policy's rules as loaded by migration 0004, FMLA counted by the given method."""
    return {
        code: parse_rules(
            code, NAMES.get(code, code), data, fmla_period_method=fmla_period_method, short_name=SHORT_NAMES[code]
        )
        for code, data in RULES.items()
    }


def continuous(number: str, start: date, end: date, *policies: str) -> tuple[CaseTime, list[Coverage]]:
    """A continuous leave from start to end, approved under each policy for its whole length."""
    return CaseTime(number, Pattern.CONTINUOUS, start, end), [Coverage(p, number, start, end) for p in policies]


def intermittent(
    number: str, start: date, end: date, minutes: dict[date, int], *policies: str
) -> tuple[CaseTime, list[Coverage]]:
    """An intermittent leave spanning start to end, with time entries {day: minutes}, approved under each policy."""
    entries = tuple(Entry(day, taken) for day, taken in sorted(minutes.items()))
    case = CaseTime(number, Pattern.INTERMITTENT, start, end, entries)
    return case, [Coverage(p, number, start, end) for p in policies]


def weekdays(start: date, end: date, minutes: int) -> dict[date, int]:
    """A time entry of `minutes` on every Monday-to-Friday from start to end."""
    days = (date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1))
    return {day: minutes for day in days if day.weekday() < 5}
