"""What each request in progress is, for the dashboard: "Unplanned absence for Dec 3, started Dec 1".

A draft's answers are the raw step data (see intake/wizard.py), so the dates read here may be missing,
half-typed or in either of the formats the date fields accept; an unreadable date is left out, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from intake.draft_rows import drafts_listed
from intake.models import Draft
from intake.wizard import draft_url
from portal.chrome import render_chrome

US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # what the USWDS date picker types: 12/03/2025


@dataclass(frozen=True)
class DraftSummary:
    draft: Draft
    what: str  # "Unplanned absence for Dec 3"
    started: str  # "Dec 1"


def read_date(raw: Any) -> date | None:
    """A date typed as 2025-12-03 or 12/03/2025, or None."""
    if not isinstance(raw, str):
        return None
    try:
        us_date = US_DATE.fullmatch(raw.strip())
        if us_date:
            month, day, year = (int(part) for part in us_date.groups())
            return date(year, month, day)
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def absence_dates(answers: dict[str, Any]) -> list[date]:
    """The dates a draft is about so far: a continuous leave's start and end, else its entered days."""
    continuous = answers.get("continuous-dates")
    if isinstance(continuous, dict):
        found = [read_date(continuous.get("start_date")), read_date(continuous.get("end_date"))]
    else:
        days = answers.get("days")
        found = [read_date(day.get("date")) for day in days if isinstance(day, dict)] if isinstance(days, list) else []
        working = answers.get("day")
        if not any(found) and isinstance(working, dict):
            found = [read_date(working.get("date"))]  # the first day, still being entered
    return sorted({day for day in found if day is not None})


def short_date(day: date, today: date) -> str:
    """ "Dec 3", with the year only when it is not this year's."""
    return date_format(day, "M j" if day.year == today.year else "M j, Y")


def dates_phrase(dates: list[date], today: date) -> str:
    if not dates:
        return ""
    first, last = dates[0], dates[-1]
    if first == last:
        return short_date(first, today)
    return _("%(first)s – %(last)s") % {"first": short_date(first, today), "last": short_date(last, today)}


def summarize(draft: Draft, today: date) -> DraftSummary:
    description = draft.description
    when = dates_phrase(absence_dates(draft.answers), today)
    what = _("%(description)s for %(dates)s") % {"description": description, "dates": when} if when else description
    started = short_date(timezone.localdate(draft.created_at), today)
    return DraftSummary(draft=draft, what=what, started=started)


def drafts_in_progress(owner: Any) -> list[DraftSummary]:
    today = timezone.localdate()
    return [summarize(draft, today) for draft in drafts_listed(owner)]


def render_drafts(drafts: list[DraftSummary], csrf_token: object) -> SafeString:
    """The dashboard's "Requests in progress": the section and each draft's line rendered once per language
    (portal.chrome, uswds.fragments), each draft's words, addresses and the CSRF token put in, escaped.

    Rendering the lines through the template, a loop with two `{% url %}`, a `{% blocktranslate %}` and a
    `{% csrf_token %}` a draft, cost as much as the rest of the dashboard's own markup."""
    lines = "".join(
        render_chrome(
            "portal/dashboard_draft.html",
            values={
                "what": summary.what,
                "started": summary.started,
                "resume_url": draft_url("intake:resume", summary.draft.id),
                "delete_url": draft_url("intake:delete", summary.draft.id),
                "csrf_token": csrf_token,
            },
        )
        for summary in drafts
    )
    items = mark_safe(lines)  # noqa: S308 - the fragments' own output, each value escaped as it went in
    return render_chrome("portal/dashboard_drafts.html", {"drafts": bool(drafts)}, {"items": items})
