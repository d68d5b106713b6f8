"""The outbox: every SMS, voice call, email and letter the system sends, as a recorded message.

A message is written in the same transaction as what caused it (a case submitted, a decision made), so a
case never commits without its notices. It is handed to the broker after the commit and, should that hand-off
be lost (the broker down, the process killed), the sweeper sends it a minute later (notices.delivery).

Delivery is at least once: a message stays "queued" until its gateway answered, and every attempt is kept
(DeliveryAttempt). A message's `idempotency_key` goes to the gateway with each attempt, so a gateway that
honours it (as the recording gateway does, GatewayReceipt) delivers a message once however often it is sent.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("Text message")
    VOICE = "voice", _("Voice call")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    RECORDED = "recorded", _("Recorded (development gateway)")
    FAILED = "failed", _("Failed")


class Message(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=500)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    template = models.CharField(_("template"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    error = models.TextField(_("error"), blank=True)
    # A key that names the event this message is about: a retried task finds the message already there.
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    # Sent to the gateway with every attempt: the gateway delivers each key once.
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    # A file that goes with the message (a letter's PDF): attached to the email, or printed and mailed with the
    # letter. It is the stored file of what caused the message (letters.Letter), never a copy, never re-rendered.
    attachment = models.FileField(_("attachment"), max_length=255, blank=True)
    attachment_name = models.CharField(_("attachment's file name"), max_length=120, blank=True)
    # The attachment is made after the cause's commit (a letter's PDF, rendered from what the cause wrote): the
    # delivery prepares it before the message goes (notices.delivery.on_attachment_awaited), never without it.
    awaits_attachment = models.BooleanField(_("waits for its attachment"), default=False)

    class Meta:
        verbose_name = _("outbox message")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_queued_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.recipient}: {self.subject or self.body[:40]}"


class AttemptOutcome(models.TextChoices):
    STARTED = "started", _("Started (no answer recorded: the process may have stopped)")
    DELIVERED = "delivered", _("Delivered")
    GATEWAY_ERROR = "gateway_error", _("Gateway error (to be retried)")
    GAVE_UP = "gave_up", _("Gateway error (no more retries)")


class DeliveryAttempt(models.Model):
    """One hand-over of a message to its gateway, written before the gateway is called and finished after."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="delivery_attempts")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=15, choices=AttemptOutcome.choices, default="started")
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.message_id} at {self.started_at:%Y-%m-%d %H:%M:%S}: {self.outcome}"


class GatewayReceipt(models.Model):
    """What the recording gateway (development and tests) received: one row per idempotency key, as a real
    gateway that honours the key keeps one delivery per key."""

    idempotency_key = models.UUIDField(unique=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.CharField(max_length=500)
    received_at = models.DateTimeField(auto_now_add=True)
    # Attempts beyond the first with the same key: answered "already delivered", delivered no second time.
    repeats = models.PositiveIntegerField(default=0)
    # The attachment it received, by file name and size ("" and 0 for none).
    attachment_name = models.CharField(max_length=120, blank=True)
    attachment_bytes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("gateway receipt")

    def __str__(self) -> str:
        return f"{self.channel} to {self.recipient} ({self.idempotency_key})"
