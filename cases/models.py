"""The case file: a case, its reasons, its leave period, its time entries and its documents.

Cases are created only by the submit actions (intake) and change only through named action
functions; views never set these fields directly. A case's status is read from its policy
decisions (policies.models.PolicyDecision).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from absence.reasons import CaseReason


class CaseKind(models.TextChoices):
    LEAVE = "leave", _("Leave of absence")
    UNPLANNED = "unplanned", _("Unplanned absence")


class LeavePattern(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuous")
    INTERMITTENT = "intermittent", _("Intermittent")


class AbsenceFor(models.TextChoices):
    MYSELF = "myself", _("Myself")
    CHILD = "child", _("My Child")
    SPOUSE = "spouse", _("My Spouse")
    PARENT = "parent", _("My Parent")
    OTHER = "other", _("Other")


class PaymentOption(models.TextChoices):
    EMPLOYER_PAID = (
        "employer_paid",
        _(
            "Employer Paid – employee only uses their accrued sick and/or other accrued balance (ex. comp, personal, "
            "vacation) for duration of the leave"
        ),
    )
    DFML_ONLY = (
        "dfml_only",
        _(
            "DFML Only – during PFML leave only, employee would apply and receive pay through the DFML and is unpaid "
            "with their agency"
        ),
    )
    EMPLOYER_PAID_TO_DFML = (
        "employer_paid_to_dfml",
        _(
            "Employer Paid to DFML – during PFML leave only, employee uses their accrued sick pay up to the allowed "
            "time under the reason or other accrued time, and also apply & receive pay through the DFML benefit upon "
            "completion of accrued time"
        ),
    )
    UNPAID = (
        "unpaid",
        _(
            "Unpaid – employee does not receive any pay from their agency nor from the Department of Family and "
            "Medical Leave (DFML) for time off"
        ),
    )


class FiledAs(models.TextChoices):
    """Who filed a case for the employee, in the words the employee reads ("Reported by your supervisor, …")."""

    SUPERVISOR = "supervisor", _("your supervisor")
    HR = "hr", _("your agency's HR office")


class OvertimeShift(models.TextChoices):
    MANDATORY = "mandatory", _("Mandatory OT")
    VOLUNTARY = "voluntary", _("Voluntary OT")
    NOT_OT = "not_ot", _("Not OT")


class Case(models.Model):
    case_number = models.CharField(_("case number"), max_length=10, unique=True)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="cases"
    )
    # Who reported the case when it was not the employee (their supervisor, or HR for their agency), and as
    # whom; None and "" when the employee filed it.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_filed_for_others",
    )
    filed_as = models.CharField(_("filed as"), max_length=12, choices=FiledAs.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=CaseKind.choices)
    reason = models.CharField(_("case reason"), max_length=20, choices=CaseReason.choices)
    pattern = models.CharField(_("leave pattern"), max_length=12, choices=LeavePattern.choices, blank=True)
    absence_for = models.CharField(_("absence for"), max_length=10, choices=AbsenceFor.choices, default="myself")
    relationship = models.CharField(_("relationship (other)"), max_length=100, blank=True)
    # Bonding: the child's date of birth or placement; pregnancy: the expected or actual date of birth.
    child_event_date = models.DateField(_("child's date of birth or placement"), null=True, blank=True)
    # Answers to the procedural questions.
    payment_option = models.CharField(_("payment option"), max_length=25, choices=PaymentOption.choices, blank=True)
    work_related = models.BooleanField(_("work-related illness or injury"), null=True, blank=True)
    overtime_shift = models.CharField(_("overtime shift"), max_length=10, choices=OvertimeShift.choices, blank=True)
    # Communication preference.
    contact_by_email = models.BooleanField(_("documents and updates by email"), default=True)
    email = models.EmailField(_("email address"), blank=True)
    address_line1 = models.CharField(_("street address"), max_length=200, blank=True)
    address_line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    phone = models.CharField(_("preferred phone number"), max_length=20, blank=True)
    best_time_to_reach = models.PositiveSmallIntegerField(
        _("best time to reach (hour, Eastern)"), null=True, blank=True
    )

    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    # The draft this case was submitted from: submitting the same draft twice finds this case.
    submission_key = models.UUIDField(unique=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("why it was cancelled"), max_length=500, blank=True)
    # Set when the employee adds something the desk has not looked at yet; cleared by the desk.
    has_new_documents = models.BooleanField(default=False)
    has_new_time_entries = models.BooleanField(default=False)
    # What the desk's queue sorts and selects its open cases by, kept by desk.queue_state in the transaction of
    # every case event and decision change: whether a policy the desk decides is still pending, and the earliest
    # due date of the case's open deadline tasks (None when it has none). Read from here, a page of the queue is an
    # index scan instead of a subquery per case across every case.
    awaits_desk_decision = models.BooleanField(default=False, editable=False)
    next_deadline = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("case")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["employee", "-submitted_at"], name="case_history_idx"),
            # The queue's default view: the open cases by next deadline (nulls last), then the oldest submitted.
            models.Index(
                fields=["next_deadline", "submitted_at", "id"],
                condition=models.Q(awaits_desk_decision=True, cancelled_at__isnull=True),
                name="open_queue_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Case {self.case_number}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def awaits_reason(self) -> bool:
        """Filed by someone else, so the reason is the employee's to add (the case page invites them)."""
        return self.filed_by_id is not None and not self.is_cancelled and not self.conditions.exists()


