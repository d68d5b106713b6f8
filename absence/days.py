"""A day of absence as a value: what intake collects, what a case's time entries are made from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from django.utils.translation import gettext

from absence import clock


@dataclass(frozen=True)
class DayEntry:
    """One day: a full day (its minutes) or part of one (start, end, minutes), doctor visit, notes."""

    day: date
    full_day: bool
    minutes: int
    start: time | None = None
    end: time | None = None
    doctor_visit: bool | None = None
    notes: str = ""

    @property
    def crosses_midnight(self) -> bool:
        return self.start is not None and self.end is not None and clock.crosses_midnight(self.start, self.end)

    @property
    def label(self) -> str:
        """'JAN 12', as the list of entered days shows it."""
        return self.day.strftime("%b %d").upper()

    def describe(self) -> str:
        """'8 HOURS' for a full day, '08:00 AM - 10:00 AM (02:00)' for a partial one."""
        if self.full_day or self.start is None or self.end is None:
            return clock.format_hours(self.minutes)
        text = (
            f"{clock.format_clock_time(self.start)} – {clock.format_clock_time(self.end)} "
            f"({clock.format_duration(self.minutes)})"
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
