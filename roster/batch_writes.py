"""Many-row inserts from plain values, for staging the roster import.

Django's bulk_create spends more Python time building its statements (a model instance per row,
each value resolved as an expression) than the database spends writing. Here rows are sequences
of values, prepared by the model's own fields, and go in multi-row INSERTs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper


def _fields(model: type[models.Model], field_names: Sequence[str]) -> list[models.Field[object, object]]:
    by_name = {field.name: field for field in model._meta.concrete_fields}
    return [by_name[name] for name in field_names]


# Fields whose Python values (text, whole numbers, booleans, keys) the drivers take as they are; the
# others (dates, decimals) are prepared by the field for the database in use. Preparing every value
# through its field would double the cost of a staged row.
MOST_ROWS_PER_INSERT = 500
PLAIN_FIELD_TYPES = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.ForeignKey)


def _preparers(
    fields: Sequence[models.Field[object, object]], connection: BaseDatabaseWrapper
) -> list[Callable[[object], Any] | None]:
    return [
        None if isinstance(field, PLAIN_FIELD_TYPES) else partial(field.get_db_prep_save, connection=connection)
        for field in fields
    ]


def _prepared(preparers: Sequence[Callable[[object], Any] | None], values: Sequence[object]) -> list[Any]:
    return [value if prepare is None else prepare(value) for prepare, value in zip(preparers, values, strict=True)]


def insert_rows(model: type[models.Model], field_names: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Insert one row per sequence of values, given in the order of field_names.

    Rows go in multi-row INSERTs, as many as the database takes parameters for (SQLite: 999), so a
    batch costs a few statements rather than one round trip per row. PostgreSQL takes them by COPY:
    Django's psycopg cursors bind parameters on the client, which makes long INSERTs slow to build.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    fields = _fields(model, field_names)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    preparers = _preparers(fields, connection)
    if connection.vendor == "postgresql":
        _copy_rows(connection, f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN", preparers, rows)
        return
    row_placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    max_parameters = connection.features.max_query_params or 65535
    per_statement = max(1, min(MOST_ROWS_PER_INSERT, max_parameters // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            placeholders = ", ".join([row_placeholders] * len(chunk))
            # Only names from the model's own metadata, quoted, go into the text; every value is a parameter.
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {placeholders}"  # noqa: S608
            cursor.execute(sql, [value for values in chunk for value in _prepared(preparers, values)])


def _copy_rows(
    connection: BaseDatabaseWrapper,
    sql: str,
    preparers: Sequence[Callable[[object], Any] | None],
    rows: Sequence[Sequence[object]],
) -> None:
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for values in rows:
            copy.write_row(_prepared(preparers, values))
