"""The wizard's and the dashboard's draft statements, written once (intake.draft_rows), read and write what the
ORM would: only the owner's drafts, the answers as stored, the "last saved" stamp and nothing else."""

from datetime import timedelta
from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from intake import draft_rows
from intake.models import Draft, FlowType
from intake.wizard import WIZARDS, draft_url

pytestmark = pytest.mark.django_db

ANSWERS = {"continuous-or-intermittent": {"continuous": "yes"}, "days": [{"date": "2026-12-03", "hours": None}]}


@pytest.fixture
def owner():
    return UserFactory.create(first_name="Maria", last_name="Santos")


def test_a_step_reads_its_own_draft_of_its_flow_with_the_answers_as_stored(owner):
    draft = Draft.objects.create(owner=owner, flow=FlowType.LEAVE, answers=ANSWERS, step_reached="summary")
    with CaptureQueriesContext(connection) as queries:
        read = draft_rows.owned_draft(owner, draft.id, FlowType.LEAVE)
        assert read is not None
        assert read.owner is owner  # the signed-in person already loaded: not read again
    assert len(queries) == 1
    assert (read.pk, read.answers, read.step_reached, read.flow, read.submitted_at) == (
        draft.pk,
        ANSWERS,
        "summary",
        FlowType.LEAVE,
        None,
    )


def test_another_persons_draft_or_another_flows_is_not_found(owner):
    draft = Draft.objects.create(owner=owner, flow=FlowType.LEAVE, answers=ANSWERS)
    assert draft_rows.owned_draft(UserFactory.create(), draft.id, FlowType.LEAVE) is None
    assert draft_rows.owned_draft(owner, draft.id, FlowType.UNPLANNED) is None


def test_touch_moves_only_the_last_saved_stamp(owner):
    draft = Draft.objects.create(owner=owner, flow=FlowType.LEAVE, answers=ANSWERS, step_reached="summary")
    other = Draft.objects.create(owner=owner, flow=FlowType.LEAVE, answers={})
    later = timezone.now() + timedelta(minutes=5)
    draft_rows.touch(draft, later)
    stored = Draft.objects.get(pk=draft.pk)
    assert (stored.updated_at, stored.answers, stored.step_reached) == (later, ANSWERS, "summary")
    assert Draft.objects.get(pk=other.pk).updated_at < later


def listed(owner):
    with CaptureQueriesContext(connection) as queries:
        drafts = draft_rows.drafts_listed(owner)
        descriptions = [draft.description for draft in drafts]
    return drafts, descriptions, len(queries)


def test_the_dashboard_lists_what_the_orm_lists_and_reads_the_filed_for_employees_in_one_query(owner):
    mine = Draft.objects.create(owner=owner, flow=FlowType.UNPLANNED, answers={})
    for _ in range(2):
        Draft.objects.create(owner=owner, employee=UserFactory.create(), flow=FlowType.UNPLANNED)
    Draft.objects.create(owner=owner, flow=FlowType.LEAVE, submitted_at=timezone.now())
    Draft.objects.create(owner=UserFactory.create(), flow=FlowType.LEAVE)
    Draft.objects.filter(pk=mine.pk).update(updated_at=timezone.now() + timedelta(minutes=1))

    drafts, descriptions, queries = listed(owner)
    assert [draft.pk for draft in drafts] == [draft.pk for draft in Draft.objects.in_progress(owner)]
    assert descriptions == [draft.description for draft in Draft.objects.in_progress(owner)]
    assert drafts[0].pk == mine.pk
    assert queries == 2  # the drafts, and every employee they are filed for at once

    Draft.objects.create(owner=owner, employee=UserFactory.create(), flow=FlowType.UNPLANNED)
    assert listed(owner)[2] == 2


def test_a_drafts_addresses_are_the_ones_reverse_gives_for_every_step_of_every_flow():
    names = ["intake:resume", "intake:delete", "intake:confirmation"]
    names += [f"{wizard.namespace}:{wizard.url_name(step)}" for wizard in WIZARDS.values() for step in wizard.order()]
    for draft_id in (uuid4(), uuid4()):
        assert [draft_url(name, draft_id) for name in names] == [
            reverse(name, kwargs={"draft_id": draft_id}) for name in names
        ]
