"""How often codes (and usernames) may be sent, and how many wrong codes an account may take.

The limits, and why they are these, are in docs/adr/0008-sign-in-limits.md. In short:

- a back-off of `BACK_OFF` between two sends to one number by one method (text or call);
- per number and method, per account and per address, a cap on the codes sent and *not used*: a code
  that comes back right is taken off every count, so a person who signs in often is never stopped;
- after `FAILED_ENTRIES_ALLOWED` wrong codes in a row on one account, no more codes for it.

Every count lives in the cache (django-ratelimit's counters, and plain cache keys for the back-off),
so every server instance shares them when the cache is Redis. A refused send is not counted.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

from accounts.codes import CODE_LIFETIME, CodeCheck
from accounts.events import client_ip

BACK_OFF = timedelta(seconds=30)
FAILED_ENTRIES_ALLOWED = 100
FAILED_ENTRIES_FORGOTTEN_AFTER = timedelta(days=30)
SECONDS_SHOWN_AS_SECONDS = 90
UNAVAILABLE = "unavailable"
UNAVAILABLE_RETRY = timedelta(minutes=2)
HOUR = 60 * 60
logger = logging.getLogger(__name__)
DAY = 24 * HOUR


@dataclass(frozen=True)
class SendingLimit:
    """At most `count` sends whose code was not used, per `period` seconds, for one value of `name`."""

    name: str
    count: int
    period: int

    @property
    def group(self) -> str:
        return f"accounts.codes.per-{self.name}"

    @property
    def rate(self) -> str:
        return f"{self.count}/{self.period}s"


PER_NUMBER = SendingLimit("number", 10, DAY)  # one phone number by one method, across accounts
PER_ACCOUNT = SendingLimit("account", 20, DAY)  # one person, across numbers and methods
PER_ADDRESS = SendingLimit("address", 100, HOUR)  # one network address (an office is one address)


@dataclass(frozen=True)
class SendingRefusal:
    """Why a send was refused and when the person may ask again (None: not until they call for help)."""

    reason: str  # "back-off", a SendingLimit name, "failed-entries", or "unavailable" (the counts cannot be read)
    retry_at: datetime | None
    offers_call: bool = False  # texts are limited for this number but a call would go

    @property
    def message(self) -> str:
        if self.reason == UNAVAILABLE:
            return _(
                "We cannot send codes right now. Try again in a few minutes, or call %(name)s at %(phone)s for help."
            ) % {"name": settings.ADMINISTRATOR["name"], "phone": settings.ADMINISTRATOR["phone"]}
        if self.retry_at is None:
            return _(
                "For your security, we stopped sending codes for this account after too many wrong codes. "
                "Call %(name)s at %(phone)s to get back in."
            ) % {"name": settings.ADMINISTRATOR["name"], "phone": settings.ADMINISTRATOR["phone"]}
        when = retry_wording(self.retry_at, timezone.now())
        if self.offers_call:
            return _(
                "You can ask for a new text message %(when)s. Or choose “Call Me” to get a code by phone call now."
            ) % {"when": when}
        return _(
            "You can ask for a new code %(when)s. If you often wait for codes, add an authenticator app "
            "in Edit Profile once you are logged in."
        ) % {"when": when}

    def __str__(self) -> str:
        return self.message


def retry_wording(retry_at: datetime, now: datetime) -> str:
    """ "in 40 seconds", "at 3:42 PM" or "tomorrow at 3:42 PM", in the portal's time zone."""
    seconds = max(1, math.ceil((retry_at - now).total_seconds()))
    if seconds <= SECONDS_SHOWN_AS_SECONDS:
        return _("in %(seconds)d seconds") % {"seconds": seconds}
    local = timezone.localtime(retry_at)
    clock = dateformat.format(local, "g:i A")
    if local.date() > timezone.localtime(now).date():
        return _("tomorrow at %(time)s") % {"time": clock}
    return _("at %(time)s") % {"time": clock}


def _cache() -> BaseCache:
    return caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]


def _usage(request: HttpRequest, group: str, limit: SendingLimit, value: str, *, increment: bool) -> dict[str, int]:
    usage = get_usage(request, group=group, key=lambda _g, _r: value, rate=limit.rate, increment=increment)
    return usage or {"count": 0, "time_left": 0}


def _unused_count(request: HttpRequest, limit: SendingLimit, value: str) -> tuple[int, int]:
    """(codes sent and not used in the current window, seconds until the window ends)."""
    sent = _usage(request, limit.group, limit, value, increment=False)
    used = _usage(request, f"{limit.group}.used", limit, value, increment=False)
    return max(0, int(sent["count"]) - int(used["count"])), int(sent["time_left"])


def _counted(
    number: str, method: str, account_key: str, request: HttpRequest, *, by_address: bool = True
) -> list[tuple[SendingLimit, str]]:
    counted = [(PER_NUMBER, f"{method}:{number}"), (PER_ACCOUNT, account_key)]
    return [*counted, (PER_ADDRESS, client_ip(request) or "?")] if by_address else counted


