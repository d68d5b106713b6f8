"""The draft behind every request: saved at each step, resumed later, never reachable out of order."""

import pytest
from django.test import Client

from cases.models import Case
from intake.models import Draft
from intake.tests.people import roster_record, supervisor_and_employee
from intake.tests.walking import days_from_today, post_ok, start_leave, step_url, walk_continuous_leave

pytestmark = pytest.mark.django_db


@pytest.fixture
def maria(client):
    _, employee = supervisor_and_employee()
    client.force_login(employee)
    return employee


def test_every_step_saves_its_answers_in_the_draft(client, maria):
    url = start_leave(client)
    post_ok(client, url, {"reasons": ["Surgery"]})
    draft = Draft.objects.get()
    assert draft.answers["reason-for-leave"] == {"reasons": ["Surgery"], "confirmed": True}
    assert draft.step_reached == "continuous-or-intermittent"


def test_a_later_step_cannot_be_opened_before_the_earlier_ones_are_answered(client, maria):
    url = start_leave(client)
    draft = Draft.objects.get()
    for step in ("continuous-or-intermittent", "procedural-questions", "summary", "day-list"):
        assert client.get(step_url(draft, step))["Location"] == url
    assert client.post(step_url(draft, "procedural-questions"), {"payment_option": "unpaid"})["Location"] == url
    draft.refresh_from_db()
    assert "procedural-questions" not in draft.answers


def test_a_step_off_the_chosen_branch_cannot_be_opened(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Surgery"]})
    url = post_ok(client, url, {"continuous": "yes"})
    draft = Draft.objects.get()
    assert client.get(step_url(draft, "known-days"))["Location"] == step_url(draft, "continuous-dates")


def test_back_shows_the_previous_step_with_its_answers(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Surgery"]})
    url = post_ok(client, url, {"continuous": "yes"})
    page = client.get(url).content.decode()
    draft = Draft.objects.get()
    assert f'href="{step_url(draft, "continuous-or-intermittent")}">Back' in page
    previous = client.get(step_url(draft, "continuous-or-intermittent")).content.decode()
    assert (
        'value="yes" required class="usa-radio__input usa-radio__input--tile" id="id_continuous_0" checked' in previous
    )


def test_another_users_draft_is_not_found(client, maria):
    start_leave(client)
    draft = Draft.objects.get()
    someone = Client()
    other = type(maria).objects.create_user("ckim", roster_record=roster_record("100003", "Chen", "Kim"))
    someone.force_login(other)
    assert someone.get(step_url(draft, "reason-for-leave")).status_code == 404
    assert someone.get(f"/request/drafts/{draft.id}/").status_code == 404
    assert someone.post(f"/request/drafts/{draft.id}/delete/").status_code == 404
    assert Draft.objects.exists()


def test_the_dashboard_lists_drafts_in_progress_and_continue_resumes_where_the_user_stopped(client, maria):
    url = start_leave(client, "bonding")
    url = post_ok(client, url, {"reasons": ["Adoption"]})
    draft = Draft.objects.get()
    client.logout()
    client.force_login(maria)  # another day, another device: a new session
    dashboard = client.get("/dashboard/").content.decode()
    assert "Requests in progress" in dashboard
    assert "Leave of absence: Bonding with a Child" in dashboard
    assert client.get(f"/request/drafts/{draft.id}/")["Location"] == url


def test_delete_removes_the_draft_from_the_dashboard(client, maria):
    start_leave(client)
    draft = Draft.objects.get()
    assert client.post(f"/request/drafts/{draft.id}/delete/")["Location"] == "/dashboard/"
    assert not Draft.objects.exists()
    assert "Requests in progress" not in client.get("/dashboard/").content.decode()


def test_a_submitted_draft_leaves_the_dashboard_and_its_steps_lead_to_the_confirmation(client, maria):
    draft = walk_continuous_leave(client, days_from_today(2), days_from_today(9))
    client.post(step_url(draft, "summary"))
    confirmation = f"/request/drafts/{draft.id}/confirmation/"
    assert client.get(step_url(draft, "procedural-questions"))["Location"] == confirmation
    assert client.get(f"/request/drafts/{draft.id}/")["Location"] == confirmation
    assert "Requests in progress" not in client.get("/dashboard/").content.decode()


def test_a_second_submit_of_the_summary_shows_the_same_confirmation(client, maria):
    draft = walk_continuous_leave(client, days_from_today(2), days_from_today(9))
    first = client.post(step_url(draft, "summary"))
    second = client.post(step_url(draft, "summary"))
    assert first["Location"] == second["Location"] == f"/request/drafts/{draft.id}/confirmation/"
    assert Case.objects.count() == 1


def test_the_summary_sends_an_incomplete_draft_back_to_the_step_to_fix(client, maria):
    draft = walk_continuous_leave(client, days_from_today(2), days_from_today(9))
    draft.answers["continuous-dates"]["start_date"] = days_from_today(-40).isoformat()
    draft.save()
    assert client.get(step_url(draft, "summary"))["Location"] == step_url(draft, "continuous-dates")
    assert client.post(step_url(draft, "summary"))["Location"] == step_url(draft, "continuous-dates")
