"""The backend a signed-in session names (accounts.backends): the account it loads is the ORM's, column for column;
a password is still checked once; an inactive or removed account is signed out; older sessions stay signed in."""

from unittest import mock

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, hashers
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import backends
from accounts.models import PhoneDevice, User
from accounts.tests.conftest import latest_code
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    code = latest_code(PhoneDevice.objects.get(user=user, confirmed=True).number)
    assert client.post("/accounts/login/verify/", {"code": code}).status_code == 302
    return client


def test_the_account_loaded_is_the_orms_field_for_field(employee):
    loaded = backends.read_user(employee.pk)
    by_orm = User.objects.get(pk=employee.pk)

    assert loaded is not None
    assert {f.attname: getattr(loaded, f.attname) for f in User._meta.concrete_fields} == {
        f.attname: getattr(by_orm, f.attname) for f in User._meta.concrete_fields
    }
    assert not loaded._state.adding
    assert loaded._state.db == by_orm._state.db
    assert loaded.get_deferred_fields() == set()
    assert type(loaded.last_login) is type(by_orm.last_login)
    assert loaded.check_password(PASSWORD)


def test_no_such_account_or_no_number_loads_nothing(employee):
    assert backends.read_user(employee.pk + 1000) is None
    assert backends.read_user("not a number") is None


def test_signing_in_names_this_backend_and_each_page_loads_the_account_in_one_query(client, employee):
    signed_in(client, employee)
    assert client.session[BACKEND_SESSION_KEY] == backends.PATH
    client.get("/dashboard/")  # the first page after signing in renews the session

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 302  # to the dashboard: signed in
    reads = [q["sql"] for q in queries.captured_queries if f'FROM "{User._meta.db_table}"' in q["sql"]]
    assert len(reads) == 1


def test_a_wrong_password_is_checked_once(client, employee):
    with mock.patch("django.contrib.auth.base_user.check_password", wraps=hashers.check_password) as checked:
        page = client.post("/accounts/login/", {"username": employee.username, "password": "Wrong!pass1"})
    assert "The username or password is not right" in page.content.decode()
    assert checked.call_count == 1


def test_an_account_made_inactive_is_signed_out_at_its_next_page(client, employee):
    signed_in(client, employee)
    User.objects.filter(pk=employee.pk).update(is_active=False)

    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_session_begun_before_this_backend_stays_signed_in(client, employee):
    signed_in(client, employee)
    session = client.session
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session.save()

    assert client.get("/dashboard/").status_code == 200
