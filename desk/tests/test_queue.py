"""The queue: new and open cases with deadlines, filters, search, marks, and a constant query count."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import EmployeeFactory
from cases.models import Case, LeavePattern
from cases.tests.factories import CaseFactory, LeavePeriodFactory, TimeEntryFactory
from desk.models import CallNote, CallPurpose, DocumentRequest
from desk.queue import DeadlineFilter, QueueFilters, QueueStatus, filtered_queue, queue_cases, with_queue_details
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import DESK_LEAVE_END, DESK_LEAVE_START, HEALTH, tasks_follow_the_cases
from policies.models import Policy
from policies.tests.factories import PolicyDecisionFactory

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 26)  # Thanksgiving: not a business day


def open_case(submitted=datetime(2026, 11, 23, 9, tzinfo=EASTERN), **employee):
    case = CaseFactory.create(
        pattern=LeavePattern.INTERMITTENT, submitted_at=submitted, employee=EmployeeFactory.create(**employee)
    )
    LeavePeriodFactory.create(case=case, start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END)
    PolicyDecisionFactory.create(case=case, start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END)
    TimeEntryFactory.create(case=case, date=date(2026, 12, 2), full_day=False, minutes=240, doctor_visit=True)
    return case


def queue_page(client, **params):
    return client.get(reverse("desk:queue"), params).content.decode()


def queue_row_text(page, case_number=""):
    """The words of the queue's row of that case (of the first row when not given)."""
    rows = re.findall(r"<tr[ >].*?</tr>", page, flags=re.DOTALL)[1:]
    found = next(row for row in rows if case_number in row)
    return " ".join(re.sub(r"<[^>]+>", " ", found).split())


def test_the_queue_costs_the_same_queries_for_one_case_as_for_a_hundred(client, specialist):
    sign_in_to_desk(client, specialist)
    open_case()
    client.get(reverse("desk:queue"))  # the first request after signing in also renews the session (once a minute)
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("desk:queue")).status_code == 200
    for _ in range(99):
        open_case()
    client.get(reverse("desk:queue"))  # new people on the roster: the filters' agencies are read again, once
    with CaptureQueriesContext(connection) as hundred:
        page = client.get(reverse("desk:queue")).content.decode()
    assert "100 cases" in page
    assert len(hundred) == len(one), f"{len(one)} queries for 1 case, {len(hundred)} for 100"


def test_a_verification_call_not_made_two_business_days_after_submission_is_flagged_overdue_in_words(
    client, specialist, time_machine_today
):
    sign_in_to_desk(client, specialist)
    open_case(submitted=datetime(2026, 11, 20, 16, tzinfo=EASTERN))  # Friday: due Tuesday Nov 24
    row = queue_row_text(queue_page(client))
    assert "Overdue · Verification call, Nov 24" in row
    assert "and 1 more" in row  # the specialist's contact, due Nov 30


def test_a_call_note_of_the_right_purpose_meets_its_deadline(client, specialist, time_machine_today):
    sign_in_to_desk(client, specialist)
    case = open_case(submitted=datetime(2026, 11, 20, 16, tzinfo=EASTERN))
    CallNote.objects.create(
        case=case, purpose=CallPurpose.VERIFICATION, text="verified", author=specialist,
        called_at=datetime(2026, 11, 23, 10, tzinfo=EASTERN),
    )  # fmt: skip
    row = queue_row_text(queue_page(client))
    assert "Overdue" not in row
    assert "Specialist contact, Nov 30" in row  # what is left to do next


def test_the_deadline_filter_finds_overdue_verification_calls_and_late_documents(specialist):
    late_call = open_case(submitted=datetime(2026, 11, 20, 16, tzinfo=EASTERN))
    fresh = open_case(submitted=datetime(2026, 11, 25, 9, tzinfo=EASTERN))
    late_document = open_case(submitted=datetime(2026, 11, 25, 9, tzinfo=EASTERN))
    DocumentRequest.objects.create(
        case=late_document, document_type="medical_certification", due_date=date(2026, 11, 25), requested_by=specialist
    )
    tasks_follow_the_cases()
    found = set(filtered_queue(Case.objects.all(), QueueFilters(deadline=DeadlineFilter.OVERDUE), TODAY))
    assert found == {late_call, late_document}
    assert fresh not in found


def test_filters_by_status_agency_and_policy(specialist):
    revenue = open_case()
    health = open_case(roster_record__agency=HEALTH)
    approved = open_case()
    approved.decisions.update(status="approved")
    cancelled = open_case()
    Case.objects.filter(pk=cancelled.pk).update(cancelled_at=datetime(2026, 11, 25, tzinfo=EASTERN))
    stp = open_case()
    stp.decisions.update(policy=Policy.objects.get(code="std-1"))
    tasks_follow_the_cases()  # the bulk updates stand for actions, whose events keep the queue's columns

    def run(**filters):
        return set(filtered_queue(Case.objects.all(), QueueFilters(**filters), TODAY))

    assert run() == {revenue, health, stp}
    assert run(status=QueueStatus.APPROVED) == {approved}
    assert run(status=QueueStatus.CANCELLED) == {cancelled}
    assert run(agency=HEALTH) == {health}
    assert run(policy="std-1") == {stp}