class CaseCondition(models.Model):
    """One reason or condition the employee gave (up to five for a leave, one for an unplanned absence).

    Medical information: shown only to the owner, case specialists and authorized HR, never to supervisors.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conditions")
    label = models.CharField(_("reason or condition"), max_length=200)
    code = models.CharField(_("ICD-10-CM code"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.label} ({self.code})" if self.code else self.label


class LeavePeriod(models.Model):
    """The dates of a continuous leave, or the span of an intermittent one."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="leave_period")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.start_date} – {self.end_date}"


class TimeEntrySource(models.TextChoices):
    REQUEST = "request", _("Reported with the request")
    REPORTED = "reported", _("Reported on the open case")


class TimeEntry(models.Model):
    """One day of absence: a full day (minutes missed) or a partial day (start and end time)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="time_entries")
    date = models.DateField(_("date"))
    full_day = models.BooleanField(_("full day"))
    minutes = models.PositiveIntegerField(_("time missed (minutes)"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    doctor_visit = models.BooleanField(_("visit to a doctor or other health care professional"))
    notes = models.TextField(_("additional information"), max_length=1000, blank=True)
    source = models.CharField(max_length=10, choices=TimeEntrySource.choices, default=TimeEntrySource.REQUEST)
    # Beyond the certified frequency and decided on the desk as not covered by the leave (desk.certification):
    # the engine does not charge it (cases.balances.case_time).
    not_covered = models.BooleanField(_("not covered by the leave"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name_plural = _("time entries")
        constraints = [
            models.UniqueConstraint(fields=["case", "date"], name="one_time_entry_per_case_and_day"),
            models.CheckConstraint(condition=models.Q(minutes__gt=0, minutes__lte=24 * 60), name="minutes_in_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.minutes // 60}:{self.minutes % 60:02d}"

    @property
    def hours(self) -> float:
        return self.minutes / 60


class DocumentType(models.TextChoices):
    """The nine document types of "Choose document type", in the spec's order."""

    ACCOMMODATION_REQUEST = "accommodation_request", _("Accommodation Request Form (UPMC)")
    AUTHORIZATION = "authorization", _("Authorization Form")
    MEDICAL_AUTHORIZATION_ADA = "medical_authorization_ada", _("Medical Authorization Packet ADA")
    MEDICAL_CERTIFICATION = "medical_certification", _("Medical Certification")
    MEDICAL_RECORD = "medical_record", _("Medical Record")
    COURT_PAPER = "court_paper", _("Miscellaneous Court Paper")
    RTW_NOTE = "rtw_note", _("RTW Note")
    MISCELLANEOUS = "miscellaneous", _("Miscellaneous Document")
    PROOF_OF_BIRTH = "proof_of_birth", _("Proof of Birth")


