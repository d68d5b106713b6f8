"""The lines that say which periods and entries made a figure, in words a specialist or employee can check."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from policies.engine.charges import Charge, ChargeKind
from policies.engine.facts import Schedule
from policies.engine.rules import UnpaidStart, UnpaidStartKind
from policies.engine.wording import date_text, hours_text

WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def schedule_text(schedule: Schedule) -> str:
    days = ", ".join(WEEKDAY_ABBREVIATIONS[number] for number in sorted(schedule.work_days))
    return _("%(hours)s h a day on %(days)s") % {"hours": hours_text(schedule.hours_per_day), "days": days}


def entitlement_line(weeks: Decimal, schedule: Schedule) -> str:
    return _("Entitlement: %(weeks)s workweeks × %(weekly)s h a week (%(schedule)s) = %(total)s h.") % {
        "weeks": hours_text(weeks),
        "weekly": hours_text(schedule.weekly_hours),
        "schedule": schedule_text(schedule),
        "total": hours_text(weeks * schedule.weekly_hours),
    }


def charge_lines(charges: Sequence[Charge]) -> list[str]:
    """One line per workweek of continuous leave and one per time entry, in date order."""
    weeks: dict[tuple[str, date], list[Charge]] = {}
    dated_lines: list[tuple[date, str]] = []
    for charge in charges:
        if charge.kind is ChargeKind.ENTRY:
            dated_lines.append((charge.day, _entry_line(charge)))
        else:
            weeks.setdefault((charge.case_number, charge.week_start), []).append(charge)
    for (case_number, week), days in weeks.items():
        dated_lines.append((days[0].day, _week_line(case_number, week, days)))
    return [line for _day, line in sorted(dated_lines, key=lambda item: item[0])]


def _entry_line(charge: Charge) -> str:
    return _("Case %(case)s: time entry on %(day)s, %(hours)s h.") % {
        "case": charge.case_number,
        "day": date_text(charge.day),
        "hours": hours_text(charge.hours),
    }


def _week_line(case_number: str, week: date, days: list[Charge]) -> str:
    hours = sum((charge.hours for charge in days), Decimal(0))
    words = {"case": case_number, "week": date_text(week), "hours": hours_text(hours), "count": len(days)}
    holidays = [charge for charge in days if charge.holiday]
    if days[0].kind is ChargeKind.FULL_WEEK:
        line = _("Case %(case)s: week of %(week)s, a full workweek of leave, %(hours)s h") % words
        notes = [_("the holiday %(name)s counts in a full week") % {"name": c.holiday} for c in holidays]
    else:
        line = (
            _("Case %(case)s: week of %(week)s, part of a workweek (%(count)s scheduled days taken), %(hours)s h")
            % words
        )
        notes = [
            _("the holiday %(name)s on %(day)s is not charged") % {"name": c.holiday, "day": date_text(c.day)}
            for c in holidays
        ]
    return line + (" (" + "; ".join(notes) + ")" if notes else "") + "."


def unpaid_start_line(unpaid: UnpaidStart, start: date, hours: Decimal) -> str:
    words = {
        "start": date_text(start),
        "end": date_text(start + timedelta(days=unpaid.days - 1)),
        "days": unpaid.days,
        "hours": hours_text(hours),
    }
    if unpaid.kind is UnpaidStartKind.WAITING_PERIOD:
        line = _("Waiting period: %(start)s – %(end)s, the first %(days)s calendar days, unpaid") % words
    else:
        line = _("Elimination period: %(start)s – %(end)s, the first %(days)s calendar days, unpaid") % words
    if unpaid.charges_entitlement:
        return line + _("; its %(hours)s h count toward the entitlement.") % words
    return line + _("; its %(hours)s h do not count toward the maximum.") % words
