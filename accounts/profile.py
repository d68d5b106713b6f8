"""Profile actions: password, email, phone (verified before it replaces the old one), authenticator app."""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import codes, sign_in_limits
from accounts.code_delivery import check_code, send_code
from accounts.events import record_event
from accounts.models import AccountEventKind, PhoneDevice, User
from accounts.recovery import tell_password_changed
from accounts.sending_limits import SendingRefusal
from accounts.user_sessions import PASSWORD_CONFIRMED_AT, end_sessions, mark_session_time, rekey_user_session
from notices.models import Channel
from notices.sending import queue_notice

SESSION_PHONE_CHANGE = "accounts.phone_change"


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


def change_email(request: HttpRequest, user: User, email: str) -> None:
    user.email = email
    user.save(update_fields=["email"])
    record_event(request, AccountEventKind.EMAIL_CHANGED, user=user)


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
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_event(request, AccountEventKind.FACTOR_ADDED, user=user)
    return True


def remove_authenticator(request: HttpRequest, user: User) -> None:
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        record_event(request, AccountEventKind.FACTOR_REMOVED, user=user)
