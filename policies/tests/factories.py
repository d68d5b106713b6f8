"""Policy decisions for tests, and small helpers for the policy engine's database tests.

Cases, periods and time come from cases.tests.factories, employees from accounts.tests.factories.
"""

from __future__ import annotations

from datetime import date

import factory

from accounts.models import User
from cases.models import Case, TimeEntry
from cases.tests.factories import CaseFactory, LeavePeriodFactory, TimeEntryFactory
from policies.catalogue import POLICIES
from policies.models import DecisionStatus, Policy, PolicyDecision


def policy(code: str) -> Policy:
    """A policy of the catalogue ("fmla", "std-1", "sick-leave-bank", …): the data migration loads it, but a
    transactional (browser) test empties the tables, so it is made again from the catalogue when missing."""
    found = Policy.objects.filter(code=code).first()
    if found is not None:
        return found
    fields = next(item for item in POLICIES if item["code"] == code)
    return Policy.objects.create(**fields)


class PolicyDecisionFactory(factory.django.DjangoModelFactory[PolicyDecision]):
    class Meta:
        model = PolicyDecision

    case = factory.SubFactory(CaseFactory)
    policy = factory.LazyFunction(lambda: policy("fmla"))
    status = DecisionStatus.PENDING
    start_date = date(2026, 9, 2)
    end_date = date(2026, 9, 16)


def leave_case(employee: User, start: date, end: date, **fields: object) -> Case:
    """A leave case with its leave period."""
    case = CaseFactory.create(employee=employee, **fields)
    LeavePeriodFactory.create(case=case, start_date=start, end_date=end)
    return case


def add_time(case: Case, day: date, minutes: int) -> TimeEntry:
    return TimeEntryFactory.create(case=case, date=day, full_day=minutes >= 8 * 60, minutes=minutes)


def approve(case: Case, code: str, start: date, end: date) -> PolicyDecision:
    """An approved decision (the desk's action sets this status; the engine only reads it)."""
    return PolicyDecisionFactory.create(
        case=case, policy=policy(code), status=DecisionStatus.APPROVED, start_date=start, end_date=end
    )
