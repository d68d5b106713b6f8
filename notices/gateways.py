"""Gateways carry a message to its channel. Which one each channel uses is a setting (GATEWAYS).

A gateway gets the message with its `idempotency_key` on every attempt and must deliver each key once: a real
SMS or voice provider takes it as its idempotency header, email carries it as the Message-ID. The development
gateway sends nothing: it records what it received, one receipt per key (notices.models.GatewayReceipt), and
the message stays in the outbox, marked "recorded". A real gateway implements the same one-method protocol and
raises on failure; the delivery retries it with back-off.

Every text and call passes `PhoneDestinationGuard` first: a recipient codes may not go to (notices.destinations:
outside CODE_DESTINATION_REGIONS, premium-rate, shared-cost, toll-free) is never handed to the SMS or voice
provider. The message is marked failed at once (GatewayRefusal), with the reason, for an operator to see.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.module_loading import import_string

from notices import destinations
from notices.models import Channel, GatewayReceipt, Message, MessageStatus

PHONE_CHANNELS = frozenset({Channel.SMS, Channel.VOICE})


class Gateway(Protocol):
    def deliver(self, message: Message) -> MessageStatus:
        """Hand the message over, once per `message.idempotency_key`; return its new status. Raise on failure."""
        ...


class GatewayRefusal(Exception):  # noqa: N818 - a refusal, not an error: sending again would never help
    """The message may not go at all: the delivery gives up on it at once, without retrying."""


class PhoneDestinationGuard:
    """Before any text or call: the recipient must be a number codes may go to, or nothing is dialled."""

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    def deliver(self, message: Message) -> MessageStatus:
        refused = destinations.refusal(message.recipient)
        if refused is not None:
            raise GatewayRefusal(f"not sent: the number is not one the portal texts or calls ({refused.value})")
        return self.gateway.deliver(message)


class RecordingGateway:
    """Sends nothing: the outbox row is the record of what would have gone out, and a receipt per key shows
    that a message sent again (a retry, the sweeper) reached the gateway once."""

    def deliver(self, message: Message) -> MessageStatus:
        try:
            with transaction.atomic():
                GatewayReceipt.objects.create(
                    idempotency_key=message.idempotency_key,
                    channel=message.channel,
                    recipient=message.recipient,
                    attachment_name=message.attachment_name if message.attachment else "",
                    attachment_bytes=message.attachment.size if message.attachment else 0,
                )
        except IntegrityError:
            GatewayReceipt.objects.filter(idempotency_key=message.idempotency_key).update(repeats=F("repeats") + 1)
        return MessageStatus.RECORDED


class DjangoMailGateway:
    """Email through Django's configured mail backend (SMTP in production); the key is the Message-ID, so a
    repeat is one email to the recipient's mail client. A message's attachment (a letter) goes with it as a PDF."""

    def deliver(self, message: Message) -> MessageStatus:
        headers = {"Message-ID": f"<{message.idempotency_key}@leavedesk>"}
        email = EmailMessage(
            message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient], headers=headers
        )
        if message.attachment:
            with message.attachment.open("rb") as attachment:
                email.attach(message.attachment_name or "letter.pdf", attachment.read(), "application/pdf")
        email.send()
        return MessageStatus.SENT


@cache
def gateway_for(channel: str) -> Gateway:
    gateway: Gateway = import_string(settings.GATEWAYS[channel])()
    return PhoneDestinationGuard(gateway) if channel in PHONE_CHANNELS else gateway
