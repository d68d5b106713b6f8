"""The client's address behind the load balancer: one place, before anything reads REMOTE_ADDR.

Behind nginx every request comes from 127.0.0.1, so the per-address limits (codes, wrong passwords), django-axes
and the audit log would see one address for everybody. With `TRUSTED_PROXY_HOPS` set to the number of proxies in
front of the app (1 for `make prod`'s nginx), REMOTE_ADDR becomes the address the outermost trusted proxy saw: the
entry that many places from the right of X-Forwarded-For (each proxy appends the address it was reached from).
Entries further left are whatever the client sent and are never believed. Unset (0), nothing changes: a request
that reaches the app directly cannot choose its own address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def forwarded_client(forwarded_for: str, hops: int) -> str | None:
    """The address `hops` proxies saw, from an X-Forwarded-For value; None when there is none to believe."""
    addresses = [part.strip() for part in forwarded_for.split(",") if part.strip()]
    if hops <= 0 or len(addresses) < hops:
        return None
    candidate = addresses[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


class ForwardedForMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        client = forwarded_client(request.META.get("HTTP_X_FORWARDED_FOR", ""), settings.TRUSTED_PROXY_HOPS)
        if client is not None:
            request.META["REMOTE_ADDR"] = client
        return self.get_response(request)
