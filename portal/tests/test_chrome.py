"""The page chrome rendered once per process (portal.chrome): each person still sees their own name, token,
current page and team link."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import EmployeeWithPhoneFactory
from desk.access import TEAM_CHECKED, TEAM_RECHECK_SECONDS

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("portal:dashboard")
TEAM_LINK = "My team's absences"


def signed_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_each_signed_in_person_sees_their_own_name_in_the_header(employee):
    other = EmployeeWithPhoneFactory.create(first_name="Ana", last_name="<b>Lee</b>")
    assert "Signed in as <strong>Maria Santos</strong>" in signed_in(employee).get(DASHBOARD).content.decode()
    page = signed_in(other).get(DASHBOARD).content.decode()
    assert "Signed in as <strong>Ana &lt;b&gt;Lee&lt;/b&gt;</strong>" in page
    assert "Maria" not in page
    assert "@@fragment" not in page


def test_the_log_out_forms_carry_the_requests_own_token_and_sign_out(employee):
    client = signed_in(employee)
    page = client.get(DASHBOARD).content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert len(tokens) == 1
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 302  # signed out: the dashboard sends them to log in


def test_the_navigation_marks_the_page_being_shown(employee):
    client = signed_in(employee)
    dashboard = client.get(DASHBOARD).content.decode()
    assert f'<a href="{DASHBOARD}" class="usa-current" aria-current="page">Home</a>' in dashboard
    history = client.get(reverse("cases:history")).content.decode()
    assert f'<a href="{reverse("cases:history")}" class="usa-current">View absence status' in history
    assert f'<a href="{DASHBOARD}">Home</a>' in history


def roster_questions(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(DASHBOARD).content.decode()
    return page, sum("roster_rosterrecord" in query["sql"] for query in queries)


def test_a_supervisor_sees_the_team_link_and_the_roster_is_asked_once_in_five_minutes(supervisor):
    client = signed_in(supervisor)
    page, asked = roster_questions(client)
    assert TEAM_LINK in page
    assert asked == 1
    page, asked = roster_questions(client)
    assert TEAM_LINK in page
    assert asked == 0

    session = client.session
    who, answer, when = session[TEAM_CHECKED]
    session[TEAM_CHECKED] = [who, answer, when - TEAM_RECHECK_SECONDS - 1]
    session.save()
    assert roster_questions(client)[1] == 1


def test_an_employee_without_reports_sees_no_team_link(employee):
    assert TEAM_LINK not in signed_in(employee).get(DASHBOARD).content.decode()
