"""The desk's actions: the only code that changes a decision, cancels a case or adds desk records.

Each action runs in one transaction, writes an audit event, and notifies the employee by their
chosen channel (and, for a change of status, the supervisor, without the reason) after commit.
Views call these; they never set a status field themselves.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import record
from audit.models import AuditAction, AuditEvent
from cases.models import Case, DocumentType
from desk.models import CallNote, CallPurpose, DocumentRequest
from desk.notify import notify_employee, notify_supervisor
from policies.models import DecisionStatus, PolicyDecision

ACTION_FOR_STATUS = {
    DecisionStatus.APPROVED: AuditAction.APPROVED,
    DecisionStatus.DENIED: AuditAction.DENIED,
    DecisionStatus.PENDING: AuditAction.PENDED,
}


class DeskActionError(ValueError):
    """The action is not allowed in the case's current state; the message says why, for the page."""


def _decide(
    decision: PolicyDecision,
    status: DecisionStatus,
    *,
    start_date: date,
    end_date: date,
    by: User,
    denial_reason: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent | None:
    if end_date < start_date:
        raise DeskActionError(_("The end date must be on or after the start date."))
    with transaction.atomic():
        locked = (
            PolicyDecision.objects.select_for_update(of=("self",)).select_related("policy", "case").get(pk=decision.pk)
        )
        if locked.status == DecisionStatus.CANCELLED or locked.case.is_cancelled:
            raise DeskActionError(_("This decision was cancelled and can no longer change."))
        unchanged = (locked.status, locked.start_date, locked.end_date, locked.denial_reason) == (
            status,
            start_date,
            end_date,
            denial_reason,
        )
        if unchanged:
            return None  # a repeated submit: nothing to record or send
        locked.status = status
        locked.start_date, locked.end_date = start_date, end_date
        locked.denial_reason = denial_reason
        locked.decided_at = timezone.now() if status != DecisionStatus.PENDING else None
        locked.decided_by = by if status != DecisionStatus.PENDING else None
        locked.save()
        detail = f"{locked.policy.name}: {status.label} {start_date:%Y-%m-%d} to {end_date:%Y-%m-%d}"
        event = record(
            by, ACTION_FOR_STATUS[status], case=locked.case, target=f"policy decision {locked.pk}", detail=detail,
            request=request,
        )  # fmt: skip
        context = {
            "policy_name": locked.policy.name,
            "status_label": str(status.label).upper(),
            "start_date": start_date,
            "end_date": end_date,
            "denial_reason": denial_reason,
        }
        notify_employee(locked.case, "desk_decision_made", context, event=event)
        notify_supervisor(locked.case, "supervisor_absence_status", event=event)
    decision.refresh_from_db()
    return event


def approve_decision(
    decision: PolicyDecision, *, start_date: date, end_date: date, by: User, request: HttpRequest | None = None
) -> AuditEvent | None:
    return _decide(decision, DecisionStatus.APPROVED, start_date=start_date, end_date=end_date, by=by, request=request)


def pend_decision(
    decision: PolicyDecision, *, start_date: date, end_date: date, by: User, request: HttpRequest | None = None
) -> AuditEvent | None:
    return _decide(decision, DecisionStatus.PENDING, start_date=start_date, end_date=end_date, by=by, request=request)


def deny_decision(
    decision: PolicyDecision,
    *,
    start_date: date,
    end_date: date,
    reason: str,
    by: User,
    request: HttpRequest | None = None,
) -> AuditEvent | None:
    if not reason.strip():
        raise DeskActionError(_("Give the reason for the denial."))
    return _decide(
        decision, DecisionStatus.DENIED, start_date=start_date, end_date=end_date, denial_reason=reason.strip(), by=by,
        request=request,
    )  # fmt: skip


def request_document(
    case: Case, *, document_type: DocumentType, due_date: date, by: User, request: HttpRequest | None = None
) -> DocumentRequest:
    if case.is_cancelled:
        raise DeskActionError(_("This case was cancelled."))
    if due_date < timezone.localdate():
        raise DeskActionError(_("The due date cannot be in the past."))
    with transaction.atomic():
        document_request = DocumentRequest.objects.create(
            case=case, document_type=document_type, due_date=due_date, requested_by=by
        )
        label = DocumentType(document_type).label
        event = record(
            by, AuditAction.REQUESTED_DOCUMENT, case=case, target=f"document request {document_request.pk}",
            detail=f"{label}, due {due_date:%Y-%m-%d}", request=request,
        )  # fmt: skip
        context = {"document_type": label, "due_date": due_date}
        notify_employee(case, "desk_document_requested", context, event=event)
    return document_request


def record_call_note(
    case: Case,
    *,
    purpose: CallPurpose,
    text: str,
    called_at: datetime,
    by: User,
    request: HttpRequest | None = None,
) -> CallNote:
    if not text.strip():
        raise DeskActionError(_("Write what was said on the call."))
    with transaction.atomic():
        note = CallNote.objects.create(case=case, purpose=purpose, text=text.strip(), called_at=called_at, author=by)
        event = record(
            by, AuditAction.RECORDED_CALL, case=case, target=f"call note {note.pk}",
            detail=str(CallPurpose(purpose).label), request=request,
        )  # fmt: skip
        notify_employee(case, "desk_call_recorded", {"called_at": called_at}, event=event)
    return note


def cancel_case(case: Case, *, by: User, request: HttpRequest | None = None) -> AuditEvent | None:
    """Cancel the case and every decision on it. It stays in the employee's history, marked cancelled."""
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).select_related("employee__roster_record").get(pk=case.pk)
        if locked.is_cancelled:
            return None
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
        locked.decisions.update(status=DecisionStatus.CANCELLED)
        event = record(by, AuditAction.CANCELLED_CASE, case=locked, target=f"case {locked.pk}", request=request)
        notify_employee(locked, "desk_case_cancelled", {}, event=event)
        notify_supervisor(locked, "supervisor_absence_cancelled", event=event)
    case.refresh_from_db()
    return event


def mark_case_seen(case: Case) -> None:
    """A specialist opened the case: new documents and new time entries are no longer new."""
    if case.has_new_documents or case.has_new_time_entries:
        Case.objects.filter(pk=case.pk).update(has_new_documents=False, has_new_time_entries=False)
        case.has_new_documents = case.has_new_time_entries = False