class DocumentContentType(models.TextChoices):
    """The file kinds the portal accepts, decided from the file's first bytes (cases.documents.checks)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
    TIFF = "image/tiff", "TIFF"


class Document(models.Model):
    """An upload attached to a case. Stored under a generated name; the employee's file name is kept for display.

    Medical information: readable only by the owner and the desk roles. The employee cannot delete it.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    document_type = models.CharField(_("document type"), max_length=30, choices=DocumentType.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(max_length=255, unique=True, editable=False)
    content_type = models.CharField(_("file kind"), max_length=20, choices=DocumentContentType.choices)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), db_index=True)

    class Meta:
        verbose_name = _("document")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()}: {self.file_name}"


class CaseEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    DECISION = "decision", _("Decision")
    DOCUMENT_REQUESTED = "document_requested", _("Document requested")
    DOCUMENT_UPLOADED = "document_uploaded", _("Document uploaded")
    DOCUMENT_OVERDUE = "document_overdue", _("Document overdue")
    CALL = "call", _("Call")
    TIME_REPORTED = "time_reported", _("Time reported")
    NOTICE = "notice", _("Notice")
    CANCELLED = "cancelled", _("Cancelled")
    REASON_ADDED = "reason_added", _("Reason added")
    RETURN_TO_WORK = "return_to_work", _("Return to work")
    OWNER = "owner", _("Owner")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CERTIFICATION = "certification", _("Certification")


class CaseEvent(models.Model):
    """One line of a case's history, written by the action that caused it, in the same transaction.

    The desk's case view lists them newest first in one query. `summary` says what happened in plain words
    ("FMLA: pending to approved, Jan 05, 2027 to Feb 02, 2027"); `reason` is why, when the action asked for one.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("what"), max_length=20, choices=CaseEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(_("summary"), max_length=500)
    reason = models.TextField(_("reason"), blank=True)
    # The notice this event is about (kind NOTICE): its delivery status shows beside it.
    message = models.ForeignKey("notices.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("case event")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"], name="case_event_history_idx")]

    def __str__(self) -> str:
        return f"{self.case}: {self.summary}"


class ReturnToWork(models.Model):
    """What the desk recorded of a continuous leave's return to work (desk.returns; the rules are cases.returns).

    The expected return is never stored: it is read from the approved decisions each time (cases.returns), so a
    decision changed anywhere moves it. Here are only the facts the desk records: the day the employee came back,
    and whether a fitness-for-duty certification is required to return (29 CFR 825.312) and since when (an RTW
    note uploaded from then on answers it). It lives with the case, below the desk, because the employee's page and
    the letters read it too.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="return_to_work")
    actual_return = models.DateField(_("returned to work on"), null=True, blank=True)
    fitness_for_duty_required = models.BooleanField(_("fitness-for-duty certification required"), default=False)
    fitness_for_duty_required_at = models.DateTimeField(_("required since"), null=True, blank=True)
    # Bumped by every change: a form carries the version it was read at, and saving over a newer one is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("return to work")
        verbose_name_plural = _("returns to work")

    def __str__(self) -> str:
        return f"Return to work on {self.case}"


class BalanceStamp(models.Model):
    """Changes, in the same transaction, with anything an employee's balances are counted from: the key of
    their cached balances (cases.balance_cache). A new random value each time.

    No database constraint: a change recorded while the account itself is being deleted (its cases going with
    it) must not fail the deletion; a stamp left without its account is never read again."""

    employee = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, primary_key=True, related_name="+"
    )
    stamp = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.stamp}"
