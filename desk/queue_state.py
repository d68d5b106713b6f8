"""The two columns of a case that the desk's queue selects and sorts by (cases.Case): `awaits_desk_decision` and
`next_deadline`.

They are two of the queue's rules kept as values: a policy the desk decides still pending (the department's
Employee Sick and Family Sick aside; `desk.queue.awaits_desk_decision` is the same rule for loaded rows), and the
earliest due date of the case's open deadline tasks (desk.worklist keeps the tasks, from the rules of
`desk.queue.case_deadlines`). Read from the case row, the queue's first page is an index scan (`open_queue_idx`);
computed per case, it was a subquery and a semi-join across every case, most of the page's SQL at 10,000 open
cases.

`refresh_queue_state` writes both for some cases in one UPDATE, from their rows in the database, so it is right
whatever wrote those rows (a new case is written once from the rows its submit holds, by the same rules:
desk.worklist.sync_new_case_tasks, ADR 0014):
- desk.worklist.sync_tasks calls it after every case event, in the event's transaction (the tasks it just wrote
  and the decisions the action changed);
- a decision saved or deleted one by one outside an action (the admin, a test's factory) calls it through the
  model's signals (`connect`);
- the bulk writes of decisions (submission, an extension, a cancellation) send no signal, and each is followed by
  its case event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import DateField, Exists, OuterRef, QuerySet, Subquery
from django.db.models.signals import post_delete, post_save

from cases.models import Case
from desk.models import DEADLINE_TASK_KINDS, Task
from policies.models import DecidedBy, DecisionStatus, PolicyDecision


def pending_desk_decision(case: str = "pk") -> Exists:
    """A desk-decided policy of the case (the outer row's `case`) still pending."""
    pending = PolicyDecision.objects.filter(case=OuterRef(case), status=DecisionStatus.PENDING)
    return Exists(pending.exclude(policy__decided_by=DecidedBy.DEPARTMENT))


def open_deadline_tasks(case: str = "pk") -> QuerySet[Task]:
    """The open deadline tasks of the case of the outer row (the partial index `open_deadline_task_idx`)."""
    return Task.objects.filter(case=OuterRef(case), closed_at__isnull=True, kind__in=DEADLINE_TASK_KINDS)


def first_open_deadline() -> Subquery:
    first = open_deadline_tasks().order_by("due_date").values("due_date")[:1]
    return Subquery(first, output_field=DateField())


def refresh_queue_state(case_ids: Iterable[int]) -> None:
    """Write the queue's columns of these cases from their decisions and open deadline tasks (one UPDATE)."""
    ids = list(case_ids)
    if ids:
        Case.objects.filter(pk__in=ids).update(
            awaits_desk_decision=pending_desk_decision(), next_deadline=first_open_deadline()
        )


def _decision_changed(sender: type, instance: PolicyDecision, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        refresh_queue_state([instance.case_id])


def connect() -> None:
    """Keep the columns right when a decision is saved or deleted on its own (called when the apps load)."""
    post_save.connect(_decision_changed, sender=PolicyDecision, dispatch_uid="desk.queue_state.saved")
    post_delete.connect(_decision_changed, sender=PolicyDecision, dispatch_uid="desk.queue_state.deleted")
