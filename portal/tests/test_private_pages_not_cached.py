"""Pages with personal or medical data are never kept by a browser or a shared cache (ASVS 5.0 14.3.2).

The URL walk of test_url_auth is reused: every private URL, visited by the person it is for (the employee
for the portal's pages, the case specialist signed in to the desk for the desk's), answers
`Cache-Control: no-store, private` and `Pragma: no-cache`. So does every desk or case URL a signed-out visitor
reaches, and any page of a signed-in person. A view opts out only by saying `public` itself.
"""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.views.decorators.cache import cache_control

from desk.tests.conftest import sign_in_to_desk
from portal.private_pages import PrivatePagesMiddleware
from portal.tests.test_url_auth import (
    DESK,
    PRIVATE,
    ROUTES_BY_NAME,
    Route,
    fast_password_hashing,  # noqa: F401 (an autouse fixture of the walk)
    sample_url,
    samples,  # noqa: F401 (the walk's sample objects, a fixture)
    visit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_document(samples, settings, tmp_path):  # noqa: F811
    """The sample document's file, in a folder of this test's own, so its pages can be opened."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    path = tmp_path / samples.document.stored_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    return samples.document


def assert_not_stored(response, what):
    cache_control_header = response.get("Cache-Control", "")
    directives = {part.strip() for part in cache_control_header.split(",")}
    assert {"no-store", "private"} <= directives, f"{what} answered Cache-Control {cache_control_header!r}"
    assert response.get("Pragma") == "no-cache", f"{what} answered without Pragma: no-cache"


def is_desk(route: Route) -> bool:
    return route in DESK


@pytest.mark.parametrize("route", PRIVATE, ids=str)
def test_every_private_page_answers_no_store_to_the_person_it_is_for(
    samples,  # noqa: F811
    stored_document,
    employee,
    specialist,
    route,
):
    # A wizard step reached with the walk's empty draft may fail (a later step reads earlier answers): the
    # header is what this test reads, and an error page of a signed-in person is private too.
    client = Client(raise_request_exception=False)
    if is_desk(route):
        sign_in_to_desk(client, specialist)
    else:
        client.force_login(employee)
    url = sample_url(route, samples)
    method, response = visit(client, url)
    assert_not_stored(response, f"{method} {url}")


@pytest.mark.parametrize("route", [route for route in PRIVATE if route.route.startswith(("desk/", "cases/"))], ids=str)
def test_a_desk_or_case_url_answers_no_store_even_to_a_signed_out_visitor(
    client,
    samples,  # noqa: F811
    route,
):
    url = sample_url(route, samples)
    method, response = visit(client, url)
    assert_not_stored(response, f"{method} {url} (signed out)")


@pytest.mark.parametrize("name", ["portal:home", "portal:contact_us", "portal:terms_of_use"])
def test_a_public_page_seen_by_a_signed_in_person_answers_no_store(employee_client, name):
    route = ROUTES_BY_NAME[name]
    response = employee_client.get(f"/{route.route}")
    assert_not_stored(response, f"GET /{route.route} (signed in)")


def test_a_public_page_seen_signed_out_may_be_cached(client):
    response = client.get("/terms-of-use/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_view_that_says_public_keeps_its_own_header(employee):
    @cache_control(public=True, max_age=60)
    def shared_page(request):
        return HttpResponse("the same for everyone")

    request = RequestFactory().get("/dashboard/")
    request.user = employee
    response = PrivatePagesMiddleware(shared_page)(request)
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Pragma" not in response
