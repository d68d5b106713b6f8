"""The password rules through the real pages: registration's password step, Edit Profile's change password,
Reset Password, and the checklist htmx asks for while the person types."""

import re
from datetime import date

import pytest
from django.test import Client

from accounts.models import PendingRegistration, PhoneDevice
from accounts.tests.conftest import latest_code
from accounts.tests.factories import PASSWORD
from accounts.tests.walks import register_to_credentials, roster_person, sign_in

pytestmark = pytest.mark.django_db

TOO_EASY = "This password is too easy to guess: it is a common word with a year and a symbol added."


def credentials(client, password, username="msantos"):
    data = {"username": username, "password": password, "confirm_password": password}
    return client.post("/accounts/register/username-password/", data)


def unmet_rules(body):
    return re.findall(r'portal-password-rules__rule--unmet" data-rule="([\w-]+)"', body)


@pytest.fixture
def signed_in(employee):
    client = Client()
    sign_in(client, "msantos", PASSWORD, PhoneDevice.objects.get(user=employee).number)
    return client


@pytest.mark.parametrize("password", ["Password123!", "Welcome1!", "Summer2024!", "Boston2025!"])
def test_registration_refuses_a_common_word_with_numbers_and_symbols_added(client, password):
    register_to_credentials(client, roster_person())
    response = credentials(client, password)
    body = response.content.decode()
    assert response.status_code == 200
    assert unmet_rules(body) == ["hard-to-guess"]
    assert "This password is too easy to guess: it is a common word with" in body
    assert "Try a few unrelated words instead." in body
    assert PendingRegistration.objects.get().password_hash == ""


@pytest.mark.parametrize(
    ("password", "what"),
    [("Santos!Kite9q", "your last name"), ("Kite!Maria9q", "your first name"), ("Kite!1980zq", "your birth year")],
)
def test_registration_refuses_the_name_and_birth_year_on_the_roster_record(client, password, what):
    register_to_credentials(client, roster_person(first_name="Maria", last_name="Santos", birth_date=date(1980, 1, 2)))
    body = credentials(client, password, username="mariaworks").content.decode()
    assert unmet_rules(body) == ["not-personal"]
    assert f"It contains {what}." in body
    assert PendingRegistration.objects.get().password_hash == ""


def test_registration_takes_a_strong_password(client):
    register_to_credentials(client, roster_person())
    assert credentials(client, "qX7#mP2v!Lr9")["Location"] == "/accounts/register/two-step/"
    assert PendingRegistration.objects.get().password_hash.startswith("argon2")


def test_the_checklist_while_typing_explains_and_knows_the_registering_persons_name(client):
    refused = client.post("/accounts/register/password-rules/", {"password": "Summer2024!"}).content.decode()
    assert TOO_EASY in refused
    anonymous = client.post("/accounts/register/password-rules/", {"password": "Santos!Kite9q"}).content.decode()
    assert unmet_rules(anonymous) == []  # no registration in this session: no name to compare with
    register_to_credentials(client, roster_person(last_name="Santos"))
    named = client.post("/accounts/register/password-rules/", {"password": "Santos!Kite9q"}).content.decode()
    assert unmet_rules(named) == ["not-personal"]
    assert "It contains your last name." in named


def test_a_reset_that_is_not_verified_yet_never_compares_with_the_accounts_name(client, employee):
    client.post("/accounts/reset-password/", {"username": "msantos"})
    before = client.post("/accounts/register/password-rules/", {"password": "Santos!Kite9q"}).content.decode()
    assert unmet_rules(before) == []  # a stranger typing a username learns nothing about its owner
    client.post("/accounts/reset-password/verify/", {"code": latest_code(employee.phone_device.number)})
    after = client.post("/accounts/register/password-rules/", {"password": "Santos!Kite9q"}).content.decode()
    assert unmet_rules(after) == ["not-personal"]


def test_reset_password_refuses_a_weak_password_and_the_persons_name(client, employee):
    client.post("/accounts/reset-password/", {"username": "msantos"})
    client.post("/accounts/reset-password/verify/", {"code": latest_code(employee.phone_device.number)})
    for password in ("Welcome1!", "Maria!Kite9q"):
        response = client.post("/accounts/reset-password/new/", {"password": password, "confirm_password": password})
        assert response.status_code == 200
    employee.refresh_from_db()
    assert employee.check_password(PASSWORD)


@pytest.mark.parametrize("password", ["Summer2024!", "Santos!Kite9q", "Msantos#Kite9"])
def test_changing_the_password_refuses_weak_ones_and_the_persons_own_name(signed_in, employee, password):
    response = signed_in.post("/accounts/profile/password/", {"password": password, "confirm_password": password})
    assert response.status_code == 200
    assert "Your password does not meet every rule yet." in response.content.decode()
    employee.refresh_from_db()
    assert employee.check_password(PASSWORD)


def test_changing_the_password_takes_a_strong_one(signed_in, employee):
    new = {"password": "Fig!Moss7Kettle", "confirm_password": "Fig!Moss7Kettle"}
    assert signed_in.post("/accounts/profile/password/", new)["Location"] == "/accounts/profile/"
    employee.refresh_from_db()
    assert employee.check_password("Fig!Moss7Kettle")


def test_the_password_fields_never_cut_a_long_pasted_password(client):
    # A maxlength would silently keep the first 16 characters of a pasted 20-character password: the person's
    # password manager would then hold a password the portal never had.
    register_to_credentials(client, roster_person())
    body = client.get("/accounts/register/username-password/").content.decode()
    fields = re.findall(r"<input[^>]*type=\"password\"[^>]*>", body)
    assert len(fields) == 2
    assert not any("maxlength" in field for field in fields)


def test_a_pasted_password_over_16_characters_is_refused_beside_the_field_with_the_length_rule(client):
    register_to_credentials(client, roster_person())
    response = credentials(client, "Zq8!vn3Tpx4#wK7mRb5$")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Your password does not meet every rule yet." in body
    assert "16" in body


def test_the_modern_profile_takes_64_characters_and_refuses_65_through_the_change_password_page(
    signed_in, employee, settings
):
    settings.PASSWORD_PROFILE = "modern"
    long = ("tuba lantern okra pebble " * 3)[:65]
    refused = signed_in.post("/accounts/profile/password/", {"password": long, "confirm_password": long})
    assert unmet_rules(refused.content.decode()) == ["length"]
    taken = signed_in.post("/accounts/profile/password/", {"password": long[:64], "confirm_password": long[:64]})
    assert taken["Location"] == "/accounts/profile/"
    employee.refresh_from_db()
    assert employee.check_password(long[:64])
