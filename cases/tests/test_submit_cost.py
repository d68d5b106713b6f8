"""What a submit costs and how it stays right without reading what it just wrote (issue 17, target 5).

A continuous leave's submit writes the case, its reason, its period, its pending decisions, its notices and its
history, and the desk's tasks follow: a fixed number of queries, the same for an employee with many past cases
as for one with none. The balances' stamp changes once, at the end; the case number is not looked up first (a
taken number fails the insert and the submit draws again); the eligibility notice states the answers that
attach_policies gave, not a second reading of the same facts. Its notices go to the broker in one hand-over.
"""

import uuid
from dataclasses import replace
from datetime import timedelta
from unittest import mock

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from absence.days import DayEntry
from absence.reasons import CaseReason
from cases import submission
from cases.balances import case_time
from cases.decisions import attached_answers, policy_eligibility
from cases.models import BalanceStamp, Case, PaymentOption
from cases.requests import ContactPreference, LeaveRequest
from cases.submission import submit_leave_request
from cases.tests.factories import CaseFactory, LeavePeriodFactory
from conditions.vocabulary import Reason
from letters.models import Letter, LetterKind
from notices import tasks
from notices.models import Message
from policies.models import PolicyDecision
from policies.tests.factories import PolicyDecisionFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
# A continuous leave's submit with a supervisor to tell, on SQLite in a test's transaction:
# the submit's savepoint (its transaction outside a test) and its release; 15 of the submit's own
# (the case, its reason, period, the policies' links and facts, its decisions, three notices with their history
# lines, the eligibility letter; no savepoint around a notice or the letter, and no lookup of the letter: their
# dedupe keys name the new case's number, which nothing can hold yet); 1 of the desk's task sync
# (desk.worklist.sync_new_case_tasks, once, after the held events: the tasks' insert; the case and its relations
# are taken from what the submit holds, not read again, and the work location's calendar from the shared cache,
# roster.calendars, where the first submit left it); the queue's columns of the case (desk.queue_state, 1); the
# employee's one new balance stamp (2). It was 54 before the submit stopped re-reading what it had just written,
# 40 before the tasks did, 31 before the notices' savepoints went, 21 before the calendars were cached (issue 17).
SUBMIT_QUERIES = 21


def leave_request(employee, *, key=None, weeks_ahead=1):
    start = TODAY + timedelta(weeks=weeks_ahead)
    return LeaveRequest(
        submission_key=key or uuid.uuid4(),
        employee=employee,
        reason=CaseReason.EMPLOYEE_HEALTH,
        conditions=(Reason("Migraine"),),
        continuous=True,
        payment_option=PaymentOption.EMPLOYER_PAID,
        work_related=False,
        contact=ContactPreference(by_email=True, email="maria@home.example", phone="617-555-0123", best_time=10),
        start=start,
        end=start + timedelta(days=4),
    )


def past_leaves(employee, count):
    for n in range(count):
        start = TODAY - timedelta(days=400 + 10 * n)
        period = LeavePeriodFactory.create(case__employee=employee, start_date=start, end_date=start + timedelta(3))
        PolicyDecisionFactory.create(case=period.case, status="approved", start_date=start, end_date=period.end_date)


def queries_of_a_submit(employee):
    with CaptureQueriesContext(connection) as captured:
        submit_leave_request(leave_request(employee))
    return len(captured.captured_queries)


def test_a_continuous_leave_submit_takes_a_fixed_number_of_queries(employee, supervisor):
    submit_leave_request(leave_request(employee, weeks_ahead=30))  # the first: the employee's balance stamp is made
    assert queries_of_a_submit(employee) == SUBMIT_QUERIES


def test_it_takes_as_many_for_an_employee_with_many_past_leaves_as_with_one(employee, supervisor):
    past_leaves(employee, 1)
    submit_leave_request(leave_request(employee, weeks_ahead=30))
    with_one = queries_of_a_submit(employee)
    past_leaves(employee, 30)
    assert queries_of_a_submit(employee) == with_one == SUBMIT_QUERIES


def test_the_balance_stamp_changes_once_at_the_end_of_the_submit(employee, monkeypatch):
    submit_leave_request(leave_request(employee, weeks_ahead=30))
    before = BalanceStamp.objects.get(employee=employee).stamp
    with CaptureQueriesContext(connection) as captured:
        submit_leave_request(leave_request(employee))
    writes = [q["sql"] for q in captured.captured_queries if "cases_balancestamp" in q["sql"]]
    assert len(writes) == 1
    assert BalanceStamp.objects.get(employee=employee).stamp != before


