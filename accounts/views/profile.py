""" "Edit Profile": phone, email, password, authenticator app and active sessions. Sudo mode guards each."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import codes, profile
from accounts.code_delivery import chosen_method
from accounts.decorators import sudo_required
from accounts.forms import CodeForm, ConfirmPasswordForm, EmailForm, NewPasswordForm, PhoneForm
from accounts.models import User, UserSession
from accounts.phones import readable
from accounts.sending_limits import UNAVAILABLE, SendingRefusal, retry_wording
from accounts.user_sessions import end_one_session
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
    form = ConfirmPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = profile.confirm_password(request, user, form.cleaned_data["password"])
        if check.right:
            return redirect(safe_next(request, request.GET.get("next")) or "accounts:profile")
        form.add_error("password", password_refusal(check))
    return render(request, "accounts/profile/confirm_password.html", {"form": form})


def password_refusal(check: profile.PasswordCheck) -> str:
    """What the person is told when the password typed again is refused, and when they may try again."""
    if check.retry_at is None:
        return _("That password is not right. Check it and try again.")
    when = retry_wording(check.retry_at, timezone.now())
    return _(
        "For your security, after many wrong passwords each new try must wait. You can try again %(when)s. "
        "If you forgot your password, log out and choose “Reset Password” on the log-in page."
    ) % {"when": when}


def render_profile(request: HttpRequest, user: User, **extra: object) -> HttpResponse:
    device = user.phone_device
    pending = profile.pending_email_change(user)
    context = {
        "phone_number": readable(device.number) if device else "",
        "phone_method": device.get_method_display() if device else "",
        "authenticator": profile.confirmed_authenticator(user),
        "pending_email": profile.masked_email(pending.new_email) if pending else "",
        "sessions": UserSession.objects.filter(user=user),
        "current_session_key": request.session.session_key,
        **extra,
    }
    return render(request, "accounts/profile/profile.html", context)


@never_cache
@sudo_required
def profile_page(request: HttpRequest) -> HttpResponse:
    return render_profile(request, signed_in_user(request))


def link_refusal_wording(refusal: SendingRefusal) -> str:
    """Why no link went to the new address, and when one may be asked for again."""
    if refusal.reason == UNAVAILABLE or refusal.retry_at is None:
        return _("We cannot send email right now. Try again in a few minutes, or call %(name)s at %(phone)s.") % {
            "name": settings.ADMINISTRATOR["name"],
            "phone": settings.ADMINISTRATOR["phone"],
        }
    return _("We sent a link a moment ago. You can ask for a new link %(when)s.") % {
        "when": retry_wording(refusal.retry_at, timezone.now())
    }


@never_cache
@sudo_required
def change_email(request: HttpRequest) -> HttpResponse:
    """A new email is used only once the link sent to it is opened; until then the old address stays."""
    user = signed_in_user(request)
    form = EmailForm(request.POST or None, instance=User(email=user.email))
    form.fields["email"].required = True
    context: dict[str, object] = {"form": form, "current_email": user.email}
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["email"]
        if new_email.casefold() == user.email.casefold():
            form.add_error("email", _("That is already your email. Enter the new address you want to use."))
        elif refusal := profile.begin_email_change(request, user, new_email):
            context["error"] = link_refusal_wording(refusal)
        else:
            messages.success(
                request,
                _("We sent a link to %(email)s. Open it to start using that address.") % {"email": new_email},
            )
            return redirect("accounts:profile")
    return render(request, "accounts/profile/email.html", context)


@require_POST
@sudo_required
def resend_email_link(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    pending = profile.pending_email_change(user)
    if pending is None:
        return redirect("accounts:profile")
    if refusal := profile.resend_email_link(request, user, pending):
        return render_profile(request, user, email_error=link_refusal_wording(refusal))
    messages.success(request, _("We sent a new link. The link we sent before no longer works."))
    return redirect("accounts:profile")


@require_POST
@sudo_required
def cancel_email_change(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if profile.cancel_email_change(request, user):
        messages.success(request, _("The email change was cancelled. Your email stays as it was."))
    return redirect("accounts:profile")


LINK_REFUSALS = {
    profile.EmailLink.UNKNOWN: _(
        "This link does not work. If you asked for a new link, open the latest one we sent, "
        "or start again from Edit Profile."
    ),
    profile.EmailLink.OTHER_ACCOUNT: _(
        "This link is not for the account you are logged in to. Log out, then open the link again "
        "and log in to the account that asked for the change."
    ),
    profile.EmailLink.USED: _("This link was used already. Your profile shows the email in use."),
    profile.EmailLink.REPLACED: _(
        "This link no longer works: a later email change was started. Open the link we sent for that one."
    ),
    profile.EmailLink.CANCELLED: _("This link no longer works: the email change was cancelled."),
    profile.EmailLink.EXPIRED: _(
        "This link has expired: links work for 24 hours. Change your email again in Edit Profile to get a new one."
    ),
}


@never_cache
def confirm_email(request: HttpRequest) -> HttpResponse:
    """The link sent to a new address: only for its account's signed-in owner (others are asked to log in
    first, and come back here); shown first, then used with a button, so a mail scanner opening it changes nothing."""
    user = signed_in_user(request)
    token = request.GET.get("link", "")
    if request.method == "POST":
        result = profile.complete_email_change(request, user, token)
        if result is profile.EmailLink.GOOD:
            messages.success(request, _("Your email is now %(email)s.") % {"email": user.email})
            return redirect("accounts:profile")
    else:
        result, change = profile.email_link(request, user, token)
        if change is not None:
            return render(request, "accounts/profile/email_confirm.html", {"new_email": change.new_email})
    status = 404 if result in (profile.EmailLink.UNKNOWN, profile.EmailLink.OTHER_ACCOUNT) else 410
    context = {"message": LINK_REFUSALS[result], "used": result is profile.EmailLink.USED}
    return render(request, "accounts/profile/email_link_refused.html", context, status=status)


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
