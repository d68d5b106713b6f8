"""The roster's schedule as the ledger reads it: one figure a day, or hours per weekday and a 12-month average."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from datetime import time
from decimal import Decimal

import pytest

from cases.balances import balances_for_employee, entry_flags_for_case, schedule_of
from cases.models import LeavePattern
from cases.tests.factories import PartialDayFactory, TimeEntryFactory
from policies.engine import Schedule
from policies.tests.factories import approve, leave_case
from roster.tests.factories import RosterRecordFactory

pytestmark = pytest.mark.django_db


def test_a_roster_record_without_weekday_hours_gives_one_figure_a_day() -> None:
    record = RosterRecordFactory.create(scheduled_hours_per_day=Decimal("7.5"), work_days="Mon Tue Wed")
    assert schedule_of(record) == Schedule(Decimal("7.5"), frozenset({0, 1, 2}))


def test_825_205_b_3_weekday_hours_on_the_roster_make_a_variable_schedule_a_blank_day_a_day_off() -> None:
    record = RosterRecordFactory.create(
        hours_monday=Decimal(10), hours_tuesday=Decimal(10), hours_friday=Decimal(6),
        average_weekly_hours_last_12_months=Decimal("24.5"),
    )  # fmt: skip
    schedule = schedule_of(record)
    assert schedule.weekday_hours == (10, 10, 0, 0, 6, 0, 0)
    assert (schedule.weekly_hours, schedule.entitlement_weekly_hours) == (26, Decimal("24.5"))


def test_825_205_b_3_the_ledger_counts_the_roster_average_for_the_entitlement(employee) -> None:
    employee.roster_record.average_weekly_hours_last_12_months = Decimal(30)
    employee.roster_record.save()
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 6))
    approve(case, "fmla", D(2026, 3, 2), D(2026, 3, 6))
    [fmla] = balances_for_employee(employee, D(2026, 3, 31))
    assert (fmla.entitlement_hours, fmla.used_hours) == (360, 40)


def test_825_205_a_full_day_entry_is_flagged_with_the_roster_schedule(employee) -> None:
    employee.roster_record.scheduled_hours_per_day = Decimal(6)
    employee.roster_record.save()
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 31), pattern=LeavePattern.INTERMITTENT)
    TimeEntryFactory.create(case=case, date=D(2026, 3, 3), full_day=True, minutes=480)
    [flag] = entry_flags_for_case(case)
    assert (flag.day, flag.hours_asked, flag.hours_charged) == (D(2026, 3, 3), 8, 6)


def test_825_205_an_entry_overlapping_another_cases_times_is_flagged_on_the_later_case_only(employee) -> None:
    first = leave_case(employee, D(2026, 3, 2), D(2026, 3, 31), pattern=LeavePattern.INTERMITTENT)
    second = leave_case(employee, D(2026, 3, 2), D(2026, 3, 31), pattern=LeavePattern.INTERMITTENT)
    PartialDayFactory.create(case=first, date=D(2026, 3, 3), minutes=180, start_time=time(9), end_time=time(12))
    PartialDayFactory.create(case=second, date=D(2026, 3, 3), minutes=120, start_time=time(11), end_time=time(13))
    later, earlier = sorted([first, second], key=lambda case: case.case_number, reverse=True)
    assert entry_flags_for_case(earlier) == []
    [flag] = entry_flags_for_case(later)
    assert (flag.hours_asked, flag.hours_charged) == (2, 1)
    assert flag.reason == f"overlaps the time of case {earlier.case_number} on this day, charged once"
