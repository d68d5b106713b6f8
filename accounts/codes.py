"""One-time codes: six random digits, kept only as a keyed hash, valid ten minutes, used once.

A code is hashed together with the attempt that asked for it (a random reference held in that
browser's session) and the device it was sent to, so the same digits typed in another attempt, or
for another phone, never match. Five wrong entries void a code.
"""

from __future__ import annotations

import enum
import hmac
import secrets
from datetime import timedelta

from django.utils.crypto import salted_hmac

CODE_LENGTH = 6
CODE_LIFETIME = timedelta(minutes=10)
WRONG_ENTRIES_ALLOWED = 5
_SALT = "accounts.codes"


class CodeCheck(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    EXPIRED = "expired"
    VOIDED = "voided"  # this wrong entry was the last one allowed
    NO_CODE = "no-code"  # never sent, already used or voided
    TOO_SOON = "too-soon"  # django-otp's back-off after a wrong entry


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH))


def new_attempt_reference() -> str:
    return secrets.token_urlsafe(24)


def code_digest(code: str, *, attempt: str, device_id: int | None) -> str:
    return salted_hmac(_SALT, f"{device_id}:{attempt}:{code}", algorithm="sha256").hexdigest()


def digest_matches(digest: str, code: str, *, attempt: str, device_id: int | None) -> bool:
    typed = "".join(ch for ch in code if ch.isdigit())
    return hmac.compare_digest(digest, code_digest(typed, attempt=attempt, device_id=device_id))
