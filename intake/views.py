"""The way in (introduction, who the absence is for, which kind), drafts (resume, delete) and confirmations.

The flows' own steps are served by the wizard views (intake/wizard.py, intake/flows.py).
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from absence.calendar import specialist_contact_due
from absence.limits import SPECIALIST_CONTACT_BUSINESS_DAYS
from cases.models import Case, CaseKind
from intake.flows import LEAVE_REASON_KEY, LeaveWizard
from intake.forms import AbsenceTypeForm, FileForForm
from intake.models import Draft, FlowType
from intake.wizard import WIZARDS, signed_in_user

FILER_SESSION_KEY = "intake_filer"


def start(request: HttpRequest) -> HttpResponse:
    """The introduction: why we ask preliminary questions, and the help phone."""
    return render(request, "intake/start.html")


def file_for(request: HttpRequest) -> HttpResponse:
    """ "I want to file an absence for:" Myself (My employee is shown but not available)."""
    form = FileForForm(request.POST or None, initial={"filer": request.session.get(FILER_SESSION_KEY)})
    if request.method == "POST" and form.is_valid():
        request.session[FILER_SESSION_KEY] = form.cleaned_data["filer"]
        return redirect("intake:absence_type")
    return render(request, "intake/file_for.html", {"form": form})


def absence_type(request: HttpRequest) -> HttpResponse:
    """The day-to-day absence or one of the five protected reasons; a protected reason starts a leave draft."""
    if request.session.get(FILER_SESSION_KEY) != "myself":
        return redirect("intake:file_for")
    form = AbsenceTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["absence_type"]
        if choice == "other":
            return redirect("intake:other")
        if choice == "unplanned":
            return redirect("intake:unplanned-start")
        draft = Draft.objects.create(
            owner=signed_in_user(request), flow=FlowType.LEAVE, answers={LEAVE_REASON_KEY: {"reason": choice}}
        )
        wizard = LeaveWizard(draft)
        return wizard.redirect_to(wizard.resume_step())
    radios = list(form["absence_type"])
    return render(
        request,
        "intake/absence_type.html",
        {"form": form, "unplanned_radio": radios[0], "protected_radios": radios[1:]},
    )


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
    draft = get_own_draft(request, draft_id)
    case = Case.objects.filter(submission_key=draft.id, employee=signed_in_user(request)).first()
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
