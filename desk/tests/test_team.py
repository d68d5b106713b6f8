"""'My team's absences': who, when, how long, status; for supervisors only; linked from the nav."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import EmployeeFactory
from cases.models import CaseKind, LeavePattern
from cases.tests.factories import CaseFactory, LeavePeriodFactory, TimeEntryFactory
from desk.tests.conftest import desk_case
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """The page lists current, upcoming and recent absences: pin 'today' so the dates below stay current."""
    monkeypatch.setattr("desk.views.team.timezone.localdate", lambda *a, **k: TODAY)


def leave_of(employee, pattern=LeavePattern.CONTINUOUS, start=date(2027, 1, 5), end=date(2027, 2, 13)):
    case = CaseFactory.create(employee=employee, pattern=pattern)
    LeavePeriodFactory.create(case=case, start_date=start, end_date=end)
    return case


def decide(case, start, end, status=DecisionStatus.APPROVED, code="fmla"):
    PolicyDecisionFactory.create(case=case, policy=policy(code), status=status, start_date=start, end_date=end)


def team_row(page, case_number):
    """The table row of one case, its tags stripped and its spaces collapsed: the words a reader sees."""
    rows = re.findall(r"<tr>.*?</tr>", page, flags=re.DOTALL)
    row = next(row for row in rows if case_number in row)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


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
    client.get(reverse("desk:team"))  # the first request after signing in also renews the session (once a minute)
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


def test_a_partly_approved_leave_shows_the_requested_and_the_approved_dates_in_words(client, supervisor, employee):
    case = leave_of(employee)
    decide(case, date(2027, 1, 5), date(2027, 1, 23))
    decide(case, date(2027, 1, 5), date(2027, 2, 13), status=DecisionStatus.DENIED, code="pfml-medical")
    client.force_login(supervisor)
    row = team_row(client.get(reverse("desk:team")).content.decode(), case.case_number)
    assert "Requested: Jan 5 – Feb 13, 2027. Approved: Jan 5 – Jan 23, 2027." in row
    assert "104 hours approved: 13 scheduled workdays of 8 hours each" in row
    assert "APPROVED" in row
    assert "Family Medical" not in row
    assert "PFML" not in row


def test_a_fully_approved_leave_shows_the_approved_dates_alone(client, supervisor, employee):
    case = leave_of(employee)
    decide(case, date(2027, 1, 5), date(2027, 2, 13))
    client.force_login(supervisor)
    row = team_row(client.get(reverse("desk:team")).content.decode(), case.case_number)
    assert "Approved: Jan 5 – Feb 13, 2027." in row
    assert "Requested" not in row


def test_an_approved_intermittent_leave_shows_only_the_days_inside_the_approved_dates(client, supervisor, employee):
    case = leave_of(employee, pattern=LeavePattern.INTERMITTENT)
    TimeEntryFactory.create(case=case, date=date(2027, 1, 6), minutes=240, full_day=False)
    TimeEntryFactory.create(case=case, date=date(2027, 2, 10), minutes=480)
    decide(case, date(2027, 1, 5), date(2027, 1, 23))
    client.force_login(supervisor)
    row = team_row(client.get(reverse("desk:team")).content.decode(), case.case_number)
    assert "Wed Jan 6, 2027: 4 hours" in row
    assert "Feb 10" not in row
    assert "4 hours reported within the approved dates" in row


def test_a_leave_not_decided_yet_says_so_beside_the_requested_dates(client, supervisor, employee):
    case = leave_of(employee)
    decide(case, date(2027, 1, 5), date(2027, 2, 13), status=DecisionStatus.PENDING)
    client.force_login(supervisor)
    row = team_row(client.get(reverse("desk:team")).content.decode(), case.case_number)
    assert "Requested: Jan 5 – Feb 13, 2027." in row
    assert "Approved" not in row
    assert "Not decided yet" in row


def test_a_cancelled_leave_says_no_time_is_taken_instead_of_a_dash(client, supervisor, employee):
    case = leave_of(employee)
    decide(case, date(2027, 1, 5), date(2027, 2, 13), status=DecisionStatus.PENDING)
    case.cancelled_at = timezone.now()
    case.save()
    client.force_login(supervisor)
    row = team_row(client.get(reverse("desk:team")).content.decode(), case.case_number)
    assert "None: the request was cancelled" in row
    assert "—" not in row.replace("Jan 5 – Feb 13", "")


def test_an_unplanned_absence_keeps_showing_its_day_and_hours(client, supervisor, employee):
    case = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, pattern="")
    TimeEntryFactory.create(case=case, date=date(2026, 11, 30), minutes=300, full_day=False)
    decide(case, date(2026, 11, 30), date(2026, 11, 30), status=DecisionStatus.PENDING, code="employee-sick")
    client.force_login(supervisor)
    row = team_row(client.get(reverse("desk:team")).content.decode(), case.case_number)
    assert "Mon Nov 30, 2026: 5 hours" in row
    assert "5 hours reported" in row
    assert "Decided by the employee's department" in row
    assert "Requested" not in row
    assert "Employee Sick" not in row


def test_the_page_costs_the_same_queries_for_one_case_as_for_twenty_of_every_kind(client, supervisor, employee):
    first = leave_of(employee)
    decide(first, date(2027, 1, 5), date(2027, 1, 23))
    one = team_page_queries(client, supervisor)
    for n in range(19):
        report = EmployeeFactory.create(first_name=f"Report{n}", roster_record__supervisor=supervisor.roster_record)
        kind = n % 3
        if kind == 0:
            case = leave_of(report)
        elif kind == 1:
            case = leave_of(report, pattern=LeavePattern.INTERMITTENT)
            TimeEntryFactory.create(case=case, date=date(2027, 1, 6))
        else:
            case = CaseFactory.create(employee=report, kind=CaseKind.UNPLANNED, pattern="")
            TimeEntryFactory.create(case=case, date=TODAY)
        decide(case, date(2027, 1, 5), date(2027, 1, 10 + n % 5))
    page = client.get(reverse("desk:team")).content.decode()
    assert "Report18" in page
    assert team_page_queries(client, supervisor) == one
