"""The roster import: one roster file in, and the roster updated in one transaction, or not at all.

Memory does not grow with the file. Rows are cleaned one at a time (`roster.feed.clean_roster_row`)
and staged in `RosterFeedRow` a batch at a time; everything after that is set-based SQL over the
staged rows, run by the database: finding duplicate employee numbers and unknown supervisors,
updating the records that differ, inserting the new ones, linking supervisors, keeping each
record's hours figure with the import's date (HoursWorkedReport: eligibility reads the figure of the
right date, 29 CFR 825.110(c)) and an employment for each hire date it brings (EmploymentSpell, 825.110(b))
and, for a full file, deactivating absentees. No step holds more than one batch of rows in Python, and a statement
writes only the rows whose values change, so importing the same file again writes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from roster.batch_writes import insert_rows
from roster.feed import KNOWN_COLUMNS, RejectedRow, RosterRow, clean_roster_row, missing_columns
from roster.models import (
    EmploymentSpell,
    HoursWorkedReport,
    RosterFeedProblem,
    RosterFeedRow,
    RosterRecord,
    name_key,
)

BATCH_SIZE = 500
DEEPEST_CHAIN_CHECKED = 64  # supervisors above a person looked at for a circle back to them
IMPORT_LOCK_KEY = 0x526F73746572  # "Roster": the PostgreSQL advisory lock that one import holds at a time
FEED_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "home_zip",
    "hire_date",
    "hours_worked_last_12_months",
    "scheduled_hours_per_day",
    "work_days",
    "work_location",
    "agency",
    "work_email",
)
NULLABLE_FEED_FIELDS = {"birth_date", "hire_date", "hours_worked_last_12_months", "scheduled_hours_per_day"}
KEYED_FIELDS = (*FEED_FIELDS, "first_name_key", "last_name_key")


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


# Sent in the import's transaction, after the records were written: the bulk writes send no model signal.
roster_imported = Signal()


def import_roster(
    lines: Iterable[str], *, full: bool, report: Callable[[Problem], None], as_of: date | None = None
) -> ImportCounts:
    """Import a roster file given as its lines of CSV text.

    Records are matched by employee number and updated in place; those in the file become active.
    With `full`, active records absent from the file become inactive (none is ever deleted). When
    any line is bad, every problem is passed to `report` in line order, the transaction is rolled
    back and RosterFileRejectedError is raised. `as_of` (today by default) dates the hours figures it keeps.
    """
    with transaction.atomic():
        _wait_for_other_imports()
        _empty_staging()
        _stage_file(lines)
        _stage_problems_across_rows()
        _reject_if_any_problems(report)
        updated = _update_changed_records()  # before inserting, so that new records do not count twice
        created = _insert_new_records()
        _link_supervisors()
        _stage_supervisor_circles()  # only the roster as written shows these; the rollback undoes it
        _reject_if_any_problems(report)
        _keep_hours_reports(as_of or timezone.localdate())
        _keep_employment_spells()
        deactivated = _deactivate_absentees() if full else 0
        in_file = RosterFeedRow.objects.count()
        _empty_staging()
        roster_imported.send(import_roster)  # schedules, locations and links may have changed (the balances)
    return ImportCounts(created, updated, in_file - created - updated, deactivated)


def _reject_if_any_problems(report: Callable[[Problem], None]) -> None:
    bad_lines = RosterFeedProblem.objects.values("line_number").distinct().count()
    if bad_lines:
        problems = RosterFeedProblem.objects.order_by("line_number", "id").values_list("line_number", "message")
        for line_number, message in problems.iterator(chunk_size=BATCH_SIZE):
            report(Problem(line_number, message))
        raise RosterFileRejectedError(bad_lines)


def utf8_lines(lines: Iterable[bytes]) -> Iterator[str]:
    """Decode a file's lines one by one, so that a line that is not UTF-8 is reported by its number."""
    for index, line in enumerate(lines):
        text = line.decode("utf-8")
        yield text.removeprefix("\ufeff") if index == 0 else text


