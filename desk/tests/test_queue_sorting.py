"""The queue's order and pages: sorted in SQL by the next deadline (the rows' rule), the submission, the employee or
the agency, either way, by the column headings; fifty cases a page; and the way back from a case to the same view.
"""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import EmployeeFactory
from cases.models import Case
from desk.deadlines import DeadlineKind
from desk.models import DEADLINE_TASK_KINDS
from desk.queue import (
    QueueFilters,
    QueueSort,
    QueueStatus,
    filtered_queue,
    queue_row,
    with_queue_details,
)
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import HEALTH, tasks_follow_the_cases
from desk.tests.test_queue_flags import a_mix_of_cases, ask_for_document, called, decided, undecided
from desk.tests.test_returns import a_mix_of_returns
from desk.views.queue import PAGE_SIZE

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 26)


@pytest.fixture
def returns_recorded_in_may(monkeypatch):
    """The mix of returns records returns in April 2027: the desk's day is then May 3, 2027 (as in test_returns)."""
    monkeypatch.setattr("desk.returns.timezone.localdate", lambda *a, **k: date(2027, 5, 3))


def next_deadlines_by_sql():
    tasks_follow_the_cases()
    return dict(Case.objects.values_list("pk", "next_deadline"))  # the column the queue sorts by (desk.queue_state)


def next_deadlines_by_rows():
    rows = (queue_row(case, TODAY) for case in with_queue_details(Case.objects.all()))
    return {row.case.pk: row.next_deadline.due if row.next_deadline else None for row in rows}


def order(**filters):
    tasks_follow_the_cases()
    return list(filtered_queue(Case.objects.all(), QueueFilters(status=QueueStatus.ALL, **filters), TODAY))


def submitted_on(day):
    return datetime.combine(day, datetime.min.time(), tzinfo=EASTERN).replace(hour=23, minute=30)


# --- The next deadline: one rule, in SQL and in Python ------------------------------------------------


def test_the_next_deadline_sorted_by_is_the_earliest_open_deadline_the_row_shows(specialist, returns_recorded_in_may):
    a_mix_of_cases()
    a_mix_of_returns(specialist)  # continuous leaves due back around Patriots' Day, in MA and NH
    # Submissions on every day around Thanksgiving, Christmas and New Year, late in the evening (Eastern).
    for offset in range(-10, 45):
        undecided(submitted=submitted_on(TODAY + timedelta(days=offset)))
    by_rows = next_deadlines_by_rows()
    assert len({due for due in by_rows.values() if due}) > 20  # many different dates compared
    assert next_deadlines_by_sql() == by_rows


def test_a_document_due_before_the_calls_is_the_next_deadline():
    case = undecided(submitted=datetime(2026, 11, 25, 9, tzinfo=EASTERN))  # calls due Nov 30 and Dec 3
    ask_for_document(case, due=date(2026, 11, 27))
    assert next_deadlines_by_sql()[case.pk] == date(2026, 11, 27)


def test_a_case_with_every_deadline_met_has_no_next_deadline():
    case = decided()
    assert next_deadlines_by_sql()[case.pk] is None


# --- Sorting -----------------------------------------------------------------------------------------


def test_the_queue_lists_the_nearest_deadline_first_and_cases_without_one_last():
    settled = decided()
    later = undecided(submitted=datetime(2026, 11, 25, 9, tzinfo=EASTERN))
    sooner = called(undecided())
    ask_for_document(sooner, due=date(2026, 11, 20))
    soonest = undecided()  # submitted Nov 16: the verification call was due Nov 18
    assert order() == [soonest, sooner, later, settled]
    assert order(sort="-deadline") == [later, sooner, soonest, settled]


def test_each_column_sorts_both_ways():
    ann = undecided(submitted=datetime(2026, 11, 20, 9, tzinfo=EASTERN), employee=EmployeeFactory.create(
        first_name="Ann", last_name="Zeller", roster_record__first_name="Ann", roster_record__last_name="Zeller",
        roster_record__agency=HEALTH))  # fmt: skip
    bea = undecided(submitted=datetime(2026, 11, 18, 9, tzinfo=EASTERN), employee=EmployeeFactory.create(
        first_name="Bea", last_name="adams", roster_record__first_name="Bea", roster_record__last_name="adams",
        roster_record__agency="Department of Revenue"))  # fmt: skip
    assert order(sort=QueueSort.SUBMITTED) == [bea, ann]
    assert order(sort="-submitted") == [ann, bea]
    assert order(sort=QueueSort.EMPLOYEE) == [bea, ann]  # adams before Zeller, whatever the case of letters
    assert order(sort="-employee") == [ann, bea]
    assert order(sort=QueueSort.AGENCY) == sorted([ann, bea], key=lambda c: c.employee.roster_record.agency)
    assert order(sort="-agency") == sorted([ann, bea], key=lambda c: c.employee.roster_record.agency, reverse=True)


def header(page, label):
    return re.search(rf'<th scope="col"([^>]*)><a class="desk-sort" href="\?([^"]*)">{label}<', page)


