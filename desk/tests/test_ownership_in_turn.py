"""The round robin moves its counter on in one UPDATE and writes a new case's owner with one INSERT.

The UPDATE computes the next owner from the counter row as it finds it (and locks it until the submit commits),
so nothing reads the row first; a case its submit is making has no assignment row yet, so its row is written with
its owner at once, and the instance the submit returns knows its owner.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.submission import submit_leave_request
from cases.tests.test_submit_actions import leave_request
from desk import ownership
from desk.models import AssignmentCounter, CaseAssignment
from desk.tests.factories import make_specialist

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_turn(settings):
    settings.DESK_ASSIGNMENT = ownership.ROUND_ROBIN


def test_the_counter_goes_round_the_team_in_its_order(in_turn, db):
    ana, ben, cy = make_specialist("ana"), make_specialist("ben"), make_specialist("cy")
    team = ownership.team_of("")[1]
    assert [ownership.next_in_turn("") for _ in range(4)] == [team[0], team[1], team[2], team[0]]
    assert {ana, ben, cy} == set(team)


def test_a_last_owner_who_left_the_team_hands_the_turn_to_the_first(in_turn, db):
    ana, ben = make_specialist("ana"), make_specialist("ben")
    gone = make_specialist("gone")
    AssignmentCounter.objects.create(team="", last_owner=gone)
    gone.is_active = False
    gone.save()
    assert ownership.next_in_turn("") == ownership.team_of("")[1][0]
    assert {ana, ben} == set(ownership.team_of("")[1])


def test_moving_the_counter_on_is_one_update_and_one_read(in_turn, db):
    make_specialist("ana"), make_specialist("ben")
    ownership.next_in_turn("")  # the team's first case made its counter row
    with CaptureQueriesContext(connection) as captured:
        ownership.next_in_turn("")
    counter = [q["sql"] for q in captured.captured_queries if "desk_assignmentcounter" in q["sql"]]
    assert [sql.split()[0] for sql in counter] == ["UPDATE", "SELECT"]
    assert not [sql for sql in counter if "FOR UPDATE" in sql]


def test_a_new_case_gets_its_owner_in_one_insert_and_knows_it(in_turn, employee):
    owner = make_specialist("ana")
    with CaptureQueriesContext(connection) as captured:
        case = submit_leave_request(leave_request(employee))
    assignment = [q["sql"] for q in captured.captured_queries if "desk_caseassignment" in q["sql"]]
    assert [sql.split()[0] for sql in assignment] == ["INSERT"]
    assert case.assignment.owner == owner  # the instance the submit returned
    assert CaseAssignment.objects.get(case=case).owner == owner
