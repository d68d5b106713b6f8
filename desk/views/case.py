"""One case on the desk: every answer, reasons, decisions, documents, time entries, calls, history and balances.

The page's forms all post back to the case's own URL, naming their `action`: a refused form re-renders the
page there, with an error summary at the top linking to each field and the message beside it, keeping what
was typed; a saved one redirects back (post/redirect/get) to the anchor of the section it acted on, its message
shown in that section (desk.case_page). Every view shows the reasons, so every view, rendered or read
from the cache (desk.stored_pages), writes "viewed reasons and conditions" to the audit log (the viewer is never
the owner). A specialist opening it clears the "new documents / time entries" marks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from absence.calendar import BusinessCalendar
from accounts.models import User
from audit.log import record_view_by_other
from audit.models import AuditAction
from cases.balance_cache import cached_balances_for_case
from cases.balances import calendar_of, case_time, entry_flags_for_case
from cases.documents.checks import EXTENSIONS
from cases.documents.storage import download_file_name, open_document_file
from cases.events import history
from cases.models import Case, Document, DocumentContentType, DocumentType, TimeEntry
from cases.returns import ReturnPlan, has_return_to_work, return_plan
from desk import actions, ownership, returns, worklist
from desk.access import (
    desk_request_role,
    desk_view,
    get_case_for_desk,
    get_document_for_desk,
    supervises_a_team,
)
from desk.case_page import CaseSection, SectionCounts, contents, page_sections, placed
from desk.decisions import DecisionChange, DecisionsRefused, decide_policies, preview_decisions
from desk.forms import (
    ActualReturnForm,
    CallNoteForm,
    CancelCaseForm,
    DecisionForm,
    DocumentRequestForm,
    ExtensionForm,
    FitnessForDutyForm,
    FollowUpForm,
    InternalNoteForm,
    LetterNoteForm,
    OwnerForm,
    ReturnToWorkForm,
)
from desk.models import CallNote, CallOutcome, CallPurpose, CaseAssignment, Role, StaffRole, Task, TaskKind
from desk.queue import case_deadlines
from desk.stored_pages import stored_response
from desk.views.certification_panel import CertificationForms, CertificationPanel, certification_panel
from desk.views.queue import LAST_QUEUE_QUERY
from intake.forms import BEST_TIMES
from letters.decision_letters import decision_letter_drafts
from letters.issuing import preview_pdf
from letters.models import LetterKind
from letters.serving import get_letter_of_case, letter_response, preview_response
from policies.engine import EntitlementCheck, PolicyBalance
from policies.models import DecisionStatus, PolicyDecision
from policies.transitions import is_decided_on_the_desk


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - desk_view has checked the role
    return user


@dataclass
class DecisionRow:
    decision: PolicyDecision
    form: DecisionForm | None  # None: read-only (HR, a cancelled case, the department's policy)
    by_department: bool
    beyond: EntitlementCheck | None = None
    balance: PolicyBalance | None = None  # the engine's figures for the row's policy (pending or approved)


@dataclass
class CasePage:
    """What the page shows besides the case: the forms (bound when refused) and why a save was refused."""

    decision_forms: dict[int, DecisionForm] | None = None
    document_form: DocumentRequestForm | None = None
    call_form: CallNoteForm | None = None
    refused: DecisionsRefused | None = None
    return_forms: dict[str, ReturnToWorkForm] | None = None
    note_form: LetterNoteForm | None = None
    internal_note_form: InternalNoteForm | None = None
    follow_up_form: FollowUpForm | None = None
    owner_form: OwnerForm | None = None
    certification: CertificationForms | None = None


def _decisions(case: Case) -> list[PolicyDecision]:
    """The case's decisions with their policy and decider, loaded once for the rows, deadlines and balances;
    its call notes, document requests, documents (with their review, for the certification panel) and time
    entries (with the desk's decision on a day beyond the certified frequency), each read once for the page."""
    decisions = Prefetch("decisions", queryset=PolicyDecision.objects.select_related("policy", "decided_by"))
    call_notes = Prefetch("call_notes", queryset=CallNote.objects.select_related("author"))
    documents = Prefetch("documents", queryset=Document.objects.select_related("review__cure_request"))
    entries = Prefetch("time_entries", queryset=TimeEntry.objects.select_related("frequency_decision"))
    prefetch_related_objects([case], decisions, call_notes, "document_requests", documents, entries)
    return sorted(case.decisions.all(), key=lambda d: (d.start_date, d.policy.name))


def _requested(case: Case) -> tuple[date, date] | None:
    time = case_time(case)
    return (time.start, time.end) if time is not None else None


def _decision_forms(
    decisions: list[PolicyDecision], requested: tuple[date, date] | None, data: Any = None
) -> dict[int, DecisionForm]:
    return {
        d.pk: DecisionForm(data, decision=d, requested=requested)
        for d in decisions
        if d.status != DecisionStatus.CANCELLED and is_decided_on_the_desk(d.policy.decided_by)
    }


def _error_summary(forms: Sequence[Form], refused: DecisionsRefused | None) -> list[tuple[str, str]]:
    """(anchor, message) for each problem on the page, in page order: the summary links to each."""
    summary: list[tuple[str, str]] = []
    if refused is not None:
        if refused.case_problem:
            summary.append(("decisions", refused.case_problem))
        summary += [(f"decision-{stale.decision.pk}", stale.message) for stale in refused.stale]
        for pk, check in refused.beyond.items():
            summary.append((f"decision-{pk}-beyond", _beyond_message(check)))
    for form in forms:
        for name, errors in form.errors.items():
            anchor = form[name].auto_id if name in form.fields else (form.prefix or "")
            summary += [(str(anchor), str(error)) for error in errors]
    return summary


def _beyond_message(check: EntitlementCheck) -> str:
    return _("%(policy)s has %(left)s hours left; these dates would use %(asked)s.") % {
        "policy": check.short_name,
        "left": f"{check.remaining_hours.normalize():f}",
        "asked": f"{check.requested_hours.normalize():f}",
    }


def render_case(request: HttpRequest, case: Case, page: CasePage | None = None, status: int = 200) -> HttpResponse:
    """The page as refused forms show it again: rendered every time, never kept."""
    _record_view(request, case)
    return _case_page(request, case, page or CasePage(), status)


def _record_view(request: HttpRequest, case: Case) -> None:
    """Every view of the page shows the reasons: kept or rendered, it is written in the audit log."""
    record_view_by_other(
        _user(request), case, AuditAction.VIEWED_REASONS, target=f"case {case.case_number}", request=request
    )


def _case_page(
    request: HttpRequest, case: Case, page: CasePage, status: int = 200, extra: Mapping[str, Any] | None = None
) -> HttpResponse:
    role = desk_request_role(request)
    decisions = _decisions(case)
    can_change = role.role == Role.SPECIALIST and not case.is_cancelled
    forms = page.decision_forms if page.decision_forms is not None else _decision_forms(decisions, _requested(case))
    beyond = page.refused.beyond if page.refused else {}
    today = timezone.localdate()
    record = case.employee.roster_record
    calendar = calendar_of(record)  # read once for the page: balances, deadlines, flags, return, certification
    balances = cached_balances_for_case(case, today, calendar)
    by_policy = {balance.policy_code: balance for balance in balances}
    rows = [
        DecisionRow(
            decision=d,
            form=forms.get(d.pk) if can_change else None,
            by_department=not is_decided_on_the_desk(d.policy.decided_by),
            beyond=beyond.get(d.pk),
            balance=by_policy.get(d.policy.code),
        )
        for d in decisions
    ]
    document_form = page.document_form or DocumentRequestForm()
    call_form = page.call_form or CallNoteForm()
    note_form = page.note_form or LetterNoteForm()
    internal_note_form = page.internal_note_form or InternalNoteForm()
    follow_up_form = page.follow_up_form or FollowUpForm()
    owner_form = page.owner_form or OwnerForm()
    plan = _return_plan(case, decisions, calendar)
    return_forms = page.return_forms or _return_forms(plan)
    bound = [
        form
        for form in (
            owner_form, follow_up_form, *forms.values(), note_form, document_form, call_form, internal_note_form,
            *return_forms.values(),
        )
        if form.is_bound
    ]  # fmt: skip
    bound += page.certification.bound() if page.certification else []
    panel = certification_panel(case, page.certification, calendar)
    context = {
        "case": case,
        "case_url": _case_url(case),  # every form of the page posts there: reversed once, not once a form
        "role": role,
        "can_change": can_change,
        "record": record,
        "supervisor": record.supervisor if record else None,
        "best_time": _best_time(case.best_time_to_reach),
        "conditions": list(case.conditions.all()),
        "decision_rows": rows,
        "department_contacts": _department_contacts(record.agency if record else "", rows),
        "document_requests": list(case.document_requests.all()),
        "deadlines": [(d, d.state(today)) for d in case_deadlines(case, calendar)],
        "return_plan": plan,
        "return_forms": return_forms,
        "balances": balances,
        # Only the days this case has entries on are judged: none, nothing to read.
        "entry_flags": entry_flags_for_case(case, calendar) if case.time_entries.all() else [],
        "document_form": document_form,
        "call_form": call_form,
        "note_form": note_form,
        "internal_note_form": internal_note_form,
        "owner": _owner(case),
        "owner_form": owner_form,
        "tasks": list(case.tasks.filter(closed_at__isnull=True).order_by("due_date", "id")),
        "follow_up_form": follow_up_form,
        "refused": page.refused,
        "error_summary": _error_summary(bound, page.refused),
        "today": today,
        "certification": panel,
        **_case_file(case, decisions=len(rows), panel=panel, return_to_work=plan is not None),
        **(extra or {}),
    }
    return render(request, "desk/case.html", context, status=status)


def _case_file(case: Case, *, decisions: int, panel: CertificationPanel, return_to_work: bool) -> dict[str, Any]:
    """The lists of the sections below the decision form, and every section's heading with its count."""
    file: dict[str, list[Any]] = {
        "documents": list(case.documents.all()),
        "time_entries": list(case.time_entries.all()),
        # What the list shows: not each letter's content (JSON) nor its message's body.
        "letters": list(case.letters.select_related("message").only("case", "subject", "sent_at", "message__channel")),
        "call_notes": list(case.call_notes.all()),
        "internal_notes": list(case.internal_notes.select_related("author")),
        "history": list(history(case).defer("message__body")),  # a notice's status is shown, not its text
    }
    counts = SectionCounts(
        decisions=decisions,
        documents=len(file["documents"]),
        certifications=len(panel.certifications),
        time_entries=len(file["time_entries"]),
        letters=len(file["letters"]),
        calls=len(file["call_notes"]),
        internal_notes=len(file["internal_notes"]),
        history=len(file["history"]),
        return_to_work=return_to_work,
    )
    sections = page_sections(counts)
    return {**file, "sections": sections, "contents": contents(sections)}


def _best_time(hour: int | None) -> str | None:
    """The best time to reach the employee as the request's question offered it ("10 AM")."""
    return None if hour is None else dict(BEST_TIMES).get(hour, f"{hour}:00")


CASE_PAGE_RELATED = ("employee__roster_record__supervisor", "assignment__owner")


def _owner(case: Case) -> User | None:
    if not Case.assignment.is_cached(case):  # a page shown again after a refused post
        assignment = CaseAssignment.objects.select_related("owner").filter(case=case).first()
        return assignment.owner if assignment is not None else None
    try:
        return case.assignment.owner
    except CaseAssignment.DoesNotExist:
        return None


def _return_plan(
    case: Case, decisions: list[PolicyDecision], calendar: BusinessCalendar | None = None
) -> ReturnPlan | None:
    if not has_return_to_work(case):
        return None
    return return_plan(case, decisions, case.documents.all(), calendar or calendar_of(case.employee.roster_record))


def _return_forms(plan: ReturnPlan | None, data: Any = None) -> dict[str, ReturnToWorkForm]:
    """The return-to-work forms while the employee is on approved leave ({} once returned, or without a plan)."""
    if plan is None or plan.returned:
        return {}
    version = {"version": plan.version}
    return {
        "return": ActualReturnForm(data, initial={**version, "returned_on": plan.expected_return}),
        "extension": ExtensionForm(data, initial=version),
        "fitness": FitnessForDutyForm(
            data, initial={**version, "required": "yes" if plan.fitness_for_duty_required else "no"}
        ),
    }


def _department_contacts(agency: str, rows: list[DecisionRow]) -> list[User]:
    """Whom to contact about a policy the department decides: the agency's HR professionals."""
    if not agency or not any(row.by_department for row in rows):
        return []
    roles = StaffRole.objects.filter(role=Role.HR, agencies__agency=agency).select_related("user")
    return [role.user for role in roles.order_by("user__last_name")]


@require_http_methods(["GET", "POST"])
@desk_view
def case_detail(request: HttpRequest, case_number: str) -> HttpResponse:
    if request.method == "POST":
        case = get_case_for_desk(request, case_number, to_change=True)
        handler = POST_ACTIONS.get(request.POST.get("action", ""))
        if handler is None:
            return HttpResponseBadRequest(_("Unknown action."))
        return handler(request, case)
    role = desk_request_role(request)
    employee_of_case: list[int] = []

    def page(extra: Mapping[str, Any]) -> HttpResponse:
        # The summary's supervisor and the case's owner come with the case: two queries fewer.
        case = get_case_for_desk(request, case_number, related=CASE_PAGE_RELATED)  # may they see it (404 if not)
        if role.role == Role.SPECIALIST and actions.mark_case_seen(case):
            worklist.sync_tasks([case.pk])  # the time reported is reviewed: its task closes
        _record_view(request, case)
        employee_of_case.append(case.employee_id)
        return _case_page(request, case, CasePage(), extra=extra)

    def viewed_again(employee_id: int) -> None:
        # Read from the cache: kept for this viewer once the checks above passed, and nothing changed since (the
        # case's marks cleared then are still clear). The view is written in the audit log all the same.
        _record_view(request, Case(case_number=case_number, employee_id=employee_id))

    # Kept rendered until a change it may show (desk.stored_pages); its "Back to the queue" is this session's.
    return stored_response(
        request,
        f"case:{case_number}",
        page,
        vary=(request.session.get(LAST_QUEUE_QUERY, ""), supervises_a_team(request)),
        kept_with=lambda: employee_of_case[0],
        on_kept=viewed_again,
    )


def _back_to_case(case: Case) -> HttpResponse:
    return redirect("desk:case", case_number=case.case_number)


def _back_to_section(
    request: HttpRequest, case: Case, section: CaseSection, message: str, level: int = messages.SUCCESS
) -> HttpResponse:
    """Post/redirect/get to the case page at the section acted on, the message shown in that section."""
    messages.add_message(request, level, message, extra_tags=placed(section))
    return redirect(f"{reverse('desk:case', args=[case.case_number])}#{section.value}")


def _sitting(request: HttpRequest, case: Case) -> tuple[dict[int, DecisionForm], LetterNoteForm, bool]:
    """The decision form as posted (its rows and the letters' paragraph), and whether every part is valid."""
    data = request.POST.copy()
    up_to = data.get("approve_up_to", "")
    if up_to:
        # "Approve up to <the day the hours run out>": that decision, approved to that day.
        decision_id, _sep, day = up_to.partition("|")
        data[f"decision-{decision_id}-outcome"] = DecisionStatus.APPROVED
        data[f"decision-{decision_id}-end_date"] = day
    forms = _decision_forms(_decisions(case), _requested(case), data)
    note_form = LetterNoteForm(data)
    valid = all([*(form.is_valid() for form in forms.values()), note_form.is_valid()])
    return forms, note_form, valid


def _changes(forms: dict[int, DecisionForm]) -> list[DecisionChange]:
    return [change for form in forms.values() if (change := form.change()) is not None]


def _refused_sitting(
    request: HttpRequest,
    case: Case,
    forms: dict[int, DecisionForm],
    note_form: LetterNoteForm,
    refused: DecisionsRefused,
) -> HttpResponse:
    """The case page again, each problem beside its field, what was typed kept (the paragraph too)."""
    for pk, problems in refused.problems.items():
        for name, message in problems.items():
            forms[pk].add_error(name, message)
    for stale in refused.stale:
        # The colleague's change stands: this row shows it now, unbound, at its new version.
        forms[stale.decision.pk] = DecisionForm(decision=stale.decision, requested=_requested(case))
    status = 409 if refused.stale else 400
    page = CasePage(decision_forms=forms, refused=refused, note_form=note_form)
    return render_case(request, case, page, status=status)


def _decide(request: HttpRequest, case: Case) -> HttpResponse:
    forms, note_form, valid = _sitting(request, case)
    if not valid:
        return render_case(request, case, CasePage(decision_forms=forms, note_form=note_form), status=400)
    changes = _changes(forms)
    if not changes:
        nothing = _("Nothing changed: no decision was saved and no notice was sent.")
        return _back_to_section(request, case, CaseSection.DECISIONS, nothing, messages.INFO)
    try:
        changed = decide_policies(
            case, changes, by=_user(request), request=request, letter_note=note_form.cleaned_data["note"]
        )
    except DecisionsRefused as refused:
        return _refused_sitting(request, case, forms, note_form, refused)
    names = ", ".join(d.policy.name for d in changed)
    saved = _("Saved: %(policies)s. The employee was sent one summary.") % {"policies": names}
    return _back_to_section(request, case, CaseSection.DECISIONS, saved)


@require_POST
@desk_view
def preview_letters(request: HttpRequest, case_number: str) -> HttpResponse:
    """The letters the decision form would send, as one PDF marked as a preview (specialists only): the same
    checks as saving, then rendered in memory. Nothing is saved, sent or stored."""
    case = get_case_for_desk(request, case_number, to_change=True)
    forms, note_form, valid = _sitting(request, case)
    if not valid:
        return render_case(request, case, CasePage(decision_forms=forms, note_form=note_form), status=400)
    try:
        decided = preview_decisions(case, _changes(forms), by=_user(request))
    except DecisionsRefused as refused:
        return _refused_sitting(request, case, forms, note_form, refused)
    drafts = [draft for decision, check in decided for draft in decision_letter_drafts(case, decision, check)]
    if not drafts:
        no_letter = _("These choices send no letter, so there is nothing to preview. Nothing was saved.")
        return _back_to_section(request, case, CaseSection.DECISIONS, no_letter, messages.INFO)
    return preview_response(preview_pdf(case, drafts, note=note_form.cleaned_data["note"]), case.case_number)


def _request_document(request: HttpRequest, case: Case) -> HttpResponse:
    form = DocumentRequestForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, CasePage(document_form=form), status=400)
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
        return render_case(request, case, CasePage(document_form=form), status=400)
    requested = _("The document was requested and the employee notified.")
    return _back_to_section(request, case, CaseSection.DOCUMENTS, requested)


