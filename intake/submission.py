"""Submitting a draft: the one place a complete draft is handed to its flow's action.

The draft is locked for the whole transaction, its flow checks every answer again and calls the action
with its typed request (cases.requests), and the draft is marked submitted in the same transaction: a
second submit (another tab, a double click, a retried request) waits for the first and then finds it done.

The summary's POST takes the lock with its one read of the draft (`lock_own_draft`, in the transaction it
opens for the request) and submits the draft it holds (`submit_locked_draft`); `submit_draft` locks and reads
a draft loaded before, for the other callers (the case-time flow, the tests).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from intake.models import Draft
from intake.wizard import WIZARDS, Wizard

if TYPE_CHECKING:
    from accounts.models import User


def submit_draft(draft: Draft, *, now: datetime | None = None) -> Any:
    """Submit the draft once; what its flow's action made (or, the second time, what the first submit made).

    Raises intake.wizard.DraftIncompleteError, naming the step to fix, when the draft cannot be submitted.
    """
    moment = now or timezone.now()
    with transaction.atomic():
        locked = (
            Draft.objects.select_for_update(of=("self",))
            .select_related("owner__roster_record", "case__leave_period")
            .get(pk=draft.pk)
        )
        result = submit_locked_draft(WIZARDS[locked.flow](locked, today=timezone.localdate(moment)), now=moment)
    draft.submitted_at = locked.submitted_at
    return result


def lock_own_draft(owner: User, draft_id: UUID, flow: str) -> Draft | None:
    """The draft `draft_id` of `flow` if `owner` owns it, locked until the caller's transaction ends (call inside
    one), with its owner and the owner's roster record (what the submit reads of them); else None."""
    locking = Draft.objects.select_for_update(of=("self",)).select_related("owner__roster_record")
    found = list(locking.filter(pk=draft_id, owner=owner, flow=flow))
    return found[0] if found else None


def submit_locked_draft(wizard: Wizard, *, now: datetime | None = None) -> Any:
    """`submit_draft` for a wizard whose draft its caller read under the lock, in the transaction still open
    (`lock_own_draft`): what the flow's action made, or what the first submit made when it was submitted already."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("submit_locked_draft needs the draft locked in the caller's open transaction")
    locked = wizard.draft
    if locked.is_submitted:
        return wizard.already_submitted()
    moment = now or timezone.now()
    result = wizard.submit(moment)
    Draft.objects.filter(pk=locked.pk).update(submitted_at=moment)
    locked.submitted_at = moment
    return result
