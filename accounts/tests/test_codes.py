from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.codes import CodeCheck
from accounts.models import PhoneDevice
from accounts.tests.factories import EmployeeWithPhoneFactory

pytestmark = pytest.mark.django_db

ATTEMPT = "attempt-one"


@pytest.fixture
def device():
    return PhoneDevice.objects.get(user=EmployeeWithPhoneFactory.create())


def wait_out_backoff(device):
    """django-otp makes the next try wait 1, 2, 4... seconds after a wrong one; the tests skip the wait."""
    if device.throttling_failure_timestamp:
        device.throttling_failure_timestamp -= timedelta(hours=1)
        device.save()


def wrong_code(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_a_code_is_six_digits_and_only_its_hash_is_stored(device):
    code = device.issue_code(ATTEMPT)
    device.refresh_from_db()
    assert len(code) == 6
    assert code.isdigit()
    assert code not in device.token
    assert len(device.token) == 64


def test_a_code_works_once(device):
    code = device.issue_code(ATTEMPT)
    assert device.check_code(code, ATTEMPT) is CodeCheck.ACCEPTED
    assert device.check_code(code, ATTEMPT) is CodeCheck.NO_CODE


def test_a_code_expires_after_ten_minutes(device):
    code = device.issue_code(ATTEMPT)
    assert device.valid_until - timezone.now() <= timedelta(minutes=10)
    device.valid_until = timezone.now() - timedelta(seconds=1)
    device.save()
    assert device.check_code(code, ATTEMPT) is CodeCheck.EXPIRED


def test_a_new_code_voids_the_previous_one(device):
    first = device.issue_code(ATTEMPT)
    second = device.issue_code(ATTEMPT)
    if first != second:
        assert device.check_code(first, ATTEMPT) is CodeCheck.WRONG
        wait_out_backoff(device)
    assert device.check_code(second, ATTEMPT) is CodeCheck.ACCEPTED


def test_a_code_only_works_for_the_attempt_that_asked_for_it(device):
    code = device.issue_code(ATTEMPT)
    assert device.check_code(code, "another-attempt") is CodeCheck.WRONG


def test_five_wrong_entries_void_the_code(device):
    code = device.issue_code(ATTEMPT)
    results = []
    for _ in range(5):
        wait_out_backoff(device)
        results.append(device.check_code(wrong_code(code), ATTEMPT))
    assert results == [CodeCheck.WRONG] * 4 + [CodeCheck.VOIDED]
    wait_out_backoff(device)
    assert device.check_code(code, ATTEMPT) is CodeCheck.NO_CODE


def test_right_after_a_wrong_entry_the_next_try_must_wait(device):
    code = device.issue_code(ATTEMPT)
    device.check_code(wrong_code(code), ATTEMPT)
    assert device.check_code(code, ATTEMPT) is CodeCheck.TOO_SOON


def test_django_otps_own_verify_never_accepts_a_code(device):
    code = device.issue_code(ATTEMPT)
    assert device.verify_token(code) is False
