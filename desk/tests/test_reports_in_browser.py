"""The reports page in Chromium, axe on every page: the charts beside their tables, a period picked in the form,
and the page with JavaScript off and on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import EmployeeFactory
from cases.tests.factories import CaseFactory, LeavePeriodFactory
from desk.tests.factories import HEALTH, REVENUE
from desk.tests.test_loop_in_browser import go
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def some_cases(today):
    """Two open cases (3 and 40 days old) and one approved leave decided yesterday: next week, Monday to Friday,
    a full workweek of 8-hour days (40 hours)."""
    for days, agency in ((3, REVENUE), (40, HEALTH)):
        case = CaseFactory.create(
            employee=EmployeeFactory.create(roster_record__agency=agency),
            submitted_at=timezone.now() - timedelta(days=days),
        )
        PolicyDecisionFactory.create(case=case, policy=policy("fmla"), start_date=today, end_date=today)
    decided = CaseFactory.create(submitted_at=timezone.now() - timedelta(days=5))
    monday = today + timedelta(days=7 - today.weekday())
    LeavePeriodFactory.create(case=decided, start_date=monday, end_date=monday + timedelta(days=4))
    PolicyDecisionFactory.create(
        case=decided,
        policy=policy("fmla"),
        status=DecisionStatus.APPROVED,
        start_date=monday,
        end_date=monday + timedelta(days=4),
        decided_at=timezone.now() - timedelta(days=1),
    )


def test_a_specialist_reads_the_reports_and_picks_a_period_and_an_agency(web, specialist, policy_catalogue):
    today = timezone.localdate()
    some_cases(today)
    web.sign_in(specialist, to_desk=True)
    page = web.visit("/desk/reports/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    expect(page.get_by_role("img", name="Open cases by age")).to_be_visible()
    expect(page.get_by_role("img", name="Cases opened and decided per week")).to_be_visible()
    ageing = page.get_by_role("table", name="Open cases by days since submission")
    expect(ageing.get_by_role("row", name="0–7 days 1")).to_be_visible()
    expect(ageing.get_by_role("row", name="31–60 days 1")).to_be_visible()
    approved = page.get_by_role("table", name="Approved decisions made in the period", exact=False)
    expect(approved.get_by_role("row").nth(1)).to_contain_text("40")  # the engine's hours
    expect(page.get_by_role("img", name="Approved hours by policy")).to_be_visible()

    page.get_by_label("First day").fill((today - timedelta(days=10)).isoformat())
    page.get_by_label("Last day").fill(today.isoformat())
    page.get_by_role("combobox", name="Agency").select_option(REVENUE)
    go(web, page.get_by_role("button", name="Show the reports"))
    ageing = page.get_by_role("table", name="Open cases by days since submission")
    expect(ageing.get_by_role("row", name="31–60 days 0")).to_be_visible()
    expect(page.get_by_text(f", {REVENUE}.")).to_be_visible()


def test_the_reports_read_without_javascript_and_on_a_phone(no_js, phone, specialist, policy_catalogue):
    some_cases(timezone.localdate())
    for checked in (no_js, phone):
        checked.sign_in(specialist, to_desk=True)
        page = checked.visit("/desk/reports/")
        expect(page.get_by_role("img", name="Open cases by age")).to_be_visible()
