"""The day-entry steps (intake.day_entry): times as people type them, unusual days asked about once, and messages
that say what to do. Walked in an intermittent leave for Maria Santos, whose roster day is 7.5 hours."""

import pytest
from django.conf import settings

from intake.models import Draft
from intake.tests.walking import days_from_today, enter_day, post_ok, start_leave, step_url

pytestmark = pytest.mark.django_db


def date_step(client):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Migraine"], "action": "next"})
    url = post_ok(client, url, {"continuous": "no"})
    return post_ok(client, url, {"known": "yes"})


def times_step(client):
    url = post_ok(client, date_step(client), {"date": days_from_today(1).isoformat()})
    return post_ok(client, url, {"full_day": "no"})


def hours_step(client):
    url = post_ok(client, date_step(client), {"date": days_from_today(1).isoformat()})
    return post_ok(client, url, {"full_day": "yes"})


def working_day():
    return Draft.objects.get().answers["day"]


# --- Times as people type them ---------------------------------------------------------------------


def test_times_typed_as_people_type_them_are_shown_back_as_hh_mm_am_pm(client, maria):
    page = client.post(times_step(client), {"start": "9am", "end": "11 am", "action": "calculate"}).content.decode()
    assert 'value="09:00 AM"' in page
    assert 'value="11:00 AM"' in page
    assert ">02:00</output>" in page


def test_the_duration_fragment_for_htmx_uses_the_same_reading(client, maria):
    fragment = client.post(
        times_step(client), {"start": "1:30", "end": "0300", "action": "calculate"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in fragment
    assert ">01:30</output>" in fragment  # 1:30 PM (a working day's afternoon) to 03:00 PM
    assert 'data-start-shown="01:30 PM"' in fragment
    assert "Read as 01:30 PM to 03:00 PM." in fragment


def test_times_typed_as_people_type_them_are_saved_as_read(client, maria):
    url = post_ok(client, times_step(client), {"start": "9am", "end": "2:30p"})
    assert url.endswith("/day-doctor-visit/")
    assert (working_day()["start"], working_day()["end"], working_day()["minutes"]) == ("09:00", "14:30", 330)


def test_a_time_that_cannot_be_read_is_refused_with_how_to_write_it(client, maria):
    url = times_step(client)
    page = client.post(url, {"start": "nine-ish", "end": "11am"}).content.decode()
    assert "Enter a time like 9:00 AM." in page
    assert 'value="nine-ish"' in page  # kept as typed, to be corrected
    too_long = client.post(url, {"start": "9 in the morning please", "end": "11am"}).content.decode()
    assert "Enter a time like 9:00 AM." in too_long
    assert "Ensure this value" not in too_long


# --- Unusual partial days are asked about once -----------------------------------------------------


def test_a_partial_day_that_ends_the_next_day_asks_once_to_confirm(client, maria):
    url = times_step(client)
    asked = client.post(url, {"start": "2pm", "end": "1pm"})
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "2:00 PM to 1:00 PM is 23 hours, ending the next day. Is that right?" in page
    assert 'name="confirmed" value="14:00-13:00"' in page
    assert "No, change the times" in page
    assert post_ok(client, url, {"start": "02:00 PM", "end": "01:00 PM", "confirmed": "14:00-13:00"})
    assert working_day()["minutes"] == 23 * 60


def test_a_confirmation_holds_only_for_the_times_it_confirmed(client, maria):
    page = client.post(times_step(client), {"start": "10pm", "end": "2am", "confirmed": "14:00-13:00"})
    assert "10:00 PM to 2:00 AM is 4 hours, ending the next day. Is that right?" in page.content.decode()


def test_a_partial_day_longer_than_the_scheduled_day_asks_to_confirm(client, maria):
    page = client.post(times_step(client), {"start": "7am", "end": "5pm"}).content.decode()
    assert "7:00 AM to 5:00 PM is 10 hours, longer than your scheduled day of 7 hours 30 minutes." in page


def test_an_ordinary_partial_day_is_saved_without_a_question(client, maria):
    assert post_ok(client, times_step(client), {"start": "8am", "end": "3:30pm"}).endswith("/day-doctor-visit/")


def test_editing_a_confirmed_day_does_not_ask_again_for_the_same_times(client, maria):
    list_url = enter_day(client, date_step(client), days_from_today(1), full_day="no", start="10pm", end="2am",
                         confirmed="22:00-02:00")  # fmt: skip
    draft = Draft.objects.get()
    assert list_url == step_url(draft, "day-list")
    edit = f"{step_url(draft, 'day-date')}?day={days_from_today(1).isoformat()}"
    enter_day(client, edit, days_from_today(1), editing=days_from_today(1).isoformat(), full_day="no",
              start="10:00 PM", end="02:00 AM")  # fmt: skip
    draft.refresh_from_db()
    assert draft.answers["days"][0]["minutes"] == 240


# --- The full-day hours ---------------------------------------------------------------------------


def test_the_hours_and_minutes_boxes_belong_to_other(client, maria):
    page = client.get(hours_step(client)).content.decode()
    assert 'data-reveal-for="amount" data-reveal-value="other"' in page
    assert "js/reveal.js" in page


def test_hours_and_minutes_beyond_a_day_are_refused_in_plain_words(client, maria):
    url = hours_step(client)
    page = client.post(url, {"amount": "other", "hours": "25", "minutes": "60"}).content.decode()
    assert "Enter 24 hours or less." in page
    assert "Enter 59 minutes or less." in page
    assert "Ensure this value" not in page
    negative = client.post(url, {"amount": "other", "hours": "-1", "minutes": "7.5"}).content.decode()
    assert "Enter 0 hours or more." in negative
    assert "Enter the minutes as a whole number, like 30." in negative


def test_what_is_left_in_the_other_boxes_does_not_count_for_the_scheduled_day(client, maria):
    assert post_ok(client, hours_step(client), {"amount": "scheduled", "hours": "99", "minutes": "x"})
    assert working_day()["minutes"] == 450


def test_a_tampered_answer_gets_the_questions_own_message(client, maria):
    url = post_ok(client, date_step(client), {"date": days_from_today(1).isoformat()})
    page = client.post(url, {"full_day": "maybe"}).content.decode()
    assert "Select Yes or No." in page
    assert "Select a valid choice" not in page


# --- Dates -----------------------------------------------------------------------------------------


def test_a_date_too_far_back_names_the_earliest_date_and_whom_to_call(client, maria):
    page = client.post(date_step(client), {"date": days_from_today(-31).isoformat()}).content.decode()
    earliest = days_from_today(-30)
    assert f"The earliest date you can enter here is {earliest:%B} {earliest.day}, {earliest.year}." in page
    assert f"For an earlier date, call Workpartners at {settings.ADMINISTRATOR['phone']}." in page


def test_the_date_guidance_keeps_the_guides_words_and_links_the_contact_us_page(client, maria):
    page = client.get(date_step(client)).content.decode()
    assert 'please visit the <a class="usa-link" href="/contact-us/">Contact Us</a> page and call us' in page


def test_calculate_duration_shows_the_time_without_asking_yet(client, maria):
    page = client.post(times_step(client), {"start": "2pm", "end": "1pm", "action": "calculate"}).content.decode()
    assert ">23:00</output>" in page
    assert "Is that right?" not in page
