"""The dates each question of the user guide accepts, and what to say about a date outside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import dateformat
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


def say_date(day: date) -> str:
    """2026-11-01 → 'November 1, 2026' (a date in a sentence)."""
    return dateformat.format(day, "F j, Y")


def earlier_by_phone(earliest: date) -> str:
    """What to do about a date too far back: the earliest date online, and whom to call for an earlier one.

    The question's hint keeps the user guide's own words ("please visit the Contact Us page and call us");
    this names the date and the number, so the refusal says what to do next.
    """
    administrator = settings.ADMINISTRATOR
    return _(
        "The earliest date you can enter here is %(earliest)s. For an earlier date, call %(name)s at %(phone)s."
    ) % {"earliest": say_date(earliest), "name": administrator["name"], "phone": administrator["phone"]}


def _thirty_days_back(today: date) -> date:
    return today - timedelta(days=limits.DAYS_BACK_FOR_LEAVE)


def intermittent_window(today: date) -> DateWindow:
    """An intermittent day: at most 30 days in the past, any day ahead."""
    earliest = _thirty_days_back(today)
    return DateWindow(earliest, None, earlier_by_phone(earliest), "")


def continuous_start_window(today: date) -> DateWindow:
    """The first day of a continuous leave: at most 30 days in the past."""
    earliest = _thirty_days_back(today)
    return DateWindow(earliest, None, earlier_by_phone(earliest), "")


def unplanned_window(today: date) -> DateWindow:
    """An unplanned absence: from yesterday (a shift that spans two days) to 60 days ahead."""
    earliest = today - timedelta(days=limits.DAYS_BACK_FOR_UNPLANNED)
    latest = today + timedelta(days=limits.DAYS_AHEAD_FOR_UNPLANNED)
    too_late = _("The latest date you can enter here is %(latest)s.") % {"latest": say_date(latest)}
    return DateWindow(
        earliest,
        latest,
        f"{limits.UNPLANNED_TOO_EARLY} {earlier_by_phone(earliest)}",
        f"{limits.UNPLANNED_TOO_LATE} {too_late}",
    )


def case_time_window(today: date, span_start: date, span_end: date) -> DateWindow:
    """Time reported on an open intermittent case: inside the case's span and at most 30 days in the past."""
    outside = _("The date must fall within this case's leave period, from %(start)s to %(end)s.") % {
        "start": span_start.strftime("%b %d, %Y"),
        "end": span_end.strftime("%b %d, %Y"),
    }
    thirty_days_ago = _thirty_days_back(today)
    if span_start >= thirty_days_ago:
        return DateWindow(span_start, span_end, outside, outside)
    return DateWindow(thirty_days_ago, span_end, earlier_by_phone(thirty_days_ago), outside)


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
