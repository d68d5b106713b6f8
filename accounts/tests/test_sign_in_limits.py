"""Sign-in limits beyond django-axes' (username, address) pairs: per account whatever the address, per address
whatever the username (docs/adr/0008-sign-in-limits.md)."""

import itertools
import threading
import uuid
from datetime import timedelta

import pytest
import redis
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts import recovery, sign_in_limits, signin
from accounts.tests.factories import PASSWORD
from notices.models import Message

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def password_step(username, password, address):
    return Client(REMOTE_ADDR=address).post("/accounts/login/", {"username": username, "password": password})


def signs_in(username, password, address="198.51.100.7"):
    return password_step(username, password, address).get("Location") == "/accounts/login/verify/"


ADDRESSES = (f"10.{n // 250}.{n % 250}.1" for n in itertools.count())


def request_from(address):
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=address)
    request.session = SessionStore()
    return request


def fail_from_many_addresses(username, failures):
    """Wrong passwords, each from a new address (so django-axes' pairs never lock): the password step itself."""
    for n in range(failures):
        signin.check_password_step(request_from(next(ADDRESSES)), username, f"Wrong!pass{n}")


def later(monkeypatch, seconds):
    moved = timezone.now() + timedelta(seconds=seconds)
    monkeypatch.setattr(sign_in_limits, "now", lambda: moved)


def test_a_hundred_wrong_passwords_from_twenty_addresses_stop_the_right_one_from_a_new_address(employee):
    for n in range(100):  # 5 an address, axes' own limit
        signin.check_password_step(request_from(f"203.0.113.{n // 5}"), "msantos", f"Wrong!pass{n}")
    response = password_step("msantos", PASSWORD, "198.51.100.7")
    assert response.status_code == 200
    assert "The username or password is not right" in response.content.decode()


def test_the_first_ten_failures_are_free_then_each_wait_doubles_up_to_fifteen_minutes(employee, monkeypatch):
    fail_from_many_addresses("msantos", 10)
    assert signs_in("msantos", PASSWORD)  # a right password clears the count (NIST SP 800-63B 5.2.2)
    fail_from_many_addresses("msantos", 11)
    assert not signs_in("msantos", PASSWORD)
    later(monkeypatch, 61)
    assert signs_in("msantos", PASSWORD)
    assert [sign_in_limits.wait_after(n) for n in (10, 11, 12, 13, 15, 16, 100)] == [
        timedelta(0), timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=15),
        timedelta(minutes=15), timedelta(minutes=15),
    ]  # fmt: skip


def test_tries_while_the_account_waits_are_refused_without_making_the_wait_longer(employee, monkeypatch):
    fail_from_many_addresses("msantos", 11)
    for n in range(30):
        signin.check_password_step(request_from("192.0.2.9"), "msantos", f"Again!{n}")
    later(monkeypatch, 61)
    assert signs_in("msantos", PASSWORD)


def test_the_owner_is_told_once_when_the_account_starts_to_wait(employee):
    fail_from_many_addresses("msantos", 14)
    phone = employee.phone_device.number
    assert Message.objects.filter(recipient=phone, template="account_sign_in_attempts").count() == 1


def test_resetting_the_password_ends_the_wait(employee):
    fail_from_many_addresses("msantos", 30)
    recovery.reset_password(request_from("198.51.100.7"), employee, "N3w!passw0rd")
    assert signs_in("msantos", "N3w!passw0rd")


def test_an_unknown_username_waits_exactly_as_a_real_one(employee):
    fail_from_many_addresses("msantos", 11)
    fail_from_many_addresses("nobody-here", 11)
    assert sign_in_limits.account_waiting("msantos")
    assert sign_in_limits.account_waiting("nobody-here")


def test_many_unknown_usernames_from_one_address_are_throttled_without_hashing_a_password(employee, monkeypatch):
    for n in range(sign_in_limits.PER_ADDRESS.count):
        signin.check_password_step(request_from("192.0.2.50"), f"stranger{n}", "Guess!pass1")
    hashed: list[object] = []
    monkeypatch.setattr(signin, "make_password", hashed.append)
    monkeypatch.setattr(signin, "authenticate", lambda *args, **kwargs: hashed.append(kwargs))
    response = password_step("stranger-last", "Guess!pass1", "192.0.2.50")
    assert "The username or password is not right" in response.content.decode()
    assert hashed == []
    monkeypatch.undo()
    assert not signs_in("msantos", PASSWORD, "192.0.2.50")  # the whole address waits
    assert signs_in("msantos", PASSWORD, "192.0.2.51")


def redis_reachable():
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def shared_redis_limits(settings):
    """The strict "limits" cache on the machine's Redis, under a key prefix of this test's own."""
    if not redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: the shared-limits test needs it")
    prefix = f"leavedesk-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "limits": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                   "KEY_PREFIX": prefix},
    }  # fmt: skip
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_the_per_account_limit_is_shared_by_two_processes_through_redis(employee, shared_redis_limits):
    fail_from_many_addresses("msantos", 11)
    assert redis.Redis.from_url(REDIS_URL).keys(f"{shared_redis_limits}:*")  # the counts are in Redis
    seen_elsewhere = []
    # Another worker: a thread has its own cache connection (django.core.cache.caches is per thread), as another
    # gunicorn process would.
    other = threading.Thread(target=lambda: seen_elsewhere.append(sign_in_limits.account_waiting("msantos")))
    other.start()
    other.join()
    assert seen_elsewhere == [True]
    assert caches["limits"].__class__.__name__ == "RedisCache"
    assert not signs_in("msantos", PASSWORD)
