"""Every URL requires sign-in except the public ones listed here (after get.gov's test_url_auth)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Pages a signed-out person must reach: the home page, sign-in and its recovery, registration, the
# legal pages and their FAQ, the health check. Anything not listed must send a visitor to log in.
PUBLIC_PREFIXES = (
    "/",
    "/healthz",
    "/terms-and-conditions/",
    "/terms-of-use/",
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/register/",
    "/accounts/two-step-faq/",
    "/accounts/forgot-user-id/",
    "/accounts/reset-password/",
    "/accounts/session/",
    "/desk/login/",
    "/static/",
)


def iter_paths(resolver: URLResolver, prefix: str = "/"):
    for pattern in resolver.url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue  # the admin has its own staff sign-in, tested by Django
            yield from iter_paths(pattern, prefix + route)
        elif isinstance(pattern, URLPattern):
            yield prefix + re.sub(r"<(?:\w+:)?(\w+)>", "1", route).replace("^", "").replace("$", "")


def is_public(path: str) -> bool:
    return path == "/" or any(prefix != "/" and path.startswith(prefix) for prefix in PUBLIC_PREFIXES)


PRIVATE_PATHS = sorted({path for path in iter_paths(get_resolver()) if not is_public(path)})


def test_there_are_private_pages_to_check():
    assert len(PRIVATE_PATHS) >= 2


@pytest.mark.parametrize("path", PRIVATE_PATHS)
def test_a_signed_out_visitor_is_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code in (302, 404, 405), f"{path} answered {response.status_code} without sign-in"
    if response.status_code == 302:
        assert "/login/" in response["Location"]
