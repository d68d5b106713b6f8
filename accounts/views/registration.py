"""The registration wizard: one small view per step of the spec, the state in PendingRegistration.

A step may be shown when it is the registration's current step, or an earlier one from the
username step on (so "Edit" and the back button work); anything else redirects to the current step.
Every mismatch in the identity steps lands on the same page with the same words.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.decorators import login_not_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.http import require_POST

from accounts import codes, registration
from accounts.code_delivery import check_code, chosen_method, send_code
from accounts.forms import CodeForm, ContinueForm, CredentialsForm, EmployeeNumberForm, IdentityForm, PhoneForm
from accounts.models import PendingRegistration, PhoneDevice, RegistrationStep
from accounts.phones import readable
from accounts.sending_limits import SendingRefusal
from accounts.views.code_entry import CODE_MESSAGES, refusal_context


def step_url(step: RegistrationStep) -> str:
    return reverse(f"accounts:register_{step.value.replace('-', '_')}")


def may_show(pending: PendingRegistration, step: RegistrationStep) -> bool:
    current = pending.current_step
    if step == current:
        return True
    first_revisitable = RegistrationStep.CREDENTIALS.position
    return first_revisitable <= step.position < current.position


@method_decorator(login_not_required, name="dispatch")
class RegistrationStepView(View):
    step: ClassVar[RegistrationStep]
    template_name: ClassVar[str]
    form_class: ClassVar[type[Form]] = ContinueForm
    pending: PendingRegistration

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            return redirect("portal:dashboard")
        pending = registration.current_registration(request.session)
        if pending is None:
            return redirect("accounts:register")
        if not may_show(pending, self.step):
            return redirect(step_url(pending.current_step))
        self.pending = pending
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, data: Any = None) -> Form:
        return self.form_class(data)

    def context(self, **extra: Any) -> dict[str, Any]:
        return {"step": self.step, "pending": self.pending, **extra}

    def render_step(self, form: Form, status: int = 200, **extra: Any) -> HttpResponse:
        return render(self.request, self.template_name, self.context(form=form, **extra), status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_step(self.make_form())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_step(form)
        return self.form_valid(form)

    def form_valid(self, form: Form) -> HttpResponse:
        raise NotImplementedError


def not_verified() -> HttpResponse:
    return redirect("accounts:register_not_verified")


@method_decorator(login_not_required, name="dispatch")
class IdentityView(View):
    """ "Register": name, ZIP code and birthdate, matched to one roster record. Starts a registration."""

    template_name = "accounts/register/identity.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect("portal:dashboard")
        pending = registration.current_registration(request.session)
        if pending is not None and pending.current_step != RegistrationStep.IDENTITY:
            return redirect(step_url(pending.current_step))
        return render(request, self.template_name, {"form": IdentityForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = IdentityForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        if registration.begin_registration(request, form.claim()) is None:
            return not_verified()  # no match, or over a limit: the same answer (accounts/registration_limits.py)
        return redirect(step_url(RegistrationStep.EMPLOYEE_NUMBER))


class EmployeeNumberView(RegistrationStepView):
    step = RegistrationStep.EMPLOYEE_NUMBER
    template_name = "accounts/register/employee_number.html"
    form_class = EmployeeNumberForm

    def form_valid(self, form: Form) -> HttpResponse:
        result = registration.confirm_employee_number(self.request, self.pending, form.cleaned_data["employee_number"])
        if result is registration.NumberCheck.WRONG:
            tries = registration.employee_number_tries_left(self.request.session)
            form.add_error("employee_number", wrong_number_message(tries))
            return self.render_step(form)
        if result is registration.NumberCheck.REFUSED:
            registration.discard_registration(self.request.session)
            return not_verified()
        return redirect(step_url(RegistrationStep.CREDENTIALS))


def wrong_number_message(tries_left: int) -> str:
    return ngettext(
        "That employee number does not match the one we have on file. Check it and enter it again. "
        "You can try %(count)d more time.",
        "That employee number does not match the one we have on file. Check it and enter it again. "
        "You can try %(count)d more times.",
        tries_left,
    ) % {"count": tries_left}


class CredentialsView(RegistrationStepView):
    step = RegistrationStep.CREDENTIALS
    template_name = "accounts/register/credentials.html"
    form_class = CredentialsForm

    def make_form(self, data: Any = None) -> Form:
        initial = {"username": self.pending.username} if self.pending.username else None
        return CredentialsForm(data, initial=initial, person=self.pending.roster_record)

    def form_valid(self, form: Form) -> HttpResponse:
        registration.choose_credentials(self.pending, form.cleaned_data["username"], form.cleaned_data["password"])
        return redirect(step_url(RegistrationStep.TWO_STEP))


class TwoStepIntroView(RegistrationStepView):
    step = RegistrationStep.TWO_STEP
    template_name = "accounts/register/two_step.html"

    def form_valid(self, form: Form) -> HttpResponse:
        registration.acknowledge_two_step(self.pending)
        return redirect(step_url(RegistrationStep.PHONE))


class PhoneView(RegistrationStepView):
    step = RegistrationStep.PHONE
    template_name = "accounts/register/phone.html"
    form_class = PhoneForm

    def form_valid(self, form: Form) -> HttpResponse:
        device = registration.choose_phone(self.pending, form.cleaned_data["e164"], form.cleaned_data["method"])
        refusal = send_registration_code(self.request, self.pending, device)
        if refusal:
            return self.render_step(form, **refusal_context(refusal))
        return redirect(step_url(RegistrationStep.VERIFY))


def send_registration_code(
    request: HttpRequest, pending: PendingRegistration, device: PhoneDevice, method: str | None = None
) -> SendingRefusal | None:
    key = registration.rate_limit_key(pending)
    return send_code(request, device, attempt=pending.reference, account_key=key, method=method)


class VerifyView(RegistrationStepView):
    step = RegistrationStep.VERIFY
    template_name = "accounts/register/verify.html"
    form_class = CodeForm

    def context(self, **extra: Any) -> dict[str, Any]:
        device = registration.pending_phone(self.pending)
        number = readable(device.number) if device else ""
        return super().context(phone_number=number, device=device, **extra)

    def form_valid(self, form: Form) -> HttpResponse:
        device = registration.pending_phone(self.pending)
        if device is None:
            return redirect(step_url(RegistrationStep.PHONE))
        key = registration.rate_limit_key(self.pending)
        result = check_code(
            self.request, device, form.cleaned_data["code"], attempt=self.pending.reference, account_key=key
        )
        if result is not codes.CodeCheck.ACCEPTED:
            form.add_error("code", CODE_MESSAGES[result])
            return self.render_step(form)
        if registration.complete_registration(self.request, self.pending, device) is None:
            return redirect(step_url(RegistrationStep.CREDENTIALS))
        return redirect("accounts:register_complete")


class ResendView(RegistrationStepView):
    """ "Didn't receive the code? Send a new code." — a new code by the same method."""

    step = RegistrationStep.VERIFY
    template_name = "accounts/register/verify.html"

    def form_valid(self, form: Form) -> HttpResponse:
        device = registration.pending_phone(self.pending)
        if device is None:
            return redirect(step_url(RegistrationStep.PHONE))
        method = chosen_method(self.request.POST.get("method"), device.method)
        refusal = send_registration_code(self.request, self.pending, device, method)
        if refusal:
            return self.render_verify(refusal)
        return redirect(f"{step_url(RegistrationStep.VERIFY)}?resent=1")

    def render_verify(self, refusal: SendingRefusal) -> HttpResponse:
        device = registration.pending_phone(self.pending)
        number = readable(device.number) if device else ""
        return self.render_step(CodeForm(), phone_number=number, device=device, **refusal_context(refusal))


@login_not_required
def complete(request: HttpRequest) -> HttpResponse:
    if not request.session.get(registration.SESSION_COMPLETED):
        return redirect("accounts:register")
    return render(request, "accounts/register/complete.html")


@login_not_required
def not_verified_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/register/not_verified.html")


@login_not_required
@require_POST
def start_over(request: HttpRequest) -> HttpResponse:
    registration.discard_registration(request.session)
    return redirect("accounts:register")


REGISTRATION_STEP_VIEWS: dict[RegistrationStep, type[View]] = {
    RegistrationStep.EMPLOYEE_NUMBER: EmployeeNumberView,
    RegistrationStep.CREDENTIALS: CredentialsView,
    RegistrationStep.TWO_STEP: TwoStepIntroView,
    RegistrationStep.PHONE: PhoneView,
    RegistrationStep.VERIFY: VerifyView,
}
