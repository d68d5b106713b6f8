import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import sending_limits
from accounts.models import AccountEvent, AccountEventKind, PhoneDevice
from accounts.sending_limits import PER_NUMBER
from accounts.tests.conftest import latest_code
from accounts.tests.factories import PASSWORD, EmployeeWithPhoneFactory
from accounts.tests.walks import PASSWORD as REGISTERED_PASSWORD
from accounts.tests.walks import PHONE as REGISTERED_PHONE
from accounts.tests.walks import register, roster_person, sign_in, without_csrf
from notices.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_back_off(monkeypatch):
    """No wait between two codes to one number, to reach the daily cap within a test."""
    monkeypatch.setattr(sending_limits, "BACK_OFF", timedelta(0))


def phone_of(user):
    return PhoneDevice.objects.get(user=user, confirmed=True).number


def password_step(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_an_unknown_username_and_a_wrong_password_get_the_same_answer(client, employee):
    unknown = password_step(client, "nobody", "Wrong!pass1")
    wrong = password_step(client, "msantos", "Wrong!pass1")
    assert unknown.status_code == wrong.status_code == 200
    assert without_csrf(unknown.content).replace("nobody", "msantos") == without_csrf(wrong.content)
    assert "The username or password is not right" in unknown.content.decode()


def test_a_failed_log_in_keeps_the_username_and_never_the_password(client, employee):
    page = password_step(client, "msantos", "Wrong!pass1").content.decode()
    assert 'name="username" value="msantos"' in page
    assert "Wrong!pass1" not in page


def test_edit_profile_on_the_log_in_page_says_you_log_in_first_and_takes_you_there(client, employee):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/login/?next=/accounts/profile/"' in page
    assert "(log in first, then you go to your profile)" in page
    arrived = client.get("/accounts/login/?next=/accounts/profile/").content.decode()
    assert "Log in first to edit your profile. Once you are logged in, we take you to your profile." in arrived
    password_step(client, "msantos", PASSWORD)
    response = client.post("/accounts/login/verify/", {"code": latest_code(phone_of(employee))})
    assert response["Location"] == "/accounts/profile/"
    assert client.get("/accounts/profile/").status_code == 200


@pytest.mark.parametrize("times", [6, 10])
def test_signing_in_many_times_in_an_hour_is_never_refused(client, employee, times):
    for _ in range(times):
        sign_in(client, "msantos", PASSWORD, phone_of(employee))
        assert client.get("/dashboard/").status_code == 200
        client.post("/accounts/logout/")
    assert not AccountEvent.objects.filter(kind=AccountEventKind.SEND_LIMITED).exists()


def test_registering_then_signing_in_is_never_refused(client):
    record = roster_person()
    register(client, record)
    for _ in range(6):
        sign_in(client, "msantos", REGISTERED_PASSWORD, REGISTERED_PHONE)
        assert client.get("/dashboard/").status_code == 200
        client.post("/accounts/logout/")


def test_asking_again_at_once_gets_one_message_saying_when_and_a_call_instead(client, employee):
    password_step(client, "msantos", PASSWORD)
    page = client.post("/accounts/login/verify/resend/").content.decode()
    assert page.count('role="alert"') == 1
    assert re.search(r"You can ask for a new text message in \d+ seconds\.", page)
    assert "We sent a text message" not in page
    assert 'name="method" value="voice"' in page
    client.post("/accounts/login/verify/resend/", {"method": "voice"})
    assert Message.objects.filter(channel="voice").count() == 1
    response = client.post("/accounts/login/verify/", {"code": latest_code(phone_of(employee))})
    assert response["Location"] == "/dashboard/"


@pytest.mark.usefixtures("no_back_off")
def test_pumping_codes_to_one_number_is_refused_with_the_time_to_come_back(client, employee):
    password_step(client, "msantos", PASSWORD)
    answers = [client.post("/accounts/login/verify/resend/", {"method": "sms"}) for _ in range(PER_NUMBER.count)]
    assert [answer.status_code for answer in answers[:-1]] == [302] * (PER_NUMBER.count - 1)
    page = answers[-1].content.decode()
    assert re.search(r"You can ask for a new text message (at|tomorrow at) \d{1,2}:\d\d [AP]M\.", page)
    assert page.count('role="alert"') == 1
    assert Message.objects.filter(channel="sms").count() == PER_NUMBER.count


@pytest.mark.usefixtures("no_back_off")
def test_a_sign_in_whose_code_could_not_be_sent_says_so_once(client, employee):
    number = phone_of(employee)
    for _ in range(PER_NUMBER.count):
        Client().post("/accounts/login/", {"username": "msantos", "password": PASSWORD})
    page = client.post("/accounts/login/", {"username": "msantos", "password": PASSWORD}, follow=True)
    body = page.content.decode()
    assert body.count('role="alert"') == 1
    assert "You can ask for a new text message" in body
    assert "We sent a text message" not in body
    assert Message.objects.filter(recipient=number).count() == PER_NUMBER.count


def test_a_locked_account_gets_the_same_answer_and_no_code(client, employee):
    answers = [password_step(client, "msantos", f"Wrong!pass{n}") for n in range(5)]
    locked = password_step(client, "msantos", PASSWORD)
    bodies = {without_csrf(answer.content) for answer in [*answers, locked]}
    assert len(bodies) == 1
    assert locked.status_code == 200
    assert not Message.objects.exists()
    assert AccountEvent.objects.filter(kind=AccountEventKind.LOCKED_OUT).exists()


def test_the_lockout_counts_usernames_without_case(client, employee):
    for n in range(5):
        password_step(client, "MSANTOS" if n % 2 else "msantos", f"Wrong!pass{n}")
    assert password_step(client, "MSantos", PASSWORD).status_code == 200
    assert not Message.objects.exists()


def test_the_lockout_is_per_username_and_address(client, employee):
    for n in range(5):
        password_step(client, "msantos", f"Wrong!pass{n}")
    elsewhere = Client(REMOTE_ADDR="10.9.9.9")
    assert password_step(elsewhere, "msantos", PASSWORD)["Location"] == "/accounts/login/verify/"


def test_the_lockout_ends_after_15_minutes(client, employee):
    for n in range(5):
        password_step(client, "msantos", f"Wrong!pass{n}")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert password_step(client, "msantos", PASSWORD)["Location"] == "/accounts/login/verify/"


def test_signing_in_takes_the_password_then_the_code_and_gives_a_new_session(client, employee):
    response = password_step(client, "MSantos", PASSWORD)
    assert response["Location"] == "/accounts/login/verify/"
    before = client.session.session_key
    assert client.get("/dashboard/").status_code == 302
    response = client.post("/accounts/login/verify/", {"code": latest_code(phone_of(employee))})
    assert response["Location"] == "/dashboard/"
    assert client.session.session_key != before
    assert client.get("/dashboard/").status_code == 200
    assert AccountEvent.objects.filter(user=employee, kind=AccountEventKind.SIGN_IN).exists()


def test_a_user_who_chose_calls_gets_a_call(client):
    employee = EmployeeWithPhoneFactory.create(phone__method="voice")
    password_step(client, employee.username, PASSWORD)
    assert Message.objects.get().channel == "voice"


def test_a_wrong_code_does_not_sign_in(client, employee):
    password_step(client, "msantos", PASSWORD)
    code = latest_code(phone_of(employee))
    response = client.post("/accounts/login/verify/", {"code": f"{(int(code) + 1) % 1_000_000:06d}"})
    assert "That code is not right." in response.content.decode()
    assert client.get("/dashboard/").status_code == 302
    assert AccountEvent.objects.filter(kind=AccountEventKind.CODE_REFUSED).exists()


def test_an_expired_code_does_not_sign_in(client, employee):
    password_step(client, "msantos", PASSWORD)
    PhoneDevice.objects.update(valid_until=timezone.now() - timedelta(seconds=1))
    response = client.post("/accounts/login/verify/", {"code": latest_code(phone_of(employee))})
    assert "That code has expired." in response.content.decode()


def test_a_used_code_does_not_sign_in_again(client, employee):
    sign_in(client, "msantos", PASSWORD, phone_of(employee))
    used = latest_code(phone_of(employee))
    client.post("/accounts/logout/")
    password_step(client, "msantos", PASSWORD)
    if latest_code(phone_of(employee)) != used:
        response = client.post("/accounts/login/verify/", {"code": used})
        assert "That code is not right." in response.content.decode()
        assert client.get("/dashboard/").status_code == 302


def test_a_code_from_another_browsers_attempt_does_not_work(client, employee):
    password_step(client, "msantos", PASSWORD)
    code = latest_code(phone_of(employee))
    other = Client()
    assert other.post("/accounts/login/verify/", {"code": code})["Location"] == "/accounts/login/"


def test_an_authenticator_app_replaces_the_texted_code(client, employee):
    device = TOTPDevice.objects.create(user=employee, name="app", confirmed=True)
    password_step(client, "msantos", PASSWORD)
    assert not Message.objects.exists()
    page = client.get("/accounts/login/verify/")
    assert "authenticator app" in page.content.decode()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post("/accounts/login/verify/", {"code": f"{totp.token():06d}"})
    assert response["Location"] == "/dashboard/"


def test_sign_in_returns_to_the_page_asked_for(client, employee):
    client.get("/accounts/login/?next=/accounts/profile/")
    password_step(client, "msantos", PASSWORD)
    response = client.post("/accounts/login/verify/", {"code": latest_code(phone_of(employee))})
    assert response["Location"] == "/accounts/profile/"


def test_the_account_events_hold_no_code_or_password(client, employee):
    sign_in(client, "msantos", PASSWORD, phone_of(employee))
    code = latest_code(phone_of(employee))
    details = " ".join(AccountEvent.objects.values_list("detail", flat=True))
    assert code not in details
    assert PASSWORD not in details
    assert {event.kind for event in AccountEvent.objects.all()} >= {"code-sent", "sign-in"}


def test_the_session_is_kept_on_the_server_for_15_minutes_of_idleness():
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    # Renewed at most once a minute by accounts.middleware, not written on every request.
    assert not settings.SESSION_SAVE_EVERY_REQUEST
