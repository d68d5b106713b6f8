"""Day entries in a draft: the days of absence a flow collects (intermittent leave, unplanned absence, time on a case).

A day entry is stored in a draft's answers as JSON: the committed days under "days", the day being
entered or edited under "day". Each flow passes its own `DayEntryRules` (which dates are allowed and
what to say otherwise, how many days, whether to ask about a doctor visit and for notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from absence import clock, limits, windows
from absence.days import DayEntry

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DAYS_KEY = "days"
WORKING_KEY = "day"


@dataclass(frozen=True)
class DayEntryRules:
    """How one flow asks for days: its date limits and guidance, and which questions it asks."""

    window: windows.DateWindow
    date_question: StrOrPromise
    guidance: StrOrPromise
    list_question: StrOrPromise = ""
    section_title: StrOrPromise = ""
    max_days: int | None = None
    ask_doctor_visit: bool = True
    ask_notes: bool = True
    scheduled_minutes: int = 8 * 60


def entry_refusal(entry: DayEntry, day_rules: DayEntryRules) -> StrOrPromise | None:
    """Why one day entry cannot be accepted under these rules, or None."""
    refusal = day_rules.window.refusal(entry.day) or clock.minutes_refusal(entry.minutes)
    if refusal:
        return refusal
    if not entry.full_day:
        if entry.start is None or entry.end is None:
            return _("Enter the start and end time of your absence.")
        if clock.partial_day_minutes(entry.start, entry.end) != entry.minutes:
            return _("The duration does not match the start and end time.")
    if day_rules.ask_doctor_visit and entry.doctor_visit is None:
        return _("Answer whether this absence is for a visit to a doctor.")
    if len(entry.notes) > limits.MAX_NOTES_LENGTH:
        return limits.NOTES_TOO_LONG
    return None


def stored_days(answers: dict[str, Any]) -> list[DayEntry]:
    """The committed days of a draft, in date order (malformed entries raise ValueError)."""
    try:
        entries = [DayEntry.from_json(item) for item in answers.get(DAYS_KEY, [])]
    except (KeyError, TypeError) as error:
        raise ValueError(f"malformed day entry: {error}") from error
    return sorted(entries, key=lambda entry: entry.day)


def days_refusal(entries: list[DayEntry], day_rules: DayEntryRules) -> StrOrPromise | None:
    """Why a list of days cannot be submitted: none, too many, a date twice, or a bad entry."""
    if not entries:
        return _("Enter at least one day.")
    if day_rules.max_days is not None and len(entries) > day_rules.max_days:
        return limits.UNPLANNED_ONE_DAY
    if len({entry.day for entry in entries}) != len(entries):
        return _("A date can be entered only once.")
    for entry in entries:
        refusal = entry_refusal(entry, day_rules)
        if refusal:
            return refusal
    return None


def working_entry(answers: dict[str, Any]) -> dict[str, Any] | None:
    """The day being entered or edited, or None."""
    value = answers.get(WORKING_KEY)
    return value if isinstance(value, dict) else None


def commit_working_entry(answers: dict[str, Any]) -> DayEntry:
    """Move the day being entered into the list of days (replacing the day it edits)."""
    working = answers.pop(WORKING_KEY)
    entry = DayEntry.from_json(working)
    editing = working.get("editing")
    kept = [item for item in answers.get(DAYS_KEY, []) if item["date"] not in {editing, entry.day.isoformat()}]
    answers[DAYS_KEY] = sorted([*kept, entry.to_json()], key=lambda item: item["date"])
    return entry


def remove_day(answers: dict[str, Any], day: str) -> bool:
    """Remove the day with ISO date `day`; True when one was removed."""
    days = answers.get(DAYS_KEY, [])
    kept = [item for item in days if item["date"] != day]
    answers[DAYS_KEY] = kept
    return len(kept) != len(days)