def _record_call(request: HttpRequest, case: Case) -> HttpResponse:
    form = CallNoteForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, CasePage(call_form=form), status=400)
    tell = form.cleaned_data["tell_employee"]
    try:
        actions.record_call_note(
            case,
            purpose=CallPurpose(form.cleaned_data["purpose"]),
            outcome=CallOutcome(form.cleaned_data["outcome"]),
            text=form.cleaned_data["text"],
            called_at=form.cleaned_data["called_at"],
            by=_user(request),
            tell_employee=tell,
            request=request,
        )
    except actions.DeskActionError as error:
        form.add_error(None, str(error))
        return render_case(request, case, CasePage(call_form=form), status=400)
    recorded = _("The call note was recorded and the employee notified.") if tell else _("The call note was recorded.")
    if form.cleaned_data["outcome"] != CallOutcome.REACHED:
        return _back_to_section(request, case, CaseSection.CALLS, recorded)  # another try, or a message to leave
    # Reached: what usually comes next is the decision, so the page comes back at the form, not 4,800 px below it.
    listed = _("%(recorded)s It is listed under Calls.") % {"recorded": recorded}
    return _back_to_section(request, case, CaseSection.DECISIONS, listed)


def _case_url(case: Case) -> str:
    return reverse("desk:case", kwargs={"case_number": case.case_number})


