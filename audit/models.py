"""The access log: who saw which medical information, and every desk action — append-only.

An event is written once and never changed or removed: `save()` refuses an existing row,
`delete()` refuses always, the queryset refuses bulk `update()`/`delete()`, and a database
trigger (installed by the migration) refuses UPDATE — and DELETE on PostgreSQL — underneath the ORM.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditAction(models.TextChoices):
    VIEWED_REASONS = "viewed_reasons", _("Viewed reasons and conditions")
    VIEWED_DOCUMENT = "viewed_document", _("Viewed a document")
    DOWNLOADED_DOCUMENT = "downloaded_document", _("Downloaded a document")
    APPROVED = "approved", _("Approved a policy decision")
    APPROVED_BEYOND_ENTITLEMENT = "approved_beyond", _("Approved a policy decision beyond its entitlement")
    DENIED = "denied", _("Denied a policy decision")
    PENDED = "pended", _("Set a policy decision to pending")
    REQUESTED_DOCUMENT = "requested_document", _("Requested a document")
    RECORDED_CALL = "recorded_call", _("Recorded a call note")
    CANCELLED_CASE = "cancelled_case", _("Cancelled a case")
    SET_LEAVE_BEGAN = "set_leave_began", _("Set the day PFML leave began")
    RECORDED_RETURN = "recorded_return", _("Recorded a return to work")
    EXTENDED_LEAVE = "extended_leave", _("Extended a leave")
    SET_FITNESS_FOR_DUTY = "set_fitness_for_duty", _("Set whether a fitness-for-duty certification is required")
    EXPORTED_QUEUE = "exported_queue", _("Exported the queue as a CSV file")
    REVIEWED_DOCUMENT = "reviewed_document", _("Reviewed a document")
    RECORDED_CERTIFICATION = "recorded_certification", _("Recorded a certification")
    REQUESTED_RECERTIFICATION = "requested_recert", _("Requested a recertification")
    DECIDED_FREQUENCY = "decided_frequency", _("Decided time beyond the certified frequency")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when (UTC)"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # The actor's username at the time, kept even if the account is renamed later.
    actor_username = models.CharField(_("username"), max_length=150, editable=False)
    action = models.CharField(_("what"), max_length=30, choices=AuditAction.choices, editable=False)
    case_number = models.CharField(_("case number"), max_length=10, blank=True, db_index=True, editable=False)
    # What exactly was seen or changed, e.g. "policy decision 12" or "document 7 (Medical Certification)".
    target = models.CharField(_("object"), max_length=200, blank=True, editable=False)
    detail = models.CharField(_("detail"), max_length=500, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(_("from (IP address)"), null=True, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} UTC {self.actor_username}: {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")
