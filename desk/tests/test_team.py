"""'My team's absences': who, when, how long, status; for supervisors only; linked from the nav."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import EmployeeFactory
from cases.tests.factories import CaseFactory, TimeEntryFactory
from desk.tests.conftest import desk_case

pytestmark = pytest.mark.django_db


def test_a_supervisor_sees_each_reports_absence_with_its_hours_and_status(client, team, report_case):
    supervisor, _report = team
    TimeEntryFactory.create(case=report_case, date=timezone.localdate(), minutes=240, full_day=False, doctor_visit=True)
    client.force_login(supervisor)
    page = client.get(reverse("desk:team")).content.decode()
    assert "My team's absences" in page
    assert "Riley Report" in page
    assert "4 hours" in page
    assert "PENDING" in page


def test_someone_elses_report_is_not_on_the_page(client, team):
    supervisor, _report = team
    stranger_case = CaseFactory.create(employee=EmployeeFactory.create(first_name="Stranger"))
    TimeEntryFactory.create(case=stranger_case, date=timezone.localdate())
    client.force_login(supervisor)
    assert "Stranger" not in client.get(reverse("desk:team")).content.decode()


def test_an_employee_without_reports_is_refused_and_sees_no_link(client):
    client.force_login(EmployeeFactory.create())
    assert client.get(reverse("desk:team")).status_code == 403
    assert "My team" not in client.get(reverse("portal:dashboard")).content.decode()


def test_a_supervisor_finds_the_link_in_the_left_navigation(client, team):
    supervisor, _report = team
    client.force_login(supervisor)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("desk:team") in page


def team_page_queries(client, supervisor):
    client.force_login(supervisor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("desk:team")).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_one_report_as_for_twenty(client, team, report_case):
    supervisor, _report = team
    TimeEntryFactory.create(case=report_case, date=timezone.localdate())
    one = team_page_queries(client, supervisor)
    for n in range(19):
        report = EmployeeFactory.create(first_name=f"Report{n}", roster_record__supervisor=supervisor.roster_record)
        case = desk_case(report)
        TimeEntryFactory.create(case=case, date=timezone.localdate())
        TimeEntryFactory.create(case=case, date=timezone.localdate() - timedelta(days=1))
    page = client.get(reverse("desk:team")).content.decode()
    assert "Report18" in page
    assert team_page_queries(client, supervisor) == one
