"""Profile actions: password, email, phone (verified before it replaces the old one), authenticator app."""

from __future__ import annotations

import enum
import hashlib
import secrets
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import codes, sign_in_limits
from accounts.code_delivery import check_code, send_code
from accounts.events import record_event
from accounts.models import (
    AccountEventKind,
    ContactMethod,
    EmailChange,
    EmailChangeStatus,
    PhoneDevice,
    User,
    email_link_expiry,
)
from accounts.recovery import tell_password_changed
from accounts.sending_limits import SendingRefusal, sending_refusal
from accounts.user_sessions import PASSWORD_CONFIRMED_AT, end_sessions, mark_session_time, rekey_user_session
from notices.models import Channel
from notices.sending import queue_notice

SESSION_PHONE_CHANGE = "accounts.phone_change"
EMAIL_LINK = "email"  # the "method" email links are counted under by the sending limits


@dataclass(frozen=True)
class PasswordCheck:
    """How re-entering the password went: right, or wrong; `retry_at` when the sign-in limits make it wait."""

    right: bool
    retry_at: datetime | None = None


def confirm_password(request: HttpRequest, user: User, password: str) -> PasswordCheck:
    """The password typed again before a profile change, under the sign-in limits (accounts.sign_in_limits).

    A wrong one here counts as a wrong one at sign-in for the same account and address, earns the same waits and
    the same notice to the owner; a try while the account (or this address) waits is refused without checking
    the password, so a session cannot guess its own account's password faster than the log-in page allows.
    """
    retry_at = sign_in_limits.next_try_at(request, user.username)
    if retry_at is not None:
        sign_in_limits.count_refused_try(request)
        record_event(request, AccountEventKind.LOCKED_OUT, user=user, detail="password typed again (profile)")
        return PasswordCheck(right=False, retry_at=retry_at)
    if not user.check_password(password):
        record_event(request, AccountEventKind.PASSWORD_CONFIRM_FAILED, user=user)
        sign_in_limits.count_failure(request, user.username, user)
        return PasswordCheck(right=False, retry_at=sign_in_limits.next_try_at(request, user.username))
    sign_in_limits.clear_account(user.username)
    mark_session_time(request, PASSWORD_CONFIRMED_AT)
    record_event(request, AccountEventKind.PASSWORD_CONFIRMED, user=user)
    return PasswordCheck(right=True)


def change_password(request: HttpRequest, user: User, password: str) -> int:
    """Set the password, keep this session signed in, end the others. Returns how many ended."""
    user.set_password(password)
    user.save(update_fields=["password"])
    old_key = request.session.session_key
    update_session_auth_hash(request, user)
    rekey_user_session(old_key, request.session.session_key)
    ended = end_sessions(user, keep=request.session.session_key)
    record_event(request, AccountEventKind.PASSWORD_CHANGED, user=user, detail=f"{ended} other sessions ended")
    tell_password_changed(user)
    return ended


def tell_owner(user: User, template: str, context: dict[str, Any], *, key: str, email: str) -> None:
    """A notice about a change to the account, to its phone (by text, or a call for a phone that takes calls:
    `<template>_voice`) and to `email` (the address in use before the change), once per channel for `key`.
    Called inside the change's own transaction."""
    context = {**context, "administrator": settings.ADMINISTRATOR}
    device = user.phone_device
    if device is not None:
        name = f"{template}_voice" if device.method == ContactMethod.VOICE else template
        queue_notice(Channel(device.method), device.number, name, context, dedupe_key=f"{key}:{device.method}")
    if email:
        queue_notice(Channel.EMAIL, email, template, context, dedupe_key=f"{key}:email")


def masked_email(address: str) -> str:
    """An address shown without most of its name, for texts and calls: n…@example.com."""
    name, _at, domain = address.rpartition("@")
    return f"{name[:1]}…@{domain}"


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def pending_email_change(user: User) -> EmailChange | None:
    """The change waiting for its link to be opened, if one is and its link has not expired."""
    return EmailChange.objects.filter(
        user=user, status=EmailChangeStatus.WAITING, expires_at__gt=timezone.now()
    ).first()


def _link_refusal(request: HttpRequest, user: User, new_email: str) -> SendingRefusal | None:
    """The sending limits of codes, for links too: per address (by "email"), per account, per network address."""
    refusal = sending_refusal(request, number=new_email.casefold(), method=EMAIL_LINK, account_key=user.rate_limit_key)
    if refusal is not None:
        where = f"email link to {masked_email(new_email)}"
        record_event(request, AccountEventKind.SEND_LIMITED, user=user, detail=f"{where}: {refusal.reason}")
    return refusal


