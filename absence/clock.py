"""Times of day as people type them, and how long an absence lasts: the server's one definition.

`parse_clock_time` is the only reader of a typed time. While the times are typed, the day-entry page asks
the server for the duration (htmx posts "Calculate duration", intake/day_times.html), so what the browser
shows is computed by the same rule the server applies on submit.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from absence.limits import DEFAULT_SCHEDULED_HOURS, MINUTES_IN_A_DAY

# "08:00 AM", "8:00 pm", "8:00 p.m.": hour 1 to 12, two-digit minutes, AM or PM.
TIME_PATTERN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*([AaPp])\.?\s*[Mm]\.?\s*$")


def parse_clock_time(text: str) -> time | None:
    """'08:00 AM' → 08:00; anything that is not HH:MM AM/PM → None."""
    match = TIME_PATTERN.match(text)
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2]), match[3].upper()
    if not 1 <= hour <= 12 or minute > 59:
        return None
    return time((hour % 12) + (12 if half == "P" else 0), minute)


def format_clock_time(value: time) -> str:
    """08:00 → '08:00 AM' (the form the time fields show)."""
    hour = value.hour % 12 or 12
    return f"{hour:02d}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def crosses_midnight(start: time, end: time) -> bool:
    """An end earlier than the start means the shift runs past midnight into the next day."""
    return end < start


def partial_day_minutes(start: time, end: time) -> int:
    """Minutes from start to end, across midnight when the end is earlier; 0 when they are equal."""
    base = date(2000, 1, 1)
    begin = datetime.combine(base, start)
    finish = datetime.combine(base + timedelta(days=crosses_midnight(start, end)), end)
    return int((finish - begin).total_seconds() // 60)


def format_duration(minutes: int) -> str:
    """150 → '02:30' (the Duration (Hours : Minutes) box)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def scheduled_day_minutes(scheduled_hours: Decimal | None) -> int:
    """A full day's minutes: the roster's scheduled hours per day, 8 hours when unknown."""
    hours = scheduled_hours if scheduled_hours and scheduled_hours > 0 else DEFAULT_SCHEDULED_HOURS
    return min(int(hours * 60), MINUTES_IN_A_DAY)


def minutes_refusal(minutes: int) -> str | None:
    if minutes <= 0:
        return _("Enter a time greater than 0 hours and 0 minutes.")
    if minutes > MINUTES_IN_A_DAY:
        return _("Enter no more than 24 hours.")
    return None


def format_hours(minutes: int) -> str:
    """480 → '8 HOURS', 450 → '7 HOURS 30 MINUTES' (how the full-day choice reads)."""
    hours, rest = divmod(minutes, 60)
    if rest:
        return _("%(hours)s HOURS %(minutes)s MINUTES") % {"hours": hours, "minutes": rest}
    return _("%(hours)s HOURS") % {"hours": hours}
