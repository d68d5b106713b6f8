"""Signing in and out: "Log in to your account", the second step, and signing out."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import codes, signin
from accounts.code_delivery import chosen_method
from accounts.events import record_event
from accounts.forms import CodeForm, LoginForm
from accounts.models import AccountEventKind, PhoneDevice
from accounts.phones import masked
from accounts.views.code_entry import CODE_MESSAGES, refusal_context

SIGN_IN_FAILED = _(
    "The username or password is not right. After many wrong tries, the next try must wait, up to 15 minutes. "
    "Try again, or choose “Reset Password” to log in now."
)
SESSION_NEXT = "accounts.next"
SESSION_NOTICE = "accounts.sign_in_notice"


def render_login(request: HttpRequest, *, failed: bool = False, username: str = "") -> HttpResponse:
    """The sign-in page. After a failure it is always the same page, whatever the reason, with the
    username as typed (so only the password needs typing again) and never the password."""
    form = LoginForm(initial={"username": username} if username else None)
    context = {"form": form, "error": SIGN_IN_FAILED if failed else "", "going_to_profile": going_to_profile(request)}
    return render(request, "accounts/login.html", context)


def going_to_profile(request: HttpRequest) -> bool:
    """Whether the person came by "Edit Profile": they go to their profile once signed in."""
    return request.session.get(SESSION_NEXT) == reverse("accounts:profile")


def safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return None


@login_not_required
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    if request.method != "POST":
        if next_url := safe_next(request, request.GET.get("next")):
            request.session[SESSION_NEXT] = next_url
        return render_login(request)
    form = LoginForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "error": "", "going_to_profile": going_to_profile(request)}
        return render(request, "accounts/login.html", context)
    username = form.cleaned_data["username"]
    user = signin.check_password_step(request, username, form.cleaned_data["password"])
    method = signin.second_step_method(user) if user is not None else None
    if user is None or method is None:
        return render_login(request, failed=True, username=username)
    next_url = request.session.get(SESSION_NEXT)
    refusal = signin.begin_second_step(request, user, method)
    if next_url:
        request.session[SESSION_NEXT] = next_url
    if refusal:
        request.session[SESSION_NOTICE] = refusal_context(refusal)
    return redirect("accounts:login_verify")


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: Any) -> HttpResponse:
    """django-axes' answer when a failure locks the account: the same page as any failure."""
    username = str((credentials or {}).get("username", ""))
    record_event(request, AccountEventKind.LOCKED_OUT, username=username)
    return original_response if original_response is not None else render_login(request, failed=True, username=username)


def render_verify(request: HttpRequest, pending: signin.PendingSignIn, form: CodeForm, **extra: Any) -> HttpResponse:
    device = pending.device
    notice = request.session.pop(SESSION_NOTICE, None) or {}
    context = {
        "form": form,
        "method": pending.method,
        "masked_number": masked(device.number) if pending.method != signin.TOTP and device else "",
        **notice,
        **extra,
    }
    return render(request, "accounts/login_verify.html", context)


@login_not_required
@never_cache
def login_verify(request: HttpRequest) -> HttpResponse:
    pending = signin.pending_sign_in(request)
    if pending is None:
        return redirect("accounts:login")
    if request.method != "POST":
        return render_verify(request, pending, CodeForm())
    form = CodeForm(request.POST)
    if not form.is_valid():
        return render_verify(request, pending, form)
    result = signin.check_second_step(request, pending, form.cleaned_data["code"])
    if result is not codes.CodeCheck.ACCEPTED:
        form.add_error("code", CODE_MESSAGES[result])
        return render_verify(request, pending, form)
    next_url = safe_next(request, request.session.pop(SESSION_NEXT, None))
    signin.finish_sign_in(request, pending)
    return redirect(next_url or "portal:dashboard")


@login_not_required
@require_POST
def login_resend(request: HttpRequest) -> HttpResponse:
    pending = signin.pending_sign_in(request)
    if pending is None:
        return redirect("accounts:login")
    device = pending.device
    method = chosen_method(request.POST.get("method"), device.method) if isinstance(device, PhoneDevice) else None
    refusal = signin.resend_code(request, pending, method)
    if refusal:
        return render_verify(request, pending, CodeForm(), **refusal_context(refusal))
    return redirect(reverse("accounts:login_verify") + "?resent=1")


@login_not_required
@never_cache
def logout_view(request: HttpRequest) -> HttpResponse:
    """POST signs out (the session is deleted on the server); GET says you are signed out."""
    if request.method == "POST":
        if request.user.is_authenticated:
            record_event(request, AccountEventKind.SIGN_OUT, user=request.user)
        logout(request)
        return redirect("accounts:logout")
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    return render(request, "accounts/logged_out.html")
