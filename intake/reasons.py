"""The Reason for Leave step (one to five reasons) and the unplanned absence's reason (exactly one).

Reasons come from the condition search (`conditions`): a general reason, an ICD-10-CM condition, or
text the employee typed. The step keeps the chosen reasons in the draft as the search's form values
(`Reason.value`), so they read back the same way on every request and again on submit.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from conditions.vocabulary import Reason, reason_from_value
from intake import rules
from intake.wizard import FormStepView, StepForm, Wizard

SUPERVISOR_NOTE = _(
    "NOTE: The reason/condition that you provide here will NOT be included in the absence notifications that are "
    "sent to your supervisor(s). The reason/condition that you provide here will only be available to Workpartners "
    "staff and your authorized HR professionals when necessary to process or follow up on your absence report."
)


def read_reasons(values: list[str]) -> list[Reason]:
    """The posted reason values as reasons, blanks dropped, each reason once, in the order given."""
    chosen: dict[str, Reason] = {}
    for value in values:
        reason = reason_from_value(value)
        if reason is not None:
            chosen.setdefault(reason.key, reason)
    return list(chosen.values())


class ReasonsField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[Reason]:
        if not value:
            return []
        values = [value] if isinstance(value, str) else list(value)
        return read_reasons([str(item) for item in values])


class ReasonsForm(StepForm):
    maximum = rules.MAX_LEAVE_REASONS
    reasons = ReasonsField(required=False)

    def clean_reasons(self) -> list[Reason]:
        reasons: list[Reason] = self.cleaned_data["reasons"]
        refusal = rules.reasons_refusal(len(reasons), self.maximum)
        if refusal:
            raise ValidationError(refusal)
        return reasons

    def answer(self) -> dict[str, Any]:
        return {"reasons": [reason.value for reason in self.cleaned_data["reasons"]], "confirmed": True}


class OneReasonForm(ReasonsForm):
    maximum = rules.MAX_UNPLANNED_REASONS


class ReasonsView(FormStepView):
    template_name = "intake/reasons.html"
    form_class = ReasonsForm
    instructions = _(
        "Type text in this field to search for the general reason for your absence. The reason that you provide can "
        'be either a general reason, such as "doctor\'s visit," or a specific condition (if you wish to disclose '
        "one). Typing text in this field will begin to display reasons that may be selected or continue to type "
        "your text if not displayed."
    )
    limit_text = _(
        "You can add up to five (5) reasons/conditions, if necessary, but at least one reason must be provided to "
        "move forward."
    )

    @classmethod
    def is_complete(cls, wizard: Wizard, step: str) -> bool:
        """Answered once "Next" was pressed (adding or removing a reason alone saves, but does not answer)."""
        return bool(wizard.draft.answer(step).get("confirmed"))

    def chosen(self, form: StepForm) -> list[Reason]:
        values = self.request.POST.getlist("reasons") if form.is_bound else self.initial().get("reasons", [])
        return read_reasons(values)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs["form"]
        return super().get_context_data(
            chosen=self.chosen(form),
            maximum=form.maximum,
            instructions=self.instructions,
            limit_text=self.limit_text,
            supervisor_note=SUPERVISOR_NOTE,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("remove_value"):
            return self.change_chosen(request, "remove")
        if request.POST.get("action") == "add":
            return self.change_chosen(request, "add")
        return super().post(request, *args, **kwargs)

    def change_chosen(self, request: HttpRequest, action: str) -> HttpResponse:
        """Without JavaScript: add the typed or picked reason, or remove one, and show the step again."""
        values = request.POST.getlist("reasons")
        if action == "add":
            values += [value for value in request.POST.getlist("add") if value.strip()]
        else:
            values = [value for value in values if value != request.POST.get("remove_value")]
        chosen = read_reasons(values)[: ReasonsForm.maximum]
        self.wizard.draft.answers[self.step] = {"reasons": [reason.value for reason in chosen]}
        self.wizard.draft.save()
        return self.render(form=self.get_form())


class LeaveReasonsView(ReasonsView):
    title = _("Reason for Leave")


class UnplannedReasonView(ReasonsView):
    form_class = OneReasonForm
    title = _("Reason for the absence")
    limit_text = _("A reason must be provided to move forward.")
