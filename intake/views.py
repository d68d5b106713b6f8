"""The way in (introduction, who the absence is for, which kind), drafts (resume, delete) and confirmations.

The flows' own steps are served by the wizard views (intake/wizard.py, intake/flows.py).
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from absence import limits
from absence.calendar import specialist_contact_due
from absence.limits import SPECIALIST_CONTACT_BUSINESS_DAYS
from accounts.models import User
from cases.access import get_case_for_employee
from cases.models import Case, CaseKind, FiledAs
from cases.requests import RequestRefusedError
from cases.submission import add_case_reasons
from intake.filing import employees_filer_may_file_for, may_file_for
from intake.flows import LEAVE_REASON_KEY, LeaveWizard, UnplannedStep, UnplannedWizard
from intake.forms import AbsenceTypeForm, CaseReasonForm, ChooseEmployeeForm, FileForForm
from intake.models import Draft, FlowType
from intake.reasons import SUPERVISOR_NOTE
from intake.wizard import WIZARDS, signed_in_user

FILER_SESSION_KEY = "intake_filer"
# The user id of the employee filed for: a supervisor's direct report ("My employee"), or an employee of an HR
# professional's agency (chosen on the desk); checked again on every use and at submit.
REPORT_SESSION_KEY = "intake_report"
# "I want to file an absence for:" answers that file for someone else, and as whom.
FILING_ROLES = {"employee": FiledAs.SUPERVISOR, "agency": FiledAs.HR}


def start(request: HttpRequest) -> HttpResponse:
    """The introduction: why we ask preliminary questions, and the help phone."""
    return render(request, "intake/start.html")


def file_for(request: HttpRequest) -> HttpResponse:
    """ "I want to file an absence for:" Myself, or My employee (a supervisor, for one of their direct reports)."""
    user = signed_in_user(request)
    form = FileForForm(request.POST or None, initial={"filer": request.session.get(FILER_SESSION_KEY)}, user=user)
    if request.method == "POST" and form.is_valid():
        request.session[FILER_SESSION_KEY] = form.cleaned_data["filer"]
        request.session.pop(REPORT_SESSION_KEY, None)
        if form.cleaned_data["filer"] == "employee":
            return redirect("intake:choose_employee")
        return redirect("intake:absence_type")
    return render(request, "intake/file_for.html", {"form": form})


def choose_employee(request: HttpRequest) -> HttpResponse:
    """Which direct report the absence is for: only the supervisor's own active reports with accounts."""
    if request.session.get(FILER_SESSION_KEY) != "employee":
        return redirect("intake:file_for")
    user = signed_in_user(request)
    form = ChooseEmployeeForm(
        request.POST or None, initial={"employee": request.session.get(REPORT_SESSION_KEY)}, user=user
    )
    if request.method == "POST" and form.is_valid():
        request.session[REPORT_SESSION_KEY] = form.cleaned_data["employee"].pk
        return redirect("intake:absence_type")
    return render(request, "intake/choose_employee.html", {"form": form})


def start_filing_for(request: HttpRequest, role: FiledAs, employee: User) -> HttpResponse:
    """The desk's way in for an HR professional who chose an employee of their agency: the absence type next.

    The choice is checked here and again at every later use (`chosen_report`) and at submit."""
    if not may_file_for(signed_in_user(request), role, employee):
        raise PermissionDenied
    request.session[FILER_SESSION_KEY] = next(answer for answer, filed_as in FILING_ROLES.items() if filed_as == role)
    request.session[REPORT_SESSION_KEY] = employee.pk
    return redirect("intake:absence_type")


def filing_role(request: HttpRequest) -> FiledAs | None:
    """As whom the signed-in user is filing in this session (None: for themselves)."""
    return FILING_ROLES.get(request.session.get(FILER_SESSION_KEY, ""))


def chosen_report(request: HttpRequest) -> User | None:
    """The employee chosen to file for, if the signed-in user may still file for them."""
    report_id = request.session.get(REPORT_SESSION_KEY)
    role = filing_role(request)
    if report_id is None or role is None:
        return None
    employees = employees_filer_may_file_for(signed_in_user(request), role)
    return employees.select_related("roster_record").filter(pk=report_id).first()


def absence_type(request: HttpRequest) -> HttpResponse:
    """The day-to-day absence or one of the five protected reasons; a protected reason starts a leave draft.

    Filing for someone else, the draft is the filer's and names the employee (Draft.employee)."""
    filer = request.session.get(FILER_SESSION_KEY)
    role = filing_role(request)
    report = chosen_report(request) if role else None
    if role is not None and report is None:
        return redirect("desk:file_for" if role == FiledAs.HR else "intake:choose_employee")
    if filer != "myself" and role is None:
        return redirect("intake:file_for")
    form = AbsenceTypeForm(request.POST or None, for_someone_else=report is not None)
    if request.method == "POST" and form.is_valid():
        return start_flow(request, form.cleaned_data["absence_type"], report, role)
    radios = list(form["absence_type"])
    back_url = {None: "intake:file_for", FiledAs.SUPERVISOR: "intake:choose_employee", FiledAs.HR: "desk:file_for"}[
        role
    ]
    return render(
        request,
        "intake/absence_type.html",
        {
            "form": form,
            "unplanned_radio": radios[0],
            "protected_radios": radios[1:],
            "report": report,
            "back_url": back_url,
        },
    )


