"""Notices from desk actions, through the case composers (cases.notify): keyed by the action's audit event.

Each notice's dedupe key names the audit event of the action that caused it, so a retried task or a
repeated call never sends the same notice twice. Messages are recorded inside the action's transaction
and delivered after it commits. The supervisor's notice is drawn from the team view of the absence
(desk.team.TeamAbsence): who, when, for how long and the status, never the why.
"""

from __future__ import annotations

from typing import Any

from audit.models import AuditEvent
from cases import notify
from cases.models import Case
from desk.team import team_absence, with_team_details
from notices.models import Message


def notify_employee(case: Case, template: str, context: dict[str, Any], *, event: AuditEvent) -> Message | None:
    return notify.notify_employee(case, template, context, dedupe_key=f"desk-event-{event.pk}-employee")


def notify_supervisor(case: Case, template: str, *, event: AuditEvent) -> Message | None:
    fresh = with_team_details(Case.objects.filter(pk=case.pk)).get()
    context = {"absence": team_absence(fresh)}
    return notify.notify_supervisor(case, template, context, dedupe_key=f"desk-event-{event.pk}-supervisor")
