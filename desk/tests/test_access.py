"""Each role's forbidden pages and objects are refused."""

import pytest
from django.urls import reverse

from accounts.tests.factories import EmployeeFactory
from desk.tests.conftest import sign_in_to_desk

pytestmark = pytest.mark.django_db


def test_an_employee_opening_the_desk_is_refused(client):
    client.force_login(EmployeeFactory.create())
    assert client.get(reverse("desk:queue")).status_code == 403


def test_an_employee_cannot_reach_a_desk_case_even_with_its_number(client, report_case):
    client.force_login(EmployeeFactory.create())
    assert client.get(reverse("desk:case", args=[report_case.case_number])).status_code == 403


def test_a_supervisor_opening_a_reports_desk_case_is_refused(client, team, report_case):
    supervisor, _report = team
    client.force_login(supervisor)
    response = client.get(reverse("desk:case", args=[report_case.case_number]))
    assert response.status_code == 403
    assert b"R69" not in response.content


def test_a_supervisor_opening_a_reports_portal_case_gets_not_found(client, team, report_case):
    supervisor, _report = team
    client.force_login(supervisor)
    for name in ("cases:detail", "cases:timeline"):
        response = client.get(reverse(name, args=[report_case.case_number]))
        assert response.status_code == 404, name


def test_an_hr_professional_opening_another_agencys_case_gets_not_found(client, hr_professional, health_case):
    sign_in_to_desk(client, hr_professional)
    assert client.get(reverse("desk:case", args=[health_case.case_number])).status_code == 404


def test_an_hr_professional_sees_their_agencys_case_with_its_reasons(client, hr_professional, report_case):
    sign_in_to_desk(client, hr_professional)
    response = client.get(reverse("desk:case", args=[report_case.case_number]))
    assert response.status_code == 200
    assert b"Zygomatic-Quokka-Syndrome-7731" in response.content
    assert b"Save decisions" not in response.content


def test_an_hr_professional_cannot_change_a_case(client, hr_professional, report_case):
    sign_in_to_desk(client, hr_professional)
    decision = report_case.decisions.get()
    case_url = reverse("desk:case", args=[report_case.case_number])
    posts = [(case_url, {"action": action}) for action in ("decide", "request_document", "record_call")]
    posts.append((reverse("desk:cancel", args=[report_case.case_number]), {}))
    for url, data in posts:
        assert client.post(url, data).status_code == 403, (url, data)
    decision.refresh_from_db()
    assert decision.status == "pending"


def test_staff_who_skipped_the_second_step_are_sent_to_the_desk_sign_in(client, specialist):
    client.force_login(specialist)
    response = client.get(reverse("desk:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("desk:login"))


def test_a_signed_out_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("desk:queue"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_decision_of_another_case_cannot_be_changed_through_this_case(client, specialist, report_case, health_case):
    sign_in_to_desk(client, specialist)
    other = health_case.decisions.get()
    prefix = f"decision-{other.pk}"
    client.post(
        reverse("desk:case", args=[report_case.case_number]),
        {"action": "decide", f"{prefix}-outcome": "approved", f"{prefix}-start_date": "2026-11-30",
         f"{prefix}-end_date": "2027-05-28", f"{prefix}-version": "1"},
    )  # fmt: skip
    other.refresh_from_db()
    assert other.status == "pending"
