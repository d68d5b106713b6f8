"""The accounts forms, rendered the USWDS way through uswds.forms.PortalForm."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts import passwords, phones
from accounts.identity import IdentityClaim
from accounts.models import ContactMethod, User
from uswds.forms import PortalForm, PortalModelForm

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from roster.models import RosterRecord

    Wording = str | StrPromise

ZIP_PATTERN = r"^\d{5}(-?\d{4})?$"


def rules_checklist_html(password: str | None = None, owner: passwords.PasswordOwner | str = "") -> str:
    """The password rules as a list; with a password, each rule marked met or not yet met, and why not."""
    if password is None:
        items = [passwords.RuleCheck(rule, None) for rule in passwords.rules()]
    else:
        items = passwords.checklist(password, owner)
    return render_to_string("accounts/includes/password_rules.html", {"items": items})


REQUIRED_MESSAGES: dict[str, Wording] = {
    "first_name": _("Enter your first name."),
    "last_name": _("Enter your last name."),
    "zip_code": _("Enter a 5-digit ZIP code, like 02108."),
    "birth_date": _("Enter your birthdate as MM/DD/YYYY, like 04/28/1986."),
    "employee_number": _("Enter your employee number."),
    "username": _("Enter your username."),
    "password": _("Enter your password."),
    "confirm_password": _("Type your password again."),
    "country": _("Choose a country code."),
    "phone_number": _("Enter your phone number, like 617-555-0123."),
    "method": _("Choose “Send Code” or “Call Me”."),
    "code": _("Enter the 6-digit code."),
    "email": _("Enter your email address, like name@example.com."),
}
GENERAL_MESSAGES: dict[str, Wording] = {
    "max_length": _("Use at most %(limit_value)d characters."),
    "invalid_choice": _("Choose one of the options in the list."),
}


def use_portal_wording(form: forms.BaseForm, required: dict[str, Wording] | None = None) -> None:
    """Every message a person can get from these forms in our words, never Django's ("Ensure this value…")."""
    wording = {**REQUIRED_MESSAGES, **(required or {})}
    for name, field in form.fields.items():
        field.error_messages.update(GENERAL_MESSAGES)
        if name in wording:
            field.error_messages["required"] = wording[name]


