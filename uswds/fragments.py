"""Fragments of page markup rendered once per process, language and variant, then given each request's values.

A fragment that is the same on every page but for a few request values (a CSRF token, a name, the seconds left
before the idle timeout) is rendered once per (template, language, variant) with placeholders where those values
go; a request then costs a dictionary look-up and a few string replacements. Each value is escaped before it goes
in, as the template would have. Nothing personal is ever part of the cached HTML: it comes in only through the
placeholders. The cache belongs to the process and is emptied whenever a setting changes (the tests' `settings`
fixture), so nothing the settings decide (the administrator's name, the static files' storage) goes stale.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

Variant = tuple[tuple[str, object], ...]

_rendered: dict[tuple[str, str | None, Variant], str] = {}
_forget: list[Callable[[], None]] = []


def placeholder(name: str) -> str:
    """What stands for a request's value in the cached HTML: letters and punctuation that escaping leaves alone."""
    return f"@@fragment:{name}@@"


def render_fragment(
    template_name: str,
    variant: Mapping[str, object] | None = None,
    values: Mapping[str, object] | None = None,
    *,
    shared: Callable[[], Mapping[str, object]] | None = None,
) -> SafeString:
    """`template_name` rendered for this language and `variant` (cached), with `values` put in, escaped.

    The template sees what `shared()` gives (the same for every request of the process, read only when the
    fragment is rendered), the variant's names, and for each value (and `csrf_token`, always) its placeholder.
    `values` must hold `csrf_token` when the fragment has a form."""
    values = values or {}
    key = (template_name, get_language(), tuple(sorted((variant or {}).items())))
    html = _rendered.get(key)
    if html is None:
        context = {
            **(shared() if shared else {}),
            **(variant or {}),
            **{name: placeholder(name) for name in values},
            "csrf_token": placeholder("csrf_token"),
        }
        html = _rendered[key] = get_template(template_name).render(context)
    for name, value in values.items():
        html = html.replace(placeholder(name), conditional_escape(str(value)))
    return mark_safe(html)  # noqa: S308 - the template's own output, each request value escaped above


def forget_with_settings(forget: Callable[[], None]) -> None:
    """Also call `forget` when the rendered fragments are forgotten (a cache of the caller's own)."""
    if forget not in _forget:
        _forget.append(forget)


@receiver(setting_changed)
def forget_rendered_fragments(**kwargs: object) -> None:
    _rendered.clear()
    for forget in _forget:
        forget()
