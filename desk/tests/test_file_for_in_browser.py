"""An HR professional reports an absence for an employee of their agency in Chromium; the employee sees it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from desk.tests.factories import make_hr_professional
from intake.tests.people import supervisor_and_employee
from intake.tests.test_filing_for_employee_in_browser import UNPLANNED, go, next_button

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("checked_page", ["web", "phone"])
def test_hr_reports_an_absence_for_an_employee_of_their_agency_who_then_sees_it(checked_page, request):
    checked = request.getfixturevalue(checked_page)
    _, maria = supervisor_and_employee()
    checked.sign_in(make_hr_professional(), to_desk=True)
    page = checked.visit("/desk/file-for/")
    page.get_by_label("Find the employee").fill("santos")
    go(checked, page.get_by_role("button", name="Search", exact=True))
    expect(page.get_by_role("heading", name="1 employee found")).to_be_visible()
    go(checked, page.get_by_role("button", name="Report an absence for Maria Santos"))
    expect(page.get_by_text("You are reporting an absence for Maria Santos.")).to_be_visible()
    page.get_by_text(UNPLANNED, exact=True).click()
    go(checked, next_button(page))
    go(checked, next_button(page))  # "Who is this absence for?": the employee
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("What is the date of the absence being reported?").fill(tomorrow.strftime("%m/%d/%Y"))
    go(checked, next_button(page, "Continue"))
    page.get_by_text("Yes", exact=True).click()
    go(checked, next_button(page, "Continue"))
    go(checked, next_button(page, "Continue"))
    go(checked, next_button(page))
    page.get_by_text("Not OT", exact=True).click()
    go(checked, next_button(page))
    go(checked, page.get_by_role("button", name="Submit"))
    case = Case.objects.get()
    expect(page.get_by_role("heading", name="The absence has been reported.")).to_be_visible()
    go(checked, page.get_by_role("link", name="Report an absence for another employee"))

    checked.sign_in(maria)
    page = checked.visit("/cases/")
    entry = page.locator(f'[data-case-number="{case.case_number}"]')
    expect(entry.get_by_text("Reported by your agency's HR office, Harper Reyes")).to_be_visible()
