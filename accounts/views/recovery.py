"""Recovery: "Forgot User ID?" and "Reset Password". Pages never reveal whether an account exists."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import codes, recovery
from accounts.code_delivery import chosen_method
from accounts.forms import CodeForm, ForgotUserIdForm, NewPasswordForm, UsernameForm
from accounts.views.code_entry import CODE_MESSAGES, refusal_context


@login_not_required
@never_cache
def forgot_user_id(request: HttpRequest) -> HttpResponse:
    form = ForgotUserIdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = recovery.send_username(request, form.claim(), form.cleaned_data["employee_number"])
        if refusal:
            context = {"form": form, **refusal_context(refusal)}
            return render(request, "accounts/recovery/forgot_user_id.html", context)
        return redirect("accounts:forgot_user_id_sent")
    return render(request, "accounts/recovery/forgot_user_id.html", {"form": form})


@login_not_required
def forgot_user_id_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/recovery/forgot_user_id_sent.html")


@login_not_required
@never_cache
def reset_password(request: HttpRequest) -> HttpResponse:
    form = UsernameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = recovery.begin_reset(request, form.cleaned_data["username"])
        if refusal:
            context = {"form": form, **refusal_context(refusal)}
            return render(request, "accounts/recovery/reset_password.html", context)
        return redirect("accounts:reset_password_verify")
    return render(request, "accounts/recovery/reset_password.html", {"form": form})


@login_not_required
@never_cache
def reset_password_verify(request: HttpRequest) -> HttpResponse:
    pending = recovery.pending_reset(request)
    if pending is None:
        return redirect("accounts:reset_password")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = recovery.check_reset_code(request, pending, form.cleaned_data["code"])
        if result is codes.CodeCheck.ACCEPTED:
            return redirect("accounts:reset_password_new")
        form.add_error("code", CODE_MESSAGES[result])
    return render(request, "accounts/recovery/reset_verify.html", {"form": form})


@login_not_required
@require_POST
def reset_password_resend(request: HttpRequest) -> HttpResponse:
    pending = recovery.pending_reset(request)
    if pending is None:
        return redirect("accounts:reset_password")
    method = chosen_method(request.POST.get("method"), "") or None  # None: the phone's own method
    refusal = recovery.resend_reset_code(request, pending, method=method)
    if refusal:
        context = {"form": CodeForm(), **refusal_context(refusal)}
        return render(request, "accounts/recovery/reset_verify.html", context)
    return redirect(reverse("accounts:reset_password_verify") + "?resent=1")


@login_not_required
@never_cache
def reset_password_new(request: HttpRequest) -> HttpResponse:
    pending = recovery.pending_reset(request)
    if pending is None or pending.user is None or not pending.verified:
        return redirect("accounts:reset_password")
    form = NewPasswordForm(request.POST or None, person=pending.user)
    if request.method == "POST" and form.is_valid():
        recovery.reset_password(request, pending.user, form.cleaned_data["password"])
        return redirect("accounts:reset_password_done")
    return render(request, "accounts/recovery/reset_new.html", {"form": form, "username": pending.user.username})


@login_not_required
def reset_password_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/recovery/reset_done.html")
