"""The `import_roster` command: the HR feed, imported whole or not at all."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import connection

from roster.feed import COLUMNS, KNOWN_COLUMNS
from roster.models import RosterFeedProblem, RosterFeedRow, RosterRecord
from roster.tests.factories import RosterRecordFactory

pytestmark = pytest.mark.django_db


def person(number: str, supervisor: str = "", **changes: str) -> dict[str, str]:
    return {
        "employee_number": number,
        "first_name": f"First{number}",
        "last_name": f"Last{number}",
        "birth_date": "1980-01-02",
        "home_zip": "01803",
        "hire_date": "2010-05-06",
        "hours_worked_last_12_months": "1950",
        "scheduled_hours_per_day": "7.5",
        "work_days": "Mon Tue Thu",
        "agency": "Department of Revenue",
        "supervisor_employee_number": supervisor,
        "work_email": f"person{number}@example.gov",
        **changes,
    }


def roster_file(folder: Path, people: Sequence[dict[str, str]], columns: Sequence[str] = COLUMNS) -> Path:
    path = folder / "roster.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(columns), extrasaction="ignore", restval="")
        writer.writeheader()
        writer.writerows(people)
    return path


def run_import(path: Path, *options: str) -> str:
    out = io.StringIO()
    call_command("import_roster", str(path), *options, stdout=out)
    return out.getvalue()


def refused(path: Path, *options: str) -> list[str]:
    """Run an import that must be refused; return the lines it printed to stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_roster", str(path), *options, stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines()


WRITE_TARGET = re.compile(r'\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)


@contextmanager
def count_rows_written(table: str) -> Iterator[list[tuple[str, int]]]:
    """Each INSERT, UPDATE or DELETE on the table that touched rows, with how many it touched."""
    written: list[tuple[str, int]] = []

    def note_rows(execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        result = execute(sql, params, many, context)
        target = WRITE_TARGET.match(sql)
        if target and target.group(1) == table and context["cursor"].rowcount:
            written.append((sql, context["cursor"].rowcount))
        return result

    with connection.execute_wrapper(note_rows):
        yield written


def roster_snapshot() -> list[object]:
    return list(RosterRecord.objects.order_by("id").values())


TEAM = [person("1001", "1002"), person("1002", "1003"), person("1003"), person("1004", "1002")]


def test_a_good_file_creates_records_with_their_supervisors(tmp_path: Path) -> None:
    output = run_import(roster_file(tmp_path, TEAM))

    assert "4 created, 0 updated, 0 unchanged, 0 deactivated" in output
    records = {record.employee_number: record for record in RosterRecord.objects.select_related("supervisor")}
    assert {number: r.supervisor and r.supervisor.employee_number for number, r in records.items()} == {
        "1001": "1002",  # a supervisor named before their own row
        "1002": "1003",
        "1003": None,
        "1004": "1002",  # and one named after
    }
    ana = records["1001"]
    assert (ana.first_name, ana.last_name, ana.birth_date, ana.hire_date) == (
        "First1001",
        "Last1001",
        date(1980, 1, 2),
        date(2010, 5, 6),
    )
    assert (ana.hours_worked_last_12_months, ana.scheduled_hours_per_day) == (Decimal("1950"), Decimal("7.5"))
    assert (ana.work_days, ana.agency, ana.work_email, ana.is_active) == (
        "Mon Tue Thu",
        "Department of Revenue",
        "person1001@example.gov",
        True,
    )


def test_imported_records_have_their_name_keys_for_registration(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, [person("1001", first_name=" Zoë ", last_name="Ramírez-O'Neil")]))

    record = RosterRecord.objects.get()
    assert (record.first_name, record.first_name_key, record.last_name_key) == ("Zoë", "zoe", "ramirez-o'neil")


def test_importing_the_same_file_again_changes_no_row(tmp_path: Path) -> None:
    path = roster_file(tmp_path, TEAM)
    run_import(path)
    before = roster_snapshot()

    with count_rows_written("roster_rosterrecord") as written:
        output = run_import(path)

    assert "0 created, 0 updated, 4 unchanged, 0 deactivated" in output
    assert roster_snapshot() == before
    assert written == []


def test_a_changed_row_updates_the_record_in_place(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, TEAM))
    ids = dict(RosterRecord.objects.values_list("employee_number", "id"))
    changed = [
        person("1001", "1003", last_name="Álvarez", hours_worked_last_12_months="1200.25"),
        *TEAM[1:],
    ]

    with count_rows_written("roster_rosterrecord") as written:
        output = run_import(roster_file(tmp_path, changed))

    assert "0 created, 1 updated, 3 unchanged, 0 deactivated" in output
    assert sum(rows for _sql, rows in written) == 1
    assert dict(RosterRecord.objects.values_list("employee_number", "id")) == ids
    record = RosterRecord.objects.select_related("supervisor").get(employee_number="1001")
    assert (record.last_name, record.last_name_key) == ("Álvarez", "alvarez")
    assert record.hours_worked_last_12_months == Decimal("1200.25")
    assert record.supervisor is not None
    assert record.supervisor.employee_number == "1003"


