"""A letter's PDF, rendered after its cause's commit from what the cause wrote (docs/adr/0010-letters-as-pdfs.md).

`issue_letter` writes the Letter (its stored `context`) and its outbox message in the cause's transaction; the
PDF is made here, once, by whichever comes first:

- the message's delivery (notices.delivery asks `prepare_message_attachment` before it sends a message that
  waits for its attachment: the email never goes without its PDF);
- the render task queued on commit for a letter no message carries (`letters.tasks.render_letter_pdf`);
- someone opening the letter (the employee's letters, the desk's: letters.serving);
- the sweep, for any letter still without its PDF a minute after it was written (the task's hand-off lost).

Once only: `render_stored_letter` holds the letter's row lock while it renders, so a second worker waits and then
finds the PDF there; a retry finds it rendered and renders nothing, the sha unchanged. The file is written
before the rows that name it, in one transaction with them: a crash between the two leaves an unreferenced file
under a random name (deleted here when our own rows fail), never a letter or a message naming a missing file.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from letters.models import Letter
from letters.rendering import render_letter
from notices.models import Message

logger = logging.getLogger(__name__)

FOLDER = "case-letters"
# A letter without its PDF this long after it was written lost its render task: the sweep renders it.
SWEEP_AFTER = timedelta(minutes=1)
SWEEP_BATCH = 100


def render_stored_letter(letter_id: int) -> Letter:
    """The letter with its PDF: rendered now from its stored context, or as some earlier call rendered it."""
    stored_name = ""
    try:
        with transaction.atomic():
            letter = Letter.objects.select_for_update().get(pk=letter_id)
            if letter.is_rendered:
                return letter
            pdf = render_letter(letter.kind, letter.context)
            stored_name = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}.pdf", ContentFile(pdf))
            letter.pdf.name = stored_name
            letter.size = len(pdf)
            letter.sha256 = hashlib.sha256(pdf).hexdigest()
            letter.rendered_at = timezone.now()
            letter.save(update_fields=["pdf", "size", "sha256", "rendered_at"])
            if letter.message_id is not None:
                Message.objects.filter(pk=letter.message_id).update(attachment=stored_name, awaits_attachment=False)
    except Exception:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return letter


def prepare_message_attachment(message: Message) -> None:
    """Before a message that waits for its attachment is sent: render the letter it carries (if it carries one)."""
    letter_id = Letter.objects.filter(message_id=message.pk).values_list("pk", flat=True).first()
    if letter_id is not None:
        render_stored_letter(letter_id)


def due_for_rendering(now: datetime) -> list[int]:
    """Letters written over a minute ago and still without their PDF, oldest first."""
    waiting = Letter.objects.filter(pdf="", created_at__lt=now - SWEEP_AFTER).order_by("created_at", "id")
    return list(waiting.values_list("pk", flat=True)[:SWEEP_BATCH])
