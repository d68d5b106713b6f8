from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseKind, CaseReason, LeavePattern
from cases.tests.factories import CaseFactory, DocumentFactory, LeavePeriodFactory, PartialDayFactory, TimeEntryFactory
from cases.tests.test_history_view import count_queries, make_history
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
    one = count_queries(client, detail(case))
    make_history(employee, 199)
    for day in range(6, 28):
        TimeEntryFactory.create(case=case, date=date(2026, 9, day))
    for _ in range(10):
        DocumentFactory.create(case=case)
        PolicyDecisionFactory.create(case=case, policy=policy("pfml-medical"))

    assert count_queries(client, detail(case)) == one


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

    assert any(line.startswith("FMLA: 40 of 480 hours used as of") for line in response.context["balances"])
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

    (line,) = response.context["balances"]
    assert line.startswith("FMLA: all 480 hours used as of")
    assert line.endswith("(8 hours beyond the entitlement)")
    assert "488" not in response.content.decode()


def test_an_unplanned_absence_shows_no_balances(client, employee):
    case = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, reason=CaseReason.EMPLOYEE_SICK, pattern="")

    assert client.get(detail(case)).context["balances"] == []
