"""Where a supervisor's notices go: the account's email (their choice), else the roster's work email."""

from __future__ import annotations

import pytest

from accounts.contact import supervisor_address
from accounts.models import User
from roster.models import RosterRecord
from roster.tests.factories import RosterRecordFactory

pytestmark = pytest.mark.django_db


def report_of(supervisor: RosterRecord | None) -> User:
    record = RosterRecordFactory.create(supervisor=supervisor)
    return User.objects.create_user(f"report-{record.employee_number}", roster_record=record)


def supervisor_record(*, account_email: str | None) -> RosterRecord:
    """A supervisor on the roster with a work email, and an account with account_email unless it is None."""
    record = RosterRecordFactory.create(work_email="grace.hopper@mass.example")
    if account_email is not None:
        User.objects.create_user("ghopper", email=account_email, roster_record=record)
    return record


def test_a_supervisor_with_an_account_is_written_to_at_the_address_they_chose() -> None:
    employee = report_of(supervisor_record(account_email="grace@home.example"))
    assert supervisor_address(employee) == "grace@home.example"


def test_a_supervisor_who_never_registered_is_written_to_at_the_roster_work_email() -> None:
    employee = report_of(supervisor_record(account_email=None))
    assert supervisor_address(employee) == "grace.hopper@mass.example"


def test_a_supervisor_whose_account_has_no_email_is_written_to_at_the_roster_work_email() -> None:
    employee = report_of(supervisor_record(account_email=""))
    assert supervisor_address(employee) == "grace.hopper@mass.example"


def test_there_is_no_address_without_a_supervisor_or_without_a_roster_record() -> None:
    assert supervisor_address(report_of(None)) == ""
    assert supervisor_address(User.objects.create_user("contractor")) == ""
