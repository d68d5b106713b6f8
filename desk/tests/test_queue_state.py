"""The queue's two columns of a case (desk.queue_state) follow every write of what they are read from."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from cases.models import Case
from cases.submission import submit_leave_request
from cases.tests.test_submit_actions import leave_request
from desk import actions
from desk.queue import QueueFilters, QueueStatus, filtered_queue
from desk.queue_state import first_open_deadline, pending_desk_decision
from desk.tests.conftest import sign_in_to_desk
from policies.models import DecidedBy, DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(employee):
    return submit_leave_request(leave_request(employee))


def columns(case):
    return Case.objects.values_list("awaits_desk_decision", "next_deadline").get(pk=case.pk)


def live_rule(case):
    """The same two values computed from the rows now, as the queue computed them before they were kept."""
    found = Case.objects.filter(pk=case.pk).annotate(live_awaits=pending_desk_decision())
    found = found.annotate(live_next=first_open_deadline())
    return found.values_list("live_awaits", "live_next").get()


def in_open_queue(case):
    return case in filtered_queue(Case.objects.all(), QueueFilters(status=QueueStatus.OPEN), case.submitted_at.date())


def test_a_submitted_leave_is_open_on_the_queue_with_its_first_call_due(submitted):
    awaits, next_deadline = columns(submitted)
    assert awaits is True
    assert next_deadline is not None
    assert columns(submitted) == live_rule(submitted)
    assert in_open_queue(submitted)


def test_deciding_every_desk_policy_takes_the_case_off_the_open_queue(submitted, specialist):
    for decision in submitted.decisions.select_related("policy"):
        if decision.policy.decided_by != DecidedBy.DEPARTMENT:
            actions.deny_decision(decision, start_date=decision.start_date, end_date=decision.end_date,
                                  reason="Not eligible.", by=specialist)  # fmt: skip
    assert columns(submitted) == (False, None)
    assert columns(submitted) == live_rule(submitted)
    assert not in_open_queue(submitted)


def test_a_decision_saved_outside_an_action_moves_the_case_too(submitted):
    """The admin edits one decision at a time (a model save): the signal keeps the columns right."""
    for decision in submitted.decisions.all():
        decision.status = DecisionStatus.APPROVED
        decision.save()
    assert columns(submitted)[0] is False
    assert not in_open_queue(submitted)
    reopened = submitted.decisions.first()
    reopened.status = DecisionStatus.PENDING
    reopened.save()
    assert columns(submitted)[0] is True
    reopened.delete()
    assert columns(submitted) == live_rule(submitted)


def test_a_pending_policy_the_department_decides_does_not_hold_a_case_open(employee):
    case = submit_leave_request(leave_request(employee))
    for decision in case.decisions.all():
        decision.delete()
    assert columns(case)[0] is False
    PolicyDecisionFactory.create(case=case, policy=policy("employee-sick"), status=DecisionStatus.PENDING)
    assert columns(case)[0] is False
    PolicyDecisionFactory.create(case=case, policy=policy("fmla"), status=DecisionStatus.PENDING)
    assert columns(case)[0] is True


def test_cancelling_the_case_clears_both(submitted, specialist):
    actions.cancel_case(submitted, reason="Withdrawn by the employee.", by=specialist)
    assert columns(submitted) == (False, None)
    assert not in_open_queue(submitted)


def test_the_migration_fills_the_columns_of_cases_that_existed_before_them(submitted):
    expected = columns(submitted)
    Case.objects.update(awaits_desk_decision=False, next_deadline=None)
    import_module("desk.migrations.0007_queue_state_of_existing_cases").fill(apps, None)
    assert columns(submitted) == expected


def test_the_queue_page_lists_the_open_case_first_by_its_deadline(client, submitted, specialist):
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:queue")).content.decode()
    assert "1 case" in page
    assert submitted.case_number in page
