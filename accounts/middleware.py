"""Session limits: a signed-in session ends after 12 hours, or as soon as it was ended elsewhere; an admin
session stays in the admin.

The 15-minute idle limit is the session store's own expiry (SESSION_COOKIE_AGE, renewed on each
request); this middleware adds what the store cannot know.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.admin_access import admin_path_prefix, is_admin_session
from accounts.user_sessions import session_is_current


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
        return self.get_response(request)


def admin_may_open(path: str) -> bool:
    """An admin session opens the admin, the static files, and signing out; not the portal or the desk."""
    prefix = admin_path_prefix()
    allowed = [reverse("accounts:logout"), reverse("accounts:session_ended"), reverse("accounts:session_extend")]
    return (prefix is not None and path.startswith(prefix)) or path.startswith(settings.STATIC_URL) or path in allowed
