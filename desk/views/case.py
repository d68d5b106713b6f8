"""One case on the desk: every answer, reasons, documents, time entries, call notes and balances.

Opening it writes "viewed reasons and conditions" to the audit log (the viewer is never the owner:
employees have no desk role). A specialist opening it clears the "new documents / time entries" marks.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from audit.log import record_view_by_other
from audit.models import AuditAction
from cases.balances import balances_for_case
from cases.documents.checks import EXTENSIONS
from cases.documents.storage import download_file_name, open_document_file
from cases.models import Case, DocumentContentType, DocumentType
from desk import actions
from desk.access import desk_request_role, desk_view, get_case_for_desk, get_decision_for_desk, get_document_for_desk
from desk.forms import CallNoteForm, CancelCaseForm, DecisionForm, DocumentRequestForm
from desk.models import CallPurpose, Role
from desk.queue import case_deadlines
from policies.models import DecisionStatus


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - desk_view has checked the role
    return user


def render_case(request: HttpRequest, case: Case, status: int = 200, **bound: Any) -> HttpResponse:
    """The case page; `bound` replaces a blank form with the one that failed validation."""
    role = desk_request_role(request)
    decisions = list(case.decisions.select_related("policy", "decided_by"))
    can_change = role.role == Role.SPECIALIST and not case.is_cancelled
    decision_forms = {d.pk: DecisionForm.for_decision(d) for d in decisions if d.status != DecisionStatus.CANCELLED}
    if "decision_form" in bound:
        decision_forms[bound["decision_id"]] = bound["decision_form"]
    today = timezone.localdate()
    context = {
        "case": case,
        "role": role,
        "can_change": can_change,
        "record": case.employee.roster_record,
        "conditions": list(case.conditions.all()),
        "decisions": [(d, decision_forms.get(d.pk)) for d in decisions],
        "time_entries": list(case.time_entries.all()),
        "documents": list(case.documents.select_related("uploaded_by")),
        "document_requests": list(case.document_requests.all()),
        "call_notes": list(case.call_notes.select_related("author")),
        "deadlines": [(d, d.state(today)) for d in case_deadlines(case)],
        "balances": balances_for_case(case, today),
        "document_form": bound.get("document_form") or DocumentRequestForm(),
        "call_form": bound.get("call_form") or CallNoteForm(),
        "today": today,
    }
    return render(request, "desk/case.html", context, status=status)


@require_GET
@desk_view
def case_detail(request: HttpRequest, case_number: str) -> HttpResponse:
    case = get_case_for_desk(request, case_number)
    record_view_by_other(
        _user(request), case, AuditAction.VIEWED_REASONS, target=f"case {case.case_number}", request=request
    )
    if desk_request_role(request).role == Role.SPECIALIST:
        actions.mark_case_seen(case)
    return render_case(request, case)


@require_POST
@desk_view
def decide(request: HttpRequest, case_number: str, decision_id: int) -> HttpResponse:
    case = get_case_for_desk(request, case_number, to_change=True)
    decision = get_decision_for_desk(request, case, decision_id)
    form = DecisionForm.for_decision(decision, request.POST)
    if not form.is_valid():
        return render_case(request, case, status=400, decision_form=form, decision_id=decision.pk)
    data = form.cleaned_data
    dates = {"start_date": data["start_date"], "end_date": data["end_date"], "by": _user(request), "request": request}
    try:
        match data["outcome"]:
            case DecisionStatus.APPROVED:
                actions.approve_decision(decision, **dates)
            case DecisionStatus.DENIED:
                actions.deny_decision(decision, reason=data["denial_reason"], **dates)
            case _:
                actions.pend_decision(decision, **dates)
    except actions.DeskActionError as error:
        form.add_error(None, str(error))
        return render_case(request, case, status=400, decision_form=form, decision_id=decision.pk)
    messages.success(request, _("%(policy)s is now %(status)s.") % {
        "policy": decision.policy.name, "status": decision.get_status_display()
    })  # fmt: skip
    return redirect("desk:case", case_number=case.case_number)


@require_POST
@desk_view
def request_document(request: HttpRequest, case_number: str) -> HttpResponse:
    case = get_case_for_desk(request, case_number, to_change=True)
    form = DocumentRequestForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, status=400, document_form=form)
    try:
        actions.request_document(
            case,
            document_type=DocumentType(form.cleaned_data["document_type"]),
            due_date=form.cleaned_data["due_date"],
            by=_user(request),
            request=request,
        )
    except actions.DeskActionError as error:
        form.add_error(None, str(error))
        return render_case(request, case, status=400, document_form=form)
    messages.success(request, _("The document was requested and the employee notified."))
    return redirect("desk:case", case_number=case.case_number)


@require_POST
@desk_view
def record_call(request: HttpRequest, case_number: str) -> HttpResponse:
    case = get_case_for_desk(request, case_number, to_change=True)
    form = CallNoteForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, status=400, call_form=form)
    actions.record_call_note(
        case,
        purpose=CallPurpose(form.cleaned_data["purpose"]),
        text=form.cleaned_data["text"],
        called_at=timezone.now(),
        by=_user(request),
        request=request,
    )
    messages.success(request, _("The call note was recorded."))
    return redirect("desk:case", case_number=case.case_number)


@require_http_methods(["GET", "POST"])
@desk_view
def cancel(request: HttpRequest, case_number: str) -> HttpResponse:
    case = get_case_for_desk(request, case_number, to_change=True)
    form = CancelCaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.cancel_case(case, by=_user(request), request=request)
        messages.success(request, _("The case was cancelled."))
        return redirect("desk:case", case_number=case.case_number)
    return render(request, "desk/cancel.html", {"case": case, "form": form}, status=400 if form.errors else 200)


@require_GET
@desk_view
def document(request: HttpRequest, case_number: str, document_id: int) -> FileResponse:
    """A document opened inline (the default) or, with ?download=1, as an attachment — both audited."""
    case = get_case_for_desk(request, case_number)
    found = get_document_for_desk(request, case, document_id)
    as_attachment = request.GET.get("download") == "1"
    action = AuditAction.DOWNLOADED_DOCUMENT if as_attachment else AuditAction.VIEWED_DOCUMENT
    target = f"document {found.pk} ({found.get_document_type_display()})"
    record_view_by_other(_user(request), case, action, target=target, request=request)
    kind = DocumentContentType(found.content_type)
    response = FileResponse(
        open_document_file(found.stored_name),
        as_attachment=as_attachment,
        filename=download_file_name(found.file_name, EXTENSIONS[kind][0]),
        content_type=kind.value,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # An inline PDF or image runs nothing: the sandbox forbids scripts, forms and plugins.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; object-src 'self'"
    return response
