"""Session limits: a signed-in session ends after 12 hours, or as soon as it was ended elsewhere.

The 15-minute idle limit is the session store's own expiry (SESSION_COOKIE_AGE, renewed on each
request); this middleware adds what the store cannot know.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.user_sessions import session_is_current


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not session_is_current(request):
            logout(request)
            return redirect("accounts:session_ended")
        return self.get_response(request)
