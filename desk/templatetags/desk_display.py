"""Template helpers for the desk and the supervisor's page: hours in words, the team link in the nav, the way
back to the queue, the messages a case page section shows, and the case page's blank forms' fields."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from decimal import Decimal

from django import template
from django.contrib.messages.storage.base import Message
from django.forms import BoundField
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from desk import case_page
from desk.access import supervises_a_team
from desk.forms import CallNoteForm, DocumentRequestForm, FollowUpForm, InternalNoteForm, LetterNoteForm
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


# The case page's forms whose fields are the same for every case: nothing set per case or per person in __init__,
# only their prefix and initial values (today's due date, the call time of this minute).
BLANK_FORMS = (CallNoteForm, DocumentRequestForm, FollowUpForm, InternalNoteForm, LetterNoteForm)
_blank_fields: OrderedDict[tuple[str, ...], SafeString] = OrderedDict()
BLANK_FIELDS_KEPT = 200


@register.filter
def blank_field_group(field: BoundField) -> SafeString:
    """`field.as_field_group`, kept in this process for a field of a blank form (BLANK_FORMS, not bound, no error):
    its markup is then the same for every case and every staff member, and the key holds all it depends on — the
    form and field, the prefix, the language, the time zone and the initial value (so a new day or minute is a new
    key). A bound form (what was typed, refused) is written afresh. Nothing personal is kept: labels, hints and
    dates. The oldest are dropped past BLANK_FIELDS_KEPT."""
    form = field.form
    if type(form) not in BLANK_FORMS or form.is_bound or form.errors:
        return SafeString(field.as_field_group())
    key = (type(form).__name__, form.prefix or "", field.name, get_language() or "",
           timezone.get_current_timezone_name(), repr(field.value()))  # fmt: skip
    html = _blank_fields.get(key)
    if html is None:
        html = _blank_fields[key] = SafeString(field.as_field_group())
        while len(_blank_fields) > BLANK_FIELDS_KEPT:
            _blank_fields.popitem(last=False)
    return html
