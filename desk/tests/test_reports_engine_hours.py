"""The approved leave by policy shows the engine's hours, not days the report counts: a continuous leave of 3 days
of 8 hours is 24 hours, an intermittent leave of two 4-hour entries is 8, and the same ledger the case page reads
(cases.balances) gives them, for many employees at once."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.balances import approved_ledgers, balances_for_employee
from cases.models import Case, LeavePattern
from cases.tests.factories import PartialDayFactory
from desk.reports import approved_by_policy
from desk.tests.conftest import sign_in_to_desk
from desk.tests.test_reports import NOVEMBER, a_case, approved, at
from policies.tests.factories import policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_days():
    """A continuous leave Tuesday Dec 1 to Thursday Dec 3, 2026 (8 h a day, Monday to Friday), approved for FMLA
    and PFML medical on Nov 10."""
    case = a_case(at(date(2026, 11, 2)), pattern=LeavePattern.CONTINUOUS)
    case.leave_period.start_date, case.leave_period.end_date = date(2026, 12, 1), date(2026, 12, 3)
    case.leave_period.save()
    for code in ("fmla", "pfml-medical"):
        approved(case, at(date(2026, 11, 10)), start=date(2026, 12, 1), end=date(2026, 12, 3), code=code)
    return case


@pytest.fixture
def four_hour_entries():
    """An intermittent leave over December with two 4-hour absences (Mon Dec 7 and Wed Dec 9, 8 am to noon),
    approved for FMLA on Nov 12 for the whole month."""
    case = a_case(at(date(2026, 11, 3)))
    for day in (date(2026, 12, 7), date(2026, 12, 9)):
        PartialDayFactory.create(case=case, date=day, minutes=240, start_time=time(8), end_time=time(12))
    approved(case, at(date(2026, 11, 12)))
    return case


def test_the_report_shows_the_hours_the_engine_charges_not_the_days_between_the_dates(three_days, four_hour_entries):
    rows = {row.policy: row for row in approved_by_policy(Case.objects.all(), NOVEMBER)}
    fmla, pfml = rows[policy("fmla").name], rows[policy("pfml-medical").name]
    # 3 days of 8 h, and 2 entries of 4 h (the whole-month span of the intermittent decision charges nothing more).
    assert (fmla.cases, fmla.decisions, fmla.hours) == (2, 2, Decimal(32))
    assert (pfml.cases, pfml.decisions, pfml.hours) == (1, 1, Decimal(24))
    assert fmla.not_covered_hours == 0


def test_the_batched_ledgers_give_the_balances_the_case_page_shows(three_days, four_hour_entries):
    employees = [three_days.employee, four_hour_entries.employee]
    ledgers = approved_ledgers(employee.pk for employee in employees)
    for employee in employees:
        assert ledgers[employee.pk].balances(date(2026, 12, 31)) == balances_for_employee(employee, date(2026, 12, 31))


def test_the_page_shows_the_engine_hours_and_what_it_did_not_count(client, specialist, three_days, four_hour_entries):
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:reports"), {"start": "2026-11-02", "end": "2026-11-29"}).content.decode()
    section = page[page.index('id="approved-heading"') :]
    assert "Hours charged" in section
    assert ">32</td>" in section
    assert ">24</td>" in section
    assert "Nothing: every approved hour is charged" in section
    assert "Approved days" not in section
