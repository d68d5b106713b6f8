"""The roster import: one roster file in, and the roster updated in one transaction, or not at all.

Memory does not grow with the file. Rows are cleaned one at a time (`roster.feed.clean_roster_row`)
and staged in `RosterFeedRow` in batches; duplicate employee numbers and unknown supervisors are
then found with SQL over the staged rows; records are created or updated batch by batch, and
supervisors linked batch by batch, reading the staged rows by key (id greater than the last batch's)
so that no step holds more than one batch of rows or employee numbers in Python.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from roster.feed import COLUMNS, RejectedRow, RosterRow, clean_roster_row, missing_columns
from roster.models import RosterFeedProblem, RosterFeedRow, RosterRecord, name_key

BATCH_SIZE = 500
FEED_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "home_zip",
    "hire_date",
    "hours_worked_last_12_months",
    "scheduled_hours_per_day",
    "work_days",
    "agency",
    "work_email",
)
UPDATED_FIELDS = (*FEED_FIELDS, "first_name_key", "last_name_key", "is_active", "supervisor")


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int
    deactivated: int


@dataclass(frozen=True)
class Problem:
    line_number: int
    message: str


class RosterFileRejectedError(Exception):
    """The file had bad lines: each was reported, and nothing was imported."""

    def __init__(self, bad_lines: int) -> None:
        super().__init__(bad_lines)
        self.bad_lines = bad_lines


def import_roster(lines: Iterable[str], *, full: bool, report: Callable[[Problem], None]) -> ImportCounts:
    """Import a roster file given as its lines of CSV text.

    Records are matched by employee number and updated in place; those in the file become active.
    With `full`, active records absent from the file become inactive (none is ever deleted). When
    any line is bad, every problem is passed to `report` in line order, the transaction is rolled
    back and RosterFileRejectedError is raised.
    """
    with transaction.atomic():
        _empty_staging()
        _stage_file(lines)
        _stage_problems_across_rows()
        bad_lines = RosterFeedProblem.objects.values("line_number").distinct().count()
        if bad_lines:
            problems = RosterFeedProblem.objects.order_by("line_number", "id").values_list("line_number", "message")
            for line_number, message in problems.iterator(chunk_size=BATCH_SIZE):
                report(Problem(line_number, message))
            raise RosterFileRejectedError(bad_lines)
        created, updated = _create_and_update_records()
        _link_supervisors()
        deactivated = _deactivate_absentees() if full else 0
        in_file = RosterFeedRow.objects.count()
        _empty_staging()
    return ImportCounts(created, updated, in_file - created - updated, deactivated)


def _empty_staging() -> None:
    RosterFeedRow.objects.all().delete()
    RosterFeedProblem.objects.all().delete()


# --- Staging: read, clean and stage the file one batch at a time -----------------------------


class _Stager:
    """Collects staged rows and problems, and writes them to the database a batch at a time."""

    def __init__(self) -> None:
        self.rows: list[RosterFeedRow] = []
        self.problems: list[RosterFeedProblem] = []

    def problem(self, line_number: int, message: str) -> None:
        self.problems.append(RosterFeedProblem(line_number=line_number, message=message))

    def row(self, line_number: int, outcome: RosterRow | RejectedRow) -> None:
        if isinstance(outcome, RosterRow):
            self.rows.append(_staged_row(line_number, outcome))
            return
        for reason in outcome.reasons:
            self.problem(line_number, reason)
        if outcome.employee_number:  # others may still name this person as their supervisor
            self.rows.append(
                RosterFeedRow(
                    line_number=line_number,
                    employee_number=outcome.employee_number,
                    supervisor_number=outcome.supervisor_number,
                    is_valid=False,
                )
            )

    def flush(self, *, unless_below: int = 0) -> None:
        if len(self.rows) + len(self.problems) < unless_below:
            return
        RosterFeedRow.objects.bulk_create(self.rows)
        RosterFeedProblem.objects.bulk_create(self.problems)
        self.rows.clear()
        self.problems.clear()


def _staged_row(line_number: int, row: RosterRow) -> RosterFeedRow:
    return RosterFeedRow(
        line_number=line_number,
        is_valid=True,
        employee_number=row.employee_number,
        supervisor_number=row.supervisor_number,
        **{field: getattr(row, field) for field in FEED_FIELDS},
    )


def _stage_file(lines: Iterable[str]) -> None:
    stager = _Stager()
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if header is None:
            stager.problem(1, _("the file is empty: it has no header row"))
        elif header_problems := _header_problems(header):
            for message in header_problems:
                stager.problem(1, message)
        else:
            _stage_rows(reader, header, stager)
    except (csv.Error, UnicodeDecodeError) as error:
        stager.problem(reader.line_num + 1, _("the file cannot be read from here on: %(error)s") % {"error": error})
    stager.flush()


def _header_problems(header: Sequence[str]) -> list[str]:
    names = [name.strip() for name in header]
    problems = [_("the header has no column “%(column)s”") % {"column": column} for column in missing_columns(names)]
    problems += [
        _("the header has the column “%(column)s” more than once") % {"column": column}
        for column in COLUMNS
        if names.count(column) > 1
    ]
    return problems


def _stage_rows(reader: Any, header: Sequence[str], stager: _Stager) -> None:
    """Stage each row after the header; `reader` is the csv reader, already past the header."""
    positions = {name.strip(): index for index, name in enumerate(header) if name.strip() in COLUMNS}
    previous_end = reader.line_num
    for fields in reader:
        line_number, previous_end = previous_end + 1, reader.line_num
        if not fields:  # a blank line
            continue
        if len(fields) != len(header):
            stager.problem(
                line_number,
                _("the row has %(values)d values but the header has %(columns)d columns")
                % {"values": len(fields), "columns": len(header)},
            )
        values = {column: fields[index] if index < len(fields) else None for column, index in positions.items()}
        stager.row(line_number, clean_roster_row(values))
        stager.flush(unless_below=BATCH_SIZE)


def _stage_problems_across_rows() -> None:
    """Stage the problems only the whole file shows: duplicate numbers and unknown supervisors."""
    stager = _Stager()
    first_line = RosterFeedRow.objects.filter(employee_number=OuterRef("employee_number")).order_by("line_number")
    duplicates = (
        RosterFeedRow.objects.annotate(first_line=Subquery(first_line.values("line_number")[:1]))
        .filter(line_number__gt=F("first_line"))
        .values_list("line_number", "employee_number", "first_line")
    )
    for line_number, number, first in duplicates.iterator(chunk_size=BATCH_SIZE):
        stager.problem(
            line_number,
            _("employee_number “%(number)s” is also on line %(first)d") % {"number": number, "first": first},
        )
        stager.flush(unless_below=BATCH_SIZE)
    unknown_supervisors = (
        RosterFeedRow.objects.exclude(supervisor_number="")
        .filter(
            ~Exists(RosterFeedRow.objects.filter(employee_number=OuterRef("supervisor_number"))),
            ~Exists(RosterRecord.objects.filter(employee_number=OuterRef("supervisor_number"))),
        )
        .values_list("line_number", "supervisor_number")
    )
    for line_number, number in unknown_supervisors.iterator(chunk_size=BATCH_SIZE):
        stager.problem(
            line_number,
            _("supervisor_employee_number “%(number)s” is neither on the roster nor in this file") % {"number": number},
        )
        stager.flush(unless_below=BATCH_SIZE)
    stager.flush()


# --- Writing: create and update records, then link supervisors --------------------------------


def _batches(queryset: QuerySet[RosterFeedRow]) -> Iterator[list[RosterFeedRow]]:
    """The staged rows of a queryset, BATCH_SIZE at a time, in id order."""
    last_id = 0
    while batch := list(queryset.filter(id__gt=last_id).order_by("id")[:BATCH_SIZE]):
        yield batch
        last_id = batch[-1].id


def _create_and_update_records() -> tuple[int, int]:
    """Create the records new in the file and update those that differ; return both counts."""
    created = updated = 0
    for batch in _batches(RosterFeedRow.objects.all()):
        existing = {
            record.employee_number: record
            for record in RosterRecord.objects.filter(employee_number__in=[row.employee_number for row in batch])
            .select_related("supervisor")
            .only(*UPDATED_FIELDS, "employee_number", "supervisor__employee_number")
        }
        supervisor_ids = _ids_of({row.supervisor_number for row in batch} - {""})
        new, changed = [], []
        for row in batch:
            record = existing.get(row.employee_number)
            if record is None:
                record = RosterRecord(employee_number=row.employee_number)
                new.append(record)
            elif _record_matches(record, row):
                continue
            else:
                changed.append(record)
            _copy_row(row, record, supervisor_id=supervisor_ids.get(row.supervisor_number))
        RosterRecord.objects.bulk_create(new)
        RosterRecord.objects.bulk_update(changed, UPDATED_FIELDS)
        created, updated = created + len(new), updated + len(changed)
    return created, updated


def _ids_of(employee_numbers: set[str]) -> dict[str, int]:
    return dict(RosterRecord.objects.filter(employee_number__in=employee_numbers).values_list("employee_number", "id"))


def _record_matches(record: RosterRecord, row: RosterFeedRow) -> bool:
    """Whether the record already says all the row says (so importing it again changes nothing)."""
    current_supervisor = record.supervisor.employee_number if record.supervisor else ""
    return (
        all(getattr(record, field) == getattr(row, field) for field in FEED_FIELDS)
        and record.first_name_key == name_key(row.first_name)
        and record.last_name_key == name_key(row.last_name)
        and record.is_active
        and current_supervisor == row.supervisor_number
    )


def _copy_row(row: RosterFeedRow, record: RosterRecord, *, supervisor_id: int | None) -> None:
    """Copy the row onto the record; a supervisor later in the file is linked afterwards."""
    for field in FEED_FIELDS:
        setattr(record, field, getattr(row, field))
    record.first_name_key = name_key(row.first_name)
    record.last_name_key = name_key(row.last_name)
    record.is_active = True
    record.supervisor_id = supervisor_id


def _link_supervisors() -> None:
    """Point each record at its supervisor where the first pass could not (a supervisor new in the file)."""
    for batch in _batches(
        RosterFeedRow.objects.exclude(supervisor_number="").only("employee_number", "supervisor_number")
    ):
        numbers = {row.employee_number for row in batch} | {row.supervisor_number for row in batch}
        known = {
            number: (record_id, supervisor_id)
            for number, record_id, supervisor_id in RosterRecord.objects.filter(
                employee_number__in=numbers
            ).values_list("employee_number", "id", "supervisor_id")
        }
        links = [
            RosterRecord(id=known[row.employee_number][0], supervisor_id=known[row.supervisor_number][0])
            for row in batch
            if known[row.employee_number][1] != known[row.supervisor_number][0]
        ]
        RosterRecord.objects.bulk_update(links, ["supervisor"])


def _deactivate_absentees() -> int:
    in_file = RosterFeedRow.objects.filter(employee_number=OuterRef("employee_number"))
    return RosterRecord.objects.filter(is_active=True).filter(~Exists(in_file)).update(is_active=False)
