"""Django's admin site for LeaveDesk: opened only by an admin account in an admin session (accounts.admin_access),
signed in by the desk's two steps (desk.views.login.admin_login); and the audit of every admin view of a case."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from accounts.admin_access import is_admin_account, is_admin_session
from accounts.models import User
from audit.log import record
from audit.models import AuditAction
from cases.models import Case


class VerifiedAdminSite(admin.AdminSite):
    """Django's admin, opened only by an admin account in an admin session (verified by its second step)."""

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        verified = bool(getattr(user, "is_verified", lambda: False)())
        return is_admin_account(user) and verified and is_admin_session(request)

    @login_not_required
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        from desk.views.login import admin_login  # noqa: PLC0415 - the views load after the admin's models

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
