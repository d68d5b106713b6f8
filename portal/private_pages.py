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

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

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
