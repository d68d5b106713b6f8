"""The case's history: one line per thing that happened to it, written by the action that made it happen.

Every action that changes a case (submitting it, a decision, a document asked for or uploaded, a call,
time reported, a notice sent, cancelling) calls `record_event` inside its own transaction, so the history
can never miss a change or show one that was rolled back. `history(case)` reads it in one query.

Apps above cases that must follow every change of a case (the desk: its tasks open and close with the events)
register a callback with `on_case_event` when the apps load; it runs right after the event is written, in the
same transaction. Cases never imports them. An action that writes several events in one go (submitting a leave:
the submission, then its notices) holds them with `followed_once()`: the callbacks then hear once per case, of
its last event, at the end of the block, still inside the action's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from cases.models import Case, CaseEvent, CaseEventKind

if TYPE_CHECKING:
    from accounts.models import User
    from notices.models import Message

_LISTENERS: list[Callable[[CaseEvent], object]] = []
# While an action holds its events (followed_once), each case's last event, by case id; None when not holding.
_held: ContextVar[dict[int, CaseEvent] | None] = ContextVar("held_case_events", default=None)


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
    held = _held.get()
    if held is not None:
        held[event.case_id] = event
    else:
        _tell_listeners(event)
    return event


@contextmanager
def followed_once() -> Iterator[None]:
    """Within the block, the listeners hear of each case once, of its last event, when the block ends without an
    error (inside the caller's transaction, which must enclose the block). A block inside another holds for the
    outer one."""
    if _held.get() is not None:
        yield
        return
    held: dict[int, CaseEvent] = {}
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
    for event in held.values():
        _tell_listeners(event)


def _tell_listeners(event: CaseEvent) -> None:
    for callback in _LISTENERS:
        callback(event)


def history(case: Case) -> QuerySet[CaseEvent]:
    """The case's events, newest first, with who and the notice each is about: one query however many."""
    return case.events.select_related("actor", "message").order_by("-at", "-id")
