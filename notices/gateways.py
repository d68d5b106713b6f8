"""Gateways carry a message to its channel. Which one each channel uses is a setting (GATEWAYS).

The development gateway only records: the message stays in the outbox, marked "recorded". A real
SMS, voice or letter gateway implements the same one-method protocol.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from notices.models import Message, MessageStatus


class Gateway(Protocol):
    def deliver(self, message: Message) -> MessageStatus:
        """Hand the message over; return its new status. Raise on failure."""
        ...


class RecordingGateway:
    """Sends nothing: the outbox row is the record of what would have gone out."""

    def deliver(self, message: Message) -> MessageStatus:
        return MessageStatus.RECORDED


class DjangoMailGateway:
    """Email through Django's configured mail backend (SMTP in production)."""

    def deliver(self, message: Message) -> MessageStatus:
        EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient]).send()
        return MessageStatus.SENT


@cache
def gateway_for(channel: str) -> Gateway:
    gateway: Gateway = import_string(settings.GATEWAYS[channel])()
    return gateway
