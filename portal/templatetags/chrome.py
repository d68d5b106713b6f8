"""The base template's chrome as tags, each rendered once per process and variant (portal.chrome)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString

from desk.access import supervises_a_team
from portal.chrome import current_nav_item, render_chrome
from portal.drafts import DraftSummary, render_drafts

register = template.Library()


def _request(context: template.Context) -> HttpRequest:
    request: HttpRequest = context["request"]
    return request


def _signed_in(context: template.Context) -> bool:
    return bool(_request(context).user.is_authenticated)


@register.simple_tag
def page_fragment(template_name: str) -> SafeString:
    """A part of a page that is the same for everyone (no request value, nothing personal): rendered once per
    language like the chrome, which it may use (`administrator`, the navigation's `urls`)."""
    return render_chrome(template_name)


@register.simple_tag(takes_context=True)
def drafts_in_progress(context: template.Context, drafts: list[DraftSummary]) -> SafeString:
    """The dashboard's requests in progress, with "Continue" and "Delete" (portal.drafts.render_drafts)."""
    return render_drafts(drafts, context.get("csrf_token"))


@register.simple_tag
def chrome_head() -> SafeString:
    """The icon, the stylesheets and USWDS's early script."""
    return render_chrome("includes/chrome/head.html")


@register.simple_tag(takes_context=True)
def chrome_header(context: template.Context) -> SafeString:
    """The header: the administrator's name, and "Signed in as" with "Log out", or "Log in"."""
    if not _signed_in(context):
        return render_chrome("includes/chrome/header.html", {"signed_in": False})
    user = _request(context).user
    name = user.get_full_name() or user.get_username()  # type: ignore[union-attr]
    return render_chrome(
        "includes/chrome/header.html", {"signed_in": True}, {"name": name, "csrf_token": context.get("csrf_token")}
    )


@register.simple_tag(takes_context=True)
def chrome_nav_start(context: template.Context) -> SafeString:
    """The portal's navigation down to the team link: the current page marked, the team link for a supervisor."""
    request = _request(context)
    variant = {"current": current_nav_item(request.path), "has_team": supervises_a_team(request)}
    return render_chrome("includes/chrome/nav_start.html", variant)


@register.simple_tag(takes_context=True)
def chrome_nav_end(context: template.Context) -> SafeString:
    """The navigation's last items: "Edit Profile" and "Log out"."""
    variant = {"current": current_nav_item(_request(context).path)}
    return render_chrome("includes/chrome/nav_end.html", variant, {"csrf_token": context.get("csrf_token")})


@register.simple_tag
def chrome_footer() -> SafeString:
    """The help footer: the administrator's and the Employee Service Center's phones, the terms."""
    return render_chrome("includes/chrome/footer.html")


@register.simple_tag(takes_context=True)
def chrome_scripts(context: template.Context) -> SafeString:
    """htmx, USWDS, and for a signed-in person the idle-timeout warning's script."""
    return render_chrome("includes/chrome/scripts.html", {"signed_in": _signed_in(context)})
