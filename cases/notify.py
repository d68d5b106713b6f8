"""The notice composers: one for the employee, one for the supervisor. Every notice about a case goes through them.

- `notify_employee` picks the channel the employee chose for the case (`employee_destination`: email, or a
  letter to the mailing address) and gives every template the administrator, the employee's name and the case.
- `notify_supervisor` writes to the supervisor's address (`accounts.contact.supervisor_address`) with the
  administrator, the employee's name and the case. Its callers pass when and how long (`absence_lines`) or the
  desk's team view of the absence, never the reason, the conditions or the notes.

Both record the notice in the outbox inside the caller's transaction (`notices.sending.queue_notice`), under
the caller's dedupe key, so a retried action never sends it twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from absence import clock
from absence.days import DayEntry
from accounts.contact import supervisor_address
from cases.events import record_event
from cases.models import Case, CaseEventKind
from notices.models import Channel, Message
from notices.sending import Attachment, queue_notice


def employee_name(case: Case) -> str:
    return case.employee.get_full_name() or case.employee.username


def mailing_address_lines(case: Case) -> list[str]:
    """The case's mailing address as a letter shows it; [] when the case has none."""
    if not (case.address_line1 and case.city and case.zip_code):
        return []
    lines = [case.address_line1, case.address_line2, f"{case.city}, {case.state} {case.zip_code}"]
    return [line for line in lines if line]


def employee_destination(case: Case) -> tuple[Channel, str] | None:
    """Where the employee asked to receive updates on this case: email, else a letter to the mailing address.

    A case that asked for letters but has no usable address falls back to the email we have; None when there
    is neither.
    """
    email = case.email or case.employee.email
    if case.contact_by_email and email:
        return Channel.EMAIL, email
    address = mailing_address_lines(case)
    if address:
        return Channel.LETTER, "\n".join([employee_name(case), *address])
    if email:
        return Channel.EMAIL, email
    return None


def _common_context(case: Case) -> dict[str, Any]:
    return {
        "administrator": settings.ADMINISTRATOR,
        "case": case,
        "case_number": case.case_number,
        "employee_name": employee_name(case),
    }


def notify_employee(
    case: Case, template: str, context: dict[str, Any], *, dedupe_key: str, attachment: Attachment | None = None
) -> Message | None:
    """The employee's notice by their chosen channel (with its attachment, if any: a letter's PDF); None when they
    can be reached by none. The template gets `by_mail`: whether it goes as a letter."""
    destination = employee_destination(case)
    if destination is None:
        return None
    channel, recipient = destination
    full_context = {
        **_common_context(case),
        "name": employee_name(case),
        "by_mail": channel == Channel.LETTER,
        **context,
    }
    message = queue_notice(channel, recipient, template, full_context, dedupe_key=dedupe_key, attachment=attachment)
    _record_notice(case, message, gettext("the employee"))
    return message


def notify_supervisor(case: Case, template: str, context: dict[str, Any], *, dedupe_key: str) -> Message | None:
    """The supervisor's notice, by email; None when the employee has no supervisor to tell.

    `context` says who is absent, when and for how long: never put the reason, conditions or notes in it.
    """
    recipient = supervisor_address(case.employee)
    if not recipient:
        return None
    full_context = {**_common_context(case), **context}
    message = queue_notice(Channel.EMAIL, recipient, template, full_context, dedupe_key=dedupe_key)
    _record_notice(case, message, gettext("the supervisor"))
    return message


def _record_notice(case: Case, message: Message | None, audience: str) -> None:
    """The notice joins the case's history (None: a repeat the dedupe key stopped, nothing new to record)."""
    if message is None:
        return
    summary = gettext("Notice to %(audience)s by %(channel)s: %(subject)s") % {
        "audience": audience,
        "channel": message.get_channel_display().lower(),
        "subject": message.subject or message.template,
    }
    record_event(case, CaseEventKind.NOTICE, summary, message=message)


def long_date(day: date) -> str:
    """ "January 5, 2027", as letters write a date (no leading zero)."""
    return f"{day:%B} {day.day}, {day.year}"


def absence_lines(days: Iterable[DayEntry]) -> list[str]:
    """Each day as "January 12, 2027: 8 hours", or with its start and end time: when and how long, nothing else."""
    lines = []
    for day in days:
        hours = clock.format_hours(day.minutes).lower() if day.full_day else day.describe()
        lines.append(f"{long_date(day.day)}: {hours}")
    return lines


def period_line(start: date, end: date, scheduled_minutes: int) -> str:
    """A continuous leave as "January 12, 2027 - February 3, 2027: 8 hours a day" (with an en dash)."""
    hours = gettext("%(hours)s a day") % {"hours": clock.format_hours(scheduled_minutes).lower()}
    return f"{long_date(start)} – {long_date(end)}: {hours}"
