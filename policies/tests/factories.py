"""Factories for the policy engine's database tests: an employee on the roster, cases, their time, decisions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory

from accounts.models import User
from cases.models import Case, CaseKind, CaseReason, LeavePattern, LeavePeriod, TimeEntry
from policies.models import DecisionStatus, Policy, PolicyDecision
from roster.models import RosterRecord

EASTERN = ZoneInfo("America/New_York")


class RosterRecordFactory(factory.django.DjangoModelFactory[RosterRecord]):
    class Meta:
        model = RosterRecord

    employee_number = factory.Sequence(lambda n: f"{700001 + n}")
    first_name = "Maria"
    last_name = "Santos"
    birth_date = date(1985, 4, 2)
    home_zip = "02108"
    hire_date = date(2015, 1, 5)
    hours_worked_last_12_months = Decimal("1950")
    agency = "Department of Revenue"


class EmployeeFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"policy-employee-{n}")
    first_name = "Maria"
    last_name = "Santos"
    roster_record = factory.SubFactory(RosterRecordFactory)


class CaseFactory(factory.django.DjangoModelFactory[Case]):
    class Meta:
        model = Case

    case_number = factory.Sequence(lambda n: f"{5100000000 + n}")
    employee = factory.SubFactory(EmployeeFactory)
    kind = CaseKind.LEAVE
    reason = CaseReason.EMPLOYEE_HEALTH
    pattern = LeavePattern.CONTINUOUS
    submitted_at = datetime(2026, 2, 20, 10, 0, tzinfo=EASTERN)
    submission_key = factory.LazyFunction(uuid.uuid4)


def leave_case(employee: User, start: date, end: date, **fields: object) -> Case:
    """A leave case with its leave period."""
    case = CaseFactory.create(employee=employee, **fields)
    LeavePeriod.objects.create(case=case, start_date=start, end_date=end)
    return case


def add_time(case: Case, day: date, minutes: int) -> TimeEntry:
    full_day = minutes >= 8 * 60
    return TimeEntry.objects.create(case=case, date=day, full_day=full_day, minutes=minutes, doctor_visit=False)


def approve(case: Case, code: str, start: date, end: date) -> PolicyDecision:
    """An approved decision (the desk's action sets this status; the engine only reads it)."""
    return PolicyDecision.objects.create(
        case=case, policy=Policy.objects.get(code=code), status=DecisionStatus.APPROVED, start_date=start, end_date=end
    )
