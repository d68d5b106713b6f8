"""Template helpers for the desk and the supervisor's page: hours in words, the team link in the nav, the way
back to the queue, and the messages a case page section shows."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django import template
from django.contrib.messages.storage.base import Message

from desk import case_page
from desk.access import supervises_a_team
from policies.engine.wording import hours_text

register = template.Library()


@register.filter
def minutes_as_hours(minutes: int) -> str:
    """240 → "4", 90 → "1.5": a time entry's minutes as hours, as the balances count them."""
    return hours_text(Decimal(minutes) / 60)


@register.simple_tag(takes_context=True)
def has_team(context: template.Context) -> bool:
    """Whether to show the team link: the signed-in person supervises someone on the roster (asked as the
    portal's navigation asks it, desk.access.supervises_a_team: at sign-in, then at most every five minutes)."""
    request = context.get("request")
    return request is not None and supervises_a_team(request)


@register.simple_tag(takes_context=True)
def back_to_queue_url(context: template.Context) -> str:
    """The queue as the staff member left it: its filters, sort and page (desk.views.queue keeps them)."""
    from desk.views.queue import last_queue_url  # noqa: PLC0415 - a view module: loaded only when a page asks

    return last_queue_url(context["request"].session)


@register.filter
def placed_in(messages: Iterable[Message], section: str) -> list[Message]:
    """The messages of this request shown inside the case page's section with this anchor (desk.case_page)."""
    return case_page.placed_in(messages, section)
