"""The desk's deadlines, as plain functions of dates.

- the verification call: within 2 business days of submission;
- the specialist's contact (review of the request): within 5 business days of submission;
- a requested document: due 15 calendar days after the request (the specialist may set another date);
- confirming the return to work: on the expected return date (cases.returns), until the actual return is recorded;
- a fitness-for-duty certification, when the desk requires one (29 CFR 825.312): by the expected return date,
  until an RTW note arrives.

A call deadline is met by the first call of its purpose that got through (reached, or a message left:
desk.models.CALL_OUTCOMES_MEETING_DEADLINES) or by the first decision made on the case
(a decided policy means the specialist has verified and reviewed the request); a document deadline by a
document of the requested type uploaded after the request. Every deadline is overdue from the day after
its due date (absence.limits.overdue_from, the rule the employee's page reads too). The call deadlines are due
only while the case still awaits a desk decision; a document asked for stays due, decided or not, until it
arrives or the case is cancelled (the same rule as the employee's page and the daily reminders);
desk.queue.case_deadlines applies these.
Business days skip weekends and the office's holidays (absence.calendar); the counts are absence.limits'.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

from absence.limits import DOCUMENT_DUE_CALENDAR_DAYS, overdue_from

EASTERN = ZoneInfo("America/New_York")


class DeadlineKind(models.TextChoices):
    VERIFICATION_CALL = "verification", _("Verification call")
    SPECIALIST_CONTACT = "review", _("Specialist contact")
    DOCUMENT = "document", _("Document due")
    RETURN_TO_WORK = "return", _("Confirm the return to work")
    FITNESS_FOR_DUTY = "fitness", _("Fitness-for-duty certification")


class DeadlineState(models.TextChoices):
    MET = "met", _("Done")
    UPCOMING = "upcoming", _("Due")
    DUE_TODAY = "due_today", _("Due today")
    OVERDUE = "overdue", _("Overdue")


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: date
    met_on: date | None
    label: str = ""
    ref: str = ""  # which of its kind, when a case can have several (a document request: "document-<its id>")

    def state(self, today: date) -> DeadlineState:
        if self.met_on is not None:
            return DeadlineState.MET
        if today >= overdue_from(self.due):
            return DeadlineState.OVERDUE
        if today == self.due:
            return DeadlineState.DUE_TODAY
        return DeadlineState.UPCOMING


def local_date(moment: datetime) -> date:
    """The calendar date in Massachusetts of an aware datetime."""
    return moment.astimezone(EASTERN).date()


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in Massachusetts, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=EASTERN)


def document_due(requested_on: date) -> date:
    return requested_on + timedelta(days=DOCUMENT_DUE_CALENDAR_DAYS)


def earliest_met(moments: Iterable[datetime]) -> date | None:
    dates = [local_date(moment) for moment in moments]
    return min(dates) if dates else None
