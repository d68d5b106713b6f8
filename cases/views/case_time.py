""" "Submit new absence time": starting the flow on a case, and "Submission Successful"."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from cases.access import get_case_for_employee
from cases.case_time_flow import CaseTimeWizard
from cases.history import is_open_intermittent, summarize
from cases.models import Case
from intake.days import stored_days
from intake.models import Draft, FlowType
from intake.wizard import get_draft_for_user, signed_in_user


@require_POST
def start_case_time(request: HttpRequest, case_number: str) -> HttpResponseRedirect:
    """Open the user's unfinished time report for this case, or start one; only for an open intermittent case."""
    user = signed_in_user(request)
    cases = Case.objects.select_related("leave_period").prefetch_related("decisions")
    case = get_case_for_employee(user, case_number, cases)
    if not is_open_intermittent(case, summarize(case).status):
        raise Http404("this case takes no new absence time")
    draft = Draft.objects.filter(owner=user, flow=FlowType.CASE_TIME, case=case, submitted_at__isnull=True).first()
    if draft is None:
        draft = Draft.objects.create(owner=user, flow=FlowType.CASE_TIME, case=case)
    wizard = CaseTimeWizard(draft)
    return wizard.redirect_to(wizard.resume_step())


@require_GET
def case_time_submitted(request: HttpRequest, case_number: str, draft_id: UUID) -> HttpResponse:
    """Submission Successful: the days just recorded, and the note that they cannot be changed here."""
    draft = get_draft_for_user(signed_in_user(request), draft_id, FlowType.CASE_TIME)
    case = draft.case
    if case is None or case.case_number != case_number:
        raise Http404
    if not draft.is_submitted:
        wizard = CaseTimeWizard(draft)
        return wizard.redirect_to(wizard.resume_step())
    context = {"case": case, "days": stored_days(draft.answers)}
    return render(request, "cases/case_time_submitted.html", context)