def _wait_for_other_imports() -> None:
    """Run one import at a time, whichever server starts it.

    SQLite's write lock, taken when the transaction begins, already does so; PostgreSQL lets two
    transactions stage at once and the second would then trip over the first's new records.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def _empty_staging() -> None:
    RosterFeedRow.objects.all().delete()
    RosterFeedProblem.objects.all().delete()


# --- Staging: read, clean and stage the file one batch at a time -----------------------------


STAGED_FIELDS = ("line_number", "employee_number", "supervisor_number", "is_valid", *KEYED_FIELDS)
BLANK_VALUES = tuple(None if field in NULLABLE_FEED_FIELDS else "" for field in KEYED_FIELDS)


class _Stager:
    """Collects staged rows and problems, and writes them to the database a batch at a time."""

    def __init__(self) -> None:
        self.rows: list[tuple[object, ...]] = []
        self.problems: list[tuple[int, str]] = []

    def problem(self, line_number: int, message: str) -> None:
        self.problems.append((line_number, message))

    def row(self, line_number: int, outcome: RosterRow | RejectedRow) -> None:
        if isinstance(outcome, RosterRow):
            values = tuple(getattr(outcome, field) for field in FEED_FIELDS)
            keys = (name_key(outcome.first_name), name_key(outcome.last_name))
            self.rows.append((line_number, outcome.employee_number, outcome.supervisor_number, True, *values, *keys))
            return
        for reason in outcome.reasons:
            self.problem(line_number, reason)
        if outcome.employee_number:  # others may still name this person as their supervisor
            numbers = (outcome.employee_number, outcome.supervisor_number)
            self.rows.append((line_number, *numbers, False, *BLANK_VALUES))

    def flush(self, *, unless_below: int = 0) -> None:
        if len(self.rows) + len(self.problems) < unless_below:
            return
        insert_rows(RosterFeedRow, STAGED_FIELDS, self.rows)
        insert_rows(RosterFeedProblem, ("line_number", "message"), self.problems)
        self.rows.clear()
        self.problems.clear()


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
        for column in KNOWN_COLUMNS
        if names.count(column) > 1
    ]
    return problems


def _stage_rows(reader: Any, header: Sequence[str], stager: _Stager) -> None:
    """Stage each row after the header; `reader` is the csv reader, already past the header."""
    positions = {name.strip(): index for index, name in enumerate(header) if name.strip() in KNOWN_COLUMNS}
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


def _update_changed_records() -> int:
    """Update, in one UPDATE, the records that the file changes in any way; return how many."""
    staged = RosterFeedRow.objects.filter(employee_number=OuterRef("employee_number"))
    same = staged.filter(
        supervisor_number=Coalesce(OuterRef("supervisor__employee_number"), Value("")),
        **{field: OuterRef(field) for field in KEYED_FIELDS},
    )
    changed = RosterRecord.objects.filter(Exists(staged)).filter(Q(is_active=False) | ~Exists(same))
    new_values = {field: Subquery(staged.values(field)[:1]) for field in KEYED_FIELDS}
    # A supervisor new in the file is not on the roster yet: _link_supervisors links them afterwards.
    return changed.update(is_active=True, supervisor_id=_wanted_supervisor_id(), **new_values)


def _wanted_supervisor_id() -> Subquery:
    """The id of the record of the supervisor that the file names for the outer record (None if none)."""
    supervisor_id = RosterRecord.objects.filter(employee_number=OuterRef("supervisor_number")).values("id")[:1]
    staged = RosterFeedRow.objects.filter(employee_number=OuterRef("employee_number"))
    return Subquery(staged.annotate(wanted=Subquery(supervisor_id)).values("wanted")[:1])


def _insert_new_records() -> int:
    """Insert, in one INSERT … SELECT, a record for each staged row whose number is not on the roster."""
    known = RosterRecord.objects.filter(employee_number=OuterRef("employee_number"))
    new = (
        RosterFeedRow.objects.filter(~Exists(known))
        .order_by("id")
        .annotate(active=Value(True))
        .values_list("employee_number", *KEYED_FIELDS, "active")
    )
    select, params = new.query.sql_with_params()
    table = RosterRecord._meta.db_table
    column_of = {field.name: str(field.column) for field in RosterRecord._meta.concrete_fields}
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(column_of[name]) for name in ("employee_number", *KEYED_FIELDS, "is_active"))
    with connection.cursor() as cursor:
        # The SELECT is the ORM's, with its parameters; the names come from the model's metadata.
        cursor.execute(f"INSERT INTO {quote(table)} ({column_list}) {select}", params)
        return cursor.rowcount


def _link_supervisors() -> None:
    """Link each record that names a supervisor to them, where not yet so (a supervisor new in the file).

    One UPDATE, run by the database over the staged rows: it writes only the records whose
    supervisor differs from the file's, so a file imported again writes nothing here.
    """
    names_a_supervisor = RosterFeedRow.objects.filter(employee_number=OuterRef("employee_number")).exclude(
        supervisor_number=""
    )
    (
        RosterRecord.objects.filter(Exists(names_a_supervisor))
        .annotate(wanted_supervisor_id=_wanted_supervisor_id())
        .exclude(supervisor_id=F("wanted_supervisor_id"))
        .update(supervisor_id=_wanted_supervisor_id())
    )


def _in_file() -> Exists:
    return Exists(RosterFeedRow.objects.filter(employee_number=OuterRef("employee_number")))


def _keep_hours_reports(as_of: date) -> None:
    """Each record in the file keeps the hours figure it brought, dated `as_of` (one a day: an import again that
    day updates a changed figure; the same figure writes nothing)."""
    same_day = HoursWorkedReport.objects.filter(record=OuterRef("pk"), as_of=as_of)
    hours_of_record = RosterRecord.objects.filter(pk=OuterRef("record_id")).values("hours_worked_last_12_months")
    HoursWorkedReport.objects.filter(as_of=as_of, record__in=RosterRecord.objects.filter(_in_file())).exclude(
        hours=Subquery(hours_of_record[:1])
    ).update(hours=Subquery(hours_of_record[:1]))
    new = (
        RosterRecord.objects.filter(_in_file())
        .filter(~Exists(same_day))
        .values_list("pk", "hours_worked_last_12_months")
    )
    for batch in _batches(new.iterator(chunk_size=BATCH_SIZE)):
        HoursWorkedReport.objects.bulk_create(HoursWorkedReport(record_id=pk, as_of=as_of, hours=h) for pk, h in batch)


def _keep_employment_spells() -> None:
    """An employment for each hire date the file brings that the record has none for (a new record, a rehire)."""
    known = EmploymentSpell.objects.filter(record=OuterRef("pk"), hire_date=OuterRef("hire_date"))
    new = RosterRecord.objects.filter(_in_file()).filter(~Exists(known)).values_list("pk", "hire_date")
    for batch in _batches(new.iterator(chunk_size=BATCH_SIZE)):
        EmploymentSpell.objects.bulk_create(EmploymentSpell(record_id=pk, hire_date=day) for pk, day in batch)


def _batches(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _deactivate_absentees() -> int:
    in_file = RosterFeedRow.objects.filter(employee_number=OuterRef("employee_number"))
    return RosterRecord.objects.filter(is_active=True).filter(~Exists(in_file)).update(is_active=False)


def _stage_supervisor_circles() -> None:
    """Stage a problem for each person in the file whose chain of supervisors comes back to them.

    A recursive query walks up from each person in the file, over the roster as now written (so a
    record absent from the file can close a circle too), at most DEEPEST_CHAIN_CHECKED levels, so a
    long chain costs no more than that. It writes its problems itself, so none passes through Python.
    """
    quote = connection.ops.quote_name
    record, staged = quote(RosterRecord._meta.db_table), quote(RosterFeedRow._meta.db_table)
    problem = quote(RosterFeedProblem._meta.db_table)
    message = _("the chain of supervisors above employee_number “%(number)s” comes back round to them")
    before_number, after_number = message.split("%(number)s")
    # Only table names from the models' metadata go into the text; the rest are parameters.
    sql = f"""
        INSERT INTO {problem} (line_number, message)
        WITH RECURSIVE chain (start_id, above_id, depth) AS (
            SELECT person.id, person.supervisor_id, 1 FROM {record} person
            WHERE person.supervisor_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM {staged} staged WHERE staged.employee_number = person.employee_number)
            UNION ALL
            SELECT chain.start_id, above.supervisor_id, chain.depth + 1 FROM chain
            JOIN {record} above ON above.id = chain.above_id
            WHERE above.supervisor_id IS NOT NULL AND chain.above_id <> chain.start_id AND chain.depth < %s
        )
        SELECT staged.line_number, %s || person.employee_number || %s FROM chain
        JOIN {record} person ON person.id = chain.start_id
        JOIN {staged} staged ON staged.employee_number = person.employee_number
        WHERE chain.above_id = chain.start_id
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [DEEPEST_CHAIN_CHECKED, before_number, after_number])
