"""The named test users: one definition for every app's tests (after healthchecks' alice, bob and charlie).

The root conftest.py loads this module as a plugin, so any test asks for a person by name and gets them
made for that test:

employee         Maria Santos (msantos, employee #100001, Department of Revenue), as registration leaves an
                 employee: a roster record with the roster factory's full-time schedule (8 hours, Monday to
                 Friday), the password accounts.tests.factories.PASSWORD and a verified phone (by text).
supervisor       James Walsh (jwalsh, #100002, Department of Revenue), an ordinary employee with an account;
                 asking for him makes Maria his direct report on the roster.
hr_professional  Harper Reyes (hrpro), an HR professional authorized for the Department of Revenue, Maria's agency.
specialist       Casey Specialist (cspecialist), a case specialist: every case, every change.
employee_client  Django's test `client`, signed in as Maria (force_login: no password step, no second step).
admin_client     Django's test `client` in an admin session of the superuser "admin" (as after the admin's own
                 two-step sign-in: accounts.admin_access); `sign_in_to_admin` does the same for another.

A test that needs someone else (no roster record, another schedule, a supervisor who never registered)
makes that person itself, under a name that says how they differ. The intake tests make their own Maria
and James on a 7.5-hour schedule (intake.tests.people): a test uses those or these, never both.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.tests.factories import EmployeeWithPhoneFactory
from accounts.user_sessions import ADMIN_SESSION
from desk.tests.factories import REVENUE, make_hr_professional, make_specialist

AGENCY = REVENUE


@pytest.fixture
def employee(db: None) -> User:
    """Maria Santos, a registered employee of the Department of Revenue (roster record, password, phone)."""
    return EmployeeWithPhoneFactory.create(
        username="msantos",
        first_name="Maria",
        last_name="Santos",
        roster_record__employee_number="100001",
        roster_record__agency=AGENCY,
    )


@pytest.fixture
def supervisor(employee: User) -> User:
    """James Walsh, Maria's supervisor on the roster (an ordinary employee: no staff role)."""
    boss = EmployeeWithPhoneFactory.create(
        username="jwalsh",
        first_name="James",
        last_name="Walsh",
        roster_record__employee_number="100002",
        roster_record__agency=AGENCY,
    )
    record = employee.roster_record
    assert record is not None  # noqa: S101 - the employee factory always gives one
    record.supervisor = boss.roster_record
    record.save()
    return boss


@pytest.fixture
def hr_professional(db: None) -> User:
    """Harper Reyes, HR professional for the Department of Revenue: its cases, read-only."""
    return make_hr_professional(agencies=(AGENCY,))


@pytest.fixture
def specialist(db: None) -> User:
    """Casey Specialist, case specialist: sees and changes every case."""
    return make_specialist()


@pytest.fixture
def employee_client(client: Client, employee: User) -> Client:
    """The test client (the same object as `client`), signed in as Maria."""
    client.force_login(employee)
    return client


def sign_in_to_admin(client: Client, user: User) -> Client:
    """Sign in as after the admin's password and second step: verified (django-otp) and an admin session."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[ADMIN_SESSION] = True
    session.save()
    return client


@pytest.fixture
def admin_user(db: None) -> User:
    """The superuser "admin" (pytest-django's name for it)."""
    return User.objects.create_superuser("admin", "admin@example.com", "Str0ng!pass-admin")


@pytest.fixture
def admin_client(client: Client, admin_user: User) -> Client:
    """The test client in an admin session of "admin" (replaces pytest-django's password-only one)."""
    return sign_in_to_admin(client, admin_user)
