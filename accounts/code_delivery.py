"""Sending a one-time code to a phone, by text message or voice call, and checking the code typed.

Both go through the sending limits: a send is counted (or refused), and a code that comes back right
is taken off the counts, so signing in often never runs into them (docs/adr/0008-sign-in-limits.md).

A code never goes, by text or by call, to a number outside where codes may go (notices.destinations): a number
stored before CODE_DESTINATION_REGIONS changed, or put there some other way than the phone forms, is refused here
before any code is issued, counted or queued.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts import sending_limits
from accounts.codes import CodeCheck
from accounts.events import record_event
from accounts.models import AccountEventKind, ContactMethod, PhoneDevice, User
from accounts.phones import masked
from accounts.sending_limits import SendingRefusal, sending_refusal
from notices import destinations
from notices.models import Channel
from notices.sending import queue_notice


@dataclass(frozen=True)
class DestinationRefusal(SendingRefusal):
    """The account's phone is not one codes may go to: only the administrator can help."""

    @property
    def message(self) -> str:
        return _("We cannot send codes to the phone number on this account. Call %(name)s at %(phone)s for help.") % {
            "name": settings.ADMINISTRATOR["name"],
            "phone": settings.ADMINISTRATOR["phone"],
        }


def chosen_method(value: object, default: str) -> str:
    """A method posted by a "Call Me" or "Send Code" button, or `default` when it is not one."""
    return str(value) if value in ContactMethod.values else default


def send_code(
    request: HttpRequest,
    device: PhoneDevice,
    *,
    attempt: str,
    account_key: str,
    user: User | None = None,
    method: str | None = None,
    by_address: bool = True,
) -> SendingRefusal | None:
    """Issue a new code for `attempt` and queue it; the previous code stops working.

    `method` sends this one code another way than the device's own (a "Call Me" after texts were
    limited). Returns None when sent, or the refusal to show when a sending limit stops it.
    """
    method = method or device.method
    where = f"{method} to {masked(device.number)}"
    refused = destinations.refusal(device.number)
    if refused is not None:
        record_event(request, AccountEventKind.SEND_LIMITED, user=user, detail=f"{where}: destination {refused.value}")
        return DestinationRefusal(f"destination-{refused.value}", None)
    refusal = sending_refusal(
        request, number=device.number, method=method, account_key=account_key, by_address=by_address
    )
    if refusal is not None:
        record_event(request, AccountEventKind.SEND_LIMITED, user=user, detail=f"{where}: {refusal.reason}")
        return refusal
    code = device.issue_code(attempt)
    sending_limits.remember_sent_by(device.pk, method)
    context = {"code": code, "spoken_code": ", ".join(code), "administrator": settings.ADMINISTRATOR}
    queue_notice(Channel(method), device.number, f"account_code_{method}", context)
    record_event(request, AccountEventKind.CODE_SENT, user=user, detail=where)
    return None


def check_code(request: HttpRequest, device: PhoneDevice, code: str, *, attempt: str, account_key: str) -> CodeCheck:
    """Check a code typed for `attempt`, and tell the sending limits how it went."""
    result = device.check_code(code, attempt)
    method = sending_limits.sent_by(device.pk, device.method)
    sending_limits.code_entered(request, number=device.number, method=method, account_key=account_key, result=result)
    return result
