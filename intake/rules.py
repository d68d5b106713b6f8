"""The intake rules as plain functions: which dates may be reported, how long an absence lasts,
how many reasons a request takes, and when a Case Specialist will reach out.

Nothing here touches HTTP or the database; the step forms and the submit actions both call these,
so the page and the final check on submit can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MINUTES_IN_A_DAY = 24 * 60
DEFAULT_SCHEDULED_HOURS = Decimal("8")
MAX_NOTES_LENGTH = 1000
MAX_LEAVE_REASONS = 5
MAX_UNPLANNED_REASONS = 1

# The spec's guidance under each date question.
INTERMITTENT_GUIDANCE = _(
    "If the day missed is more than 30 days in the past, please visit the Contact Us page and call us to complete "
    "your request."
)
CONTINUOUS_GUIDANCE = _(
    "Please select the range of dates that you expect to miss work or have already missed: If the first day missed "
    "is more than 30 days in the past, please visit the Contact Us page and call us to complete your request."
)
UNPLANNED_GUIDANCE = _(
    "Each absence date and time will need to be submitted individually. Absences may be reported up to 60 days in "
    "the future."
)


@dataclass(frozen=True)
class DateWindow:
    """The dates a question accepts (both ends included) and what to say about a date outside them."""

    earliest: date | None
    latest: date | None
    too_early: StrOrPromise
    too_late: StrOrPromise

    def refusal(self, day: date) -> StrOrPromise | None:
        """Why `day` is refused, or None when it is allowed."""
        if self.earliest is not None and day < self.earliest:
            return self.too_early
        if self.latest is not None and day > self.latest:
            return self.too_late
        return None


def intermittent_window(today: date) -> DateWindow:
    """An intermittent day: at most 30 days in the past, any day ahead."""
    return DateWindow(today - timedelta(days=30), None, INTERMITTENT_GUIDANCE, INTERMITTENT_GUIDANCE)


def continuous_start_window(today: date) -> DateWindow:
    """The first day of a continuous leave: at most 30 days in the past."""
    return DateWindow(today - timedelta(days=30), None, CONTINUOUS_GUIDANCE, CONTINUOUS_GUIDANCE)


def unplanned_window(today: date) -> DateWindow:
    """An unplanned absence: from yesterday (a shift that spans two days) to 60 days ahead."""
    return DateWindow(
        today - timedelta(days=1),
        today + timedelta(days=60),
        _("Absences may be reported up to one day in the past to cover shifts that span multiple days."),
        _("Absences may be reported up to 60 days in the future."),
    )


def case_time_window(today: date, span_start: date, span_end: date) -> DateWindow:
    """Time reported on an open intermittent case: inside the case's span and at most 30 days in the past."""
    outside = _("The date must fall within this case's leave period, from %(start)s to %(end)s.") % {
        "start": span_start.strftime("%b %d, %Y"),
        "end": span_end.strftime("%b %d, %Y"),
    }
    thirty_days_ago = today - timedelta(days=30)
    if span_start >= thirty_days_ago:
        return DateWindow(span_start, span_end, outside, outside)
    return DateWindow(thirty_days_ago, span_end, INTERMITTENT_GUIDANCE, outside)


def continuous_end_refusal(start: date, end: date) -> StrOrPromise | None:
    if end < start:
        return _("The end date must be on or after the start date.")
    return None


# --- Durations -------------------------------------------------------------------------------

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


def minutes_refusal(minutes: int) -> StrOrPromise | None:
    if minutes <= 0:
        return _("Enter a time greater than 0 hours and 0 minutes.")
    if minutes > MINUTES_IN_A_DAY:
        return _("Enter no more than 24 hours.")
    return None


def format_hours(minutes: int) -> str:
    """480 → '8 HOURS', 450 → '7 HOURS 30 MINUTES' (how the full-day choice reads)."""
    hours, rest = divmod(minutes, 60)
    text = _("%(hours)s HOURS") % {"hours": hours}
    if rest:
        text = _("%(hours)s HOURS %(minutes)s MINUTES") % {"hours": hours, "minutes": rest}
    return str(text)


# --- Reasons ---------------------------------------------------------------------------------


def reasons_refusal(count: int, maximum: int) -> StrOrPromise | None:
    """At least one reason is needed; a leave takes up to five, an unplanned absence one."""
    if count < 1:
        return _("A reason must be provided to move forward.")
    if count > maximum:
        if maximum == 1:
            return _("Unplanned Absences only allow for one (1) reason.")
        return _("You may select up to five (5) options.")
    return None


# --- Business days ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _massachusetts_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("US", subdiv="MA", years=[year, year + 1])


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _massachusetts_holidays(day.year)


def add_business_days(start: date, count: int) -> date:
    """The date `count` business days after `start` (weekends and Massachusetts holidays skipped)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day
