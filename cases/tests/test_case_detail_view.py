from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseKind, CaseReason, DocumentType, LeavePattern
from cases.tests.factories import (
    CaseFactory,
    DocumentFactory,
    DocumentRequestFactory,
    LeavePeriodFactory,
    PartialDayFactory,
    TimeEntryFactory,
)
from cases.tests.not_charged import beyond_the_entitlement, bonding_past_12_months, entry_on_a_saturday
from cases.tests.test_history_view import cold_queries, count_queries, make_history
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("employee_client")]  # signed in as the employee


def detail(case):
    return reverse("cases:detail", args=[case.case_number])


def test_view_timeline_sits_beside_the_case_reason_heading(client, employee):
    case = CaseFactory.create(employee=employee, reason=CaseReason.EMPLOYEE_HEALTH)
    PolicyDecisionFactory.create(case=case, policy=policy("fmla"), status="pending")

    page = client.get(detail(case)).content.decode()

    # As the guide shows: the reason heading with "View Timeline" beside it, then the decision rows.
    heading = page.index("<h1>Employee Health Condition</h1>")
    link = page.index(f'href="/cases/{case.case_number}/timeline/"')
    assert heading < link < page.index('<li class="cases-decision"')
    assert f'View Timeline<span class="usa-sr-only"> for case {case.case_number}</span></a>' in page


def test_the_case_page_shows_its_decisions_and_leave_period(client, employee):
    period = LeavePeriodFactory.create(case__employee=employee, start_date=date(2026, 9, 2), end_date=date(2026, 9, 16))
    PolicyDecisionFactory.create(case=period.case, policy=policy("fmla"), status="approved")

    page = client.get(detail(period.case)).content.decode()

    assert "<h1>Employee Health Condition</h1>" in page
    assert f"Case #{period.case.case_number}" in page
    assert "Family Medical Leave Act" in page
    assert "APPROVED" in page
    assert "Leave period" in page
    assert "Sep. 16, 2026" in page


def test_the_case_page_lists_time_entries_with_time_missed_and_doctor_visit(client, employee):
    case = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, reason=CaseReason.EMPLOYEE_SICK, pattern="")
    TimeEntryFactory.create(case=case, date=date(2026, 10, 5), minutes=450)
    PartialDayFactory.create(case=case, date=date(2026, 10, 6), start_time=time(8), end_time=time(10))

    page = client.get(detail(case)).content.decode()

    assert "Full day, 7 hours 30 minutes" in page
    assert "08:00 AM to 10:00 AM (2 hours)" in page
    assert page.count('data-label="Doctor visit">Yes') == 1
    assert page.count('data-label="Doctor visit">No') == 1


def test_the_case_page_lists_my_uploaded_documents_with_type_name_and_date(client, employee):
    document = DocumentFactory.create(case__employee=employee, file_name="cert.pdf")

    page = client.get(detail(document.case)).content.decode()

    assert "My Uploaded Documents" in page
    assert "Add Document" in page
    assert "Medical Certification" in page
    assert "cert.pdf" in page
    assert "Oct 01, 2026" in page


def test_no_delete_is_offered_for_an_uploaded_document(client, employee):
    document = DocumentFactory.create(case__employee=employee)

    page = client.get(detail(document.case)).content.decode()

    assert "Delete" not in page
    assert "Remove" not in page


def test_another_employees_case_page_is_not_found(client, employee):
    assert client.get(detail(CaseFactory.create())).status_code == 404


def test_the_case_page_costs_the_same_queries_for_a_small_case_as_for_a_large_history(client, employee):
    make_history(employee, 1)
    case = employee.cases.get()
    stored, cold = count_queries(client, detail(case)), cold_queries(client, detail(case))
    make_history(employee, 199)
    for day in range(6, 28):
        TimeEntryFactory.create(case=case, date=date(2026, 9, day))
    for _ in range(10):
        DocumentFactory.create(case=case)
        PolicyDecisionFactory.create(case=case, policy=policy("pfml-medical"))

    assert count_queries(client, detail(case)) == stored  # the body read stored
    assert cold_queries(client, detail(case)) == cold  # rendered again from the cases
    assert stored < cold


