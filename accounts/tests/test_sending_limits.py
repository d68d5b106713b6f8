from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from django.utils import timezone

from accounts.codes import CodeCheck
from accounts.sending_limits import (
    BACK_OFF,
    FAILED_ENTRIES_ALLOWED,
    PER_ACCOUNT,
    PER_ADDRESS,
    PER_NUMBER,
    code_entered,
    retry_wording,
    sending_refusal,
)

EASTERN = ZoneInfo("America/New_York")
NUMBER = "+16175550100"


class Clock:
    """The time the limits and the cache see (time.time and timezone.now), moved by hand."""

    def __init__(self, monkeypatch, start):
        self.now = start
        monkeypatch.setattr("time.time", self.timestamp)
        monkeypatch.setattr(timezone, "now", self.current)

    def timestamp(self):
        return self.now.timestamp()

    def current(self):
        return self.now

    def shift(self, delta):
        self.now += delta


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, datetime(2026, 3, 2, 9, 0, tzinfo=EASTERN))


def request_from(address="10.0.0.1"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def send(number=NUMBER, *, method="sms", account="person:1", address="10.0.0.1"):
    return sending_refusal(request_from(address), number=number, method=method, account_key=account)


def use_code(number=NUMBER, *, method="sms", account="person:1", address="10.0.0.1"):
    code_entered(request_from(address), number=number, method=method, account_key=account, result=CodeCheck.ACCEPTED)


def test_a_second_code_to_one_number_waits_30_seconds(clock):
    assert send() is None
    refusal = send()
    assert refusal is not None
    assert refusal.message.startswith("You can ask for a new text message in 30 seconds.")
    clock.shift(BACK_OFF)
    assert send() is None


def test_a_code_that_was_used_ends_the_wait_and_is_not_counted():
    for _ in range(3 * PER_NUMBER.count):
        assert send() is None
        use_code()


def test_pumping_codes_to_one_number_is_refused_until_the_count_resets(clock):
    results = []
    for n in range(PER_NUMBER.count + 1):
        results.append(send(account=f"person:{n}", address=f"10.0.0.{n}"))
        clock.shift(BACK_OFF)
    assert results[: PER_NUMBER.count] == [None] * PER_NUMBER.count
    assert results[-1] is not None
    assert results[-1].reason == "number"
    assert results[-1].retry_at is not None
    assert results[-1].retry_at <= clock.now + timedelta(days=1)
    clock.shift(results[-1].retry_at - clock.now)
    assert send(account="person:99", address="10.0.9.9") is None


def test_when_texts_to_a_number_are_limited_a_call_is_offered_and_goes():
    assert send() is None
    refusal = send()
    assert refusal is not None
    assert refusal.offers_call
    assert "Or choose “Call Me” to get a code by phone call now." in refusal.message
    assert send(method="voice") is None


def test_codes_for_one_account_across_numbers_are_capped_over_a_day():
    results = [send(f"+1617555{n:04d}", address=f"10.0.1.{n}") for n in range(PER_ACCOUNT.count + 1)]
    assert results[: PER_ACCOUNT.count] == [None] * PER_ACCOUNT.count
    assert results[-1] is not None
    assert results[-1].reason == "account"
    assert "add an authenticator app in Edit Profile" in results[-1].message


@pytest.mark.parametrize("address", ["10.0.2.1", "2001:db8::1"])
def test_an_office_behind_one_address_signs_in_all_morning(address):
    for n in range(3 * PER_ADDRESS.count):
        assert send(f"+1617555{n:04d}", account=f"person:{n}", address=address) is None
        use_code(f"+1617555{n:04d}", account=f"person:{n}", address=address)


def test_unused_codes_from_one_address_are_capped():
    results = [send(f"+1617555{n:04d}", account=f"person:{n}") for n in range(PER_ADDRESS.count + 1)]
    assert results[: PER_ADDRESS.count] == [None] * PER_ADDRESS.count
    assert results[-1] is not None
    assert results[-1].reason == "address"


def test_a_refused_send_is_not_counted():
    assert send() is None
    for _ in range(50):
        assert send() is not None
    use_code()
    assert send() is None


def test_after_100_wrong_codes_in_a_row_no_more_codes_go_to_the_account():
    request = request_from()
    for _ in range(FAILED_ENTRIES_ALLOWED):
        code_entered(request, number=NUMBER, method="sms", account_key="person:1", result=CodeCheck.WRONG)
    refusal = send(method="voice")
    assert refusal is not None
    assert refusal.message.startswith("For your security, we stopped sending codes for this account")
    assert "1-833-640-2800" in refusal.message


def test_a_right_code_clears_the_wrong_ones_before_it():
    request = request_from()
    for _ in range(FAILED_ENTRIES_ALLOWED - 1):
        code_entered(request, number=NUMBER, method="sms", account_key="person:1", result=CodeCheck.WRONG)
    use_code()
    code_entered(request, number=NUMBER, method="sms", account_key="person:1", result=CodeCheck.WRONG)
    assert send() is None


def test_the_time_to_wait_is_said_in_seconds_then_as_a_time_of_day():
    now = datetime(2026, 3, 2, 15, 0, tzinfo=EASTERN)
    assert retry_wording(now + timedelta(seconds=40), now) == "in 40 seconds"
    assert retry_wording(now + timedelta(minutes=42), now) == "at 3:42 PM"
    assert retry_wording(now + timedelta(hours=10), now) == "tomorrow at 1:00 AM"
