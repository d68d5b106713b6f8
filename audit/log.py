"""Writing to the access log. The only way the application adds audit events."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connections, router
from django.db.models import Field
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
    event = AuditEvent(
        actor=actor,
        actor_username=actor.get_username(),
        action=action,
        case_number=case.case_number if case is not None else "",
        target=target[:200],
        detail=detail[:500],
        ip_address=client_ip(request),
    )
    _insert(event)
    return event


def _insert(event: AuditEvent) -> None:
    """INSERT the new event in SQL built once (the desk case view writes one on every view: through the ORM the
    statement was compiled anew each time, as long again as running it). Events are only ever added: no model
    signal, no save() logic beyond AuditEvent.save's refusal to change one."""
    alias = router.db_for_write(AuditEvent)
    connection = connections[alias]
    sql, fields, returns_id = _insert_sql(alias)
    values = [field.get_db_prep_save(field.pre_save(event, add=True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        event.pk = cursor.fetchone()[0] if returns_id else connection.ops.last_insert_id(cursor, "", "")
    event._state.adding = False
    event._state.db = alias


@cache
def _insert_sql(alias: str) -> tuple[str, list[Field[Any, Any]], bool]:
    """For the database `alias`: the INSERT of every column but the key, its fields in order, and whether it
    returns the new key (RETURNING) or the cursor tells it."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    meta = AuditEvent._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names only
    returns_id = bool(connection.features.can_return_columns_from_insert)
    if returns_id:
        sql = f"{sql} RETURNING {quote(str(meta.pk.column))}"
    return sql, fields, returns_id


def record_view_by_other(
    viewer: User, case: Case, action: AuditAction, *, target: str = "", request: HttpRequest | None = None
) -> AuditEvent | None:
    """Log a view of a reason, condition or document, unless the viewer is the case's own employee."""
    if viewer.pk == case.employee_id:
        return None
    return record(viewer, action, case=case, target=target, request=request)
