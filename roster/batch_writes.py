"""Many-row writes through the database driver's executemany, for the roster import.

Django's bulk_create and bulk_update spend more Python time building one big statement (model
instances, and for updates a CASE WHEN per field over the whole batch) than the database spends
writing. One short INSERT or UPDATE repeated through executemany is one prepared statement on
SQLite and one pipeline on PostgreSQL (psycopg 3). Values are prepared by the model's own fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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


def insert_rows(model: type[models.Model], field_names: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Insert one row per sequence of values, given in the order of field_names."""
    connection = connections[DEFAULT_DB_ALIAS]
    fields = _fields(model, field_names)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Only names from the model's own metadata, quoted, go into the text; every value is a parameter.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    preparers = _preparers(fields, connection)
    _execute_many(connection, sql, [_prepared(preparers, values) for values in rows])


def update_rows(
    model: type[models.Model], field_names: Sequence[str], rows: Iterable[tuple[int, Sequence[object]]]
) -> None:
    """Update rows by primary key: each item is a key and the values in the order of field_names."""
    connection = connections[DEFAULT_DB_ALIAS]
    fields = _fields(model, field_names)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(str(field.column))} = %s" for field in fields)
    key_column = quote(str(model._meta.pk.column)) if model._meta.pk else "id"
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {key_column} = %s"  # noqa: S608
    preparers = _preparers(fields, connection)
    _execute_many(connection, sql, [[*_prepared(preparers, values), key] for key, values in rows])


def _execute_many(connection: BaseDatabaseWrapper, sql: str, parameters: list[list[Any]]) -> None:
    if parameters:
        with connection.cursor() as cursor:
            cursor.executemany(sql, parameters)