def test_the_timeline_costs_the_same_queries_for_a_small_case_as_for_a_large_history(client, employee):
    make_history(employee, 1)
    case = employee.cases.get()
    timeline = reverse("cases:timeline", args=[case.case_number])
    stored, cold = count_queries(client, timeline), cold_queries(client, timeline)
    make_history(employee, 199)
    for day in range(6, 28):
        TimeEntryFactory.create(case=case, date=date(2026, 9, day))
    for _ in range(10):
        DocumentFactory.create(case=case)
        PolicyDecisionFactory.create(case=case, policy=policy("pfml-medical"))

    assert count_queries(client, timeline) == stored
    assert cold_queries(client, timeline) == cold
    assert stored < cold


def test_the_timeline_draws_one_bar_per_decision_coloured_and_labelled_by_status(client, employee):
    case = CaseFactory.create(employee=employee)
    PolicyDecisionFactory.create(case=case, policy=policy("std-1"), status="denied", end_date=date(2026, 9, 8))
    PolicyDecisionFactory.create(case=case, policy=policy("fmla"), status="pending")
    PolicyDecisionFactory.create(
        case=case, policy=policy("pfml-medical"), status="approved", start_date=date(2026, 9, 9)
    )

    page = client.get(reverse("cases:timeline", args=[case.case_number])).content.decode()

    svg = page[
        page.index('<svg class="cases-timeline__chart') : page.index("</svg>", page.index("cases-timeline__chart"))
    ]
    assert 'role="img"' in svg
    assert "<title id=" in svg
    assert "<desc id=" in svg
    assert svg.count('class="cases-timeline__bar ') == 3
    assert 'data-status="denied"' in svg
    assert ">DENIED</text>" in svg
    assert "url(#cases-pattern-denied-wide)" in svg
    assert ">APPROVED</text>" in svg
    assert ">PENDING</text>" in svg
    assert ">Sep 2, 2026</text>" in svg  # the axis names its first and last day
    assert ">Sep 16, 2026</text>" in svg
    assert "Oct" not in svg  # the axis spans Sep 2 to 16 only
    assert page.count('class="cases-timeline__chart ') == 2  # a wide and a narrow frame; CSS shows one
    table = page[page.index("The timeline as a table") :]
    assert table.count("<tr>") == 4  # a header and one row per decision


def test_the_timeline_of_another_employees_case_is_not_found(client, employee):
    assert client.get(reverse("cases:timeline", args=[CaseFactory.create().case_number])).status_code == 404


def test_a_time_entry_page_shows_the_day_as_submitted_with_the_cannot_edit_note(client, employee):
    entry = PartialDayFactory.create(case__employee=employee, case__pattern=LeavePattern.INTERMITTENT, notes="Physio")

    page = client.get(reverse("cases:time_entry", args=[entry.case.case_number, entry.pk])).content.decode()

    assert "Physio" in page
    assert "08:00 AM to 10:00 AM" in page
    assert "cannot be edited or deleted through the Consumer Portal" in page


def test_another_employees_time_entry_is_not_found_even_under_my_own_case_number(client, employee):
    mine = CaseFactory.create(employee=employee)
    theirs = TimeEntryFactory.create()

    assert client.get(reverse("cases:time_entry", args=[theirs.case.case_number, theirs.pk])).status_code == 404
    assert client.get(reverse("cases:time_entry", args=[mine.case_number, theirs.pk])).status_code == 404


def test_the_case_page_says_in_plain_words_how_much_time_is_used(client, employee):
    period = LeavePeriodFactory.create(case__employee=employee, start_date=date(2026, 9, 7), end_date=date(2026, 9, 11))
    PolicyDecisionFactory.create(case=period.case, policy=policy("fmla"), status="approved",
                                 start_date=date(2026, 9, 7), end_date=date(2026, 9, 11))  # fmt: skip

    response = client.get(detail(period.case))

    assert any(b.summary.startswith("FMLA: 40 of 480 hours used as of") for b in response.context["balances"])
    assert "hours used as of" in response.content.decode()


