"""Factories for the desk's tests: roster records, people, cases with decisions, staff roles."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from accounts.models import User
from cases.models import Case, CaseCondition, CaseKind, CaseReason, LeavePattern, LeavePeriod, TimeEntry
from desk.models import AgencyAuthorization, Role, StaffRole
from policies.models import DecisionStatus, Policy, PolicyDecision
from roster.models import RosterRecord

EASTERN = ZoneInfo("America/New_York")
REVENUE = "Department of Revenue"
HEALTH = "Executive Office of Health and Human Services"


class RosterRecordFactory(factory.django.DjangoModelFactory[RosterRecord]):
    class Meta:
        model = RosterRecord

    employee_number = factory.Sequence(lambda n: f"{200001 + n}")
    first_name = factory.Sequence(lambda n: f"Worker{n}")
    last_name = "Example"
    birth_date = date(1985, 4, 2)
    home_zip = "01803"
    hire_date = date(2015, 1, 5)
    hours_worked_last_12_months = Decimal("1950")
    agency = REVENUE


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Example"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("Str0ng!pass")


class EmployeeFactory(UserFactory):
    roster_record = factory.SubFactory(
        RosterRecordFactory,
        first_name=factory.SelfAttribute("..first_name"),
        last_name=factory.SelfAttribute("..last_name"),
    )


class CaseFactory(factory.django.DjangoModelFactory[Case]):
    class Meta:
        model = Case

    case_number = factory.Sequence(lambda n: f"{3000000000 + n}")
    employee = factory.SubFactory(EmployeeFactory)
    kind = CaseKind.LEAVE
    reason = CaseReason.EMPLOYEE_HEALTH
    pattern = LeavePattern.INTERMITTENT
    email = factory.LazyAttribute(lambda case: case.employee.email)
    phone = "617-555-0100"
    submitted_at = factory.LazyFunction(lambda: datetime(2026, 11, 23, 10, tzinfo=EASTERN))
    submission_key = factory.LazyFunction(uuid.uuid4)


class CaseConditionFactory(factory.django.DjangoModelFactory[CaseCondition]):
    class Meta:
        model = CaseCondition

    case = factory.SubFactory(CaseFactory)
    label = "Migraine"
    code = "G43.909"


class LeavePeriodFactory(factory.django.DjangoModelFactory[LeavePeriod]):
    class Meta:
        model = LeavePeriod

    case = factory.SubFactory(CaseFactory)
    start_date = date(2026, 11, 30)
    end_date = date(2027, 5, 28)


class TimeEntryFactory(factory.django.DjangoModelFactory[TimeEntry]):
    class Meta:
        model = TimeEntry

    case = factory.SubFactory(CaseFactory)
    date = date(2026, 12, 2)
    full_day = False
    minutes = 240
    doctor_visit = True


def fmla() -> Policy:
    return Policy.objects.get(code="fmla")


class PolicyDecisionFactory(factory.django.DjangoModelFactory[PolicyDecision]):
    class Meta:
        model = PolicyDecision

    case = factory.SubFactory(CaseFactory)
    policy = factory.LazyFunction(fmla)
    status = DecisionStatus.PENDING
    start_date = date(2026, 11, 30)
    end_date = date(2027, 5, 28)


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


def submitted(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=EASTERN)


def now_eastern() -> datetime:
    return timezone.now().astimezone(EASTERN)
