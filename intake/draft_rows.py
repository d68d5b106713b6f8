"""The draft reads and the "last saved" write that every wizard step and the dashboard make, as SQL built once.

Why: a wizard step's POST reads its draft and, saved again unchanged, moves its "last saved" stamp; the
dashboard lists the drafts in progress. Each is one short statement the database answers in about 0.1 ms, but
building it through the ORM (the filter's lookups, the compiler, the queryset's clones) cost about 1 ms of CPU
each, more than the rest of the step (issue 17: a page has about 2.6 ms). So their SQL is written here once per
process, from the model's own table and column names, and each request only binds its values, prepared by the
model's fields for the database in use (a UUID as PostgreSQL or SQLite stores it, an aware datetime in UTC).
The reads still make `Draft` instances through the ORM (`raw()`: the fields' converters, the JSON answers).

Each read names the owner in its WHERE clause: a draft is found only by the person it belongs to.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Field

from intake.models import Draft

if TYPE_CHECKING:
    from accounts.models import User

# What a step reads of its draft: everything but when it was begun, which no step shows; "last saved" tells a step
# saved again unchanged whether to move it (intake.wizard.Wizard.save_draft).
STEP_FIELDS = (
    "id", "owner", "employee", "filed_as", "flow", "case", "answers", "step_reached", "submitted_at", "updated_at",
)  # fmt: skip
# What the dashboard's list of drafts in progress reads: what each line says, and the draft's id for its buttons.
LISTED_FIELDS = ("id", "owner", "employee", "flow", "answers", "created_at")


# NAMES: the statements below hold only the model's own table and column names, quoted by the database's own
# rules; every value is bound as a parameter, never put in the text.
def _field(name: str) -> Field[Any, Any]:
    field = Draft._meta.get_field(name)
    assert isinstance(field, Field)  # noqa: S101 - a concrete column of the draft, never a reverse relation
    return field


def _column(name: str) -> str:
    return connection.ops.quote_name(str(_field(name).column))


def _columns(names: tuple[str, ...]) -> str:
    return ", ".join(_column(name) for name in names)


def _table() -> str:
    return connection.ops.quote_name(Draft._meta.db_table)


@cache
def _step_read() -> str:
    where = f"{_column('id')} = %s AND {_column('owner')} = %s AND {_column('flow')} = %s"
    return f"SELECT {_columns(STEP_FIELDS)} FROM {_table()} WHERE {where}"  # noqa: S608 - see NAMES


@cache
def _listed_read() -> str:
    where = f"{_column('owner')} = %s AND {_column('submitted_at')} IS NULL ORDER BY {_column('updated_at')} DESC"
    return f"SELECT {_columns(LISTED_FIELDS)} FROM {_table()} WHERE {where}"  # noqa: S608 - see NAMES


@cache
def _touch() -> str:
    return f"UPDATE {_table()} SET {_column('updated_at')} = %s WHERE {_column('id')} = %s"  # noqa: S608 - see NAMES


def _value(name: str, value: Any) -> Any:
    return _field(name).get_db_prep_value(value, connection)


def _owner_id(owner: User) -> Any:
    return _value("owner", owner.pk)


def owned_draft(owner: User, draft_id: UUID, flow: str) -> Draft | None:
    """The draft `draft_id` of `flow` if `owner` owns it (its STEP_FIELDS only), else None; its owner is `owner`."""
    values = [_value("id", draft_id), _owner_id(owner), _value("flow", flow)]
    found = list(Draft.objects.raw(_step_read(), values))
    if not found:
        return None
    draft = found[0]
    draft.owner = owner
    return draft


def drafts_listed(owner: User) -> list[Draft]:
    """`owner`'s drafts not yet submitted, the most recently saved first (LISTED_FIELDS only; as
    `Draft.objects.in_progress(owner)` lists them), each with its owner, and the employee it is filed for read
    with one query for all of them."""
    drafts = list(Draft.objects.raw(_listed_read(), [_owner_id(owner)]))
    filed_for = {draft.employee_id for draft in drafts if draft.employee_id is not None}
    employees = get_user_model()._default_manager.in_bulk(filed_for) if filed_for else {}
    for draft in drafts:
        draft.owner = owner
        if draft.employee_id in employees:
            draft.employee = employees[draft.employee_id]
    return drafts


def touch(draft: Draft, when: datetime) -> None:
    """Move the draft's "last saved" stamp to `when`, and nothing else (a step saved again as it was)."""
    with connection.cursor() as cursor:
        cursor.execute(_touch(), [_value("updated_at", when), _value("id", draft.pk)])
    draft.updated_at = when
