"""Template helpers for the desk and the supervisor's page: hours in words, the team link in the nav, and the
messages a case page section shows."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django import template
from django.contrib.messages.storage.base import Message

from accounts.models import User
from desk import case_page
from desk.access import is_supervisor
from policies.engine.wording import hours_text

register = template.Library()


@register.filter
def minutes_as_hours(minutes: int) -> str:
    """240 → "4", 90 → "1.5": a time entry's minutes as hours, as the balances count them."""
    return hours_text(Decimal(minutes) / 60)


@register.filter
def has_team(user: object) -> bool:
    """Whether to show "My team's absences": the user supervises someone on the roster."""
    return isinstance(user, User) and is_supervisor(user)


@register.filter
def placed_in(messages: Iterable[Message], section: str) -> list[Message]:
    """The messages of this request shown inside the case page's section with this anchor (desk.case_page)."""
    return case_page.placed_in(messages, section)
