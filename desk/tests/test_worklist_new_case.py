"""A case its submit action is making gets its tasks from what the action holds, the same as a full re-read gives.

desk.worklist.sync_new_case_tasks primes the new case's relations from the action's objects and runs the same rules
(wanted_tasks, case_deadlines) as sync_tasks; here each kind of submission's tasks are compared with the rows a
full `sync_tasks` writes for the same case, event and moment (and the queue's columns with those that
`refresh_queue_state` writes from the rows), and the instance is shown to read the database as usual once the
submit is over.
"""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from absence.days import DayEntry
from accounts.tests.factories import UserFactory
from cases.models import AbsenceFor, Case
from cases.requests import UnplannedRequest
from cases.submission import new_case_in_hand, submit_leave_request, submit_unplanned_absence
from cases.tests.test_submit_actions import leave_request
from desk.models import DocumentRequest, Task, TaskKind
from desk.tests.factories import make_specialist
from desk.worklist import sync_tasks

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def task_rows(case: Case) -> list[tuple]:
    rows = Task.objects.filter(case=case).order_by("key")
    return [(t.kind, t.key, t.label, t.due_date, t.opened_at, t.closed_at, t.closed_by_event_id) for t in rows]


def queue_columns(case: Case) -> tuple:
    return Case.objects.filter(pk=case.pk).values_list("awaits_desk_decision", "next_deadline").get()


def as_a_full_sync_writes_them(case: Case) -> list[tuple]:
    """The case's task rows written again by sync_tasks, reading everything, for the event the submit's tasks
    followed (its last) at that event's moment; the queue's columns the submit wrote from what it held must be those
    that sync_tasks then writes from the rows (desk.queue_state.refresh_queue_state)."""
    last = case.events.order_by("-id").first()
    assert last is not None
    written = queue_columns(case)
    Task.objects.filter(case=case).delete()
    Case.objects.filter(pk=case.pk).update(awaits_desk_decision=not written[0], next_deadline=TODAY)
    sync_tasks([case.pk], event=last, now=last.at)
    assert queue_columns(case) == written
    return task_rows(case)


def test_a_continuous_leaves_tasks_are_those_a_full_reading_gives(employee, supervisor, policy_catalogue):
    case = submit_leave_request(leave_request(employee))
    fast = task_rows(case)
    assert {row[0] for row in fast} == {
        TaskKind.VERIFICATION_CALL,
        TaskKind.SPECIALIST_CONTACT,
        TaskKind.ELIGIBILITY_NOTICE,  # met: its letter was issued in the submit
    }
    deadlines = [row[3] for row in fast if row[0] != TaskKind.ELIGIBILITY_NOTICE]
    assert queue_columns(case) == (True, min(deadlines))  # awaits the desk; its first open deadline
    assert as_a_full_sync_writes_them(case) == fast


def test_an_intermittent_leaves_tasks_are_those_a_full_reading_gives(employee, policy_catalogue):
    days = tuple(DayEntry(day=TODAY + timedelta(days=n), full_day=True, minutes=480) for n in (2, 9))
    case = submit_leave_request(leave_request(employee, continuous=False, start=None, end=None, days=days))
    fast = task_rows(case)
    assert fast
    assert as_a_full_sync_writes_them(case) == fast


def test_a_bonding_leave_for_an_employee_off_the_roster_gets_the_tasks_a_full_reading_gives(policy_catalogue):
    nobody_on_the_roster = UserFactory.create(email="pat@home.example")
    request = leave_request(nobody_on_the_roster, reason="bonding", child_event_date=TODAY - timedelta(days=10))
    case = submit_leave_request(request)
    fast = task_rows(case)
    assert fast
    assert not case.letters.exists()  # no roster record: no eligibility to state, so no notice task met
    assert as_a_full_sync_writes_them(case) == fast


def test_an_unplanned_absences_tasks_are_those_a_full_reading_gives(employee, supervisor, policy_catalogue):
    request = UnplannedRequest(
        submission_key=uuid.uuid4(),
        employee=employee,
        absence_for=AbsenceFor.MYSELF,
        relationship="",
        day=DayEntry(day=TODAY, full_day=True, minutes=480),
        condition=None,
        overtime_shift="",
    )
    case = submit_unplanned_absence(request)
    assert as_a_full_sync_writes_them(case) == task_rows(case)


def test_a_leave_assigned_in_turn_gets_the_tasks_a_full_reading_gives(employee, settings, policy_catalogue):
    settings.DESK_ASSIGNMENT = "round_robin"
    make_specialist("turn")
    case = submit_leave_request(leave_request(employee))
    assert Case.objects.get(pk=case.pk).assignment.owner is not None
    fast = task_rows(case)
    assert fast
    assert as_a_full_sync_writes_them(case) == fast


def test_the_submit_reads_none_of_what_a_new_case_cannot_have_yet(employee, policy_catalogue):
    with CaptureQueriesContext(connection) as captured:
        submit_leave_request(leave_request(employee))
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    for table in ("desk_callnote", "desk_documentrequest", "cases_document", "desk_certification", "desk_task"):
        assert not [sql for sql in reads if f'FROM "{table}"' in sql], table
    assert not [sql for sql in reads if 'FROM "cases_case"' in sql]  # the case is not read again


def test_once_the_submit_is_over_the_case_reads_its_relations_again(employee, specialist, policy_catalogue):
    case = submit_leave_request(leave_request(employee))
    assert new_case_in_hand(case) is None
    DocumentRequest.objects.create(
        case=case, document_type="medical_certification", due_date=TODAY + timedelta(days=15), requested_by=specialist
    )
    assert case.document_requests.count() == 1
    assert [r.document_type for r in case.document_requests.all()] == ["medical_certification"]
    assert [d.policy.code for d in case.decisions.all()] == list(
        case.decisions.order_by("start_date", "policy__name").values_list("policy__code", flat=True)
    )
