"""Time entries against the schedule: what each entry charges, and why it differs from what was entered.

29 CFR 825.205(b)(1): intermittent or reduced-schedule leave counts only the time the employee would otherwise have
worked. So an entry charges no more than the day's scheduled hours: nothing on a day the employee is not
scheduled (a weekend, a holiday of the work location), at most the scheduled hours on a workday, and a "full day"
is the scheduled day's hours whatever was typed. Overtime the employee was required to work counts (825.205(c):
an entry may carry mandatory overtime, which raises its day); voluntary overtime does not. The same hour is never
charged twice: entries of several cases on one day are charged together up to the day's hours, and where two of
them give their times, the minutes they share are charged once.

Every entry charged differently from what was entered gets a flag for the specialist (EntryFlag): the day, the
case, the reason in plain words, the hours entered and the hours charged. The total charged on a day does not
depend on the order of the cases; which case a shared hour is charged to goes by case number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.utils import dateformat
from django.utils.translation import gettext as _

from policies.engine.facts import CaseTime, Entry, Pattern, Schedule
from policies.engine.wording import hours_text

NO_HOURS = Decimal(0)


@dataclass(frozen=True)
class EntryFlag:
    """A time entry charged differently from what was entered, and why."""

    day: date
    case_number: str
    reason: str  # plain words, with the rule's source
    hours_asked: Decimal  # the hours entered
    hours_charged: Decimal  # the hours the rule charges


@dataclass(frozen=True)
class JudgedEntry:
    """One entry of one case with the hours it charges, and the reasons when they differ from those entered."""

    case_number: str
    entry: Entry
    charged: Decimal
    reasons: tuple[str, ...] = ()

    @property
    def flag(self) -> EntryFlag | None:
        if not self.reasons:
            return None
        reason = "; ".join(self.reasons)
        return EntryFlag(self.entry.day, self.case_number, reason, self.entry.hours, self.charged)


def judge_entries(
    entries: Iterable[tuple[str, Entry]], schedule: Schedule, holidays: Mapping[date, str]
) -> list[JudgedEntry]:
    """Each (case number, entry) charged by the schedule, one day at a time, in date and case order."""
    by_day: dict[date, list[tuple[str, Entry]]] = defaultdict(list)
    for number, entry in entries:
        by_day[entry.day].append((number, entry))
    judged: list[JudgedEntry] = []
    for day in sorted(by_day):
        judged.extend(_judge_day(sorted(by_day[day], key=lambda item: item[0]), schedule, holidays.get(day, "")))
    return judged


def entry_flags(cases: Iterable[CaseTime], schedule: Schedule, holidays: Mapping[date, str]) -> list[EntryFlag]:
    """The flags of every time entry of these cases (all of one employee's), judged together, by day and case."""
    entries = [
        (case.case_number, entry) for case in cases if case.pattern is Pattern.INTERMITTENT for entry in case.entries
    ]
    return [flag for judged in judge_entries(entries, schedule, holidays) if (flag := judged.flag) is not None]


def _judge_day(entries: list[tuple[str, Entry]], schedule: Schedule, holiday: str) -> list[JudgedEntry]:
    day = entries[0][1].day
    scheduled = NO_HOURS if holiday else schedule.hours_on(day)
    day_limit = scheduled + max(entry.mandatory_overtime_hours for _number, entry in entries)
    taken = NO_HOURS
    spans: list[tuple[str, int, int]] = []  # (case, start minute, end minute) of the entries charged so far
    judged: list[JudgedEntry] = []
    for number, entry in entries:
        hours, reasons = _against_schedule(entry, scheduled, holiday)
        shared, others = _shared_minutes(entry, spans)
        if shared and hours > 0:
            hours = max(hours - Decimal(shared) / 60, NO_HOURS)
            reasons.append(_overlap_reason(others))
        if hours > day_limit - taken:
            hours = max(day_limit - taken, NO_HOURS)
            reasons.append(_day_full_reason([n for n, _e in entries if n < number], day_limit))
        taken += hours
        if entry.start is not None and entry.end is not None:
            spans.append((number, _minute(entry.start), _minute(entry.end)))
        judged.append(JudgedEntry(number, entry, hours, tuple(reasons)))
    return judged


def _against_schedule(entry: Entry, scheduled: Decimal, holiday: str) -> tuple[Decimal, list[str]]:
    """One entry alone against its day: a full day is the day's hours; a partial day at most them."""
    day_hours = scheduled + entry.mandatory_overtime_hours
    if day_hours == 0 or (not entry.full_day and entry.hours > day_hours):
        return min(entry.hours, day_hours), [_beyond_schedule_reason(entry.day, scheduled, holiday, entry)]
    if entry.full_day and entry.hours != day_hours:
        return day_hours, [_full_day_reason(day_hours, entry)]
    return (day_hours if entry.full_day else entry.hours), []


def _minute(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _shared_minutes(entry: Entry, spans: list[tuple[str, int, int]]) -> tuple[int, list[str]]:
    """The minutes of entry's times already covered by earlier entries' times (counted once), and their cases."""
    if entry.start is None or entry.end is None:
        return 0, []
    start, end = _minute(entry.start), _minute(entry.end)
    covered = [(max(start, s), min(end, e), number) for number, s, e in spans if max(start, s) < min(end, e)]
    shared, reach = 0, start
    for low, high, _number in sorted(covered):
        if high > reach:
            shared += high - max(low, reach)
            reach = high
    return shared, sorted({number for _low, _high, number in covered})


def _full_day_reason(day_hours: Decimal, entry: Entry) -> str:
    words = {"day": hours_text(day_hours), "entered": hours_text(entry.hours)}
    if entry.mandatory_overtime_minutes:
        return (
            _(
                "a full day is the scheduled day's %(day)s h with its mandatory overtime, not the %(entered)s h "
                "entered [29 CFR 825.205(c)]"
            )
            % words
        )
    return _("a full day is the scheduled day's %(day)s h, not the %(entered)s h entered [29 CFR 825.205]") % words


def _beyond_schedule_reason(day: date, scheduled: Decimal, holiday: str, entry: Entry) -> str:
    words = {
        "day": dateformat.format(day, "l"),
        "holiday": holiday,
        "scheduled": hours_text(scheduled),
        "overtime": hours_text(entry.mandatory_overtime_hours),
    }
    if holiday and not entry.mandatory_overtime_minutes:
        return _("%(holiday)s is a holiday, not a day the employee would have worked [29 CFR 825.205(b)]") % words
    if scheduled == 0 and not entry.mandatory_overtime_minutes:
        return _("%(day)s is not a scheduled workday [29 CFR 825.205(b)]") % words
    if entry.mandatory_overtime_minutes:
        return (
            _(
                "more than the %(scheduled)s h scheduled and %(overtime)s h of mandatory overtime that day "
                "[29 CFR 825.205(b), (c)]"
            )
            % words
        )
    return (
        _(
            "more than the %(scheduled)s h scheduled that day; voluntary overtime does not count "
            "[29 CFR 825.205(b), (c)]"
        )
        % words
    )


def _overlap_reason(others: list[str]) -> str:
    return _("overlaps the time of case %(cases)s on this day, charged once") % {"cases": ", ".join(others)}


def _day_full_reason(others: list[str], day_limit: Decimal) -> str:
    words = {"cases": ", ".join(others), "hours": hours_text(day_limit)}
    if others:
        return _("with case %(cases)s, more than the day's %(hours)s h: the same hour is not charged twice") % words
    return _("more than the day's %(hours)s h") % words
