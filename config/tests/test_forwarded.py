"""Behind the load balancer, the limits and the audit log see each client's own address, and a client cannot
choose one: only the entries the trusted proxies appended to X-Forwarded-For are believed."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.log import client_ip
from config.forwarded import ForwardedForMiddleware, forwarded_client


@pytest.mark.parametrize(
    ("header", "hops", "client"),
    [
        ("203.0.113.7", 1, "203.0.113.7"),  # nginx appended the address it saw
        ("6.6.6.6, 203.0.113.7", 1, "203.0.113.7"),  # the client's own claim (left) is not believed
        ("6.6.6.6, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"),  # two proxies: the outer one's view
        ("203.0.113.7", 2, None),  # fewer entries than proxies: nothing to believe
        ("not-an-address", 1, None),
        ("", 1, None),
        ("203.0.113.7", 0, None),  # no trusted proxy: the header is ignored
        ("2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_the_client_address_is_the_one_the_outermost_trusted_proxy_saw(header, hops, client):
    assert forwarded_client(header, hops) == client


@pytest.mark.django_db
def test_behind_one_proxy_each_request_keeps_its_clients_address(settings, rf):
    settings.TRUSTED_PROXY_HOPS = 1
    seen = []

    def view(request):
        seen.append(client_ip(request))

    middleware = ForwardedForMiddleware(view)
    for address in ("198.51.100.1", "198.51.100.2"):
        middleware(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {address}"))
    assert seen == ["198.51.100.1", "198.51.100.2"]


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_client_cannot_pick_its_address(client: Client, settings):
    settings.TRUSTED_PROXY_HOPS = 0
    response = client.get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.99", REMOTE_ADDR="198.51.100.5")
    assert response.wsgi_request.META["REMOTE_ADDR"] == "198.51.100.5"
