"""Fixtures for the accounts tests: reading codes from the outbox (the root conftest empties the caches)."""

from __future__ import annotations

import re

from notices.models import Message


def latest_message_to(number: str) -> Message:
    message = Message.objects.filter(recipient=number).order_by("-pk").first()
    assert message is not None, f"no message to {number}"
    return message


def latest_code(number: str) -> str:
    """The 6-digit code in the latest text or call to `number` (a call reads it as "4, 5, 9, ...")."""
    body = latest_message_to(number).body
    spoken = re.search(r"code is ([\d, ]+)", body)
    assert spoken, body
    return re.sub(r"\D", "", spoken.group(1))[:6]
