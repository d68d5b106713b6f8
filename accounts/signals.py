"""Keeping the session list true whichever way a user signs in or out."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.models import User, UserSession
from accounts.user_sessions import record_user_session


@receiver(user_logged_in)
def remember_session(sender: type, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record_user_session(request, user)


@receiver(user_logged_out)
def forget_session(sender: type, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()
