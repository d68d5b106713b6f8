"""Fixtures for the accounts tests: a clean cache (sending limits), and reading codes from the outbox."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from notices.models import Message


@pytest.fixture(autouse=True)
def _fresh_sending_limits():
    cache.clear()
    yield
    cache.clear()


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
