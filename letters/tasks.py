"""The letters' background work: render a letter's PDF after its cause's commit, and sweep what was left unrendered.

A letter that an outbox message carries is rendered by that message's delivery (letters.preparing); the task here
is for the letters no message carries (the employee reachable by no channel), so the desk finds the PDF ready.
The sweep (Celery beat, every minute) renders any letter still without its PDF: its task's hand-off was lost.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from letters.preparing import due_for_rendering, render_stored_letter

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(Exception,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=7,
    acks_late=True,  # a worker that dies mid-render leaves the task on the broker: rendered on the next try …
    reject_on_worker_lost=True,  # … once only (the row lock and the PDF already there)
    ignore_result=True,
)
def render_letter_pdf(letter_id: int) -> None:
    render_stored_letter(letter_id)


@shared_task(ignore_result=True)
def sweep_unrendered_letters() -> int:
    """Queue a render for every letter still without its PDF a minute after it was written; returns how many."""
    due = due_for_rendering(timezone.now())
    for letter_id in due:
        render_letter_pdf.delay(letter_id)
    if due:
        logger.warning("Swept %s letter(s) without their PDF back to rendering", len(due))
    return len(due)


def hand_to_renderer(letter_id: int) -> None:
    """Queue the letter's render once it is committed. Should the broker be down, the letter is rendered by the
    sweep, or when it is first opened."""
    try:
        render_letter_pdf.delay(letter_id)
    except Exception:
        logger.warning("Letter %s not handed to the broker; the sweep renders it", letter_id, exc_info=True)
