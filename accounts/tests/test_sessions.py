from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import PhoneDevice, UserSession
from accounts.tests.conftest import latest_code
from accounts.tests.factories import PASSWORD, EmployeeWithPhoneFactory
from accounts.tests.walks import sign_in
from accounts.user_sessions import RECHECK_EVERY, RENEWED_AT, SIGNED_IN_AT

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(employee):
    client = Client(HTTP_USER_AGENT="Test browser")
    sign_in(client, "msantos", PASSWORD, PhoneDevice.objects.get(user=employee).number)
    return client


def test_each_sign_in_is_listed_with_its_browser_and_address(signed_in, employee):
    row = UserSession.objects.get(user=employee)
    assert row.session_key == signed_in.session.session_key
    assert row.user_agent == "Test browser"
    assert row.ip_address == "127.0.0.1"


def test_signing_out_ends_the_session_on_the_server_so_its_cookie_opens_nothing(signed_in):
    cookie = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    signed_in.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=cookie).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert replay.get("/dashboard/")["Location"].startswith("/accounts/login/")


def test_signing_out_needs_a_post(signed_in):
    signed_in.get("/accounts/logout/")
    assert signed_in.get("/dashboard/").status_code == 200


def test_an_idle_session_expires(signed_in):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert signed_in.get("/dashboard/")["Location"].startswith("/accounts/login/")


def test_a_session_ends_after_12_hours_however_busy(signed_in):
    session = signed_in.session
    session[SIGNED_IN_AT] = (timezone.now() - timedelta(hours=12, minutes=1)).timestamp()
    session.save()
    assert signed_in.get("/dashboard/")["Location"] == "/accounts/session/ended/"
    assert signed_in.get("/dashboard/")["Location"].startswith("/accounts/login/")


def test_stay_signed_in_renews_a_live_session_only(signed_in):
    assert signed_in.post("/accounts/session/extend/").json()["signed_in"] is True
    assert Client().post("/accounts/session/extend/").status_code == 401


def test_a_password_reset_ends_the_accounts_other_sessions(signed_in, employee):
    number = PhoneDevice.objects.get(user=employee).number
    resetting = Client()
    resetting.post("/accounts/reset-password/", {"username": "msantos"})
    resetting.post("/accounts/reset-password/verify/", {"code": latest_code(number)})
    new = {"password": "Fresh!Start2", "confirm_password": "Fresh!Start2"}
    assert resetting.post("/accounts/reset-password/new/", new)["Location"] == "/accounts/reset-password/done/"
    assert signed_in.get("/dashboard/")["Location"].startswith("/accounts/login/")
    assert not UserSession.objects.filter(user=employee).exists()


def test_a_session_ended_from_the_profile_is_signed_out(signed_in, employee):
    other = Client()
    sign_in(other, "msantos", PASSWORD, PhoneDevice.objects.get(user=employee).number)
    row = UserSession.objects.get(session_key=other.session.session_key)
    assert signed_in.post(f"/accounts/profile/sessions/{row.pk}/end/")["Location"] == "/accounts/profile/"
    assert other.get("/dashboard/")["Location"].startswith("/accounts/login/")
    assert signed_in.get("/dashboard/").status_code == 200


def test_someone_cannot_end_another_persons_session(signed_in):
    stranger = EmployeeWithPhoneFactory.create()
    other = Client()
    other.force_login(stranger)
    row = UserSession.objects.get(user=stranger)
    signed_in.post(f"/accounts/profile/sessions/{row.pk}/end/")
    assert other.get("/dashboard/").status_code == 200


def test_signed_in_pages_carry_the_stay_signed_in_modal(signed_in):
    body = signed_in.get("/dashboard/").content.decode()
    assert 'id="session-timeout-modal"' in body
    assert 'data-idle-seconds="900"' in body
    assert "js/session-timeout.js" in body


def _statements(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def test_a_request_within_the_minute_writes_no_session_and_asks_nothing_of_the_checks(signed_in):
    signed_in.get("/dashboard/")  # the first request after signing in renews and rechecks
    with CaptureQueriesContext(connection) as captured:
        assert signed_in.get("/dashboard/").status_code == 200
    statements = _statements(captured)
    # The session is read (from the cache, in production) and the user; the sign-in checks read nothing.
    assert not [sql for sql in statements if "accounts_usersession" in sql or "accounts_phonedevice" in sql]
    assert not [sql for sql in statements if "otp_" in sql]
    assert not [sql for sql in statements if sql.startswith(("UPDATE", "INSERT")) and "django_session" in sql]


def test_a_minute_later_the_request_renews_the_idle_timeout_and_rechecks_the_session(signed_in, employee):
    signed_in.get("/dashboard/")
    session = signed_in.session
    session[RENEWED_AT] = (timezone.now() - RECHECK_EVERY - timedelta(seconds=1)).timestamp()
    session.save()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=2))
    UserSession.objects.update(last_seen_at=timezone.now() - timedelta(minutes=5))
    assert signed_in.get("/dashboard/").status_code == 200
    stored = Session.objects.get(session_key=signed_in.session.session_key)
    assert stored.expire_date > timezone.now() + timedelta(minutes=14)
    assert UserSession.objects.get(user=employee).last_seen_at > timezone.now() - timedelta(seconds=5)


def test_a_session_ended_elsewhere_is_signed_out_at_once_even_within_the_minute(signed_in, employee):
    signed_in.get("/dashboard/")
    UserSession.objects.filter(user=employee).delete()
    Session.objects.filter(session_key=signed_in.session.session_key).delete()
    assert signed_in.get("/dashboard/")["Location"].startswith("/accounts/login/")


def test_a_session_no_longer_listed_is_signed_out_at_the_next_recheck(signed_in, employee):
    signed_in.get("/dashboard/")
    UserSession.objects.filter(user=employee).delete()
    session = signed_in.session
    session[RENEWED_AT] = (timezone.now() - RECHECK_EVERY).timestamp()
    session.save()
    assert signed_in.get("/dashboard/")["Location"] == "/accounts/session/ended/"


def test_the_timeout_modal_counts_from_the_last_renewal(signed_in):
    signed_in.get("/dashboard/")
    session = signed_in.session
    session[RENEWED_AT] = (timezone.now() - timedelta(seconds=40)).timestamp()
    session.save()
    body = signed_in.get("/dashboard/").content.decode()
    seconds = int(body.split('data-idle-seconds="')[1].split('"')[0])
    assert 855 <= seconds <= 860


def test_every_signed_in_answer_says_how_long_the_session_has_left(signed_in):
    signed_in.get("/dashboard/")
    assert 895 <= int(signed_in.get("/dashboard/")["Session-Idle-Seconds"]) <= 900
    assert "Session-Idle-Seconds" not in Client().get("/accounts/login/")
