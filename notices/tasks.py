"""The outbox's background work: deliver one message (retried with back-off), hand on those queued together, and
sweep what was left queued."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from notices.delivery import MAX_ATTEMPTS, GatewayError, deliver, due_for_sweep

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(GatewayError,),
    retry_backoff=5,  # 5 s, 10 s, 20 s … between attempts
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=MAX_ATTEMPTS - 1,
    acks_late=True,  # a worker that dies mid-delivery leaves the task on the broker …
    reject_on_worker_lost=True,  # … and it is delivered again (the gateway's key keeps it to one delivery)
)
def deliver_message(message_id: int) -> None:
    deliver(message_id)


@shared_task(
    autoretry_for=(Exception,),  # the broker refused a hand-over: the task is tried again, and a message handed
    retry_backoff=1,  # over twice is still delivered once (deliver skips one already sent, the gateway's key)
    max_retries=3,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def deliver_messages(message_ids: list[int]) -> None:
    """Messages an action queued together (notices.sending.handed_over_together): each gets its own delivery task,
    retried on its own, as if it had been handed over alone."""
    for message_id in message_ids:
        deliver_message.delay(message_id)


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    """Hand over again every message still queued a minute after it was written; returns how many."""
    due = due_for_sweep(timezone.now())
    for message_id in due:
        deliver_message.delay(message_id)
    if due:
        logger.warning("Swept %s queued message(s) back to delivery", len(due))
    return len(due)
