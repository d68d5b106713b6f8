"""The case page arranged for work, in Chromium with axe: two columns at 1280 px, one at 390 px, the decision's
Save a few Tab presses from the top of the page, and a save that comes back at the decision form."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from desk.tests.test_loop_in_browser import go
from policies.tests.factories import PolicyDecisionFactory, leave_case, policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def three_policies(employee, policy_catalogue):
    """A continuous leave starting in a week, FMLA, MA PFML Medical and Short Term Disability pending."""
    start = timezone.localdate() + timedelta(days=7)
    case = leave_case(employee, start, start + timedelta(days=27), pattern="continuous")
    for code in ("fmla", "pfml-medical", "std-1"):
        PolicyDecisionFactory.create(case=case, policy=policy(code), start_date=start, end_date=start + timedelta(27))
    return case


def box(page, selector):
    found = page.locator(selector).bounding_box()
    assert found is not None, selector
    return found


def test_at_1280_px_the_deadlines_and_balances_sit_beside_the_summary_and_the_form(web, specialist, three_policies):
    web.sign_in(specialist, to_desk=True)
    page = web.visit(f"/desk/cases/{three_policies.case_number}/")

    summary, deadlines = box(page, ".desk-case__summary"), box(page, ".desk-case__deadlines")
    work, balances = box(page, ".desk-case__work"), box(page, ".desk-case__balances")
    assert deadlines["x"] >= summary["x"] + summary["width"]  # beside the summary, on its right
    assert abs(deadlines["y"] - summary["y"]) < 2
    assert balances["x"] == deadlines["x"]
    assert balances["y"] < work["y"] + work["height"]  # beside the decision form
    assert work["width"] > balances["width"]
    expect(page.get_by_role("navigation", name="On this page").get_by_role("link")).to_have_text(
        [
            "Documents (0)",
            "Certification (0)",
            "Time entries (0)",
            "Letters (0)",
            "Calls (0)",
            "Internal notes (0)",
            "History (0)",
        ]
    )


def test_at_390_px_the_page_is_one_column_in_reading_order(web, specialist, three_policies):
    web.page.set_viewport_size({"width": 390, "height": 844})
    web.sign_in(specialist, to_desk=True)
    page = web.visit(f"/desk/cases/{three_policies.case_number}/")

    parts = [box(page, f".desk-case__{part}") for part in ("summary", "deadlines", "work", "balances")]
    assert len({part["x"] for part in parts}) == 1
    assert [part["y"] for part in parts] == sorted(part["y"] for part in parts)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing to scroll sideways
    fmla = page.locator("#decision-" + str(three_policies.decisions.get(policy__code="fmla").pk))
    expect(fmla.locator(".desk-figures")).to_contain_text("Hours left")


def test_from_the_top_of_the_page_a_few_tabs_reach_save_and_the_keyboard_decides(web, specialist, three_policies):
    web.sign_in(specialist, to_desk=True)
    page = web.visit(f"/desk/cases/{three_policies.case_number}/")
    save = page.get_by_role("button", name="Save all decisions")

    tabs = 0
    while not save.evaluate("button => button === document.activeElement"):
        page.keyboard.press("Tab")
        tabs += 1
        assert tabs < 15, "Save is not reachable in under 15 Tab presses from the top of the page"
        if page.evaluate("document.activeElement.textContent") == "Skip to the decision":
            page.keyboard.press("Enter")
    assert tabs < 15

    # Approve FMLA from the keyboard: into its row, the arrow to "Approve", back up to Save.
    page.keyboard.press("Tab")  # its figures' "How this was counted"
    page.keyboard.press("Tab")  # its decision, "Leave pending"
    expect(page.get_by_role("radio", name="Leave pending").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(save).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    web.check()

    assert page.url.endswith(f"/desk/cases/{three_policies.case_number}/#decisions")
    saved = page.locator("#decisions ~ [role=status]")
    expect(saved).to_have_text("Saved: Family Medical Leave Act. The employee was sent one summary.")
    expect(saved).to_be_in_viewport()
    assert three_policies.decisions.get(policy__code="fmla").status == "approved"


def test_without_javascript_a_save_comes_back_at_the_decision_form(no_js, specialist, three_policies):
    no_js.sign_in(specialist, to_desk=True)
    page = no_js.visit(f"/desk/cases/{three_policies.case_number}/")
    go(no_js, page.get_by_role("button", name="Save decisions"))
    assert page.url.endswith("#decisions")
    expect(page.locator("#decisions ~ [role=status]")).to_have_text(
        "Nothing changed: no decision was saved and no notice was sent."
    )
