"""Recording account events (who, what, when, from where). Callers never pass a secret or a code."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.models import AccountEvent, AccountEventKind, User


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def record_event(
    request: HttpRequest | None,
    kind: AccountEventKind,
    *,
    user: User | None = None,
    username: str = "",
    detail: str = "",
) -> AccountEvent:
    return AccountEvent.objects.create(
        user=user,
        username=(user.username if user is not None else username)[:150],
        kind=kind,
        detail=detail[:200],
        ip_address=client_ip(request) if request is not None else None,
    )
