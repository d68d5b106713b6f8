"""USWDS form rendering in one place.

Forms that inherit `PortalForm` render each field the USWDS way (label, hint, error message,
input with the right classes and ARIA links) through the form renderer in `uswds/form_renderer.py`.
Pages write `{{ form }}` or `{{ form.field.as_field_group }}` and never
hand-copy form markup.
"""

from __future__ import annotations

from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from uswds.fragments import forget_with_settings

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


CHOICE_WIDGETS = (forms.RadioSelect, forms.Select, forms.CheckboxSelectMultiple)


# (field name, error code, plain message) for each form class and language (see PortalForm.__init__).
PlainMessages = list[tuple[str, str, str]]
_plain_by_form: WeakKeyDictionary[type[forms.BaseForm], dict[str | None, PlainMessages]] = WeakKeyDictionary()
forget_with_settings(_plain_by_form.clear)


def plain_error_messages(fields: dict[str, forms.Field]) -> None:
    """Replace Django's own wording ("This field is required.", "Select a valid choice…") where a field kept it,
    with a plain sentence naming the field; a field's own message, written for it, always wins."""
    for name, code, message in _plain_replacements(fields):
        fields[name].error_messages[code] = message


def _plain_replacements(fields: dict[str, forms.Field]) -> PlainMessages:
    replacements = []
    for name, field in fields.items():
        defaults: dict[str, Any] = {}
        for kind in reversed(type(field).__mro__):  # Django's own wording only, not a field class of ours
            if kind.__module__.startswith("django."):
                defaults.update(kind.__dict__.get("default_error_messages", {}))
        for code, message in _plain_messages(field).items():
            if code in field.error_messages and field.error_messages[code] == defaults.get(code):
                replacements.append((name, code, message))
    return replacements


def plain_error_messages_of_form(form: forms.BaseForm) -> None:
    """`plain_error_messages` for a form just built: worked out once per form class and language.

    A form's fields are, when its `__init__` reaches this, copies of its class's declared fields (whatever an
    `__init__` changes comes after), so the plain messages are the same for every form of the class. Working
    them out (the wording compared with Django's, translated, formatted) cost about a third of building a form,
    on every wizard step's POST."""
    by_language = _plain_by_form.setdefault(type(form), {})
    language = get_language()
    replacements = by_language.get(language)
    if replacements is None:
        replacements = by_language[language] = _plain_replacements(form.fields)
    for name, code, message in replacements:
        form.fields[name].error_messages[code] = message


def _plain_messages(field: forms.Field) -> dict[str, str]:
    if field.widget.is_hidden:  # never typed: only a stale or tampered page leaves it out
        stale = _("This page was out of date: open it again and redo the change.")
        return {"required": stale, "invalid": stale, "invalid_choice": stale}
    label = str(field.label or "")
    if not label:
        return {}
    if isinstance(field.widget, forms.CheckboxInput):
        required = _("Check the box “%(label)s” to go on.")
    elif isinstance(field.widget, CHOICE_WIDGETS):
        required = _("Choose an answer for “%(label)s”.")
    else:
        required = _("Fill in “%(label)s”.")
    plain = {
        "required": required % {"label": label},
        "invalid_choice": _("Choose one of the answers given for “%(label)s”.") % {"label": label},
    }
    if isinstance(field, forms.EmailField):
        plain["invalid"] = _("Enter “%(label)s” as an email address, like name@example.com.") % {"label": label}
    if isinstance(field, forms.DateField):
        plain["invalid"] = _("Enter “%(label)s” as a date, like 01/12/2027.") % {"label": label}
    return plain


class PortalForm(forms.Form):
    bound_field_class = USWDSBoundField
    template_name = "django/forms/uswds_div.html"
    template_name_div = "django/forms/uswds_div.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_error_messages_of_form(self)


class PortalModelForm(forms.ModelForm):
    bound_field_class = USWDSBoundField
    template_name = "django/forms/uswds_div.html"
    template_name_div = "django/forms/uswds_div.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_error_messages_of_form(self)
