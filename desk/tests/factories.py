"""The desk's own test helpers: staff roles, named people and the dates the desk's tests share.

Roster records, people, cases and decisions come from each app's factories (roster, accounts, cases, policies).
A desk case is an intermittent leave submitted on Monday 2026-11-23, running from DESK_LEAVE_START to
DESK_LEAVE_END: pass those values to the shared factories.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from accounts.models import User
from accounts.tests.factories import EmployeeFactory, UserFactory
from cases.models import Case
from desk.models import AgencyAuthorization, Role, StaffRole
from desk.worklist import sync_tasks

EASTERN = ZoneInfo("America/New_York")
REVENUE = "Department of Revenue"
HEALTH = "Executive Office of Health and Human Services"
DESK_SUBMITTED = datetime(2026, 11, 23, 10, tzinfo=EASTERN)
DESK_LEAVE_START = date(2026, 11, 30)
DESK_LEAVE_END = date(2027, 5, 28)


def make_specialist(username: str = "cspecialist") -> User:
    user = UserFactory.create(username=username, first_name="Casey", last_name="Specialist")
    StaffRole.objects.create(user=user, role=Role.SPECIALIST)
    return user


def make_hr_professional(username: str = "hrpro", agencies: tuple[str, ...] = (REVENUE,)) -> User:
    user = UserFactory.create(username=username, first_name="Harper", last_name="Reyes")
    role = StaffRole.objects.create(user=user, role=Role.HR)
    AgencyAuthorization.objects.bulk_create(AgencyAuthorization(staff_role=role, agency=a) for a in agencies)
    return user


def make_supervisor_with_report() -> tuple[User, User]:
    """A supervisor (an ordinary employee) and one direct report, both with accounts."""
    supervisor = EmployeeFactory.create(first_name="Sam", last_name="Boss")
    report = EmployeeFactory.create(first_name="Riley", last_name="Report")
    record = report.roster_record
    assert record is not None
    record.supervisor = supervisor.roster_record
    record.save()
    return supervisor, report


def tasks_follow_the_cases() -> None:
    """Every case's tasks made to match its state, as the case's events would have left them (desk.worklist): the
    factories write rows directly, not through the actions, and the queue's deadlines are read from the tasks."""
    sync_tasks(Case.objects.values_list("pk", flat=True))
