"""Signing in: the password step, then the second step, then (only then) Django's login().

Between the two steps the session holds a pending sign-in (whose user, which attempt, since when),
never a signed-in user. An unknown username, a wrong password and a locked account are the same
failure to the person signing in, and take the same time: each hashes a password once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import backends, codes, sign_in_limits
from accounts.code_delivery import check_code, send_code
from accounts.events import record_event
from accounts.models import AccountEventKind, PhoneDevice, User
from accounts.sending_limits import SendingRefusal
from accounts.user_sessions import ADMIN_SESSION, PASSWORD_CONFIRMED_AT, mark_session_time

SESSION_SIGN_IN = "accounts.sign_in"
SIGN_IN_LIFETIME = timedelta(minutes=10)
TOTP = "totp"


@dataclass(frozen=True)
class PendingSignIn:
    user: User
    attempt: str
    started_at: datetime
    method: str  # "sms", "voice" or "totp"
    to_admin: bool = False  # begun at the admin's sign-in: the session becomes an admin session

    @property
    def device(self) -> Device | None:
        if self.method == TOTP:
            return TOTPDevice.objects.filter(user=self.user, confirmed=True).first()
        return self.user.phone_device


def axes_username(request: HttpRequest, credentials: dict[str, object] | None) -> str:
    """The username django-axes counts failures for: without case, as sign-in compares it."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username).strip().casefold()


def check_password_step(request: HttpRequest, username: str, password: str) -> User | None:
    """The user when the password is right and no limit refuses the try; None in every other case.

    An address over its limit is refused before any password is hashed (that is what the limit saves);
    an account that must wait, or a pair axes locked, is refused after the same work as a wrong password.
    """
    if sign_in_limits.address_throttled(request):
        record_event(request, AccountEventKind.LOCKED_OUT, username=username, detail="address")
        return None
    if sign_in_limits.account_refused(username) or not AxesProxyHandler.is_allowed(request, {"username": username}):
        make_password(password)  # the work a password check does, so a refusal answers as slowly
        sign_in_limits.count_refused_try(request)
        record_event(request, AccountEventKind.LOCKED_OUT, username=username)
        return None
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User):
        record_event(request, AccountEventKind.SIGN_IN_FAILED, username=username)
        owner = User.objects.filter(username__iexact=username.strip(), is_active=True).first()
        sign_in_limits.count_failure(request, username, owner)
        return None
    sign_in_limits.clear_account(username)
    return user


def second_step_method(user: User) -> str | None:
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return TOTP
    device = user.phone_device
    return device.method if device is not None else None


def begin_second_step(
    request: HttpRequest, user: User, method: str, *, to_admin: bool = False
) -> SendingRefusal | None:
    """Hold the pending sign-in in a fresh session and send a code unless the app gives one.

    Returns the refusal to show if a sending limit stopped the code.
    """
    request.session.cycle_key()
    attempt = codes.new_attempt_reference()
    request.session[SESSION_SIGN_IN] = {
        "user": user.pk,
        "attempt": attempt,
        "started": timezone.now().timestamp(),
        "method": method,
        "to_admin": to_admin,
    }
    return resend_code(request, PendingSignIn(user, attempt, timezone.now(), method, to_admin))


def resend_code(request: HttpRequest, pending: PendingSignIn, method: str | None = None) -> SendingRefusal | None:
    """A new code for the pending sign-in: by the phone's own method, or once by `method` ("Call Me")."""
    device = pending.device
    if not isinstance(device, PhoneDevice):
        return None
    key = pending.user.rate_limit_key
    return send_code(request, device, attempt=pending.attempt, account_key=key, user=pending.user, method=method)


def pending_sign_in(request: HttpRequest) -> PendingSignIn | None:
    data = request.session.get(SESSION_SIGN_IN)
    if not data:
        return None
    started_at = datetime.fromtimestamp(data["started"], tz=timezone.get_current_timezone())
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    if user is None or timezone.now() - started_at > SIGN_IN_LIFETIME:
        request.session.pop(SESSION_SIGN_IN, None)
        return None
    return PendingSignIn(user, data["attempt"], started_at, data["method"], bool(data.get("to_admin")))


def check_second_step(request: HttpRequest, pending: PendingSignIn, code: str) -> codes.CodeCheck:
    device = pending.device
    if isinstance(device, PhoneDevice):
        result = check_code(request, device, code, attempt=pending.attempt, account_key=pending.user.rate_limit_key)
    elif isinstance(device, TOTPDevice):
        result = codes.CodeCheck.ACCEPTED if device.verify_token(code.strip()) else codes.CodeCheck.WRONG
    else:
        result = codes.CodeCheck.NO_CODE
    if result is not codes.CodeCheck.ACCEPTED:
        record_event(request, AccountEventKind.CODE_REFUSED, user=pending.user, detail=result.value)
    return result


def finish_sign_in(request: HttpRequest, pending: PendingSignIn) -> None:
    """Django's login (a new session key), marked as verified by the device that gave the code."""
    request.session.pop(SESSION_SIGN_IN, None)
    auth_login(request, pending.user, backend=backends.PATH)
    device = pending.device
    if device is not None:
        otp_login(request, device)
    mark_session_time(request, PASSWORD_CONFIRMED_AT, pending.started_at)
    if pending.to_admin:
        request.session[ADMIN_SESSION] = True
    record_event(request, AccountEventKind.SIGN_IN, user=pending.user, detail=pending.method)
