"""The desk's own records: who is staff (and for which agencies), call notes and document requests.

Roles are explicit rows, not `is_staff`: a case specialist sees every case; an HR professional
sees, read-only, the cases of the agencies they are authorized for. Supervisors are not staff:
they are employees with reports on the roster (roster.RosterRecord.reports).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, DocumentType


class Role(models.TextChoices):
    SPECIALIST = "specialist", _("Case specialist")
    HR = "hr", _("HR professional")


class StaffRole(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_role"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = _("staff role")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def is_specialist(self) -> bool:
        return self.role == Role.SPECIALIST


class AgencyAuthorization(models.Model):
    """An HR professional may see the cases of employees in this agency (the roster's agency name)."""

    staff_role = models.ForeignKey(StaffRole, on_delete=models.CASCADE, related_name="agencies")
    agency = models.CharField(_("agency"), max_length=100)

    class Meta:
        verbose_name = _("agency authorization")
        constraints = [models.UniqueConstraint(fields=["staff_role", "agency"], name="one_authorization_per_agency")]

    def __str__(self) -> str:
        return self.agency


class CallPurpose(models.TextChoices):
    VERIFICATION = "verification", _("Verification call")
    REVIEW = "review", _("Specialist review of the request")
    OTHER = "other", _("Other call")


class CallNote(models.Model):
    """A specialist's note of a call with the employee. Its text is never shown to supervisors."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="call_notes")
    purpose = models.CharField(_("purpose"), max_length=12, choices=CallPurpose.choices)
    called_at = models.DateTimeField(_("call time"), default=timezone.now)
    text = models.TextField(_("note"), max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call note")
        ordering = ["-called_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} on {self.case}"


class DocumentRequest(models.Model):
    """A specialist asked the employee for a document of a type, due by a date (15 days by default)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="document_requests")
    document_type = models.CharField(_("document type"), max_length=30, choices=DocumentType.choices)
    due_date = models.DateField(_("due date"))
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Stamped by the daily reminders (desk.reminders) with the first day it counted as late, the day after the due
    # date (absence.limits.overdue_from): the case's history says so once, and the employee's page shows that day.
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("document request")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.document_type} for {self.case}, due {self.due_date}"
