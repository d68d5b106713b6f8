""" "Edit Profile": phone, email, password, authenticator app and active sessions. Sudo mode guards each."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import codes, profile
from accounts.code_delivery import chosen_method
from accounts.decorators import sudo_required
from accounts.forms import CodeForm, ConfirmPasswordForm, EmailForm, NewPasswordForm, PhoneForm
from accounts.models import User, UserSession
from accounts.phones import readable
from accounts.user_sessions import PASSWORD_CONFIRMED_AT, end_one_session, mark_session_time
from accounts.views.code_entry import CODE_MESSAGES, refusal_context
from accounts.views.signin import safe_next


def signed_in_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # LoginRequiredMiddleware lets only signed-in users through
        raise PermissionDenied
    return user


@never_cache
def confirm_password(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ConfirmPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        mark_session_time(request, PASSWORD_CONFIRMED_AT)
        return redirect(safe_next(request, request.GET.get("next")) or "accounts:profile")
    return render(request, "accounts/profile/confirm_password.html", {"form": form})


@never_cache
@sudo_required
def profile_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    device = user.phone_device
    context = {
        "phone_number": readable(device.number) if device else "",
        "phone_method": device.get_method_display() if device else "",
        "authenticator": profile.confirmed_authenticator(user),
        "sessions": UserSession.objects.filter(user=user),
        "current_session_key": request.session.session_key,
    }
    return render(request, "accounts/profile/profile.html", context)


@never_cache
@sudo_required
def change_email(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = EmailForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        profile.change_email(request, user, form.cleaned_data["email"])
        messages.success(request, _("Your email was changed."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile/email.html", {"form": form})


@never_cache
@sudo_required
def change_password(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = NewPasswordForm(request.POST or None, person=user)
    if request.method == "POST" and form.is_valid():
        profile.change_password(request, user, form.cleaned_data["password"])
        messages.success(request, _("Your password was changed. Your other sessions were signed out."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile/password.html", {"form": form})


@never_cache
@sudo_required
def change_phone(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = PhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = profile.begin_phone_change(request, user, form.cleaned_data["e164"], form.cleaned_data["method"])
        if not refusal:
            return redirect("accounts:profile_phone_verify")
        return render(request, "accounts/profile/phone.html", {"form": form, **refusal_context(refusal)})
    return render(request, "accounts/profile/phone.html", {"form": form})


@never_cache
@sudo_required
def verify_phone(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    change = profile.pending_phone_change(request, user)
    if change is None:
        return redirect("accounts:profile_phone")
    device, attempt = change
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = profile.confirm_phone_change(request, user, device, attempt, form.cleaned_data["code"])
        if result is codes.CodeCheck.ACCEPTED:
            messages.success(request, _("Your phone number was changed."))
            return redirect("accounts:profile")
        form.add_error("code", CODE_MESSAGES[result])
    context = {"form": form, "phone_number": readable(device.number)}
    return render(request, "accounts/profile/phone_verify.html", context)


@require_POST
@sudo_required
def resend_phone_code(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    change = profile.pending_phone_change(request, user)
    if change is None:
        return redirect("accounts:profile_phone")
    device, attempt = change
    method = chosen_method(request.POST.get("method"), device.method)
    refusal = profile.resend_phone_code(request, user, device, attempt, method)
    if refusal:
        context = {"form": CodeForm(), "phone_number": readable(device.number), **refusal_context(refusal)}
        return render(request, "accounts/profile/phone_verify.html", context)
    return redirect(reverse("accounts:profile_phone_verify") + "?resent=1")


@never_cache
@sudo_required
def authenticator(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if profile.confirmed_authenticator(user) is not None:
        return render(request, "accounts/profile/authenticator_added.html")
    device = profile.authenticator_to_set_up(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if profile.confirm_authenticator(request, user, device, form.cleaned_data["code"]):
            messages.success(request, _("Your authenticator app was added. You will use it to log in."))
            return redirect("accounts:profile")
        form.add_error("code", _("That code is not right. Enter the code your app shows now."))
    context = {
        "form": form,
        "qr_code": profile.qr_code_svg(device, _("QR code to scan with your authenticator app")),
        "manual_key": profile.manual_key(device),
    }
    return render(request, "accounts/profile/authenticator.html", context)


@require_POST
@sudo_required
def remove_authenticator(request: HttpRequest) -> HttpResponse:
    profile.remove_authenticator(request, signed_in_user(request))
    messages.success(request, _("Your authenticator app was removed. Codes will come to your phone."))
    return redirect("accounts:profile")


@require_POST
@sudo_required
def end_session(request: HttpRequest, session_id: int) -> HttpResponse:
    user = signed_in_user(request)
    if end_one_session(user, session_id):
        messages.success(request, _("That session was signed out."))
    return redirect("accounts:profile")