def test_a_blank_supervisor_removes_the_link(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, TEAM))

    output = run_import(roster_file(tmp_path, [person("1001"), *TEAM[1:]]))

    assert "1 updated" in output
    assert RosterRecord.objects.get(employee_number="1001").supervisor is None


def test_a_supervisor_may_be_a_record_already_on_the_roster(tmp_path: Path) -> None:
    boss = RosterRecordFactory(employee_number="9000")

    run_import(roster_file(tmp_path, [person("1001", "9000")]))

    assert RosterRecord.objects.get(employee_number="1001").supervisor == boss


def test_blank_hours_and_weekdays_take_the_defaults(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, [person("1001", scheduled_hours_per_day="", work_days="")]))

    record = RosterRecord.objects.get()
    assert record.scheduled_hours_per_day == Decimal("8")
    assert record.work_days == "Mon Tue Wed Thu Fri"


def test_extra_columns_are_ignored_and_columns_may_come_in_any_order(tmp_path: Path) -> None:
    columns = ["cost_center", *reversed(COLUMNS), "notes"]
    people = [{**p, "cost_center": "CC-7", "notes": "ignored"} for p in TEAM]

    output = run_import(roster_file(tmp_path, people, columns))

    assert "4 created" in output
    record = RosterRecord.objects.values("first_name", "home_zip", "supervisor__employee_number").get(
        employee_number="1004"
    )
    assert record == {"first_name": "First1004", "home_zip": "01803", "supervisor__employee_number": "1002"}


def test_a_file_without_a_work_location_column_puts_everyone_in_massachusetts(tmp_path: Path) -> None:
    assert "work_location" not in COLUMNS  # the feed as it was before the column: person() has none either

    run_import(roster_file(tmp_path, TEAM))

    assert set(RosterRecord.objects.values_list("work_location", flat=True)) == {"MA"}


def test_a_work_location_column_sets_each_location_in_upper_case_and_blank_is_massachusetts(tmp_path: Path) -> None:
    people = [person("1001", work_location="CT"), person("1002", work_location=" ny "), person("1003")]

    output = run_import(roster_file(tmp_path, people, KNOWN_COLUMNS))

    assert "3 created" in output
    assert dict(RosterRecord.objects.values_list("employee_number", "work_location")) == {
        "1001": "CT",
        "1002": "NY",
        "1003": "MA",
    }


def test_a_changed_work_location_updates_the_record_and_the_same_one_again_writes_nothing(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, TEAM))
    moved = [person("1001", "1002", work_location="CT"), *TEAM[1:]]

    output = run_import(roster_file(tmp_path, moved, KNOWN_COLUMNS))
    with count_rows_written("roster_rosterrecord") as written:
        again = run_import(roster_file(tmp_path, moved, KNOWN_COLUMNS))

    assert "0 created, 1 updated, 3 unchanged" in output
    assert RosterRecord.objects.get(employee_number="1001").work_location == "CT"
    assert "0 created, 0 updated, 4 unchanged" in again
    assert written == []


def test_a_file_without_the_column_moves_everyone_back_to_massachusetts(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, [person("1001", work_location="CT")], KNOWN_COLUMNS))

    output = run_import(roster_file(tmp_path, [person("1001")]))

    assert "1 updated" in output
    assert RosterRecord.objects.get().work_location == "MA"


def test_full_marks_records_absent_from_the_file_inactive_without_deleting_them(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, TEAM))
    RosterRecord.objects.filter(employee_number="1003").update(is_active=False)

    output = run_import(roster_file(tmp_path, [person("1002", "1003"), person("1003")]), "--full")

    assert "0 created, 1 updated, 1 unchanged, 2 deactivated" in output  # 1003 came back
    assert dict(RosterRecord.objects.values_list("employee_number", "is_active")) == {
        "1001": False,
        "1002": True,
        "1003": True,
        "1004": False,
    }


