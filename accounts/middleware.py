"""Session limits: a signed-in session ends after 12 hours, or as soon as it was ended elsewhere; an admin
session stays in the admin.

The 15-minute idle limit is the session store's own expiry (SESSION_COOKIE_AGE). A session is not written
on every request: it is renewed (saved with a fresh expiry) at most once a minute, when it is also rechecked
(accounts.user_sessions.RENEWED_AT). The two-step device that verified a session is looked up then too,
not on every request (RecheckedOTPMiddleware).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from accounts.admin_access import admin_path_prefix, is_admin_session
from accounts.user_sessions import idle_seconds_left, recently_renewed, renew_session, session_is_current


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not session_is_current(request):
            logout(request)
            return redirect("accounts:session_ended")
        if request.user.is_authenticated and is_admin_session(request) and not admin_may_open(request.path):
            if admin_path_prefix() is None:  # the admin was switched off since this session began
                logout(request)
                return redirect("accounts:session_ended")
            return redirect("admin:index")
        if not request.user.is_authenticated:
            renew_session(request)
        response = self.get_response(request)
        if request.user.is_authenticated and hasattr(request, "session"):
            # What the idle-timeout warning counts down after an htmx request (static/js/session-timeout.js).
            response.headers["Session-Idle-Seconds"] = str(idle_seconds_left(request))
        return response


class RecheckedOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, asking the database for the session's verifying device once a minute.

    django-otp reads the device on every request. Here, while the session was renewed less than a minute ago
    (the device was found, confirmed and the user's at that renewal), the device is a lazy object loaded only
    if a view reads one of its fields: `is_verified()` needs no query. A device removed since is noticed at
    the next renewal, within the minute.
    """

    def _verify_user_sync(self, request: HttpRequest, user: Any) -> Any:
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if persistent_id and user.is_authenticated and recently_renewed(request):
            self._init_user_fields(user)
            user.otp_device = SimpleLazyObject(functools.partial(self._device_from_persistent_id, persistent_id))
            return user
        return super()._verify_user_sync(request, user)


def admin_may_open(path: str) -> bool:
    """An admin session opens the admin, the static files, and signing out; not the portal or the desk."""
    prefix = admin_path_prefix()
    allowed = [reverse("accounts:logout"), reverse("accounts:session_ended"), reverse("accounts:session_extend")]
    return (prefix is not None and path.startswith(prefix)) or path.startswith(settings.STATIC_URL) or path in allowed
