"""The reason picker inside a form step: chosen reasons, search, add and remove, with and without JavaScript.

A step form mixes in `ReasonPickerMixin` and renders `conditions/_picker.html` with `form.reason_picker`.
The chosen reasons travel as hidden `reasons` inputs (`label`, or `code|label` for a condition). The picker's
own buttons post the step back with one of these names, and the step then re-renders instead of moving on:

- `search_reasons`: show the matches for `q`;
- `add_reason` (value: a reason value, or the typed text): add it, or replace it when only one is allowed;
- `remove_reason` (value: a reason value): take it out.

On any of them `is_valid()` is False and no field shows an error; on the step's own submit the `reasons`
field validates 1..max reasons, no repeats, each at most 200 characters, and `cleaned_data["reasons"]`
is a list of `Reason`. With JavaScript on, `static/js/condition-picker.js` does the same in the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _

from absence import limits
from absence.limits import MAX_REASON_LENGTH
from conditions.search import MAX_QUERY_LENGTH, search_reasons
from conditions.vocabulary import Reason, reason_from_value

SEARCH_REASONS = "search_reasons"
ADD_REASON = "add_reason"
REMOVE_REASON = "remove_reason"
MATCH_LIMIT = 10

PickerAction = Literal["search", "add", "remove"]
ACTIONS: tuple[tuple[str, PickerAction], ...] = (
    (ADD_REASON, "add"),
    (REMOVE_REASON, "remove"),
    (SEARCH_REASONS, "search"),
)


def reason_values(reasons: Sequence[Reason | str]) -> list[str]:
    """The form values of reasons, e.g. for `initial={"reasons": reason_values(draft_reasons)}`."""
    return [reason.value if isinstance(reason, Reason) else reason for reason in reasons]


def parse_reasons(values: Sequence[str]) -> list[Reason]:
    """Posted `reasons` values as reasons, blanks dropped, in the order given."""
    return [reason for value in values if (reason := reason_from_value(value)) is not None]


class ReasonsField(forms.Field):
    """The chosen reasons, posted as hidden inputs; cleans to a list of `Reason`."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"required": limits.NO_REASON}

    def __init__(self, *, max_reasons: int = limits.MAX_LEAVE_REASONS, **kwargs: Any) -> None:
        self.max_reasons = max_reasons
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[Reason]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return parse_reasons([str(item) for item in values])

    def validate(self, value: list[Reason]) -> None:
        if not value:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return
        if len(value) > self.max_reasons:
            raise ValidationError(limits.too_many_reasons(self.max_reasons), code="too_many")
        if any(len(reason.label) > MAX_REASON_LENGTH for reason in value):
            raise ValidationError(limits.REASON_TOO_LONG, code="too_long")
        seen: set[str] = set()
        for reason in value:
            if reason.key in seen:
                raise ValidationError(
                    _("“%(reason)s” is in your reasons twice. Remove one of them.") % {"reason": reason.label},
                    code="duplicate",
                )
            seen.add(reason.key)


@dataclass(frozen=True)
class ReasonPicker:
    """Everything `conditions/_picker.html` shows: the chosen reasons, the query and its matches, errors."""

    chosen: list[Reason]
    query: str
    matches: list[Reason]
    max_reasons: int
    errors: list[str] = field(default_factory=list)
    reasons_name: str = "reasons"
    query_name: str = "q"
    add_name: str = ADD_REASON
    remove_name: str = REMOVE_REASON
    search_name: str = SEARCH_REASONS
    input_id: str = "id_q"

    @property
    def can_add_typed_text(self) -> bool:
        return bool(self.query) and not self.matches

    @property
    def note(self) -> str:
        return limits.reasons_note(self.max_reasons)

    @property
    def full_message(self) -> str:
        return limits.too_many_reasons(self.max_reasons)

    @property
    def too_long_message(self) -> str:
        return str(limits.REASON_TOO_LONG)

    @property
    def placeholder(self) -> Reason:
        """The empty reason the chip template is drawn from (the script fills it in)."""
        return Reason(label="")


def apply_action(
    chosen: list[Reason], action: PickerAction | None, value: str, max_reasons: int
) -> tuple[list[Reason], list[str]]:
    """The chosen reasons after an add or remove, and any error to show."""
    reason = reason_from_value(value) if action in ("add", "remove") else None
    if reason is None:
        return chosen, []
    if action == "remove":
        return [item for item in chosen if item.key != reason.key], []
    return add_reason(chosen, reason, max_reasons)


