"""The desk case view costs the same, in queries and in what it counts, for an employee with a thousand past
leaves as for one with a single leave: the balances come from the per-employee cache (cases.balance_cache)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.balance_cache import balances_changed, cached_balances_for_case
from cases.balances import balances_for_case
from cases.tests.test_history_view import count_queries
from desk import certification
from desk.models import ReviewOutcome
from desk.tests.conftest import desk_case, sign_in_to_desk
from desk.tests.test_certification import asked, flagged_case, rows, today_is, uploaded  # noqa: F401 - today_is
from policies.models import DecisionStatus
from policies.tests.factories import approve, past_leaves
from roster import calendars

pytestmark = pytest.mark.django_db


def test_the_case_view_costs_the_same_for_a_thousand_past_leaves_as_for_one(
    client, specialist, report_case, monkeypatch
):
    employee = report_case.employee
    period = report_case.leave_period
    report_case.decisions.get().delete()
    approve(report_case, "fmla", period.start_date, period.end_date)
    past_leaves(employee, 1, before=period.start_date)
    balances_changed(employees=[employee.pk])
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[report_case.case_number])
    client.get(url)  # the first view clears the new marks: a write the later views do not repeat
    one = count_queries(client, url)

    past_leaves(employee, 999, before=date(2026, 11, 16))  # the weeks before the first one
    balances_changed(employees=[employee.pk])
    client.get(url)  # counts the balances again after the change, and keeps them
    assert count_queries(client, url) == one
    [fmla] = balances_for_case(report_case, timezone.localdate())  # the past year's leaves count too
    monkeypatch.setattr("cases.balance_cache.balances_for_case", lambda *a, **k: pytest.fail("counted again"))
    assert fmla.summary in client.get(url).content.decode()


@pytest.fixture
def case(employee):
    return desk_case(employee)


def test_a_day_decided_not_covered_on_the_desk_lowers_the_cached_balance(case, specialist):
    flagged_case(case, specialist)
    case.decisions.update(status=DecisionStatus.APPROVED)
    balances_changed(employees=[case.employee_id])  # the update above sends no signal

    def used():
        [fmla] = [b for b in cached_balances_for_case(case, date(2027, 2, 1)) if b.policy_code == "fmla"]
        return fmla.used_hours

    before = used()
    [row] = rows(case)
    certification.decide_frequency(case, row.entry, charged=False, by=specialist)
    assert used() == before - 8


def test_the_work_locations_calendar_is_read_once_for_the_whole_page(client, specialist, case):
    """Balances counted afresh, deadlines, entry flags and the certified frequency all use the one calendar."""
    flagged_case(case, specialist)
    case.decisions.update(status=DecisionStatus.APPROVED)
    balances_changed(employees=[case.employee_id])  # the balances are counted during the view, not read
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[case.case_number])
    client.get(url)
    balances_changed(employees=[case.employee_id])
    cache.delete(calendars.VERSION)  # the calendars are cached (roster.calendars): this page must read its own
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert 'id="frequency-flags"' in page  # the certified frequency was judged
    assert sum('"roster_localholiday"' in query["sql"] for query in queries) == 1


def test_reviewed_documents_and_days_beyond_the_frequency_add_no_query_to_the_case_view(client, specialist, case):
    [*_, beyond] = flagged_case(case, specialist)
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[case.case_number])
    client.get(url)
    before = count_queries(client, url)

    certification.decide_frequency(case, beyond, charged=True, by=specialist)
    for _ in range(3):
        asked(case, specialist)
        document = uploaded(case)
        incomplete = ReviewOutcome.INCOMPLETE
        certification.review_document(case, document, outcome=incomplete, missing="The dates", by=specialist)
    page = client.get(url).content.decode()
    assert page.count("Cure notice sent") == 3
    assert count_queries(client, url) == before
