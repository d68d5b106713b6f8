import pytest

from cases.models import Case
from intake.models import Draft, FlowType
from intake.tests.walking import days_from_today, enter_day, post_ok, step_url

pytestmark = pytest.mark.django_db


def test_the_day_to_day_choice_opens_who_is_this_absence_for_without_a_draft_yet(client, maria):
    post_ok(client, "/request/file-for/", {"filer": "myself"})
    url = post_ok(client, "/request/absence-type/", {"absence_type": "unplanned"})
    assert url == "/request/unplanned/"
    assert "Who is this absence for?" in client.get(url).content.decode()
    assert not Draft.objects.exists()


def test_other_needs_the_relationship(client, maria):
    response = client.post("/request/unplanned/", {"absence_for": "other", "relationship": " "})
    assert "Enter the relationship." in response.content.decode()
    assert "(optional)" not in response.content.decode()  # the box shows only for Other, where it is required
    assert not Draft.objects.exists()
    url = post_ok(client, "/request/unplanned/", {"absence_for": "other", "relationship": "Grandmother"})
    draft = Draft.objects.get()
    assert draft.flow == FlowType.UNPLANNED
    assert url == step_url(draft, "day-date")


def test_the_date_runs_from_yesterday_to_60_days_ahead(client, maria):
    url = post_ok(client, "/request/unplanned/", {"absence_for": "myself"})
    early = client.post(url, {"date": days_from_today(-2).isoformat()}).content.decode()
    assert "up to one day in the past" in early
    late = client.post(url, {"date": days_from_today(61).isoformat()}).content.decode()
    assert "up to 60 days in the future" in late
    assert post_ok(client, url, {"date": days_from_today(-1).isoformat()}).endswith("/day-full-day/")


def test_an_unplanned_absence_asks_neither_doctor_visit_nor_notes_and_takes_one_day(client, maria):
    url = post_ok(client, "/request/unplanned/", {"absence_for": "myself"})
    list_url = enter_day(client, url, days_from_today(2))
    draft = Draft.objects.get()
    assert list_url == step_url(draft, "day-list")
    page = client.get(list_url).content.decode()
    assert "What is the date of the absence being reported?" in page
    assert days_from_today(2).strftime("%b %d").upper() in page
    assert "Add another day" not in page
    # Another day cannot be added once the one day is there.
    assert client.get(f"{step_url(draft, 'day-date')}?day=new").status_code == 200
    second = client.post(step_url(draft, "day-date"), {"date": days_from_today(3).isoformat(), "editing": ""})
    assert "will need to be submitted individually" in second.content.decode()
    # Editing the one day is allowed: the day moves.
    enter_day(client, step_url(draft, "day-date"), days_from_today(3), editing=days_from_today(2).isoformat())
    draft.refresh_from_db()
    assert [day["date"] for day in draft.answers["days"]] == [days_from_today(3).isoformat()]


def test_the_reason_is_required_and_only_one(client, maria):
    url = post_ok(client, "/request/unplanned/", {"absence_for": "child"})
    url = enter_day(client, url, days_from_today(0), full_day="no", start="08:00 AM", end="10:00 AM")
    url = post_ok(client, url, {"action": "next"})
    assert url.endswith("/reason/")
    assert "A reason must be provided" in client.post(url, {"action": "next"}).content.decode()
    two = client.post(url, {"reasons": ["Flu", "Fever"], "action": "next"}).content.decode()
    assert "Unplanned Absences only allow for one (1) reason." in two
    url = post_ok(client, url, {"reasons": ["Flu"], "action": "next"})
    assert url.endswith("/overtime-shift/")
    assert "Is your absence for an overtime shift?" in client.get(url).content.decode()
    assert post_ok(client, url, {"overtime_shift": "not_ot"}).endswith("/summary/")


def test_submitting_shows_the_case_number_and_a_link_to_report_another(client, maria):
    url = post_ok(client, "/request/unplanned/", {"absence_for": "myself"})
    url = enter_day(client, url, days_from_today(1))
    url = post_ok(client, url, {"action": "next"})
    url = post_ok(client, url, {"reasons": ["Flu"], "action": "next"})
    url = post_ok(client, url, {"overtime_shift": "voluntary"})
    page = client.post(url, follow=True).content.decode()
    case = Case.objects.get()
    assert (
        f"The request has been received. Your case number is <strong data-case-number>{case.case_number}</strong>. "
        "To make changes to this absence, call Workpartners. To submit another absence please submit "
        '<a href="/request/unplanned/">here</a>.'
    ) in page
