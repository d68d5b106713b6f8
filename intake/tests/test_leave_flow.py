import pytest

from cases.models import Case
from intake.models import Draft, FlowType
from intake.tests.walking import (
    communication_by_email,
    days_from_today,
    enter_day,
    post_ok,
    start_leave,
    step_url,
    walk_continuous_leave,
)

pytestmark = pytest.mark.django_db


def test_choosing_a_protected_reason_starts_a_leave_draft_at_the_reason_for_leave(client, maria):
    url = start_leave(client, "family_health")
    draft = Draft.objects.get()
    assert draft.owner == maria
    assert draft.flow == FlowType.LEAVE
    assert draft.answers["absence-type"] == {"reason": "family_health"}
    assert url == step_url(draft, "reason-for-leave")


def test_other_ends_with_the_phone_message_and_creates_nothing(client, maria):
    post_ok(client, "/request/file-for/", {"filer": "myself"})
    response = client.post("/request/absence-type/", {"absence_type": "other"}, follow=True)
    assert "Please contact WorkPartners intake at" in response.content.decode()
    assert "833-640-2800" in response.content.decode()
    assert not Draft.objects.exists()
    assert not Case.objects.exists()


def test_an_employee_without_reports_choosing_my_employee_is_told_they_have_no_reports(client, maria):
    page = client.get("/request/file-for/").content.decode()
    assert 'value="employee"' in page
    assert "disabled" not in page
    response = client.post("/request/file-for/", {"filer": "employee"})
    assert response.status_code == 200
    assert "You have no direct reports on the roster" in response.content.decode()
    assert client.get("/request/absence-type/")["Location"] == "/request/file-for/"
    assert client.get("/request/file-for/employee/")["Location"] == "/request/file-for/"


def test_the_absence_type_page_needs_the_file_for_answer_first(client, maria):
    assert client.get("/request/absence-type/")["Location"] == "/request/file-for/"


def test_the_reason_for_leave_needs_one_to_five_reasons(client, maria):
    url = start_leave(client)
    none = client.post(url, {"action": "next"})
    assert "A reason must be provided to move forward." in none.content.decode()
    six = ["Surgery", "Flu", "Migraine", "Back pain", "Asthma", "Anxiety"]
    too_many = client.post(url, {"reasons": six, "action": "next"})
    assert "You may select up to five (5) options." in too_many.content.decode()
    assert post_ok(client, url, {"reasons": six[:5], "action": "next"}).endswith("/continuous-or-intermittent/")


def test_the_reason_for_leave_says_supervisors_never_see_it(client, maria):
    page = client.get(start_leave(client)).content.decode()
    assert "will NOT be included in the absence notifications" in page


def test_without_javascript_reasons_are_searched_added_and_removed_on_the_server(client, maria):
    url = start_leave(client)
    found = client.post(url, {"q": "migraine", "search_reasons": "1"}).content.decode()
    assert "Migraine" in found
    page = client.post(url, {"add_reason": "my own words"}).content.decode()
    assert "my own words" in page
    assert Draft.objects.get().answers["reason-for-leave"]["reasons"] == ["my own words"]
    client.post(url, {"reasons": ["my own words"], "remove_reason": "my own words"})
    assert Draft.objects.get().answers["reason-for-leave"]["reasons"] == []
    # Searching, adding or removing saves the draft but does not answer the step.
    assert client.get(step_url(Draft.objects.get(), "continuous-or-intermittent"))["Location"] == url


