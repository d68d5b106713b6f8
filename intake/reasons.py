"""The Reason for Leave step (one to five reasons) and the unplanned absence's reason (exactly one).

Both are the condition search's reason picker (`conditions.forms.ReasonPickerMixin` and the
`conditions/_picker.html` include) inside a wizard step. The chosen reasons are kept in the draft as
the picker's form values (`Reason.value`), so they read back the same way on every request and on submit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from absence import limits
from conditions.forms import ReasonPickerMixin, reason_values
from intake.wizard import FormStepView, StepForm, Wizard

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SUPERVISOR_NOTE = _(
    "NOTE: The reason/condition that you provide here will NOT be included in the absence notifications that are "
    "sent to your supervisor(s). The reason/condition that you provide here will only be available to Workpartners "
    "staff and your authorized HR professionals when necessary to process or follow up on your absence report."
)


class ReasonsForm(ReasonPickerMixin, StepForm):
    max_reasons = limits.MAX_LEAVE_REASONS

    def answer(self) -> dict[str, Any]:
        return {"reasons": reason_values(self.cleaned_data["reasons"]), "confirmed": True}


class OneReasonForm(ReasonsForm):
    max_reasons = limits.MAX_UNPLANNED_REASONS


class ReasonsView(FormStepView):
    template_name = "intake/reasons.html"
    form_class = ReasonsForm
    instructions: StrOrPromise = _(
        "Type text in this field to search for the general reason for your absence. The reason that you provide can "
        'be either a general reason, such as "doctor\'s visit," or a specific condition (if you wish to disclose '
        "one). Typing text in this field will begin to display reasons that may be selected or continue to type "
        "your text if not displayed. You can add up to five (5) reasons/conditions, if necessary, but at least one "
        "reason must be provided to move forward."
    )

    @classmethod
    def is_complete(cls, wizard: Wizard, step: str) -> bool:
        """Answered once "Next" was pressed (searching, adding or removing saves, but does not answer)."""
        return bool(wizard.draft.answer(step).get("confirmed"))

    def initial(self) -> dict[str, Any]:
        return {"reasons": self.wizard.draft.answer(self.step).get("reasons", [])}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(instructions=self.instructions, supervisor_note=SUPERVISOR_NOTE, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST)
        if isinstance(form, ReasonPickerMixin) and form.reason_picker_action is not None:
            # A picker button (search, add, remove): keep the chosen reasons in the draft and show the step again.
            self.wizard.draft.answers[self.step] = {"reasons": reason_values(form.reason_picker.chosen)}
            self.wizard.save_draft()
            return self.render(form=form)
        return super().post(request, *args, **kwargs)


class LeaveReasonsView(ReasonsView):
    title = _("Reason for Leave")


class UnplannedReasonView(ReasonsView):
    form_class = OneReasonForm
    title = _("Reason for the absence")
    instructions = _(
        "Type text in this field to search for the general reason for your absence. The reason that you provide can "
        'be either a general reason, such as "doctor\'s visit," or a specific condition (if you wish to disclose '
        "one). Typing text in this field will begin to display reasons that may be selected or continue to type "
        "your text if not displayed. A reason must be provided to move forward."
    )