class AccountForm(PortalForm):
    """A form of the accounts pages: USWDS markup, and our wording for every error."""

    required_messages: ClassVar[dict[str, Wording]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_portal_wording(self, self.required_messages)


class ContinueForm(AccountForm):
    """A step with nothing to fill in, only a button."""


class IdentityForm(AccountForm):
    first_name = forms.CharField(label=_("First Name"), max_length=100)
    last_name = forms.CharField(label=_("Last Name"), max_length=100)
    zip_code = forms.RegexField(
        label=_("Zip Code"),
        regex=ZIP_PATTERN,
        error_messages={"invalid": _("Enter a 5-digit ZIP code, like 02108.")},
    )
    birth_date = forms.DateField(
        label=_("Birthdate"),
        help_text=_("For example: 04/28/1986 (MM/DD/YYYY)"),
        input_formats=["%m/%d/%Y"],
        error_messages={"invalid": _("Enter your birthdate as MM/DD/YYYY, like 04/28/1986.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        autocompletes = {"first_name": "given-name", "last_name": "family-name", "zip_code": "postal-code"}
        for name, value in autocompletes.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["zip_code"].widget.attrs.update(inputmode="numeric", maxlength="10")
        self.fields["birth_date"].widget.attrs.update(autocomplete="bday", inputmode="numeric", maxlength="10")

    def claim(self) -> IdentityClaim:
        data = self.cleaned_data
        return IdentityClaim(data["first_name"], data["last_name"], data["zip_code"], data["birth_date"])


class EmployeeNumberForm(AccountForm):
    employee_number = forms.CharField(label=_("Employee Number"), max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee_number"].widget.attrs.update(autocomplete="off", inputmode="numeric")


class ForgotUserIdForm(IdentityForm):
    employee_number = forms.CharField(label=_("Employee Number"), max_length=20)


class NewPasswordForm(AccountForm):
    """A password under the rules of PASSWORD_PROFILE, typed twice. Rules show as the user types.

    `person` is whom the password is for (the signed-in user, the user resetting, or the roster record being
    registered): the password may not contain their name, username or birthdate."""

    required_messages: ClassVar[dict[str, Wording]] = {"password": _("Choose a password.")}

    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)
    confirm_password = forms.CharField(label=_("Confirm Password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, person: User | RosterRecord | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = passwords.owner_of(person)
        field = self.fields["password"]
        field.help_text = mark_safe(rules_checklist_html())  # noqa: S308 - our own template
        # No maxlength: the browser would cut a longer pasted password silently, and the person would then sign in
        # with the one their password manager kept and fail. The length rule says so beside the field instead.
        field.widget.attrs.update(
            {
                "autocomplete": "new-password",
                "hx-post": reverse("accounts:password_rules"),
                "hx-trigger": "input changed delay:200ms",
                "hx-target": "#password-rules",
                "hx-swap": "outerHTML",
                "hx-include": "closest form",
            }
        )
        self.fields["confirm_password"].widget.attrs.update(autocomplete="new-password")

    def password_owner(self) -> passwords.PasswordOwner:
        return self.owner

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password", "")
        owner = self.password_owner()
        if password and passwords.unmet_rules(password, owner):
            # The rules are listed once, in the checklist under the label, each marked met or not yet met.
            checklist = rules_checklist_html(password, owner)
            self.fields["password"].help_text = self["password"].help_text = mark_safe(checklist)  # noqa: S308
            self.add_error(
                "password",
                _("Your password does not meet every rule yet. The rules without a check mark are still needed."),
            )
        confirm = cleaned.get("confirm_password")
        if password and confirm is not None and confirm != password:
            self.add_error("confirm_password", _("The passwords do not match. Type the same password twice."))
        return cleaned


class CredentialsForm(NewPasswordForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, numbers and @ . + - _ only."),
        error_messages={"invalid": _("Use only letters, numbers and @ . + - _ in your username.")},
    )

    required_messages: ClassVar[dict[str, Wording]] = {
        "username": _("Choose a username."),
        "password": _("Choose a password."),
    }

    field_order = ["username", "password", "confirm_password"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none", spellcheck="false")

    def password_owner(self) -> passwords.PasswordOwner:
        return passwords.with_username(self.owner, str(self.cleaned_data.get("username", "")))

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"]).strip()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("That username is taken. Choose another."), code="taken")
        return username


class PhoneForm(AccountForm):
    country = forms.ChoiceField(label=_("Country Code"))
    phone_number = forms.CharField(label=_("Phone Number"), max_length=30)
    method = forms.ChoiceField(choices=ContactMethod.choices, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = phones.region_choices()  # only where codes may go (CODE_DESTINATION_REGIONS)
        country.initial = phones.default_code_region()
        self.fields["phone_number"].widget.attrs.update(autocomplete="tel-national", inputmode="tel")
        self.fields["phone_number"].widget.input_type = "tel"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("country") and cleaned.get("phone_number"):
            try:
                cleaned["e164"] = phones.to_code_destination(cleaned["country"], cleaned["phone_number"])
            except ValidationError as error:
                self.add_error("phone_number", error)
        return cleaned


class CodeForm(AccountForm):
    code = forms.RegexField(
        label=_("Verification Code"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the 6-digit code.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(autocomplete="one-time-code", inputmode="numeric", maxlength="6")


class LoginForm(AccountForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none", spellcheck="false")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


class UsernameForm(AccountForm):
    username = forms.CharField(label=_("Username"), max_length=150)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none", spellcheck="false")


class ConfirmPasswordForm(AccountForm):
    """The password typed again; the view checks it under the sign-in limits (accounts.profile.confirm_password)."""

    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


class EmailForm(PortalModelForm):
    class Meta:
        model = User
        fields = ["email"]
        labels = {"email": _("Email")}
        error_messages = {"email": {"invalid": _("Enter an email address, like name@example.com.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_portal_wording(self)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
