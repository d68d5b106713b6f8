"""The case pages in Chromium: every page passes axe; the timeline matches the decisions; uploads and time reports;
what the notices send the employee to read (why denied, which dates approved, which documents are due)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import EmployeeFactory
from cases.documents.checks import MAX_DOCUMENT_BYTES
from cases.models import CaseKind, CaseReason, Document, DocumentType, LeavePattern, TimeEntry
from cases.tests.conftest import PDF_BYTES, PNG_BYTES
from cases.tests.factories import CaseFactory, DocumentRequestFactory, LeavePeriodFactory
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate()


def go(checked, locator):
    """Click something that leads to a new page, then scan that page."""
    with checked.page.expect_navigation():
        locator.click()
    checked.check()


def beside_the_reason(heading, link):
    """The guide's "Employee Health Condition    View Timeline": the link on the heading's line, to its right."""
    assert link.is_visible()
    heading_box, link_box = heading.bounding_box(), link.bounding_box()
    assert link_box["x"] > heading_box["x"] + heading_box["width"]
    assert heading_box["y"] <= link_box["y"] + link_box["height"] / 2 <= heading_box["y"] + heading_box["height"]


def history_of_maria():
    maria = EmployeeFactory.create(first_name="Maria")
    guide = LeavePeriodFactory.create(
        case__employee=maria, start_date=date(2026, 9, 2), end_date=date(2026, 9, 16)
    ).case
    PolicyDecisionFactory.create(case=guide, policy=policy("std-1"), status="denied", end_date=date(2026, 9, 8))
    PolicyDecisionFactory.create(case=guide, policy=policy("fmla"), status="pending")
    PolicyDecisionFactory.create(case=guide, policy=policy("std-1"), status="pending", start_date=date(2026, 9, 9))
    approved = LeavePeriodFactory.create(case__employee=maria, case__reason=CaseReason.PREGNANCY).case
    PolicyDecisionFactory.create(case=approved, policy=policy("fmla"), status="approved")
    CaseFactory.create(employee=maria, reason=CaseReason.FAMILY_SICK, kind=CaseKind.UNPLANNED, pattern="")
    CaseFactory.create(employee=maria, reason=CaseReason.BONDING, cancelled_at=timezone.now())
    return maria, guide


def test_the_history_view_more_case_page_and_timeline(web):
    maria, guide = history_of_maria()
    web.sign_in(maria)
    page = web.visit("/cases/")
    statuses = page.locator(".cases-history__status").all_inner_texts()
    assert sorted(text.strip() for text in statuses) == ["● APPROVED", "● CANCELLED", "● PENDING", "● PENDING"]
    assert page.get_by_text("remains with the employee's department").first.is_visible()

    row = page.locator(f"[data-case-number='{guide.case_number}']")
    beside_the_reason(
        row.get_by_role("heading", name="Employee Health Condition"),
        row.get_by_role("link", name=f"View Timeline for case {guide.case_number}"),
    )
    row.get_by_text("View More").click()
    assert row.get_by_text("Family Medical Leave Act").is_visible()
    assert row.locator(".cases-decision").first.inner_text().startswith("● DENIED")
    web.check()

    go(web, page.get_by_role("link", name=f"View case {guide.case_number} details"))
    assert page.get_by_role("heading", name="My Uploaded Documents").is_visible()
    assert page.get_by_role("link", name="Add Document").is_visible()

    timeline = page.get_by_role("link", name=f"View Timeline for case {guide.case_number}")
    beside_the_reason(page.get_by_role("heading", level=1, name="Employee Health Condition"), timeline)
    go(web, timeline)
    chart = page.get_by_role("img", name=f"Timeline of the policies on case #{guide.case_number}")
    assert chart.is_visible()
    bars = chart.locator(".cases-timeline__bar")
    assert bars.count() == 3
    statuses = [bars.nth(i).get_attribute("data-status") for i in range(3)]
    assert statuses == ["denied", "pending", "pending"]
    assert chart.locator("text.cases-timeline__status").all_text_contents() == ["DENIED", "PENDING", "PENDING"]
    assert chart.locator("text.cases-timeline__end").all_text_contents() == ["Sep 2, 2026", "Sep 16, 2026"]
    assert page.get_by_role("table").locator("tbody tr").count() == 3


# Each label's rendered size in CSS px, and whether it lies inside the chart's box.
RENDERED_LABELS = """chart => {
    const box = chart.getBoundingClientRect(), scale = box.width / chart.viewBox.baseVal.width;
    return [...chart.querySelectorAll("text")].map(text => {
        const r = text.getBoundingClientRect();
        return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale,
                inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5};
    });
}"""


@pytest.mark.parametrize("width", ["web", "phone"])
def test_the_timeline_dates_and_names_read_at_14_px_or_more_and_fit_the_screen(width, request):
    checked = request.getfixturevalue(width)
    maria, guide = history_of_maria()
    checked.sign_in(maria)
    page = checked.visit(f"/cases/{guide.case_number}/timeline/")
    chart = page.get_by_role("img", name=f"Timeline of the policies on case #{guide.case_number}")
    labels = chart.evaluate(RENDERED_LABELS)
    assert {label["text"] for label in labels} >= {"Sep 2, 2026", "Sep 16, 2026", "Sep 6", "Sep 13"}
    assert min(label["px"] for label in labels) >= 14
    assert all(label["inside"] for label in labels)
    assert chart.bounding_box()["x"] + chart.bounding_box()["width"] <= page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_uploading_documents_refused_then_accepted(web, tmp_path):
    maria = EmployeeFactory.create()
    case = CaseFactory.create(employee=maria)
    renamed = tmp_path / "scan.pdf"
    renamed.write_bytes(PNG_BYTES)
    oversize = tmp_path / "huge.pdf"
    oversize.write_bytes(PDF_BYTES + b"0" * (MAX_DOCUMENT_BYTES + 1))
    good = tmp_path / "certification.pdf"
    good.write_bytes(PDF_BYTES)
    web.sign_in(maria)
    page = web.visit(f"/cases/{case.case_number}/")

    go(web, page.get_by_role("link", name="Add Document"))
    assert page.get_by_role("heading", name="Choose document type").is_visible()
    go(web, page.get_by_role("link", name="Medical Certification"))
    assert page.get_by_text("NO FILE CHOSEN").is_visible()
    assert page.get_by_role("button", name="CHOOSE FILE").is_visible()

    for chosen, refusal in ((renamed, "ends in .pdf but the file is a PNG"), (oversize, "larger than 10 MB")):
        page.set_input_files("input[type=file]", str(chosen))
        assert page.get_by_text(chosen.name).is_visible()
        go(web, page.get_by_role("button", name="Upload Document"))
        assert refusal in page.locator(".usa-error-message").inner_text()
    assert not Document.objects.exists()

    page.set_input_files("input[type=file]", str(good))
    go(web, page.get_by_role("button", name="Upload Document"))
    row = page.get_by_role("row", name="Medical Certification")
    assert "certification.pdf" in row.inner_text()
    assert Document.objects.get().case == case


def test_reporting_time_on_an_open_intermittent_case(web):
    maria = EmployeeFactory.create()
    period = LeavePeriodFactory.create(
        case__employee=maria,
        case__pattern=LeavePattern.INTERMITTENT,
        start_date=TODAY - timedelta(days=20),
        end_date=TODAY + timedelta(days=340),
    )
    case = period.case
    PolicyDecisionFactory.create(case=case, status="approved", start_date=period.start_date, end_date=period.end_date)
    web.sign_in(maria)
    page = web.visit(f"/cases/{case.case_number}/")

    go(web, page.get_by_role("button", name="Submit new absence time"))
    assert page.get_by_text(f"Case #{case.case_number}").is_visible()
    assert page.get_by_role("link", name="Back to claim details").is_visible()
    date_field = page.get_by_label("Select the date of the absence being reported")
    date_field.fill((TODAY - timedelta(days=25)).strftime("%m/%d/%Y"))
    go(web, page.get_by_role("button", name="Continue", exact=True))
    assert "within this case's leave period" in page.locator(".usa-error-message").inner_text()

    day = TODAY - timedelta(days=2)
    page.get_by_label("Select the date of the absence being reported").fill(day.strftime("%m/%d/%Y"))
    go(web, page.get_by_role("button", name="Continue", exact=True))
    page.get_by_text("Yes", exact=True).click()
    go(web, page.get_by_role("button", name="Continue", exact=True))
    go(web, page.get_by_role("button", name="Continue", exact=True))
    page.get_by_text("No", exact=True).click()
    go(web, page.get_by_role("button", name="Continue", exact=True))
    go(web, page.get_by_role("button", name="Next", exact=True))
    assert page.get_by_text(day.strftime("%b %d").upper()).is_visible()

    go(web, page.get_by_role("button", name="Submit Absence"))
    assert page.get_by_role("heading", name="Submission Successful").is_visible()
    assert page.get_by_text("Thank you for submitting your form.").is_visible()
    assert list(TimeEntry.objects.values_list("date", flat=True)) == [day]


def test_uploading_works_with_javascript_off(no_js, tmp_path):
    maria = EmployeeFactory.create()
    case = CaseFactory.create(employee=maria)
    scan = tmp_path / "rtw-note.png"
    scan.write_bytes(PNG_BYTES)
    no_js.sign_in(maria)
    page = no_js.visit(f"/cases/{case.case_number}/documents/add/rtw_note/")

    page.set_input_files("input[type=file]", str(scan))
    go(no_js, page.get_by_role("button", name="Upload Document"))

    assert "rtw-note.png" in page.get_by_role("row", name="RTW Note").inner_text()


def case_the_notices_point_to():
    """A leave with a denied policy, a policy approved for fewer days than asked, and two documents asked for."""
    maria = EmployeeFactory.create(first_name="Maria")
    period = LeavePeriodFactory.create(
        case__employee=maria, start_date=TODAY - timedelta(days=10), end_date=TODAY + timedelta(days=30)
    )
    case = period.case
    PolicyDecisionFactory.create(
        case=case, policy=policy("std-1"), status="denied", start_date=period.start_date, end_date=period.end_date,
        denial_reason="Your condition does not prevent you from doing your job, according to the certification.",
    )  # fmt: skip
    PolicyDecisionFactory.create(
        case=case, policy=policy("fmla"), status="approved", start_date=period.start_date,
        end_date=period.start_date + timedelta(days=18),
    )  # fmt: skip
    now = timezone.now()
    DocumentRequestFactory.create(
        case=case, document_type=DocumentType.MEDICAL_CERTIFICATION, due_date=TODAY + timedelta(days=15),
        requested_at=now - timedelta(hours=1),
    )  # fmt: skip
    DocumentRequestFactory.create(
        case=case, document_type=DocumentType.RTW_NOTE, due_date=TODAY - timedelta(days=2),
        requested_at=now - timedelta(days=17),
    )  # fmt: skip
    return maria, case


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_phone_shows_why_denied_which_dates_approved_and_each_document_due_with_its_add_document(phone, tmp_path):
    maria, case = case_the_notices_point_to()
    certification = tmp_path / "certification.pdf"
    certification.write_bytes(PDF_BYTES)
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.sign_in(maria)
    page = phone.visit(f"/cases/{case.case_number}/")

    assert page.get_by_role("heading", level=2, name="Documents we need from you").is_visible()
    due = page.locator("[data-document-type='medical_certification']")
    assert "Due by" in due.inner_text()
    late = page.locator("[data-document-type='rtw_note']")
    assert "Overdue since" in late.inner_text()
    assert late.get_by_role("link", name="Add Document (RTW Note)").is_visible()
    assert page.get_by_text("Reason for denial:").is_visible()
    assert "according to the certification" in page.locator(".cases-decision[data-status='denied']").inner_text()
    assert "(you asked for" in page.locator(".cases-decision[data-status='approved']").inner_text()
    assert fits_the_screen(page)

    phone.set_viewport_size({"width": 320, "height": 640})
    phone.check()
    assert fits_the_screen(page)
    assert due.get_by_role("link", name="Add Document (Medical Certification)").is_visible()

    go(phone, due.get_by_role("link", name="Add Document (Medical Certification)"))
    assert page.get_by_role("heading", name="Upload Document").is_visible()
    assert "Medical Certification" in page.get_by_text("Document type:").inner_text()
    page.set_input_files("input[type=file]", str(certification))
    go(phone, page.get_by_role("button", name="Upload Document"))

    assert page.locator("[data-document-type='medical_certification']").count() == 0
    assert page.locator("[data-document-type='rtw_note']").is_visible()
    assert page.get_by_role("heading", level=2, name="A document we need from you").is_visible()
