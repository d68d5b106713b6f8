"""Issue 15's "Done when", in Chromium: a leave submitted → the eligibility notice in "My Letters" and in the outbox
with its PDF → the specialist requests the certification → the employee uploads it → the specialist accepts it,
records it complete with the approved frequency and approves FMLA → the designation notice appears, stating the
pattern → the employee reports time over it → the desk flags it. Every page visited passes axe (CheckedPage)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case, Document
from cases.tests.conftest import PDF_BYTES
from desk.tests.factories import make_specialist, make_supervisor_with_report
from desk.tests.test_loop_in_browser import FMLA, desk_cookie, go, report_four_hours, workday_on_or_before
from intake.submission import submit_draft
from intake.tests.drafts import day, leave_draft
from notices.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATTERN = "up to 1 appointment a month, up to 2 hours each"


def my_letters(web, number):
    page = web.visit(f"/cases/{number}/")
    return page, page.locator("section", has=page.get_by_role("heading", name="My Letters"))


def the_eligibility_notice_is_sent_with_its_pdf(web, employee, number):
    """In "My Letters", opened as a PDF, and in the outbox with the PDF attached."""
    web.sign_in(employee)
    page, letters = my_letters(web, number)
    link = letters.get_by_role("link", name="Your FMLA eligibility and your rights and responsibilities", exact=True)
    expect(link).to_be_visible()
    pdf = page.request.get(web.base_url + (link.get_attribute("href") or ""))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    sent = Message.objects.get(attachment_name=f"FMLA-eligibility-notice-{number}.pdf")
    assert sent.recipient == Case.objects.get(case_number=number).email  # the address the request gave


def request_the_certification(web, number):
    page = web.visit(f"/desk/cases/{number}/")
    page.get_by_label("Document type").select_option("medical_certification")
    go(web, page.get_by_role("button", name="Request document"))
    expect(page.get_by_text("The document was requested and the employee notified.")).to_be_visible()


def upload_the_certification(web, number, tmp_path):
    """From the line of the case page that asks for it."""
    page = web.visit(f"/cases/{number}/")
    asked = page.locator("[data-document-type='medical_certification']")
    go(web, asked.get_by_role("link", name="Add Document (Medical Certification)"))
    certification = tmp_path / "wh-380-e.pdf"
    certification.write_bytes(PDF_BYTES)
    page.set_input_files("input[type=file]", str(certification))
    go(web, page.get_by_role("button", name="Upload Document"))
    return Document.objects.get(case__case_number=number)


def accept_and_record_the_certification(web, number, document):
    """The match shown, the upload accepted, the certification recorded complete with its frequency."""
    page = web.visit(f"/desk/cases/{number}/")
    review = page.locator(f"#review-{document.pk}")
    expect(review.locator("[data-match]")).to_contain_text("Answers the request of")
    review.get_by_text("Accepted", exact=True).click()
    go(web, review.get_by_role("button", name="Save review"))
    expect(page.get_by_text("The document was marked accepted.")).to_be_visible()
    form = page.locator("#record-certification")
    form.get_by_text("Complete", exact=True).click()
    form.locator("#id_certification-episode_kind").select_option("appointment")
    form.locator("#id_certification-episodes").fill("1")
    form.locator("#id_certification-per").select_option("month")
    form.locator("#id_certification-duration").fill("2")
    form.locator("#id_certification-duration_unit").select_option("hours")
    go(web, form.get_by_role("button", name="Record certification"))
    expect(page.locator("[data-current-certification] [data-pattern]")).to_have_text(PATTERN)
    return page


def approve_fmla(web, page):
    fmla = page.locator("section", has=page.get_by_role("heading", name=FMLA))
    fmla.locator("label", has_text="Approve").click()
    go(web, page.get_by_role("button", name="Save decisions"))
    expect(page.get_by_text(f"Saved: {FMLA}. The employee was sent one summary.")).to_be_visible()


def the_designation_notice_and_the_pattern_are_on_the_case_page(web, employee, number):
    web.sign_in(employee)
    page, letters = my_letters(web, number)
    expect(letters.get_by_role("link", name="Your leave is designated as FMLA leave", exact=True)).to_be_visible()
    expect(page.locator("[data-approved-pattern]")).to_contain_text(PATTERN)


def the_desk_flags_the_day_and_leaves_it_uncharged(web, number, reported_day):
    page = web.visit(f"/desk/cases/{number}/")
    flag = page.locator(f"[data-frequency-flag='{reported_day:%Y-%m-%d}']")
    # Beyond the pattern either way: a second appointment in the month, or (months apart) longer than 2 hours.
    expect(flag).to_contain_text(re.compile(r"episode 2 in \w+ \d{4}|lasts longer than approved"))
    expect(flag).to_contain_text(PATTERN)
    go(web, flag.get_by_role("button", name="Not covered"))
    expect(page.locator(f"[data-frequency-flag='{reported_day:%Y-%m-%d}']")).to_contain_text("not covered")


def test_the_paperwork_of_an_intermittent_leave_from_submission_to_a_flagged_episode(web, policy_catalogue, tmp_path):
    today = timezone.localdate()
    specialist = make_specialist()
    _supervisor, employee = make_supervisor_with_report()
    known_day, reported_day = (
        workday_on_or_before(today - timedelta(days=6)),
        workday_on_or_before(today - timedelta(days=2)),
    )
    number = submit_draft(leave_draft(employee, reasons=["Migraine"], days=[day(known_day)])).case_number
    specialist_session = desk_cookie(web, specialist)

    the_eligibility_notice_is_sent_with_its_pdf(web, employee, number)
    web.context.add_cookies([specialist_session])
    request_the_certification(web, number)
    web.sign_in(employee)
    document = upload_the_certification(web, number, tmp_path)
    web.context.add_cookies([specialist_session])
    approve_fmla(web, accept_and_record_the_certification(web, number, document))
    the_designation_notice_and_the_pattern_are_on_the_case_page(web, employee, number)
    # Four hours reported, over the two approved: the desk flags that day, with why.
    report_four_hours(web, number, reported_day)
    web.context.add_cookies([specialist_session])
    the_desk_flags_the_day_and_leaves_it_uncharged(web, number, reported_day)
