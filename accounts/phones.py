"""Phone numbers: parsed and validated with `phonenumbers`, stored in E.164 (+16175550104).

Where codes may go (the regions of CODE_DESTINATION_REGIONS, ordinary lines only) is decided once, in
`notices.destinations`, and applied here where a number is typed and again where a code is sent.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import phonenumbers
from babel import Locale, UnknownLocaleError
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from notices import destinations

DEFAULT_REGION = "US"


def region_choices() -> list[tuple[str, str]]:
    """The regions codes may go to (CODE_DESTINATION_REGIONS), as ("CA", "Canada (+1)"), the United States first.

    Country names come from the Unicode CLDR (through Babel) in the active language: it names every
    region phonenumbers has, Ascension Island and Kosovo included, where phonenumbers' own geocoder has gaps.
    """
    return _region_choices(translation.get_language() or "en", destinations.allowed_regions())


def default_code_region() -> str:
    """The country code preselected beside a phone number: the United States, when codes may go there."""
    regions = destinations.allowed_regions()
    return DEFAULT_REGION if DEFAULT_REGION in regions else regions[0]


@cache
def _region_choices(language: str, regions: tuple[str, ...]) -> list[tuple[str, str]]:
    try:
        names = Locale.parse(translation.to_locale(language)).territories
    except (ValueError, UnknownLocaleError):
        names = Locale("en").territories
    choices = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS & set(regions)):
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


def to_code_destination(region: str, number: str) -> str:
    """A number one-time codes may go to, in E.164, or ValidationError saying what to enter instead
    (notices.destinations: the regions of CODE_DESTINATION_REGIONS, no premium-rate, shared-cost or toll-free)."""
    parsed = parse(number, region)
    refusal = destinations.refusal(parsed)
    if refusal is destinations.Refusal.REGION:
        raise ValidationError(
            _(
                "We can send codes only to phone numbers in the countries listed under Country Code. "
                "Enter a mobile or landline number from one of them."
            ),
            code="region",
        )
    if refusal is not None:
        raise ValidationError(
            _(
                "We cannot send codes to premium-rate, shared-cost or toll-free numbers. "
                "Enter your own mobile or landline number."
            ),
            code="line-type",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


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
