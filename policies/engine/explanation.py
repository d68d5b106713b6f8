"""The lines that say which periods and entries made a figure, in words a specialist or employee can check."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from policies.engine.charges import Charge, ChargeKind
from policies.engine.facts import Schedule
from policies.engine.rules import UnpaidStart, UnpaidStartKind
from policies.engine.wording import date_text, hours_text

WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def schedule_text(schedule: Schedule) -> str:
    """The schedule in words: "8 h a day on Mon, Tue, Wed, Thu, Fri", or day by day when it varies."""
    hours = [(number, schedule.hours_on_weekday(number)) for number in sorted(schedule.work_days)]
    if len({figure for _number, figure in hours}) > 1:
        return ", ".join(f"{WEEKDAY_ABBREVIATIONS[number]} {hours_text(figure)} h" for number, figure in hours)
    figure = hours[0][1] if hours else schedule.hours_per_day
    days = ", ".join(WEEKDAY_ABBREVIATIONS[number] for number in sorted(schedule.work_days))
    return _("%(hours)s h a day on %(days)s") % {"hours": hours_text(figure), "days": days}


def entitlement_line(weeks: Decimal, schedule: Schedule) -> str:
    """The entitlement in hours: workweeks times the weekly figure, which for a variable schedule is the
    12-month average of hours scheduled when the roster gives it (29 CFR 825.205(b)(3))."""
    words = {
        "weeks": hours_text(weeks),
        "weekly": hours_text(schedule.entitlement_weekly_hours),
        "schedule": schedule_text(schedule),
        "scheduled": hours_text(schedule.weekly_hours),
        "total": hours_text(weeks * schedule.entitlement_weekly_hours),
    }
    if schedule.average_weekly_hours is not None:
        return (
            _(
                "Entitlement: %(weeks)s workweeks × %(weekly)s h a week, the average of hours scheduled over the last "
                "12 months [29 CFR 825.205(b)(3)] (scheduled now: %(schedule)s, %(scheduled)s h a week) = %(total)s h."
            )
            % words
        )
    return _("Entitlement: %(weeks)s workweeks × %(weekly)s h a week (%(schedule)s) = %(total)s h.") % words


def charge_lines(charges: Sequence[Charge]) -> list[str]:
    """One line per workweek of continuous leave and one per time entry, in date order."""
    weeks: dict[tuple[str, date], list[Charge]] = {}
    dated_lines: list[tuple[date, str]] = []
    for charge in charges:
        if charge.kind is ChargeKind.ENTRY:
            dated_lines.append((charge.day, entry_line(charge)))
        elif charge.kind is ChargeKind.OPENING:
            dated_lines.append((charge.day, opening_line(charge.hours, charge.note, charge.day)))
        else:
            weeks.setdefault((charge.case_number, charge.week_start), []).append(charge)
    for (case_number, week), days in weeks.items():
        dated_lines.append((days[0].day, _week_line(case_number, week, days)))
    return [line for _day, line in sorted(dated_lines, key=lambda item: item[0])]


def entry_line(charge: Charge) -> str:
    """ "Case N: time entry on Mar 3, 2026, 4 h." and, when it charges other than entered, why."""
    words = {"case": charge.case_number, "day": date_text(charge.day), "hours": hours_text(charge.hours)}
    if charge.note:
        return _("Case %(case)s: time entry on %(day)s, %(hours)s h charged (%(note)s).") % {
            **words,
            "note": charge.note,
        }
    return _("Case %(case)s: time entry on %(day)s, %(hours)s h.") % words


def opening_line(hours: Decimal, note: str, period_start: date) -> str:
    """Time used before LeaveDesk: "32 hours used before LeaveDesk (note…), counted from Jan 5, 2026"."""
    words = {"hours": hours_text(hours), "note": note, "day": date_text(period_start)}
    if note:
        line = ngettext(
            "%(hours)s hour used before LeaveDesk (%(note)s), counted from %(day)s.",
            "%(hours)s hours used before LeaveDesk (%(note)s), counted from %(day)s.",
            _count(hours),
        )
    else:
        line = ngettext(
            "%(hours)s hour used before LeaveDesk, counted from %(day)s.",
            "%(hours)s hours used before LeaveDesk, counted from %(day)s.",
            _count(hours),
        )
    return line % words


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


def _count(hours: Decimal) -> int:
    """1 for the singular ("1 hour"), else 2, as the hours are written."""
    return 1 if hours_text(hours) == "1" else 2


def _span(first: date, last: date) -> str:
    return date_text(first) if first == last else f"{date_text(first)} – {date_text(last)}"


def not_covered_words(hours: Decimal, policy: str) -> str:
    """The not-covered part of a summary: "20 hours not covered by FMLA" (policy: its short name)."""
    line = ngettext(
        "%(hours)s hour not covered by %(policy)s",
        "%(hours)s hours not covered by %(policy)s",
        _count(hours),
    )
    return line % {"hours": hours_text(hours), "policy": policy}


def not_covered_line(
    hours: Decimal,
    policy: str,
    first: date,
    last: date,
    *,
    cap_weeks: Decimal | None = None,
    prospective: bool = False,
) -> str:
    """Approved (or requested) time past the entitlement, said apart (29 CFR 825.200(a); c.175M §2):
    "40 hours requested beyond the FMLA entitlement are not covered by FMLA (Mar 23, 2026 to Mar 27, 2026)",
    the dates written with an en dash. cap_weeks: the time is past a combined cap of that many workweeks."""
    words = {"hours": hours_text(hours), "policy": policy, "days": _span(first, last)}
    if cap_weeks is not None:
        words["limit"] = _("the combined cap of %(weeks)s workweeks") % {"weeks": hours_text(cap_weeks)}
    else:
        words["limit"] = _("the %(policy)s entitlement") % words
    if prospective:
        line = ngettext(
            "%(hours)s hour requested beyond %(limit)s would not be covered by %(policy)s (%(days)s).",
            "%(hours)s hours requested beyond %(limit)s would not be covered by %(policy)s (%(days)s).",
            _count(hours),
        )
    else:
        line = ngettext(
            "%(hours)s hour requested beyond %(limit)s is not covered by %(policy)s (%(days)s).",
            "%(hours)s hours requested beyond %(limit)s are not covered by %(policy)s (%(days)s).",
            _count(hours),
        )
    return line % words


def leave_covered_line(policy: str, after: Decimal) -> str:
    """The entitlement lasts past the leave: "FMLA covers this leave; 160 hours remain after it"."""
    line = ngettext(
        "%(policy)s covers this leave; %(hours)s hour remains after it.",
        "%(policy)s covers this leave; %(hours)s hours remain after it.",
        _count(after),
    )
    return line % {"policy": policy, "hours": hours_text(after)}


def hours_left_line(policy: str, hours: Decimal, day: date) -> str:
    return _("%(policy)s has %(hours)s h left on %(day)s, every other approved decision counted.") % {
        "policy": policy,
        "hours": hours_text(hours),
        "day": date_text(day),
    }


def available_line(policy: str, available: Decimal, left: Decimal, day: date) -> str:
    """When the period rules give these dates more (or other approved leave in them takes some) than was left
    on their first day: a rolling window giving hours back, a new period starting within the dates."""
    return _(
        "Counted day by day by the period rules and with the other approved leave, %(policy)s has %(available)s h "
        "for these dates (%(left)s h on %(day)s)."
    ) % {"policy": policy, "available": hours_text(available), "left": hours_text(left), "day": date_text(day)}


def requested_line(policy: str, hours: Decimal, start: date, end: date) -> str:
    return _("Approving %(days)s would charge %(hours)s h to %(policy)s.") % {
        "days": _span(start, end),
        "hours": hours_text(hours),
        "policy": policy,
    }


def fits_line(policy: str, after: Decimal) -> str:
    return _("These dates fit in what %(policy)s has left: %(hours)s h would remain after them.") % {
        "policy": policy,
        "hours": hours_text(after),
    }


def runs_out_line(day: date | None) -> str:
    if day is None:
        return _("None of these dates would be covered: nothing is left.")
    return _("The hours left cover these dates through %(day)s.") % {"day": date_text(day)}


def others_not_covered_line(policy: str, hours: Decimal, cases: Sequence[str]) -> str:
    """Approving earlier dates takes hours that later approved leave was counting on (charged in date order)."""
    return _(
        "Charged in date order, these dates would leave %(hours)s h of leave already approved under %(policy)s "
        "not covered (case %(cases)s)."
    ) % {"hours": hours_text(hours), "policy": policy, "cases": ", ".join(cases)}
