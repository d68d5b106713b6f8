import pytest
from django.core.exceptions import ValidationError

from accounts.passwords import ProfilePasswordValidator, checklist, unmet_rules


def unmet(password, username="msantos", profile="spec"):
    return [rule.name for rule in unmet_rules(password, username, profile)]


def test_the_spec_rule_accepts_8_to_16_characters_with_an_uppercase_letter_a_number_and_a_special_character():
    assert unmet("Leave!Desk1") == []
    assert unmet("Ab1!efgh") == []
    assert unmet("Ab1!efghijklmnop") == []


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("Ab1!efg", "length"),
        ("Ab1!efghijklmnopq", "length"),
        ("leave!desk1", "uppercase"),
        ("Leave!Desks", "number"),
        ("LeaveDesk12", "special"),
    ],
)
def test_the_spec_rule_names_each_missing_part(password, rule):
    assert unmet(password) == [rule]


def test_a_common_password_is_refused_even_when_it_meets_the_composition_rules():
    assert unmet("Password1!") == ["not-common"]


def test_a_password_containing_the_username_is_refused_whatever_the_case():
    assert unmet("MSANTOS!x1", username="msantos") == ["not-username"]


def test_the_modern_profile_wants_15_characters_and_no_composition():
    assert unmet("correct horse battery", profile="modern") == []
    assert unmet("short but fine", profile="modern") == ["length"]


def test_the_checklist_marks_every_rule_met_or_not():
    results = {rule.name: met for rule, met in checklist("zqxv", "", "spec")}
    assert results == {
        "length": False,
        "uppercase": False,
        "number": False,
        "special": False,
        "not-common": True,
        "not-username": True,
    }


def test_djangos_password_validation_uses_the_same_rules(settings):
    settings.PASSWORD_PROFILE = "spec"
    with pytest.raises(ValidationError):
        ProfilePasswordValidator().validate("weak")
    ProfilePasswordValidator().validate("Leave!Desk1")
