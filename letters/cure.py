"""The cure notice: the written notice that a certification is incomplete or insufficient, what is missing, and
the 7 calendar days the employee has to cure it (29 CFR 825.305(c)).

`cure_draft` is the letter before it is rendered; `send_cure_notice` issues it in the desk's review transaction
(desk.certification.review_document), by the employee's channel like every letter, its dedupe key naming the
review's audit event so a retry sends nothing twice.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, Document, DocumentType
from cases.notify import long_date
from letters.issuing import LetterDraft, issue_draft
from letters.models import Letter, LetterKind

CURE_CITATION = "29 CFR 825.305(c)"


def cure_draft(case: Case, document: Document, *, missing: str, notified_on: date, cure_due: date) -> LetterDraft:
    """The cure notice for this document: what is missing, by when, and what happens if it is not cured."""
    label = DocumentType(document.document_type).label
    return LetterDraft(
        LetterKind.CURE_NOTICE,
        _("Your %(document)s is incomplete: what we still need") % {"document": label},
        {
            "document_label": label,
            "file_name": document.file_name,
            "uploaded_on": long_date(timezone.localdate(document.uploaded_at)),
            "missing_lines": [line.strip() for line in missing.splitlines() if line.strip()],
            "notified_on": long_date(notified_on),
            "cure_due": long_date(cure_due),
            "cure_days": (cure_due - notified_on).days,
            "citation": CURE_CITATION,
        },
        key="cure-notice",
        due_on=notified_on,
    )


def send_cure_notice(
    case: Case, document: Document, *, missing: str, notified_on: date, cure_due: date, cause: str
) -> Letter:
    """Issue the cure notice for this cause (the review's audit event: "desk-event-12")."""
    draft = cure_draft(case, document, missing=missing, notified_on=notified_on, cure_due=cure_due)
    return issue_draft(case, draft, cause=cause)
