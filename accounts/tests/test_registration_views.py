from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts import sending_limits
from accounts.models import PendingRegistration, PhoneDevice, User
from accounts.registration import EMPLOYEE_NUMBER_TRIES
from accounts.tests.conftest import latest_code
from accounts.tests.factories import EmployeeWithPhoneFactory
from accounts.tests.walks import (
    PASSWORD,
    PHONE,
    identity_of,
    register,
    register_to_credentials,
    register_to_verify,
    roster_person,
    without_csrf,
)
from notices.models import Message

pytestmark = pytest.mark.django_db


def test_the_account_exists_only_once_the_phone_is_verified(client):
    record = roster_person()
    register_to_verify(client, record)
    assert not User.objects.exists()
    response = client.post("/accounts/register/verify/", {"code": latest_code(PHONE)})
    assert response["Location"] == "/accounts/register/complete/"
    user = User.objects.get(username="msantos")
    assert user.roster_record == record
    assert user.check_password(PASSWORD)
    assert user.password.startswith("argon2")
    assert PhoneDevice.objects.get(user=user).confirmed
    assert not PendingRegistration.objects.exists()
    page = client.get("/accounts/register/complete/")
    assert "Registration complete" in page.content.decode()


def mismatch_page(client, identity, employee_number=None):
    response = client.post("/accounts/register/", identity, follow=True)
    if employee_number is not None:
        response = client.post("/accounts/register/employee-number/", {"employee_number": employee_number}, follow=True)
    return response


def wrong_numbers_page(client, identity, tries=EMPLOYEE_NUMBER_TRIES):
    response = client.post("/accounts/register/", identity, follow=True)
    for _ in range(tries):
        response = client.post("/accounts/register/employee-number/", {"employee_number": "999999"}, follow=True)
    return response


def test_every_registration_mismatch_gets_the_same_answer(client):
    record = roster_person()
    taken = roster_person(first_name="Ana", last_name="Lima")
    EmployeeWithPhoneFactory.create(roster_record=taken, first_name="Ana", last_name="Lima")
    answers = [
        mismatch_page(client, {**identity_of(record), "zip_code": "02110"}),
        mismatch_page(client, {**identity_of(record), "last_name": "Santo"}),
        mismatch_page(client, {**identity_of(record), "birth_date": "01/03/1980"}),
        wrong_numbers_page(client, identity_of(record)),
        mismatch_page(client, identity_of(taken), employee_number=taken.employee_number),
    ]
    bodies = {without_csrf(answer.content) for answer in answers}
    assert len(bodies) == 1
    assert [answer.redirect_chain[-1][0] for answer in answers] == ["/accounts/register/not-verified/"] * 5
    body = bodies.pop()
    assert "855-447-7778" in body
    assert "https://www.mass.gov/orgs/masshr-employee-service-center-esc" in body


def test_the_refusal_points_someone_already_registered_to_forgot_user_id_and_reset_password(client):
    taken = roster_person(first_name="Ana", last_name="Lima")
    EmployeeWithPhoneFactory.create(roster_record=taken, first_name="Ana", last_name="Lima")
    body = mismatch_page(client, identity_of(taken), employee_number=taken.employee_number).content.decode()
    assert "does not match" in body
    assert (
        'If you already have an account, use <a href="/accounts/forgot-user-id/">Forgot User ID?</a> '
        'or <a href="/accounts/reset-password/">Reset Password</a>.'
    ) in body


def test_a_mistyped_employee_number_is_corrected_on_the_same_page(client):
    record = roster_person()
    client.post("/accounts/register/", identity_of(record))
    wrong = client.post("/accounts/register/employee-number/", {"employee_number": "999999"})
    body = wrong.content.decode()
    assert wrong.status_code == 200
    assert "That employee number does not match the one we have on file. Check it and enter it again." in body
    assert "You can try 2 more times." in body
    assert "First Name" not in body
    right = client.post("/accounts/register/employee-number/", {"employee_number": record.employee_number})
    assert right["Location"] == "/accounts/register/username-password/"


def test_after_three_wrong_employee_numbers_the_esc_is_the_way(client):
    record = roster_person()
    second = wrong_numbers_page(client, identity_of(record), tries=2)
    assert "You can try 1 more time." in second.content.decode()
    third = client.post("/accounts/register/employee-number/", {"employee_number": "999998"}, follow=True)
    assert third.redirect_chain[-1][0] == "/accounts/register/not-verified/"
    assert "Employee Service Center" in third.content.decode()
    assert client.get("/accounts/register/employee-number/")["Location"] == "/accounts/register/"


