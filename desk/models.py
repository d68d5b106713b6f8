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


class CallOutcome(models.TextChoices):
    REACHED = "reached", _("Reached the employee")
    LEFT_MESSAGE = "left_message", _("Left a message")
    NO_ANSWER = "no_answer", _("No answer")
    WRONG_NUMBER = "wrong_number", _("Wrong number")


# The outcomes that meet a call deadline. The verification call and the specialist's contact are the desk's promise
# to reach out (the confirmation says "a Case Specialist will reach out within 5 business days"): a message left on
# the employee's own phone is reaching out; a call nobody answered with no message, or to a wrong number, is not,
# and the deadline stays open (desk.queue applies this in Python and in SQL).
CALL_OUTCOMES_MEETING_DEADLINES = (CallOutcome.REACHED, CallOutcome.LEFT_MESSAGE)


class CallNote(models.Model):
    """A specialist's note of a call with the employee. Its text is never shown to supervisors.

    `outcome` says whether the call got through: only CALL_OUTCOMES_MEETING_DEADLINES (reached, left a message) meet
    the call deadline of its purpose; a call with no answer or to a wrong number is kept, and the deadline stays.
    Calls recorded before outcomes existed count as reached."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="call_notes")
    purpose = models.CharField(_("purpose"), max_length=12, choices=CallPurpose.choices)
    called_at = models.DateTimeField(_("call time"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=12, choices=CallOutcome.choices, default=CallOutcome.REACHED)
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


# --- Ownership, tasks and notes (desk.ownership, desk.worklist) -------------------------------------------------


class CaseAssignment(models.Model):
    """Who owns a case on the desk: one row per case, with no owner once released. Changed only by desk.ownership
    (assign, pick, release, reassign), each with a line in the case's history and an audit event."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="assignment")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_case_assignments",
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("case assignment")

    def __str__(self) -> str:
        return f"{self.case} – {self.owner or 'unassigned'}"


class AssignmentCounter(models.Model):
    """The round robin's position per agency team (the row locked while a new case is assigned)."""

    team = models.CharField(_("agency team"), max_length=100, unique=True)
    last_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("assignment counter")

    def __str__(self) -> str:
        return self.team or "all specialists"


class TaskKind(models.TextChoices):
    VERIFICATION_CALL = "verification", _("Verification call")
    SPECIALIST_CONTACT = "review", _("Specialist contact")
    ELIGIBILITY_NOTICE = "eligibility", _("Eligibility notice")
    DOCUMENT = "document", _("Document due")
    RETURN_TO_WORK = "return", _("Confirm the return to work")
    FITNESS_FOR_DUTY = "fitness", _("Fitness-for-duty certification")
    TIME_REPORT = "time_report", _("Time report to review")
    AWAITING_CERTIFICATION = "certification", _("Decision awaiting certification")
    FOLLOW_UP = "follow_up", _("Follow-up")


# The tasks that track the deadlines of desk.queue.case_deadlines, one per deadline, of the kind with the deadline
# kind's value (desk.worklist); the other kinds are the desk's own work (a notice to send, a time report, a
# follow-up) and no queue deadline.
DEADLINE_TASK_KINDS = [
    TaskKind.VERIFICATION_CALL, TaskKind.SPECIALIST_CONTACT, TaskKind.DOCUMENT, TaskKind.RETURN_TO_WORK,
    TaskKind.FITNESS_FOR_DUTY,
]  # fmt: skip


class Task(models.Model):
    """Something to do on a case by a date. Every kind but the follow-up is derived from the case's state by
    desk.worklist.sync_tasks (opened when its deadline appears, closed when it is met), run after every case event;
    `key` names the deadline it tracks. A follow-up is added by a specialist, with a date and a note."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices)
    key = models.CharField(_("deadline"), max_length=40, blank=True, editable=False)
    label = models.CharField(_("label"), max_length=100, blank=True)
    due_date = models.DateField(_("due date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by_event = models.ForeignKey(
        "cases.CaseEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("task")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], condition=~models.Q(key=""), name="one_task_per_deadline")
        ]
        indexes = [
            models.Index(fields=["due_date"], condition=models.Q(closed_at__isnull=True), name="open_task_idx"),
            # The queue's next deadline and deadline filters read a case's open deadline tasks by due date
            # (desk.queue): an index-only scan, one probe a case.
            models.Index(
                fields=["case", "due_date"],
                condition=models.Q(closed_at__isnull=True, kind__in=DEADLINE_TASK_KINDS),
                name="open_deadline_task_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.case}, due {self.due_date}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class InternalNote(models.Model):
    """A specialist's note for the desk only: never shown to the employee or the supervisor, kept apart from the
    call notes (which record what was said to the employee)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="internal_notes")
    text = models.TextField(_("note"), max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Internal note on {self.case}"


class DeskStamp(models.Model):
    """The desk's stamp: one row, a new random number whenever a write that a desk page may show has committed.
    The queue and the case view are kept rendered under it (desk.stored_pages)."""

    stamp = models.BigIntegerField()

    def __str__(self) -> str:
        return f"desk stamp {self.stamp}"
