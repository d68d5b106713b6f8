from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case, CaseKind, CaseReason, Document, LeavePattern, LeavePeriod, TimeEntry
from cases.tests.factories import EASTERN, CaseFactory, DocumentFactory, LeavePeriodFactory, TimeEntryFactory
from policies.models import PolicyDecision
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("employee_client")]  # signed in as the employee
HISTORY = reverse("cases:history")


def submitted(day):
    return datetime(2026, 1, day, 9, tzinfo=EASTERN)


def test_it_lists_the_employees_cases_newest_first_with_number_reason_and_dates(client, employee):
    older = LeavePeriodFactory.create(
        case__employee=employee,
        case__submitted_at=submitted(2),
        start_date=date(2022, 9, 2),
        end_date=date(2022, 9, 16),
    ).case
    newer = CaseFactory.create(
        employee=employee, kind=CaseKind.UNPLANNED, reason=CaseReason.FAMILY_SICK, pattern="", submitted_at=submitted(5)
    )
    TimeEntryFactory.create(case=newer, date=date(2026, 1, 4))
    CaseFactory.create()  # someone else's

    page = client.get(HISTORY).content.decode()

    assert page.index(newer.case_number) < page.index(older.case_number)
    assert "Family Sick" in page
    assert "Employee Health Condition" in page
    assert 'Sep. 02, 2022 <span aria-hidden="true">• • •</span>' in page
    assert "Jan. 04, 2026" in page
    assert page.count('class="cases-history__case"') == 2


def test_an_unplanned_absence_shows_pending_with_the_reason_why(client, employee):
    case = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, reason=CaseReason.EMPLOYEE_SICK, pattern="")
    PolicyDecisionFactory.create(case=case, policy=policy("employee-sick"), status="approved")

    response = client.get(HISTORY)

    summary = response.context["summaries"][0]
    assert summary.status == "pending"
    assert "authority to approve unplanned absences remains with the employee's department" in (
        response.content.decode()
    )


def test_a_cancelled_case_stays_in_the_list_marked_cancelled(client, employee):
    CaseFactory.create(employee=employee, cancelled_at=submitted(9))

    page = client.get(HISTORY).content.decode()

    assert '<span class="cases-badge__dot" aria-hidden="true">●</span> CANCELLED' in page
    assert 'data-status="cancelled"' in page


def test_view_more_shows_each_decision_with_badge_policy_name_and_dates(client, employee):
    case = CaseFactory.create(employee=employee)
    PolicyDecisionFactory.create(case=case, policy=policy("std-1"), status="pending", start_date=date(2026, 9, 9))
    PolicyDecisionFactory.create(case=case, policy=policy("fmla"), status="pending")
    PolicyDecisionFactory.create(case=case, policy=policy("std-1"), status="denied", end_date=date(2026, 9, 8))

    page = client.get(HISTORY).content.decode()

    more = page[page.index("<summary>View More</summary>") :]
    rows = more.split('<li class="cases-decision"')[1:]
    # As in the guide: by start date, the shorter first, so overlapping policies read in order.
    assert ["DENIED" in rows[0], "Family Medical Leave Act" in rows[1], "Sep. 09, 2026" in rows[2]] == [True] * 3
    assert "Short Term Disability 1" in rows[0]
    assert "Sep. 08, 2026" in rows[0]
    assert "PENDING" in rows[1]
    assert "Sep. 16, 2026" in rows[1]


def test_view_timeline_sits_beside_the_reason_heading_outside_view_more(client, employee):
    case = CaseFactory.create(employee=employee, reason=CaseReason.EMPLOYEE_HEALTH)

    page = client.get(HISTORY).content.decode()

    # As the guide shows: "Employee Health Condition    View Timeline", before "View More" opens anything.
    heading = page.index('<h3 class="cases-history__reason">Employee Health Condition</h3>')
    link = page.index(f'href="/cases/{case.case_number}/timeline/"')
    assert heading < link < page.index("<summary>View More</summary>")
    assert f'View Timeline<span class="usa-sr-only"> for case {case.case_number}</span></a>' in page


def test_the_arrow_is_a_link_named_for_its_case(client, employee):
    case = CaseFactory.create(employee=employee)

    page = client.get(HISTORY).content.decode()

    assert f'href="/cases/{case.case_number}/"' in page
    assert f"View case {case.case_number} details" in page


def test_an_employee_without_cases_is_offered_to_request_one(client, employee):
    assert "You have no cases yet." in client.get(HISTORY).content.decode()


def make_history(employee, count):
    """`count` intermittent cases, each with a period, three decisions, three days and two documents."""
    cases = Case.objects.bulk_create(
        CaseFactory.build(employee=employee, pattern=LeavePattern.INTERMITTENT) for _ in range(count)
    )
    policies = [(policy("fmla"), "approved"), (policy("std-1"), "denied"), (policy("pfml-medical"), "pending")]
    LeavePeriod.objects.bulk_create(LeavePeriodFactory.build(case=case) for case in cases)
    PolicyDecision.objects.bulk_create(
        PolicyDecisionFactory.build(case=case, policy=plan, status=status)
        for case in cases
        for plan, status in policies
    )
    TimeEntry.objects.bulk_create(
        TimeEntryFactory.build(case=case, date=date(2026, 9, day)) for case in cases for day in (3, 4, 5)
    )
    Document.objects.bulk_create(DocumentFactory.build(case=case) for case in cases for _ in range(2))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_history_costs_the_same_queries_for_one_case_as_for_two_hundred(client, employee):
    make_history(employee, 1)
    one = count_queries(client, HISTORY)
    make_history(employee, 199)

    assert count_queries(client, HISTORY) == one