def test_a_taken_case_number_is_drawn_again(employee, monkeypatch):
    taken = CaseFactory.create(case_number="5550001111")
    numbers = iter(["5550001111", "5550002222"])
    monkeypatch.setattr(submission, "random_case_number", lambda: next(numbers))
    case = submit_leave_request(leave_request(employee))
    assert case.case_number == "5550002222"
    assert Case.objects.filter(case_number=taken.case_number).get() == taken
    assert Letter.objects.filter(case=case, kind=LetterKind.FMLA_ELIGIBILITY).count() == 1
    assert Letter.objects.filter(case=taken).count() == 0


def test_a_notice_key_already_held_fails_the_attempt_and_the_submit_draws_again(employee, monkeypatch):
    # A message outlives its case (the outbox keeps what was sent): its key is held though the number is free.
    Message.objects.create(channel="email", recipient="x@example.com", dedupe_key="case-5550001111-confirmation")
    numbers = iter(["5550001111", "5550002222"])
    monkeypatch.setattr(submission, "random_case_number", lambda: next(numbers))
    case = submit_leave_request(leave_request(employee))
    assert case.case_number == "5550002222"
    assert Case.objects.filter(employee=employee).count() == 1
    assert Message.objects.filter(dedupe_key__startswith="case-5550002222-").count() == 2  # confirmation, letter's
    assert Message.objects.filter(dedupe_key__startswith="case-5550001111-").count() == 1  # the old one, untouched


def test_a_number_taken_every_time_is_an_error_not_a_loop(employee, monkeypatch):
    CaseFactory.create(case_number="5550001111")
    monkeypatch.setattr(submission, "random_case_number", lambda: "5550001111")
    with pytest.raises(IntegrityError):
        submit_leave_request(leave_request(employee))
    assert Case.objects.filter(employee=employee).count() == 0


def test_the_answers_kept_for_the_notice_are_those_a_fresh_reading_gives(employee):
    case = submit_leave_request(leave_request(employee))
    answers = attached_answers(case)
    assert answers is not None
    assert set(answers.decisions) == set(case.decisions.values_list("policy_id", flat=True))
    fresh = Case.objects.get(pk=case.pk)
    assert attached_answers(fresh) is None  # another instance keeps nothing: it reads
    for decision in PolicyDecision.objects.filter(case=case).select_related("policy"):
        assert policy_eligibility(fresh, decision.policy) == answers.eligibility[decision.policy_id]


def test_an_intermittent_leaves_answers_from_the_days_in_hand_are_those_a_fresh_reading_gives(employee):
    days = tuple(DayEntry(day=TODAY + timedelta(days=n), full_day=True, minutes=480) for n in (9, 2, 5))  # any order
    request = leave_request(employee)
    case = submit_leave_request(replace(request, continuous=False, start=None, end=None, days=days))
    answers = attached_answers(case)
    assert answers is not None
    assert answers.time == case_time(Case.objects.get(pk=case.pk))
    assert [entry.day for entry in answers.time.entries] == sorted(day.day for day in days)


def test_a_repeated_request_costs_one_refused_insert_and_finds_its_case(employee):
    request = leave_request(employee)
    case = submit_leave_request(request)
    with CaptureQueriesContext(connection) as captured:
        again = submit_leave_request(request)
    assert again == case
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(writes) == 1  # the case's own, refused: nothing else was written
    assert Case.objects.filter(submission_key=request.submission_key).count() == 1


def test_the_submits_notices_go_to_the_broker_in_one_hand_over_after_its_commit(
    employee, supervisor, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(tasks.deliver_messages, "delay") as together,
        mock.patch.object(tasks.deliver_message, "delay") as alone,
        django_capture_on_commit_callbacks(execute=True),
    ):
        case = submit_leave_request(leave_request(employee))
    made = Message.objects.filter(dedupe_key__startswith=f"case-{case.case_number}-")
    assert made.count() == 3  # the confirmation, the supervisor's absence notice, the eligibility letter's
    together.assert_called_once()
    assert sorted(together.call_args.args[0]) == sorted(made.values_list("pk", flat=True))
    assert not alone.called