def _send_link(request: HttpRequest, change: EmailChange, token: str) -> None:
    link = request.build_absolute_uri(reverse("accounts:profile_email_confirm") + "?" + urlencode({"link": token}))
    context = {"link": link, "administrator": settings.ADMINISTRATOR}
    queue_notice(
        Channel.EMAIL, change.new_email, "account_email_verify", context, dedupe_key=f"email-link:{_digest(token)}"
    )


def begin_email_change(request: HttpRequest, user: User, new_email: str) -> SendingRefusal | None:
    """Send a link to the new address; it replaces the old one only once that link is opened.

    Any change still waiting dies (its link with it); the phone and the address in use are told. Returns the
    refusal to show when the sending limits stop the link."""
    refusal = _link_refusal(request, user, new_email)
    if refusal is not None:
        return refusal
    token = new_link_token()
    with transaction.atomic():
        # Two changes started at once (two tabs, a double click) queue on the person's row, so the later one replaces
        # the earlier instead of both inserting a waiting change and the second failing the one-waiting rule.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        now = timezone.now()
        EmailChange.objects.filter(user=user, status=EmailChangeStatus.WAITING).update(
            status=EmailChangeStatus.REPLACED, finished_at=now
        )
        change = EmailChange.objects.create(user=user, new_email=new_email, token_digest=_digest(token))
        _send_link(request, change, token)
        context = {"new_email": masked_email(new_email)}
        tell_owner(
            user, "account_email_change_requested", context, key=f"email-change-asked:{change.pk}", email=user.email
        )
        record_event(request, AccountEventKind.EMAIL_CHANGE_REQUESTED, user=user, detail=masked_email(new_email))
    return None


def resend_email_link(request: HttpRequest, user: User, change: EmailChange) -> SendingRefusal | None:
    """A new link for the same change (the one sent before stops working), its 24 hours starting again."""
    refusal = _link_refusal(request, user, change.new_email)
    if refusal is not None:
        return refusal
    token = new_link_token()
    with transaction.atomic():
        updated = EmailChange.objects.filter(pk=change.pk, status=EmailChangeStatus.WAITING).update(
            token_digest=_digest(token), expires_at=email_link_expiry()
        )
        if updated:
            change.refresh_from_db()
            _send_link(request, change, token)
    return None


def cancel_email_change(request: HttpRequest, user: User) -> bool:
    cancelled = EmailChange.objects.filter(user=user, status=EmailChangeStatus.WAITING).update(
        status=EmailChangeStatus.CANCELLED, finished_at=timezone.now()
    )
    if cancelled:
        record_event(request, AccountEventKind.EMAIL_CHANGE_CANCELLED, user=user)
    return bool(cancelled)


class EmailLink(enum.Enum):
    """What a link sent to a new address is worth to the person who opened it."""

    GOOD = "good"
    UNKNOWN = "unknown"  # no such link (mistyped, or replaced by "Send the link again")
    OTHER_ACCOUNT = "other-account"
    USED = "used"
    REPLACED = "replaced"  # another change was started after it
    CANCELLED = "cancelled"
    EXPIRED = "expired"


def email_link(request: HttpRequest, user: User, token: str) -> tuple[EmailLink, EmailChange | None]:
    """Check a link for the signed-in `user`; any refusal is recorded."""
    change = EmailChange.objects.filter(token_digest=_digest(token)).first() if token else None
    if change is None:
        result = EmailLink.UNKNOWN
    elif change.user_id != user.pk:
        result = EmailLink.OTHER_ACCOUNT
    elif change.status != EmailChangeStatus.WAITING:
        result = {
            EmailChangeStatus.DONE: EmailLink.USED,
            EmailChangeStatus.REPLACED: EmailLink.REPLACED,
            EmailChangeStatus.CANCELLED: EmailLink.CANCELLED,
        }[EmailChangeStatus(change.status)]
    elif change.expires_at <= timezone.now():
        result = EmailLink.EXPIRED
    else:
        return EmailLink.GOOD, change
    record_event(request, AccountEventKind.EMAIL_LINK_REFUSED, user=user, detail=result.value)
    return result, None


