"""The case's history: one line per thing that happened to it, written by the action that made it happen.

Every action that changes a case (submitting it, a decision, a document asked for or uploaded, a call,
time reported, a notice sent, cancelling) calls `record_event` inside its own transaction, so the history
can never miss a change or show one that was rolled back. `history(case)` reads it in one query.

Apps above cases that must follow every change of a case (the desk: its tasks open and close with the events)
register a callback with `on_case_event` when the apps load; it runs right after the event is written, in the
same transaction. Cases never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from cases.models import Case, CaseEvent, CaseEventKind

if TYPE_CHECKING:
    from accounts.models import User
    from notices.models import Message

_LISTENERS: list[Callable[[CaseEvent], object]] = []


def on_case_event(callback: Callable[[CaseEvent], object]) -> None:
    """Call `callback(event)` after every case event is written, in its transaction (once, however often it is
    registered)."""
    if callback not in _LISTENERS:
        _LISTENERS.append(callback)


def record_event(
    case: Case,
    kind: CaseEventKind,
    summary: str,
    *,
    actor: User | None = None,
    reason: str = "",
    message: Message | None = None,
) -> CaseEvent:
    field = CaseEvent._meta.get_field("summary")
    event = CaseEvent.objects.create(
        case=case, kind=kind, summary=summary[: field.max_length], actor=actor, reason=reason, message=message
    )
    for callback in _LISTENERS:
        callback(event)
    return event


def history(case: Case) -> QuerySet[CaseEvent]:
    """The case's events, newest first, with who and the notice each is about: one query however many."""
    return case.events.select_related("actor", "message").order_by("-at", "-id")
