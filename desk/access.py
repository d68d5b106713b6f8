"""Who may see what on the desk: one fetch-and-authorize helper per object type.

Every desk view gets its case, decision or document through these helpers, so no view can forget
the check. A case outside the viewer's scope is a 404 (its existence is not confirmed); a desk page
for someone with no staff role, or a change by a read-only HR professional, is a 403.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.user_sessions import SIGNED_IN_AT
from cases.models import Case, Document
from desk.models import AgencyAuthorization, Role, StaffRole
from policies.models import PolicyDecision
from roster.models import RosterRecord


def staff_role_of(user: User) -> StaffRole | None:
    """The user's staff role, with its agencies, or None for an ordinary employee."""
    if not user.is_authenticated:
        return None
    return StaffRole.objects.prefetch_related("agencies").filter(user=user).first()


def authorized_agencies(role: StaffRole) -> list[str]:
    return [authorization.agency for authorization in role.agencies.all()]


def cases_in_scope(role: StaffRole) -> QuerySet[Case]:
    """Every case for a specialist; for an HR professional, the cases of their agencies only."""
    cases = Case.objects.all()
    if role.role == Role.SPECIALIST:
        return cases
    return cases.filter(employee__roster_record__agency__in=authorized_agencies(role))


def agency_employees(user: User) -> QuerySet[User]:
    """For an HR professional, the active accounts of their agencies' active employees: whom they may file an
    absence for (registered with intake.filing when the apps load). Nobody for anyone else."""
    role = staff_role_of(user)
    if role is None or role.role != Role.HR:
        return User.objects.none()
    return User.objects.filter(
        is_active=True, roster_record__is_active=True, roster_record__agency__in=authorized_agencies(role)
    ).order_by("last_name", "first_name", "pk")


def is_supervisor(user: User) -> bool:
    """An ordinary employee whose roster record has active direct reports."""
    if not user.is_authenticated or user.roster_record_id is None:
        return False
    return RosterRecord.objects.filter(supervisor_id=user.roster_record_id, is_active=True).exists()


# [the user's id, is_supervisor's answer, when it was asked (a timestamp)], kept in the session.
TEAM_CHECKED = "desk.team_checked"
TEAM_RECHECK_SECONDS = timedelta(minutes=5).total_seconds()


def supervises_a_team(request: HttpRequest) -> bool:
    """`is_supervisor` for the signed-in person, asked of the roster at sign-in and then at most every five
    minutes: the portal's navigation shows "My team's absences" on every page, and a roster change (a new
    report, a report gone) may show there a few minutes late. The team page itself asks the roster every time."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    now = timezone.now().timestamp()
    checked = request.session.get(TEAM_CHECKED)
    signed_in_at = request.session.get(SIGNED_IN_AT) or 0
    if checked and checked[0] == user.pk and signed_in_at <= checked[2] <= now < checked[2] + TEAM_RECHECK_SECONDS:
        return bool(checked[1])
    answer = is_supervisor(user)
    request.session[TEAM_CHECKED] = [user.pk, answer, now]
    return answer


# [the user's id, their staff role's id (None: no role), the role, its agencies, when it was asked (a timestamp),
# the staff roles' version then], kept in the session: the desk's pages ask the database at sign-in, then at most
# every five minutes, or at once after any staff role or agency authorization changed (STAFF_ROLES_VERSION).
STAFF_CHECKED = "desk.staff_checked"
STAFF_RECHECK_SECONDS = TEAM_RECHECK_SECONDS
# A token in the shared cache, replaced whenever a staff role or an agency authorization is saved or deleted (the
# receivers below: the admin, the shell, the demo's set-up all save through the models), at once and again after
# the commit (a page that read the roles before the commit, under the first new token, is read again). A session
# that read the roles under another token asks again. Bulk writes send no signal: they wait for the recheck.
STAFF_ROLES_VERSION = "desk.staff_roles.version"


def _staff_roles_changed(**_kwargs: Any) -> None:
    cache.set(STAFF_ROLES_VERSION, secrets.token_hex(8), timeout=None)
    transaction.on_commit(lambda: cache.set(STAFF_ROLES_VERSION, secrets.token_hex(8), timeout=None))


for _model in (StaffRole, AgencyAuthorization):
    post_save.connect(_staff_roles_changed, sender=_model, dispatch_uid=f"desk-staff-saved-{_model.__name__}")
    post_delete.connect(_staff_roles_changed, sender=_model, dispatch_uid=f"desk-staff-deleted-{_model.__name__}")


def request_staff_role(request: HttpRequest) -> StaffRole | None:
    """`staff_role_of` the signed-in person, with its agencies, as the session last read it (see STAFF_CHECKED):
    a desk page then costs no query for them. Anyone else's id, a new sign-in, five minutes or a change to any
    staff role reads them again."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    now = timezone.now().timestamp()
    version = cache.get(STAFF_ROLES_VERSION)
    checked = request.session.get(STAFF_CHECKED)
    signed_in_at = request.session.get(SIGNED_IN_AT) or 0
    if (
        checked
        and checked[0] == user.pk
        and checked[5] == version
        and signed_in_at <= checked[4] <= now < checked[4] + STAFF_RECHECK_SECONDS
    ):
        return _role_as_read(user, role_id=checked[1], role=checked[2], agencies=checked[3])
    found = staff_role_of(user)
    agencies = authorized_agencies(found) if found is not None else []
    request.session[STAFF_CHECKED] = [user.pk, found.pk if found else None, found.role if found else "", agencies,
                                      now, version]  # fmt: skip
    return found


