"""The approved leave by policy shows the engine's hours, not days the report counts: a continuous leave of 3 days
of 8 hours is 24 hours, an intermittent leave of two 4-hour entries is 8, and the same ledger the case page reads
(cases.balances) gives them, for many employees at once."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import EmployeeFactory
from cases.balances import approved_ledgers, balances_for_employee
from cases.models import Case, CaseReason, LeavePattern
from cases.tests.factories import CaseFactory, LeavePeriodFactory, PartialDayFactory
from desk.reports import approved_by_policy
from desk.tests.conftest import sign_in_to_desk
from desk.tests.test_reports import NOVEMBER, a_case, approved, at
from policies.tests.factories import policy

pytestmark = pytest.mark.django_db
BIRTH = date(2025, 12, 1)


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


def bonding_leave(employee, start, end, decided_on):
    case = CaseFactory.create(employee=employee, pattern=LeavePattern.CONTINUOUS, reason=CaseReason.BONDING,
                              child_event_date=BIRTH, submitted_at=at(decided_on))  # fmt: skip
    LeavePeriodFactory.create(case=case, start_date=start, end_date=end)
    approved(case, at(decided_on), start=start, end=end)
    return case


def spouses_bonding(decided_on=date(2026, 11, 10)):
    """Spouses at the employer share 12 weeks of FMLA for bonding (29 CFR 825.120(a)(3)): one took 4 weeks, the
    other asks for 10 and is charged the 8 left."""
    spouse, employee = EmployeeFactory.create(), EmployeeFactory.create()
    record = employee.roster_record
    assert record is not None
    record.spouse = spouse.roster_record
    record.save()
    bonding_leave(spouse, date(2025, 12, 1), date(2025, 12, 26), decided_on)
    bonding_leave(employee, date(2026, 1, 5), date(2026, 3, 13), decided_on)
    return spouse, employee


def test_the_weeks_spouses_share_are_charged_once_and_the_rest_is_explained_naming_no_one():
    spouse, employee = spouses_bonding()
    [fmla] = approved_by_policy(Case.objects.all(), NOVEMBER)
    assert (fmla.cases, fmla.hours) == (2, Decimal(160 + 320))
    assert fmla.explanation == (
        "80 h approved but not charged to FMLA: the 12 workweeks shared for bonding and a parent's care are used.",
    )
    ledgers = approved_ledgers([spouse.pk, employee.pk])
    for person in (spouse, employee):
        assert ledgers[person.pk].balances(date(2026, 3, 31)) == balances_for_employee(person, date(2026, 3, 31))


def test_spouses_linked_cost_the_report_the_same_queries_for_one_couple_as_for_ten(django_assert_max_num_queries):
    spouses_bonding()
    with CaptureQueriesContext(connection) as one:
        approved_by_policy(Case.objects.all(), NOVEMBER)
    for _couple in range(9):
        spouses_bonding()
    with django_assert_max_num_queries(len(one.captured_queries)):
        [fmla] = approved_by_policy(Case.objects.all(), NOVEMBER)
    assert fmla.cases == 20


def test_the_chart_draws_the_engine_hours_in_words(client, specialist, three_days, four_hour_entries):
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:reports"), {"start": "2026-11-02", "end": "2026-11-29"}).content.decode()
    assert "Approved hours by policy" in page
    assert ">32 hours</text>" in page
    assert ">24 hours</text>" in page
