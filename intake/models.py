"""The draft: a request in progress, saved on the server at every step so nothing is lost.

A draft belongs to one user and one flow. Its answers are JSON, one entry per step (the step's
submitted fields) plus the list of entered days; `step_reached` is the furthest step saved. The
draft's id becomes the case's `submission_key`, so submitting it twice finds the same case.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import CaseReason


class FlowType(models.TextChoices):
    LEAVE = "leave", _("Leave of absence")
    UNPLANNED = "unplanned", _("Unplanned absence")
    CASE_TIME = "case_time", _("Submit new absence time")


class DraftQuerySet(models.QuerySet["Draft"]):
    def in_progress(self, owner: Any) -> DraftQuerySet:
        """The owner's drafts not yet submitted, the most recently saved first (the dashboard's list)."""
        return self.filter(owner=owner, submitted_at__isnull=True).order_by("-updated_at")


class Draft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="drafts"
    )
    # The employee the request is for when the owner files it for one of their reports; None: for the owner.
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed for"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="drafts_filed_for_them",
    )
    # As whom the owner files for `employee`: their supervisor, or HR for the employee's agency (cases.FiledAs).
    filed_as = models.CharField(_("filed as"), max_length=12, blank=True)
    flow = models.CharField(_("flow"), max_length=12, choices=FlowType.choices)
    # For a flow about an existing case (time reported on an open intermittent case).
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.CASCADE, related_name="drafts"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    step_reached = models.CharField(_("step reached"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "submitted_at", "-updated_at"], name="draft_owner_idx")]

    def __str__(self) -> str:
        return f"{self.get_flow_display()} draft {self.id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def subject(self) -> Any:
        """The employee the request is for: the report it is filed for, else the owner."""
        return self.employee if self.employee_id is not None else self.owner

    @property
    def is_filed_for_employee(self) -> bool:
        return self.employee_id is not None

    @property
    def description(self) -> str:
        """What the draft is about, for the dashboard: the flow, the leave reason once chosen, and for whom."""
        reason = self.answer("absence-type").get("reason")
        text = str(self.get_flow_display())
        if self.flow == FlowType.LEAVE and reason:
            text = f"{text}: {CaseReason(reason).label}"
        if self.employee_id is not None:
            name = self.subject.get_full_name() or self.subject.username
            text = f"{text} ({_('for %(name)s') % {'name': name}})"
        return text

    def answer(self, step: str) -> dict[str, Any]:
        """The saved fields of one step ({} when the step has not been answered)."""
        value = self.answers.get(step)
        return value if isinstance(value, dict) else {}
