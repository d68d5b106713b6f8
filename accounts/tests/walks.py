"""Steps a test takes through the accounts pages with Django's test client, as a person would."""

from __future__ import annotations

import re
from datetime import date

from django.test import Client

from accounts.tests.conftest import latest_code
from roster.models import RosterRecord
from roster.tests.factories import RosterRecordFactory

CSRF_INPUT = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">')
PASSWORD = "Leave!Desk9"
PHONE = "+16175550199"


def without_csrf(body: bytes) -> str:
    return CSRF_INPUT.sub("", body.decode())


def roster_person(**overrides: object) -> RosterRecord:
    fields = {"first_name": "María", "last_name": "Santos", "birth_date": date(1980, 1, 2), "home_zip": "02108-1234"}
    return RosterRecordFactory.create(**{**fields, **overrides})


def identity_of(record: RosterRecord) -> dict[str, str]:
    return {
        "first_name": record.first_name,
        "last_name": record.last_name,
        "zip_code": record.home_zip[:5],
        "birth_date": record.birth_date.strftime("%m/%d/%Y"),
    }


def register_to_credentials(client: Client, record: RosterRecord) -> None:
    client.post("/accounts/register/", identity_of(record))
    client.post("/accounts/register/employee-number/", {"employee_number": record.employee_number})


def register_to_verify(client: Client, record: RosterRecord, username: str = "msantos", method: str = "sms") -> None:
    register_to_credentials(client, record)
    client.post(
        "/accounts/register/username-password/",
        {"username": username, "password": PASSWORD, "confirm_password": PASSWORD},
    )
    client.post("/accounts/register/two-step/")
    client.post("/accounts/register/phone/", {"country": "US", "phone_number": PHONE, "method": method})


def register(client: Client, record: RosterRecord, username: str = "msantos") -> None:
    register_to_verify(client, record, username)
    client.post("/accounts/register/verify/", {"code": latest_code(PHONE)})


def sign_in(client: Client, username: str, password: str, number: str) -> None:
    """Both steps of signing in: the password, then the code texted to `number`."""
    client.post("/accounts/login/", {"username": username, "password": password})
    client.post("/accounts/login/verify/", {"code": latest_code(number)})
