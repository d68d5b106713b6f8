from datetime import date

import pytest

from accounts.identity import IdentityClaim, matching_record, record_for_identity_and_number
from accounts.tests.walks import roster_person

pytestmark = pytest.mark.django_db


def claim(first="María", last="Santos", zip_code="02108", born=date(1980, 1, 2)):
    return IdentityClaim(first, last, zip_code, born)


def test_names_match_without_case_accents_or_surrounding_spaces():
    record = roster_person()
    assert matching_record(claim(first="  MARIA ", last="santos")) == record


def test_the_zip_code_matches_on_its_first_five_digits():
    record = roster_person(home_zip="02108-1234")
    assert matching_record(claim(zip_code="02108")) == record
    assert matching_record(claim(zip_code="02108-9999")) == record
    assert matching_record(claim(zip_code="02109")) is None


def test_the_birthdate_must_be_exact():
    roster_person()
    assert matching_record(claim(born=date(1980, 1, 3))) is None


def test_an_inactive_record_does_not_match():
    roster_person(is_active=False)
    assert matching_record(claim()) is None


def test_two_records_with_the_same_identity_match_neither():
    roster_person()
    roster_person()
    assert matching_record(claim()) is None


def test_recovery_needs_the_employee_number_too():
    record = roster_person()
    assert record_for_identity_and_number(claim(), record.employee_number) == record
    assert record_for_identity_and_number(claim(), "999999") is None
