"""Limits on the registration identity step (name, ZIP code and birthdate looked up in the roster).

That step answers whether a person with that name, ZIP and birthdate is on the roster, so unlimited it tells
a script anyone's birthdate (50 dates tried in 4 seconds, one matched). Every attempt is counted, before the
lookup and whatever it finds:

- **per address** (REMOTE_ADDR, as `config/forwarded.py` sets it behind the load balancer): `PER_ADDRESS`
  attempts in 10 minutes and `PER_ADDRESS_DAILY` in a day, for a script on one machine;
- **per person named** (the first and last name without case or accents, and the 5-digit ZIP: all a claim
  has besides the birthdate, so every claim that could match a roster record counts on that record's key):
  `PER_PERSON` in a day, for a slow attacker changing addresses against one person.

The person's count is kept for what was typed, whether or not anybody on the roster has that name and ZIP:
counting only names that match a record would tell who is on the roster. Over a limit, an attempt is
answered exactly as one that matches nobody, even when its birthdate is right; the not-verified page gives
the Employee Service Center's number, the way forward for a real person a stranger has held back (the count
itself ends with its window). A person registering mistypes a date once or twice; these limits are far above.

The counts live in the strict "limits" cache (Redis in production, shared by every instance). When it
cannot be read the attempt is refused (fails closed), as sign-in is.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.http import HttpRequest
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

from accounts.events import client_ip
from accounts.identity import IdentityClaim, zip5
from roster.models import name_key

logger = logging.getLogger(__name__)
MINUTE = 60
DAY = 24 * 60 * MINUTE
UNAVAILABLE = "limits unavailable"


@dataclass(frozen=True)
class IdentityLimit:
    """At most `count` identity attempts per `period` seconds for one value of what `name` says."""

    name: str
    count: int
    period: int

    @property
    def group(self) -> str:
        return f"accounts.registration.identity.per-{self.name}"

    @property
    def rate(self) -> str:
        return f"{self.count}/{self.period}s"


PER_ADDRESS = IdentityLimit("address", 20, 10 * MINUTE)
PER_ADDRESS_DAILY = IdentityLimit("address-daily", 200, DAY)
PER_PERSON = IdentityLimit("person", 10, DAY)


def person_key(claim: IdentityClaim) -> str:
    """The person a claim names, as the roster lookup keys it, hashed (no name or ZIP in the cache)."""
    subject = f"{name_key(claim.first_name)}\x1f{name_key(claim.last_name)}\x1f{zip5(claim.zip_code)}"
    return hashlib.sha256(subject.encode()).hexdigest()


def _counted(request: HttpRequest, claim: IdentityClaim) -> list[tuple[IdentityLimit, str]]:
    address = client_ip(request) or "?"
    return [(PER_ADDRESS, address), (PER_ADDRESS_DAILY, address), (PER_PERSON, person_key(claim))]


def _count(request: HttpRequest, limit: IdentityLimit, value: str) -> int:
    usage = get_usage(request, group=limit.group, key=lambda _g, _r: value, rate=limit.rate, increment=True)
    return int(usage["count"]) if usage else 0


def count_identity_attempt(request: HttpRequest, claim: IdentityClaim) -> str | None:
    """Count one identity attempt against its address and the person it names, always all three counts (so
    every attempt costs the same); why it is refused ("over the person limit"), or None when it may go on."""
    try:
        counts = [(limit, _count(request, limit, value)) for limit, value in _counted(request, claim)]
    except RedisError:
        logger.warning("Registration limits unavailable: an identity attempt was refused", exc_info=True)
        return UNAVAILABLE
    over = [f"over the {limit.name} limit" for limit, count in counts if count > limit.count]
    return over[0] if over else None
