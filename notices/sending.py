"""Composing and sending notices. Message texts live in template files under templates/notices/.

A notice template's first line is "Subject: ..." (used by email and letters); the rest is the body.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from notices.models import Channel, Message
from notices.tasks import deliver_message


def render_notice(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """Render templates/notices/<template>.txt into (subject, body)."""
    text = render_to_string(f"notices/{template}.txt", context).strip()
    first, _, rest = text.partition("\n")
    if first.startswith("Subject:"):
        return first.removeprefix("Subject:").strip(), rest.strip()
    return "", text


def queue_notice(
    channel: Channel, recipient: str, template: str, context: dict[str, Any], *, dedupe_key: str | None = None
) -> Message | None:
    """Record a notice in the outbox and send it once the current transaction commits.

    With a dedupe_key, the same event never produces two messages: a repeat returns None.
    """
    subject, body = render_notice(template, context)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                channel=channel,
                recipient=recipient,
                subject=subject,
                body=body,
                template=template,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        if dedupe_key and Message.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    transaction.on_commit(lambda: deliver_message.delay(message.pk))
    return message
