"""The case's history: one line per thing that happened to it, written by the action that made it happen.

Every action that changes a case (submitting it, a decision, a document asked for or uploaded, a call,
time reported, a notice sent, cancelling) calls `record_event` inside its own transaction, so the history
can never miss a change or show one that was rolled back. `history(case)` reads it in one query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from cases.models import Case, CaseEvent, CaseEventKind

if TYPE_CHECKING:
    from accounts.models import User
    from notices.models import Message


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
    return CaseEvent.objects.create(
        case=case, kind=kind, summary=summary[: field.max_length], actor=actor, reason=reason, message=message
    )


def history(case: Case) -> QuerySet[CaseEvent]:
    """The case's events, newest first, with who and the notice each is about: one query however many."""
    return case.events.select_related("actor", "message").order_by("-at", "-id")
