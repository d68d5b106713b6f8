"""Two specialists' tabs on one case, in Chromium: the second save is refused and shows the first one's change."""

import pytest
from playwright.sync_api import expect

from desk.tests.conftest import desk_case
from desk.tests.factories import make_specialist, make_supervisor_with_report
from desk.tests.test_loop_in_browser import FMLA, desk_cookie, go

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fmla_section(page):
    """FMLA's row of the decisions form (the balances further down name FMLA too)."""
    return page.locator("section[id^='decision-']", has=page.get_by_role("heading", name=FMLA))


def test_a_stale_tab_is_refused_with_the_colleagues_decision_shown(web, phone, policy_catalogue):
    first, second = make_specialist("cspecialist"), make_specialist("jlee")
    second.first_name, second.last_name = "Jordan", "Lee"
    second.save()
    _supervisor, employee = make_supervisor_with_report()
    number = desk_case(employee).case_number
    web.context.add_cookies([desk_cookie(web, first)])
    phone.context.add_cookies([desk_cookie(phone, second)])

    # Both open the case; Jordan (on a phone) decides first.
    mine = web.visit(f"/desk/cases/{number}/")
    theirs = phone.visit(f"/desk/cases/{number}/")
    fmla_section(theirs).locator("label", has_text="Approve").click()
    go(phone, theirs.get_by_role("button", name="Save decisions"))
    expect(theirs.get_by_text(f"Saved: {FMLA}.")).to_be_visible()

    # My tab still shows FMLA pending; I deny it, with a reason, and save over Jordan's approval.
    fmla = fmla_section(mine)
    fmla.locator("label", has_text="Deny").click()
    fmla.get_by_label("Reason for denial").fill("No certification received.")
    go(web, mine.get_by_role("button", name="Save decisions"))

    summary = mine.get_by_role("alert")
    expect(summary).to_contain_text(f"{FMLA} was changed by Jordan Lee on")
    expect(summary).to_contain_text("it is now approved")
    expect(summary).to_contain_text("Nothing was saved.")
    expect(mine.locator("#error-summary")).to_be_focused()
    # The form now shows the current decision: approved, kept as it is unless I decide again.
    expect(fmla_section(mine).get_by_role("heading")).to_contain_text("APPROVED")
    expect(fmla_section(mine).get_by_label("Keep approved as it is")).to_be_checked()
    assert mine.url.endswith(f"/desk/cases/{number}/")