def test_the_column_headings_sort_keep_the_filters_and_say_which_way_the_table_is_sorted(client, specialist):
    sign_in_to_desk(client, specialist)
    undecided()
    tasks_follow_the_cases()
    page = client.get(reverse("desk:queue"), {"status": "all", "deadline": "overdue"}).content.decode()
    deadline = header(page, "Next deadline")
    assert 'aria-sort="ascending"' in deadline[1]
    assert deadline[2] == "status=all&amp;deadline=overdue&amp;sort=-deadline"  # the other way next
    employee = header(page, "Employee")
    assert "aria-sort" not in employee[1]
    assert employee[2] == "status=all&amp;deadline=overdue&amp;sort=employee"
    page = client.get(
        reverse("desk:queue"), {"status": "all", "deadline": "overdue", "sort": "-employee"}
    ).content.decode()
    assert 'aria-sort="descending"' in header(page, "Employee")[1]
    assert "aria-sort" not in header(page, "Next deadline")[1]
    assert '<option value="-employee" selected>Employee, Z to A</option>' in page  # the sort menu, for phones


def test_an_unknown_sort_is_refused_beside_the_menu_and_the_queue_shows_its_default_order(client, specialist):
    sign_in_to_desk(client, specialist)
    undecided()
    page = client.get(reverse("desk:queue"), {"sort": "password"}).content.decode()
    assert "Choose one of the answers given for “Sort by”." in page
    assert 'aria-sort="ascending"' in header(page, "Next deadline")[1]


def test_sorting_by_the_next_deadline_costs_the_same_queries_for_one_case_as_for_a_hundred(
    client, specialist, returns_recorded_in_may
):
    sign_in_to_desk(client, specialist)
    a_mix_of_returns(specialist)
    params = {"status": "all", "policy": "fmla"}
    client.get(reverse("desk:queue"), params)  # renews the session and keeps these filters for the way back
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("desk:queue"), params)
    for offset in range(50):
        ask_for_document(undecided(submitted=submitted_on(TODAY - timedelta(days=offset))))
        called(undecided(submitted=submitted_on(TODAY - timedelta(days=offset * 3))))
    client.get(reverse("desk:queue"), params)  # new people on the roster: the filters' agencies are read again, once
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("desk:queue"), params).content.decode()
    assert "106 cases" in page
    assert len(many) == len(few), f"{len(few)} queries for 6 cases, {len(many)} for 106"


# --- Pages and the way back ------------------------------------------------------------------------


def rows_of(page):
    return re.findall(r'<th scope="row"[^>]*><a href="/desk/cases/([^/]+)/">', page)


def test_the_queue_shows_fifty_cases_a_page_with_links_to_the_others(client, specialist):
    sign_in_to_desk(client, specialist)
    for _ in range(PAGE_SIZE + 1):
        undecided()
    first = client.get(reverse("desk:queue")).content.decode()
    assert len(rows_of(first)) == PAGE_SIZE
    assert "51 cases · showing 1 to 50" in first
    assert 'href="?page=2" aria-label="Page 2"' in first
    second = client.get(reverse("desk:queue"), {"page": 2}).content.decode()
    assert len(rows_of(second)) == 1
    assert 'aria-current="page" aria-label="Page 2"' in second


def test_a_page_past_the_end_or_not_a_number_shows_the_last_or_the_first_page_with_the_count(client, specialist):
    sign_in_to_desk(client, specialist)
    for _ in range(PAGE_SIZE + 1):
        undecided()
    past = client.get(reverse("desk:queue"), {"page": 7}).content.decode()
    assert len(rows_of(past)) == 1
    assert "51 cases · showing 51 to 51" in past
    word = client.get(reverse("desk:queue"), {"page": "two"}).content.decode()
    assert len(rows_of(word)) == PAGE_SIZE
    assert "51 cases · showing 1 to 50" in word


def test_the_rows_of_a_page_are_in_the_order_of_the_sort(client, specialist):
    sign_in_to_desk(client, specialist)
    for offset in range(5):
        undecided(submitted=datetime(2026, 11, 16 + offset, 9, tzinfo=EASTERN))
    tasks_follow_the_cases()
    by_rows = [case.case_number for case in order(sort="-submitted")]
    page = client.get(reverse("desk:queue"), {"status": "all", "sort": "-submitted"}).content.decode()
    assert rows_of(page) == by_rows


def back_link(page):
    found = re.search(r'<a href="([^"]*)" data-back-to-queue>Back to the queue</a>', page)
    assert found, "no way back to the queue"
    return found[1].replace("&amp;", "&")


def test_back_to_the_queue_returns_to_the_filters_sort_and_page_left(client, specialist):
    sign_in_to_desk(client, specialist)
    for _ in range(PAGE_SIZE + 1):
        undecided()
    tasks_follow_the_cases()
    params = {"status": "all", "deadline": "overdue", "sort": "-submitted", "page": "2"}
    left = client.get(reverse("desk:queue"), params).content.decode()
    number = rows_of(left)[0]
    case_page = client.get(reverse("desk:case", args=[number])).content.decode()
    url = back_link(case_page)
    assert url == "/desk/?status=all&deadline=overdue&sort=-submitted&page=2"
    assert rows_of(client.get(url).content.decode()) == rows_of(left)


def test_back_to_the_queue_is_the_plain_queue_before_any_queue_was_seen(client, specialist):
    sign_in_to_desk(client, specialist)
    case = undecided()
    assert back_link(client.get(reverse("desk:case", args=[case.case_number])).content.decode()) == "/desk/"


def test_the_way_back_keeps_only_what_the_filters_accepted(client, specialist):
    sign_in_to_desk(client, specialist)
    case = undecided()
    client.get(reverse("desk:queue"), {"status": "all", "next": "https://example.com/", "page": "//evil"})
    assert back_link(client.get(reverse("desk:case", args=[case.case_number])).content.decode()) == "/desk/?status=all"


def test_every_deadline_of_the_rows_has_the_task_kind_the_queue_sorts_on():
    assert sorted(DEADLINE_TASK_KINDS) == sorted(DeadlineKind.values)
