"""Writing to the access log. The only way the application adds audit events."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.events import client_ip as request_ip
from accounts.models import User
from audit.models import AuditAction, AuditEvent
from cases.models import Case


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from (behind the load balancer, config.forwarded sets REMOTE_ADDR)."""
    return None if request is None else request_ip(request)


def record(
    actor: User,
    action: AuditAction,
    *,
    case: Case | None = None,
    target: str = "",
    detail: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event: who (actor), what (action, target, detail), when (now, UTC), from where."""
    return AuditEvent.objects.create(
        actor=actor,
        actor_username=actor.get_username(),
        action=action,
        case_number=case.case_number if case is not None else "",
        target=target[:200],
        detail=detail[:500],
        ip_address=client_ip(request),
    )


def record_view_by_other(
    viewer: User, case: Case, action: AuditAction, *, target: str = "", request: HttpRequest | None = None
) -> AuditEvent | None:
    """Log a view of a reason, condition or document, unless the viewer is the case's own employee."""
    if viewer.pk == case.employee_id:
        return None
    return record(viewer, action, case=case, target=target, request=request)
