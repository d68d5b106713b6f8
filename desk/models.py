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

from absence.certification import DurationUnit, EpisodeKind, Frequency, FrequencyPeriod, pattern_sentence
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


# --- Certification (desk.certification; the rules are absence.certification) ------------------------------------


class ReviewOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    INCOMPLETE = "incomplete", _("Incomplete")
    NOT_NEEDED = "not_needed", _("Not needed")


class DocumentReview(models.Model):
    """The specialist's review of one uploaded document: accepted, incomplete (what is missing) or not needed.

    `answered` is the request the upload answered when it was reviewed; an incomplete one opens `cure_request`,
    due on the cure date (29 CFR 825.305(c)), and sends the cure notice."""

    document = models.OneToOneField("cases.Document", on_delete=models.CASCADE, related_name="review")
    outcome = models.CharField(_("outcome"), max_length=12, choices=ReviewOutcome.choices)
    missing = models.TextField(_("what is missing"), max_length=2000, blank=True)
    answered = models.ForeignKey(
        DocumentRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    cure_request = models.OneToOneField(
        DocumentRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="cure_of"
    )
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed"), default=timezone.now)

    class Meta:
        verbose_name = _("document review")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="incomplete") | ~models.Q(missing=""),
                name="incomplete_says_what_is_missing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.document}"


class Certification(models.Model):
    """What one certification says (29 CFR 825.306): received when, complete or not, the condition's duration
    and, for intermittent leave, the approved frequency and duration of episodes (absence.certification.Frequency).

    The latest complete one of a case is the one its time is checked against and its designation notice states."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="certifications")
    document = models.ForeignKey(
        "cases.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="certifications"
    )
    received_on = models.DateField(_("received on"))
    complete = models.BooleanField(_("complete"))
    missing = models.TextField(_("what is missing"), max_length=2000, blank=True)
    condition_start = models.DateField(_("condition began"), null=True, blank=True)
    condition_end = models.DateField(_("condition expected to end"), null=True, blank=True)
    lifetime = models.BooleanField(_("lifetime or chronic condition"), default=False)
    episode_kind = models.CharField(_("what is expected"), max_length=12, choices=EpisodeKind.choices, blank=True)
    episodes = models.PositiveSmallIntegerField(_("how many"), null=True, blank=True)
    per = models.CharField(_("per"), max_length=5, choices=FrequencyPeriod.choices, blank=True)
    duration = models.DecimalField(_("each lasting up to"), max_digits=5, decimal_places=2, null=True, blank=True)
    duration_unit = models.CharField(_("unit"), max_length=5, choices=DurationUnit.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("certification")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Certification of {self.received_on} on {self.case}"

    @property
    def frequency(self) -> Frequency | None:
        if self.episodes is None or self.duration is None or not (self.per and self.duration_unit):
            return None
        kind = EpisodeKind(self.episode_kind or EpisodeKind.EPISODE)
        return Frequency(
            kind, self.episodes, FrequencyPeriod(self.per), self.duration, DurationUnit(self.duration_unit)
        )

    @property
    def pattern(self) -> str:
        """The approved frequency and duration in plain words ("up to 2 episodes a month, up to 1 day each")."""
        frequency = self.frequency
        return pattern_sentence(frequency) if frequency is not None else ""


class FrequencyDecision(models.Model):
    """The specialist's decision on a reported day beyond the approved frequency: charged to the leave, or not
    covered (then the time entry is marked and the engine does not charge it, cases.balances.case_time)."""

    time_entry = models.OneToOneField("cases.TimeEntry", on_delete=models.CASCADE, related_name="frequency_decision")
    charged = models.BooleanField(_("charged to the leave"))
    flag_reason = models.CharField(_("why it was flagged"), max_length=300)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        verbose_name = _("frequency decision")

    def __str__(self) -> str:
        return f"{self.time_entry}: {'charged' if self.charged else 'not covered'}"
