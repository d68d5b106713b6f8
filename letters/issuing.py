"""Issuing a letter: write it with its cause, render its PDF once after the commit, send it by the employee's channel.

`issue_letter` is the one way a letter is made. It runs in its cause's transaction (the submit action, the
desk's decision sitting) and renders nothing there: the Letter row, with the whole context its template reads
as of the cause (JSON: the letterhead, the figures, the date, the note), and its outbox message commit or roll
back with the cause. The message waits for its attachment; the PDF is rendered after the commit from the stored
context, once (letters.preparing: by the message's delivery, a task, the sweep, or whoever opens the letter
first), so it says exactly what it would have said in the transaction, dated the cause's day.

A retried cause finds its letter by the dedupe key and writes nothing (docs/adr/0010-letters-as-pdfs.md).

The Case instance a letter was issued on keeps it (`letters_issued_on`): the submit's listeners, which see every
letter a case they are making has, take them from there (desk.worklist.sync_new_case_tasks) rather than read them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise

from absence.limits import OFFICE_HOURS
from cases.models import Case
from cases.notify import employee_destination, employee_name, long_date, mailing_address_lines, notify_employee
from letters.models import Letter, LetterKind
from letters.preparing import render_stored_letter
from letters.rendering import render_letters
from letters.tasks import hand_to_renderer
from notices.models import Channel
from notices.sending import Attachment, keys_are_new

FILE_NAMES = {
    LetterKind.FMLA_ELIGIBILITY: "FMLA-eligibility-notice",
    LetterKind.FMLA_DESIGNATION: "FMLA-designation-notice",
    LetterKind.PFML_DECISION: "MA-PFML-decision",
    LetterKind.PLAN_DECISION: "Leave-plan-decision",
    LetterKind.CURE_NOTICE: "Incomplete-certification-notice",
}
COVER_NOTICE = "letter_enclosed"
_ISSUED = "_letters_issued"  # where issue_letter keeps, on the Case instance, the letters it issued or found


@dataclass(frozen=True)
class LetterDraft:
    """A letter a cause would send, before it is rendered: what `issue_draft` sends and `preview_pdf` shows."""

    kind: LetterKind
    subject: str
    context: dict[str, Any]
    key: str  # the letter within its cause: the dedupe key is "<cause>-<key>" ("desk-event-12-fmla-designation")
    due_on: date | None = None


def letters_issued_on(case: Case) -> list[Letter]:
    """The letters `issue_letter` issued (or found already issued) on this Case instance, oldest first."""
    return list(case.__dict__.get(_ISSUED, ()))


def _kept(case: Case, letter: Letter) -> Letter:
    case.__dict__.setdefault(_ISSUED, []).append(letter)
    return letter


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


class _TextEncoder(json.JSONEncoder):
    def default(self, o: object) -> object:
        if isinstance(o, Promise):  # a translated text, in the cause's language
            return str(o)
        return super().default(o)  # anything else a template would show differently once stored: refused


def stored_context(context: dict[str, Any]) -> dict[str, Any]:
    """The letter's context as it is kept (JSON): texts, numbers, flags, lists and mappings of them. A value a
    template would show otherwise once stored (a date, a Decimal, a model) is refused here, loudly: format it."""
    stored: dict[str, Any] = json.loads(json.dumps(context, cls=_TextEncoder))
    return stored


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
    """Write and send the letter for this cause (or find the one it already made); its PDF follows the commit.

    `note`: the paragraph the case specialist added (plain text), printed under "A note from your case
    specialist" and kept on the Letter as sent."""
    fresh = keys_are_new()  # a key naming a case its submit is making: no letter can hold it yet
    existing = None if fresh else Letter.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return _kept(case, existing)
    moment = now or timezone.now()
    note = note.strip()
    letter = Letter(
        case=case,
        kind=kind,
        subject=subject,
        context=stored_context(letter_context(case, moment, subject, context, note=note)),
        letter_date=timezone.localdate(moment),
        due_on=due_on,
        dedupe_key=dedupe_key,
        specialist_note=note,
    )
    if fresh:
        _write(case, letter, subject, dedupe_key, moment)  # no repeat to catch: no savepoint to roll back to
    else:
        try:
            with transaction.atomic():
                _write(case, letter, subject, dedupe_key, moment)
        except IntegrityError:
            winner = Letter.objects.filter(dedupe_key=dedupe_key).first()  # a concurrent retry issued it first
            if winner is None:
                raise
            return _kept(case, winner)
    if letter.message is None:  # no delivery to render it: a task does, so the desk finds the PDF ready
        letter_id = letter.pk
        transaction.on_commit(lambda: hand_to_renderer(letter_id))
    return _kept(case, letter)


def _write(case: Case, letter: Letter, subject: str, dedupe_key: str, moment: datetime) -> None:
    """The letter's cover notice and the letter, which names it."""
    letter.message = notify_employee(
        case,
        COVER_NOTICE,
        {"letter_subject": subject},
        dedupe_key=f"{dedupe_key}-notice",
        attachment=Attachment.to_be_prepared(letter_file_name(letter)),
    )
    letter.sent_at = moment if letter.message is not None else None
    letter.save()


def issue_draft(case: Case, draft: LetterDraft, *, cause: str, note: str = "") -> Letter:
    """Send the drafted letter for this cause (or find the one it already sent)."""
    key = f"{cause}-{draft.key}"
    return issue_letter(case, draft.kind, draft.subject, draft.context, dedupe_key=key, due_on=draft.due_on, note=note)


def preview_pdf(case: Case, drafts: list[LetterDraft], *, note: str = "", now: datetime | None = None) -> bytes:
    """The drafted letters as one PDF, each marked as a preview: rendered in memory, nothing stored or sent."""
    moment, note = now or timezone.now(), note.strip()
    contexts = [letter_context(case, moment, d.subject, d.context, note=note, preview=True) for d in drafts]
    return render_letters([(d.kind, stored_context(c)) for d, c in zip(drafts, contexts, strict=True)])


def open_letter_file(letter: Letter) -> File:
    """The stored PDF, as it was sent (rendered now if it has not been yet)."""
    rendered = letter if letter.is_rendered else render_stored_letter(letter.pk)
    return default_storage.open(str(rendered.pdf.name), "rb")
