"""The queue's rows written from their template (`desk/includes/queue_row.html`) rendered once per language and
shape, not once per case (`uswds.shapes`): a row is then a dictionary look-up and a join of its escaped values.

The shape is what decides which markup a row has: whether the reader may select rows, the next deadline's kind and
state and whether it has a label or others after it, the policies' statuses in order, whether the case has a roster
record and an owner, and its flags. Everything else is a value. `desk/tests/test_queue_rows.py` holds the joined
rows to what the template writes for the real row.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import NamedTuple

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from desk.deadlines import DeadlineKind, DeadlineState
from desk.queue import QueueRow
from uswds.fragments import placeholder
from uswds.shapes import Shapes

ROW_TEMPLATE = "desk/includes/queue_row.html"


class NextShape(NamedTuple):
    kind: DeadlineKind
    state: DeadlineState | None
    has_label: bool
    has_more: bool


class RowShape(NamedTuple):
    is_specialist: bool
    has_record: bool
    statuses: tuple[str, ...]
    next_deadline: NextShape | None
    has_owner: bool
    is_new: bool
    new_documents: bool
    new_time: bool
    overlaps: bool


def _shape(row: QueueRow, is_specialist: bool) -> RowShape:
    next_, case = row.next_deadline, row.case
    return RowShape(
        is_specialist=is_specialist,
        has_record=row.record is not None,
        statuses=tuple(status for status, _badge in row.policy_badges),
        next_deadline=NextShape(next_.kind, row.next_deadline_state, bool(next_.label), bool(row.more_deadlines_label))
        if next_ is not None
        else None,
        has_owner=bool(row.owner_name),
        is_new=row.is_new,
        new_documents=bool(case.has_new_documents),
        new_time=bool(case.has_new_time_entries),
        overlaps=bool(getattr(case, "overlaps_another_case", False)),
    )


def _render(shape: RowShape) -> str:
    """The row template for `shape` (a `RowShape`), with a placeholder for every value."""
    next_ = shape.next_deadline
    deadline = None
    if next_ is not None:
        deadline = SimpleNamespace(kind=next_.kind, label=placeholder("next_label") if next_.has_label else "")
    row = SimpleNamespace(
        case=SimpleNamespace(
            pk=placeholder("pk"),
            case_number=placeholder("number"),
            has_new_documents=shape.new_documents,
            has_new_time_entries=shape.new_time,
            overlaps_another_case=shape.overlaps,
        ),
        record=SimpleNamespace(full_name=placeholder("name"), employee_number=placeholder("employee_number"))
        if shape.has_record
        else None,
        next_deadline=deadline,
        next_deadline_state=next_.state if next_ is not None else None,
        select_label=placeholder("select"),
        submitted_label=placeholder("submitted"),
        account_name=placeholder("name"),
        agency_label=placeholder("agency"),
        kind_label=placeholder("kind"),
        policy_badges=[(status, placeholder(f"badge{n}")) for n, status in enumerate(shape.statuses)],
        next_due_label=placeholder("due"),
        more_deadlines_label=placeholder("more") if next_ is not None and next_.has_more else "",
        owner_name=placeholder("owner") if shape.has_owner else None,
        is_new=shape.is_new,
    )
    return get_template(ROW_TEMPLATE).render({"row": row, "is_specialist": shape.is_specialist})


_shapes: Shapes[RowShape] = Shapes(_render)


def _values(row: QueueRow) -> dict[str, str]:
    case, record, next_ = row.case, row.record, row.next_deadline
    values = {
        "pk": str(case.pk),
        "number": case.case_number,
        "select": row.select_label,
        "submitted": row.submitted_label,
        "name": record.full_name if record is not None else row.account_name,
        "employee_number": record.employee_number if record is not None else "",
        "agency": row.agency_label,
        "kind": row.kind_label,
        "owner": row.owner_name or "",
        "next_label": next_.label if next_ is not None else "",
        "due": row.next_due_label,
        "more": row.more_deadlines_label,
    }
    for n, (_status, badge) in enumerate(row.policy_badges):
        values[f"badge{n}"] = badge
    return values


def queue_rows(rows: list[QueueRow], *, is_specialist: bool) -> SafeString:
    """The rows the row template writes for `rows`, in order."""
    html = "".join(_shapes(_shape(row, is_specialist)).join(_values(row)) for row in rows)
    return mark_safe(html)  # noqa: S308 - the row template's own output, each row's value escaped in the join