def test_without_full_records_absent_from_the_file_stay_as_they_are(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, TEAM))

    output = run_import(roster_file(tmp_path, [person("1003")]))

    assert "0 created, 0 updated, 1 unchanged, 0 deactivated" in output
    assert RosterRecord.objects.filter(is_active=True).count() == 4


def test_a_file_of_many_batches_is_imported_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("roster.feed_import.BATCH_SIZE", 7)
    # 130 rows also take several INSERTs per staged batch at the default size (SQLite: 999 parameters).
    people = [person(str(2000 + n), str(2000 + (n // 10) * 10 + 9) if n % 10 != 9 else "") for n in range(130)]

    output = run_import(roster_file(tmp_path, people))

    assert "130 created" in output
    reports = RosterRecord.objects.filter(supervisor__employee_number="2129").values_list("employee_number", flat=True)
    assert sorted(reports) == [str(number) for number in range(2120, 2129)]
    assert RosterRecord.objects.filter(supervisor=None).count() == 13


def test_problems_from_many_batches_are_all_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("roster.feed_import.BATCH_SIZE", 3)
    people = [person(str(3000 + n % 10), home_zip="x" if n % 4 == 0 else "01803") for n in range(20)]

    printed = refused(roster_file(tmp_path, people))

    bad_zip = [line for line in printed if "home_zip" in line]
    duplicates = [line for line in printed if "is also on line" in line]
    assert len(bad_zip) == 5
    assert len(duplicates) == 10
    assert printed[-1] == "line 21: employee_number “3009” is also on line 11"


def test_a_successful_import_leaves_no_staged_rows(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, TEAM))

    assert not RosterFeedRow.objects.exists()
    assert not RosterFeedProblem.objects.exists()


BAD_ROWS = [
    pytest.param({"birth_date": ""}, "line 3: birth_date is missing", id="missing value"),
    pytest.param(
        {"hire_date": "2010-02-30"},
        "line 3: hire_date “2010-02-30” is not a date in the form YYYY-MM-DD",
        id="bad date",
    ),
    pytest.param(
        {"hours_worked_last_12_months": "lots"},
        "line 3: hours_worked_last_12_months “lots” is not a number",
        id="bad number",
    ),
    pytest.param(
        {"home_zip": "0180"},
        "line 3: home_zip “0180” is not a ZIP code (5 digits, or ZIP+4 such as 01803-1234)",
        id="bad ZIP",
    ),
    pytest.param(
        {"work_days": "Mon Funday"},
        "line 3: work_days has “Funday”, which is not a weekday (use Mon Tue Wed Thu Fri Sat Sun)",
        id="bad weekday",
    ),
    pytest.param(
        {"work_email": "not-an-address"},
        "line 3: work_email “not-an-address” is not an email address",
        id="bad email",
    ),
    pytest.param(
        {"work_location": "XX"},
        "line 3: work_location “XX” is not a US state or territory code such as MA",
        id="bad work location",
    ),
    pytest.param(
        {"supervisor_employee_number": "7777"},
        "line 3: supervisor_employee_number “7777” is neither on the roster nor in this file",
        id="unknown supervisor",
    ),
    pytest.param(
        {"employee_number": "1001"},
        "line 3: employee_number “1001” is also on line 2",
        id="duplicate employee number",
    ),
    pytest.param(
        {"supervisor_employee_number": "1002"},
        "line 3: supervisor_employee_number is the person's own employee number",
        id="own supervisor",
    ),
]


@pytest.mark.parametrize(("changes", "message"), BAD_ROWS)
def test_a_bad_row_is_reported_with_its_line_and_nothing_changes(
    tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    RosterRecordFactory(employee_number="1002", first_name="Before")
    before = roster_snapshot()
    people = [person("1001"), person("1002", **changes), person("1005")]

    printed = refused(roster_file(tmp_path, people, KNOWN_COLUMNS))

    assert printed == [message]
    assert roster_snapshot() == before
    assert not RosterFeedRow.objects.exists()


def test_supervisors_who_supervise_each_other_are_reported_and_nothing_changes(tmp_path: Path) -> None:
    people = [person("1001", "1002"), person("1002", "1003"), person("1003", "1001"), person("1004", "1001")]

    printed = refused(roster_file(tmp_path, people))

    assert printed == [
        f"line {line}: the chain of supervisors above employee_number “{number}” comes back round to them"
        for line, number in [(2, "1001"), (3, "1002"), (4, "1003")]
    ]
    assert not RosterRecord.objects.exists()


def test_a_circle_closed_through_a_record_absent_from_the_file_is_reported(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, [person("1001"), person("1002", "1001")]))
    before = roster_snapshot()

    printed = refused(roster_file(tmp_path, [person("1001", "1002")]))

    assert printed == ["line 2: the chain of supervisors above employee_number “1001” comes back round to them"]
    assert roster_snapshot() == before


def test_a_header_lacking_a_column_is_reported_on_line_one(tmp_path: Path) -> None:
    columns = [column for column in COLUMNS if column not in {"hire_date", "work_email"}]

    printed = refused(roster_file(tmp_path, TEAM, columns))

    assert printed == ["line 1: the header has no column “hire_date”", "line 1: the header has no column “work_email”"]
    assert not RosterRecord.objects.exists()


def test_a_header_with_the_work_location_column_twice_is_reported(tmp_path: Path) -> None:
    printed = refused(roster_file(tmp_path, TEAM, [*COLUMNS, "work_location", "work_location"]))

    assert printed == ["line 1: the header has the column “work_location” more than once"]


def test_a_row_with_the_wrong_number_of_values_is_reported(tmp_path: Path) -> None:
    path = roster_file(tmp_path, TEAM)
    with path.open("a", encoding="utf-8") as file:
        file.write("1010,Short,Row\n")

    printed = refused(path)

    assert printed[0] == "line 6: the row has 3 values but the header has 12 columns"
    assert "line 6: birth_date is missing" in printed
    assert not RosterRecord.objects.exists()


def test_every_bad_row_is_reported_in_line_order(tmp_path: Path) -> None:
    people = [
        person("1001", "1002", birth_date="1980-02-31", home_zip="x"),
        person("1002", "4040"),
        person("1003"),
        person("1001"),
    ]

    printed = refused(roster_file(tmp_path, people))

    assert printed == [
        "line 2: birth_date “1980-02-31” is not a date in the form YYYY-MM-DD",
        "line 2: home_zip “x” is not a ZIP code (5 digits, or ZIP+4 such as 01803-1234)",
        "line 3: supervisor_employee_number “4040” is neither on the roster nor in this file",
        "line 5: employee_number “1001” is also on line 2",
    ]


def test_a_bad_row_named_as_a_supervisor_is_not_also_an_unknown_supervisor(tmp_path: Path) -> None:
    printed = refused(roster_file(tmp_path, [person("1001", birth_date="soon"), person("1002", "1001")]))

    assert printed == ["line 2: birth_date “soon” is not a date in the form YYYY-MM-DD"]


def test_a_refused_file_leaves_an_existing_roster_untouched_even_with_good_rows(tmp_path: Path) -> None:
    run_import(roster_file(tmp_path, TEAM))
    before = roster_snapshot()
    people = [person("1001", "1003", first_name="Changed"), person("2000"), person("1002", work_days="Someday")]

    refused(roster_file(tmp_path, people), "--full")

    assert roster_snapshot() == before


def test_a_refused_file_exits_with_status_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = roster_file(tmp_path, [person("1001", home_zip="ABCDE")])

    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "import_roster", str(path)])

    assert exit_info.value.code == 1
    error = capsys.readouterr().err
    assert "line 2: home_zip “ABCDE” is not a ZIP code" in error
    assert "has 1 bad lines; nothing was imported." in error


def test_a_file_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot open"):
        call_command("import_roster", str(tmp_path / "missing.csv"))


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")

    assert refused(path) == ["line 1: the file is empty: it has no header row"]


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = roster_file(tmp_path, TEAM)
    path.write_bytes(path.read_bytes() + b"1009,Jos\xe9,Latin1\n")

    printed = refused(path)

    assert printed == [
        "line 6: the file cannot be read from here on: 'utf-8' codec can't decode byte 0xe9 in position 8: "
        "invalid continuation byte"
    ]
    assert not RosterRecord.objects.exists()


def test_a_file_saved_with_a_byte_order_mark_and_windows_line_ends_is_read(tmp_path: Path) -> None:
    path = roster_file(tmp_path, TEAM)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))

    assert "4 created" in run_import(path)
