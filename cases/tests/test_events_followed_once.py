"""Events held by an action that writes several at once: the listeners hear once per case, of its last event."""

import pytest

from cases import events
from cases.events import followed_once, record_event
from cases.models import CaseEventKind
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard(monkeypatch):
    told: list[object] = []
    monkeypatch.setattr(events, "_LISTENERS", [*events._LISTENERS, told.append])
    return told


def test_outside_a_held_block_each_event_is_told_as_it_is_written(heard):
    case = CaseFactory.create()
    first = record_event(case, CaseEventKind.SUBMITTED, "Submitted")
    second = record_event(case, CaseEventKind.NOTICE, "A notice was sent")
    assert heard == [first, second]


def test_a_held_block_tells_each_case_once_of_its_last_event_when_it_ends(heard):
    one, other = CaseFactory.create(), CaseFactory.create()
    with followed_once():
        record_event(one, CaseEventKind.SUBMITTED, "Submitted")
        record_event(other, CaseEventKind.SUBMITTED, "Submitted")
        last = record_event(one, CaseEventKind.NOTICE, "A notice was sent")
        with followed_once():  # an inner block holds for the outer one
            last_other = record_event(other, CaseEventKind.NOTICE, "A notice was sent")
        assert heard == []
    assert sorted(heard, key=lambda e: e.pk) == [last, last_other]


def _failing_action(case):
    with followed_once():
        record_event(case, CaseEventKind.SUBMITTED, "Submitted")
        raise RuntimeError("the action failed: its transaction rolls back")


def test_a_block_that_fails_tells_no_one(heard):
    case = CaseFactory.create()
    with pytest.raises(RuntimeError):
        _failing_action(case)
    assert heard == []
    record_event(case, CaseEventKind.NOTICE, "Later")
    assert len(heard) == 1  # holding ended with the block
