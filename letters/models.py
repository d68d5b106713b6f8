"""Letters: the notices the law requires, as PDF files kept with the case exactly as they were sent.

A letter is written when its cause happens (a leave case submitted, an FMLA policy decided), in the cause's
transaction: its kind, subject, note, date and the whole `context` its template reads, as of that moment. Its
PDF is rendered once, after the commit (letters.preparing), from templates/letters/<kind>.html and that stored
context, then kept in the documents storage under a generated name and never rendered again: what the employee
received is what the case keeps. The outbox message that carries it (email with the PDF attached, or the letter
gateway for mail) is `message`, and waits for the PDF; None when the employee could be reached by no channel.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from notices.models import Message


class LetterKind(models.TextChoices):
    FMLA_ELIGIBILITY = "fmla_eligibility", _("FMLA eligibility notice and rights and responsibilities")
    FMLA_DESIGNATION = "fmla_designation", _("FMLA designation notice")
    PFML_DECISION = "pfml_decision", _("MA PFML leave decision letter")
    PLAN_DECISION = "plan_decision", _("Employer plan decision letter")
    CURE_NOTICE = "cure_notice", _("Notice of an incomplete certification")


# The paragraph a specialist may add to a letter (plain text): long enough for a few sentences, short enough to
# stay a note beside the letter's own content.
SPECIALIST_NOTE_MAX_LENGTH = 1200


class Letter(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("kind"), max_length=30, choices=LetterKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    # Everything the template reads (letterhead, the letter's own figures, subject, note), as of the cause: the PDF
    # is rendered from this, so a letter rendered after the commit says what it would have said in the transaction.
    context = models.JSONField(_("content"), default=dict, editable=False)
    # The date the letter bears: its cause's day (US/Eastern), not the day its PDF was rendered.
    letter_date = models.DateField(_("letter date"), default=timezone.localdate)
    # The PDF in the documents storage (private: served only through the app, after the owner's or the desk's check);
    # empty until it is rendered (letters.preparing), then never changed.
    pdf = models.FileField(_("PDF"), max_length=255, editable=False, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(max_length=64, editable=False, blank=True)
    rendered_at = models.DateTimeField(_("PDF rendered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When it was sent: put in the outbox with its cause (the message's sent_at says when the gateway took it).
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The day the law wanted it sent by (29 CFR 825.300: 5 business days), kept to show the deadline was met.
    due_on = models.DateField(_("due"), null=True, blank=True)
    message = models.ForeignKey(Message, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Names the cause ("case-4817203956-fmla-eligibility", "desk-event-12-fmla-designation"): one letter per cause.
    dedupe_key = models.CharField(max_length=200, unique=True)
    # The paragraph the specialist added ("A note from your case specialist"), as sent: plain text, shown escaped.
    specialist_note = models.TextField(_("note from the case specialist"), blank=True)

    class Meta:
        verbose_name = _("letter")
        ordering = ["-created_at", "-id"]
        # The sweep's question (letters.preparing.due_for_rendering): which letters still wait for their PDF.
        indexes = [models.Index(fields=["created_at"], condition=models.Q(pdf=""), name="letter_unrendered_idx")]

    def __str__(self) -> str:
        return f"{self.case.case_number}: {self.subject}"

    @property
    def is_rendered(self) -> bool:
        return bool(self.pdf)
