"""Phone numbers: parsed and validated with `phonenumbers`, stored in E.164 (+16175550104)."""

from __future__ import annotations

import unicodedata
from functools import cache

import phonenumbers
from babel import Locale, UnknownLocaleError
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

DEFAULT_REGION = "US"


def region_choices() -> list[tuple[str, str]]:
    """Every region phonenumbers knows, as ("GB", "United Kingdom (+44)"), the United States first.

    Country names come from the Unicode CLDR (through Babel) in the active language: it names every
    region phonenumbers has, Ascension Island and Kosovo included, where phonenumbers' own geocoder has gaps.
    """
    return _region_choices(translation.get_language() or "en")


@cache
def _region_choices(language: str) -> list[tuple[str, str]]:
    try:
        names = Locale.parse(translation.to_locale(language)).territories
    except (ValueError, UnknownLocaleError):
        names = Locale("en").territories
    choices = []
    for region in phonenumbers.SUPPORTED_REGIONS:
        name = names.get(region) or Locale("en").territories[region]
        choices.append((region, f"{name} (+{phonenumbers.country_code_for_region(region)})"))
    choices.sort(key=lambda choice: (choice[0] != DEFAULT_REGION, _sort_key(choice[1])))
    return choices


def _sort_key(name: str) -> str:
    """Alphabetical as a reader expects: "Åland Islands" among the A's, not after "Zimbabwe"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def parse(number: str, region: str = DEFAULT_REGION) -> phonenumbers.PhoneNumber:
    """The one phone parser: a valid number for the region, or ValidationError saying how to write one."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(_("Enter a phone number, like 617-555-0123."), code="invalid") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(_("Enter a valid phone number for the country you chose."), code="invalid")
    return parsed


def to_e164(region: str, number: str) -> str:
    """The number in E.164 (how two-step devices store it), or ValidationError."""
    return phonenumbers.format_number(parse(number, region), phonenumbers.PhoneNumberFormat.E164)


def to_us_national(number: str) -> str:
    """A US number as XXX-XXX-XXXX (the request's preferred phone), or ValidationError for any other."""
    refusal = ValidationError(_("Enter a valid phone number, like 617-555-0123."), code="invalid")
    try:
        parsed = parse(number, DEFAULT_REGION)
    except ValidationError:
        raise refusal from None
    if parsed.country_code != phonenumbers.country_code_for_region(DEFAULT_REGION):
        raise refusal
    national = str(parsed.national_number)
    return f"{national[:3]}-{national[3:6]}-{national[6:]}"


def masked(e164: str) -> str:
    """A number shown without most of its digits: +1 ••• ••• 0104."""
    parsed = phonenumbers.parse(e164, None)
    national = str(parsed.national_number)
    return f"+{parsed.country_code} {'•' * max(len(national) - 4, 0)}{national[-4:]}"


def readable(e164: str) -> str:
    """A number as people write it: +1 617-555-0104."""
    return phonenumbers.format_number(phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
