"""Which phone numbers the portal may text or call: the one rule, for where a number is typed and where it is sent.

A number may receive a one-time code, or any text or call, only when it is a valid number of a region in
CODE_DESTINATION_REGIONS (by default the United States, its territories and Canada) and an ordinary line a person
answers. The region is the number's own, not the one picked beside it: +1 876 is Jamaica and +1 809 the Dominican
Republic, though both dial as +1. Refused line types:

- premium-rate (+1 900) and shared-cost numbers: the caller pays the number's owner, which turns code sending
  into toll fraud ("SMS pumping");
- toll-free numbers (+1 800, 888...): business lines, which rarely take texts and are never one person's phone;
- personal-number (+1 500...), pager, UAN, voicemail-only and unknown types: forwarding and shared services.

Mobile, landline and VoIP numbers are accepted (a landline gets its codes by voice call).
"""

from __future__ import annotations

import enum

import phonenumbers
from django.conf import settings
from phonenumbers import PhoneNumberType

ORDINARY_LINES = frozenset(
    {
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
        PhoneNumberType.VOIP,
    }
)


class Refusal(enum.Enum):
    INVALID = "invalid"  # not a phone number at all
    REGION = "region"  # a number of a region outside CODE_DESTINATION_REGIONS
    LINE_TYPE = "line-type"  # premium-rate, shared-cost, toll-free or another line no person answers


def allowed_regions() -> tuple[str, ...]:
    return tuple(settings.CODE_DESTINATION_REGIONS)


def refusal(number: phonenumbers.PhoneNumber | str) -> Refusal | None:
    """Why the portal may not text or call this number (E.164 or parsed), or None when it may."""
    if isinstance(number, str):
        try:
            number = phonenumbers.parse(number, None)
        except phonenumbers.NumberParseException:
            return Refusal.INVALID
    if not phonenumbers.is_valid_number(number):
        return Refusal.INVALID
    if phonenumbers.region_code_for_number(number) not in allowed_regions():
        return Refusal.REGION
    if phonenumbers.number_type(number) not in ORDINARY_LINES:
        return Refusal.LINE_TYPE
    return None
