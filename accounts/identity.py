"""Matching a person to one active roster record: the identity check of registration and recovery.

Names are compared without case, accents or surrounding spaces (`roster.models.name_key`), the ZIP
code on its first five digits, the birthdate exactly. Anything but exactly one record is no match.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date

from roster.models import RosterRecord, name_key


@dataclass(frozen=True)
class IdentityClaim:
    first_name: str
    last_name: str
    zip_code: str
    birth_date: date


def zip5(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())[:5]


def matching_record(claim: IdentityClaim) -> RosterRecord | None:
    candidates = RosterRecord.objects.filter(
        is_active=True,
        first_name_key=name_key(claim.first_name),
        last_name_key=name_key(claim.last_name),
        birth_date=claim.birth_date,
    )
    matches = [record for record in candidates if record.zip5 == zip5(claim.zip_code)]
    return matches[0] if len(matches) == 1 else None


def employee_number_matches(record: RosterRecord, typed: str) -> bool:
    return hmac.compare_digest(record.employee_number.strip().encode(), typed.strip().encode())


def record_for_identity_and_number(claim: IdentityClaim, employee_number: str) -> RosterRecord | None:
    record = matching_record(claim)
    if record is None or not employee_number_matches(record, employee_number):
        return None
    return record