def test_time_past_the_fmla_entitlement_reads_as_all_used_and_how_much_beyond(client, employee):
    # 29 CFR 825.200(a): 12 workweeks in the 12 months; a later day off reads as beyond them, not as 488 of 480.
    today = timezone.localdate()
    sunday = today - timedelta(days=today.isoweekday() % 7 + 7 * 20)
    saturday = sunday + timedelta(days=83)  # twelve whole workweeks
    twelve_weeks = LeavePeriodFactory.create(case__employee=employee, start_date=sunday, end_date=saturday)
    PolicyDecisionFactory.create(
        case=twelve_weeks.case, policy=policy("fmla"), status="approved", start_date=sunday, end_date=saturday
    )
    later = TimeEntryFactory.create(case__employee=employee, date=sunday + timedelta(7 * 14 + 1), minutes=480).case
    PolicyDecisionFactory.create(case=later, policy=policy("fmla"), status="approved",
                                 start_date=sunday + timedelta(7 * 14),
                                 end_date=sunday + timedelta(7 * 16))  # fmt: skip

    response = client.get(detail(later))

    (balance,) = response.context["balances"]
    line = balance.summary
    assert line.startswith("FMLA: all 480 hours used as of")
    assert line.endswith("; 8 hours not covered by FMLA")
    assert "488" not in response.content.decode()


def test_an_unplanned_absence_shows_no_balances(client, employee):
    case = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, reason=CaseReason.EMPLOYEE_SICK, pattern="")

    assert client.get(detail(case)).context["balances"] == []


# What the notices send the employee to read: "see the details in the Consumer Portal".
SOON = timezone.localdate() + timedelta(days=13)  # a due date still ahead


def long_date(day):
    """December 16, 2026: how the page writes a due date."""
    return f"{day:%B} {day.day}, {day.year}"


def request_lines(page):
    """The "Documents we need from you" box, or "" when the page has none."""
    if "cases-requests" not in page:
        return ""
    start = page.index('<section class="usa-summary-box cases-case__section cases-requests"')
    return page[start : page.index("</section>", start)]


def decision_row(page, status):
    """The one decision row of this status on the page."""
    start = page.index(f'<li class="cases-decision" data-status="{status}">')
    return page[start : page.index("</li>", start)]


def test_a_denied_policy_shows_its_reason_for_denial_beside_it(client, employee):
    case = CaseFactory.create(employee=employee)
    PolicyDecisionFactory.create(
        case=case, policy=policy("std-1"), status="denied", denial_reason="Fewer than 1,250 hours worked."
    )
    PolicyDecisionFactory.create(case=case, policy=policy("fmla"), status="pending")

    page = client.get(detail(case)).content.decode()

    denied = decision_row(page, "denied")
    assert "Short Term Disability 1" in denied
    assert "<strong>Reason for denial:</strong> Fewer than 1,250 hours worked." in denied


def test_a_reason_for_denial_is_shown_as_the_specialist_wrote_it_never_as_markup(client, employee):
    case = CaseFactory.create(employee=employee)
    PolicyDecisionFactory.create(case=case, status="denied", denial_reason="Hours <b>short</b>.\nCall us.")

    row = decision_row(client.get(detail(case)).content.decode(), "denied")

    assert "Hours &lt;b&gt;short&lt;/b&gt;.<br>Call us." in row


def test_a_denied_policy_without_a_written_reason_says_whom_to_call_for_it(client, employee):
    case = CaseFactory.create(employee=employee)
    PolicyDecisionFactory.create(case=case, policy=policy("std-1"), status="denied", denial_reason="")

    page = client.get(detail(case)).content.decode()

    assert "To hear why this policy was denied, call" in page


def test_a_reason_left_from_an_earlier_denial_is_not_shown_once_the_policy_is_approved(client, employee):
    case = CaseFactory.create(employee=employee)
    PolicyDecisionFactory.create(case=case, status="approved", denial_reason="Fewer than 1,250 hours worked.")

    page = client.get(detail(case)).content.decode()

    assert "Fewer than 1,250 hours" not in page
    assert "Reason for denial" not in page


def test_an_open_document_request_shows_its_type_due_date_and_an_add_document_link_for_that_type(
    client, employee, specialist
):
    due = timezone.localdate() + timedelta(days=15)
    case = CaseFactory.create(employee=employee)
    DocumentRequestFactory.create(
        case=case,
        document_type=DocumentType.RTW_NOTE,
        due_date=due,
        requested_at=timezone.now(),
        requested_by=specialist,
    )

    box = request_lines(client.get(detail(case)).content.decode())

    assert '<h2 id="requests-heading" class="usa-summary-box__heading">A document we need from you</h2>' in box
    assert "RTW Note" in box
    assert f"Due by {long_date(due)}" in box
    upload = reverse("cases:upload_document", args=[case.case_number, "rtw_note"])
    assert f'<a class="usa-button cases-request__add" href="{upload}">Add Document' in box
    assert "Overdue" not in box