def test_an_employee_number_cannot_be_guessed_by_starting_over(client):
    record = roster_person()
    for _ in range(4):
        wrong_numbers_page(client, identity_of(record))
    client.post("/accounts/register/", identity_of(record))
    right = client.post("/accounts/register/employee-number/", {"employee_number": record.employee_number})
    assert right["Location"] == "/accounts/register/not-verified/"
    assert not User.objects.exists()


def test_the_owner_of_a_registered_record_is_told_of_the_attempt(client):
    record = roster_person(first_name="Ana", last_name="Lima")
    owner = EmployeeWithPhoneFactory.create(first_name="Ana", last_name="Lima", roster_record=record)
    number = PhoneDevice.objects.get(user=owner).number
    mismatch_page(client, identity_of(record), employee_number=record.employee_number)
    notice = Message.objects.get(recipient=number)
    assert "tried to create a new Consumer Portal account" in notice.body


def test_a_wrong_employee_number_does_not_open_the_next_step(client):
    record = roster_person()
    mismatch_page(client, identity_of(record), employee_number="999999")
    response = client.get("/accounts/register/username-password/")
    assert response["Location"] == "/accounts/register/employee-number/"


def credentials(client, password=PASSWORD, confirm=PASSWORD, username="msantos"):
    data = {"username": username, "password": password, "confirm_password": confirm}
    return client.post("/accounts/register/username-password/", data)


def test_a_weak_password_is_refused_with_each_unmet_rule(client):
    register_to_credentials(client, roster_person())
    response = credentials(client, password="weakpass", confirm="weakpass")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("Your password needs:") == 1
    assert "Password needs" not in body
    assert "Your password does not meet every rule yet. The rules without a check mark are still needed." in body
    for rule in ("uppercase", "number", "special"):
        assert f'portal-password-rules__rule--unmet" data-rule="{rule}"' in body
    assert 'portal-password-rules__rule--met" data-rule="length"' in body
    assert PendingRegistration.objects.get().password_hash == ""


def test_a_mismatched_confirmation_is_refused(client):
    register_to_credentials(client, roster_person())
    response = credentials(client, confirm="Leave!Desk8")
    assert "The passwords do not match." in response.content.decode()


def test_a_username_is_taken_whatever_its_case(client):
    EmployeeWithPhoneFactory.create(username="MSantos")
    register_to_credentials(client, roster_person())
    response = credentials(client, username="msantos")
    assert "That username is taken." in response.content.decode()


def test_a_reload_resumes_where_registration_stopped(client):
    register_to_credentials(client, roster_person())
    credentials(client)
    assert client.get("/accounts/register/")["Location"] == "/accounts/register/two-step/"
    assert client.get("/accounts/register/verify/")["Location"] == "/accounts/register/two-step/"
    assert client.get("/accounts/register/two-step/").status_code == 200


def test_an_abandoned_registration_holds_no_username(client, django_user_model):
    register_to_credentials(client, roster_person())
    credentials(client, username="popular")
    other = Client()
    register(other, roster_person(first_name="Ana", last_name="Lima"), username="Popular")
    assert django_user_model.objects.filter(username="Popular").exists()
    client.post("/accounts/register/two-step/")
    client.post("/accounts/register/phone/", {"country": "US", "phone_number": "617-555-0142", "method": "sms"})
    response = client.post("/accounts/register/verify/", {"code": latest_code("+16175550142")})
    assert response["Location"] == "/accounts/register/username-password/"
    assert django_user_model.objects.count() == 1


def test_an_expired_registration_is_gone(client):
    register_to_credentials(client, roster_person())
    PendingRegistration.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/accounts/register/username-password/")["Location"] == "/accounts/register/"
    client.post("/accounts/register/", identity_of(roster_person(first_name="Ana")))
    assert PendingRegistration.objects.count() == 1


def test_a_wrong_code_is_refused_and_no_account_is_made(client):
    register_to_verify(client, roster_person())
    code = latest_code(PHONE)
    response = client.post("/accounts/register/verify/", {"code": f"{(int(code) + 1) % 1_000_000:06d}"})
    assert "That code is not right." in response.content.decode()
    assert not User.objects.exists()


def test_an_expired_code_is_refused(client):
    register_to_verify(client, roster_person())
    PhoneDevice.objects.update(valid_until=timezone.now() - timedelta(seconds=1))
    response = client.post("/accounts/register/verify/", {"code": latest_code(PHONE)})
    assert "That code has expired." in response.content.decode()