def test_a_continuous_leave_refuses_a_start_31_days_past_and_an_end_before_the_start(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Surgery"], "action": "next"})
    url = post_ok(client, url, {"continuous": "yes"})
    too_early = client.post(url, {"start_date": days_from_today(-31), "end_date": days_from_today(5)})
    assert "call us to complete your request" in too_early.content.decode()
    backwards = client.post(url, {"start_date": days_from_today(5), "end_date": days_from_today(4)})
    assert "The end date must be on or after the start date." in backwards.content.decode()
    assert post_ok(client, url, {"start_date": days_from_today(-30), "end_date": days_from_today(-30)})


def test_an_intermittent_leave_without_known_days_goes_straight_to_the_procedural_questions(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Migraine"], "action": "next"})
    url = post_ok(client, url, {"continuous": "no"})
    assert url.endswith("/known-days/")
    assert post_ok(client, url, {"known": "no"}).endswith("/procedural-questions/")


def test_intermittent_days_are_entered_edited_and_removed_in_the_list(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Migraine"], "action": "next"})
    url = post_ok(client, url, {"continuous": "no"})
    url = post_ok(client, url, {"known": "yes"})
    draft = Draft.objects.get()
    first, second = days_from_today(-3), days_from_today(4)
    list_url = enter_day(client, url, first, doctor_visit="yes", notes="Neurologist")
    assert list_url == step_url(draft, "day-list")
    enter_day(client, f"{step_url(draft, 'day-date')}?day=new", second, full_day="no", start="10:00 PM", end="01:00 AM",
              confirmed="22:00-01:00")  # fmt: skip
    page = client.get(list_url).content.decode()
    assert first.strftime("%b %d").upper() in page
    assert "(ends the next day)" in page
    # A date cannot be entered twice.
    twice = client.post(step_url(draft, "day-date"), {"date": first.isoformat(), "editing": ""})
    assert "already entered this date" in twice.content.decode()
    # Selecting a day edits it: moving the second day keeps its answers as the starting point.
    edit_page = client.get(f"{step_url(draft, 'day-date')}?day={second.isoformat()}").content.decode()
    assert f'value="{second.isoformat()}"' in edit_page
    moved = days_from_today(6)
    enter_day(client, step_url(draft, "day-date"), moved, editing=second.isoformat(), full_day="yes",
              amount="other", hours="3", minutes="15")  # fmt: skip
    draft.refresh_from_db()
    assert [day["date"] for day in draft.answers["days"]] == [first.isoformat(), moved.isoformat()]
    assert draft.answers["days"][1]["minutes"] == 195
    post_ok(client, list_url, {"remove": first.isoformat()})
    draft.refresh_from_db()
    assert [day["date"] for day in draft.answers["days"]] == [moved.isoformat()]
    assert post_ok(client, list_url, {"action": "next"}).endswith("/procedural-questions/")


def test_an_intermittent_day_more_than_30_days_past_gets_the_guidance(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Migraine"], "action": "next"})
    url = post_ok(client, url, {"continuous": "no"})
    url = post_ok(client, url, {"known": "yes"})
    refused = client.post(url, {"date": days_from_today(-31).isoformat()})
    assert "If the day missed is more than 30 days in the past" in refused.content.decode()


def test_the_full_day_default_is_the_scheduled_hours(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Migraine"], "action": "next"})
    url = post_ok(client, url, {"continuous": "no"})
    url = post_ok(client, url, {"known": "yes"})
    url = post_ok(client, url, {"date": days_from_today(1).isoformat()})
    url = post_ok(client, url, {"full_day": "yes"})
    assert "7 HOURS 30 MINUTES" in client.get(url).content.decode()  # Maria's roster: 7.5 hours a day
    zero = client.post(url, {"amount": "other", "hours": "0", "minutes": "0"})
    assert "greater than 0" in zero.content.decode()
    too_long = client.post(url, {"amount": "other", "hours": "24", "minutes": "1"})
    assert "no more than 24 hours" in too_long.content.decode()


def test_partial_days_need_valid_times_and_the_server_computes_the_duration(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Migraine"], "action": "next"})
    url = post_ok(client, url, {"continuous": "no"})
    url = post_ok(client, url, {"known": "yes"})
    url = post_ok(client, url, {"date": days_from_today(1).isoformat()})
    url = post_ok(client, url, {"full_day": "no"})
    bad = client.post(url, {"start": "25:00", "end": "10:00 AM"})
    assert "Enter a time like 9:00 AM." in bad.content.decode()
    calculated = client.post(url, {"start": "11:30 PM", "end": "01:00 AM", "action": "calculate"}).content.decode()
    assert "01:30" in calculated
    assert "crosses midnight" in calculated


def test_communication_by_email_needs_an_email_and_by_mail_a_full_address(client, maria):
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(10))
    url = step_url(draft, "communication-preference")
    no_email = client.post(url, {**communication_by_email(), "email": ""})
    assert "Enter your email address." in no_email.content.decode()
    by_mail = client.post(url, {**communication_by_email(), "by_email": "no"}).content.decode()
    for message in ("Enter your street address.", "Enter your city.", "Select your state.", "Enter your ZIP code."):
        assert message in by_mail
    bad = client.post(url, {**communication_by_email(), "phone": "123", "by_email": "no", "zip_code": "1803"})
    assert "Enter a valid phone number" in bad.content.decode()
    assert "Enter a 5-digit ZIP code" in bad.content.decode()
    address = {"address_line1": "600 Grant Street", "city": "Burlington", "state": "MA", "zip_code": "01803"}
    assert post_ok(client, url, {**communication_by_email(), "by_email": "no", **address}).endswith("/summary/")


def test_the_communication_step_is_filled_from_what_we_know(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Migraine"], "action": "next"})
    url = post_ok(client, url, {"continuous": "no"})
    url = post_ok(client, url, {"known": "no"})
    url = post_ok(client, url, {"payment_option": "unpaid", "work_related": "no"})
    assert 'value="maria@home.example"' in client.get(url).content.decode()


def test_the_summary_groups_every_answer_and_submit_shows_the_case_number(client, maria):
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(10))
    summary = client.get(step_url(draft, "summary")).content.decode()
    for text in ("Reason for Leave", "Surgery", "Continuous", "Procedural Questions", "Communication Preference"):
        assert text in summary
    assert summary.count(">Edit<") == 4
    confirmation = client.post(step_url(draft, "summary"), follow=True).content.decode()
    case = Case.objects.get()
    assert "Your claim has been submitted." in confirmation
    assert "The request has been received and is being processed." in confirmation
    assert f"Your case number is <strong data-case-number>{case.case_number}</strong>." in confirmation
    assert "A Case Specialist will reach out within 5 business days" in confirmation


def test_edit_from_the_summary_returns_to_the_summary(client, maria):
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(10))
    client.get(step_url(draft, "summary"))
    back = post_ok(client, step_url(draft, "procedural-questions"), {"payment_option": "unpaid", "work_related": "yes"})
    assert back == step_url(draft, "summary")


def test_switching_to_intermittent_from_the_summary_asks_the_new_questions_first(client, maria):
    draft = walk_continuous_leave(client, days_from_today(3), days_from_today(10))
    client.get(step_url(draft, "summary"))
    url = post_ok(client, step_url(draft, "continuous-or-intermittent"), {"continuous": "no"})
    assert url == step_url(draft, "known-days")
    assert post_ok(client, url, {"known": "no"}) == step_url(draft, "summary")


def test_the_days_of_an_intermittent_leave_have_their_own_edit_in_the_summary(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Migraine"], "action": "next"})
    url = post_ok(client, url, {"continuous": "no"})
    url = post_ok(client, url, {"known": "yes"})
    list_url = enter_day(client, url, days_from_today(2))
    url = post_ok(client, list_url, {"action": "next"})
    url = post_ok(client, url, {"payment_option": "unpaid", "work_related": "no"})
    summary_url = post_ok(client, url, communication_by_email())
    summary = client.get(summary_url).content.decode()
    assert f'href="{list_url}"' in summary
    assert "Days you have missed or will miss" in summary
    # From the summary, adding a day returns to the summary.
    draft = Draft.objects.get()
    assert enter_day(client, f"{step_url(draft, 'day-date')}?day=new", days_from_today(3)) == summary_url
    draft.refresh_from_db()
    assert len(draft.answers["days"]) == 2


def test_every_day_entry_page_has_a_heading(client, maria):
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Migraine"], "action": "next"})
    url = post_ok(client, url, {"continuous": "no"})
    url = post_ok(client, url, {"known": "yes"})
    assert "<h1>Intermittent Leave Request</h1>" in client.get(url).content.decode()