def _write_internal_note(request: HttpRequest, case: Case) -> HttpResponse:
    form = InternalNoteForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, CasePage(internal_note_form=form), status=400)
    actions.write_internal_note(case, text=form.cleaned_data["text"], by=_user(request), request=request)
    saved = _("The internal note was saved. Only the desk sees it.")
    return _back_to_section(request, case, CaseSection.INTERNAL_NOTES, saved)


def _owner_action(name: str) -> Callable[[HttpRequest, Case], HttpResponse]:
    """Pick, release, or give the case to the specialist chosen (assign or reassign)."""

    def handle(request: HttpRequest, case: Case) -> HttpResponse:
        user = _user(request)
        form = OwnerForm(request.POST)
        try:
            if name == "pick":
                ownership.pick_case(case, by=user, request=request)
                done = _("You own this case now: its tasks are in My work.")
            elif name == "release":
                ownership.release_case(case, by=user, request=request)
                done = _("You released this case: nobody owns it, and it waits in the queue for someone to pick it.")
            else:
                if not form.is_valid():
                    return render_case(request, case, CasePage(owner_form=form), status=400)
                owner = form.cleaned_data["owner"]
                ownership.assign_case(case, owner, by=user, request=request)
                done = _("The case was given to %(name)s.") % {"name": owner.get_full_name() or owner.username}
        except actions.DeskActionError as error:
            if name not in {"pick", "release"}:
                form.add_error(None, str(error))  # the owner chosen stays chosen
                return render_case(request, case, CasePage(owner_form=form), status=400)
            # Picked or released by someone else a moment ago: nothing was typed, so the page comes back as it is
            # now, with the reason, as after a save.
            messages.error(request, str(error))
            return redirect(f"{_case_url(case)}#owner")
        messages.success(request, done)
        return redirect(f"{_case_url(case)}#owner")

    return handle


