"""The summary's POST submits the draft in one transaction, with one read of the draft that takes its lock."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from intake.models import Draft
from intake.tests.people import supervisor_and_employee
from intake.tests.walking import days_from_today, step_url, walk_continuous_leave

pytestmark = pytest.mark.django_db


def draft_reads(captured):
    return [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT") and "intake_draft" in q["sql"]]


def test_the_submit_reads_the_draft_once_and_locks_it_with_that_read(client, maria):
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(10))
    with CaptureQueriesContext(connection) as captured:
        response = client.post(step_url(draft, "summary"))
    assert response.status_code == 302
    assert response["Location"] == f"/request/drafts/{draft.id}/confirmation/"
    (read,) = draft_reads(captured)
    if connection.features.has_select_for_update:  # SQLite takes no row locks: the transaction serializes instead
        assert "FOR UPDATE" in read
    draft.refresh_from_db()
    assert draft.is_submitted
    assert Case.objects.get(submission_key=draft.id).employee == maria


def test_submitting_the_summary_again_shows_the_same_confirmation_and_makes_no_second_case(client, maria):
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(10))
    first = client.post(step_url(draft, "summary"))
    again = client.post(step_url(draft, "summary"))
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Case.objects.filter(submission_key=draft.id).count() == 1


def test_a_draft_no_longer_valid_is_sent_to_its_step_and_nothing_is_kept(client, maria):
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(10))
    answers = draft.answers
    answers["continuous-dates"]["start_date"] = ""
    Draft.objects.filter(pk=draft.pk).update(answers=answers)
    response = client.post(step_url(draft, "summary"))
    assert response.status_code == 302
    assert response["Location"] == step_url(draft, "continuous-dates")
    draft.refresh_from_db()
    assert not draft.is_submitted
    assert not Case.objects.exists()


def test_another_persons_draft_is_not_found_and_not_submitted(client):
    supervisor, employee = supervisor_and_employee()
    client.force_login(employee)
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(10))
    client.force_login(supervisor)
    assert client.post(step_url(draft, "summary")).status_code == 404
    draft.refresh_from_db()
    assert not draft.is_submitted
    assert not Case.objects.exists()
