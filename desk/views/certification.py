"""The desk's certification handlers: each a POST for a case specialist (HR reads the panel, never posts; a
supervisor is not staff and gets no desk page), calling its action in desk.certification. A refused form shows
the case page again with the message beside its field; a saved one goes back to the case's certification part.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import Case, TimeEntry
from desk import certification
from desk.access import desk_view, get_case_for_desk, get_document_for_desk
from desk.actions import DeskActionError
from desk.certification_forms import CertificationForm, DocumentReviewForm, RecertificationForm
from desk.models import ReviewOutcome
from desk.views.case import CasePage, _user, render_case
from desk.views.certification_panel import CertificationForms


def _back(case: Case) -> HttpResponse:
    return redirect(reverse("desk:case", args=[case.case_number]) + "#certification")


def _refused(request: HttpRequest, case: Case, forms: CertificationForms) -> HttpResponse:
    return render_case(request, case, CasePage(certification=forms), status=400)


@require_POST
@desk_view
def review_document(request: HttpRequest, case_number: str, document_id: int) -> HttpResponse:
    case = get_case_for_desk(request, case_number, to_change=True)
    document = get_document_for_desk(request, case, document_id)
    form = DocumentReviewForm(request.POST, document_id=document.pk)
    forms = CertificationForms(reviews={document.pk: form})
    if not form.is_valid():
        return _refused(request, case, forms)
    outcome = ReviewOutcome(form.cleaned_data["outcome"])
    try:
        certification.review_document(
            case, document, outcome=outcome, missing=form.cleaned_data["missing"], by=_user(request), request=request
        )
    except DeskActionError as error:
        form.add_error(None, str(error))
        return _refused(request, case, forms)
    if outcome == ReviewOutcome.INCOMPLETE:
        done = _("Marked incomplete. The employee was sent the cure notice, with 7 calendar days to send what is "
                 "missing; the new request is on the case's deadlines.")  # fmt: skip
    else:
        done = _("The document was marked %(outcome)s.") % {"outcome": outcome.label.lower()}
    messages.success(request, done)
    return _back(case)


@require_POST
@desk_view
def record_certification(request: HttpRequest, case_number: str) -> HttpResponse:
    case = get_case_for_desk(request, case_number, to_change=True)
    documents = list(case.documents.all())
    form = CertificationForm(request.POST, documents=documents)
    forms = CertificationForms(certification=form)
    if not form.is_valid():
        return _refused(request, case, forms)
    facts = form.facts()
    problems = certification.certification_problems(case, facts, timezone.localdate())
    for name, message in problems.items():
        form.add_error(name, message)
    if problems:
        return _refused(request, case, forms)
    document = next((d for d in documents if d.pk == form.cleaned_data["document"]), None)
    try:
        certification.record_certification(case, facts, document=document, by=_user(request), request=request)
    except DeskActionError as error:
        form.add_error(None, str(error))
        return _refused(request, case, forms)
    messages.success(request, _("The certification was recorded."))
    return _back(case)


@require_POST
@desk_view
def request_recertification(request: HttpRequest, case_number: str) -> HttpResponse:
    case = get_case_for_desk(request, case_number, to_change=True)
    form = RecertificationForm(request.POST)
    forms = CertificationForms(recertification=form)
    if not form.is_valid():
        return _refused(request, case, forms)
    try:
        asked = certification.request_recertification(
            case, reason=form.cleaned_data["reason"], by=_user(request), request=request
        )
    except DeskActionError as error:
        form.add_error("reason", str(error))
        return _refused(request, case, forms)
    messages.success(
        request,
        _("The recertification was requested, due %(day)s, and the employee notified.")
        % {"day": f"{asked.due_date:%b %d, %Y}"},
    )
    return _back(case)


@require_POST
@desk_view
def decide_frequency(request: HttpRequest, case_number: str, entry_id: int) -> HttpResponse:
    case = get_case_for_desk(request, case_number, to_change=True)
    entry = TimeEntry.objects.filter(case=case, pk=entry_id).first()
    if entry is None:
        raise Http404
    choice = request.POST.get("charged", "")
    if choice not in ("yes", "no"):
        return HttpResponseBadRequest(_("Choose whether the time is charged to the leave or not covered."))
    try:
        certification.decide_frequency(case, entry, charged=choice == "yes", by=_user(request), request=request)
    except DeskActionError as error:
        messages.error(request, str(error))
        return _back(case)
    if choice == "yes":
        messages.success(request, _("The time was charged to the leave."))
    else:
        messages.success(request, _("The time was marked not covered: it is not charged to the leave."))
    return _back(case)
