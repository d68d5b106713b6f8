"""The questions of the request flows, in the spec's words. Each step form cleans one page of answers.

The day-entry questions live with their component in intake/day_entry.py.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from absence import windows
from accounts import phones
from accounts.models import User
from cases.models import AbsenceFor, OvertimeShift, PaymentOption
from conditions.forms import ReasonPickerMixin
from intake.filing import direct_reports
from intake.wizard import StepForm
from roster.models import RosterRecord
from uswds.forms import PortalForm, required_when_shown

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def yes_no_field(label: StrOrPromise, help_text: StrOrPromise = "", **kwargs: Any) -> forms.TypedChoiceField:
    """A required Yes/No question as USWDS radio tiles; cleans to True/False."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=(("yes", _("Yes")), ("no", _("No"))),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select Yes or No.")},
        **kwargs,
    )


def iso_date_text(value: Any) -> Any:
    """A date typed as MM/DD/YYYY, as YYYY-MM-DD; anything else unchanged."""
    typed = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip()) if isinstance(value, str) else None
    if typed is None:
        return value
    month, day, year = (int(part) for part in typed.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return value


class DatePickerInput(forms.DateInput):
    """A plain date input that USWDS JavaScript turns into its date picker (and that works without it)."""

    template_name = "intake/widgets/date_picker.html"
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        # With JavaScript, USWDS posts the date as typed (MM/DD/YYYY); its picker reads back only ISO dates.
        context["widget"]["value"] = iso_date_text(context["widget"]["value"])
        # A date outside min/max is one the user typed and the server refused with its guidance: the
        # USWDS picker would blank it, so drop the bounds for this render and keep what they typed.
        shown = str(context["widget"]["value"] or "")
        bounds = context["widget"]["attrs"]
        if shown and not str(bounds.get("min", "")) <= shown <= str(bounds.get("max", "9999-12-31")):
            bounds.pop("min", None)
            bounds.pop("max", None)
        return context


# --- The preliminary questions (before a draft exists) -------------------------------------


NO_REPORTS = _(
    "You have no direct reports on the roster, so you cannot file an absence for an employee. "
    "To report your own absence, select “Myself”."
)
NO_REGISTERED_REPORTS = _(
    "None of your direct reports has registered for the portal yet, so you cannot file an absence for them here. "
    "Call Workpartners at 833-640-2800 to report it."
)


class FileForForm(PortalForm):
    filer = forms.ChoiceField(
        label=_("I want to file an absence for:"),
        choices=(("myself", _("Myself")), ("employee", _("My employee"))),
        help_text=_(
            "Supervisors can report an absence for one of their direct reports. The employee is told about it and "
            "gives the reason themselves."
        ),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who the absence is for.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_filer(self) -> str:
        filer: str = self.cleaned_data["filer"]
        if filer == "employee" and not direct_reports(self.user).exists():
            has_reports = (
                self.user.roster_record_id is not None
                and RosterRecord.objects.filter(supervisor_id=self.user.roster_record_id, is_active=True).exists()
            )
            raise ValidationError(NO_REGISTERED_REPORTS if has_reports else NO_REPORTS)
        return filer


class ReportChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        record = obj.roster_record
        name = record.full_name if record else (obj.get_full_name() or obj.username)
        return f"{name} (#{record.employee_number})" if record else name


class ChooseEmployeeForm(PortalForm):
    """Which of the supervisor's direct reports the absence is for; only those can be chosen (a forged id fails)."""

    employee = ReportChoiceField(
        label=_("Which employee is this absence for?"),
        help_text=_("Your direct reports who have registered for the portal."),
        queryset=User.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Select the employee the absence is for."),
            "invalid_choice": _("Select one of your direct reports."),
        },
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["employee"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = direct_reports(user).select_related("roster_record")


UNPLANNED_CHOICE = (
    "unplanned",
    _(
        "I need to report a day-to-day sick absence or medical appointment not related to an FMLA, PFML or other "
        "protected leave policy case"
    ),
)
PROTECTED_CHOICES = (
    ("employee_health", _("I am ill or injured (continuous or intermittent medical leave)")),
    ("family_health", _("A family member is ill or injured (continuous or intermittent medical leave)")),
    ("pregnancy", _("I am pregnant / expecting")),
    ("bonding", _("I am bonding with a child")),
    # Not in the guide's list: military caregiver leave (29 CFR 825.127) and a qualifying exigency (825.126),
    # worded as the guide words the others (first person, the kind of leave in brackets).
    (
        "military_caregiver",
        _("I am caring for a family member who is a covered servicemember (military caregiver leave)"),
    ),
    (
        "qualifying_exigency",
        _("I need time off for a qualifying exigency arising from a family member's military service"),
    ),
    ("other", _("Other")),
)


# The same choices when the absence is someone else's: a supervisor or HR filing for an employee.
FOR_SOMEONE_ELSE = {
    "day_to_day": _("Do you need to report a day-to-day absence of the employee?"),
    "label": _("Does the employee need a protected absence related to FMLA, PFML or other protected leave policy?"),
    "unplanned": _(
        "Report a day-to-day sick absence or medical appointment of the employee, not related to an FMLA, PFML or "
        "other protected leave policy case"
    ),
    "employee_health": _("The employee is ill or injured (continuous or intermittent medical leave)"),
    "family_health": _("A family member of the employee is ill or injured (continuous or intermittent medical leave)"),
    "pregnancy": _("The employee is pregnant / expecting"),
    "bonding": _("The employee is bonding with a child"),
}


class AbsenceTypeForm(PortalForm):
    absence_type = forms.ChoiceField(
        label=_("Do you need a protected absence related to FMLA, PFML or other protected leave policy?"),
        choices=(UNPLANNED_CHOICE, *PROTECTED_CHOICES),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the applicable option for your absence.")},
    )

    day_to_day_legend = _("Do you need to report a day-to-day absence?")

    def __init__(self, *args: Any, for_someone_else: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_someone_else:
            self.day_to_day_legend = FOR_SOMEONE_ELSE["day_to_day"]
            field = self.fields["absence_type"]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
            field.label = FOR_SOMEONE_ELSE["label"]
            field.choices = [
                (value, FOR_SOMEONE_ELSE.get(value, label)) for value, label in (UNPLANNED_CHOICE, *PROTECTED_CHOICES)
            ]


# --- Protected leave -----------------------------------------------------------------------


class LeavePatternForm(StepForm):
    continuous = yes_no_field(
        _(
            "Do you plan on taking a continuous absence, starting and ending on specific dates? Please select no if "
            "you plan on taking time off on intermittent intervals."
        )
    )


class ContinuousDatesForm(StepForm):
    start_date = forms.DateField(
        label=_("Start Date"),
        help_text=_("mm/dd/yyyy"),
        widget=DatePickerInput(),
        error_messages={"required": _("Enter the start date."), "invalid": _("Enter a real date, like 01/12/2027.")},
    )
    end_date = forms.DateField(
        label=_("End Date"),
        help_text=_("mm/dd/yyyy"),
        widget=DatePickerInput(),
        error_messages={"required": _("Enter the end date."), "invalid": _("Enter a real date, like 01/12/2027.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        earliest = windows.continuous_start_window(self.wizard.today).earliest
        if earliest:
            self.fields["start_date"].widget.attrs["min"] = earliest.isoformat()
            self.fields["end_date"].widget.attrs["min"] = earliest.isoformat()

    def clean_start_date(self) -> Any:
        start = self.cleaned_data["start_date"]
        refusal = windows.continuous_start_window(self.wizard.today).refusal(start)
        if refusal:
            raise ValidationError(refusal)
        return start

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end:
            refusal = windows.continuous_end_refusal(start, end)
            if refusal:
                self.add_error("end_date", refusal)
        return cleaned


CHILD_DATE_QUESTIONS = {
    "bonding": (
        _("What is the child's date of birth or placement?"),
        _("The day the child was born, or placed with you for adoption or foster care. mm/dd/yyyy"),
    ),
    "pregnancy": (
        _("What is the expected or actual date of birth?"),
        _("The due date, or the day the child was born. mm/dd/yyyy"),
    ),
}
CHILD_DATE_YEARS_BACK = 2
CHILD_DATE_MONTHS_AHEAD = 12


class ChildDateForm(StepForm):
    """Bonding: the child's date of birth or placement (leave must end within 12 months of it, 29 CFR
    825.120(a)(2)); pregnancy: the expected or actual date of birth. Stored on the case."""

    child_date = forms.DateField(
        label=CHILD_DATE_QUESTIONS["bonding"][0],
        widget=DatePickerInput(),
        error_messages={"required": _("Enter the date."), "invalid": _("Enter a real date, like 01/12/2027.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reason = self.wizard.draft.answer("absence-type").get("reason", "bonding")
        label, hint = CHILD_DATE_QUESTIONS.get(reason, CHILD_DATE_QUESTIONS["bonding"])
        field = self.fields["child_date"]
        field.label, field.help_text = label, hint
        earliest, latest = self.bounds()
        field.widget.attrs.update(min=earliest.isoformat(), max=latest.isoformat())

    def bounds(self) -> tuple[datetime.date, datetime.date]:
        today = self.wizard.today
        earliest = today.replace(year=today.year - CHILD_DATE_YEARS_BACK, day=min(today.day, 28))
        latest = today.replace(year=today.year + CHILD_DATE_MONTHS_AHEAD // 12, day=min(today.day, 28))
        return earliest, latest

    def clean_child_date(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["child_date"]
        earliest, latest = self.bounds()
        if not earliest <= day <= latest:
            raise ValidationError(
                _(
                    "Enter a date between %(earliest)s and %(latest)s. For another date, call Workpartners at "
                    "833-640-2800 to complete your request."
                )
                % {"earliest": earliest.strftime("%m/%d/%Y"), "latest": latest.strftime("%m/%d/%Y")}
            )
        return day


class KnownDaysForm(StepForm):
    known = yes_no_field(_("Do you know the days you have missed or will miss?"))


PAYMENT_QUESTION = _("How do you plan to be paid during your leave of absence?")
PAYMENT_NOTE = _(
    "(NOTE: It is important for you to talk to your agency's Workpartners Liaison/HR department about which of these "
    "payment mechanisms is the right choice for you and agree to an option with them to minimize disruption to your "
    "payroll and/or benefits.)"
)


class ProceduralForm(StepForm):
    payment_option = forms.ChoiceField(
        label=PAYMENT_QUESTION,
        help_text=PAYMENT_NOTE,
        choices=PaymentOption.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you plan to be paid during your leave of absence.")},
    )
    work_related = yes_no_field(_("Is your absence due to a work-related illness or injury?"))


US_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "AS",
    "GU",
    "MP",
    "PR",
    "VI",
]
ZIP_PATTERN = re.compile(r"^\d{5}(-\d{4})?$")
BEST_TIMES = [(hour, f"{hour % 12 or 12} {'AM' if hour < 12 else 'PM'}") for hour in range(8, 18)]


class CommunicationForm(StepForm):
    by_email = forms.TypedChoiceField(
        label=_(
            "Would you like to receive documents and updates for this absence request via email? This is the "
            "fastest, most convenient way to manage this claim."
        ),
        choices=(
            ("yes", _("Yes! Send claim documents and updates via email.")),
            ("no", _("No, do not send claim documents and updates via email.")),
        ),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether to receive documents and updates via email.")},
    )
    email = required_when_shown(
        forms.EmailField(
            label=_("Please provide your email address."),
            help_text=_(
                "The email address provided here will only be used by WorkPartners to send documents and updates about "
                "the case. This will not update your HR record."
            ),
            required=False,
            max_length=254,
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        )
    )
    address_line1 = required_when_shown(
        forms.CharField(
            label=_("Street address"),
            required=False,
            max_length=200,
            widget=forms.TextInput({"autocomplete": "address-line1"}),
        )
    )
    address_line2 = forms.CharField(
        label=_("Add address line for apartment, floor, etc"),
        required=False,
        max_length=200,
        widget=forms.TextInput({"autocomplete": "address-line2"}),
    )
    city = required_when_shown(
        forms.CharField(
            label=_("City"), required=False, max_length=100, widget=forms.TextInput({"autocomplete": "address-level2"})
        )
    )
    state = required_when_shown(
        forms.ChoiceField(
            label=_("State"),
            required=False,
            choices=[("", _("- Select -")), *[(code, code) for code in US_STATES]],
            widget=forms.Select({"autocomplete": "address-level1"}),
        )
    )
    zip_code = required_when_shown(
        forms.CharField(
            label=_("ZIP code"),
            required=False,
            max_length=10,
            widget=forms.TextInput({"autocomplete": "postal-code", "inputmode": "numeric"}),
        )
    )
    phone = forms.CharField(
        label=_("Please provide your preferred phone number."),
        help_text=_(
            "You will be contacted by within two (2) business days to verify the details of this case. The phone "
            "number you provide will only be used by WorkPartners and will not update your HR record."
        ),
        max_length=20,
        widget=forms.TextInput({"autocomplete": "tel", "inputmode": "tel", "placeholder": "XXX-XXX-XXXX"}),
        error_messages={"required": _("Enter your preferred phone number.")},
    )
    best_time = forms.TypedChoiceField(
        label=_("When is the best time to reach you?"),
        help_text=_("The time selected is in Eastern Standard Time."),
        choices=[("", _("- Select -")), *BEST_TIMES],
        coerce=int,
        error_messages={"required": _("Select the best time to reach you.")},
    )

    ADDRESS_FIELDS = ("address_line1", "address_line2", "city", "state", "zip_code")
    REQUIRED_ADDRESS = {
        "address_line1": _("Enter your street address."),
        "city": _("Enter your city."),
        "state": _("Select your state."),
        "zip_code": _("Enter your ZIP code."),
    }

    def clean_phone(self) -> str:
        return phones.to_us_national(self.cleaned_data["phone"])

    def clean_zip_code(self) -> str:
        zip_code: str = self.cleaned_data["zip_code"].strip()
        if zip_code and not ZIP_PATTERN.match(zip_code):
            raise ValidationError(_("Enter a 5-digit ZIP code, like 01803."))
        return zip_code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        by_email = cleaned.get("by_email")
        if by_email is True and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter your email address."))
        if by_email is False:
            for name, message in self.REQUIRED_ADDRESS.items():
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return cleaned


# --- Unplanned absence ---------------------------------------------------------------------


class AbsenceForForm(StepForm):
    absence_for = forms.ChoiceField(
        label=_("Who is this absence for?"),
        choices=AbsenceFor.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who the absence is for.")},
    )
    relationship = forms.CharField(
        label=_("Relationship"),
        help_text=_("If you selected Other, enter your relationship to the person."),
        required=False,
        max_length=100,
    )
    # Required only for "Other" (checked in clean()), so the label must not call it optional.
    relationship.required_when_shown = True  # type: ignore[attr-defined]

    FOR_EMPLOYEE_LABELS = {
        AbsenceFor.MYSELF: _("The employee"),
        AbsenceFor.CHILD: _("The employee's child"),
        AbsenceFor.SPOUSE: _("The employee's spouse"),
        AbsenceFor.PARENT: _("The employee's parent"),
        AbsenceFor.OTHER: _("Other"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The guide shows "Myself" already chosen.
        self.fields["absence_for"].initial = AbsenceFor.MYSELF
        if self.wizard.draft.is_filed_for_employee:
            field = self.fields["absence_for"]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
            field.choices = [
                (value, self.FOR_EMPLOYEE_LABELS[AbsenceFor(value)]) for value, _label in AbsenceFor.choices
            ]
            self.fields["relationship"].help_text = _(
                "If you selected Other, enter the employee's relationship to the person."
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("absence_for") == AbsenceFor.OTHER:
            if not cleaned.get("relationship", "").strip():
                self.add_error("relationship", _("Enter the relationship."))
        else:
            cleaned["relationship"] = ""
        return cleaned


class OvertimeForm(StepForm):
    overtime_shift = forms.ChoiceField(
        label=_("Is your absence for an overtime shift?"),
        choices=OvertimeShift.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether your absence is for an overtime shift.")},
    )


# --- The reason, added afterwards by the employee -------------------------------------------


class CaseReasonForm(ReasonPickerMixin, PortalForm):
    """The reason for an absence someone else reported for the employee (1 for an unplanned absence, up to 5)."""
