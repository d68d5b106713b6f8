from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountEvent, PhoneDevice
from accounts.tests.conftest import latest_code, latest_message_to
from accounts.tests.factories import PASSWORD
from accounts.tests.walks import sign_in
from accounts.user_sessions import PASSWORD_CONFIRMED_AT

pytestmark = pytest.mark.django_db

NEW_PHONE = "+16175550188"


@pytest.fixture
def old_number(employee):
    return PhoneDevice.objects.get(user=employee).number


@pytest.fixture
def signed_in(employee, old_number):
    client = Client()
    sign_in(client, "msantos", PASSWORD, old_number)
    return client


def test_the_profile_asks_for_the_password_again_after_10_minutes(signed_in):
    assert signed_in.get("/accounts/profile/").status_code == 200
    session = signed_in.session
    session[PASSWORD_CONFIRMED_AT] = (timezone.now() - timedelta(minutes=11)).timestamp()
    session.save()
    response = signed_in.get("/accounts/profile/")
    assert response["Location"] == "/accounts/profile/confirm-password/?next=%2Faccounts%2Fprofile%2F"
    wrong = signed_in.post(response["Location"], {"password": "nope"})
    assert "That password is not right." in wrong.content.decode()
    assert signed_in.post(response["Location"], {"password": PASSWORD})["Location"] == "/accounts/profile/"
    assert signed_in.get("/accounts/profile/").status_code == 200


def test_a_new_phone_replaces_the_old_only_once_verified_and_the_old_number_is_told(signed_in, employee, old_number):
    signed_in.post("/accounts/profile/phone/", {"country": "US", "phone_number": "617-555-0188", "method": "voice"})
    assert PhoneDevice.objects.get(user=employee, confirmed=True).number == old_number
    response = signed_in.post("/accounts/profile/phone/verify/", {"code": latest_code(NEW_PHONE)})
    assert response["Location"] == "/accounts/profile/"
    device = PhoneDevice.objects.get(user=employee)
    assert (device.number, device.method, device.confirmed) == (NEW_PHONE, "voice", True)
    assert "0188" in latest_message_to(old_number).body
    assert AccountEvent.objects.filter(user=employee, kind="phone-changed").exists()


def test_a_new_email_waits_for_the_link_sent_to_it(signed_in, employee):
    signed_in.post("/accounts/profile/email/", {"email": "maria@example.org"})
    employee.refresh_from_db()
    assert employee.email == "msantos@example.com"  # the rest: test_profile_email_change.py
    assert latest_message_to("maria@example.org").template == "account_email_verify"


def test_changing_the_password_keeps_this_session_and_ends_the_others(signed_in, employee, old_number):
    other = Client()
    sign_in(other, "msantos", PASSWORD, old_number)
    new = {"password": "Fresh!Start2", "confirm_password": "Fresh!Start2"}
    assert signed_in.post("/accounts/profile/password/", new)["Location"] == "/accounts/profile/"
    assert signed_in.get("/dashboard/").status_code == 200
    assert other.get("/dashboard/")["Location"].startswith("/accounts/login/")


def test_an_authenticator_app_is_added_with_a_code_from_it_and_can_be_removed(signed_in, employee):
    page = signed_in.get("/accounts/profile/authenticator/").content.decode()
    assert '<svg role="img"' in page
    assert "http" not in page.split('<svg role="img"')[1].split("</svg>")[0].replace("http://www.w3.org", "")
    device = TOTPDevice.objects.get(user=employee, confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = signed_in.post("/accounts/profile/authenticator/", {"code": f"{totp.token():06d}"})
    assert response["Location"] == "/accounts/profile/"
    assert TOTPDevice.objects.get(user=employee).confirmed
    signed_in.post("/accounts/profile/authenticator/remove/")
    assert not TOTPDevice.objects.filter(user=employee).exists()
    kinds = set(AccountEvent.objects.filter(user=employee).values_list("kind", flat=True))
    assert {"factor-added", "factor-removed"} <= kinds