def complete_email_change(request: HttpRequest, user: User, token: str) -> EmailLink:
    """Open the link: the new address becomes the account's, once; the phone and the old address are told."""
    with transaction.atomic():
        result, change = email_link(request, user, token)
        if change is None:
            return result
        done = EmailChange.objects.filter(
            pk=change.pk, status=EmailChangeStatus.WAITING, expires_at__gt=timezone.now()
        ).update(status=EmailChangeStatus.DONE, finished_at=timezone.now())
        if not done:  # used or replaced a moment ago, in another request
            return email_link(request, user, token)[0]
        old_email = user.email
        user.email = change.new_email
        user.save(update_fields=["email"])
        context = {"new_email": masked_email(change.new_email)}
        tell_owner(user, "account_email_changed", context, key=f"email-changed:{change.pk}", email=old_email)
        record_event(request, AccountEventKind.EMAIL_CHANGED, user=user, detail=masked_email(change.new_email))
    return EmailLink.GOOD


def begin_phone_change(request: HttpRequest, user: User, number: str, method: str) -> SendingRefusal | None:
    """Send a code to the new number; it replaces the old one only once that code comes back."""
    PhoneDevice.objects.filter(user=user, confirmed=False).delete()
    device = PhoneDevice.objects.create(user=user, number=number, method=method, name="phone", confirmed=False)
    attempt = codes.new_attempt_reference()
    request.session[SESSION_PHONE_CHANGE] = {"device": device.pk, "attempt": attempt}
    return send_code(request, device, attempt=attempt, account_key=user.rate_limit_key, user=user)


def pending_phone_change(request: HttpRequest, user: User) -> tuple[PhoneDevice, str] | None:
    data = request.session.get(SESSION_PHONE_CHANGE)
    device = PhoneDevice.objects.filter(pk=data["device"], user=user, confirmed=False).first() if data else None
    return (device, data["attempt"]) if device is not None and data else None


def resend_phone_code(
    request: HttpRequest, user: User, device: PhoneDevice, attempt: str, method: str | None = None
) -> SendingRefusal | None:
    return send_code(request, device, attempt=attempt, account_key=user.rate_limit_key, user=user, method=method)


def confirm_phone_change(
    request: HttpRequest, user: User, device: PhoneDevice, attempt: str, code: str
) -> codes.CodeCheck:
    result = check_code(request, device, code, attempt=attempt, account_key=user.rate_limit_key)
    if result is not codes.CodeCheck.ACCEPTED:
        record_event(request, AccountEventKind.CODE_REFUSED, user=user, detail=result.value)
        return result
    old_devices = list(PhoneDevice.objects.filter(user=user, confirmed=True))
    context = {"last_digits": device.number[-4:], "administrator": settings.ADMINISTRATOR}
    for old in {old.number for old in old_devices} - {device.number}:
        queue_notice(Channel.SMS, old, "account_phone_changed", context)
    PhoneDevice.objects.filter(pk__in=[old.pk for old in old_devices]).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    request.session.pop(SESSION_PHONE_CHANGE, None)
    record_event(request, AccountEventKind.PHONE_CHANGED, user=user, detail=device.method)
    return result


def confirmed_authenticator(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def authenticator_to_set_up(user: User) -> TOTPDevice:
    """The app being added: an unconfirmed device, kept until confirmed with a code from the app."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)


def qr_code_svg(device: TOTPDevice, label: str) -> SafeString:
    """The app's set-up link as an inline SVG QR code, drawn here (no outside service sees the key)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" class="portal-qr" ', 1)
    return mark_safe(labelled)  # noqa: S308 - drawn by qrcode from our own URL, the label escaped


def manual_key(device: TOTPDevice) -> str:
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def confirm_authenticator(request: HttpRequest, user: User, device: TOTPDevice, code: str) -> bool:
    if not device.verify_token(code.strip()):
        record_event(request, AccountEventKind.CODE_REFUSED, user=user, detail="authenticator set-up")
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        tell_owner(user, "account_authenticator_added", {}, key=f"authenticator-added:{device.pk}", email=user.email)
        record_event(request, AccountEventKind.FACTOR_ADDED, user=user)
    return True


def remove_authenticator(request: HttpRequest, user: User) -> None:
    """Remove the app (and any half set-up one); codes come to the phone again. The owner is told."""
    with transaction.atomic():
        confirmed = list(TOTPDevice.objects.filter(user=user, confirmed=True).values_list("pk", flat=True))
        TOTPDevice.objects.filter(user=user).delete()
        if confirmed:
            key = f"authenticator-removed:{min(confirmed)}"
            tell_owner(user, "account_authenticator_removed", {}, key=key, email=user.email)
            record_event(request, AccountEventKind.FACTOR_REMOVED, user=user)
