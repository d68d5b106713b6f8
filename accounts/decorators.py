"""Sudo mode: sensitive profile pages ask for the password again unless it was typed in the last 10 minutes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts.user_sessions import PASSWORD_CONFIRMED_AT, session_time

SUDO_WINDOW = timedelta(minutes=10)

View = Callable[..., HttpResponse]


def password_recently_confirmed(request: HttpRequest) -> bool:
    confirmed_at = session_time(request, PASSWORD_CONFIRMED_AT)
    return confirmed_at is not None and timezone.now() - confirmed_at < SUDO_WINDOW


def sudo_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not password_recently_confirmed(request):
            return redirect(reverse("accounts:confirm_password") + "?" + urlencode({"next": request.get_full_path()}))
        return view(request, *args, **kwargs)

    return wrapper