def add_reason(chosen: list[Reason], reason: Reason, max_reasons: int) -> tuple[list[Reason], list[str]]:
    """Add a reason: one already chosen changes nothing; in a one-reason picker the new one replaces the old."""
    if any(item.key == reason.key for item in chosen):
        return chosen, []
    if len(reason.label) > MAX_REASON_LENGTH:
        return chosen, [str(limits.REASON_TOO_LONG)]
    if max_reasons == 1:
        return [reason], []
    if len(chosen) >= max_reasons:
        return chosen, [limits.too_many_reasons(max_reasons)]
    return [*chosen, reason], []


class ReasonPickerMixin(forms.Form):
    """Adds the reason picker's fields to a step form (`class Step(ReasonPickerMixin, PortalForm)`).

    Set `max_reasons` on the subclass (5 for a leave, 1 for an unplanned absence) or pass it in.
    `{{ form }}` leaves the picker's fields out: include `conditions/_picker.html` for them.
    """

    max_reasons: int = limits.MAX_LEAVE_REASONS
    reasons = ReasonsField()
    q = forms.CharField(required=False)

    def __init__(self, *args: Any, max_reasons: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if max_reasons is not None:
            self.max_reasons = max_reasons
        cast(ReasonsField, self.fields["reasons"]).max_reasons = self.max_reasons

    @cached_property
    def reason_picker_action(self) -> PickerAction | None:
        """The picker button that posted the form, if any: then the step re-renders rather than advancing."""
        if not self.is_bound:
            return None
        return next((action for name, action in ACTIONS if self.add_prefix(name) in self.data), None)

    def is_valid(self) -> bool:
        if self.reason_picker_action is not None:
            return False
        return super().is_valid()

    def full_clean(self) -> None:
        if self.reason_picker_action is not None:
            # Searching, adding or removing is not a submission: nothing is validated, so no error shows yet.
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def _posted_reasons(self) -> list[Reason]:
        if not self.is_bound:
            initial = self.get_initial_for_field(self.fields["reasons"], "reasons") or []
            return parse_reasons(reason_values(initial))
        name = self.add_prefix("reasons")
        raw = self.fields["reasons"].widget.value_from_datadict(self.data, self.files, name) or []
        posted = parse_reasons([str(item) for item in (raw if isinstance(raw, list | tuple) else [raw])])
        # What the picker keeps between its own buttons (and the draft stores) is what the page could have
        # posted: at most the allowed number of reasons, none longer than a reason may be.
        return [reason for reason in posted if len(reason.label) <= MAX_REASON_LENGTH][: self.max_reasons]

    @cached_property
    def reason_picker(self) -> ReasonPicker:
        """The picker as it should now show, after applying the posted action."""
        action = self.reason_picker_action
        query = " ".join(str(self.data.get(self.add_prefix("q"), "")).split())[:MAX_QUERY_LENGTH]
        value = str(self.data.get(self.add_prefix(ADD_REASON if action == "add" else REMOVE_REASON), ""))
        chosen, errors = apply_action(self._posted_reasons(), action, value, self.max_reasons)
        if action == "add" and not errors:
            query = ""
        if action is None and self.is_bound:
            errors = [str(error) for error in self.errors.get("reasons", [])]
        return ReasonPicker(
            chosen=chosen,
            query=query,
            matches=search_reasons(query, MATCH_LIMIT) if query else [],
            max_reasons=self.max_reasons,
            errors=errors,
            reasons_name=self.add_prefix("reasons"),
            query_name=self.add_prefix("q"),
            add_name=self.add_prefix(ADD_REASON),
            remove_name=self.add_prefix(REMOVE_REASON),
            search_name=self.add_prefix(SEARCH_REASONS),
            input_id=self["q"].auto_id or self.add_prefix("q"),
        )

    def get_context(self) -> dict[str, Any]:
        """`{{ form }}` renders the step's other fields only; the picker include renders its own."""
        context = super().get_context()
        picker_fields = {"reasons", "q"}
        context["fields"] = [(bound, errors) for bound, errors in context["fields"] if bound.name not in picker_fields]
        hidden_fields = [bound for bound in context["hidden_fields"] if bound.name not in picker_fields]
        context["hidden_fields"] = hidden_fields
        context["errors"] = self.non_field_errors().copy()
        for bound in hidden_fields:
            context["errors"] += [
                _("(Hidden field %(name)s) %(error)s") % {"name": bound.name, "error": error} for error in bound.errors
            ]
        return context
