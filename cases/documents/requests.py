"""Which of the desk's document requests on a case are still open, and how the employee's page lists them.

The desk asks for a document of a type by a due date (desk.models.DocumentRequest). The cases app sits
below the desk and never imports it: it reads the requests through the reverse relation
`case.document_requests`. A request is answered by a document of its type uploaded on or after the moment
it was requested; an older upload of the same type does not answer a newer request. desk.queue's
`case_deadlines` applies the same rule and can call `open_document_requests` instead.

Everything here works on prefetched rows (`document_requests` and `documents`): no queries of its own then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from absence.limits import overdue_from
from cases.models import Case, Document, DocumentType


class DocumentRequestRow(Protocol):
    """What the rule reads of a document request (the desk's model has these fields)."""

    @property
    def document_type(self) -> str: ...

    @property
    def due_date(self) -> date: ...

    @property
    def requested_at(self) -> datetime: ...


def answers(document: Document, request: DocumentRequestRow) -> bool:
    """Whether this upload answers the request: the type asked for, uploaded on or after the request."""
    return document.document_type == request.document_type and document.uploaded_at >= request.requested_at


def is_open(request: DocumentRequestRow, documents: Iterable[Document]) -> bool:
    return not any(answers(document, request) for document in documents)


def open_document_requests(case: Case) -> list[DocumentRequestRow]:
    """The case's requests no upload has answered yet, earliest due first (prefetch both relations)."""
    documents = list(case.documents.all())
    requests = sorted(case.document_requests.all(), key=lambda request: request.due_date)
    return [request for request in requests if is_open(request, documents)]


@dataclass(frozen=True)
class RequestedDocument:
    """An open request as the employee's case page shows it: what to upload, by when, and whether it is late."""

    document_type: DocumentType
    due_date: date
    # The first day it counted as late (the day after the due date), once that day has come.
    overdue_since: date | None


def requested_documents(case: Case, today: date) -> list[RequestedDocument]:
    """What the employee still has to upload: one line per document type (its earliest due date).

    A cancelled case asks for nothing more. One upload answers every open request of its type, so two
    requests for the same type make one line.
    """
    if case.is_cancelled:
        return []
    earliest: dict[str, date] = {}
    for request in open_document_requests(case):
        earliest.setdefault(request.document_type, request.due_date)
    return [
        RequestedDocument(
            document_type=DocumentType(document_type),
            due_date=due,
            overdue_since=overdue_from(due) if today >= overdue_from(due) else None,
        )
        for document_type, due in earliest.items()
    ]
