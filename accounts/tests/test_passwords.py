from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.passwords import PasswordOwner, ProfilePasswordValidator, checklist, owner_of, unmet_rules
from accounts.tests.factories import EmployeeFactory

MARIA = PasswordOwner(username="msantos", first_name="Maria", last_name="Santos-Lopez", birth_date=date(1986, 4, 28))


def unmet(password, owner="msantos", profile="spec"):
    return [rule.name for rule in unmet_rules(password, owner, profile)]


def why(password, rule, owner=MARIA, profile="spec"):
    return next(result.why for result in checklist(password, owner, profile) if result.rule.name == rule)


def test_the_spec_rule_accepts_8_to_16_characters_with_an_uppercase_letter_a_number_and_a_special_character():
    assert unmet("Leave!Desk1") == []
    assert unmet("Zq8!vn3T") == []
    assert unmet("Zq8!vn3Tpx4#wK7m") == []


@pytest.mark.parametrize(
    ("password", "rules"),
    [
        ("Zq8!vn3", ["length", "hard-to-guess"]),  # 7 characters are never hard to guess
        ("Zq8!vn3Tpx4#wK7mq", ["length"]),
        ("leave!desk1", ["uppercase"]),
        ("Leave!Desks", ["number"]),
        ("LeaveDesk12", ["special"]),
    ],
)
def test_the_spec_rule_names_each_missing_part(password, rules):
    assert unmet(password) == rules


WEAK = ["Password123!", "Welcome1!", "Summer2024!", "Boston2025!", "Qwerty123!", "Iloveyou1!"]
WEAK_MORE = ["Winter2023#", "Jennifer1985!", "P@ssw0rd2024", "Spring2025!!", "Baseball1!", "Monkey2023!", "Chicago#1"]


@pytest.mark.parametrize("password", WEAK + WEAK_MORE)
@pytest.mark.parametrize("profile", ["spec", "modern"])
def test_a_common_word_with_numbers_and_symbols_added_is_too_easy_to_guess(password, profile):
    # These meet the spec's composition rules: only the guessing rule stops them.
    assert "hard-to-guess" in unmet(password, profile=profile)
    if profile == "spec":
        assert unmet(password) == ["hard-to-guess"]


@pytest.mark.parametrize(
    ("password", "explanation"),
    [
        ("Password123!", "it is a common word with a number and a symbol added"),
        ("Welcome1!", "it is a common word with a number and a symbol added"),
        ("Summer2024!", "it is a common word with a year and a symbol added"),
        ("Boston2025!", "it is a common word with a year and a symbol added"),
        ("Jennifer1985!", "it is a common name with a year and a symbol added"),
        ("Abcdefgh1!", "it has letters or numbers in order, like abcd or 1234"),
        ("Aaaaaaaa1!", "it repeats the same letters or numbers"),
        ("Zxcvbnm,./1A", "it follows keys that sit together on a keyboard, like qwerty"),
        ("password", "it is one of the passwords people use most often"),
    ],
)
def test_the_person_is_told_in_plain_words_why_a_password_is_easy_to_guess(password, explanation):
    assert why(password, "hard-to-guess") == (
        f"This password is too easy to guess: {explanation}. Try a few unrelated words instead."
    )


@pytest.mark.parametrize(
    ("password", "profile"),
    [
        ("qX7#mP2v!Lr9", "spec"),  # random, 12 characters
        ("kT4$wz9Qe!2u", "spec"),
        ("Fig!Moss7Kettle", "spec"),  # unrelated words
        ("Fresh!Start2", "spec"),
        ("correct horse battery staple", "modern"),
        ("tuba lantern okra pebble", "modern"),
    ],
)
def test_a_random_password_or_a_few_unrelated_words_pass(password, profile):
    assert unmet(password, MARIA, profile) == []


def test_a_password_on_djangos_list_of_20000_is_refused_even_where_zxcvbn_would_let_it_by():
    assert unmet("doomsayer.2.7mords.vv", profile="modern") == ["hard-to-guess"]


@pytest.mark.parametrize(
    ("password", "what"),
    [
        ("Maria!x9Tree", "your first name"),
        ("tree!MARIA9x", "your first name"),
        ("Lopez#Walk4", "your last name"),
        ("Kite#Santos4", "your last name"),
        ("S4nt0s!tree9", "your last name"),  # look-alike characters
        ("Tree9!sotnas", "your last name"),  # backwards
        ("Msantos!x9T", "your username"),
        ("Kite!1986zq", "your birth year"),
        ("Kite!042886zq", "your birthdate"),
        ("Kite!4/28/86zq", "your birthdate"),
    ],
)
def test_a_password_with_the_persons_name_username_or_birth_year_is_refused(password, what):
    assert unmet(password, MARIA) == ["not-personal"]
    assert why(password, "not-personal") == (
        f"It contains {what}. Leave your name, username and birthdate out of your password."
    )


def test_names_shorter_than_3_letters_are_not_looked_for():
    assert unmet("Al!x9Tree4qp", PasswordOwner(username="al", first_name="Al", last_name="Wu")) == []


def test_the_owner_of_a_users_password_is_their_roster_record(db):
    user = EmployeeFactory.create(username="msantos", first_name="Maria", last_name="Santos")
    record = user.roster_record
    assert record is not None
    record.first_name, record.last_name = "María", "Santos Lima"  # the roster's spelling, not the account's
    owner = owner_of(user)
    assert owner.username == "msantos"
    assert (owner.first_name, owner.last_name) == ("María", "Santos Lima")
    assert owner.birth_date == date(1985, 4, 2)


@pytest.mark.parametrize(
    ("profile", "low", "high"),
    [("spec", 8, 16), ("modern", 15, 64)],
)
def test_each_profile_accepts_both_ends_of_its_length_and_nothing_beyond(profile, low, high):
    strong = "Zq8!vn3Tpx4#wK7m" + "rb5$Jc2!hY9w" * 5
    assert "length" not in unmet(strong[:low], profile=profile)
    assert "length" not in unmet(strong[:high], profile=profile)
    assert unmet(strong[: low - 1], profile=profile)[0] == "length"
    assert unmet(strong[: high + 1], profile=profile) == ["length"]


def test_the_modern_profile_wants_15_characters_and_no_composition():
    assert unmet("tuba lantern okra", profile="modern") == []
    assert unmet("tuba lantern", profile="modern") == ["length"]


def test_the_checklist_marks_every_rule_met_or_not():
    results = {result.rule.name: result.met for result in checklist("zqxv", "", "spec")}
    assert results == {
        "length": False,
        "uppercase": False,
        "number": False,
        "special": False,
        "hard-to-guess": False,
        "not-personal": True,
    }


def test_djangos_password_validation_uses_the_same_rules(settings, db):
    settings.PASSWORD_PROFILE = "spec"
    with pytest.raises(ValidationError):
        ProfilePasswordValidator().validate("weak")
    with pytest.raises(ValidationError, match="too easy to guess"):
        ProfilePasswordValidator().validate("Summer2024!")
    user = EmployeeFactory.create(username="msantos", first_name="Maria", last_name="Santos")
    with pytest.raises(ValidationError, match="It contains your last name"):
        ProfilePasswordValidator().validate("Santos#Kite9q", user)
    ProfilePasswordValidator().validate("Leave!Desk1", user)