def _back_off_key(number: str, method: str) -> str:
    return f"accounts.codes.back-off:{method}:{number}"


def _failed_entries_key(account_key: str) -> str:
    return f"accounts.codes.failed-entries:{account_key}"


def _refusal(
    request: HttpRequest, number: str, method: str, account_key: str, *, by_address: bool = True
) -> SendingRefusal | None:
    """The refusal a send would get now, without counting anything; the one with the latest retry time."""
    if int(_cache().get(_failed_entries_key(account_key), 0)) >= FAILED_ENTRIES_ALLOWED:
        return SendingRefusal("failed-entries", None)
    now = timezone.now()
    refusals = []
    back_off_until = _cache().get(_back_off_key(number, method))
    if back_off_until is not None and back_off_until > now.timestamp():
        refusals.append(SendingRefusal("back-off", datetime.fromtimestamp(back_off_until, tz=UTC)))
    for limit, value in _counted(number, method, account_key, request, by_address=by_address):
        unused, seconds_left = _unused_count(request, limit, value)
        if unused >= limit.count:
            # the window still holds at its last second: a new one starts the second after
            refusals.append(SendingRefusal(limit.name, now + timedelta(seconds=max(0, seconds_left) + 1)))
    if not refusals:
        return None
    return max(refusals, key=lambda refusal: refusal.retry_at or now)


def sending_refusal(
    request: HttpRequest, *, number: str, method: str, account_key: str, by_address: bool = True
) -> SendingRefusal | None:
    """Count one send to `number` by `method` for `account_key`, or return why it may not go now.

    `by_address=False`: the address was counted already (a recovery request, counted by what was typed).
    Fails closed: when the counts cannot be read or written (Redis down), nothing is sent."""
    try:
        return _count_send(request, number, method, account_key, by_address)
    except RedisError:
        logger.warning("Sending limits unavailable: code to %s not sent", method, exc_info=True)
        return SendingRefusal(UNAVAILABLE, timezone.now() + UNAVAILABLE_RETRY)


def _count_send(
    request: HttpRequest, number: str, method: str, account_key: str, by_address: bool
) -> SendingRefusal | None:
    refusal = _refusal(request, number, method, account_key, by_address=by_address)
    if refusal is not None:
        if method == "sms" and refusal.reason in ("back-off", PER_NUMBER.name):
            offers_call = _refusal(request, number, "voice", account_key, by_address=by_address) is None
            return SendingRefusal(refusal.reason, refusal.retry_at, offers_call=offers_call)
        return refusal
    until = timezone.now() + BACK_OFF
    _cache().set(_back_off_key(number, method), until.timestamp(), timeout=math.ceil(BACK_OFF.total_seconds()))
    for limit, value in _counted(number, method, account_key, request, by_address=by_address):
        _usage(request, limit.group, limit, value, increment=True)
    return None


def remember_sent_by(device_id: int, method: str) -> None:
    """Which method the latest code to a device went by (a text-only phone may be called once)."""
    try:
        _cache().set(f"accounts.codes.sent-by:{device_id}", method, timeout=math.ceil(CODE_LIFETIME.total_seconds()))
    except RedisError:
        logger.warning("Could not remember how code for device %s was sent", device_id, exc_info=True)


def sent_by(device_id: int, default: str) -> str:
    try:
        return str(_cache().get(f"accounts.codes.sent-by:{device_id}", default))
    except RedisError:
        return default


def code_entered(request: HttpRequest, *, number: str, method: str, account_key: str, result: CodeCheck) -> None:
    """Take a used code off every count and end the back-off; count a wrong code against the account.

    A code was entered and checked already: should the counts be out of reach, the person still gets in (the
    counting is lost, never the sign-in)."""
    try:
        _code_entered(request, number, method, account_key, result)
    except RedisError:
        logger.warning("Sending limits unavailable: a %s code entry was not counted", result, exc_info=True)


def _code_entered(request: HttpRequest, number: str, method: str, account_key: str, result: CodeCheck) -> None:
    key = _failed_entries_key(account_key)
    if result is CodeCheck.ACCEPTED:
        _cache().delete_many([key, _back_off_key(number, method)])
        for limit, value in _counted(number, method, account_key, request):
            _usage(request, f"{limit.group}.used", limit, value, increment=True)
    elif result in (CodeCheck.WRONG, CodeCheck.VOIDED):
        timeout = math.ceil(FAILED_ENTRIES_FORGOTTEN_AFTER.total_seconds())
        if not _cache().add(key, 1, timeout=timeout):
            try:
                _cache().incr(key)
            except ValueError:  # it expired in between
                _cache().add(key, 1, timeout=timeout)
            _cache().touch(key, timeout=timeout)
