"""Template helpers for the case pages: the spec's date style and the status badge."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from cases.models import TimeEntry
from cases.status import CaseStatus

register = template.Library()


@register.filter
def spec_date(value: date | None) -> str:
    """A date as the claims history writes it: "Sep. 02, 2022" (May has no abbreviation to mark)."""
    if value is None:
        return ""
    month = date_format(value, "M")
    dot = "" if value.month == 5 else "."
    return f"{month}{dot} {value.day:02d}, {value.year}"


@register.inclusion_tag("cases/includes/status_badge.html")
def status_badge(status: str) -> dict[str, Any]:
    """● DENIED / PENDING / APPROVED / CANCELLED: a coloured dot and the word, never colour alone."""
    return {"status": status, "label": CaseStatus(status).label}


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
