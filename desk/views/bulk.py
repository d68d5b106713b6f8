"""Bulk actions on the queue's selected cases: assign them, request a document of one type, add a follow-up.

Each case goes through the same action as on its own page (desk.ownership.assign_case, desk.actions.request_document,
desk.worklist.add_follow_up), all in one transaction: if one case refuses, none changes and the message says which
and why. Specialists only; the queue page puts the form around its table (templates/desk/includes/bulk_actions.html).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import User
from cases.models import Case, DocumentType
from desk import actions, ownership, worklist
from desk.access import cases_in_scope, desk_request_role, desk_view
from desk.forms import BulkAction, BulkForm
from desk.models import Role


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the queue as it was (its filters, sort and page travel in `next`)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(reverse("desk:queue"))


def _refused(request: HttpRequest, problems: list[str]) -> HttpResponse:
    messages.error(request, _("Nothing was changed. %(problems)s") % {"problems": " ".join(problems)})
    return _back(request)


@require_POST
@desk_view
def bulk(request: HttpRequest) -> HttpResponse:
    role = desk_request_role(request)
    if role.role != Role.SPECIALIST:
        raise PermissionDenied
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - desk_view has checked the role
    form = BulkForm(request.POST)
    if not form.is_valid():
        return _refused(request, [str(error) for errors in form.errors.values() for error in errors])
    data = form.cleaned_data
    cases = list(cases_in_scope(role).filter(pk__in=data["case"]).select_related("employee").order_by("case_number"))
    if len(cases) != len(set(data["case"])):
        return _refused(request, [_("One of the selected cases no longer exists: reload the queue and try again.")])
    action = BulkAction(data["bulk_action"])
    try:
        with transaction.atomic():
            for case in cases:
                _apply(action, case, data, user, request)
    except actions.DeskActionError as error:
        return _refused(request, [str(error)])
    messages.success(request, _summary(action, len(cases), data))
    return _back(request)


def _apply(action: BulkAction, case: Case, data: dict[str, object], user: User, request: HttpRequest) -> None:
    try:
        if action == BulkAction.ASSIGN:
            owner = data["owner"]
            assert isinstance(owner, User)  # noqa: S101 - the form requires it for this action
            ownership.assign_case(case, owner, by=user, request=request)
        elif action == BulkAction.REQUEST_DOCUMENT:
            actions.request_document(case, document_type=DocumentType(str(data["document_type"])),
                                     due_date=data["due_date"], by=user, request=request)  # type: ignore[arg-type]  # fmt: skip
        else:
            worklist.add_follow_up(case, due_date=data["due_date"], note=str(data["note"]), by=user,  # type: ignore[arg-type]
                                   request=request)  # fmt: skip
    except actions.DeskActionError as error:
        raise actions.DeskActionError(
            _("Case %(number)s: %(problem)s") % {"number": case.case_number, "problem": error}
        ) from error


def _summary(action: BulkAction, count: int, data: dict[str, object]) -> str:
    if action == BulkAction.ASSIGN:
        owner = data["owner"]
        name = owner.get_full_name() or owner.username if isinstance(owner, User) else ""
        return ngettext("%(count)s case was assigned to %(name)s.", "%(count)s cases were assigned to %(name)s.",
                        count) % {"count": count, "name": name}  # fmt: skip
    if action == BulkAction.REQUEST_DOCUMENT:
        label = DocumentType(str(data["document_type"])).label
        return ngettext(
            "%(type)s was requested on %(count)s case, and its employee notified.",
            "%(type)s was requested on %(count)s cases, and each employee notified.",
            count,
        ) % {"count": count, "type": label}
    return ngettext("A follow-up was added to %(count)s case.", "A follow-up was added to %(count)s cases.",
                    count) % {"count": count}  # fmt: skip
