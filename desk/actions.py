"""The desk's actions: the only code that changes a decision, cancels a case or adds desk records.

Each action runs in one transaction, writes a line to the case's history and an audit event, and
records its notices in the same transaction (delivered after commit). Views call these; they never set
a status field themselves. Deciding policies is `desk.decisions.decide_policies`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from audit.log import record
from audit.models import AuditAction, AuditEvent
from cases.events import record_event
from cases.models import Case, CaseEventKind, DocumentType
from desk.decisions import DecisionChange, decide_policies
from desk.models import CallNote, CallOutcome, CallPurpose, DocumentRequest, InternalNote
from desk.notify import notify_employee, notify_supervisor
from policies.models import DecisionStatus, PolicyDecision

# A call time typed to the minute, a few seconds ahead of the server's clock, is not "in the future".
CALL_TIME_SLACK = timedelta(minutes=1)
NOTICE_NEEDS_REACHED = _lazy(
    'The notice says that we spoke, so it can only follow a call that reached the employee: choose "Reached the '
    'employee" or do not send the notice.'
)
CANCEL_REASON_LENGTH = Case._meta.get_field("cancel_reason").max_length or 500


class DeskActionError(ValueError):
    """The action is not allowed in the case's current state; the message says why, for the page."""


def approve_decision(
    decision: PolicyDecision,
    *,
    start_date: date,
    end_date: date,
    by: User,
    change_reason: str = "",
    beyond_entitlement_reason: str = "",
    request: HttpRequest | None = None,
) -> list[PolicyDecision]:
    """Approve one decision at the version it has now (demo data, scripts): `decide_policies` for one."""
    change = DecisionChange(
        decision.pk, decision.version, DecisionStatus.APPROVED, start_date, end_date,
        change_reason=change_reason, beyond_entitlement_reason=beyond_entitlement_reason,
    )  # fmt: skip
    changed = decide_policies(decision.case, [change], by=by, request=request)
    decision.refresh_from_db()
    return changed


def deny_decision(
    decision: PolicyDecision,
    *,
    start_date: date,
    end_date: date,
    reason: str,
    by: User,
    change_reason: str = "",
    request: HttpRequest | None = None,
) -> list[PolicyDecision]:
    """Deny one decision at the version it has now: `decide_policies` for one."""
    change = DecisionChange(
        decision.pk, decision.version, DecisionStatus.DENIED, start_date, end_date, denial_reason=reason,
        change_reason=change_reason,
    )  # fmt: skip
    changed = decide_policies(decision.case, [change], by=by, request=request)
    decision.refresh_from_db()
    return changed


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
        detail = f"{label}, due {due_date:%b %d, %Y}"
        record_event(case, CaseEventKind.DOCUMENT_REQUESTED, detail, actor=by)
        event = record(
            by, AuditAction.REQUESTED_DOCUMENT, case=case, target=f"document request {document_request.pk}",
            detail=detail, request=request,
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
    outcome: CallOutcome = CallOutcome.REACHED,
    tell_employee: bool = False,
    request: HttpRequest | None = None,
) -> CallNote:
    """Record a call and how it went. The employee was on the call: they get a notice of it only when the
    specialist chooses, and only when the call reached them (a voicemail or an unanswered call is not "we spoke")."""
    if not text.strip():
        raise DeskActionError(_("Write what was said on the call."))
    if called_at > timezone.now() + CALL_TIME_SLACK:
        raise DeskActionError(_("The call time cannot be in the future: enter when the call was made."))
    if tell_employee and outcome != CallOutcome.REACHED:
        raise DeskActionError(NOTICE_NEEDS_REACHED)
    with transaction.atomic():
        note = CallNote.objects.create(
            case=case, purpose=purpose, outcome=outcome, text=text.strip(), called_at=called_at, author=by
        )
        label = f"{CallPurpose(purpose).label}: {CallOutcome(outcome).label.lower()}"
        record_event(case, CaseEventKind.CALL, label, actor=by)
        event = record(
            by, AuditAction.RECORDED_CALL, case=case, target=f"call note {note.pk}", detail=label, request=request
        )
        if tell_employee:
            notify_employee(case, "desk_call_recorded", {"called_at": called_at}, event=event)
    return note


def write_internal_note(case: Case, *, text: str, by: User, request: HttpRequest | None = None) -> InternalNote:
    """A note for the desk only. Audited, but not in the case's history: nothing of it reaches the employee."""
    text = text.strip()
    if not text:
        raise DeskActionError(_("Write the note before you save it."))
    with transaction.atomic():
        note = InternalNote.objects.create(case=case, text=text, author=by)
        record(by, AuditAction.WROTE_INTERNAL_NOTE, case=case, target=f"internal note {note.pk}", request=request)
    return note


def decisions_state(decisions: list[PolicyDecision]) -> str:
    """The versions of a case's decisions as one token: a cancel form carries it, so a change since is noticed."""
    return ",".join(f"{d.pk}:{d.version}" for d in sorted(decisions, key=lambda d: d.pk))


def cancel_case(
    case: Case, *, reason: str, by: User, expected_state: str | None = None, request: HttpRequest | None = None
) -> AuditEvent | None:
    """Cancel the case and every decision on it, saying why. It stays in the employee's history, marked cancelled.

    With `expected_state` (from `decisions_state` when the form was read), a decision changed since refuses the
    cancel: DeskActionError says so and nothing changes.
    """
    reason = reason.strip()
    if not reason:
        raise DeskActionError(_("Say why the case is cancelled. The employee receives it."))
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).select_related("employee__roster_record").get(pk=case.pk)
        if locked.is_cancelled:
            return None
        decisions = list(PolicyDecision.objects.select_for_update(of=("self",)).filter(case=locked))
        if expected_state is not None and decisions_state(decisions) != expected_state:
            raise DeskActionError(
                _("A decision on this case changed while you were cancelling it. Nothing was cancelled: look at the "
                  "case again before you cancel it.")
            )  # fmt: skip
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason[:CANCEL_REASON_LENGTH]
        locked.save(update_fields=["cancelled_at", "cancel_reason"])
        for decision in decisions:
            decision.status = DecisionStatus.CANCELLED
            decision.version += 1
        PolicyDecision.objects.bulk_update(decisions, ["status", "version"])
        record_event(locked, CaseEventKind.CANCELLED, _("Case cancelled"), actor=by, reason=locked.cancel_reason)
        event = record(
            by, AuditAction.CANCELLED_CASE, case=locked, target=f"case {locked.pk}", detail=locked.cancel_reason,
            request=request,
        )  # fmt: skip
        notify_employee(locked, "desk_case_cancelled", {"cancel_reason": locked.cancel_reason}, event=event)
        notify_supervisor(locked, "supervisor_absence_cancelled", event=event)
    case.refresh_from_db()
    return event


def mark_case_seen(case: Case) -> bool:
    """A specialist opened the case: new documents and new time entries are no longer new (True: they were)."""
    if case.has_new_documents or case.has_new_time_entries:
        Case.objects.filter(pk=case.pk).update(has_new_documents=False, has_new_time_entries=False)
        case.has_new_documents = case.has_new_time_entries = False
        return True
    return False
