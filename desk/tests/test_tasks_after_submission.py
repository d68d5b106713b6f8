"""A submitted leave's tasks follow its events once: the submission and its notices are held (cases.events)."""

import pytest

from cases import events
from cases.submission import submit_leave_request
from cases.tests.test_submit_actions import leave_request
from desk.models import TaskKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard(monkeypatch):
    told: list[object] = []
    monkeypatch.setattr(events, "_LISTENERS", [*events._LISTENERS, told.append])
    return told


def test_a_submitted_leave_is_told_once_with_its_last_event_and_its_desk_tasks_are_there(
    heard, employee, policy_catalogue
):
    case = submit_leave_request(leave_request(employee))
    assert [event.case_id for event in heard] == [case.pk]
    assert heard[0] == case.events.order_by("-at", "-id").first()
    tasks = {task.kind: task for task in case.tasks.all()}
    assert tasks[TaskKind.VERIFICATION_CALL].closed_at is None
    assert tasks[TaskKind.SPECIALIST_CONTACT].closed_at is None
    eligibility = tasks[TaskKind.ELIGIBILITY_NOTICE]  # sent with the submission: met, by its last event
    assert eligibility.closed_at is not None
    assert eligibility.closed_by_event == heard[0]
