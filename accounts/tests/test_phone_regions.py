import re

import pytest
from django.utils import translation

from accounts.phones import region_choices

EVERY_REGION_NAMED = ["US", "GB", "AC", "XK", "TA", "AX", "AL", "CA"]


def labels():
    with translation.override("en"):
        return dict(region_choices())


def test_the_country_list_offers_only_where_codes_may_go_the_united_states_its_territories_and_canada():
    assert list(labels()) == ["US", "AS", "CA", "GU", "MP", "PR", "VI"]
    assert labels()["US"] == "United States (+1)"
    assert labels()["PR"] == "Puerto Rico (+1)"
    assert labels()["CA"] == "Canada (+1)"


def test_the_country_list_follows_the_setting(settings):
    settings.CODE_DESTINATION_REGIONS = ["CA", "US"]
    assert list(labels()) == ["US", "CA"]
    settings.CODE_DESTINATION_REGIONS = ["CA"]
    assert list(labels()) == ["CA"]


@pytest.fixture
def every_region_named(settings):
    settings.CODE_DESTINATION_REGIONS = EVERY_REGION_NAMED


def test_the_country_list_names_countries_with_their_calling_codes(every_region_named):
    assert labels()["GB"] == "United Kingdom (+44)"
    assert labels()["US"] == "United States (+1)"


def test_no_country_is_shown_as_its_region_code(every_region_named):
    assert [label for label in labels().values() if re.match(r"[A-Z]{2} \(", label)] == []


def test_regions_phonenumbers_geocoder_cannot_name_are_named_too(every_region_named):
    assert labels()["AC"] == "Ascension Island (+247)"
    assert labels()["XK"] == "Kosovo (+383)"
    assert labels()["TA"] == "Tristan da Cunha (+290)"


def test_the_united_states_comes_first_then_the_rest_alphabetically_ignoring_accents(every_region_named):
    with translation.override("en"):
        names = [label for _, label in region_choices()]
    assert names[0] == "United States (+1)"
    assert names.index("Åland Islands (+358)") < names.index("Albania (+355)")