def test_a_request_past_its_due_date_reads_overdue_since_the_day_after_it_was_due(client, employee, specialist):
    due = timezone.localdate() - timedelta(days=3)
    case = CaseFactory.create(employee=employee)
    DocumentRequestFactory.create(case=case, due_date=due, requested_at=timezone.now() - timedelta(days=18),
                                  requested_by=specialist)  # fmt: skip

    box = request_lines(client.get(detail(case)).content.decode())

    since = long_date(due + timedelta(days=1))
    assert f"<strong>Overdue</strong> since {since} (it was due by {long_date(due)})" in box
    assert "Due by" not in box


def test_an_answered_document_request_is_gone_from_the_page(client, employee, specialist):
    case = CaseFactory.create(employee=employee)
    asked = DocumentRequestFactory.create(
        case=case, requested_at=timezone.now() - timedelta(days=2), due_date=SOON, requested_by=specialist
    )
    DocumentFactory.create(case=case, document_type=asked.document_type, uploaded_at=timezone.now())

    page = client.get(detail(case)).content.decode()

    assert request_lines(page) == ""
    assert "Documents we need from you" not in page
    assert page.count("Add Document") == 1  # the one of My Uploaded Documents


def test_a_document_uploaded_before_the_request_leaves_the_request_open(client, employee, specialist):
    case = CaseFactory.create(employee=employee)
    DocumentFactory.create(case=case, uploaded_at=timezone.now() - timedelta(days=30))
    DocumentRequestFactory.create(
        case=case, requested_at=timezone.now() - timedelta(days=2), due_date=SOON, requested_by=specialist
    )

    assert "Medical Certification" in request_lines(client.get(detail(case)).content.decode())


def test_a_cancelled_case_shows_no_add_document_prompt_for_its_requests(client, employee, specialist):
    case = CaseFactory.create(employee=employee, cancelled_at=timezone.now())
    DocumentRequestFactory.create(
        case=case, document_type=DocumentType.RTW_NOTE, due_date=SOON, requested_by=specialist
    )

    page = client.get(detail(case)).content.decode()

    assert request_lines(page) == ""
    assert reverse("cases:upload_document", args=[case.case_number, "rtw_note"]) not in page


def test_an_approval_for_other_dates_than_the_leave_asked_for_shows_both(client, employee):
    period = LeavePeriodFactory.create(case__employee=employee, start_date=date(2027, 1, 5), end_date=date(2027, 2, 13))
    PolicyDecisionFactory.create(case=period.case, policy=policy("fmla"), status="approved",
                                 start_date=date(2027, 1, 5), end_date=date(2027, 1, 23))  # fmt: skip

    page = client.get(detail(period.case)).content.decode()

    assert "Approved: Jan. 05, 2027 – Jan. 23, 2027 (you asked for Jan. 05, 2027 – Feb. 13, 2027)" in page


def test_an_approval_of_an_unplanned_absence_for_other_days_than_reported_shows_both(client, employee):
    case = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, reason=CaseReason.EMPLOYEE_SICK, pattern="")
    for day in (5, 6, 7):
        TimeEntryFactory.create(case=case, date=date(2027, 1, day))
    PolicyDecisionFactory.create(case=case, policy=policy("sick-leave-bank"), status="approved",
                                 start_date=date(2027, 1, 5), end_date=date(2027, 1, 6))  # fmt: skip

    page = client.get(detail(case)).content.decode()

    assert "Approved: Jan. 05, 2027 – Jan. 06, 2027 (you asked for Jan. 05, 2027 – Jan. 07, 2027)" in page


def test_an_approval_for_the_dates_asked_for_says_nothing_extra(client, employee):
    period = LeavePeriodFactory.create(case__employee=employee, start_date=date(2027, 1, 5), end_date=date(2027, 2, 13))
    PolicyDecisionFactory.create(case=period.case, policy=policy("fmla"), status="approved",
                                 start_date=date(2027, 1, 5), end_date=date(2027, 2, 13))  # fmt: skip

    page = client.get(detail(period.case)).content.decode()

    assert "Approved:" not in page
    assert "you asked for" not in page
    assert "cases-decision__note" not in page


