"""The page chrome (the head's links, the header, the portal's navigation, the help footer, the session modal),
rendered once per process per language and variant (uswds.fragments), then given each request's own values.

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
from django.urls import reverse
from django.utils.safestring import SafeString

from uswds.fragments import forget_with_settings, render_fragment

_nav_urls: dict[str, str] = {}


def render_chrome(
    template_name: str, variant: Mapping[str, object] | None = None, values: Mapping[str, object] | None = None
) -> SafeString:
    """A piece of the chrome, rendered once per language and variant (uswds.fragments), with `values` put in.

    Beside the variant and the values, its template sees `administrator` and the navigation's `urls`."""
    return render_fragment(template_name, variant, values, shared=_shared)


def _shared() -> dict[str, object]:
    return {"administrator": settings.ADMINISTRATOR, "urls": nav_urls()}


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


forget_with_settings(_nav_urls.clear)
