"""Creating time entries from days of absence: one place for the submit actions and reported time."""

from __future__ import annotations

from collections.abc import Iterable

from absence.days import DayEntry
from cases.balance_cache import balances_changed
from cases.models import Case, TimeEntry, TimeEntrySource


def add_time_entries(
    case: Case, days: Iterable[DayEntry], *, source: TimeEntrySource = TimeEntrySource.REQUEST
) -> list[TimeEntry]:
    """Record each day on the case, in one statement (no model signal: the balances are told). The caller holds
    the transaction."""
    entries = TimeEntry.objects.bulk_create(
        TimeEntry(
            case=case,
            date=day.day,
            full_day=day.full_day,
            minutes=day.minutes,
            start_time=day.start,
            end_time=day.end,
            doctor_visit=bool(day.doctor_visit),
            notes=day.notes,
            source=source,
        )
        for day in days
    )
    balances_changed(employees=[case.employee_id])
    return entries
