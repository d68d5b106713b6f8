"""Typing the password again before a profile change is under the sign-in limits (issue 14, item 5).

A signed-in session must not be able to guess its own account's password through "Confirm your password"
faster than the log-in page allows: a wrong password here is a wrong password for the account.
"""

from datetime import timedelta

import pytest
from django.utils import dateformat, timezone
from redis.exceptions import RedisError

from accounts import sign_in_limits, signin
from accounts.models import AccountEvent, AccountEventKind
from accounts.tests.factories import PASSWORD
from accounts.tests.test_sign_in_limits import fail_from_many_addresses, request_from, signs_in
from notices.models import Message

pytestmark = pytest.mark.django_db

CONFIRM = "/accounts/profile/confirm-password/?next=/accounts/profile/"
TRY_IN_A_MINUTE = "You can try again in 60 seconds."


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def later(monkeypatch, seconds):
    moved = timezone.now() + timedelta(seconds=seconds)
    monkeypatch.setattr(sign_in_limits, "now", lambda: moved)
    monkeypatch.setattr(timezone, "now", lambda: moved)


def confirm(client, password):
    return client.post(CONFIRM, {"password": password})


def events(user, kind):
    return AccountEvent.objects.filter(user=user, kind=kind).count()


def test_twenty_wrong_passwords_are_slowed_as_at_sign_in_each_recorded_and_the_right_one_works_after(
    employee_client, employee, monkeypatch
):
    answers = [confirm(employee_client, f"Wrong!pass{n}").content.decode() for n in range(20)]
    assert all("That password is not right. Check it and try again." in page for page in answers[:10])
    # the 11th wrong one starts the first wait, and says so; the other nine are refused unchecked
    assert all(TRY_IN_A_MINUTE in page for page in answers[10:]), answers[10]
    assert events(employee, AccountEventKind.PASSWORD_CONFIRM_FAILED) == 11
    assert events(employee, AccountEventKind.LOCKED_OUT) == 9
    refused = confirm(employee_client, PASSWORD)
    assert refused.status_code == 200
    assert TRY_IN_A_MINUTE in refused.content.decode()  # even the right password waits
    assert employee_client.get("/accounts/profile/").status_code == 302
    later(monkeypatch, 61)
    assert confirm(employee_client, PASSWORD)["Location"] == "/accounts/profile/"
    assert employee_client.get("/accounts/profile/").status_code == 200
    assert events(employee, AccountEventKind.PASSWORD_CONFIRMED) == 1


def test_the_wait_grows_as_at_sign_in(employee_client, employee, monkeypatch):
    for n in range(11):
        confirm(employee_client, f"Wrong!pass{n}")
    later(monkeypatch, 61)
    page = confirm(employee_client, "Wrong!again").content.decode()
    two_minutes_on = timezone.localtime(timezone.now() + timedelta(minutes=2))  # 12 wrong in a row: 2 minutes
    assert f"You can try again at {dateformat.format(two_minutes_on, 'g:i A')}." in page


def test_the_owner_is_told_once_as_after_wrong_passwords_at_sign_in(employee_client, employee, monkeypatch):
    for n in range(11):
        confirm(employee_client, f"Wrong!pass{n}")
    later(monkeypatch, 61)
    confirm(employee_client, "Wrong!again")
    phone = employee.phone_device.number
    assert Message.objects.filter(recipient=phone, template="account_sign_in_attempts").count() == 1


def test_wrong_passwords_here_make_sign_in_wait(employee_client, employee):
    for n in range(6):
        confirm(employee_client, f"Wrong!pass{n}")
    fail_from_many_addresses("msantos", 5)
    assert sign_in_limits.account_waiting("msantos")
    assert not signs_in("msantos", PASSWORD)


def test_wrong_passwords_at_sign_in_make_this_form_wait(employee_client, employee):
    fail_from_many_addresses("MSantos", 10)  # the username as typed, whatever its case
    page = confirm(employee_client, "Wrong!pass").content.decode()
    assert TRY_IN_A_MINUTE in page
    assert "Reset Password" in page


def test_the_right_password_here_clears_the_count_as_at_sign_in(employee_client, employee):
    fail_from_many_addresses("msantos", 10)
    assert confirm(employee_client, PASSWORD)["Location"] == "/accounts/profile/"
    fail_from_many_addresses("msantos", 10)
    assert not sign_in_limits.account_waiting("msantos")


def test_an_address_over_its_limit_is_refused_without_checking_the_password(employee_client, employee, monkeypatch):
    for n in range(sign_in_limits.PER_ADDRESS.count):
        signin.check_password_step(request_from("127.0.0.1"), f"stranger{n}", "Guess!pass1")
    checked: list[str] = []
    monkeypatch.setattr(type(employee), "check_password", lambda _self, password: checked.append(password))
    page = confirm(employee_client, PASSWORD).content.decode()
    assert "You can try again" in page
    assert checked == []
    assert events(employee, AccountEventKind.LOCKED_OUT) == 1


def test_when_the_limits_cannot_be_read_the_password_is_refused(employee_client, employee, monkeypatch):
    def unavailable(*_args, **_kwargs):
        raise RedisError

    monkeypatch.setattr(sign_in_limits, "get_usage", unavailable)
    page = confirm(employee_client, PASSWORD).content.decode()
    assert TRY_IN_A_MINUTE in page
    assert employee_client.get("/accounts/profile/").status_code == 302