def start_flow(request: HttpRequest, choice: str, report: User | None, role: FiledAs | None) -> HttpResponse:
    """Where the absence type leads: the phone page, the unplanned flow, or a new leave draft."""
    if choice == "other":
        return redirect("intake:other")
    filed_as = role if report is not None and role is not None else ""
    if choice == "unplanned":
        if report is None:
            return redirect("intake:unplanned-start")
        draft = Draft.objects.create(
            owner=signed_in_user(request), employee=report, filed_as=filed_as, flow=FlowType.UNPLANNED
        )
        return UnplannedWizard(draft).redirect_to(UnplannedStep.WHO)
    draft = Draft.objects.create(
        owner=signed_in_user(request),
        employee=report,
        filed_as=filed_as,
        flow=FlowType.LEAVE,
        answers={LEAVE_REASON_KEY: {"reason": choice}},
    )
    wizard = LeaveWizard(draft)
    return wizard.redirect_to(wizard.resume_step())


def other(request: HttpRequest) -> HttpResponse:
    """ "Other" is filed by phone: the page says so and nothing is created."""
    return render(request, "intake/other.html")


def get_own_draft(request: HttpRequest, draft_id: UUID) -> Draft:
    return get_object_or_404(Draft.objects.select_related("owner__roster_record"), id=draft_id, owner=request.user)


def resume(request: HttpRequest, draft_id: UUID) -> HttpResponse:
    """ "Continue": the first unanswered step of the draft (or its summary)."""
    draft = get_own_draft(request, draft_id)
    if draft.is_submitted:
        return redirect("intake:confirmation", draft_id=draft.id)
    if draft.flow not in WIZARDS:
        raise Http404("this flow resumes from its case")
    wizard = WIZARDS[draft.flow](draft)
    return wizard.redirect_to(wizard.resume_step())


@require_POST
def delete(request: HttpRequest, draft_id: UUID) -> HttpResponse:
    draft = get_own_draft(request, draft_id)
    if not draft.is_submitted:
        draft.delete()
        messages.success(request, _("The draft was deleted."))
    return redirect("portal:dashboard")


def confirmation(request: HttpRequest, draft_id: UUID) -> HttpResponse:
    """The confirmation with the case number; the same page for a second submit of the same draft."""
    user = signed_in_user(request)
    # The draft's answers are the case's now: only whether it was filed for someone else is read.
    draft = get_object_or_404(Draft.objects.only("id", "employee"), id=draft_id, owner=user)
    if draft.is_filed_for_employee:
        filed = Case.objects.filter(submission_key=draft.id, filed_by=user).select_related("employee").first()
        if filed is None:
            return redirect("intake:resume", draft_id=draft.id)
        return render(request, "intake/filed_for_confirmation.html", {"case": filed})
    case = Case.objects.filter(submission_key=draft.id, employee=user).first()
    if case is None:
        return redirect("intake:resume", draft_id=draft.id)
    if case.kind == CaseKind.UNPLANNED:
        return render(request, "intake/unplanned_confirmation.html", {"case": case})
    context = {
        "case": case,
        "reach_out_by": specialist_contact_due(timezone.localdate(case.submitted_at)),
        "contact_business_days": SPECIALIST_CONTACT_BUSINESS_DAYS,
    }
    return render(request, "intake/leave_confirmation.html", context)


def add_reason(request: HttpRequest, case_number: str) -> HttpResponse:
    """ "Add the reason for this absence": the employee's own step on a case their supervisor reported for them."""
    user = signed_in_user(request)
    case = get_case_for_employee(user, case_number, Case.objects.select_related("filed_by"))
    if not case.awaits_reason:
        return redirect("cases:detail", case_number=case.case_number)
    unplanned = case.kind == CaseKind.UNPLANNED
    most = limits.MAX_UNPLANNED_REASONS if unplanned else limits.MAX_LEAVE_REASONS
    form = CaseReasonForm(request.POST or None, max_reasons=most)
    if request.method == "POST" and form.is_valid():
        try:
            add_case_reasons(case, tuple(form.cleaned_data["reasons"]), actor=user)
        except RequestRefusedError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The reason was added to your case."))
        return redirect("cases:detail", case_number=case.case_number)
    context = {"form": form, "case": case, "supervisor_note": SUPERVISOR_NOTE, "unplanned": unplanned}
    return render(request, "intake/add_reason.html", context)
