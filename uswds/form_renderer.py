"""The form renderer: each field's USWDS group and its widget's markup written in Python.

A page with a form renders every field's group (label or legend, hint, error message, the input), and every
input, select and radio or checkbox option; as templates that was a template per field and two or three
includes per input or option (the option, Django's input.html, its attrs.html), most of a form's render cost.
That markup is written here, once, exactly as the templates wrote it (uswds/tests/test_option_markup.py holds
main's template output and checks it byte for byte). The form's own template (uswds_div.html), any other
widget (a file chooser, a clearable file input), and an option whose widget names its own option template
still render from their templates.
"""

from __future__ import annotations

from typing import Any

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

FIELD_TEMPLATE = "django/forms/field.html"

# widget template -> (the USWDS class of each option's wrapper, the option template it replaces)
CHOICE_WIDGETS: dict[str, tuple[str, str]] = {
    "django/forms/widgets/radio.html": ("usa-radio", "django/forms/widgets/radio_option.html"),
    "django/forms/widgets/checkbox_select.html": ("usa-checkbox", "django/forms/widgets/checkbox_option.html"),
}


def html_attrs(attrs: dict[str, Any]) -> str:
    """Django's attrs.html: ` name="value"` each, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{conditional_escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def input_tag(widget: dict[str, Any]) -> str:
    """Django's input.html: one `<input>` (an option's, or a text, date, checkbox... widget's)."""
    value = widget["value"]
    value_attr = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value_attr}{html_attrs(widget['attrs'])}>"
    )


def textarea_tag(widget: dict[str, Any]) -> str:
    """Django's textarea.html."""
    value = text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{text(widget["name"])}"{html_attrs(widget["attrs"])}>\n{value}</textarea>'


def select_tag(renderer: TemplatesSetting, widget: dict[str, Any], request: HttpRequest | None) -> str:
    """Django's select.html, each option as select_option.html writes it (or from its own template)."""
    parts = [f'<select name="{text(widget["name"])}"{html_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{text(group_name)}">')
        for option in options:
            if option["template_name"] == SELECT_OPTION:
                tag = f'<option value="{conditional_escape(option["value"])}"{html_attrs(option["attrs"])}>'
                parts.append(f"\n  {tag}{text(option['label'])}</option>\n")
            else:
                parts.append(f"\n  {included(renderer, option, request)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def included(renderer: TemplatesSetting, option: dict[str, Any], request: HttpRequest | None) -> str:
    """An option whose widget names its own template, rendered as `{% include option.template_name %}` would."""
    template: Any = renderer.get_template(option["template_name"])  # the backend's template: render(dict, request)
    return str(template.render({"widget": option}, request))


SELECT_WIDGET = "django/forms/widgets/select.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"

# Django's widget templates that are only `{% include "django/forms/widgets/input.html" %}`
INPUT_WIDGETS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox", "color", "date", "datetime", "email", "file", "hidden",
        "number", "password", "search", "tel", "text", "time", "url",
    )
)  # fmt: skip
TEXTAREA_WIDGET = "django/forms/widgets/textarea.html"


def choice_option(wrapper: str, option: dict[str, Any]) -> str:
    return format_html(
        '<div class="{}">{}\n<label class="{}__label" for="{}">{}</label>\n</div>',
        wrapper,
        mark_safe(input_tag(option)),  # noqa: S308 - every part escaped in input_tag
        wrapper,
        option["attrs"].get("id", ""),
        formats.localize(option["label"]),
    )


def text(value: Any) -> str:
    """What `{{ value }}` writes: localized, escaped unless safe."""
    return str(conditional_escape(formats.localize(value)))


def is_optional(field: BoundField) -> bool:
    """The label says "(optional)" unless the field is required, or required whenever it is shown."""
    return not field.field.required and not getattr(field.field, "required_when_shown", False)


def field_group(field: BoundField) -> str:
    """A field the USWDS way: a fieldset with a legend for choices, else a label; its hint, errors, input."""
    errors, auto_id = field.errors, text(field.auto_id)
    error_class, label_error = (" usa-form-group--error", " usa-label--error") if errors else ("", "")
    optional = f' <span class="usa-hint">({text(gettext("optional"))})</span>'
    if field.use_fieldset:
        described = ""
        if field.help_text or errors:
            helptext_id = f"{auto_id}_helptext" if field.help_text else ""
            error_id = f" {auto_id}_error" if errors else ""
            described = f' aria-describedby="{helptext_id}{error_id}"'
        mark = optional if is_optional(field) else ""
        opening = (
            f'<fieldset class="usa-fieldset usa-form-group{error_class}"{described}>\n'
            f'  <legend class="usa-legend{label_error}">{text(field.label)}{mark}</legend>\n'
        )
        closing = "</fieldset>"
    else:
        is_checkbox = getattr(field.field.widget, "input_type", None) == "checkbox"
        mark = optional if is_optional(field) and not is_checkbox else ""
        label_for = text(field.id_for_label)
        opening = (
            f'<div class="usa-form-group{error_class}">\n'
            f'  <label class="usa-label{label_error}" for="{label_for}">{text(field.label)}{mark}</label>\n'
        )
        closing = "</div>"
    hint = f'  <div class="usa-hint" id="{auto_id}_helptext">{field.help_text}</div>\n' if field.help_text else ""
    error_message = ""
    if errors:
        messages = " ".join(text(error) for error in errors)
        error_message = f'  <span class="usa-error-message" id="{auto_id}_error" role="alert">{messages}</span>\n'
    return f"{opening}{hint}{error_message}  {text(field)}\n{closing}"


class USWDSFormRenderer(TemplatesSetting):
    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        if template_name == FIELD_TEMPLATE and isinstance(context.get("field"), BoundField):
            return SafeString(field_group(context["field"]))
        if template_name in INPUT_WIDGETS:
            return SafeString(input_tag(context["widget"]))
        if template_name == TEXTAREA_WIDGET:
            return SafeString(textarea_tag(context["widget"]))
        if template_name == SELECT_WIDGET:
            return SafeString(select_tag(self, context["widget"], request))
        choice_widget = CHOICE_WIDGETS.get(template_name)
        if choice_widget is None:
            return super().render(template_name, context, request)
        wrapper, option_template = choice_widget
        return SafeString(
            "".join(
                choice_option(wrapper, option)
                if option["template_name"] == option_template
                else format_html('<div class="{}">{}</div>', wrapper, mark_safe(included(self, option, request)))  # noqa: S308
                for _group, options, _index in context["widget"]["optgroups"]
                for option in options
            )
        )
