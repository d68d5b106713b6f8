"""Handing a recorded message to its channel's gateway."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from notices.gateways import gateway_for
from notices.models import Message, MessageStatus

logger = logging.getLogger(__name__)


def deliver(message_id: int) -> None:
    """Hand one queued message to its gateway. Sending twice is impossible: only queued messages go."""
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id, status=MessageStatus.QUEUED).first()
        if message is None:
            return
        try:
            message.status = gateway_for(message.channel).deliver(message)
            message.sent_at = timezone.now()
        except Exception as error:  # a gateway failure is recorded, not raised into the request
            logger.exception("Gateway failed for message %s", message_id)
            message.status = MessageStatus.FAILED
            message.error = str(error)
        message.save(update_fields=["status", "sent_at", "error"])
