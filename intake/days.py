"""Day entries: the days of absence a flow collects (intermittent leave, unplanned absence, time on a case).

A day entry is stored in a draft's answers as JSON: the committed days under "days", the day being
entered or edited under "day". Each flow passes its own `DayEntryRules` (which dates are allowed and
what to say otherwise, how many days, whether to ask about a doctor visit and for notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intake import rules

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DAYS_KEY = "days"
WORKING_KEY = "day"


@dataclass(frozen=True)
class DayEntryRules:
    """How one flow asks for days: its date limits and guidance, and which questions it asks."""

    window: rules.DateWindow
    date_question: StrOrPromise
    guidance: StrOrPromise
    list_question: StrOrPromise = ""
    section_title: StrOrPromise = ""
    max_days: int | None = None
    ask_doctor_visit: bool = True
    ask_notes: bool = True
    scheduled_minutes: int = 8 * 60


@dataclass(frozen=True)
class DayEntry:
    day: date
    full_day: bool
    minutes: int
    start: time | None = None
    end: time | None = None
    doctor_visit: bool | None = None
    notes: str = ""

    @property
    def crosses_midnight(self) -> bool:
        return self.start is not None and self.end is not None and rules.crosses_midnight(self.start, self.end)

    @property
    def label(self) -> str:
        """'JAN 12', as the list of entered days shows it."""
        return self.day.strftime("%b %d").upper()

    def describe(self) -> str:
        """'8 HOURS' for a full day, '08:00 AM - 10:00 AM (02:00)' for a partial one."""
        if self.full_day or self.start is None or self.end is None:
            return rules.format_hours(self.minutes)
        text = (
            f"{rules.format_clock_time(self.start)} – {rules.format_clock_time(self.end)} "
            f"({rules.format_duration(self.minutes)})"
        )
        if self.crosses_midnight:
            text += " " + gettext("(ends the next day)")
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "full_day": self.full_day,
            "minutes": self.minutes,
            "start": self.start.strftime("%H:%M") if self.start else None,
            "end": self.end.strftime("%H:%M") if self.end else None,
            "doctor_visit": self.doctor_visit,
            "notes": self.notes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DayEntry:
        """Raises KeyError, TypeError or ValueError when the stored entry is incomplete or malformed."""
        return cls(
            day=date.fromisoformat(data["date"]),
            full_day=bool(data["full_day"]),
            minutes=int(data["minutes"]),
            start=time.fromisoformat(data["start"]) if data.get("start") else None,
            end=time.fromisoformat(data["end"]) if data.get("end") else None,
            doctor_visit=data.get("doctor_visit"),
            notes=str(data.get("notes") or ""),
        )


def entry_refusal(entry: DayEntry, day_rules: DayEntryRules) -> StrOrPromise | None:
    """Why one day entry cannot be accepted under these rules, or None."""
    refusal = day_rules.window.refusal(entry.day) or rules.minutes_refusal(entry.minutes)
    if refusal:
        return refusal
    if not entry.full_day:
        if entry.start is None or entry.end is None:
            return _("Enter the start and end time of your absence.")
        if rules.partial_day_minutes(entry.start, entry.end) != entry.minutes:
            return _("The duration does not match the start and end time.")
    if day_rules.ask_doctor_visit and entry.doctor_visit is None:
        return _("Answer whether this absence is for a visit to a doctor.")
    if len(entry.notes) > rules.MAX_NOTES_LENGTH:
        return _("Additional information may be at most 1,000 characters.")
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
        return _("Each absence date and time will need to be submitted individually.")
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
