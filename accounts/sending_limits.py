"""How many codes may be sent: per phone number (across all accounts), per account, per address.

Counted in the cache through django-ratelimit, so every server instance shares the counts when the
cache is Redis. Each send attempt counts on all three, then any count over its limit refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from accounts.events import client_ip


@dataclass(frozen=True)
class SendingLimit:
    group: str
    rate: str
    message: str | Promise


PER_NUMBER = SendingLimit(
    "accounts.codes.per-number",
    "5/h",
    _("Too many codes have been sent to this phone number. Please wait an hour, then try again."),
)
PER_ACCOUNT = SendingLimit(
    "accounts.codes.per-account",
    "5/h",
    _("Too many codes have been requested for this account. Please wait an hour, then try again."),
)
PER_ADDRESS = SendingLimit(
    "accounts.codes.per-address",
    "20/5m",
    _("Too many codes have been requested from your network. Please wait five minutes, then try again."),
)


def _over_limit(request: HttpRequest, limit: SendingLimit, value: str) -> bool:
    return bool(is_ratelimited(request, group=limit.group, key=lambda _g, _r: value, rate=limit.rate, increment=True))


def sending_refusal(request: HttpRequest, *, number: str, account_key: str) -> str | None:
    """Count one send attempt; return the message to show if a limit is reached, else None."""
    checks = [(PER_NUMBER, number), (PER_ACCOUNT, account_key), (PER_ADDRESS, client_ip(request) or "unknown")]
    refusals = [limit.message for limit, value in checks if _over_limit(request, limit, value)]
    return str(refusals[0]) if refusals else None
