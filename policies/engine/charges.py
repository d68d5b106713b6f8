"""What a case charges to a policy that covers it, day by day, in hours.

A continuous leave charges by the workweek (29 CFR 825.200(h); DOL opinion letter FMLA2023-2-A): when the leave
takes every scheduled day of a workweek, the whole week counts, holidays included; in a partial week only the
scheduled working days taken count, and a holiday in it does not. Spreading a full week over its scheduled days
(each at the hours scheduled that weekday) keeps weekly totals right and lets a period boundary fall mid-week. A
time entry charges its own minutes on its day (825.205: intermittent leave counts only the time actually taken).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from policies.engine.calendar import days_between, sunday_on_or_before
from policies.engine.facts import CaseTime, Coverage, Pattern, Schedule

NO_HOURS = Decimal(0)


class ChargeKind(StrEnum):
    FULL_WEEK = "full_week"
    PARTIAL_WEEK = "partial_week"
    HOLIDAY_NOT_CHARGED = "holiday_not_charged"
    ENTRY = "entry"


@dataclass(frozen=True)
class Charge:
    day: date
    hours: Decimal
    case_number: str
    kind: ChargeKind
    holiday: str = ""  # the holiday's name when the day is one

    @property
    def week_start(self) -> date:
        return sunday_on_or_before(self.day)


def continuous_charges(
    case_number: str, start: date, end: date, schedule: Schedule, holidays: Mapping[date, str]
) -> list[Charge]:
    """The days a continuous leave from start to end charges, week by week."""
    charges: list[Charge] = []
    week = sunday_on_or_before(start)
    while week <= end:
        scheduled = [day for day in days_between(week, week + timedelta(days=6)) if schedule.works_on(day)]
        taken = [day for day in scheduled if start <= day <= end]
        full = bool(taken) and len(taken) == len(scheduled)
        charges.extend(_day_charge(case_number, day, full, schedule, holidays.get(day, "")) for day in taken)
        week += timedelta(days=7)
    return charges


def _day_charge(case_number: str, day: date, full: bool, schedule: Schedule, holiday: str) -> Charge:
    if full:
        return Charge(day, schedule.hours_on(day), case_number, ChargeKind.FULL_WEEK, holiday)
    if holiday:
        return Charge(day, NO_HOURS, case_number, ChargeKind.HOLIDAY_NOT_CHARGED, holiday)
    return Charge(day, schedule.hours_on(day), case_number, ChargeKind.PARTIAL_WEEK)


def covered_charges(
    case: CaseTime, coverage: Coverage, schedule: Schedule, holidays: Mapping[date, str]
) -> list[Charge]:
    """What one approved decision charges: the case's time within the decision's dates."""
    if case.pattern is Pattern.CONTINUOUS:
        start, end = max(case.start, coverage.start), min(case.end, coverage.end)
        return continuous_charges(case.case_number, start, end, schedule, holidays) if start <= end else []
    return [
        Charge(entry.day, entry.hours, case.case_number, ChargeKind.ENTRY, holidays.get(entry.day, ""))
        for entry in case.entries
        if coverage.covers(entry.day)
    ]


def merge_charges(charge_lists: Iterable[list[Charge]]) -> list[Charge]:
    """One policy's charges from several decisions, a day never charged twice by continuous leave.

    A continuous leave's day is the whole scheduled day, so a time entry on the same day (another case) adds
    nothing; time entries of different cases on one day add up.
    """
    continuous: dict[date, Charge] = {}
    entries: list[Charge] = []
    for charges in charge_lists:
        for charge in charges:
            if charge.kind is ChargeKind.ENTRY:
                entries.append(charge)
            else:
                continuous.setdefault(charge.day, charge)
    kept = list(continuous.values()) + [entry for entry in entries if entry.day not in continuous]
    return sorted(kept, key=lambda charge: (charge.day, charge.case_number))
