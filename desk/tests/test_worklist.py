"""Tasks are opened and closed by the case's own events: nobody types them, except a follow-up."""

from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.documents.actions import add_document
from cases.models import Case, DocumentType
from cases.submission import submit_leave_request
from cases.tests.conftest import PDF_BYTES
from cases.tests.factories import TimeEntryFactory
from cases.tests.test_submit_actions import leave_request
from desk import actions, ownership, worklist
from desk.actions import DeskActionError
from desk.deadlines import EASTERN, DeadlineKind, DeadlineState
from desk.models import CallOutcome, CallPurpose, Task, TaskKind
from desk.queue import (
    DeadlineFilter,
    QueueFilters,
    case_deadlines,
    filtered_queue,
    queue_row,
    with_queue_details,
)
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import make_specialist

pytestmark = pytest.mark.django_db


def open_kinds(case):
    return sorted(Task.objects.filter(case=case, closed_at__isnull=True).values_list("kind", flat=True))


def closed_kinds(case):
    return sorted(Task.objects.filter(case=case, closed_at__isnull=False).values_list("kind", flat=True))


def call(case, by, purpose=CallPurpose.VERIFICATION, outcome=CallOutcome.REACHED):
    return actions.record_call_note(case, purpose=purpose, outcome=outcome, text="Spoke about the dates.",
                                    called_at=timezone.now(), by=by)  # fmt: skip


@pytest.fixture
def submitted(employee):
    return submit_leave_request(leave_request(employee))


def test_a_submitted_leave_opens_its_verification_call_and_contact_and_records_the_eligibility_notice_sent(submitted):
    assert open_kinds(submitted) == [TaskKind.SPECIALIST_CONTACT, TaskKind.VERIFICATION_CALL]
    eligibility = Task.objects.get(case=submitted, kind=TaskKind.ELIGIBILITY_NOTICE)
    # The eligibility letter goes out with the submission: the task is there, already done.
    assert eligibility.closed_at is not None
    assert eligibility.due_date > timezone.localdate(submitted.submitted_at)


def test_a_verification_call_that_reached_the_employee_closes_its_task_the_call_as_its_cause(submitted, specialist):
    call(submitted, specialist)
    task = Task.objects.get(case=submitted, kind=TaskKind.VERIFICATION_CALL)
    assert task.closed_at is not None
    assert task.closed_by_event is not None
    assert task.closed_by_event.kind == "call"
    assert open_kinds(submitted) == [TaskKind.SPECIALIST_CONTACT]


def test_a_message_left_meets_the_call_but_no_answer_or_a_wrong_number_leaves_it_open(submitted, specialist):
    call(submitted, specialist, outcome=CallOutcome.NO_ANSWER)
    call(submitted, specialist, outcome=CallOutcome.WRONG_NUMBER)
    assert TaskKind.VERIFICATION_CALL in open_kinds(submitted)
    call(submitted, specialist, outcome=CallOutcome.LEFT_MESSAGE)
    assert TaskKind.VERIFICATION_CALL not in open_kinds(submitted)


def test_a_document_asked_for_opens_a_task_due_that_day_and_the_upload_closes_it(submitted, specialist):
    due = timezone.localdate() + timedelta(days=15)
    actions.request_document(submitted, document_type=DocumentType.MEDICAL_CERTIFICATION, due_date=due,
                             by=specialist)  # fmt: skip
    task = Task.objects.get(case=submitted, kind=TaskKind.DOCUMENT)
    assert (task.due_date, task.closed_at) == (due, None)
    assert task.label == DocumentType.MEDICAL_CERTIFICATION.label
    pdf = SimpleUploadedFile("certification.pdf", PDF_BYTES, "application/pdf")
    add_document(submitted, submitted.employee, DocumentType.MEDICAL_CERTIFICATION, pdf)
    task.refresh_from_db()
    assert task.closed_at is not None


def next_deadline_sorted_by(case):
    return Case.objects.get(pk=case.pk).next_deadline  # the column the queue sorts by (desk.queue_state)


def test_the_queues_next_deadline_follows_the_actions_with_no_other_step(submitted, specialist):
    """The queue sorts on the open tasks: each action moves them in its own transaction, as the row shows."""

    def by_the_row():
        row = queue_row(with_queue_details(Case.objects.filter(pk=submitted.pk)).get(), timezone.localdate())
        return row.next_deadline.due if row.next_deadline else None

    calls_due = by_the_row()
    assert calls_due is not None
    assert next_deadline_sorted_by(submitted) == calls_due
    sooner = timezone.localdate()  # before the calls are due: the document is the next deadline
    actions.request_document(submitted, document_type=DocumentType.MEDICAL_CERTIFICATION, due_date=sooner,
                             by=specialist)  # fmt: skip
    assert next_deadline_sorted_by(submitted) == by_the_row() == sooner
    pdf = SimpleUploadedFile("certification.pdf", PDF_BYTES, "application/pdf")
    add_document(submitted, submitted.employee, DocumentType.MEDICAL_CERTIFICATION, pdf)
    assert next_deadline_sorted_by(submitted) == by_the_row() == calls_due
    for decision in submitted.decisions.select_related("policy"):
        if decision.policy.decided_by != "department":
            actions.deny_decision(decision, start_date=decision.start_date, end_date=decision.end_date,
                                  reason="Not eligible.", by=specialist)  # fmt: skip
    assert next_deadline_sorted_by(submitted) is None
    assert by_the_row() is None