def test_the_code_can_come_by_a_call(client):
    register_to_verify(client, roster_person(), method="voice")
    call = Message.objects.get(recipient=PHONE)
    assert call.channel == "voice"
    client.post("/accounts/register/verify/", {"code": latest_code(PHONE)})
    assert PhoneDevice.objects.get(user__username="msantos").method == "voice"


def test_a_new_code_replaces_the_old_and_too_many_sends_are_refused(client, monkeypatch):
    monkeypatch.setattr(sending_limits, "BACK_OFF", timedelta(0))
    register_to_verify(client, roster_person())
    first = latest_code(PHONE)
    for _ in range(sending_limits.PER_NUMBER.count - 1):
        assert client.post("/accounts/register/verify/resend/")["Location"] == "/accounts/register/verify/?resent=1"
    refused = client.post("/accounts/register/verify/resend/").content.decode()
    assert "You can ask for a new text message" in refused
    assert refused.count('role="alert"') == 1
    assert Message.objects.filter(recipient=PHONE).count() == sending_limits.PER_NUMBER.count
    called = client.post("/accounts/register/verify/resend/", {"method": "voice"})
    assert called["Location"] == "/accounts/register/verify/?resent=1"
    assert Message.objects.filter(recipient=PHONE, channel="voice").count() == 1
    latest = latest_code(PHONE)
    if latest != first:
        response = client.post("/accounts/register/verify/", {"code": first})
        assert "That code is not right." in response.content.decode()


def test_send_a_new_code_comes_before_verify_code_in_a_form_of_its_own(client):
    register_to_verify(client, roster_person())
    page = client.get("/accounts/register/verify/").content.decode()
    # As the guide shows it: the code, "Didn't receive the code? Send a new code.", then "Verify Code".
    assert page.index("Verification Code") < page.index("Send a new code") < page.index("Verify Code</button>")
    # Its own form, so Enter in the code field still presses "Verify Code" (the verify form's first button).
    assert '<button type="submit" form="resend-code"' in page
    assert '<form id="resend-code" method="post" action="/accounts/register/verify/resend/">' in page


def test_an_invalid_phone_number_is_refused(client):
    register_to_credentials(client, roster_person())
    credentials(client)
    client.post("/accounts/register/two-step/")
    response = client.post("/accounts/register/phone/", {"country": "US", "phone_number": "123", "method": "sms"})
    assert response.status_code == 200
    assert "valid phone number" in response.content.decode() or "Enter a phone number" in response.content.decode()
    assert not Message.objects.exists()


def test_the_password_checklist_follows_what_is_typed(client):
    response = client.post("/accounts/register/password-rules/", {"password": "Leave!desk", "username": "x"})
    body = response.content.decode()
    assert 'portal-password-rules__rule--met" data-rule="uppercase"' in body
    assert 'portal-password-rules__rule--unmet" data-rule="number"' in body


FRAMEWORK_WORDING = ("This field is required", "Ensure this value", "Enter a valid", "Select a valid choice")


def test_no_framework_wording_reaches_a_person_registering(client):
    record = roster_person()
    pages = [client.post("/accounts/register/", {"first_name": "x" * 101})]
    client.post("/accounts/register/", identity_of(record))
    pages.append(client.post("/accounts/register/employee-number/", {"employee_number": "1" * 21}))
    client.post("/accounts/register/employee-number/", {"employee_number": record.employee_number})
    pages.append(credentials(client, username="bad name!", password="", confirm=""))
    pages.append(credentials(client, username="u" * 151))
    credentials(client)
    client.post("/accounts/register/two-step/")
    pages.append(client.post("/accounts/register/phone/", {"country": "XX", "phone_number": "", "method": "fax"}))
    client.post("/accounts/register/phone/", {"country": "US", "phone_number": "617-555-0199", "method": "sms"})
    pages.append(client.post("/accounts/register/verify/", {"code": ""}))
    bodies = [page.content.decode() for page in pages]
    for body in bodies:
        assert not [wording for wording in FRAMEWORK_WORDING if wording in body], body
    assert "Use at most 100 characters." in bodies[0]
    assert "Enter your last name." in bodies[0]
    assert "Use only letters, numbers and @ . + - _ in your username." in bodies[2]
    assert "Choose a password." in bodies[2]
    assert "Choose one of the options in the list." in bodies[4]
    assert "Enter the 6-digit code." in bodies[5]
