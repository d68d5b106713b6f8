"""`{{ session.user_agent|device_name }}`: "Chrome on Linux" in the list of signed-in sessions."""

from __future__ import annotations

from django import template

from accounts.user_sessions import device_name as name_device

register = template.Library()


@register.filter
def device_name(user_agent: str) -> str:
    return name_device(user_agent or "")
