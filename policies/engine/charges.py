"""What a case charges to a policy that covers it, day by day, in hours.

A continuous leave charges by the workweek (29 CFR 825.200(h); DOL opinion letter FMLA2023-2-A): when the leave
takes every scheduled day of a workweek, the whole week counts, holidays included; in a partial week only the
scheduled working days taken count, and a holiday in it does not. Spreading a full week over its scheduled days
(each at the hours scheduled that weekday) keeps weekly totals right and lets a period boundary fall mid-week. The
week is judged over all of a policy's cases together. A time entry charges the time taken that the employee would
have worked (825.205; policies.engine.entries).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from policies.engine.calendar import days_between, sunday_on_or_before
from policies.engine.entries import JudgedEntry, judge_entries
from policies.engine.facts import CaseTime, Coverage, Entry, OpeningBalance, Pattern, Schedule
from policies.engine.wording import hours_text

NO_HOURS = Decimal(0)


class ChargeKind(StrEnum):
    FULL_WEEK = "full_week"
    PARTIAL_WEEK = "partial_week"
    HOLIDAY_NOT_CHARGED = "holiday_not_charged"
    ENTRY = "entry"
    OPENING = "opening"  # time used before LeaveDesk (facts.OpeningBalance), on no case


@dataclass(frozen=True)
class Charge:
    day: date
    hours: Decimal
    case_number: str
    kind: ChargeKind
    holiday: str = ""  # the holiday's name when the day is one
    note: str = ""  # why a time entry charges other than what was entered (policies.engine.entries)

    @property
    def week_start(self) -> date:
        return sunday_on_or_before(self.day)


def continuous_charges(
    case_number: str, start: date, end: date, schedule: Schedule, holidays: Mapping[date, str]
) -> list[Charge]:
    """The days one continuous leave from start to end charges, week by week."""
    return workweek_charges([(case_number, start, end)], schedule, holidays)


def workweek_charges(
    spans: Sequence[tuple[str, date, date]], schedule: Schedule, holidays: Mapping[date, str]
) -> list[Charge]:
    """The days continuous leave takes, judged week by week over every span together.

    29 CFR 825.200(h) looks at the employee's leave in a workweek whatever case it came from: a week whose
    scheduled days are all taken, by one case or several, is a full week (its holiday counts); overlapping spans
    charge a day once. Each day is charged to the span that starts first (then by case number), so the hours never
    depend on the order of case numbers.
    """
    owner: dict[date, str] = {}
    for number, start, end in sorted(spans, key=lambda span: (span[1], span[0])):
        for day in days_between(start, end):
            if schedule.works_on(day):
                owner.setdefault(day, number)
    charges: list[Charge] = []
    for week in sorted({sunday_on_or_before(day) for day in owner}):
        scheduled = [day for day in days_between(week, week + timedelta(days=6)) if schedule.works_on(day)]
        full = all(day in owner for day in scheduled)
        charges.extend(
            _day_charge(owner[day], day, full, schedule, holidays.get(day, "")) for day in scheduled if day in owner
        )
    return charges


def _day_charge(case_number: str, day: date, full: bool, schedule: Schedule, holiday: str) -> Charge:
    if full:
        return Charge(day, schedule.hours_on(day), case_number, ChargeKind.FULL_WEEK, holiday)
    if holiday:
        return Charge(day, NO_HOURS, case_number, ChargeKind.HOLIDAY_NOT_CHARGED, holiday)
    return Charge(day, schedule.hours_on(day), case_number, ChargeKind.PARTIAL_WEEK)


def policy_charges(
    cases: Mapping[str, CaseTime],
    coverages: Sequence[Coverage],
    schedule: Schedule,
    holidays: Mapping[date, str],
    *,
    per_case: bool = False,
) -> list[Charge]:
    """What one policy's approved decisions charge, day by day, across the employee's cases.

    Continuous leave is judged by the workweek over all the policy's cases together (each case alone for a
    per-case plan, whose cases have their own maximum). Time entries are charged by the schedule
    (policies.engine.entries, 29 CFR 825.205); a day continuous leave charges whole is not charged again by an
    entry of another case.
    """
    spans: list[tuple[str, date, date]] = []
    entries: list[tuple[str, Entry]] = []
    for coverage in coverages:
        case = cases[coverage.case_number]
        if case.pattern is Pattern.CONTINUOUS:
            start, end = max(case.start, coverage.start), min(case.end, coverage.end)
            if start <= end:
                spans.append((case.case_number, start, end))
        else:
            entries.extend((case.case_number, entry) for entry in case.entries if coverage.covers(entry.day))
    if per_case:
        numbers = sorted({number for number, _start, _end in spans})
        continuous = [c for n in numbers for c in workweek_charges([s for s in spans if s[0] == n], schedule, holidays)]
    else:
        continuous = workweek_charges(spans, schedule, holidays)
    taken = {charge.day for charge in continuous}
    judged = judge_entries([(n, e) for n, e in entries if e.day not in taken], schedule, holidays)
    charged = [
        Charge(j.entry.day, j.charged, j.case_number, ChargeKind.ENTRY, holidays.get(j.entry.day, ""), _note(j))
        for j in judged
    ]
    return sorted(continuous + charged, key=lambda charge: (charge.day, charge.case_number))


def _note(judged: JudgedEntry) -> str:
    """Why an entry charges other than what was entered, for its explanation line."""
    if not judged.reasons:
        return ""
    words = {"entered": hours_text(judged.entry.hours), "reasons": "; ".join(judged.reasons)}
    return _("%(entered)s h entered: %(reasons)s") % words


def opening_charges(openings: Iterable[OpeningBalance], policy_code: str) -> list[Charge]:
    """The policy's opening balances as charges on their period's first day, on no case (case number "")."""
    return [
        Charge(opening.period_start, opening.hours, "", ChargeKind.OPENING, note=opening.note)
        for opening in openings
        if opening.policy_code == policy_code and opening.hours > 0
    ]


def merge_charges(charge_lists: Iterable[list[Charge]]) -> list[Charge]:
    """Charges from several lists, a day never charged twice by continuous leave.

    A continuous leave's day is the whole scheduled day, so a time entry on the same day (another case) adds
    nothing; time entries of different cases on one day are kept each.
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
