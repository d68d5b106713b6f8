"""Who may open Django's admin, and how: an admin account, signed in to the admin through the two steps.

- An **admin account** is an active superuser with `is_staff` (Django's own flags: the admin's permissions are
  already keyed on them, and granting one is itself an admin action that the admin records). `is_staff` alone
  no longer opens anything; the desk's roles (desk.StaffRole) never open the admin.
- An **admin session** is one signed in at /admin/login/: the accounts password step, then the accounts second step
  (a code by text or call, or an authenticator app), which marks the session verified (django-otp) and as the
  admin's. A portal or desk session of the same person is not an admin session, so it never opens the admin; an
  admin session opens only the admin (accounts.middleware sends it back there from any other page).
- Every admin view of a case (a change page, a list) is written to the access log, as on the desk.

The site is mounted only when `ADMIN_ENABLED` is set (config/urls.py); docs/security.md says why.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from accounts.models import User
from accounts.user_sessions import ADMIN_SESSION
from audit.log import record
from audit.models import AuditAction
from cases.models import Case


def is_admin_account(user: object) -> bool:
    return isinstance(user, User) and user.is_active and user.is_staff and user.is_superuser


def is_admin_session(request: HttpRequest) -> bool:
    return bool(request.session.get(ADMIN_SESSION))


def admin_path_prefix() -> str | None:
    """Where the admin is mounted ("/admin/"), or None when it is not (ADMIN_ENABLED off)."""
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None


class VerifiedAdminSite(admin.AdminSite):
    """Django's admin, opened only by an admin account in an admin session (verified by its second step)."""

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        verified = bool(getattr(user, "is_verified", lambda: False)())
        return is_admin_account(user) and verified and is_admin_session(request)

    @login_not_required
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        from desk.views.login import admin_login  # noqa: PLC0415 - the desk's views import the admin's models

        return admin_login(request)


class CaseViewsAudited(admin.ModelAdmin):
    """A model admin whose objects belong to a case: every object shown, listed or opened, is logged."""

    def case_of(self, obj: Any) -> Case:
        case: Case = obj.case
        return case

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            self.record_view(request, obj, "opened in the admin")
        return obj

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", None) or {}
        for obj in getattr(changelist.get("cl"), "result_list", []):
            self.record_view(request, obj, "listed in the admin")
        return response

    def record_view(self, request: HttpRequest, obj: Model, how: str) -> None:
        user = request.user
        assert isinstance(user, User)  # noqa: S101 - VerifiedAdminSite let only an admin account in
        target = f"{obj._meta.verbose_name} {obj.pk}"
        record(user, AuditAction.VIEWED_REASONS, case=self.case_of(obj), target=target, detail=how, request=request)
