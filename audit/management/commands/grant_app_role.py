"""`manage.py grant_app_role ROLE`: give the application's PostgreSQL role what it needs, and the audit log no more.

Run it as the owner of the tables (the role the migrations ran as: `--database owner` when MIGRATION_DATABASE_URL
is set), after every `migrate`, since new tables need their grants. The role may read and write every table,
but on the audit log only INSERT and SELECT: no UPDATE, DELETE or TRUNCATE; and as it owns no table it can
neither alter one (switching the append-only trigger off) nor drop one.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from psycopg import sql

AUDIT_TABLE = "audit_auditevent"


class Command(BaseCommand):
    help = "Grant the application's PostgreSQL role its privileges: the audit log insert-and-read only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="the login role the application connects as (DATABASE_URL's user)")
        default = "owner" if "owner" in connections.databases else "default"
        parser.add_argument("--database", default=default, help=f"the owner's connection (default: {default})")

    def handle(self, *args: Any, role: str, database: str, **options: Any) -> None:
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("grant_app_role is for PostgreSQL; SQLite has no roles")
        with connection.cursor() as cursor:
            self._refuse_unsafe_role(cursor, role)
            for statement in self._statements(role):
                cursor.execute(statement.as_string(cursor.connection))
        self.stdout.write(f"{role}: every table read and written, {AUDIT_TABLE} insert and select only.")

    def _refuse_unsafe_role(self, cursor: Any, role: str) -> None:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [role])
        found = cursor.fetchone()
        if found is None:
            raise CommandError(f"there is no role {role!r}: create it first (CREATE ROLE {role} LOGIN PASSWORD ...)")
        if found[0]:
            raise CommandError(f"{role} is a superuser: it could change the audit log whatever is granted")
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = %s", [AUDIT_TABLE])
        owner = cursor.fetchone()
        if owner is None:
            raise CommandError(f"{AUDIT_TABLE} does not exist: run migrate first")
        if owner[0] == role:
            raise CommandError(f"{role} owns {AUDIT_TABLE}: the application must connect as another role")

    def _statements(self, role: str) -> list[sql.Composed]:
        name = sql.Identifier(role)
        audit = sql.Identifier(AUDIT_TABLE)
        return [
            sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(name),
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(name),
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(name),
            sql.SQL("REVOKE ALL ON {} FROM PUBLIC").format(audit),
            sql.SQL("REVOKE ALL ON {} FROM {}").format(audit, name),
            sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(audit, name),
            sql.SQL("REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM {}").format(name),
        ]
