"""Recovery actions: sending a forgotten username, and resetting a password with a code.

Neither tells the person asking whether an account exists. The pages say the same either way; the only
limits they answer with count what was typed (the username, or the name, ZIP, birthdate and employee
number) and the address, so a request that matches nothing is refused exactly when a matching one would
be; the account's own sending limits apply on top, silently; and the codes typed for a reset of no
account are checked against a stand-in device, so they are refused in the same words as a real one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import codes, sign_in_limits
from accounts.code_delivery import check_code, send_code
from accounts.events import record_event
from accounts.identity import IdentityClaim, record_for_identity_and_number, zip5
from accounts.models import AccountEventKind, ContactMethod, PhoneDevice, User
from accounts.sending_limits import SendingRefusal, sending_refusal
from accounts.user_sessions import end_sessions
from notices.models import Channel
from notices.sending import queue_notice
from roster.models import name_key

SESSION_RESET = "accounts.reset"
DECOYS_KEPT = timedelta(days=1)


def recovery_refusal(request: HttpRequest, subject: str, method: str) -> SendingRefusal | None:
    """The only limits a recovery page answers with: counted by what was typed (and the address), the same
    whether or not it matches an account. The account's own limits then apply silently (`quiet_send`)."""
    key = f"recovery:{hashlib.sha256(subject.encode()).hexdigest()}"
    return sending_refusal(request, number=key, method=method, account_key=key)


def quiet_send(request: HttpRequest, device: PhoneDevice, user: User, attempt: str, method: str | None) -> None:
    """A code to the account's phone under its own limits; a refusal is recorded, never shown (it would tell
    the person asking that the account exists)."""
    send_code(request, device, attempt=attempt, account_key=user.rate_limit_key, user=user, method=method,
              by_address=False)  # fmt: skip


def send_username(request: HttpRequest, claim: IdentityClaim, employee_number: str) -> SendingRefusal | None:
    """Send the username to the account's verified phone, by text or call as the person chose for codes.

    Returns the refusal to show if a sending limit stopped it (the same whether or not anything matched).
    """
    subject = f"username:{name_key(claim.first_name)}:{name_key(claim.last_name)}:{zip5(claim.zip_code)}:"
    refusal = recovery_refusal(request, f"{subject}{claim.birth_date}:{employee_number.strip()}", ContactMethod.SMS)
    record = record_for_identity_and_number(claim, employee_number)
    user = User.objects.filter(roster_record=record, is_active=True).first() if record else None
    device = user.phone_device if user else None
    if refusal or user is None or device is None:
        return refusal
    method = device.method
    key = user.rate_limit_key
    if sending_refusal(request, number=device.number, method=method, account_key=key, by_address=False):
        record_event(request, AccountEventKind.SEND_LIMITED, user=user, detail="username not sent")
        return None
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
    typed_username: str = ""
    decoy: int | None = None  # the stand-in device whose code a reset for no account is checked against


def begin_reset(request: HttpRequest, username: str) -> SendingRefusal | None:
    """Remember the reset in the session and send a code if the username has a verified phone.

    For no account (or one without a phone) a stand-in device gets a code that is never sent, so the codes
    typed next are refused exactly as a real account's would be (wrong, voided after 5, too soon)."""
    typed = username.strip().casefold()
    user = User.objects.filter(username__iexact=typed, is_active=True).first()
    decoy = None
    if user is None or user.phone_device is None:
        stale = timezone.now() - DECOYS_KEPT
        PhoneDevice.objects.filter(user=None, pending_registration=None, created_at__lt=stale).delete()
        decoy = PhoneDevice.objects.create(name="no account", number="none", method=ContactMethod.SMS).pk
    attempt = codes.new_attempt_reference()
    request.session[SESSION_RESET] = {
        "user": user.pk if user else None, "attempt": attempt, "verified": False, "typed": typed, "decoy": decoy,
    }  # fmt: skip
    return resend_reset_code(request, PendingReset(user, attempt, False, typed, decoy))


def resend_reset_code(request: HttpRequest, pending: PendingReset, method: str | None = None) -> SendingRefusal | None:
    """A new code to the account's phone; the answer is the same with no account, and nothing is sent."""
    refusal = recovery_refusal(request, f"reset:{pending.typed_username}", method or ContactMethod.SMS)
    if refusal is not None:
        return refusal
    device = pending.user.phone_device if pending.user else None
    if pending.user is not None and device is not None:
        quiet_send(request, device, pending.user, pending.attempt, method)
    elif (decoy := PhoneDevice.objects.filter(pk=pending.decoy, user=None).first()) is not None:
        decoy.issue_code(pending.attempt)
    return None


def pending_reset(request: HttpRequest) -> PendingReset | None:
    data = request.session.get(SESSION_RESET)
    if not data:
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first() if data["user"] else None
    return PendingReset(user, data["attempt"], data["verified"], data.get("typed", ""), data.get("decoy"))


def check_reset_code(request: HttpRequest, pending: PendingReset, code: str) -> codes.CodeCheck:
    device = pending.user.phone_device if pending.user else None
    if device is not None and pending.user is not None:
        result = check_code(request, device, code, attempt=pending.attempt, account_key=pending.user.rate_limit_key)
    else:
        decoy = PhoneDevice.objects.filter(pk=pending.decoy, user=None).first()
        result = decoy.check_code(code, pending.attempt) if decoy else codes.CodeCheck.NO_CODE
        if result is codes.CodeCheck.ACCEPTED:  # one chance in a million of typing the unsent code
            result = codes.CodeCheck.WRONG
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
