"""Cleaning one row of the roster feed, without the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from roster.feed import RejectedRow, RosterRow, clean_roster_row, missing_columns
from roster.models import RosterRecord

GOOD_ROW = {
    "employee_number": "1001",
    "first_name": "Ana",
    "last_name": "Núñez",
    "birth_date": "1980-01-02",
    "home_zip": "01803",
    "hire_date": "2010-05-06",
    "hours_worked_last_12_months": "1950",
    "scheduled_hours_per_day": "7.5",
    "work_days": "Mon Tue Thu",
    "agency": "Department of Revenue",
    "supervisor_employee_number": "1002",
    "work_email": "ana.nunez@example.gov",
}


def clean(**changes: str | None) -> RosterRow | RejectedRow:
    return clean_roster_row({**GOOD_ROW, **changes})


def reasons(**changes: str | None) -> tuple[str, ...]:
    outcome = clean(**changes)
    assert isinstance(outcome, RejectedRow), outcome
    return outcome.reasons


def test_a_good_row_becomes_typed_values() -> None:
    assert clean() == RosterRow(
        employee_number="1001",
        first_name="Ana",
        last_name="Núñez",
        birth_date=date(1980, 1, 2),
        home_zip="01803",
        hire_date=date(2010, 5, 6),
        hours_worked_last_12_months=Decimal("1950.00"),
        scheduled_hours_per_day=Decimal("7.50"),
        work_days="Mon Tue Thu",
        agency="Department of Revenue",
        supervisor_number="1002",
        work_email="ana.nunez@example.gov",
        work_location="MA",  # the row has no work_location: a file without the column is all Massachusetts
    )


def test_values_are_trimmed_of_surrounding_spaces() -> None:
    outcome = clean(employee_number=" 1001 ", first_name="  Ana ", work_email=" ana@example.gov ")
    assert isinstance(outcome, RosterRow)
    assert (outcome.employee_number, outcome.first_name, outcome.work_email) == ("1001", "Ana", "ana@example.gov")


def test_blank_hours_per_day_mean_eight_and_blank_weekdays_mean_monday_to_friday() -> None:
    outcome = clean(scheduled_hours_per_day="", work_days="  ")
    assert isinstance(outcome, RosterRow)
    assert outcome.scheduled_hours_per_day == Decimal("8")
    assert outcome.work_days == "Mon Tue Wed Thu Fri"


def test_blank_supervisor_and_email_are_allowed() -> None:
    outcome = clean(supervisor_employee_number="", work_email="")
    assert isinstance(outcome, RosterRow)
    assert (outcome.supervisor_number, outcome.work_email) == ("", "")


def test_weekdays_in_any_case_and_order_are_written_in_week_order() -> None:
    outcome = clean(work_days="fri MON Thu mon")
    assert isinstance(outcome, RosterRow)
    assert outcome.work_days == "Mon Thu Fri"


@pytest.mark.parametrize(("raw", "code"), [("CT", "CT"), (" ny ", "NY"), ("Pr", "PR"), ("", "MA"), (None, "MA")])
def test_a_work_location_is_a_state_or_territory_code_in_upper_case_and_blank_is_massachusetts(
    raw: str | None, code: str
) -> None:
    outcome = clean(work_location=raw)
    assert isinstance(outcome, RosterRow)
    assert outcome.work_location == code


def test_the_roster_record_refuses_the_work_locations_the_feed_refuses() -> None:
    field = RosterRecord._meta.get_field("work_location")
    assert field.clean("CT", None) == "CT"
    with pytest.raises(ValidationError, match="not a US state or territory code"):
        field.clean("XX", None)


def test_a_zip_plus_four_is_kept_whole() -> None:
    outcome = clean(home_zip="01803-1234")
    assert isinstance(outcome, RosterRow)
    assert outcome.home_zip == "01803-1234"


def test_hours_are_rounded_to_hundredths() -> None:
    outcome = clean(hours_worked_last_12_months="1950.125", scheduled_hours_per_day="7.333")
    assert isinstance(outcome, RosterRow)
    assert outcome.hours_worked_last_12_months == Decimal("1950.13")
    assert outcome.scheduled_hours_per_day == Decimal("7.33")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"employee_number": ""}, "employee_number is missing"),
        ({"first_name": " "}, "first_name is missing"),
        ({"agency": None}, "agency is missing"),
        ({"employee_number": "10 01"}, "employee_number “10 01” has a space in it"),
        ({"employee_number": "1" * 21}, "employee_number is longer than 20 characters"),
        ({"last_name": "x" * 101}, "last_name is longer than 100 characters"),
        ({"birth_date": "1980-13-02"}, "birth_date “1980-13-02” is not a date in the form YYYY-MM-DD"),
        ({"hire_date": "05/06/2010"}, "hire_date “05/06/2010” is not a date in the form YYYY-MM-DD"),
        ({"hire_date": "20100506"}, "hire_date “20100506” is not a date in the form YYYY-MM-DD"),
        ({"home_zip": "1803"}, "home_zip “1803” is not a ZIP code (5 digits, or ZIP+4 such as 01803-1234)"),
        ({"home_zip": "01803-12"}, "home_zip “01803-12” is not a ZIP code (5 digits, or ZIP+4 such as 01803-1234)"),
        ({"hours_worked_last_12_months": "1,950"}, "hours_worked_last_12_months “1,950” is not a number"),
        ({"hours_worked_last_12_months": "NaN"}, "hours_worked_last_12_months “NaN” is not a number"),
        ({"hours_worked_last_12_months": "-1"}, "hours_worked_last_12_months -1 is not between 0 and 8784"),
        ({"scheduled_hours_per_day": "0"}, "scheduled_hours_per_day 0 is not above 0 and at most 24"),
        ({"scheduled_hours_per_day": "25"}, "scheduled_hours_per_day 25 is not above 0 and at most 24"),
        (
            {"work_days": "Mon Tues Thurs"},
            "work_days has “Tues Thurs”, which is not a weekday (use Mon Tue Wed Thu Fri Sat Sun)",
        ),
        ({"work_email": "ana@"}, "work_email “ana@” is not an email address"),
        ({"work_location": "XX"}, "work_location “XX” is not a US state or territory code such as MA"),
        ({"work_location": "Mass"}, "work_location “Mass” is not a US state or territory code such as MA"),
        ({"supervisor_employee_number": "1001"}, "supervisor_employee_number is the person's own employee number"),
        ({"birth_date": "2011-01-01"}, "birth_date 2011-01-01 is not before hire_date 2010-05-06"),
    ],
)
def test_a_bad_value_is_refused_with_its_reason(changes: dict[str, str | None], reason: str) -> None:
    assert reasons(**changes) == (reason,)


def test_a_row_with_several_bad_values_gives_every_reason() -> None:
    assert reasons(birth_date="x", home_zip="y", work_email="z") == (
        "birth_date “x” is not a date in the form YYYY-MM-DD",
        "home_zip “y” is not a ZIP code (5 digits, or ZIP+4 such as 01803-1234)",
        "work_email “z” is not an email address",
    )


def test_a_bad_row_keeps_its_employee_and_supervisor_numbers_when_those_are_good() -> None:
    outcome = clean(birth_date="x")
    assert isinstance(outcome, RejectedRow)
    assert (outcome.employee_number, outcome.supervisor_number) == ("1001", "1002")


def test_a_header_lacking_columns_names_them_and_extra_columns_are_allowed() -> None:
    header = [column for column in GOOD_ROW if column not in {"hire_date", "agency"}] + ["cost_center"]
    assert missing_columns(header) == ["hire_date", "agency"]
    assert missing_columns([*GOOD_ROW, "cost_center"]) == []


def test_the_work_location_column_is_optional() -> None:
    assert missing_columns(list(GOOD_ROW)) == []  # which has no work_location
    assert missing_columns([*GOOD_ROW, "work_location"]) == []
