"""The desk's case view in Chromium, axe on every page: the entry-flags alert and the PFML "leave began" field."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.tests.factories import PartialDayFactory
from desk.tests.test_loop_in_browser import go
from policies.tests.factories import PolicyDecisionFactory, leave_case, policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_specialist_reads_the_entry_flags_and_sets_the_day_pfml_leave_began(
    web, employee, specialist, policy_catalogue
):
    # 29 CFR 825.205(b): Maria works Monday to Friday, so 4 h entered on a Saturday charge nothing.
    today = timezone.localdate()
    start, end = today - timedelta(days=20), today + timedelta(days=60)
    saturday = today - timedelta(days=today.weekday() + 2)
    case = leave_case(employee, start, end, pattern="intermittent")
    PartialDayFactory.create(case=case, date=saturday, minutes=240, start_time=time(8), end_time=time(12))
    for code in ("fmla", "pfml-medical"):
        PolicyDecisionFactory.create(case=case, policy=policy(code), start_date=start, end_date=end)
    web.sign_in(specialist, to_desk=True)
    page = web.visit(f"/desk/cases/{case.case_number}/")

    flags = page.locator("#entry-flags")
    expect(flags.get_by_role("heading")).to_have_text("Time entries charged differently from what was entered")
    expect(flags).to_contain_text(
        f"{saturday:%a %b} {saturday.day}, {saturday.year}: 4 h entered, 0 h charged — Saturday is not a scheduled "
        "workday [29 CFR 825.205(b)]"
    )

    # A day after the start date is refused beside the field, what was typed kept.
    began = page.get_by_label("PFML leave began")
    too_late = start + timedelta(days=1)
    began.fill(too_late.isoformat())
    go(web, page.get_by_role("button", name="Save decisions"))
    began = page.get_by_label("PFML leave began")
    expect(began).to_have_value(too_late.isoformat())
    expect(began).to_have_accessible_description(
        f"Only when earlier employer-paid leave started the clock: the first day of that leave. The benefit year and "
        f"waiting week count from it. Leave blank to count from the start date. The day leave began must be on or "
        f"before the start date, {start:%b %d, %Y}."
    )

    earlier = start - timedelta(days=10)
    began.fill(earlier.isoformat())
    go(web, page.get_by_role("button", name="Save decisions"))
    expect(page.get_by_text(f"PFML leave began: {earlier:%b} {earlier.day}, {earlier.year}")).to_be_visible()
    decision = case.decisions.get(policy__code="pfml-medical")
    assert (decision.leave_began, decision.status) == (earlier, "pending")
