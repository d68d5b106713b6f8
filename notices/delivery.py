"""Handing a recorded message to its channel's gateway: at least once, each attempt on the record.

`deliver(message_id)` writes the attempt first (so an attempt cut short by a killed process still shows), calls
the gateway with the message's idempotency key, and marks the message sent only once the gateway answered. A
gateway error is kept on the attempt and raised again as GatewayError, so the task retries with back-off; after
MAX_ATTEMPTS the message is marked failed for an operator to look at (the admin lists failed messages).

A message whose attachment is made after its cause's commit (`awaits_attachment`: a letter's PDF) waits for it:
the delivery first asks the apps that make such files (registered with `on_attachment_awaited` when the apps
load: letters renders the PDF) to prepare it, and hands the message over only once it names its file. A failed
preparation is a failed attempt, retried like a gateway error.

`sweep(now)` finds messages still queued a minute after they were written — their hand-off to the broker was
lost, or their task died with its worker — and hands them over again. The sweeper runs every minute (Celery
beat, `notices.tasks.sweep_outbox`) and on demand (`manage.py sweep_outbox`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db.models import F, Q
from django.utils import timezone

from notices.gateways import GatewayRefusal, gateway_for
from notices.models import AttemptOutcome, DeliveryAttempt, Message, MessageStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# A message queued this long without an answer from its gateway is handed over again.
SWEEP_AFTER = timedelta(minutes=1)
# Messages the sweeper hands over in one run (the rest wait a minute: no flood after a long outage).
SWEEP_BATCH = 500


class GatewayError(Exception):
    """The gateway failed to take a message; delivering it again may succeed."""


class AttachmentNotReadyError(Exception):
    """The message's attachment could not be prepared yet: the message waits (its delivery is retried)."""


_ATTACHMENT_PREPARERS: list[Callable[[Message], object]] = []


def on_attachment_awaited(preparer: Callable[[Message], object]) -> None:
    """Call `preparer(message)` before delivering a message that waits for its attachment; the preparer makes the
    file and records it on the message (or does nothing for a message that is not its own). Once per preparer."""
    if preparer not in _ATTACHMENT_PREPARERS:
        _ATTACHMENT_PREPARERS.append(preparer)


def _with_attachment(message: Message) -> Message:
    """The message with its attachment prepared: as it is, or read again once a preparer has made the file."""
    if not message.awaits_attachment:
        return message
    for preparer in _ATTACHMENT_PREPARERS:
        preparer(message)
    prepared = Message.objects.get(pk=message.pk)
    if prepared.awaits_attachment:
        raise AttachmentNotReadyError(f"message {message.pk}: its attachment {message.attachment_name!r} is not made")
    return prepared


def deliver(message_id: int) -> None:
    """Hand one queued message to its gateway; a message already delivered (or given up on) is left alone."""
    message = Message.objects.filter(pk=message_id, status=MessageStatus.QUEUED).first()
    if message is None:
        return
    now = timezone.now()
    attempt = DeliveryAttempt.objects.create(message=message)
    Message.objects.filter(pk=message.pk).update(attempts=F("attempts") + 1, last_attempt_at=now)
    try:
        status = gateway_for(message.channel).deliver(_with_attachment(message))
    except GatewayRefusal as refusal:  # the message may never go (a number the portal does not call): no retry
        _failed(message, attempt, refusal, give_up=True)
        return
    except Exception as error:
        _failed(message, attempt, error)
        return
    attempt.outcome = AttemptOutcome.DELIVERED
    attempt.finished_at = timezone.now()
    attempt.save(update_fields=["outcome", "finished_at"])
    Message.objects.filter(pk=message.pk, status=MessageStatus.QUEUED).update(
        status=status, sent_at=attempt.finished_at, error=""
    )


def _failed(message: Message, attempt: DeliveryAttempt, error: Exception, *, give_up: bool = False) -> None:
    gave_up = give_up or message.attempts + 1 >= MAX_ATTEMPTS
    attempt.outcome = AttemptOutcome.GAVE_UP if gave_up else AttemptOutcome.GATEWAY_ERROR
    attempt.error = f"{type(error).__name__}: {error}"
    attempt.finished_at = timezone.now()
    attempt.save(update_fields=["outcome", "error", "finished_at"])
    update = {"error": attempt.error, **({"status": MessageStatus.FAILED} if gave_up else {})}
    Message.objects.filter(pk=message.pk, status=MessageStatus.QUEUED).update(**update)
    if gave_up:
        logger.error("Gave up on message %s after %s attempts: %s", message.pk, message.attempts + 1, attempt.error)
        return
    logger.warning("Gateway failed for message %s (attempt %s): %s", message.pk, message.attempts + 1, error)
    raise GatewayError(attempt.error) from error


def due_for_sweep(now: datetime) -> list[int]:
    """Queued messages written over a minute ago and not attempted in the last minute, oldest first."""
    cutoff = now - SWEEP_AFTER
    queued = Message.objects.filter(status=MessageStatus.QUEUED, created_at__lt=cutoff)
    quiet = queued.filter(Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=cutoff))
    return list(quiet.order_by("created_at", "id").values_list("pk", flat=True)[:SWEEP_BATCH])
