"""Named test people for the intake and submission tests: Maria Santos (an employee) and her supervisor.

Made with the roster and account factories, under fixed names and numbers the tests look for.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accounts.models import User
from accounts.tests.factories import UserFactory
from roster.models import RosterRecord
from roster.tests.factories import RosterRecordFactory


def roster_record(number: str, first: str, last: str, **fields: object) -> RosterRecord:
    defaults: dict[str, object] = {
        "birth_date": date(1985, 4, 12),
        "home_zip": "01803",
        "hire_date": date(2015, 1, 5),
        "hours_worked_last_12_months": Decimal("1800"),
        "agency": "Department of Revenue",
        "work_email": f"{first.lower()}.{last.lower()}@mass.example",
    }
    defaults.update(fields)
    return RosterRecordFactory.create(employee_number=number, first_name=first, last_name=last, **defaults)


def supervisor_and_employee(*, scheduled_hours: str = "7.5", supervisor_account: bool = True) -> tuple[User, User]:
    """Maria Santos (msantos) reports to James Walsh (jwalsh, who has an account unless told otherwise)."""
    boss_record = roster_record("100002", "James", "Walsh")
    boss = UserFactory.create(
        username="jwalsh",
        email="james.walsh@home.example",
        first_name="James",
        last_name="Walsh",
        roster_record=boss_record if supervisor_account else None,
    )
    record = roster_record(
        "100001", "Maria", "Santos", supervisor=boss_record, scheduled_hours_per_day=Decimal(scheduled_hours)
    )
    employee = UserFactory.create(
        username="msantos",
        email="maria@home.example",
        first_name="Maria",
        last_name="Santos",
        roster_record=record,
    )
    return boss, employee
