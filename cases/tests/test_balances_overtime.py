"""Worked examples of 29 CFR 825.205(c): mandatory overtime counts, voluntary overtime does not.

The unplanned absence asks "Is your absence for an overtime shift?" (Mandatory OT / Voluntary OT / Not OT). On a
mandatory overtime shift the minutes beyond the scheduled day are overtime the employee was required to work, so
they are charged; on a voluntary one (or none) the entry charges at most the scheduled day, and the desk's flag
says why. Maria works 8 h Monday to Friday; Tue Mar 10 and Sat Mar 7, 2026; Patriots' Day is Mon Apr 20, 2026.
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.balances import balances_for_employee, case_time, entry_flags_for_case, schedule_of
from cases.models import Case, CaseKind, OvertimeShift
from cases.tests.factories import CaseFactory, TimeEntryFactory
from desk.tests.conftest import sign_in_to_desk
from policies.tests.factories import approve

pytestmark = pytest.mark.django_db

TUESDAY, SATURDAY, PATRIOTS_DAY = D(2026, 3, 10), D(2026, 3, 7), D(2026, 4, 20)


def absence(employee, shift: OvertimeShift, day: D, minutes: int) -> Case:
    """An approved unplanned absence of one partial day on an overtime shift of this kind."""
    case = CaseFactory.create(
        employee=employee, kind=CaseKind.UNPLANNED, reason="employee_sick", pattern="", overtime_shift=shift
    )
    TimeEntryFactory.create(case=case, date=day, full_day=False, minutes=minutes)
    approve(case, "employee-sick", day, day)
    return case


def taken(employee) -> Decimal:
    [sick] = balances_for_employee(employee, D(2026, 4, 30))
    return sick.used_hours


def test_825_205_c_ten_hours_missed_of_a_mandatory_overtime_shift_are_all_charged(employee) -> None:
    case = absence(employee, OvertimeShift.MANDATORY, TUESDAY, 600)
    assert taken(employee) == 10
    assert entry_flags_for_case(case) == []


def test_825_205_c_ten_hours_missed_of_a_voluntary_overtime_shift_charge_the_8_scheduled(employee) -> None:
    case = absence(employee, OvertimeShift.VOLUNTARY, TUESDAY, 600)
    assert taken(employee) == 8
    [flag] = entry_flags_for_case(case)
    assert (flag.hours_asked, flag.hours_charged) == (10, 8)
    assert flag.reason == (
        "more than the 8 h scheduled that day; voluntary overtime does not count [29 CFR 825.205(b), (c)]"
    )


def test_825_205_c_ten_hours_of_a_shift_that_is_not_overtime_charge_the_8_scheduled(employee) -> None:
    absence(employee, OvertimeShift.NOT_OT, TUESDAY, 600)
    assert taken(employee) == 8


def test_825_205_c_a_mandatory_saturday_shift_is_charged_a_voluntary_one_is_not(employee) -> None:
    absence(employee, OvertimeShift.MANDATORY, SATURDAY, 240)
    voluntary = absence(employee, OvertimeShift.VOLUNTARY, D(2026, 3, 14), 240)
    assert taken(employee) == 4
    [flag] = entry_flags_for_case(voluntary)
    assert (flag.hours_charged, flag.reason) == (0, "Saturday is not a scheduled workday [29 CFR 825.205(b)]")


def test_825_205_c_a_mandatory_shift_on_a_holiday_is_charged(employee) -> None:
    absence(employee, OvertimeShift.MANDATORY, PATRIOTS_DAY, 480)
    assert taken(employee) == 8


def test_825_205_c_a_mandatory_shift_within_the_scheduled_day_has_no_overtime(employee) -> None:
    case = absence(employee, OvertimeShift.MANDATORY, TUESDAY, 360)
    time = case_time(case, schedule_of(employee.roster_record), {})
    assert time is not None
    assert [entry.mandatory_overtime_minutes for entry in time.entries] == [0]
    assert taken(employee) == 6


def test_825_205_c_the_minutes_beyond_a_7_5_hour_day_are_the_overtime(employee) -> None:
    employee.roster_record.scheduled_hours_per_day = Decimal("7.5")
    employee.roster_record.save()
    case = absence(employee, OvertimeShift.MANDATORY, TUESDAY, 600)
    time = case_time(case, schedule_of(employee.roster_record), {})
    assert time is not None
    assert [entry.mandatory_overtime_minutes for entry in time.entries] == [150]
    assert taken(employee) == 10


def test_825_205_c_the_desk_flags_the_voluntary_overtime_and_not_the_mandatory(client, employee, specialist) -> None:
    mandatory = absence(employee, OvertimeShift.MANDATORY, TUESDAY, 600)
    voluntary = absence(employee, OvertimeShift.VOLUNTARY, D(2026, 3, 11), 600)
    sign_in_to_desk(client, specialist)
    voluntary_page = client.get(reverse("desk:case", args=[voluntary.case_number])).content.decode()
    assert "Time entries charged differently from what was entered" in voluntary_page
    assert (
        "Wed Mar 11, 2026: 10 h entered, 8 h charged — more than the 8 h scheduled that day; voluntary overtime "
        "does not count [29 CFR 825.205(b), (c)]"
    ) in voluntary_page
    mandatory_page = client.get(reverse("desk:case", args=[mandatory.case_number])).content.decode()
    assert "Overtime shift" in mandatory_page
    assert "Mandatory OT" in mandatory_page
    assert "Time entries charged differently from what was entered" not in mandatory_page
