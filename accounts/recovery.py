"""Recovery actions: sending a forgotten username, and resetting a password with a code.

Neither tells the person asking whether an account exists: the pages say the same either way, and
an unknown username counts against the same sending limits as a known one (under a number of its own,
so a request that matches nothing is refused exactly when a matching one would be).
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import codes, sign_in_limits
from accounts.code_delivery import check_code, send_code
from accounts.events import record_event
from accounts.identity import IdentityClaim, record_for_identity_and_number
from accounts.models import AccountEventKind, ContactMethod, User
from accounts.sending_limits import SendingRefusal, sending_refusal
from accounts.user_sessions import end_sessions
from notices.models import Channel
from notices.sending import queue_notice

SESSION_RESET = "accounts.reset"


def send_username(request: HttpRequest, claim: IdentityClaim, employee_number: str) -> SendingRefusal | None:
    """Send the username to the account's verified phone, by text or call as the person chose for codes.

    Returns the refusal to show if a sending limit stopped it (the same whether or not anything matched).
    """
    record = record_for_identity_and_number(claim, employee_number)
    user = User.objects.filter(roster_record=record, is_active=True).first() if record else None
    device = user.phone_device if user else None
    key = user.rate_limit_key if user else f"identity:{claim.last_name.casefold()}:{claim.birth_date}"
    method = device.method if device else ContactMethod.SMS
    number = device.number if device else f"none:{key}"
    refusal = sending_refusal(request, number=number, method=method, account_key=key)
    if refusal or user is None or device is None:
        return refusal
    context = {
        "username": user.username,
        "spoken_username": spelled_out(user.username),
        "administrator": settings.ADMINISTRATOR,
    }
    template = "account_username_voice" if method == ContactMethod.VOICE else "account_username"
    queue_notice(Channel(method), device.number, template, context)
    record_event(request, AccountEventKind.USERNAME_SENT, user=user, detail=method)
    return None


SPOKEN_CHARACTERS = {
    ".": _("dot"),
    "@": _("at sign"),
    "+": _("plus"),
    "-": _("dash"),
    "_": _("underscore"),
}


def spelled_out(username: str) -> str:
    """The username as a call reads it, one character at a time: "m, s, a, n, t, o, s"."""
    return ", ".join(str(SPOKEN_CHARACTERS.get(ch, ch)) for ch in username.casefold())


@dataclass(frozen=True)
class PendingReset:
    user: User | None
    attempt: str
    verified: bool


def begin_reset(request: HttpRequest, username: str) -> SendingRefusal | None:
    """Remember the reset in the session and send a code if the username has a verified phone."""
    user = User.objects.filter(username__iexact=username.strip(), is_active=True).first()
    attempt = codes.new_attempt_reference()
    request.session[SESSION_RESET] = {"user": user.pk if user else None, "attempt": attempt, "verified": False}
    return resend_reset_code(request, PendingReset(user, attempt, verified=False), typed_username=username)


def resend_reset_code(
    request: HttpRequest, pending: PendingReset, typed_username: str = "", method: str | None = None
) -> SendingRefusal | None:
    """A new code to the account's phone; for no account, the same counting and nothing sent."""
    device = pending.user.phone_device if pending.user else None
    if pending.user is None or device is None:
        key = f"username:{typed_username.strip().casefold()}"
        return sending_refusal(request, number=f"none:{key}", method=method or ContactMethod.SMS, account_key=key)
    key = pending.user.rate_limit_key
    return send_code(request, device, attempt=pending.attempt, account_key=key, user=pending.user, method=method)


def pending_reset(request: HttpRequest) -> PendingReset | None:
    data = request.session.get(SESSION_RESET)
    if not data:
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first() if data["user"] else None
    return PendingReset(user, data["attempt"], data["verified"])


def check_reset_code(request: HttpRequest, pending: PendingReset, code: str) -> codes.CodeCheck:
    device = pending.user.phone_device if pending.user else None
    if device is None or pending.user is None:
        result = codes.CodeCheck.WRONG
    else:
        result = check_code(request, device, code, attempt=pending.attempt, account_key=pending.user.rate_limit_key)
    if result is codes.CodeCheck.ACCEPTED:
        request.session[SESSION_RESET] = {**request.session[SESSION_RESET], "verified": True}
    else:
        record_event(request, AccountEventKind.CODE_REFUSED, user=pending.user, detail=result.value)
    return result


def reset_password(request: HttpRequest, user: User, password: str) -> int:
    """Set the new password and end every session of the account. Returns how many ended."""
    with transaction.atomic():
        user.password = make_password(password)
        user.save(update_fields=["password"])
        ended = end_sessions(user)
    request.session.pop(SESSION_RESET, None)
    unlock_sign_in(user)
    record_event(request, AccountEventKind.PASSWORD_RESET, user=user, detail=f"{ended} sessions ended")
    tell_password_changed(user)
    return ended


def unlock_sign_in(user: User) -> None:
    """A new password ends every wait on signing in: the account's (sign_in_limits) and axes' pairs."""
    sign_in_limits.clear_account(user.username)
    axes_reset(username=user.username.casefold())


def tell_password_changed(user: User) -> None:
    device = user.phone_device
    if device is not None:
        queue_notice(Channel.SMS, device.number, "account_password_changed", {"administrator": settings.ADMINISTRATOR})
