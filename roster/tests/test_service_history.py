"""The roster feed keeps its history for eligibility: each import's hours figure with its date (29 CFR 825.110(c))
and an employment for each hire date (825.110(b)); the calendars of work locations are data (825.200(h))."""

from __future__ import annotations

import io
from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest

from roster.calendars import calendar_for_location
from roster.feed_import import import_roster
from roster.models import Closure, EmploymentSpell, HoursWorkedReport, LocalHoliday, RosterRecord
from roster.tests.test_import_roster import person

pytestmark = pytest.mark.django_db
HEADER = ",".join(person("1"))


def feed(*people: dict[str, str]) -> list[str]:
    out = io.StringIO()
    out.write(HEADER + "\n")
    for row in people:
        out.write(",".join(row.values()) + "\n")
    return out.getvalue().splitlines(keepends=True)


def imported(*people: dict[str, str], on: D) -> None:
    import_roster(feed(*people), full=False, report=lambda problem: None, as_of=on)


def test_825_110_c_each_import_keeps_the_hours_figure_it_brought_with_its_date() -> None:
    imported(person("1", hours_worked_last_12_months="1200"), on=D(2026, 1, 1))
    imported(person("1", hours_worked_last_12_months="1300"), on=D(2026, 2, 1))
    record = RosterRecord.objects.get(employee_number="1")
    assert list(record.hours_reports.values_list("as_of", "hours")) == [
        (D(2026, 1, 1), Decimal(1200)),
        (D(2026, 2, 1), Decimal(1300)),
    ]


def test_an_import_again_the_same_day_updates_that_days_figure_and_adds_none() -> None:
    imported(person("1", hours_worked_last_12_months="1200"), on=D(2026, 1, 1))
    imported(person("1", hours_worked_last_12_months="1250"), on=D(2026, 1, 1))
    assert list(HoursWorkedReport.objects.values_list("as_of", "hours")) == [(D(2026, 1, 1), Decimal(1250))]


def test_825_110_b_a_rehire_date_in_the_feed_adds_an_employment_and_keeps_the_earlier_one() -> None:
    imported(person("1", hire_date="2010-05-06"), on=D(2020, 1, 1))
    imported(person("1", hire_date="2025-09-01"), on=D(2026, 1, 1))
    imported(person("1", hire_date="2025-09-01"), on=D(2026, 2, 1))
    assert list(EmploymentSpell.objects.values_list("hire_date", "separation_date")) == [
        (D(2010, 5, 6), None),
        (D(2025, 9, 1), None),
    ]


def test_825_200_h_a_locations_calendar_has_its_local_holidays_and_the_closures_for_it_or_for_all() -> None:
    LocalHoliday.objects.create(location="MA", date=D(2026, 3, 17), name="Evacuation Day")
    LocalHoliday.objects.create(location="CT", date=D(2026, 6, 17), name="Not ours")
    Closure.objects.create(location="", start=D(2026, 12, 21), end=D(2027, 1, 1), reason="Winter shutdown")
    Closure.objects.create(location="CT", start=D(2026, 8, 3), end=D(2026, 8, 14), reason="Connecticut only")
    calendar = calendar_for_location("MA")
    assert calendar.holiday_name(D(2026, 3, 17)) == "Evacuation Day"
    assert calendar.holiday_name(D(2026, 4, 20)) == "Patriots' Day"  # the statewide list is still there
    assert D(2026, 6, 17) not in calendar.holidays
    assert [c.reason for c in calendar.closures] == ["Winter shutdown"]
    assert not calendar.is_business_day(D(2026, 3, 17))
