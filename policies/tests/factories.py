"""Policy decisions for tests, and small helpers for the policy engine's database tests.

Cases, periods and time come from cases.tests.factories, employees from accounts.tests.factories.
"""

from __future__ import annotations

from datetime import date, timedelta

import factory

from accounts.models import User
from cases.models import Case, LeavePattern, LeavePeriod, TimeEntry
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


def past_leaves(employee: User, count: int, before: date) -> list[Case]:
    """`count` past leaves of one week each, a week apart, going back from `before`: every other one continuous,
    the others intermittent with a time entry on two of their days; each with its approved FMLA decision.

    In bulk (a few statements however many), so no model signal is sent: like the roster import, the caller
    says the employee's balances changed (cases.balance_cache.balances_changed) before reading them.
    """
    fmla = policy("fmla")
    mondays = [before - timedelta(days=7 * (2 * number + 1) + before.weekday()) for number in range(count)]
    cases = Case.objects.bulk_create(
        CaseFactory.build(
            employee=employee, pattern=LeavePattern.CONTINUOUS if number % 2 else LeavePattern.INTERMITTENT
        )
        for number in range(count)
    )
    LeavePeriod.objects.bulk_create(
        LeavePeriodFactory.build(case=case, start_date=monday, end_date=monday + timedelta(days=4))
        for case, monday in zip(cases, mondays, strict=True)
    )
    PolicyDecision.objects.bulk_create(
        PolicyDecisionFactory.build(
            case=case,
            policy=fmla,
            status=DecisionStatus.APPROVED,
            start_date=monday,
            end_date=monday + timedelta(days=4),
        )
        for case, monday in zip(cases, mondays, strict=True)
    )
    TimeEntry.objects.bulk_create(
        TimeEntryFactory.build(case=case, date=monday + timedelta(days=day), minutes=120, full_day=False)
        for case, monday in zip(cases, mondays, strict=True)
        if case.pattern == LeavePattern.INTERMITTENT
        for day in (1, 3)
    )
    return cases
