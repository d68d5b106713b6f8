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
from django.utils.translation import ngettext

from absence.limits import DEFAULT_SCHEDULED_HOURS, MINUTES_IN_A_DAY

# "9", "9:30", "9.30", "0930", "930", "14:00", each with or without "am", "a.m.", "p", "PM"...
TIME_PATTERN = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.]?(?P<minute>\d{2}))?\s*(?:(?P<half>[ap])\.?\s*(?:m\.?)?)?$",
    re.IGNORECASE,
)
WORDS = {"noon": time(12, 0), "12 noon": time(12, 0), "midnight": time(0, 0), "12 midnight": time(0, 0)}
# An hour typed without AM or PM is read as a working day reads it: 7 to 11 in the morning, 12 to 6 in the
# afternoon; 0 and 13 to 23 are 24-hour times. The field then shows "09:00 AM" back to be confirmed.
FIRST_MORNING_HOUR = 7


def parse_clock_time(text: str) -> time | None:
    """'9am', '9:00', '0900', '2:30p', '14:00', '12 noon', '08:00 AM' → a time; anything else → None."""
    typed = " ".join(text.split()).lower()
    if typed in WORDS:
        return WORDS[typed]
    match = TIME_PATTERN.match(typed)
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if minute > 59:
        return None
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        return time(hour % 12 + (12 if match["half"] == "p" else 0), minute)
    return _working_day_hour(hour, minute)


def _working_day_hour(hour: int, minute: int) -> time | None:
    if hour > 23:
        return None
    if 1 <= hour < FIRST_MORNING_HOUR:
        hour += 12
    return time(hour, minute)


def format_clock_time(value: time) -> str:
    """08:00 → '08:00 AM' (the form the time fields show)."""
    hour = value.hour % 12 or 12
    return f"{hour:02d}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def say_clock_time(value: time) -> str:
    """14:00 → '2:00 PM' (a time in a sentence)."""
    return format_clock_time(value).lstrip("0")


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


def say_duration(minutes: int) -> str:
    """1380 → '23 hours', 570 → '9 hours 30 minutes', 45 → '45 minutes' (a duration in a sentence)."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest})
    return " ".join(parts)


def unusual_partial_day(start: time, end: time, scheduled_minutes: int) -> str | None:
    """The question to ask before keeping a partial day that ends the next day or outlasts the scheduled day.

    None for an ordinary partial day. Both are possible (a night shift, a long day) but are more often a slip
    of AM for PM, so the person confirms them once instead of the server keeping them silently.
    """
    minutes = partial_day_minutes(start, end)
    times = {"start": say_clock_time(start), "end": say_clock_time(end), "length": say_duration(minutes)}
    if crosses_midnight(start, end):
        return _("%(start)s to %(end)s is %(length)s, ending the next day. Is that right?") % times
    if minutes > scheduled_minutes:
        return _(
            "%(start)s to %(end)s is %(length)s, longer than your scheduled day of %(scheduled)s. Is that right?"
        ) % {**times, "scheduled": say_duration(scheduled_minutes)}
    return None
