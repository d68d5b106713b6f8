"""Sending a one-time code to a phone, by text message or voice call, through the outbox."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from accounts.events import record_event
from accounts.models import AccountEventKind, PhoneDevice, User
from accounts.phones import masked
from accounts.sending_limits import sending_refusal
from notices.models import Channel
from notices.sending import queue_notice


def send_code(
    request: HttpRequest, device: PhoneDevice, *, attempt: str, account_key: str, user: User | None = None
) -> str | None:
    """Issue a new code for `attempt` and queue it; the previous code stops working.

    Returns None when sent, or the message to show when a sending limit refuses it.
    """
    where = f"{device.method} to {masked(device.number)}"
    refusal = sending_refusal(request, number=device.number, account_key=account_key)
    if refusal is not None:
        record_event(request, AccountEventKind.SEND_LIMITED, user=user, detail=where)
        return refusal
    code = device.issue_code(attempt)
    context = {"code": code, "spoken_code": ", ".join(code), "administrator": settings.ADMINISTRATOR}
    queue_notice(Channel(device.method), device.number, f"account_code_{device.method}", context)
    record_event(request, AccountEventKind.CODE_SENT, user=user, detail=where)
    return None
