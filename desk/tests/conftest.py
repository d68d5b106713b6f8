"""Named people for the desk's tests: a supervisor and a report, and their cases.

The case specialist and the HR professional of Revenue are the shared named users (testing/users.py).
"""

import importlib

import pytest
from django.apps import apps
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import EmployeeFactory
from cases.models import LeavePattern
from cases.tests.factories import CaseConditionFactory, CaseFactory, LeavePeriodFactory
from desk.tests.factories import (
    DESK_LEAVE_END,
    DESK_LEAVE_START,
    DESK_SUBMITTED,
    HEALTH,
    make_supervisor_with_report,
)
from policies.tests.factories import PolicyDecisionFactory

# A string that appears nowhere else: if a supervisor page or notice shows it, a reason leaked.
MARKER = "Zygomatic-Quokka-Syndrome-7731"


def desk_case(employee):
    """An intermittent leave submitted on 2026-11-23 (contact by the account's email, a phone number given),
    with its period and a pending FMLA decision."""
    case = CaseFactory.create(
        employee=employee,
        pattern=LeavePattern.INTERMITTENT,
        submitted_at=DESK_SUBMITTED,
        email=employee.email,
        phone="617-555-0100",
    )
    LeavePeriodFactory.create(case=case, start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END)
    PolicyDecisionFactory.create(case=case, start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END)
    return case


def sign_in_to_desk(client, user):
    """Sign in as after the password and the second step (django-otp marks the session verified)."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def team(db):
    """(supervisor, report): the report's roster record names the supervisor's."""
    return make_supervisor_with_report()


@pytest.fixture
def report_case(team):
    """An intermittent leave of the supervisor's report, with a condition that must never reach the supervisor."""
    _supervisor, report = team
    case = desk_case(report)
    CaseConditionFactory.create(case=case, label=MARKER, code="R69")
    return case


@pytest.fixture
def health_case(db):
    """A case in the other agency (an HR professional of Revenue may not see it)."""
    employee = EmployeeFactory.create(roster_record__agency=HEALTH)
    return desk_case(employee)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is right for real passwords and slow for hundreds of test users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def policy_catalogue():
    """An earlier transactional test empties every table, the catalogue its data migrations load included:
    load it again the way those migrations do."""
    for module in ("0002_catalogue", "0004_catalogue_rules", "0007_military_caregiver_and_fmla_edges"):
        migration = importlib.import_module(f"policies.migrations.{module}")
        for operation in migration.Migration.operations:
            operation.code(apps, None)