def _add_follow_up(request: HttpRequest, case: Case) -> HttpResponse:
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, CasePage(follow_up_form=form), status=400)
    try:
        worklist.add_follow_up(case, due_date=form.cleaned_data["due_date"], note=form.cleaned_data["note"],
                               by=_user(request), request=request)  # fmt: skip
    except actions.DeskActionError as error:
        form.add_error(None, str(error))
        return render_case(request, case, CasePage(follow_up_form=form), status=400)
    messages.success(request, _("The follow-up was added to the case's tasks."))
    return redirect(f"{_case_url(case)}#tasks")


def _close_follow_up(request: HttpRequest, case: Case) -> HttpResponse:
    task_id = request.POST.get("task", "")
    task = Task.objects.filter(case=case, kind=TaskKind.FOLLOW_UP, pk=task_id).first() if task_id.isdigit() else None
    if task is None:
        messages.error(request, _("That follow-up is not on this case any more. Nothing changed."))
    else:
        worklist.close_follow_up(task, by=_user(request))
        messages.success(request, _("The follow-up is done."))
    return redirect(f"{_case_url(case)}#tasks")


def _return_action(name: str) -> Callable[[HttpRequest, Case], HttpResponse]:
    """The handler of one return-to-work form: valid, then its action; refused, the page again with the message."""

    def handle(request: HttpRequest, case: Case) -> HttpResponse:
        plan = _return_plan(case, _decisions(case))
        forms = _return_forms(plan, request.POST)
        form = forms.get(name)
        if form is None:
            # Said at the top: the return-to-work section may be gone from the page.
            messages.error(request, _("The return to work can no longer change on this case."))
            return _back_to_case(case)
        if not form.is_valid():
            return render_case(request, case, CasePage(return_forms=forms), status=400)
        data, user = form.cleaned_data, _user(request)
        try:
            if name == "return":
                returns.record_return(case, returned_on=data["returned_on"], version=data["version"], by=user,
                                      request=request)  # fmt: skip
                done = _("The return to work was recorded.")
            elif name == "extension":
                returns.extend_leave(case, new_end=data["new_end"], version=data["version"], by=user, request=request)
                done = _("The leave was extended: the added days await a decision, and the employee was told.")
            else:
                returns.set_fitness_for_duty(case, required=data["required"], version=data["version"], by=user,
                                             request=request)  # fmt: skip
                done = _("Saved. The employee was told whether a fitness-for-duty certification is required.")
        except actions.DeskActionError as error:
            form.add_error(None, str(error))
            return render_case(request, case, CasePage(return_forms=forms), status=400)
        return _back_to_section(request, case, CaseSection.RETURN_TO_WORK, done)

    return handle


