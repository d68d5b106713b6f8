"""The desk's own shell around the queue and every other desk page: the staff header (the administrator, the
staff member and their role, a sign-out) and the desk's navigation, never the employee portal's menu."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from desk.models import Role, StaffRole
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import make_supervisor_with_report

pytestmark = pytest.mark.django_db


def header_text(page):
    header = re.search(r'<header class="desk-header">.*?</header>', page, flags=re.DOTALL)
    assert header, "the page has no desk header"
    return " ".join(re.sub(r"<[^>]+>", " ", header[0]).split()).replace(" ,", ",")


def nav_links(page):
    nav = re.search(r'<nav class="desk-nav".*?</nav>', page, flags=re.DOTALL)
    assert nav, "no desk navigation"
    return re.findall(r'<a class="desk-nav__link" href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav[0])


def test_a_specialist_sees_the_administrator_their_name_and_role_and_a_sign_out(client, specialist):
    sign_in_to_desk(client, specialist)
    text = header_text(client.get(reverse("desk:queue")).content.decode())
    assert settings.ADMINISTRATOR["name"] in text
    assert "Case desk" in text
    assert "Signed in as Casey Specialist, Case specialist" in text
    assert "Sign out" in text


def test_the_desk_navigation_marks_the_queue_and_has_no_portal_menu(client, specialist):
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:queue")).content.decode()
    links = nav_links(page)
    assert ("/desk/", ' aria-current="page"', "Queue") in links
    assert [label for _url, _current, label in links if _current] == ["Queue"]
    assert "Request an absence" not in page
    assert "usa-sidenav" not in page
    assert "Report an absence for an employee" not in page  # HR's, not a specialist's


def test_the_pages_not_built_yet_are_left_out_of_the_navigation_and_appear_once_routed(client, specialist):
    sign_in_to_desk(client, specialist)
    labels = [label for _u, _c, label in nav_links(client.get(reverse("desk:queue")).content.decode())]
    assert "Queue" in labels
    for name, label in (("desk:my_work", "My work"), ("desk:reports", "Reports")):
        try:
            reverse(name)
        except NoReverseMatch:  # another branch builds that page
            assert label not in labels
        else:
            assert label in labels


def test_an_hr_professional_is_named_with_their_role_and_can_report_an_absence_for_an_employee(client, hr_professional):
    sign_in_to_desk(client, hr_professional)
    page = client.get(reverse("desk:file_for")).content.decode()
    assert "Signed in as Harper Reyes, HR professional" in header_text(page)
    assert ("/desk/file-for/", ' aria-current="page"', "Report an absence for an employee") in nav_links(page)
    assert "My work" not in [label for _u, _c, label in nav_links(page)]


def test_a_specialist_who_supervises_someone_has_the_team_link(client):
    supervisor, _report = make_supervisor_with_report()
    StaffRole.objects.create(user=supervisor, role=Role.SPECIALIST)
    sign_in_to_desk(client, supervisor)
    assert ("/desk/team/", "", "Team") in nav_links(client.get(reverse("desk:queue")).content.decode())


def _asks_for_reports(sql: str) -> bool:
    return '"roster_rosterrecord"."supervisor_id" = ' in sql and "LIMIT 1" in sql


def test_the_team_link_is_asked_of_the_roster_as_the_portal_asks_it_not_on_every_desk_page(client):
    supervisor, _report = make_supervisor_with_report()
    StaffRole.objects.create(user=supervisor, role=Role.SPECIALIST)
    sign_in_to_desk(client, supervisor)
    client.get(reverse("desk:queue"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("desk:queue")).content.decode()
    assert ("/desk/team/", "", "Team") in nav_links(page)
    assert not [q["sql"] for q in queries.captured_queries if _asks_for_reports(q["sql"])]


def test_a_specialist_without_reports_has_no_team_link(client, specialist):
    sign_in_to_desk(client, specialist)
    labels = [label for _u, _c, label in nav_links(client.get(reverse("desk:queue")).content.decode())]
    assert "Team" not in labels


def test_the_case_page_and_cancel_page_are_in_the_desk_shell(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    for url in (
        reverse("desk:case", args=[report_case.case_number]),
        reverse("desk:cancel", args=[report_case.case_number]),
    ):
        page = client.get(url).content.decode()
        assert "Signed in as Casey Specialist, Case specialist" in header_text(page)
        assert "usa-sidenav" not in page


def test_the_desk_sign_in_page_shows_the_shell_without_anyone_signed_in(client):
    page = client.get(reverse("desk:login")).content.decode()
    text = header_text(page)
    assert settings.ADMINISTRATOR["name"] in text
    assert "Signed in" not in text
    assert "Sign out" not in text
    assert "desk-nav" not in page
    assert "Case desk: log in" in page
