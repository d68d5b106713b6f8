"""`{% bulk_actions %}`: the queue's bulk-action fields (templates/desk/includes/bulk_actions.html) with a fresh
form, so the page that lists the cases needs nothing in its view to offer them."""

from __future__ import annotations

from typing import Any

from django import template

from desk.forms import BulkForm

register = template.Library()


@register.inclusion_tag("desk/includes/bulk_actions.html", takes_context=True)
def bulk_actions(context: template.Context) -> dict[str, Any]:
    return {
        "bulk_form": BulkForm(),
        "role": context.get("role"),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
