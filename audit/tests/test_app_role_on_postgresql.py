"""On PostgreSQL the application's own role can add and read audit events, and nothing more (ASVS 5.0 16.4.2).

The migrations run as the owner of the tables; `grant_app_role` gives the application's role what it needs.
A throwaway login role is made, granted, and then connects itself and tries every way to change the log:
UPDATE, DELETE, TRUNCATE, switching the append-only trigger off, dropping the table. Each is refused by
PostgreSQL's privileges, not by the application.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from audit.models import AuditEvent

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the role's own connection must see the committed grants and rows
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="database roles and grants are PostgreSQL's; SQLite has neither (CI runs this suite on PostgreSQL)",
    ),
]

REFUSED = (psycopg.errors.InsufficientPrivilege,)


@pytest.fixture
def app_role() -> Iterator[str]:
    name = f"leavedesk_app_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)).as_string(cursor.connection))
    try:
        yield name
    finally:
        with connection.cursor() as cursor:
            role = sql.Identifier(name).as_string(cursor.connection)
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")


@pytest.fixture
def as_app_role(app_role) -> Iterator[psycopg.Connection]:
    call_command("grant_app_role", app_role)
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        dbname=settings["NAME"],
        user=app_role,
        autocommit=True,
    ) as role_connection:
        yield role_connection


INSERT = (
    "INSERT INTO audit_auditevent (at, actor_id, actor_username, action, case_number, target, detail) "
    "VALUES (now(), %s, 'casey', 'viewed_reasons', '4000000001', 'case', '')"
)


def test_the_app_role_adds_and_reads_audit_events(as_app_role, specialist):
    as_app_role.execute(INSERT, [specialist.pk])
    assert as_app_role.execute("SELECT count(*) FROM audit_auditevent").fetchone() == (1,)
    assert AuditEvent.objects.get().actor_username == "casey"


@pytest.mark.parametrize(
    "attack",
    [
        "UPDATE audit_auditevent SET detail = 'nothing to see'",
        "DELETE FROM audit_auditevent",
        "TRUNCATE audit_auditevent",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_update",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_event_no_update ON audit_auditevent",
        "DROP TABLE audit_auditevent",
    ],
)
def test_the_app_role_cannot_change_or_remove_the_log(as_app_role, specialist, attack):
    as_app_role.execute(INSERT, [specialist.pk])
    with pytest.raises(REFUSED):
        as_app_role.execute(attack)
    assert AuditEvent.objects.count() == 1


def test_the_app_role_still_works_the_rest_of_the_database(as_app_role, specialist):
    as_app_role.execute("UPDATE accounts_user SET first_name = first_name WHERE id = %s", [specialist.pk])
    assert as_app_role.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 0


def test_the_command_refuses_a_superuser_role():
    from django.core.management.base import CommandError  # noqa: PLC0415

    with pytest.raises(CommandError, match="superuser"):
        call_command("grant_app_role", "postgres")
