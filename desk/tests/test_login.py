"""The desk's own sign-in: password, then the second step, and only for staff."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def with_authenticator(user):
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def test_a_specialist_signs_in_with_password_and_authenticator_code_and_lands_on_the_queue(client, specialist):
    device = with_authenticator(specialist)
    response = client.post(reverse("desk:login"), {"username": "cspecialist", "password": "Str0ng!pass"})
    assert response["Location"] == reverse("accounts:login_verify")
    assert client.get(reverse("desk:queue")).status_code == 302  # not signed in yet
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("accounts:login_verify"), {"code": code})
    assert response["Location"] == reverse("desk:queue")
    assert client.get(reverse("desk:queue")).status_code == 200


def test_an_employee_gets_the_same_answer_as_a_wrong_password(client):
    employee = EmployeeFactory.create(username="msantos")
    with_authenticator(employee)
    not_staff = client.post(reverse("desk:login"), {"username": "msantos", "password": "Str0ng!pass"})
    wrong = client.post(reverse("desk:login"), {"username": "msantos", "password": "wrong-Pass1!"})
    assert not_staff.status_code == wrong.status_code == 200
    assert "The username or password is not right" in not_staff.content.decode()
    assert "_auth_user_id" not in client.session
