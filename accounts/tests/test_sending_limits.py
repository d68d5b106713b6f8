import pytest
from django.test import RequestFactory

from accounts.sending_limits import PER_ACCOUNT, PER_ADDRESS, PER_NUMBER, sending_refusal


def request_from(address="10.0.0.1"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_five_codes_an_hour_go_to_one_number_across_accounts():
    results = [
        sending_refusal(request_from(f"10.0.0.{n}"), number="+16175550100", account_key=f"person:{n}") for n in range(6)
    ]
    assert results[:5] == [None] * 5
    assert results[5] == str(PER_NUMBER.message)


def test_five_codes_an_hour_go_to_one_account_across_numbers():
    results = [
        sending_refusal(request_from(f"10.0.1.{n}"), number=f"+1617555010{n}", account_key="person:7") for n in range(6)
    ]
    assert results[5] == str(PER_ACCOUNT.message)


@pytest.mark.parametrize("address", ["10.0.2.1", "2001:db8::1"])
def test_twenty_codes_in_five_minutes_leave_one_address(address):
    results = [
        sending_refusal(request_from(address), number=f"+1617555{n:04d}", account_key=f"person:{n}") for n in range(21)
    ]
    assert results[:20] == [None] * 20
    assert results[20] == str(PER_ADDRESS.message)
