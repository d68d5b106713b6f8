"""The queue as a CSV file: every row the filters select (all pages), every column the queue shows.

The rows come from the queue's own functions (desk.queue.filtered_queue, with_queue_details, queue_row), read in
chunks of EXPORT_CHUNK cases with their related rows prefetched, so a file costs the same few queries per chunk
whatever its length. A cell a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) is prefixed with an apostrophe, so a name typed as "=HYPERLINK(...)" is shown, never run.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date
from itertools import islice
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cases.models import Case
from desk.deadlines import EASTERN, Deadline, DeadlineState
from desk.queue import QueueFilters, QueueRow, queue_row, row_calendars, with_queue_details

EXPORT_LIMIT = 10_000  # more rows than this and the desk asks for narrower filters instead
EXPORT_CHUNK = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_filename(today: date) -> str:
    return f"leavedesk-queue-{today:%Y-%m-%d}.csv"


def header() -> list[str]:
    return [
        _("Case number"),
        _("Employee"),
        _("Employee number"),
        _("Agency"),
        _("Kind"),
        _("Pattern"),
        _("Policies"),
        _("Next deadline"),
        _("Next deadline kind"),
        _("Overdue"),
        _("Owner"),
        _("Submitted at"),
        _("Flags"),
    ]


def safe_cell(value: str) -> str:
    """The value, with an apostrophe before it when a spreadsheet would otherwise read it as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def next_deadline(deadlines: Iterable[Deadline]) -> Deadline | None:
    """The earliest deadline still to be met."""
    return min((d for d in deadlines if d.met_on is None), key=lambda d: d.due, default=None)


def deadline_kind(deadline: Deadline) -> str:
    """ "Document due: Medical certification", or the kind alone."""
    kind = str(deadline.kind.label)
    return f"{kind}: {deadline.label}" if deadline.label else kind


def owner_name(case: Case) -> str:
    """The case's owner, when cases have one (desk ownership: `case.assignment.owner`), else blank."""
    owner = getattr(getattr(case, "assignment", None), "owner", None)
    if owner is None:
        return ""
    return str(owner.get_full_name() or owner.get_username())


def row_cells(row: QueueRow) -> list[str]:
    case = row.case
    record = case.employee.roster_record
    upcoming = next_deadline(row.deadlines)
    flags = [
        label
        for shown, label in (
            (row.is_new, _("New")),
            (case.has_new_documents, _("New documents")),
            (case.has_new_time_entries, _("New time entries")),
        )
        if shown
    ]
    cells = [
        case.case_number,
        record.full_name if record is not None else case.employee.get_full_name(),
        record.employee_number if record is not None else "",
        record.agency if record is not None else "",
        str(case.get_kind_display()),
        str(case.get_pattern_display()) if case.pattern else "",
        "; ".join(f"{d.policy.name}: {d.get_status_display()}" for d in row.decisions),
        upcoming.due.isoformat() if upcoming is not None else "",
        deadline_kind(upcoming) if upcoming is not None else "",
        _("Yes") if any(d.state(row.today) == DeadlineState.OVERDUE for d in row.deadlines) else _("No"),
        owner_name(case),
        case.submitted_at.astimezone(EASTERN).strftime("%Y-%m-%d %H:%M"),
        "; ".join(str(flag) for flag in flags),
    ]
    return [safe_cell(str(cell)) for cell in cells]


def export_cases(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The queue's rows with everything a CSV row reads, the owner included once cases have one."""
    return with_owner(with_queue_details(cases))


def with_owner(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with their owner joined, once cases have one (desk ownership), so owner_name costs no query."""
    owner: list[str] = ["assignment__owner"]  # a list, as the lookup does not type-check before ownership exists
    return cases.select_related(*owner) if hasattr(Case, "assignment") else cases


def export_rows(cases: QuerySet[Case], today: date) -> Iterator[list[str]]:
    """The header, then one row a case, read EXPORT_CHUNK cases at a time."""
    yield header()
    iterator = export_cases(cases).iterator(chunk_size=EXPORT_CHUNK)
    while chunk := list(islice(iterator, EXPORT_CHUNK)):
        calendars = row_calendars(chunk)
        for case in chunk:
            yield row_cells(queue_row(case, today, calendars))


class _Echo:
    """A file-like object whose write returns what it was given (csv.writer then yields lines one by one)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[str]]) -> Iterator[Any]:
    writer = csv.writer(_Echo())
    return (writer.writerow(row) for row in rows)


def filters_description(filters: QueueFilters) -> str:
    """The filters of an export in words, for its audit event."""
    parts = [f"{name}={value}" for name, value in asdict(filters).items() if value]
    return ", ".join(parts) or "none"
