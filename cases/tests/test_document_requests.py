"""Which document requests are still open, and how the case page lists them (cases.documents.requests)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cases.documents.requests import open_document_requests, requested_documents
from cases.models import Case, DocumentType
from cases.tests.factories import CaseFactory, DocumentFactory, DocumentRequestFactory

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
ASKED = datetime(2026, 12, 1, 10, tzinfo=EASTERN)  # DocumentRequestFactory's requested_at
DUE = date(2026, 12, 16)


def loaded(case):
    """The case as its page reads it: requests and documents prefetched."""
    return Case.objects.prefetch_related("document_requests", "documents").get(pk=case.pk)


def test_a_request_is_open_while_no_document_of_its_type_was_uploaded(specialist):
    asked = DocumentRequestFactory.create(requested_by=specialist)
    DocumentFactory.create(case=asked.case, document_type=DocumentType.RTW_NOTE, uploaded_at=ASKED + timedelta(1))

    assert open_document_requests(loaded(asked.case)) == [asked]


def test_a_document_of_its_type_uploaded_after_the_request_answers_it(specialist):
    asked = DocumentRequestFactory.create(requested_by=specialist)
    DocumentFactory.create(case=asked.case, uploaded_at=ASKED + timedelta(hours=2))

    assert open_document_requests(loaded(asked.case)) == []


def test_an_upload_at_the_very_moment_of_the_request_answers_it(specialist):
    asked = DocumentRequestFactory.create(requested_by=specialist)
    DocumentFactory.create(case=asked.case, uploaded_at=ASKED)

    assert open_document_requests(loaded(asked.case)) == []


def test_a_document_uploaded_before_the_request_does_not_answer_it(specialist):
    asked = DocumentRequestFactory.create(requested_by=specialist)
    DocumentFactory.create(case=asked.case, uploaded_at=ASKED - timedelta(days=3))

    assert open_document_requests(loaded(asked.case)) == [asked]


def test_reading_the_open_requests_of_a_prefetched_case_costs_no_query(specialist, django_assert_num_queries):
    case = CaseFactory.create()
    for document_type in (DocumentType.RTW_NOTE, DocumentType.MEDICAL_RECORD):
        DocumentRequestFactory.create(case=case, document_type=document_type, requested_by=specialist)
    DocumentFactory.create(case=case, document_type=DocumentType.RTW_NOTE, uploaded_at=ASKED + timedelta(1))
    case = loaded(case)

    with django_assert_num_queries(0):
        assert [r.document_type for r in open_document_requests(case)] == [DocumentType.MEDICAL_RECORD]


def test_the_page_lists_a_request_due_by_its_date_and_not_yet_overdue_on_that_day(specialist):
    asked = DocumentRequestFactory.create(requested_by=specialist)

    (line,) = requested_documents(loaded(asked.case), today=DUE)

    assert line.document_type == DocumentType.MEDICAL_CERTIFICATION
    assert line.due_date == DUE
    assert line.overdue_since is None


def test_a_request_is_overdue_from_the_day_after_its_due_date(specialist):
    asked = DocumentRequestFactory.create(requested_by=specialist)

    (line,) = requested_documents(loaded(asked.case), today=DUE + timedelta(days=5))

    assert line.overdue_since == DUE + timedelta(days=1)


def test_two_open_requests_for_one_type_make_one_line_with_the_earlier_due_date(specialist):
    case = CaseFactory.create()
    DocumentRequestFactory.create(case=case, due_date=DUE + timedelta(days=10), requested_by=specialist)
    DocumentRequestFactory.create(case=case, due_date=DUE, requested_by=specialist)
    DocumentRequestFactory.create(case=case, document_type=DocumentType.RTW_NOTE, requested_by=specialist)

    lines = requested_documents(loaded(case), today=DUE)

    assert [(line.document_type, line.due_date) for line in lines] == [
        (DocumentType.MEDICAL_CERTIFICATION, DUE),
        (DocumentType.RTW_NOTE, DUE),
    ]


def test_a_cancelled_case_asks_for_no_documents(specialist):
    asked = DocumentRequestFactory.create(case__cancelled_at=timezone.now(), requested_by=specialist)

    assert requested_documents(loaded(asked.case), today=DUE) == []
