"""Django's admin: only an admin account, only after the two steps, every view of a case audited, no secrets shown."""

import importlib

import pytest
from django.test import Client
from django.urls import clear_url_caches, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

import config.urls
from accounts.models import User
from accounts.tests.conftest import latest_code
from accounts.tests.factories import PASSWORD, EmployeeWithPhoneFactory, PhoneDeviceFactory
from audit.models import AuditAction, AuditEvent
from notices.models import Message
from policies.tests.factories import PolicyDecisionFactory
from testing.users import sign_in_to_admin

pytestmark = pytest.mark.django_db

ADMIN_PHONE = "+16175550177"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def superuser() -> User:
    """An administrator with a verified phone for the second step."""
    user = User.objects.create_superuser("root-admin", "root-admin@example.com", PASSWORD)
    PhoneDeviceFactory.create(user=user, number=ADMIN_PHONE)
    return user


def admin_sign_in(client: Client, username: str = "root-admin", password: str = PASSWORD) -> None:
    client.post("/admin/login/", {"username": username, "password": password})
    client.post("/accounts/login/verify/", {"code": latest_code(ADMIN_PHONE)})


def test_a_password_alone_never_opens_the_admin(client, superuser):
    client.post("/admin/login/", {"username": "root-admin", "password": PASSWORD, "next": "/admin/"})
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/accounts/user/").status_code == 302


def test_the_admin_opens_after_the_password_and_the_second_step(client, superuser):
    response = client.post("/admin/login/", {"username": "root-admin", "password": PASSWORD})
    assert response["Location"] == reverse("accounts:login_verify")
    response = client.post("/accounts/login/verify/", {"code": latest_code(ADMIN_PHONE)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_without_the_superuser_flag_get_the_answer_of_a_wrong_password(client):
    staff = User.objects.create_user("staffer", "staffer@example.com", PASSWORD, is_staff=True)
    TOTPDevice.objects.create(user=staff, name="authenticator", confirmed=True)
    response = client.post("/admin/login/", {"username": "staffer", "password": PASSWORD})
    assert response.status_code == 200
    assert "The username or password is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_superuser_verified_by_the_desk_or_the_portal_has_no_admin_session(client, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="authenticator", confirmed=True)
    client.post("/accounts/login/", {"username": "root-admin", "password": PASSWORD})
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.post("/accounts/login/verify/", {"code": code})
    assert "_auth_user_id" in client.session  # signed in to the portal, verified
    assert client.get("/admin/").status_code == 302


def test_an_admin_session_does_not_open_the_portal_or_the_desk(client, superuser):
    admin_sign_in(client)
    assert client.get("/admin/").status_code == 200
    for page in ("/", "/accounts/profile/", "/desk/"):
        response = client.get(page)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), page


def test_every_admin_view_of_a_decision_and_its_reasons_is_audited(client, superuser):
    decision = PolicyDecisionFactory.create(denial_reason="Not enough hours worked.")
    admin_sign_in(client)
    assert client.get("/admin/policies/policydecision/").status_code == 200
    page = client.get(f"/admin/policies/policydecision/{decision.pk}/change/")
    assert "Not enough hours worked." in page.content.decode()
    events = AuditEvent.objects.filter(actor=superuser, case_number=decision.case.case_number)
    assert [(e.action, e.detail) for e in events.order_by("pk")] == [
        (AuditAction.VIEWED_REASONS, "listed in the admin"),
        (AuditAction.VIEWED_REASONS, "opened in the admin"),
    ]


def test_the_admin_never_shows_a_live_code_or_an_authenticator_key(client, superuser, employee):
    client_of_employee = Client()
    client_of_employee.post("/accounts/login/", {"username": "msantos", "password": PASSWORD})
    code_message = Message.objects.filter(template="account_code_sms").latest("pk")
    code = latest_code(code_message.recipient)
    app = TOTPDevice.objects.create(user=employee, name="authenticator app", confirmed=True)
    sign_in_to_admin(client, superuser)
    pages = [
        "/admin/notices/message/",
        f"/admin/notices/message/{code_message.pk}/change/",
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{app.pk}/change/",
    ]
    for page in pages:
        content = client.get(page).content.decode()
        assert code not in content, page
        assert app.key not in content, page
        assert "qrcode" not in content, page
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403


def test_the_admin_is_not_mounted_unless_admin_enabled_is_set(settings, client, superuser):
    settings.ADMIN_ENABLED = False
    try:
        importlib.reload(config.urls)
        clear_url_caches()
        assert client.get("/admin/login/").status_code == 404
        client.force_login(superuser)
        assert client.get("/admin/").status_code == 404
        sign_in_to_admin(client, superuser)  # an admin session from before the admin was switched off
        assert client.get("/admin/")["Location"] == reverse("accounts:session_ended")
        assert "_auth_user_id" not in client.session
    finally:
        settings.ADMIN_ENABLED = True
        importlib.reload(config.urls)
        clear_url_caches()


def test_an_employee_signed_in_to_the_portal_is_refused_by_the_admin(client):
    employee = EmployeeWithPhoneFactory.create(username="plain", is_staff=True)
    client.post("/admin/login/", {"username": "plain", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert employee.phone_device is not None
    assert not Message.objects.filter(recipient=employee.phone_device.number).exists()
