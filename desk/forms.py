"""The desk's forms: the queue filters and the specialist's actions (USWDS rendering via uswds.forms)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import DocumentType
from desk.deadlines import document_due
from desk.models import CallPurpose
from desk.queue import DeadlineFilter, QueueFilters, QueueStatus
from policies.models import DecisionStatus, PolicyDecision
from uswds.forms import PortalForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


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
        )


class DecisionForm(PortalForm):
    OUTCOMES = [
        (DecisionStatus.APPROVED, _("Approve")),
        (DecisionStatus.DENIED, _("Deny")),
        (DecisionStatus.PENDING, _("Pending")),
    ]

    outcome = forms.ChoiceField(label=_("Decision"), choices=OUTCOMES, widget=forms.RadioSelect)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), widget=DateInput())
    denial_reason = forms.CharField(
        label=_("Reason for denial"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when denying. The employee receives it."),
    )

    @classmethod
    def for_decision(cls, decision: PolicyDecision, data: Any = None) -> DecisionForm:
        initial = {
            "outcome": decision.status if decision.status != DecisionStatus.CANCELLED else "",
            "start_date": decision.start_date,
            "end_date": decision.end_date,
            "denial_reason": decision.denial_reason,
        }
        return cls(data, initial=initial, prefix=f"decision-{decision.pk}")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        if data.get("outcome") == DecisionStatus.DENIED and not data.get("denial_reason", "").strip():
            self.add_error("denial_reason", _("Give the reason for the denial."))
        return data


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


class CallNoteForm(PortalForm):
    purpose = forms.ChoiceField(label=_("Purpose of the call"), choices=CallPurpose.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "call")
        super().__init__(*args, **kwargs)


class CancelCaseForm(PortalForm):
    confirm = forms.BooleanField(
        label=_("Yes, cancel this case. It stays in the employee's history, marked cancelled."), required=True
    )
