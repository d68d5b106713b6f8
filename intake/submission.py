"""Submitting a draft: the one place a complete draft is handed to its flow's action.

The draft is locked for the whole transaction, its flow checks every answer again and calls the action
with its typed request (cases.requests), and the draft is marked submitted in the same transaction: a
second submit (another tab, a double click, a retried request) waits for the first and then finds it done.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from intake.models import Draft
from intake.wizard import WIZARDS


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
        wizard = WIZARDS[locked.flow](locked, today=timezone.localdate(moment))
        if locked.is_submitted:
            result = wizard.already_submitted()
        else:
            result = wizard.submit(moment)
            Draft.objects.filter(pk=locked.pk).update(submitted_at=moment)
            locked.submitted_at = moment
    draft.submitted_at = locked.submitted_at
    return result
