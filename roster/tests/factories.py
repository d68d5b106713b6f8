"""Factories for the roster's tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from roster.models import RosterRecord


class RosterRecordFactory(factory.django.DjangoModelFactory[RosterRecord]):
    class Meta:
        model = RosterRecord

    employee_number = factory.Sequence(lambda n: f"{300001 + n}")
    first_name = factory.Sequence(lambda n: f"Worker{n}")
    last_name = "Example"
    birth_date = date(1985, 4, 2)
    home_zip = "01803"
    hire_date = date(2015, 1, 5)
    hours_worked_last_12_months = Decimal("1950")
    agency = "Department of Revenue"
