"""Limits on wrong passwords beyond django-axes' (5 per username and address): per account, whatever the
address, and per address, whatever the username. Why these values: docs/adr/0008-sign-in-limits.md.

- **Per account** (the username as typed, without case, so a username that matches nobody is counted and
  answered exactly like a real one): the first `FREE_FAILURES` wrong passwords in a row cost nothing; each one
  after makes the account wait before its next try, 1 minute, then 2, 4, 8, up to `LONGEST_WAIT`. A try
  during the wait is refused whatever the password, and does not make the wait longer, so a stranger can hold
  an account back for at most 15 minutes at a time, never lock it. The owner is told when the waits begin; a
  right password (NIST SP 800-63B 5.2.2) or a password reset clears the count.
- **Per address**: `PER_ADDRESS` wrong passwords (any usernames) in its window, and that address's tries
  are refused without checking, or hashing, any password until the window ends.

The counts live in the strict "limits" cache (Redis in production: every instance shares them). When it
cannot be read, sign-in is refused (fails closed, as code sending does): an outage must not lift the limits.
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils import timezone
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

from accounts.events import client_ip
from accounts.models import User
from notices.models import Channel
from notices.sending import queue_notice

FREE_FAILURES = 10
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(minutes=15)
FAILURES_FORGOTTEN_AFTER = timedelta(days=1)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AddressLimit:
    count: int
    period: int  # seconds

    @property
    def rate(self) -> str:
        return f"{self.count}/{self.period}s"


PER_ADDRESS = AddressLimit(100, 15 * 60)
ADDRESS_GROUP = "accounts.sign-in.failures-per-address"


def now() -> datetime:
    return timezone.now()


def _cache() -> BaseCache:
    return caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]


def _account(username: str) -> str:
    return hashlib.sha256(username.strip().casefold().encode()).hexdigest()


def _failures_key(username: str) -> str:
    return f"accounts.sign-in.failures:{_account(username)}"


def _wait_key(username: str) -> str:
    return f"accounts.sign-in.wait-until:{_account(username)}"


def wait_after(failures: int) -> timedelta:
    """How long the account waits after `failures` wrong passwords in a row."""
    if failures <= FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** min(failures - FREE_FAILURES - 1, 10), LONGEST_WAIT)


def account_waiting(username: str) -> bool:
    until = _cache().get(_wait_key(username))
    return until is not None and float(until) > now().timestamp()


def _address_usage(request: HttpRequest, *, increment: bool) -> int:
    address = client_ip(request) or "?"
    usage = get_usage(
        request, group=ADDRESS_GROUP, key=lambda _g, _r: address, rate=PER_ADDRESS.rate, increment=increment
    )
    return int(usage["count"]) if usage else 0


def address_throttled(request: HttpRequest) -> bool:
    """Whether this address has used up its wrong passwords for the window; fails closed."""
    try:
        return _address_usage(request, increment=False) >= PER_ADDRESS.count
    except RedisError:
        logger.warning("Sign-in limits unavailable: a sign-in was refused", exc_info=True)
        return True


def account_refused(username: str) -> bool:
    """Whether this account is waiting before its next try; fails closed."""
    try:
        return account_waiting(username)
    except RedisError:
        logger.warning("Sign-in limits unavailable: a sign-in was refused", exc_info=True)
        return True


def next_try_at(request: HttpRequest, username: str) -> datetime | None:
    """When a password may next be tried for this account from this address; None when it may now.

    For a page that may say when (re-entering the password in a signed-in session, whose owner the wait
    concerns). Fails closed: when the counts cannot be read, a try is refused for `FIRST_WAIT`."""
    try:
        waits = []
        until = _cache().get(_wait_key(username))
        if until is not None and float(until) > now().timestamp():
            waits.append(datetime.fromtimestamp(float(until), tz=UTC))
        address = client_ip(request) or "?"
        usage = get_usage(
            request, group=ADDRESS_GROUP, key=lambda _g, _r: address, rate=PER_ADDRESS.rate, increment=False
        )
        if usage and int(usage["count"]) >= PER_ADDRESS.count:
            waits.append(now() + timedelta(seconds=max(0, int(usage["time_left"])) + 1))
    except RedisError:
        logger.warning("Sign-in limits unavailable: a password try was refused", exc_info=True)
        return now() + FIRST_WAIT
    return max(waits, default=None)


def count_refused_try(request: HttpRequest) -> None:
    """A try refused while its account waits still counts against its address."""
    try:
        _address_usage(request, increment=True)
    except RedisError:
        logger.warning("Sign-in limits unavailable: a refused try was not counted", exc_info=True)


def count_failure(request: HttpRequest, username: str, user: User | None) -> None:
    """One more wrong password for the account and the address; the wait it earns; the owner told once."""
    try:
        _address_usage(request, increment=True)
        failures = _increment(_failures_key(username))
        wait = wait_after(failures)
        if wait:
            seconds = math.ceil(wait.total_seconds())
            _cache().set(_wait_key(username), (now() + wait).timestamp(), timeout=seconds)
    except RedisError:
        logger.warning("Sign-in limits unavailable: a wrong password was not counted", exc_info=True)
        return
    if failures == FREE_FAILURES + 1 and user is not None:
        tell_owner_of_wrong_passwords(user)


def _increment(key: str) -> int:
    timeout = math.ceil(FAILURES_FORGOTTEN_AFTER.total_seconds())
    if _cache().add(key, 1, timeout=timeout):
        return 1
    try:
        count = int(_cache().incr(key))
    except ValueError:  # it expired in between
        _cache().add(key, 1, timeout=timeout)
        return 1
    _cache().touch(key, timeout=timeout)
    return count


def clear_account(username: str) -> None:
    """A right password, or a password reset: the account's count and wait are forgotten."""
    try:
        _cache().delete_many([_failures_key(username), _wait_key(username)])
    except RedisError:
        logger.warning("Sign-in limits unavailable: a count was not cleared", exc_info=True)


def tell_owner_of_wrong_passwords(user: User) -> None:
    context = {"administrator": settings.ADMINISTRATOR}
    device = user.phone_device
    if device is not None:
        queue_notice(Channel.SMS, device.number, "account_sign_in_attempts", context)
    elif user.email:
        queue_notice(Channel.EMAIL, user.email, "account_sign_in_attempts", context)
