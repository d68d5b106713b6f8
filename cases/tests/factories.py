"""Factories for the case file: employees, cases, periods, time entries, decisions and documents."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory

from accounts.models import User
from cases.models import (
    Case,
    CaseKind,
    CaseReason,
    Document,
    DocumentContentType,
    DocumentType,
    LeavePattern,
    LeavePeriod,
    TimeEntry,
)
from policies.catalogue import POLICIES
from policies.models import Policy, PolicyDecision
from roster.models import RosterRecord

EASTERN = ZoneInfo("America/New_York")


class RosterRecordFactory(factory.django.DjangoModelFactory[RosterRecord]):
    class Meta:
        model = RosterRecord

    employee_number = factory.Sequence(lambda n: f"{500001 + n}")
    first_name = factory.Sequence(lambda n: f"Worker{n}")
    last_name = "Example"
    birth_date = date(1985, 4, 2)
    home_zip = "01803"
    hire_date = date(2015, 1, 5)
    hours_worked_last_12_months = Decimal("1950")
    agency = "Department of Revenue"
    work_email = factory.LazyAttribute(lambda record: f"{record.first_name.lower()}@example.gov")


class EmployeeFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"employee{n}")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Example"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("Str0ng!pass")
    roster_record = factory.SubFactory(RosterRecordFactory, first_name=factory.SelfAttribute("..first_name"))


class CaseFactory(factory.django.DjangoModelFactory[Case]):
    class Meta:
        model = Case

    case_number = factory.Sequence(lambda n: f"{4000000000 + n}")
    employee = factory.SubFactory(EmployeeFactory)
    kind = CaseKind.LEAVE
    reason = CaseReason.EMPLOYEE_HEALTH
    pattern = LeavePattern.CONTINUOUS
    submitted_at = factory.Sequence(lambda n: datetime(2026, 1, 1, 9, tzinfo=EASTERN).replace(minute=n % 60))
    submission_key = factory.LazyFunction(uuid.uuid4)


class LeavePeriodFactory(factory.django.DjangoModelFactory[LeavePeriod]):
    class Meta:
        model = LeavePeriod

    case = factory.SubFactory(CaseFactory)
    start_date = date(2026, 9, 2)
    end_date = date(2026, 9, 16)


class TimeEntryFactory(factory.django.DjangoModelFactory[TimeEntry]):
    class Meta:
        model = TimeEntry

    case = factory.SubFactory(CaseFactory, pattern=LeavePattern.INTERMITTENT)
    date = date(2026, 9, 6)
    full_day = True
    minutes = 480
    doctor_visit = False


class PartialDayFactory(TimeEntryFactory):
    full_day = False
    minutes = 120
    start_time = time(8)
    end_time = time(10)
    doctor_visit = True


def policy(code: str) -> Policy:
    """A policy of the catalogue ("fmla", "std-1", "sick-leave-bank", …): the data migration loads it, but a
    transactional (browser) test empties the tables, so it is made again from the catalogue when missing."""
    found = Policy.objects.filter(code=code).first()
    if found is not None:
        return found
    fields = next(item for item in POLICIES if item["code"] == code)
    return Policy.objects.create(**fields)


class DecisionFactory(factory.django.DjangoModelFactory[PolicyDecision]):
    class Meta:
        model = PolicyDecision

    case = factory.SubFactory(CaseFactory)
    policy = factory.LazyFunction(lambda: policy("fmla"))
    status = "pending"
    start_date = date(2026, 9, 2)
    end_date = date(2026, 9, 16)


class DocumentFactory(factory.django.DjangoModelFactory[Document]):
    class Meta:
        model = Document

    case = factory.SubFactory(CaseFactory)
    document_type = DocumentType.MEDICAL_CERTIFICATION
    file_name = "certification.pdf"
    stored_name = factory.Sequence(lambda n: f"case-documents/test-{n}.pdf")
    content_type = DocumentContentType.PDF
    size = 1234
    sha256 = "0" * 64
    uploaded_by = factory.LazyAttribute(lambda document: document.case.employee)
    uploaded_at = factory.LazyFunction(lambda: datetime(2026, 10, 1, 12, tzinfo=EASTERN))
