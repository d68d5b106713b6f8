"""The page chrome (the head's links, the header, the portal's navigation, the help footer, the session modal),
rendered once per process per language and variant, then given each request's own values.

The chrome is the same on every page but for a few things: whether someone is signed in, which navigation item is
the current page, whether the "My team's absences" link shows, and the values that belong to one request (the
CSRF token, the signed-in person's name, the seconds left before the idle timeout). Rendering its ~50 tags, URLs,
static paths and translations on every request cost about 2 ms of CPU, as much as the rest of a page. So each
fragment is rendered once per (template, language, variant) with placeholders where the request's values go; a
request costs a dictionary look-up and a few string replacements. Each value is escaped before it goes in, as the
template would have. No personal data is ever part of the cached HTML: it comes in only through the placeholders.

The cache belongs to the process and is emptied whenever a setting changes (the tests' `settings` fixture), so the
administrator's name, the static files' storage or the URLs are never stale.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

Variant = tuple[tuple[str, object], ...]

_rendered: dict[tuple[str, str | None, Variant], str] = {}
_nav_urls: dict[str, str] = {}


def placeholder(name: str) -> str:
    """What stands for a request's value in the cached HTML: letters and punctuation that escaping leaves alone."""
    return f"@@chrome:{name}@@"


def render_fragment(
    template_name: str, variant: Mapping[str, object] | None = None, values: Mapping[str, object] | None = None
) -> SafeString:
    """`template_name` rendered for this language and `variant` (cached), with `values` put in, escaped.

    The template sees `administrator`, the navigation's `urls`, the variant's names, and for each value (and
    `csrf_token`, always) its placeholder. `values` must hold `csrf_token` when the fragment has a form.
    """
    values = values or {}
    key = (template_name, get_language(), tuple(sorted((variant or {}).items())))
    html = _rendered.get(key)
    if html is None:
        context = {
            "administrator": settings.ADMINISTRATOR,
            "urls": nav_urls(),
            **(variant or {}),
            **{name: placeholder(name) for name in values},
            "csrf_token": placeholder("csrf_token"),
        }
        html = _rendered[key] = get_template(template_name).render(context)
    for name, value in values.items():
        html = html.replace(placeholder(name), conditional_escape(str(value)))
    return mark_safe(html)  # noqa: S308 - the template's own output, each request value escaped above


def nav_urls() -> dict[str, str]:
    """The portal navigation's addresses, reversed once per process."""
    if not _nav_urls:
        _nav_urls.update(
            home=reverse("portal:dashboard"),
            request=reverse("intake:start"),
            history=reverse("cases:history"),
            team=reverse("desk:team"),
            profile=reverse("accounts:profile"),
        )
    return _nav_urls


def current_nav_item(path: str) -> str:
    """Which navigation item is the page at `path`: the request flow and the case pages count as theirs at
    any depth (every /request/... and /cases/... address); the others only at their own address."""
    urls = nav_urls()
    if path.startswith(urls["request"][:9]):
        return "request"
    if path.startswith(urls["history"][:7]):
        return "history"
    for item in ("home", "team", "profile"):
        if path == urls[item]:
            return item
    return ""


@receiver(setting_changed)
def forget_rendered_chrome(**kwargs: object) -> None:
    _rendered.clear()
    _nav_urls.clear()