POST_ACTIONS: dict[str, Callable[[HttpRequest, Case], HttpResponse]] = {
    "decide": _decide,
    "request_document": _request_document,
    "record_call": _record_call,
    "internal_note": _write_internal_note,
    "pick": _owner_action("pick"),
    "release": _owner_action("release"),
    "assign": _owner_action("assign"),
    "add_follow_up": _add_follow_up,
    "close_follow_up": _close_follow_up,
    "record_return": _return_action("return"),
    "extend_leave": _return_action("extension"),
    "fitness_for_duty": _return_action("fitness"),
}


@require_http_methods(["GET", "POST"])
@desk_view
def cancel(request: HttpRequest, case_number: str) -> HttpResponse:
    case = get_case_for_desk(request, case_number, to_change=True)
    state = actions.decisions_state(list(case.decisions.all()))
    form = CancelCaseForm(request.POST if request.method == "POST" else None, initial={"state": state})
    if request.method == "POST" and form.is_valid():
        try:
            actions.cancel_case(
                case,
                reason=form.cleaned_data["reason"],
                expected_state=form.cleaned_data["state"],
                by=_user(request),
                request=request,
            )
        except actions.DeskActionError as error:
            form = CancelCaseForm(initial={"state": state, "reason": form.cleaned_data["reason"]})
            return render(request, "desk/cancel.html", {"case": case, "form": form, "stale": str(error)}, status=409)
        messages.success(request, _("The case was cancelled and the employee and supervisor notified."))
        return _back_to_case(case)
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


@require_GET
@desk_view
def letter(request: HttpRequest, case_number: str, letter_id: int) -> FileResponse:
    """A letter sent to the employee, as sent: opened inline or, with ?download=1, downloaded — both audited
    (a letter names the leave's reason). HR reads it too; nobody changes it."""
    case = get_case_for_desk(request, case_number)
    found = get_letter_of_case(case, letter_id)
    as_attachment = request.GET.get("download") == "1"
    action = AuditAction.DOWNLOADED_DOCUMENT if as_attachment else AuditAction.VIEWED_DOCUMENT
    target = f"letter {found.pk} ({LetterKind(found.kind).label})"
    record_view_by_other(_user(request), case, action, target=target, request=request)
    return letter_response(found, as_attachment=as_attachment)
