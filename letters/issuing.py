"""Issuing a letter: render it once, keep the PDF with the case, send it by the employee's channel.

`issue_letter` is the one way a letter is made. It runs in its cause's transaction (the submit action, the
desk's decision sitting): the Letter row and its outbox message commit or roll back with the cause, and the
message carries the PDF (attached to the email, or printed and mailed by the letter gateway).

Order, and what a crash leaves (docs/adr/0010-letters-as-pdfs.md): the PDF is written to the storage first,
then the rows. A crash before the commit leaves an unreferenced file under a random name in the private
storage (harmless; deleted here when our own rows fail), never a row or a message without its file. A retried
cause finds its letter by the dedupe key and renders nothing.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from absence.limits import OFFICE_HOURS
from cases.models import Case
from cases.notify import employee_destination, employee_name, long_date, mailing_address_lines, notify_employee
from letters.models import Letter, LetterKind
from letters.rendering import render_letter, render_letters
from notices.models import Channel
from notices.sending import Attachment

FOLDER = "case-letters"
FILE_NAMES = {
    LetterKind.FMLA_ELIGIBILITY: "FMLA-eligibility-notice",
    LetterKind.FMLA_DESIGNATION: "FMLA-designation-notice",
    LetterKind.PFML_DECISION: "MA-PFML-decision",
    LetterKind.PLAN_DECISION: "Leave-plan-decision",
    LetterKind.CURE_NOTICE: "Incomplete-certification-notice",
}
COVER_NOTICE = "letter_enclosed"


@dataclass(frozen=True)
class LetterDraft:
    """A letter a cause would send, before it is rendered: what `issue_draft` sends and `preview_pdf` shows."""

    kind: LetterKind
    subject: str
    context: dict[str, Any]
    key: str  # the letter within its cause: the dedupe key is "<cause>-<key>" ("desk-event-12-fmla-designation")
    due_on: date | None = None


def letter_file_name(letter: Letter) -> str:
    """The name the employee's copy is offered under: "FMLA-eligibility-notice-4817203956.pdf"."""
    return f"{FILE_NAMES[LetterKind(letter.kind)]}-{letter.case.case_number}.pdf"


def letterhead_context(case: Case, moment: datetime) -> dict[str, Any]:
    """What every letter shows: the administrator, the date, to whom and where, the case number."""
    destination = employee_destination(case)
    by_mail = destination is not None and destination[0] == Channel.LETTER
    today = timezone.localdate(moment)
    return {
        "administrator": settings.ADMINISTRATOR,
        "case_number": case.case_number,
        "letter_date": long_date(today),
        "employee_name": employee_name(case),
        "address_lines": mailing_address_lines(case) if by_mail else [],
        "email": destination[1] if destination and not by_mail else "",
        "office_hours": OFFICE_HOURS,
    }


def letter_context(
    case: Case, moment: datetime, subject: str, context: dict[str, Any], *, note: str = "", preview: bool = False
) -> dict[str, Any]:
    """Everything a letter's template reads: the letterhead, the letter's own context, the specialist's note and,
    for a preview, the mark that says it was not sent."""
    return {
        **letterhead_context(case, moment),
        **context,
        "subject": subject,
        "specialist_note": note,
        "preview": preview,
    }


def issue_letter(
    case: Case,
    kind: LetterKind,
    subject: str,
    context: dict[str, Any],
    *,
    dedupe_key: str,
    due_on: date | None = None,
    now: datetime | None = None,
    note: str = "",
) -> Letter:
    """Render, store and send the letter for this cause (or find the one it already made).

    `note`: the paragraph the case specialist added (plain text), printed under "A note from your case
    specialist" and kept on the Letter as sent."""
    existing = Letter.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing
    moment = now or timezone.now()
    note = note.strip()
    pdf = render_letter(kind, letter_context(case, moment, subject, context, note=note))
    stored_name = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}.pdf", ContentFile(pdf))
    letter = Letter(
        case=case,
        kind=kind,
        subject=subject,
        pdf=stored_name,
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        due_on=due_on,
        dedupe_key=dedupe_key,
        specialist_note=note,
    )
    try:
        with transaction.atomic():
            letter.message = notify_employee(
                case,
                COVER_NOTICE,
                {"letter_subject": subject},
                dedupe_key=f"{dedupe_key}-notice",
                attachment=Attachment(stored_name, letter_file_name(letter)),
            )
            letter.sent_at = moment if letter.message is not None else None
            letter.save()
    except IntegrityError:
        default_storage.delete(stored_name)
        winner = Letter.objects.filter(dedupe_key=dedupe_key).first()  # a concurrent retry issued it first
        if winner is None:
            raise
        return winner
    except Exception:
        default_storage.delete(stored_name)
        raise
    return letter


def issue_draft(case: Case, draft: LetterDraft, *, cause: str, note: str = "") -> Letter:
    """Send the drafted letter for this cause (or find the one it already sent)."""
    key = f"{cause}-{draft.key}"
    return issue_letter(case, draft.kind, draft.subject, draft.context, dedupe_key=key, due_on=draft.due_on, note=note)


def preview_pdf(case: Case, drafts: list[LetterDraft], *, note: str = "", now: datetime | None = None) -> bytes:
    """The drafted letters as one PDF, each marked as a preview: rendered in memory, nothing stored or sent."""
    moment = now or timezone.now()
    return render_letters(
        [(d.kind, letter_context(case, moment, d.subject, d.context, note=note.strip(), preview=True)) for d in drafts]
    )


def open_letter_file(letter: Letter) -> File:
    """The stored PDF, as it was sent."""
    return default_storage.open(str(letter.pdf.name), "rb")
