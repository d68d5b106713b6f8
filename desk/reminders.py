"""The daily reminders of outstanding documents, and marking them overdue (desk.tasks.send_daily_reminders).

Once a day (Celery beat at 7 AM Eastern; `manage.py send_reminders` by hand; in development `make run` runs it
in-process at start) every document request not answered yet on a case not cancelled
(desk.queue.outstanding_document_requests) is looked at on the employer's day (US/Eastern, never UTC):

- 5 calendar days before its due date (the rule counts calendar days, 29 CFR 825.305(b)) the employee is
  reminded by their channel; a run that missed that day sends it on a later day of the five, never on or after
  the due date, and not at all for a request made within those five days (its own notice is as fresh);
- on the due date, they are reminded that it is due today (never later: the next day it is overdue);
- from the day after the due date (absence.limits.overdue_from) the request is marked overdue: the stamp on the
  request, one line in the case's history, and the desk's "Overdue document" filter and deadline show it until
  the document arrives.

Each reminder has a dedupe key per request and kind: a second run the same day, or a retry after a crash,
finds the message already in the outbox and sends nothing. Each request is handled in its own transaction,
its notice with it, so a crash halfway leaves the requests done and the rest for the retry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.db import transaction
from django.utils.translation import gettext as _

from absence.limits import DOCUMENT_REMINDER_CALENDAR_DAYS_BEFORE, overdue_from
from cases.events import record_event
from cases.models import CaseEventKind, DocumentType
from cases.notify import notify_employee
from desk.deadlines import local_date
from desk.models import DocumentRequest
from desk.queue import outstanding_document_requests
from notices.models import Message


class ReminderKind(StrEnum):
    BEFORE = "before"
    DUE_TODAY = "due-today"


TEMPLATES = {ReminderKind.BEFORE: "desk_document_reminder", ReminderKind.DUE_TODAY: "desk_document_due_today"}


def reminder_due(due: date, requested_on: date, today: date) -> ReminderKind | None:
    """Which reminder a request still to be answered gets today, if any (calendar days, the employer's day)."""
    if today == due:
        return ReminderKind.DUE_TODAY
    first_day = due - timedelta(days=DOCUMENT_REMINDER_CALENDAR_DAYS_BEFORE)
    if first_day <= today < due and requested_on < first_day:
        return ReminderKind.BEFORE
    return None


def reminder_key(document_request: DocumentRequest, kind: ReminderKind) -> str:
    return f"document-request-{document_request.pk}-reminder-{kind}"


@dataclass(frozen=True)
class ReminderRun:
    reminded: int
    marked_overdue: int


def send_daily_reminders(now: datetime) -> ReminderRun:
    """Remind and mark overdue as of the employer's day of `now`; returns what this run did (a repeat: nothing)."""
    today = local_date(now)
    last_due = today + timedelta(days=DOCUMENT_REMINDER_CALENDAR_DAYS_BEFORE)
    requests = list(
        outstanding_document_requests()
        .filter(due_date__lte=last_due)
        .exclude(due_date__lt=today, overdue_since__isnull=False)
        .select_related("case__employee")
        .order_by("due_date", "pk")
    )
    wanted = {
        document_request.pk: kind
        for document_request in requests
        if (kind := reminder_due(document_request.due_date, local_date(document_request.requested_at), today))
    }
    keys = [reminder_key(r, wanted[r.pk]) for r in requests if r.pk in wanted]
    already = set(Message.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
    reminded = marked = 0
    for document_request in requests:
        if document_request.due_date < today:
            marked += _mark_overdue(document_request)
        elif (kind := wanted.get(document_request.pk)) and reminder_key(document_request, kind) not in already:
            reminded += _remind(document_request, kind, today)
    return ReminderRun(reminded, marked)


def _remind(document_request: DocumentRequest, kind: ReminderKind, today: date) -> int:
    case = document_request.case
    context = {
        "document_type": DocumentType(document_request.document_type).label,
        "due_date": document_request.due_date,
        "days_left": (document_request.due_date - today).days,
    }
    with transaction.atomic():
        message = notify_employee(case, TEMPLATES[kind], context, dedupe_key=reminder_key(document_request, kind))
    return 1 if message is not None else 0


def _mark_overdue(document_request: DocumentRequest) -> int:
    """Stamp the request overdue (from the day after its due date) and say so in the case's history, once."""
    since = overdue_from(document_request.due_date)
    with transaction.atomic():
        stamped = DocumentRequest.objects.filter(pk=document_request.pk, overdue_since__isnull=True).update(
            overdue_since=since
        )
        if stamped:
            label = DocumentType(document_request.document_type).label
            summary = _("%(type)s overdue: it was due %(due)s and has not arrived") % {
                "type": label,
                "due": f"{document_request.due_date:%b %d, %Y}",
            }
            record_event(document_request.case, CaseEventKind.DOCUMENT_OVERDUE, summary)
    return stamped
