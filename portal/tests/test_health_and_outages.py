"""When a backend fails: health answers say which, pages say "try again" with the help phone, sessions hold.

Outages are our own sockets (testing.outage): a stalled port that never answers, a refused one. The machine's
Redis and database are never touched.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from accounts.sending_limits import sending_refusal
from config.cache import ForgivingRedisCache
from testing.outage import refused_port, stalled_port

pytestmark = pytest.mark.django_db


def redis_caches(port: int, timeout: int = 1) -> dict[str, dict[str, object]]:
    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    location = f"redis://127.0.0.1:{port}/0"
    return {
        "default": {"BACKEND": "config.cache.ForgivingRedisCache", "LOCATION": location, "OPTIONS": options},
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "OPTIONS": options,
        },
    }


def test_liveness_asks_nothing_of_the_backends(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-cache" in response["Cache-Control"]


def test_readiness_is_ok_when_the_database_answers_and_every_migration_is_applied(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not used", "migrations": "ok"}


def test_readiness_names_the_database_when_it_does_not_answer(client):
    with mock.patch("portal.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_readiness_names_redis_when_it_hangs(client, settings):
    with stalled_port() as port:
        settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["redis"] == "unreachable"
    assert response.json()["database"] == "ok"


def test_readiness_counts_migrations_not_applied(client):
    with (
        mock.patch("portal.health._migrated", False),
        mock.patch(
            "django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=[("a", False), ("b", False)]
        ),
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "2 not applied"


def test_a_page_whose_database_is_down_says_try_again_with_the_help_phone(employee):
    browser = Client(raise_request_exception=False)
    browser.force_login(employee)
    with mock.patch("portal.views.drafts_in_progress", side_effect=OperationalError("server closed the connection")):
        response = browser.get("/dashboard/")
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "The portal is not available right now" in page
    assert "Nothing you saved before is lost." in page
    assert 'href="tel:1-833-640-2800"' in page
    assert "Server Error" not in page


def test_an_unexpected_error_gets_the_portals_500_page_not_djangos(employee):
    browser = Client(raise_request_exception=False)
    browser.force_login(employee)
    with mock.patch("portal.views.drafts_in_progress", side_effect=ZeroDivisionError):
        response = browser.get("/dashboard/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert "1-833-640-2800" in page
    assert "Server Error (500)" not in page


def test_a_redis_outage_signs_nobody_out_the_session_is_read_from_the_database(employee, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    with stalled_port() as port:
        settings.CACHES = redis_caches(port)
        browser = Client()
        browser.force_login(employee)  # written to the database; the cache write is dropped
        response = browser.get("/dashboard/")
        assert response.status_code == 200
        assert "Welcome, Maria" in response.content.decode()
        assert browser.get("/cases/").status_code == 200
        # Redis is left alone for a few seconds after its first timeout: the pages did not wait on every call.
        assert ForgivingRedisCache._paused_until


def test_codes_are_not_sent_while_their_limits_cannot_be_counted(employee, settings, rf):
    """Fail closed: no code goes out while Redis is down, and the person is told what to do."""
    settings.CACHES = redis_caches(refused_port())
    request = rf.post("/accounts/login/", REMOTE_ADDR="198.51.100.7")
    refusal = sending_refusal(request, number="+16175550101", method="sms", account_key="msantos")
    assert refusal is not None
    assert refusal.reason == "unavailable"
    assert refusal.message == (
        "We cannot send codes right now. Try again in a few minutes, or call Workpartners at 1-833-640-2800 for help."
    )


def test_the_database_connection_has_its_timeouts():
    if connection.vendor != "postgresql":
        pytest.skip("the connect and statement timeouts are PostgreSQL's (SQLite has its busy timeout)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        statement = cursor.fetchone()[0]
        cursor.execute("SHOW lock_timeout")
        lock = cursor.fetchone()[0]
    assert (statement, lock) == ("10s", "10s")
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 5
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
