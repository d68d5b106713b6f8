"""`{% session_timeout_modal %}`: the "stay logged in?" modal that signed-in pages carry."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.safestring import SafeString

from accounts.user_sessions import idle_seconds_left
from uswds.fragments import render_fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def session_timeout_modal(context: template.Context) -> SafeString:
    """Rendered once per process and language (uswds.fragments); the seconds left and the CSRF token put in."""
    request = context.get("request")
    return render_fragment(
        "accounts/includes/session_timeout.html",
        {"session_warning_seconds": settings.SESSION_IDLE_WARNING_SECONDS},
        {
            "session_idle_seconds": idle_seconds_left(request) if request else settings.SESSION_COOKIE_AGE,
            "csrf_token": context.get("csrf_token"),
        },
    )
