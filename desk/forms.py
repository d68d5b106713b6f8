"""The desk's forms: the queue filters and the specialist's actions (USWDS rendering via uswds.forms)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import DocumentType
from desk.actions import CALL_TIME_SLACK, NOTICE_NEEDS_REACHED
from desk.deadlines import document_due
from desk.decisions import DecisionChange
from desk.models import CallOutcome, CallPurpose
from desk.ownership import specialists
from desk.queue import SORT_CHOICES, DeadlineFilter, QueueFilters, QueueSort, QueueStatus
from letters.models import SPECIALIST_NOTE_MAX_LENGTH
from policies.engine import PeriodMethod
from policies.models import DecisionStatus, PolicyDecision
from policies.transitions import allowed_targets
from uswds.forms import PortalForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class EmployeeSearchForm(PortalForm):
    search = forms.CharField(
        label=_("Find the employee"),
        max_length=100,
        help_text=_("Their name, or their employee number."),
        error_messages={
            "required": _("Type the employee's name or employee number."),
            "max_length": _("Type at most 100 characters."),
        },
    )

    def clean_search(self) -> str:
        return " ".join(str(self.cleaned_data["search"]).split())


class QueueFilterForm(PortalForm):
    search = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("A case number, or an employee's name or employee number."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=QueueStatus.choices, required=False)
    agency = forms.ChoiceField(label=_("Agency"), required=False)
    policy = forms.ChoiceField(label=_("Policy"), required=False)
    deadline = forms.ChoiceField(
        label=_("Deadline"), choices=[("", _("Any deadline")), *DeadlineFilter.choices], required=False
    )
    # The column headings' links set it too (the headings are hidden on a phone, where the cases are cards).
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, agencies: list[str], policies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency, policy = self.fields["agency"], self.fields["policy"]
        assert isinstance(agency, forms.ChoiceField)  # noqa: S101
        assert isinstance(policy, forms.ChoiceField)  # noqa: S101
        agency.choices = [("", _("All agencies")), *((a, a) for a in agencies)]
        policy.choices = [("", _("All policies")), *policies]

    def filters(self) -> QueueFilters:
        if not self.is_valid():
            return QueueFilters()
        data = self.cleaned_data
        return QueueFilters(
            status=data["status"] or QueueStatus.OPEN,
            agency=data["agency"],
            policy=data["policy"],
            deadline=data["deadline"],
            search=data["search"],
            sort=data["sort"] or QueueSort.DEADLINE,
        )


KEEP = "keep"
KEEP_LABELS = {
    DecisionStatus.PENDING: _("Leave pending"),
    DecisionStatus.APPROVED: _("Keep approved as it is"),
    DecisionStatus.DENIED: _("Keep denied"),
}
TARGET_LABELS = {
    (DecisionStatus.APPROVED, DecisionStatus.APPROVED): _("Approve for other dates"),
    DecisionStatus.APPROVED: _("Approve"),
    DecisionStatus.DENIED: _("Deny"),
}


class DecisionForm(PortalForm):
    """One policy's row of the sitting: keep it, or the next status the transition table allows, with dates."""

    outcome = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), widget=DateInput())
    denial_reason = forms.CharField(
        label=_("Reason for denial"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when denying. The employee receives it."),
    )
    change_reason = forms.CharField(
        label=_("Why the decision changes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you reverse a decision already made or give it other dates. Kept in the history."),
    )
    beyond_entitlement = forms.BooleanField(label=_("Approve beyond what the policy has left"), required=False)
    beyond_entitlement_reason = forms.CharField(
        label=_("Why approve beyond the entitlement"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The time beyond it is shown as not covered by the policy. Audited."),
    )
    leave_began = forms.DateField(
        label=_("PFML leave began"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Only when earlier employer-paid leave started the clock: the first day of that leave. The benefit year "
            "and waiting week count from it. Leave blank to count from the start date."
        ),
        error_messages={"invalid": _("Enter a real date, like 01/12/2027.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any = None, *, decision: PolicyDecision, requested: tuple[date, date] | None) -> None:
        self.decision = decision
        current = DecisionStatus(decision.status)
        start, end = (decision.start_date, decision.end_date)
        if current == DecisionStatus.PENDING and requested is not None:
            start, end = requested  # an undecided policy starts from what the employee asked for
        initial = {"outcome": KEEP, "start_date": start, "end_date": end, "version": decision.version}
        initial["denial_reason"] = decision.denial_reason
        initial["leave_began"] = decision.leave_began
        super().__init__(data, initial=initial, prefix=f"decision-{decision.pk}")
        if not counts_a_benefit_year(decision):
            del self.fields["leave_began"]
        self.shown_dates = (start, end)
        choices = [(KEEP, KEEP_LABELS.get(current, _("Keep as it is")))]
        for target in allowed_targets(current):
            label = TARGET_LABELS.get((current, target)) or TARGET_LABELS[target]
            choices.append((str(target), label))
        cast(forms.ChoiceField, self.fields["outcome"]).choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dates = (data.get("start_date"), data.get("end_date"))
        if data.get("outcome") == KEEP and None not in dates and dates != self.shown_dates:
            self.add_error("outcome", _("To save other dates, choose how to decide this policy."))
        if data.get("beyond_entitlement") and not data.get("beyond_entitlement_reason", "").strip():
            self.add_error("beyond_entitlement_reason", _("Say why you approve beyond what the policy has left."))
        return data

    def change(self) -> DecisionChange | None:
        """The specialist's choice as a change for `decide_policies`; None to leave the decision as it is."""
        data = self.cleaned_data
        leave_began = data.get("leave_began", self.decision.leave_began)
        if data["outcome"] == KEEP:
            if leave_began == self.decision.leave_began:
                return None
            return DecisionChange(
                decision_id=self.decision.pk,
                version=data["version"],
                status=DecisionStatus(self.decision.status),
                start_date=self.decision.start_date,
                end_date=self.decision.end_date,
                denial_reason=self.decision.denial_reason,
                leave_began=leave_began,
                leave_began_only=True,
            )
        return DecisionChange(
            decision_id=self.decision.pk,
            version=data["version"],
            status=DecisionStatus(data["outcome"]),
            start_date=data["start_date"],
            end_date=data["end_date"],
            denial_reason=data["denial_reason"],
            change_reason=data["change_reason"],
            beyond_entitlement_reason=data["beyond_entitlement_reason"] if data["beyond_entitlement"] else "",
            leave_began=leave_began,
        )


class LetterNoteForm(PortalForm):
    """The specialist's own paragraph for the letters the sitting sends (plain text: printed escaped)."""

    note = forms.CharField(
        label=_("Add a paragraph to the letters"),
        required=False,
        max_length=SPECIALIST_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=format_lazy(
            _(
                "Optional. Plain text, up to {limit} characters. It appears in each letter these decisions send, "
                'under "A note from your case specialist".'
            ),
            limit=f"{SPECIALIST_NOTE_MAX_LENGTH:,}",
        ),
        error_messages={
            "max_length": _("Shorten the paragraph to %(limit_value)d characters or fewer (it has %(show_value)d).")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "letter")
        super().__init__(*args, **kwargs)


def counts_a_benefit_year(decision: PolicyDecision) -> bool:
    """Whether the decision's policy counts a PFML benefit year (where the day leave began matters)."""
    entitlement = decision.policy.engine_rules().entitlement
    return entitlement is not None and entitlement.period_method is PeriodMethod.BENEFIT_YEAR


class DocumentRequestForm(PortalForm):
    document_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    due_date = forms.DateField(
        label=_("Due date"), widget=DateInput(), help_text=_("15 calendar days from today unless you change it.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"due_date": document_due(timezone.localdate())})
        kwargs.setdefault("prefix", "document")
        super().__init__(*args, **kwargs)

    def clean_due_date(self) -> date:
        due: date = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class CallNoteForm(PortalForm):
    purpose = forms.ChoiceField(
        label=_("Purpose of the call"),
        choices=CallPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the purpose of the call.")},
    )
    outcome = forms.ChoiceField(
        label=_("How the call went"),
        choices=CallOutcome.choices,
        widget=forms.RadioSelect,
        help_text=_("Only a call that reached the employee, or a message left for them, completes a call deadline."),
        error_messages={"required": _("Choose how the call went.")},
    )
    called_at = forms.DateTimeField(
        label=_("Call time"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Now, unless you are recording an earlier call. Eastern time."),
        error_messages={
            "required": _("Enter when the call was made."),
            "invalid": _("Enter the date and time of the call, like 01/12/2027 10:30 AM."),
        },
    )
    text = forms.CharField(
        label=_("Note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what was said on the call.")},
    )
    tell_employee = forms.BooleanField(
        label=_("Also send the employee a notice that we spoke"),
        required=False,
        help_text=_("They were on the call: send it only when it helps them."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "call")
        kwargs.setdefault("initial", {"called_at": timezone.localtime().replace(second=0, microsecond=0)})
        super().__init__(*args, **kwargs)

    def clean_called_at(self) -> datetime:
        called_at: datetime = self.cleaned_data["called_at"]
        if called_at > timezone.now() + CALL_TIME_SLACK:
            raise forms.ValidationError(_("The call time cannot be in the future: enter when the call was made."))
        return called_at

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("tell_employee") and data.get("outcome") not in (None, CallOutcome.REACHED):
            self.add_error("tell_employee", NOTICE_NEEDS_REACHED)
        return data


class InternalNoteForm(PortalForm):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the desk only: the employee and the supervisor never see it."),
        error_messages={"required": _("Write the note before you save it.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "internal")
        super().__init__(*args, **kwargs)


class FollowUpForm(PortalForm):
    due_date = forms.DateField(
        label=_("Follow up by"),
        widget=DateInput(),
        error_messages={"required": _("Enter the day to follow up by."), "invalid": _("Enter a real date.")},
    )
    note = forms.CharField(
        label=_("What to follow up on"),
        max_length=500,
        help_text=_("A few words, for you and whoever owns the case later."),
        error_messages={"required": _("Say what to follow up on, in a few words."),
                        "max_length": _("Write at most 500 characters.")},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "follow_up")
        super().__init__(*args, **kwargs)

    def clean_due_date(self) -> date:
        due: date = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The follow-up date cannot be in the past: choose today or a later day."))
        return due


class SpecialistField(forms.ModelChoiceField):
    """A specialist, by name."""

    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class OwnerForm(PortalForm):
    """Give a case to a specialist (assign, or reassign when someone owns it)."""

    owner = SpecialistField(
        label=_("Specialist"),
        queryset=User.objects.none(),
        empty_label=_("Choose a specialist"),
        error_messages={"required": _("Choose the specialist to give the case to."),
                        "invalid_choice": _("Choose one of the specialists listed.")},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "owner")
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = specialists()


class BulkAction(models.TextChoices):
    ASSIGN = "assign", _("Assign to a specialist")
    REQUEST_DOCUMENT = "request_document", _("Request a document")
    FOLLOW_UP = "follow_up", _("Add a follow-up task")


class BulkForm(PortalForm):
    """The queue's bulk actions on the selected cases (checkboxes named `case`, their ids)."""

    case = forms.TypedMultipleChoiceField(
        label=_("Cases"),
        coerce=int,
        choices=[],
        error_messages={"required": _("Select at least one case in the list first.")},
    )
    bulk_action = forms.ChoiceField(
        label=_("Do this to the selected cases"),
        choices=BulkAction.choices,
        error_messages={"required": _("Choose what to do to the selected cases.")},
    )
    owner = SpecialistField(label=_("Specialist"), queryset=User.objects.none(), required=False,
                                   empty_label=_("Choose a specialist"))  # fmt: skip
    document_type = forms.ChoiceField(
        label=_("Document type"), choices=[("", _("Choose a document type")), *DocumentType.choices], required=False
    )
    due_date = forms.DateField(
        label=_("Due or follow-up date"),
        widget=DateInput(),
        required=False,
        help_text=_("For a document: 15 calendar days from today if left blank."),
        error_messages={"invalid": _("Enter a real date.")},
    )
    note = forms.CharField(label=_("Follow-up note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)  # noqa: S101
        owner.queryset = specialists()
        case = self.fields["case"]
        assert isinstance(case, forms.TypedMultipleChoiceField)  # noqa: S101
        case.choices = [(value, value) for value in self.data.getlist("case")] if hasattr(self.data, "getlist") else []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("bulk_action")
        today = timezone.localdate()
        if data.get("due_date") and data["due_date"] < today:
            self.add_error("due_date", _("The date cannot be in the past: choose today or a later day."))
        if action == BulkAction.ASSIGN and not data.get("owner"):
            self.add_error("owner", _("Choose the specialist to assign the cases to."))
        if action == BulkAction.REQUEST_DOCUMENT:
            if not data.get("document_type"):
                self.add_error("document_type", _("Choose the type of document to request."))
            if not data.get("due_date") and "due_date" not in self.errors:
                data["due_date"] = document_due(today)
        if action == BulkAction.FOLLOW_UP:
            if not data.get("due_date") and "due_date" not in self.errors:
                self.add_error("due_date", _("Enter the day to follow up by."))
            if not str(data.get("note", "")).strip():
                self.add_error("note", _("Say what to follow up on, in a few words."))
        return data


class CancelCaseForm(PortalForm):
    reason = forms.CharField(
        label=_("Why is the case cancelled?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A short reason. The employee receives it, and it is kept in the case's history."),
        error_messages={"required": _("Say why the case is cancelled. The employee receives it.")},
    )
    confirm = forms.BooleanField(
        label=_("Yes, cancel this case. It stays in the employee's history, marked cancelled."),
        error_messages={"required": _("Confirm that you want to cancel this case.")},
    )
    state = forms.CharField(widget=forms.HiddenInput)


class ReturnToWorkForm(PortalForm):
    """The base of the return-to-work forms: the record's version the page was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ActualReturnForm(ReturnToWorkForm):
    returned_on = forms.DateField(
        label=_("Returned to work on"),
        widget=DateInput(),
        help_text=_("The first day back. Before the expected return, the approved time ends the day before."),
        error_messages={"required": _("Enter the day the employee came back to work.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "return")
        super().__init__(*args, **kwargs)


class ExtensionForm(ReturnToWorkForm):
    new_end = forms.DateField(
        label=_("New last day of leave"),
        widget=DateInput(),
        help_text=_("After the approved end. The added days go back to the desk for a decision."),
        error_messages={"required": _("Enter the new last day of leave.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "extension")
        super().__init__(*args, **kwargs)


class FitnessForDutyForm(ReturnToWorkForm):
    required = forms.TypedChoiceField(
        label=_("Fitness-for-duty certification to return"),
        choices=[("yes", _("Required")), ("no", _("Not required"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "Only where the employer's policy requires it of everyone returning from such leave, and only if the "
            "designation notice says so (29 CFR 825.312)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "fitness")
        super().__init__(*args, **kwargs)
