"""Factories for the case file: cases, their conditions, periods, time entries and documents.

People come from accounts.tests.factories (EmployeeFactory), decisions from policies.tests.factories.
DocumentRequestFactory makes the desk's request for a document, as the case page reads it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import factory

from accounts.tests.factories import EmployeeFactory, UserFactory
from cases.models import (
    Case,
    CaseCondition,
    CaseKind,
    CaseReason,
    Document,
    DocumentContentType,
    DocumentType,
    LeavePattern,
    LeavePeriod,
    TimeEntry,
)
from desk.models import DocumentRequest

EASTERN = ZoneInfo("America/New_York")


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


class DocumentRequestFactory(factory.django.DjangoModelFactory[DocumentRequest]):
    """The desk asked for a document (desk.actions.request_document writes these; tests of the case page need
    only the row). Asked for on Dec 1, 2026, due 15 days later."""

    class Meta:
        model = DocumentRequest

    case = factory.SubFactory(CaseFactory)
    document_type = DocumentType.MEDICAL_CERTIFICATION
    due_date = date(2026, 12, 16)
    requested_at = factory.LazyFunction(lambda: datetime(2026, 12, 1, 10, tzinfo=EASTERN))
    requested_by = factory.SubFactory(UserFactory)
