"""The draft behind every request: saved at each step, resumed later, never reachable out of order."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client

from cases.models import Case
from intake.models import Draft
from intake.tests.people import roster_record
from intake.tests.walking import days_from_today, post_ok, start_leave, step_url, walk_continuous_leave
from intake.wizard import WIZARDS

pytestmark = pytest.mark.django_db


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


def test_two_tabs_on_one_draft_each_keep_their_own_steps_answers(client, maria):
    """Tab A opened the draft before tab B saved its step; A's save keeps B's answer (it saves only its step)."""
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(20))
    tab_a_loaded = Draft.objects.get(pk=draft.pk)  # as tab A's request read it, before tab B saved
    post_ok(client, step_url(draft, "procedural-questions"), {"payment_option": "unpaid", "work_related": "yes"})
    new_end = days_from_today(27)
    with mock.patch("intake.wizard.get_draft_for_user", return_value=tab_a_loaded):
        post_ok(
            client,
            step_url(draft, "continuous-dates"),
            {"start_date": days_from_today(3).isoformat(), "end_date": new_end.isoformat()},
        )
    draft.refresh_from_db()
    assert draft.answers["continuous-dates"]["end_date"] == new_end.isoformat()  # tab A's change
    assert draft.answers["procedural-questions"] == {"payment_option": "unpaid", "work_related": "yes"}  # tab B's
    assert draft.step_reached == "summary"


def test_a_step_removed_in_one_tab_stays_removed_and_others_are_kept(client, maria):
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(20))
    wizard = WIZARDS[draft.flow](Draft.objects.get(pk=draft.pk))
    post_ok(client, step_url(draft, "procedural-questions"), {"payment_option": "unpaid", "work_related": "yes"})
    wizard.draft.answers.pop("communication-preference", None)
    wizard.save_draft()
    draft.refresh_from_db()
    assert "communication-preference" not in draft.answers
    assert draft.answers["procedural-questions"]["payment_option"] == "unpaid"


def test_the_reason_picker_keeps_no_nul_byte_no_flood_of_reasons_and_no_huge_reason(client, maria):
    """Hostile posts to the picker's own buttons: what the draft stores is what the page could have posted."""
    url = start_leave(client)
    response = client.post(url, {"reasons": ["Mig\x00raine"], "add_reason": "Fl\x00u"})
    assert response.status_code == 200
    assert Draft.objects.get().answers["reason-for-leave"] == {"reasons": ["Mig raine", "Fl u"]}

    client.post(url, {"reasons": [f"Reason {n}" for n in range(990)], "search_reasons": "1"})
    assert Draft.objects.get().answers["reason-for-leave"]["reasons"] == [f"Reason {n}" for n in range(5)]

    page = client.post(url, {"reasons": ["Flu", "x" * 2_000_000], "add_reason": "y" * 300}).content.decode()
    assert Draft.objects.get().answers["reason-for-leave"] == {"reasons": ["Flu"]}
    assert "200 characters" in page

    # Submitting the step itself checks the same on the server.
    too_many = client.post(
        url, {"reasons": ["Flu", "Fever", "Cough", "Surgery", "Migraine", "Asthma"], "action": "next"}
    )
    assert too_many.status_code == 200
    assert "You may select up to five (5) options." in too_many.content.decode()


def test_a_step_saved_again_unchanged_moves_last_saved_at_most_once_a_minute(client, maria):
    """Continue on a step changed nothing: no write within the minute (the dashboard's order holds), then one."""
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(20))
    url = step_url(draft, "procedural-questions")
    answers = dict(draft.answers["procedural-questions"])
    saved = Draft.objects.get(pk=draft.pk).updated_at
    post_ok(client, url, answers)
    assert Draft.objects.get(pk=draft.pk).updated_at == saved
    Draft.objects.filter(pk=draft.pk).update(updated_at=saved - timedelta(minutes=2))
    post_ok(client, url, answers)
    assert Draft.objects.get(pk=draft.pk).updated_at > saved
    assert Draft.objects.get(pk=draft.pk).answers == draft.answers
