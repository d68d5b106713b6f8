"""The dates each question of the user guide accepts, and what to say about a date outside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from absence import limits

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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
    earliest = today - timedelta(days=limits.DAYS_BACK_FOR_LEAVE)
    return DateWindow(earliest, None, limits.INTERMITTENT_GUIDANCE, limits.INTERMITTENT_GUIDANCE)


def continuous_start_window(today: date) -> DateWindow:
    """The first day of a continuous leave: at most 30 days in the past."""
    earliest = today - timedelta(days=limits.DAYS_BACK_FOR_LEAVE)
    return DateWindow(earliest, None, limits.CONTINUOUS_GUIDANCE, limits.CONTINUOUS_GUIDANCE)


def unplanned_window(today: date) -> DateWindow:
    """An unplanned absence: from yesterday (a shift that spans two days) to 60 days ahead."""
    return DateWindow(
        today - timedelta(days=limits.DAYS_BACK_FOR_UNPLANNED),
        today + timedelta(days=limits.DAYS_AHEAD_FOR_UNPLANNED),
        limits.UNPLANNED_TOO_EARLY,
        limits.UNPLANNED_TOO_LATE,
    )


def case_time_window(today: date, span_start: date, span_end: date) -> DateWindow:
    """Time reported on an open intermittent case: inside the case's span and at most 30 days in the past."""
    outside = _("The date must fall within this case's leave period, from %(start)s to %(end)s.") % {
        "start": span_start.strftime("%b %d, %Y"),
        "end": span_end.strftime("%b %d, %Y"),
    }
    thirty_days_ago = today - timedelta(days=limits.DAYS_BACK_FOR_LEAVE)
    if span_start >= thirty_days_ago:
        return DateWindow(span_start, span_end, outside, outside)
    return DateWindow(thirty_days_ago, span_end, limits.INTERMITTENT_GUIDANCE, outside)


def continuous_end_refusal(start: date, end: date) -> str | None:
    if end < start:
        return _("The end date must be on or after the start date.")
    return None


def one_year_span(start: date) -> tuple[date, date]:
    """An intermittent leave's span: one year from its first day (the day before the anniversary)."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + 1, day=28) + timedelta(days=1)
    return start, anniversary - timedelta(days=1)
