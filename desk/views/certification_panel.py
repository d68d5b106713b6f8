"""What the case page shows of certification: each upload with the request it answered and its review, the
certifications recorded, when a recertification is next allowed, and the reported days beyond the certified
frequency with the desk's decision — and the forms for each (bound, with their errors, when a post was refused).

`certification_panel(case, forms)` is the one builder; desk.views.case puts it in the page's context and the
templates/desk/includes/certification*.html partials render it. A fixed number of queries, whatever the
number of documents or time entries (tested in desk/tests/test_certification_views.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects

from absence.calendar import BusinessCalendar
from absence.certification import Recertification, pattern_sentence
from cases.models import Case, Document
from desk.certification import (
    CERTIFICATION_TYPES,
    FrequencyRow,
    current_certification,
    document_matches,
    frequency_rows,
    recertification_status,
)
from desk.certification_forms import CertificationForm, DocumentReviewForm, RecertificationForm
from desk.models import Certification, DocumentRequest, DocumentReview
from uswds.forms import PortalForm


@dataclass
class CertificationForms:
    """The certification forms as posted, when one was refused (the others are fresh)."""

    reviews: dict[int, DocumentReviewForm] = field(default_factory=dict)
    certification: CertificationForm | None = None
    recertification: RecertificationForm | None = None

    def bound(self) -> list[PortalForm]:
        forms: list[PortalForm | None] = [*self.reviews.values(), self.certification, self.recertification]
        return [form for form in forms if form is not None and form.is_bound]


@dataclass(frozen=True)
class ReviewedDocument:
    document: Document
    answered: list[DocumentRequest]
    review: DocumentReview | None
    form: DocumentReviewForm | None


@dataclass(frozen=True)
class CertificationPanel:
    documents: list[ReviewedDocument]
    certifications: list[Certification]
    current: Certification | None
    pattern: str
    recertification: Recertification | None
    frequency_rows: list[FrequencyRow]
    certification_form: CertificationForm
    recertification_form: RecertificationForm
    shows_certification: bool


def _review_of(document: Document) -> DocumentReview | None:
    try:
        return document.review
    except DocumentReview.DoesNotExist:
        return None


def certification_panel(
    case: Case, forms: CertificationForms | None = None, calendar: BusinessCalendar | None = None
) -> CertificationPanel:
    """The panel; `calendar` is the employee's work location's, when the page has read it already."""
    forms = forms or CertificationForms()
    prefetch_related_objects(
        [case], "documents__review", "document_requests", "certifications", "time_entries__frequency_decision"
    )
    matches = document_matches(case)
    documents = []
    for document in sorted(case.documents.all(), key=lambda d: (d.uploaded_at, d.pk), reverse=True):
        review = _review_of(document)
        form = None if review else forms.reviews.get(document.pk) or DocumentReviewForm(document_id=document.pk)
        documents.append(ReviewedDocument(document, matches.get(document.pk, []), review, form))
    current = current_certification(case)
    frequency = current.frequency if current else None
    asked = any(r.document_type in CERTIFICATION_TYPES for r in case.document_requests.all())
    certifications = sorted(case.certifications.all(), key=lambda c: (c.received_on, c.pk), reverse=True)
    return CertificationPanel(
        documents=documents,
        certifications=certifications,
        current=current,
        pattern=pattern_sentence(frequency) if frequency else "",
        recertification=recertification_status(case),
        frequency_rows=frequency_rows(case, current, calendar),
        certification_form=forms.certification or CertificationForm(),
        recertification_form=forms.recertification or RecertificationForm(),
        shows_certification=bool(certifications or asked or documents),
    )
