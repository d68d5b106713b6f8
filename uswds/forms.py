"""USWDS form rendering in one place.

Forms that inherit `PortalForm` render each field the USWDS way (label, hint, error message,
input with the right classes and ARIA links) through the form renderer in `uswds/form_renderer.py`.
Pages write `{{ form }}` or `{{ form.field.as_field_group }}` and never
hand-copy form markup.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.forms.boundfield import BoundField

INPUT_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.RadioSelect: "usa-radio__input usa-radio__input--tile",
    forms.CheckboxSelectMultiple: "usa-checkbox__input usa-checkbox__input--tile",
    forms.CheckboxInput: "usa-checkbox__input",
    forms.ClearableFileInput: "usa-file-input",
    forms.FileInput: "usa-file-input",
}


def input_class(widget: forms.Widget, has_error: bool) -> str:
    for widget_type in type(widget).__mro__:
        if widget_type in INPUT_CLASSES:
            return INPUT_CLASSES[widget_type]
    return "usa-input usa-input--error" if has_error else "usa-input"


FieldT = TypeVar("FieldT", bound=forms.Field)


def required_when_shown(field: FieldT) -> FieldT:
    """Mark a field the page shows only for some answers and then requires (the form's clean() checks it).

    It stays `required=False` so a hidden, empty field passes, but its label never says "(optional)":
    whoever sees it must fill it in. The field template reads the mark.
    """
    field.required_when_shown = True  # type: ignore[attr-defined]
    return field


class USWDSBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        existing = attrs.get("class", "")
        attrs["class"] = f"{input_class(widget, bool(self.errors))} {existing}".strip()
        described_by = str(attrs.get("aria-describedby", "")).split()
        if self.help_text and self.auto_id:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors and self.auto_id:
            described_by.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        attrs.pop("aria-describedby", None)
        if described_by:
            attrs["aria-describedby"] = " ".join(dict.fromkeys(described_by))
        return attrs


class PortalForm(forms.Form):
    bound_field_class = USWDSBoundField
    template_name = "django/forms/uswds_div.html"
    template_name_div = "django/forms/uswds_div.html"


class PortalModelForm(forms.ModelForm):
    bound_field_class = USWDSBoundField
    template_name = "django/forms/uswds_div.html"
    template_name_div = "django/forms/uswds_div.html"
