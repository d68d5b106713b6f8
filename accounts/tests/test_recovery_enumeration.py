"""Reset Password and Forgot User ID never tell whether a username or a person exists: every answer, message
and limit is the same for a real account as for none, whatever the account's own sending history."""

import re

import pytest
from django.test import Client

from accounts import sending_limits
from accounts.tests.factories import PASSWORD
from accounts.tests.walks import identity_of, without_csrf

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.40"


@pytest.fixture(autouse=True)
def fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OTP_PHONE_THROTTLE_FACTOR = 0  # wrong codes may follow each other at once


# django-ratelimit's daily windows end at a time of day of each counted value's own (a hash of it), so the
# time a refusal names differs from one typed username to the next, real or not: it is masked here.
WHEN = re.compile(r"(tomorrow )?at \d{1,2}:\d{2} [AP]M|in \d+ seconds")


def answers(client, url, data):
    """What the person asking sees: the status, where it sends them, and the page (the time named masked)."""
    response = client.post(url, data)
    page = "" if response.get("Location") else WHEN.sub("<when>", without_csrf(response.content))
    return response.status_code, response.get("Location", ""), page


def test_a_reset_right_after_a_sign_in_code_answers_as_a_reset_for_nobody(employee):
    Client(REMOTE_ADDR=ADDRESS).post("/accounts/login/", {"username": "msantos", "password": PASSWORD})  # a code
    real = answers(Client(REMOTE_ADDR="198.51.100.41"), "/accounts/reset-password/", {"username": "msantos"})
    nobody = answers(Client(REMOTE_ADDR="198.51.100.42"), "/accounts/reset-password/", {"username": "nobody"})
    assert real == nobody
    assert real[1] == "/accounts/reset-password/verify/"


def test_asking_again_and_again_answers_the_same_for_a_real_username_and_an_unknown_one(employee, monkeypatch):
    monkeypatch.setattr(sending_limits, "BACK_OFF", sending_limits.BACK_OFF * 0)
    real_client, nobody_client = Client(REMOTE_ADDR="198.51.100.43"), Client(REMOTE_ADDR="198.51.100.44")
    real_client.post("/accounts/reset-password/", {"username": "msantos"})
    nobody_client.post("/accounts/reset-password/", {"username": "nobody"})
    for _ in range(sending_limits.PER_ACCOUNT.count + 2):
        real = answers(real_client, "/accounts/reset-password/verify/resend/", {})
        nobody = answers(nobody_client, "/accounts/reset-password/verify/resend/", {})
        assert real == nobody


def test_unknown_usernames_do_not_share_one_bucket(employee, monkeypatch):
    monkeypatch.setattr(sending_limits, "BACK_OFF", sending_limits.BACK_OFF * 0)
    first = Client(REMOTE_ADDR="198.51.100.45")
    first.post("/accounts/reset-password/", {"username": "nobody-one"})
    for _ in range(sending_limits.PER_ACCOUNT.count + 2):
        first.post("/accounts/reset-password/verify/resend/", {})
    second = Client(REMOTE_ADDR="198.51.100.46")
    second.post("/accounts/reset-password/", {"username": "nobody-two"})
    response = second.post("/accounts/reset-password/verify/resend/", {})
    assert response["Location"] == "/accounts/reset-password/verify/?resent=1"  # as a real account's would be


def test_wrong_codes_are_refused_in_the_same_words_for_a_real_username_and_an_unknown_one(employee):
    real_client, nobody_client = Client(REMOTE_ADDR="198.51.100.47"), Client(REMOTE_ADDR="198.51.100.48")
    real_client.post("/accounts/reset-password/", {"username": "msantos"})
    nobody_client.post("/accounts/reset-password/", {"username": "nobody"})
    for n in range(7):
        code = {"code": f"{n:06d}"}
        real = answers(real_client, "/accounts/reset-password/verify/", code)
        nobody = answers(nobody_client, "/accounts/reset-password/verify/", code)
        assert real == nobody, n


def test_forgot_user_id_answers_the_same_for_a_person_and_nobody_however_often_asked(employee, monkeypatch):
    monkeypatch.setattr(sending_limits, "BACK_OFF", sending_limits.BACK_OFF * 0)
    Client(REMOTE_ADDR=ADDRESS).post("/accounts/login/", {"username": "msantos", "password": PASSWORD})  # a code
    person = {**identity_of(employee.roster_record), "employee_number": employee.roster_record.employee_number}
    nobody = {**person, "employee_number": "999999"}
    real_client, nobody_client = Client(REMOTE_ADDR="198.51.100.49"), Client(REMOTE_ADDR="198.51.100.50")
    for _ in range(sending_limits.PER_NUMBER.count + 2):
        real = answers(real_client, "/accounts/forgot-user-id/", person)
        unknown = answers(nobody_client, "/accounts/forgot-user-id/", nobody)
        typed = person["employee_number"]  # a refused form shows the number as typed
        assert real[:2] == unknown[:2]
        assert real[2].replace(typed, "<number>") == unknown[2].replace("999999", "<number>")
