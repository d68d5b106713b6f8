"""Pages with personal or medical data are never stored by a browser, a proxy or a shared cache.

A shared computer's back button, a browser's disk cache or a caching proxy must not hand a case, a
reason, a document or a letter to the next person. So every response to a signed-in person, and every
response under the desk's, the cases' and the request flows' URLs whoever asks, is marked
`Cache-Control: no-store, private` (and `Pragma: no-cache` for old HTTP/1.0 caches). A view opts out
only by declaring its response `public` itself (`@cache_control(public=True, ...)`): a deliberate choice
for a page that is the same for everyone. Static files never reach this (WhiteNoise answers first).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

from uswds.fragments import forget_with_settings

# URLs whose every answer concerns a case, a draft request or a condition, signed in or not.
PRIVATE_PATH_PREFIXES = ("/cases/", "/desk/", "/request/", "/conditions/")


def is_private(request: HttpRequest) -> bool:
    if request.path.startswith(PRIVATE_PATH_PREFIXES):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def declares_itself_public(response: HttpResponseBase) -> bool:
    directives = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    return "public" in directives


class PrivatePagesMiddleware:
    """Mark private responses no-store (after AuthenticationMiddleware, so the user is known)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if is_private(request) and not declares_itself_public(response):
            patch_cache_control(response, no_store=True, private=True)
            response["Pragma"] = "no-cache"
        return response


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY on every response: no page may use a camera, the location and the like."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# What a view or a template sets to give one response a policy of its own (django-csp's decorators, a nonce).
_OWN_POLICY_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


@cache
def _settings_policies() -> tuple[str, str]:
    """The Content-Security-Policy and its report-only twin as the settings give them (either may be "")."""
    return build_policy(), build_policy(report_only=True)


forget_with_settings(_settings_policies.cache_clear)


class SettingsPolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the settings' policy built once per process.

    django-csp builds both headers on every response, deep-copying the settings' directives each time
    (`dataclasses.asdict`): a few percent of a signed-in page's CPU, for the same two strings every time. A
    response that asks for a policy of its own (django-csp's decorators, or a template that used the nonce) is
    left to django-csp as before; every other one gets the kept headers, under the same conditions as django-csp
    sets them (not over a header the view set, not on an exempt response or an excluded path)."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        own_policy = getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _OWN_POLICY_RESPONSE
        )
        if own_policy or (settings.DEBUG and response.status_code in (500, 404)):
            return super().process_response(request, response)
        policy, report_only = _settings_policies()
        if policy and not getattr(response, "_csp_exempt", False) and not _excluded(request, "CONTENT_SECURITY_POLICY"):
            response.headers.setdefault(HEADER, policy)
        ro_exempt = getattr(response, "_csp_exempt_ro", False)
        if report_only and not ro_exempt and not _excluded(request, "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
            response.headers.setdefault(HEADER_REPORT_ONLY, report_only)
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response


def _excluded(request: HttpRequest, setting: str) -> bool:
    prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
    return request.path_info.startswith(tuple(prefixes))
