from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.balance_cache import all_balances_changed, balances_changed
from cases.history import HISTORY_PAGE_SIZE
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

    summary = response.context["history"].summaries[0]
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
    heading = page.index('<h4 class="cases-history__reason">Employee Health Condition</h4>')
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
    balances_changed(employees=[employee.pk])  # bulk writes send no signal (ADR 0012)


def count_queries(client, url):
    client.get(url)  # the first request after signing in also renews the session (once a minute)
    return measured_queries(client, url)


def cold_queries(client, url):
    """The queries of a page just after a change, when none of it is stored yet (views.history keeps the
    history's first page and the timeline under the balances' stamp)."""
    client.get(url)
    all_balances_changed()
    return measured_queries(client, url)


def measured_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_history_costs_the_same_queries_for_one_case_as_for_a_thousand(client, employee):
    make_history(employee, 1)
    stored, cold = count_queries(client, HISTORY), cold_queries(client, HISTORY)
    later_page = count_queries(client, HISTORY + "?page=7")  # never stored: read each time
    make_history(employee, 999)

    assert count_queries(client, HISTORY) == stored
    assert cold_queries(client, HISTORY) == cold
    assert count_queries(client, HISTORY + "?page=7") == later_page
    assert stored < cold
    page = client.get(HISTORY).content.decode()
    assert page.count('class="cases-history__case"') == HISTORY_PAGE_SIZE


def _cases(employee, count, year=2025, **fields):
    return [
        CaseFactory.create(
            employee=employee,
            kind=CaseKind.UNPLANNED,
            pattern="",
            submitted_at=datetime(year, 3, 1 + i % 28, 9, i % 60, tzinfo=EASTERN),
            **fields,
        )
        for i in range(count)
    ]


def test_a_long_history_is_read_a_page_at_a_time_newest_first(client, employee):
    cases = sorted(_cases(employee, 45), key=lambda case: (case.submitted_at, case.pk), reverse=True)
    first = client.get(HISTORY).content.decode()
    assert first.count('class="cases-history__case"') == 20
    assert cases[0].case_number in first
    assert cases[20].case_number not in first
    assert "Page 1 of 3" in first
    assert 'href="?page=2">Show older cases</a>' in first
    assert "Show newer cases" not in first
    last = client.get(HISTORY + "?page=3").content.decode()
    assert last.count('class="cases-history__case"') == 5
    assert cases[-1].case_number in last
    assert 'href="?page=2">Show newer cases</a>' in last
    assert "Show older cases" not in last
    # A page past the end, or not a number, shows the nearest page rather than an error.
    assert f'data-case-number="{cases[-1].case_number}"' in client.get(HISTORY + "?page=99").content.decode()
    assert client.get(HISTORY + "?page=abc").status_code == 200


def test_a_leave_still_running_comes_first_however_old_and_only_once(client, employee):
    _cases(employee, 25, year=2026)
    running = LeavePeriodFactory.create(
        case__employee=employee,
        case__submitted_at=datetime(2023, 5, 2, 9, tzinfo=EASTERN),
        start_date=date(2023, 5, 8),
        end_date=date(2031, 5, 8),
    ).case
    ended = LeavePeriodFactory.create(
        case__employee=employee,
        case__submitted_at=datetime(2023, 5, 3, 9, tzinfo=EASTERN),
        start_date=date(2023, 5, 8),
        end_date=date(2023, 6, 8),
    ).case
    page = client.get(HISTORY).content.decode()
    assert page.count(f'data-case-number="{running.case_number}"') == 1
    assert page.index("Leaves still running") < page.index(running.case_number) < page.index("Other cases")
    assert ended.case_number not in page  # older than the twenty newest: on a later page
    assert ended.case_number in client.get(HISTORY + "?page=2").content.decode()


def test_the_full_list_by_year(client, employee):
    from_2024 = _cases(employee, 3, year=2024)
    from_2025 = _cases(employee, 2, year=2025)
    page = client.get(HISTORY).content.decode()
    assert '<a href="/cases/?year=2024">2024</a>' in page
    assert '<a href="/cases/?year=2025">2025</a>' in page
    year = client.get(HISTORY + "?year=2024").content.decode()
    assert "Cases from 2024" in year
    assert all(case.case_number in year for case in from_2024)
    assert not any(case.case_number in year for case in from_2025)
    assert '<span aria-current="page">2024</span>' in year
    # A year without cases, or not a year, is the usual page.
    assert "Cases from" not in client.get(HISTORY + "?year=1999").content.decode()
    assert "Cases from" not in client.get(HISTORY + "?year=20x4").content.decode()


def page_queries(client, url):
    """The page's own reads, just after a change (nothing stored): those after the sign-in's reads of the session
    and the user, and the balances' stamp that a stored page is kept under."""
    client.get(url)
    all_balances_changed()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sign_in = ('FROM "django_session"', 'FROM "accounts_user"', 'FROM "cases_balancestamp"')
    return [query["sql"] for query in queries if not any(table in query["sql"] for table in sign_in)]


def test_the_history_reads_its_years_its_running_leaves_a_page_and_their_decisions_in_four_queries(client, employee):
    today = timezone.localdate()
    for weeks in range(3):  # still running: their last day is ahead
        LeavePeriodFactory.create(
            case__employee=employee, start_date=today, end_date=today + timedelta(weeks=weeks + 1)
        )
    make_history(employee, 30)  # and older cases, more than a page of them

    assert len(page_queries(client, HISTORY)) == 4
    assert len(page_queries(client, HISTORY + "?page=2")) == 4
    assert len(page_queries(client, HISTORY + f"?year={today.year}")) == 3  # none apart as running


@pytest.mark.parametrize("absences", [1, 25])
def test_absences_without_a_period_take_one_query_more_for_their_days_however_many(client, employee, absences):
    make_history(employee, 3)
    for case in _cases(employee, absences, year=2026):
        TimeEntryFactory.create(case=case, date=date(2026, 3, 2))
        TimeEntryFactory.create(case=case, date=date(2026, 3, 5))

    queries = page_queries(client, HISTORY)

    assert len(queries) == 5
    assert 'Mar. 02, 2026 <span aria-hidden="true">• • •</span>' in client.get(HISTORY).content.decode()
