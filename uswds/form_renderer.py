"""The form renderer: radio and checkbox choices written in Python, everything else from templates.

A page with a form renders every radio or checkbox option; as templates that was one include per option
(the option, Django's input.html, its attrs.html), most of a form's render cost. The USWDS option markup is
written here, once: `<div class="usa-radio">` (or `usa-checkbox`) around the input and its label, exactly as
the widget templates wrote it. Every other widget, and an option whose widget names its own option template,
still renders from its template.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

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
    """Django's input.html (with its closing newline) for one option."""
    value = widget["value"]
    value_attr = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value_attr}{html_attrs(widget['attrs'])}>\n"
    )


def choice_option(wrapper: str, option: dict[str, Any]) -> str:
    return format_html(
        '<div class="{}">{}<label class="{}__label" for="{}">{}</label>\n</div>',
        wrapper,
        mark_safe(input_tag(option)),  # noqa: S308 - every part escaped in input_tag
        wrapper,
        option["attrs"].get("id", ""),
        formats.localize(option["label"]),
    )


class USWDSFormRenderer(TemplatesSetting):
    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        choice_widget = CHOICE_WIDGETS.get(template_name)
        if choice_widget is None:
            return super().render(template_name, context, request)
        wrapper, option_template = choice_widget
        return SafeString(
            "".join(
                choice_option(wrapper, option)
                if option["template_name"] == option_template
                else self.own_option(wrapper, option, request)
                for _group, options, _index in context["widget"]["optgroups"]
                for option in options
            )
        )

    def own_option(self, wrapper: str, option: dict[str, Any], request: HttpRequest | None) -> str:
        """An option whose widget names its own template, included the way the widget template included it."""
        template: Any = self.get_template(option["template_name"])  # the backend's template: render(dict, request)
        inner = template.render({"widget": option}, request)
        return format_html('<div class="{}">{}</div>', wrapper, inner)
