"""`{% session_timeout_modal %}`: the "stay logged in?" modal that signed-in pages carry."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from accounts.user_sessions import idle_seconds_left

register = template.Library()


@register.inclusion_tag("accounts/includes/session_timeout.html", takes_context=True)
def session_timeout_modal(context: template.Context) -> dict[str, Any]:
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "session_idle_seconds": idle_seconds_left(request)
        if (request := context.get("request"))
        else settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_IDLE_WARNING_SECONDS,
    }
