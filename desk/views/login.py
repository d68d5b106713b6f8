"""The desk's own sign-in, and the admin's: the accounts password step, refused for anyone without a staff role
(for the admin: without an admin account), then the accounts second step (a code by text or call, or an
authenticator app), which returns to the queue (or the admin)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts import signin
from accounts.admin_access import is_admin_account
from accounts.forms import LoginForm
from accounts.models import User
from accounts.views.code_entry import refusal_context
from accounts.views.signin import SESSION_NEXT, SESSION_NOTICE, SIGN_IN_FAILED, safe_next
from desk.access import staff_role_of


def _render(request: HttpRequest, form: LoginForm, *, failed: bool = False) -> HttpResponse:
    return render(request, "desk/login.html", {"form": form, "error": SIGN_IN_FAILED if failed else ""})


@login_not_required
@never_cache
def desk_login(request: HttpRequest) -> HttpResponse:
    destination = safe_next(request, request.GET.get("next")) or reverse("desk:queue")
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        if staff_role_of(user) is None:
            raise PermissionDenied
        if user.is_verified():  # type: ignore[attr-defined]
            return redirect(destination)
    if request.method != "POST":
        return _render(request, LoginForm())
    form = LoginForm(request.POST)
    if not form.is_valid():
        return _render(request, form)
    found = signin.check_password_step(request, form.cleaned_data["username"], form.cleaned_data["password"])
    # Someone without a staff role gets the same answer as a wrong password: the desk reveals nothing.
    method = signin.second_step_method(found) if found is not None and staff_role_of(found) else None
    if found is None or method is None:
        return _render(request, LoginForm(), failed=True)
    refusal = signin.begin_second_step(request, found, method)
    request.session[SESSION_NEXT] = destination
    if refusal:
        request.session[SESSION_NOTICE] = refusal_context(refusal)
    return redirect("accounts:login_verify")


@login_not_required
@never_cache
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's sign-in (/admin/login/): the same two steps, for admin accounts only, and the session it
    opens is an admin session (accounts.admin_access). Anyone else gets the answer of a wrong password."""
    destination = safe_next(request, request.GET.get("next")) or reverse("admin:index")
    if request.method != "POST":
        return _render_admin(request, LoginForm())
    form = LoginForm(request.POST)
    if not form.is_valid():
        return _render_admin(request, form)
    found = signin.check_password_step(request, form.cleaned_data["username"], form.cleaned_data["password"])
    method = signin.second_step_method(found) if found is not None and is_admin_account(found) else None
    if found is None or method is None:
        return _render_admin(request, LoginForm(), failed=True)
    refusal = signin.begin_second_step(request, found, method, to_admin=True)
    request.session[SESSION_NEXT] = destination
    if refusal:
        request.session[SESSION_NOTICE] = refusal_context(refusal)
    return redirect("accounts:login_verify")


def _render_admin(request: HttpRequest, form: LoginForm, *, failed: bool = False) -> HttpResponse:
    return render(request, "accounts/admin_login.html", {"form": form, "error": SIGN_IN_FAILED if failed else ""})
