import pytest
from django.test import Client

from accounts.models import PhoneDevice
from accounts.tests.conftest import latest_code, latest_message_to
from accounts.tests.factories import PASSWORD
from accounts.tests.walks import identity_of, without_csrf
from notices.models import Message

pytestmark = pytest.mark.django_db


def forgot(client, employee, **changes):
    data = {**identity_of(employee.roster_record), "employee_number": employee.roster_record.employee_number}
    return client.post("/accounts/forgot-user-id/", {**data, **changes}, follow=True)


def test_a_forgotten_username_goes_by_text_and_is_never_shown(client, employee):
    response = forgot(client, employee)
    number = PhoneDevice.objects.get(user=employee).number
    assert "msantos" in latest_message_to(number).body
    assert latest_message_to(number).channel == "sms"
    assert "msantos" not in response.content.decode()


def test_a_forgotten_username_goes_by_a_call_that_spells_it_out_when_codes_come_by_call(client, employee):
    PhoneDevice.objects.filter(user=employee).update(method="voice")
    forgot(client, employee)
    call = latest_message_to(PhoneDevice.objects.get(user=employee).number)
    assert call.channel == "voice"
    assert "Your Consumer Portal username is m, s, a, n, t, o, s." in call.body


def test_forgot_user_id_answers_in_our_words_when_something_is_missing(client):
    body = client.post("/accounts/forgot-user-id/", {"first_name": "x" * 101}).content.decode()
    assert "Use at most 100 characters." in body
    assert "Enter your employee number." in body
    assert "This field is required" not in body
    assert "Ensure this value" not in body


def test_a_forgotten_username_request_that_matches_nothing_looks_the_same(client, employee):
    sent = forgot(client, employee)
    unmatched = forgot(Client(), employee, employee_number="000000")
    assert without_csrf(sent.content) == without_csrf(unmatched.content)
    assert Message.objects.count() == 1


def test_a_password_is_reset_with_a_code_to_the_verified_phone(client, employee):
    number = PhoneDevice.objects.get(user=employee).number
    client.post("/accounts/reset-password/", {"username": "MSANTOS"})
    client.post("/accounts/reset-password/verify/", {"code": latest_code(number)})
    weak = client.post("/accounts/reset-password/new/", {"password": "short", "confirm_password": "short"})
    assert "Your password does not meet every rule yet." in weak.content.decode()
    client.post("/accounts/reset-password/new/", {"password": "Fresh!Start2", "confirm_password": "Fresh!Start2"})
    employee.refresh_from_db()
    assert employee.check_password("Fresh!Start2")
    assert not employee.check_password(PASSWORD)


def test_the_new_password_page_needs_the_code_first(client, employee):
    client.post("/accounts/reset-password/", {"username": "msantos"})
    assert client.get("/accounts/reset-password/new/")["Location"] == "/accounts/reset-password/"


def test_a_reset_for_an_unknown_username_looks_the_same_and_sends_nothing(client, employee):
    known = client.post("/accounts/reset-password/", {"username": "msantos"}, follow=True)
    unknown = Client().post("/accounts/reset-password/", {"username": "nobody"}, follow=True)
    assert without_csrf(known.content) == without_csrf(unknown.content)
    assert Message.objects.count() == 1
