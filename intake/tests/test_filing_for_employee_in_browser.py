"""A supervisor reports an absence for a direct report in Chromium, and the employee then sees it marked."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from intake.tests.people import supervisor_and_employee

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNPLANNED = (
    "Report a day-to-day sick absence or medical appointment of the employee, not related to an FMLA, PFML or "
    "other protected leave policy case"
)


def go(checked, locator):
    """Click something that leads to a new page, then scan that page (axe) and check it fits the width."""
    with checked.page.expect_navigation():
        locator.click()
    checked.check()
    width = checked.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= checked.page.viewport_size["width"], f"{checked.page.url} scrolls sideways ({width} px)"


def next_button(page, name="Next"):
    return page.get_by_role("button", name=name, exact=True)


@pytest.mark.parametrize("checked_page", ["web", "phone"])
def test_a_supervisor_reports_an_absence_for_a_report_who_then_sees_it(checked_page, request):
    checked = request.getfixturevalue(checked_page)
    james, maria = supervisor_and_employee()
    checked.sign_in(james)
    page = checked.visit("/request/file-for/")
    page.get_by_text("My employee", exact=True).click()
    go(checked, next_button(page))
    page.get_by_text("Maria Santos (#100001)", exact=True).click()
    go(checked, next_button(page))
    expect(page.get_by_text("You are reporting an absence for Maria Santos.")).to_be_visible()
    page.get_by_text(UNPLANNED, exact=True).click()
    go(checked, next_button(page))
    expect(page.get_by_role("radio", name="The employee", exact=True)).to_be_checked()
    go(checked, next_button(page))
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("What is the date of the absence being reported?").fill(tomorrow.strftime("%m/%d/%Y"))
    go(checked, next_button(page, "Continue"))
    page.get_by_text("Yes", exact=True).click()
    go(checked, next_button(page, "Continue"))
    go(checked, next_button(page, "Continue"))  # the scheduled hours, the default
    go(checked, next_button(page))
    page.get_by_text("Not OT", exact=True).click()
    go(checked, next_button(page))
    expect(page.get_by_text("Left for the employee to add")).to_be_visible()
    go(checked, page.get_by_role("button", name="Submit"))
    case = Case.objects.get()
    expect(page.get_by_role("heading", name="The absence has been reported.")).to_be_visible()
    expect(page.locator("[data-case-number]")).to_have_text(case.case_number)
    go(checked, page.get_by_role("link", name="View my team's absences"))
    expect(page.get_by_text(f"Case {case.case_number}")).to_be_visible()

    checked.sign_in(maria)
    page = checked.visit("/cases/")
    entry = page.locator(f'[data-case-number="{case.case_number}"]')
    expect(entry.get_by_text("Reported by your supervisor, James Walsh")).to_be_visible()
    go(checked, entry.get_by_role("link", name=f"View case {case.case_number} details"))
    go(checked, page.get_by_role("link", name="Add the reason for this absence"))
    expect(page.get_by_role("heading", name="Add the reason for this absence")).to_be_visible()
