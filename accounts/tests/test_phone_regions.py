import re

from django.utils import translation

from accounts.phones import region_choices


def labels():
    with translation.override("en"):
        return dict(region_choices())


def test_the_country_list_names_countries_with_their_calling_codes():
    assert labels()["GB"] == "United Kingdom (+44)"
    assert labels()["US"] == "United States (+1)"


def test_no_country_is_shown_as_its_region_code():
    assert [label for label in labels().values() if re.match(r"[A-Z]{2} \(", label)] == []


def test_regions_phonenumbers_geocoder_cannot_name_are_named_too():
    assert labels()["AC"] == "Ascension Island (+247)"
    assert labels()["XK"] == "Kosovo (+383)"
    assert labels()["TA"] == "Tristan da Cunha (+290)"


def test_the_united_states_comes_first_then_the_rest_alphabetically_ignoring_accents():
    with translation.override("en"):
        names = [label for _, label in region_choices()]
    assert names[0] == "United States (+1)"
    assert names.index("Åland Islands (+358)") < names.index("Albania (+355)")
