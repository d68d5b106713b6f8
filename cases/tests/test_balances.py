"""Balances read from the database: the same figures as the engine, in a constant number of queries."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest

from cases.balances import balances_for_case, balances_for_employee
from cases.models import CaseKind, LeavePattern
from cases.tests.factories import CaseFactory
from policies.models import Policy, PolicyDecision
from policies.tests.factories import add_time, approve, leave_case

pytestmark = pytest.mark.django_db


def intermittent_case(employee, start, end):
    return leave_case(employee, start, end, pattern=LeavePattern.INTERMITTENT)


def test_an_approved_intermittent_case_charges_its_time_entries(employee) -> None:
    case = intermittent_case(employee, D(2026, 3, 2), D(2026, 8, 31))
    approve(case, "fmla", D(2026, 3, 2), D(2026, 8, 31))
    add_time(case, D(2026, 3, 3), 240)
    add_time(case, D(2026, 3, 10), 480)
    [fmla] = balances_for_employee(employee, D(2026, 3, 31))
    assert fmla.summary == "FMLA: 12 of 480 hours used as of Mar 31, 2026"


def test_a_four_hour_entry_lowers_the_balance_by_four_hours(employee) -> None:
    case = intermittent_case(employee, D(2026, 3, 2), D(2026, 8, 31))
    approve(case, "fmla", D(2026, 3, 2), D(2026, 8, 31))
    [before] = balances_for_case(case, D(2026, 3, 31))
    add_time(case, D(2026, 3, 17), 240)
    [after] = balances_for_case(case, D(2026, 3, 31))
    assert before.remaining_hours is not None
    assert after.remaining_hours is not None
    assert before.remaining_hours - after.remaining_hours == Decimal(4)


def test_a_part_time_schedule_from_the_roster_sets_the_entitlement(employee) -> None:
    employee.roster_record.scheduled_hours_per_day = Decimal(6)
    employee.roster_record.work_days = "Mon Tue Thu"
    employee.roster_record.save()
    case = leave_case(employee, D(2026, 3, 1), D(2026, 3, 7))
    approve(case, "fmla", D(2026, 3, 1), D(2026, 3, 7))
    [fmla] = balances_for_employee(employee, D(2026, 3, 31))
    assert (fmla.entitlement_hours, fmla.used_hours) == (Decimal(216), Decimal(18))


def test_pending_denied_and_cancelled_cases_charge_nothing(employee) -> None:
    pending = leave_case(employee, D(2026, 3, 2), D(2026, 3, 6))
    PolicyDecision.objects.create(
        case=pending, policy=Policy.objects.get(code="fmla"), start_date=D(2026, 3, 2), end_date=D(2026, 3, 6)
    )
    cancelled = leave_case(employee, D(2026, 4, 6), D(2026, 4, 10), cancelled_at=pending.submitted_at)
    approve(cancelled, "fmla", D(2026, 4, 6), D(2026, 4, 10))
    [fmla] = balances_for_case(pending, D(2026, 5, 1))
    assert fmla.used_hours == 0
    assert balances_for_employee(employee, D(2026, 5, 1)) == []


def test_the_case_page_shows_each_pending_or_approved_policy_counting_other_cases_too(employee) -> None:
    earlier = leave_case(employee, D(2026, 1, 5), D(2026, 1, 9))
    approve(earlier, "fmla", D(2026, 1, 5), D(2026, 1, 9))
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 6))
    approve(case, "fmla", D(2026, 3, 2), D(2026, 3, 6))
    PolicyDecision.objects.create(
        case=case, policy=Policy.objects.get(code="pfml-medical"), start_date=D(2026, 3, 2), end_date=D(2026, 3, 6)
    )
    balances = {b.policy_code: b for b in balances_for_case(case, D(2026, 3, 31))}
    assert balances["fmla"].used_hours == Decimal(80)
    assert balances["pfml-medical"].used_hours == 0  # pending: nothing charged yet


def test_an_unplanned_absence_charges_its_single_time_entry(employee) -> None:
    absence = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, reason="employee_sick", pattern="")
    add_time(absence, D(2026, 3, 3), 300)
    approve(absence, "employee-sick", D(2026, 3, 3), D(2026, 3, 3))
    [sick] = balances_for_employee(employee, D(2026, 3, 31))
    assert sick.summary == "Employee Sick: 5 hours taken as of Mar 31, 2026"


def many_cases(employee, count):
    """`count` weekly cases with 2 h on Tuesday and 1 h on Wednesday (no holiday on either, Jan to May 2026)."""
    for week in range(count):
        monday = D(2026, 1, 5).fromordinal(D(2026, 1, 5).toordinal() + 7 * week)
        case = intermittent_case(employee, monday, monday.fromordinal(monday.toordinal() + 4))
        approve(case, "fmla", case.leave_period.start_date, case.leave_period.end_date)
        approve(case, "pfml-medical", case.leave_period.start_date, case.leave_period.end_date)
        add_time(case, monday.fromordinal(monday.toordinal() + 1), 120)
        add_time(case, monday.fromordinal(monday.toordinal() + 2), 60)
    return case


@pytest.mark.parametrize("count", [1, 20])
def test_balances_for_employee_take_five_queries_for_1_or_20_cases(employee, count, django_assert_num_queries):
    """The roster record, the decisions, the time entries, the opening balances, and the work location's local
    holidays and closures."""
    many_cases(employee, count)
    fresh = type(employee).objects.get(pk=employee.pk)
    with django_assert_num_queries(5):
        balances = balances_for_employee(fresh, D(2026, 6, 1))
    assert [b.used_hours for b in balances] == [Decimal(3 * count)] * 2


@pytest.mark.parametrize("count", [1, 20])
def test_balances_for_case_take_six_queries_for_1_or_20_cases(employee, count, django_assert_num_queries):
    case = many_cases(employee, count)
    fresh_case = type(case).objects.select_related("employee").get(pk=case.pk)
    with django_assert_num_queries(6):  # and the case's policies
        balances = balances_for_case(fresh_case, D(2026, 6, 1))
    assert len(balances) == 2
