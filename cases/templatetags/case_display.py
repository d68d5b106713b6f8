"""Template helpers for the case pages: the spec's date style and the status badge."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django import template
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext

from cases.models import TimeEntry
from cases.status import CaseStatus

if TYPE_CHECKING:
    from cases.history import CaseSummary
    from cases.timeline import TimelineLayout

register = template.Library()


@register.filter
def spec_date(value: date | str | None) -> str:
    """A date as the claims history writes it: "Sep. 02, 2022" (May has no abbreviation to mark).

    A string is taken as already written (the history's rows render their template once with placeholders for
    the dates: cases.history_rows)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{_month(value.month)} {value.day:02d}, {value.year}"


# The month as spec_date writes it, and each status's badge, per language: a history page writes dozens of each.
_months: dict[tuple[str | None, int], str] = {}
_badges: dict[tuple[str | None, str], SafeString] = {}


def _month(month: int) -> str:
    key = (get_language(), month)
    if key not in _months:
        dot = "" if month == 5 else "."
        _months[key] = date_format(date(2000, month, 1), "M") + dot
    return _months[key]


@register.simple_tag
def status_badge(status: str) -> SafeString:
    """● DENIED / PENDING / APPROVED / CANCELLED: a coloured dot and the word, never colour alone."""
    key = (get_language(), str(status))
    if key not in _badges:
        context = {"status": status, "label": CaseStatus(status).label}
        _badges[key] = render_to_string("cases/includes/status_badge.html", context)
    return _badges[key]


@register.simple_tag
def history_rows(summaries: list[CaseSummary]) -> SafeString:
    """The claims history's rows for these cases, as `cases/includes/history_case.html` writes each one."""
    from cases.history_rows import history_rows as rows  # noqa: PLC0415 - it reads spec_date from here

    return rows(summaries)


@register.simple_tag
def timeline_chart(layout: TimelineLayout, case_number: str) -> SafeString:
    """One frame of the timeline's chart as SVG (cases.timeline_chart)."""
    from cases.timeline_chart import timeline_chart as chart  # noqa: PLC0415 - it reads spec_date from here

    return chart(layout, case_number)


@register.filter
def duration(minutes: int) -> str:
    """Minutes as words: "8 hours", "7 hours 30 minutes", "45 minutes"."""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest})
    return " ".join(parts)


@register.filter
def time_missed(entry: TimeEntry) -> str:
    """A time entry's time missed: "Full day, 8 hours" or "08:00 AM to 10:00 AM (2 hours)"."""
    if entry.full_day or entry.start_time is None or entry.end_time is None:
        return gettext("Full day, %(duration)s") % {"duration": duration(entry.minutes)}
    return gettext("%(start)s to %(end)s (%(duration)s)") % {
        "start": entry.start_time.strftime("%I:%M %p"),
        "end": entry.end_time.strftime("%I:%M %p"),
        "duration": duration(entry.minutes),
    }


@register.filter
def status_label(status: str) -> str:
    """The translated word for a decision or case status ("Pending")."""
    return str(CaseStatus(status).label)
