"""Notices from desk actions: to the employee by their chosen channel, to the supervisor without the why.

Each notice's dedupe key names the audit event of the action that caused it, so a retried task or
a repeated call never sends the same notice twice. Messages are recorded inside the action's
transaction and delivered after it commits (notices.sending.queue_notice).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from accounts.contact import supervisor_address
from audit.models import AuditEvent
from cases.models import Case
from desk.team import team_absence, with_team_details
from notices.models import Channel, Message
from notices.sending import queue_notice


def employee_channel(case: Case) -> tuple[Channel, str] | None:
    """Where the employee asked to receive updates: email, else a letter to the mailing address."""
    email = case.email or case.employee.email
    if case.contact_by_email and email:
        return Channel.EMAIL, email
    if case.address_line1 and case.city and case.zip_code:
        lines = [case.employee.get_full_name(), case.address_line1, case.address_line2]
        lines.append(f"{case.city}, {case.state} {case.zip_code}")
        return Channel.LETTER, "\n".join(line for line in lines if line)
    if email:
        return Channel.EMAIL, email
    return None


def notify_employee(case: Case, template: str, context: dict[str, Any], *, event: AuditEvent) -> Message | None:
    destination = employee_channel(case)
    if destination is None:
        return None
    channel, recipient = destination
    full_context = {"administrator": settings.ADMINISTRATOR, "case_number": case.case_number, **context}
    return queue_notice(channel, recipient, template, full_context, dedupe_key=f"desk-event-{event.pk}-employee")


def notify_supervisor(case: Case, template: str, *, event: AuditEvent) -> Message | None:
    """Tell the supervisor who is absent, when, for how long and the status — from TeamAbsence only."""
    recipient = supervisor_address(case.employee)
    if not recipient:
        return None
    fresh = with_team_details(Case.objects.filter(pk=case.pk)).get()
    context = {"administrator": settings.ADMINISTRATOR, "absence": team_absence(fresh)}
    return queue_notice(Channel.EMAIL, recipient, template, context, dedupe_key=f"desk-event-{event.pk}-supervisor")
