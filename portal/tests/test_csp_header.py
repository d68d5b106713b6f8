"""The Content-Security-Policy, built once per process (portal.private_pages.SettingsPolicyCSPMiddleware), is
the header django-csp's own middleware sends; a response with a policy of its own still gets django-csp's."""

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from portal.private_pages import SettingsPolicyCSPMiddleware

pytestmark = pytest.mark.django_db


def plain(request):
    return HttpResponse("a page")


@csp_update({"img-src": ["https://maps.example"]})
def updated(request):
    return HttpResponse("a page with a map")


def with_nonce(request):
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")


@csp_exempt()
def exempt(request):
    return HttpResponse("no policy")


def own_header(request):
    response = HttpResponse("a letter")
    response[HEADER] = "sandbox"
    return response


def headers(middleware_class, view, path="/dashboard/"):
    request = RequestFactory().get(path)
    response = middleware_class(view)(request)
    return response.headers.get(HEADER), response.headers.get(HEADER_REPORT_ONLY)


@pytest.mark.parametrize("view", [plain, updated, with_nonce, exempt, own_header])
def test_each_response_gets_the_header_django_csp_gives_it(view):
    assert headers(SettingsPolicyCSPMiddleware, view) == headers(CSPMiddleware, view)


def test_the_kept_policy_is_the_settings_one_and_follows_a_change_of_the_settings(settings):
    policy, report_only = headers(SettingsPolicyCSPMiddleware, plain)
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert report_only is None
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"script-src": ["'self'"]}}
    policy, report_only = headers(SettingsPolicyCSPMiddleware, plain)
    assert policy == "default-src 'none'"
    assert report_only is not None
    assert "script-src 'self'" in report_only
    assert (policy, report_only) == headers(CSPMiddleware, plain)
