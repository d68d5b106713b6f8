"""A specialist's morning, in Chromium: My work → Next → the call, with its outcome → three policies decided in one
form → back to My work, the task gone. Axe scans every page on the way."""

import pytest
from playwright.sync_api import expect

from cases.submission import submit_leave_request
from cases.tests.test_submit_actions import leave_request
from desk import ownership
from desk.tests.factories import make_specialist
from desk.tests.test_loop_in_browser import desk_cookie, go

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_specialist_works_the_next_task_from_my_work_and_it_closes(web, employee, policy_catalogue):
    specialist = make_specialist()
    case = submit_leave_request(leave_request(employee))
    ownership.pick_case(case, by=specialist)
    web.context.add_cookies([desk_cookie(web, specialist)])

    work = web.visit("/desk/my-work/")
    tasks = work.get_by_role("table", name="Your open tasks, earliest due first")
    expect(tasks).to_contain_text("Verification call")
    expect(tasks).to_contain_text(case.case_number)

    go(web, work.get_by_role("link", name="Next"))
    assert work.url.endswith(f"/desk/cases/{case.case_number}/#calls")

    call = work.locator("form", has=work.get_by_role("button", name="Record call note"))
    call.get_by_text("Verification call", exact=True).click()
    call.get_by_text("Reached the employee", exact=True).click()
    expect(call.get_by_label("Call time")).not_to_have_value("")
    call.get_by_label("Note").fill("Confirmed the surgery dates and the best time to call.")
    go(web, call.get_by_role("button", name="Record call note"))
    expect(work.get_by_text("The call note was recorded.")).to_be_visible()
    assert work.url.endswith("#decisions")  # reached: back at the decision form, the next thing to do
    expect(work.get_by_role("button", name="Save all decisions")).to_be_in_viewport()
    expect(work.locator("#calls ~ section")).to_contain_text("Verification call · Reached the employee")

    decisions = work.locator("section[id^='decision-']")
    expect(decisions).to_have_count(3)
    for index in range(3):
        decisions.nth(index).locator("label", has_text="Approve").first.click()
    go(web, work.get_by_role("button", name="Save decisions"))
    expect(work.get_by_text("Saved:")).to_contain_text("Family Medical Leave Act")

    # The call closed its task, the decisions the specialist's contact; the approval opened the return to confirm.
    work = web.visit("/desk/my-work/")
    tasks = work.get_by_role("table", name="Your open tasks, earliest due first")
    expect(tasks).not_to_contain_text("Verification call")
    expect(tasks).not_to_contain_text("Specialist contact")
    expect(tasks.get_by_role("row")).to_have_count(2)
    expect(tasks).to_contain_text("Confirm the return to work")
    expect(work.get_by_text("1 open task on the cases you own.")).to_be_visible()