def test_deciding_every_policy_closes_the_calls_that_are_no_longer_needed(submitted, specialist):
    for decision in submitted.decisions.select_related("policy"):
        if decision.policy.decided_by != "department":
            actions.deny_decision(decision, start_date=decision.start_date, end_date=decision.end_date,
                                  reason="Not eligible.", by=specialist)  # fmt: skip
    assert TaskKind.VERIFICATION_CALL not in open_kinds(submitted)
    assert TaskKind.SPECIALIST_CONTACT not in open_kinds(submitted)


def test_cancelling_the_case_closes_every_open_task(submitted, specialist):
    actions.cancel_case(submitted, reason="Withdrawn by the employee.", by=specialist)
    assert open_kinds(submitted) == []


def test_a_follow_up_is_added_with_its_date_and_note_and_stays_open_until_marked_done(submitted, specialist):
    due = timezone.localdate() + timedelta(days=2)
    task = worklist.add_follow_up(submitted, due_date=due, note="  Call HR about the   schedule ", by=specialist)
    assert (task.kind, task.due_date, task.note) == (TaskKind.FOLLOW_UP, due, "Call HR about the schedule")
    call(submitted, specialist)  # another event: the sync leaves follow-ups alone
    task.refresh_from_db()
    assert task.closed_at is None
    worklist.close_follow_up(task, by=specialist)
    task.refresh_from_db()
    assert task.closed_at is not None
    assert "Follow-up done" in task.closed_by_event.summary


def test_a_follow_up_needs_a_note_and_a_day_not_in_the_past(submitted, specialist):
    with pytest.raises(DeskActionError, match="Say what to follow up on"):
        worklist.add_follow_up(submitted, due_date=timezone.localdate(), note="  ", by=specialist)
    with pytest.raises(DeskActionError, match="cannot be in the past"):
        worklist.add_follow_up(submitted, due_date=timezone.localdate() - timedelta(days=1), note="x", by=specialist)


def test_time_reported_opens_a_review_task_closed_when_a_specialist_opens_the_case(client, report_case, specialist):
    TimeEntryFactory.create(case=report_case)
    report_case.has_new_time_entries = True
    report_case.save(update_fields=["has_new_time_entries"])
    worklist.sync_tasks([report_case.pk])
    assert TaskKind.TIME_REPORT in open_kinds(report_case)
    sign_in_to_desk(client, specialist)
    client.get(reverse("desk:case", args=[report_case.case_number]))
    assert TaskKind.TIME_REPORT in closed_kinds(report_case)


def test_the_daily_run_opens_the_tasks_of_a_case_no_event_has_touched_yet(report_case):
    assert not Task.objects.filter(case=report_case).exists()
    looked_at = worklist.sync_open_cases(timezone.now())
    assert looked_at >= 1
    assert TaskKind.VERIFICATION_CALL in closed_kinds(report_case) + open_kinds(report_case)


def test_the_sync_of_many_cases_costs_the_same_queries_as_of_one(report_case, health_case,
                                                                django_assert_max_num_queries):  # fmt: skip
    worklist.sync_tasks([report_case.pk, health_case.pk])
    with django_assert_max_num_queries(14) as one:
        worklist.sync_tasks([report_case.pk])
    with django_assert_max_num_queries(len(one.captured_queries)):
        worklist.sync_tasks([report_case.pk, health_case.pk])


def test_a_task_follows_its_case_owner_into_my_work(submitted, specialist):
    other = make_specialist("other")
    ownership.pick_case(submitted, by=specialist)
    calls = {TaskKind.VERIFICATION_CALL, TaskKind.SPECIALIST_CONTACT}
    assert {t.kind for t in worklist.my_open_tasks(specialist)} == calls
    assert not worklist.my_open_tasks(other).exists()
    ownership.reassign_case(submitted, other, by=specialist)
    assert not worklist.my_open_tasks(specialist).exists()
    assert worklist.my_open_tasks(other).count() == 2


@pytest.mark.parametrize(
    ("outcome", "still_overdue"),
    [(CallOutcome.NO_ANSWER, True), (CallOutcome.WRONG_NUMBER, True), (CallOutcome.LEFT_MESSAGE, False),
     (CallOutcome.REACHED, False)],
)  # fmt: skip
def test_only_a_call_that_got_through_meets_the_verification_call_in_python_and_sql(
    report_case, specialist, outcome, still_overdue
):
    # Submitted Monday Nov 23, 2026: the call was due Wednesday the 25th, so on Dec 1 it is overdue unless met.
    today = date(2026, 12, 1)
    # Through the desk's action: its event keeps the tasks the queue filters on.
    actions.record_call_note(report_case, purpose=CallPurpose.VERIFICATION, outcome=outcome, text="Called.",
                             by=specialist, called_at=datetime(2026, 11, 24, 10, tzinfo=EASTERN))  # fmt: skip
    actions.record_call_note(report_case, purpose=CallPurpose.REVIEW, outcome=CallOutcome.REACHED, text="Talked.",
                             by=specialist, called_at=datetime(2026, 11, 24, 11, tzinfo=EASTERN))  # fmt: skip
    found = filtered_queue(Case.objects.all(), QueueFilters(deadline=DeadlineFilter.OVERDUE), today)
    assert (report_case in set(found)) is still_overdue
    case = with_queue_details(Case.objects.filter(pk=report_case.pk)).get()
    verification = next(d for d in case_deadlines(case) if d.kind == DeadlineKind.VERIFICATION_CALL)
    assert (verification.state(today) == DeadlineState.OVERDUE) is still_overdue
