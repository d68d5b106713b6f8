"""Balances count the holidays of the employee's work location (the roster's), not one office's.

Worked example: Patriots' Day (the third Monday of April; Apr 20, 2026) is a Massachusetts holiday and not a
Connecticut one. A continuous leave of Monday to Wednesday that week is a partial workweek, so only its scheduled
non-holiday days are charged (29 CFR 825.200(h)): 2 days (16 h) in Massachusetts, 3 days (24 h) in Connecticut.
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest

from accounts.tests.factories import EmployeeFactory
from cases.balances import balances_for_case, balances_for_employee
from policies.tests.factories import approve, leave_case

pytestmark = pytest.mark.django_db

PATRIOTS_DAY = D(2026, 4, 20)
WEDNESDAY_AFTER = D(2026, 4, 22)
AS_OF = D(2026, 4, 30)


def fmla_leave_over_patriots_day(employee):
    case = leave_case(employee, PATRIOTS_DAY, WEDNESDAY_AFTER)
    approve(case, "fmla", PATRIOTS_DAY, WEDNESDAY_AFTER)
    return case


def test_a_massachusetts_employee_is_not_charged_for_patriots_day() -> None:
    employee = EmployeeFactory.create(roster_record__work_location="MA")
    fmla_leave_over_patriots_day(employee)

    [fmla] = balances_for_employee(employee, AS_OF)

    assert fmla.summary == "FMLA: 16 of 480 hours used as of Apr 30, 2026"
    assert fmla.remaining_hours == Decimal(464)
    assert any("Patriots' Day" in line for line in fmla.explanation)


def test_a_connecticut_employee_is_charged_for_the_same_days_in_full() -> None:
    employee = EmployeeFactory.create(roster_record__work_location="CT")
    case = fmla_leave_over_patriots_day(employee)

    [fmla] = balances_for_employee(employee, AS_OF)
    [on_the_case_page] = balances_for_case(case, AS_OF)

    assert fmla.summary == "FMLA: 24 of 480 hours used as of Apr 30, 2026"
    assert fmla.remaining_hours == Decimal(456)
    assert not any("Patriots' Day" in line for line in fmla.explanation)
    assert on_the_case_page.summary == fmla.summary


def test_an_employee_without_a_roster_record_has_the_massachusetts_holidays() -> None:
    employee = EmployeeFactory.create(roster_record=None)
    fmla_leave_over_patriots_day(employee)

    [fmla] = balances_for_employee(employee, AS_OF)

    assert fmla.summary == "FMLA: 16 of 480 hours used as of Apr 30, 2026"