def _role_as_read(user: User, *, role_id: int | None, role: str, agencies: list[str]) -> StaffRole | None:
    """The staff role rebuilt from what the session keeps, its agencies in place of their prefetch (so
    `authorized_agencies` reads no table); never saved."""
    if role_id is None:
        return None
    found = StaffRole(pk=role_id, user=user, role=role)
    authorizations = found.agencies.all()
    authorizations._result_cache = [AgencyAuthorization(staff_role=found, agency=agency) for agency in agencies]
    authorizations._prefetch_done = True  # type: ignore[attr-defined]
    found._prefetched_objects_cache = {"agencies": authorizations}  # type: ignore[attr-defined]
    return found


def desk_request_role(request: HttpRequest) -> StaffRole:
    role: StaffRole = request.desk_role  # type: ignore[attr-defined]
    return role


def desk_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A desk page: staff only (403 for anyone else), and only after two-step authentication."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        assert isinstance(user, User)  # noqa: S101 - LoginRequiredMiddleware has run
        role = request_staff_role(request)
        if role is None:
            raise PermissionDenied
        if not user.is_verified():  # type: ignore[attr-defined]
            return redirect(f"{desk_login_url()}?next={request.path}")
        request.desk_role = role  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def desk_login_url() -> str:
    return reverse("desk:login")


def get_case_for_desk(
    request: HttpRequest, case_number: str, *, to_change: bool = False, related: tuple[str, ...] = ()
) -> Case:
    """The case with that number if the signed-in staff member may see it (and change it, if asked); `related`
    names more relations to load with it, in the same query."""
    role = desk_request_role(request)
    if to_change and role.role != Role.SPECIALIST:
        raise PermissionDenied
    case = (
        cases_in_scope(role)
        .select_related("employee__roster_record", "leave_period", *related)
        .filter(case_number=case_number)
    )
    found = case.first()
    if found is None:
        raise Http404
    return found


def get_decision_for_desk(request: HttpRequest, case: Case, decision_id: int) -> PolicyDecision:
    """A policy decision of a case already authorized by get_case_for_desk."""
    decision = case.decisions.select_related("policy").filter(pk=decision_id).first()
    if decision is None:
        raise Http404
    return decision


def get_document_for_desk(request: HttpRequest, case: Case, document_id: int) -> Document:
    """A document of a case already authorized by get_case_for_desk."""
    document = case.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document
