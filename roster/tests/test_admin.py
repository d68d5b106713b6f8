"""The roster in Django's admin: staff find a record by number or name, and filter by agency or status."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from roster.models import RosterRecord
from roster.tests.factories import RosterRecordFactory
from testing.users import sign_in_to_admin

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/roster/rosterrecord/"


@pytest.fixture
def admin_client_signed_in(client: Client) -> Client:
    admin_user = User.objects.create_superuser("roster-admin", "roster-admin@example.com", "Str0ng!pass-admin")
    sign_in_to_admin(client, admin_user)
    return client


@pytest.fixture
def people() -> None:
    boss = RosterRecordFactory(employee_number="5001", first_name="Grace", last_name="Hopper", agency="Trial Court")
    RosterRecordFactory(employee_number="5002", first_name="Alan", last_name="Turing", supervisor=boss)
    RosterRecordFactory(employee_number="15002", first_name="Ada", last_name="Lovelace", is_active=False)


def listed_numbers(client: Client, query: str) -> list[str]:
    response = client.get(CHANGELIST + query)
    assert response.status_code == 200
    return [str(record.employee_number) for record in response.context["cl"].result_list]


@pytest.mark.usefixtures("people")
def test_staff_find_a_record_by_its_exact_number(admin_client_signed_in: Client) -> None:
    assert listed_numbers(admin_client_signed_in, "?q=5002") == ["5002"]


@pytest.mark.usefixtures("people")
def test_staff_find_records_by_first_or_last_name(admin_client_signed_in: Client) -> None:
    assert listed_numbers(admin_client_signed_in, "?q=turing") == ["5002"]
    assert listed_numbers(admin_client_signed_in, "?q=Grace") == ["5001"]


@pytest.mark.usefixtures("people")
def test_staff_filter_records_by_agency_and_by_active(admin_client_signed_in: Client) -> None:
    assert listed_numbers(admin_client_signed_in, "?agency=Trial+Court") == ["5001"]
    assert listed_numbers(admin_client_signed_in, "?is_active__exact=0") == ["15002"]


@pytest.mark.usefixtures("people")
def test_a_record_saved_in_the_admin_keeps_its_name_keys(admin_client_signed_in: Client) -> None:
    record = RosterRecord.objects.get(employee_number="5002")
    form = admin_client_signed_in.get(f"{CHANGELIST}{record.pk}/change/").context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(last_name="Ÿoung", supervisor=str(record.supervisor_id))
    for inline in ("employment_spells", "hours_reports"):  # the record's inlines, empty
        data.update({f"{inline}-TOTAL_FORMS": "0", f"{inline}-INITIAL_FORMS": "0"})

    response = admin_client_signed_in.post(f"{CHANGELIST}{record.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()
    assert (record.last_name, record.last_name_key) == ("Ÿoung", "young")


def test_an_administrator_enters_the_separation_date_of_an_earlier_employment(admin_client_signed_in: Client) -> None:
    """29 CFR 825.110(b): the earlier employment counts only once its separation date is known."""
    record = RosterRecordFactory.create(employee_number="5003")
    spell = record.employment_spells.create(hire_date="2015-01-05")
    form = admin_client_signed_in.get(f"{CHANGELIST}{record.pk}/change/").context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({
        "employment_spells-TOTAL_FORMS": "1",
        "employment_spells-INITIAL_FORMS": "1",
        "employment_spells-0-id": str(spell.pk),
        "employment_spells-0-record": str(record.pk),
        "employment_spells-0-hire_date": "2015-01-05",
        "employment_spells-0-separation_date": "2019-06-30",
        "hours_reports-TOTAL_FORMS": "0",
        "hours_reports-INITIAL_FORMS": "0",
    })  # fmt: skip
    response = admin_client_signed_in.post(f"{CHANGELIST}{record.pk}/change/", data)
    assert response.status_code == 302
    spell.refresh_from_db()
    assert str(spell.separation_date) == "2019-06-30"