def test_search_by_case_number_employee_number_or_name(client, specialist):
    sign_in_to_desk(client, specialist)
    maria = open_case(first_name="Maria", last_name="Santos")
    other = open_case(first_name="James", last_name="Walsh")
    page = queue_page(client, search=maria.case_number)
    assert maria.case_number in page
    assert other.case_number not in page
    page = queue_page(client, search=maria.employee.roster_record.employee_number)
    assert maria.case_number in page
    assert other.case_number not in page
    page = queue_page(client, search="maria sant")
    assert maria.case_number in page
    assert other.case_number not in page


def test_new_documents_and_new_time_entries_are_marked_until_a_specialist_opens_the_case(client, specialist):
    sign_in_to_desk(client, specialist)
    case = open_case()
    Case.objects.filter(pk=case.pk).update(has_new_documents=True, has_new_time_entries=True)
    page = queue_page(client)
    assert "New documents" in page
    assert "New time entries" in page
    client.get(reverse("desk:case", args=[case.case_number]))
    page = queue_page(client)
    assert "New documents" not in page
    assert "New time entries" not in page


def test_an_hr_professional_queue_lists_only_their_agencies(client, hr_professional):
    sign_in_to_desk(client, hr_professional)
    mine = open_case()
    theirs = open_case(roster_record__agency=HEALTH)
    page = queue_page(client)
    assert mine.case_number in page
    assert theirs.case_number not in page


@pytest.fixture
def time_machine_today(monkeypatch):
    """Pin 'today' for the desk to the brief's date, so deadlines are stable."""
    monkeypatch.setattr("desk.views.queue.timezone.localdate", lambda *a, **k: TODAY)


def test_time_on_the_same_day_as_another_open_case_of_the_employee_is_flagged_on_both(client, specialist):
    sign_in_to_desk(client, specialist)
    first = open_case()  # 4 h on Dec 2
    second = CaseFactory.create(pattern=LeavePattern.INTERMITTENT, employee=first.employee)
    PolicyDecisionFactory.create(case=second, start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END)
    TimeEntryFactory.create(case=second, date=date(2026, 12, 2))
    elsewhere = open_case()  # another employee's time on the same day is not a conflict
    page = queue_page(client)
    assert "Same day as another case" in queue_row_text(page, first.case_number)
    assert "Same day as another case" in queue_row_text(page, second.case_number)
    assert "Same day as another case" not in queue_row_text(page, elsewhere.case_number)
    Case.objects.filter(pk=second.pk).update(cancelled_at=datetime(2026, 11, 25, tzinfo=EASTERN))
    assert "Same day as another case" not in queue_row_text(queue_page(client), first.case_number)


def flag_of(case):
    return getattr(case, "overlaps_another_case", None)  # the annotation of desk.queue's row queries


def test_the_same_day_flag_needs_another_live_case_of_the_same_employee_with_time_that_day():
    """desk.queue.OverlapsAnotherCase, as each row reads it, and as a subquery's condition (its own alias)."""
    employee = EmployeeFactory.create()
    day, other_day = date(2026, 12, 2), date(2026, 12, 3)

    def case_with_time(*days, **fields):
        case = CaseFactory.create(
            pattern=LeavePattern.INTERMITTENT, employee=fields.pop("employee", employee), **fields
        )
        for each in days:
            TimeEntryFactory.create(case=case, date=each)
        return case

    first, second = case_with_time(day, other_day), case_with_time(day)
    alone = case_with_time(other_day + timedelta(days=1))  # the employee's, on a day no other case has
    cancelled = case_with_time(day, cancelled_at=datetime(2026, 11, 25, tzinfo=EASTERN))  # neither flagged nor flags
    stranger = case_with_time(day, employee=EmployeeFactory.create())  # another employee's same day
    cases = [first, second, alone, cancelled, stranger]
    flagged = {found.case.pk for found in queue_cases([c.pk for c in cases]) if flag_of(found.case)}
    assert flagged == {first.pk, second.pk}
    assert {case.pk for case in with_queue_details(Case.objects.all()) if flag_of(case)} == flagged
    inner = with_queue_details(Case.objects.all()).filter(Q(overlaps_another_case=True)).values("pk")
    assert set(Case.objects.filter(pk__in=inner).values_list("pk", flat=True)) == flagged
    Case.objects.filter(pk=second.pk).update(cancelled_at=datetime(2026, 11, 25, tzinfo=EASTERN))
    assert not any(flag_of(found.case) for found in queue_cases([c.pk for c in cases]))
