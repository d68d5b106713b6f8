"""'My team's absences': who, when, how long, status; for supervisors only; linked from the nav."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import EmployeeFactory
from cases.tests.factories import CaseFactory, TimeEntryFactory

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