def test_a_pending_policy_for_other_dates_says_nothing_about_the_dates_asked_for(client, employee):
    period = LeavePeriodFactory.create(case__employee=employee, start_date=date(2027, 1, 5), end_date=date(2027, 2, 13))
    PolicyDecisionFactory.create(case=period.case, status="pending", start_date=date(2027, 1, 5),
                                 end_date=date(2027, 1, 23))  # fmt: skip

    assert "you asked for" not in client.get(detail(period.case)).content.decode()


def test_a_leave_just_asked_for_reads_no_time_entries_documents_or_requests_it_has_none_of(
    client, employee, specialist
):
    case = LeavePeriodFactory.create(case__employee=employee, case__pattern=LeavePattern.INTERMITTENT).case
    empty = cold_queries(client, detail(case))  # the body rendered, not read stored
    TimeEntryFactory.create(case=case, date=date(2026, 9, 3))
    DocumentFactory.create(case=case, file_name="note.pdf")
    DocumentRequestFactory.create(case=case, requested_by=specialist)

    assert cold_queries(client, detail(case)) == empty + 3  # each list read once it has a row
    page = client.get(detail(case)).content.decode()
    assert "Sep. 03, 2026" in page
    assert "note.pdf" in page
    assert "cases-request__add" in page


def test_the_case_page_costs_the_same_queries_for_one_document_request_as_for_ten(client, employee, specialist):
    case = LeavePeriodFactory.create(case__employee=employee).case
    PolicyDecisionFactory.create(case=case, status="denied", denial_reason="Not eligible.")
    # An approval from the start: the balances read time entries once a policy is approved, whatever the count.
    PolicyDecisionFactory.create(case=case, policy=policy("pfml-medical"), status="approved", end_date=date(2026, 9, 3))
    asked = datetime(2026, 12, 1, 10, tzinfo=timezone.get_current_timezone())
    DocumentRequestFactory.create(case=case, requested_at=asked, requested_by=specialist)
    one = cold_queries(client, detail(case))  # the body rendered, not read stored
    kinds = list(DocumentType)
    for number in range(9):
        DocumentRequestFactory.create(
            case=case, document_type=kinds[number], requested_at=asked, requested_by=specialist
        )
        DocumentFactory.create(case=case, document_type=kinds[number % 3], uploaded_at=asked + timedelta(days=1))
        PolicyDecisionFactory.create(case=case, policy=policy("pfml-medical"), status="approved",
                                     end_date=date(2026, 9, 4 + number))  # fmt: skip

    page = client.get(detail(case)).content.decode()
    # Ten requests of nine types (Medical Certification twice); uploads answered three of the types.
    assert page.count("cases-request__add") == 6
    assert cold_queries(client, detail(case)) == one


def test_a_supervisor_gets_no_case_page_for_their_reports_case(client, employee, supervisor, specialist):
    case = CaseFactory.create(employee=employee)
    PolicyDecisionFactory.create(case=case, status="denied", denial_reason="Fewer than 1,250 hours worked.")
    DocumentRequestFactory.create(case=case, requested_by=specialist)
    client.force_login(supervisor)

    assert client.get(detail(case)).status_code == 404


@pytest.mark.parametrize("made", [bonding_past_12_months, entry_on_a_saturday, beyond_the_entitlement])
def test_the_case_page_says_in_plain_words_what_time_was_not_charged_and_why(client, employee, made):
    not_charged = made(employee)

    page = client.get(detail(not_charged.case)).content.decode()

    assert "Time not charged to FMLA as asked, and why" in page
    assert not_charged.line in page
    assert "CFR" not in page
    assert "M.G.L." not in page


def test_time_all_charged_as_asked_adds_no_explanation(client, employee):
    period = LeavePeriodFactory.create(case__employee=employee, start_date=date(2026, 9, 7), end_date=date(2026, 9, 11))
    PolicyDecisionFactory.create(case=period.case, policy=policy("fmla"), status="approved",
                                 start_date=date(2026, 9, 7), end_date=date(2026, 9, 11))  # fmt: skip

    assert "as asked, and why" not in client.get(detail(period.case)).content.decode()
