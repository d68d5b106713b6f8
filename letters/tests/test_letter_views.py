"""My Letters: the owner opens and downloads their letters on the case page; the desk (specialist, HR of the
agency) opens them on the desk, audited; anyone else gets a 404 and nobody gets a cached or public copy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import EmployeeFactory
from audit.models import AuditEvent
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import make_hr_professional, make_specialist
from letters.models import Letter
from letters.tests.factories import pdf_bytes, submit_leave

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(db) -> Letter:
    owner = EmployeeFactory.create(email="owner@example.com")
    return Letter.objects.get(case=submit_leave(owner))


def letter_url(letter: Letter) -> str:
    return reverse("letters:letter", args=[letter.case.case_number, letter.pk])


def desk_url(letter: Letter) -> str:
    return reverse("desk:letter", args=[letter.case.case_number, letter.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_owner_opens_the_letter_as_it_was_sent_never_cached(client, letter):
    client.force_login(letter.case.employee)
    response = client.get(letter_url(letter))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert body(response) == pdf_bytes(letter)


def test_the_owner_downloads_it_under_a_plain_file_name(client, letter):
    client.force_login(letter.case.employee)
    response = client.get(letter_url(letter) + "?download=1")
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"FMLA-eligibility-notice-{letter.case.case_number}.pdf" in response["Content-Disposition"]


def test_another_employee_gets_a_404(client, letter):
    client.force_login(EmployeeFactory.create())
    assert client.get(letter_url(letter)).status_code == 404


def test_the_employees_supervisor_gets_a_404_for_the_letter_and_the_desk_copy(client, letter):
    supervisor = EmployeeFactory.create()
    record = letter.case.employee.roster_record
    record.supervisor = supervisor.roster_record
    record.save()
    client.force_login(supervisor)
    assert client.get(letter_url(letter)).status_code == 404
    assert client.get(desk_url(letter)).status_code in (403, 404)


def test_a_letter_of_another_case_is_a_404_under_this_cases_number(client, letter):
    other = Letter.objects.get(case=submit_leave(letter.case.employee))
    client.force_login(letter.case.employee)
    url = reverse("letters:letter", args=[letter.case.case_number, other.pk])
    assert client.get(url).status_code == 404


def test_the_case_page_lists_my_letters(client, letter):
    client.force_login(letter.case.employee)
    page = client.get(reverse("cases:detail", args=[letter.case.case_number])).content.decode()
    assert "My Letters" in page
    assert letter.subject in page
    assert letter_url(letter) in page


def test_the_specialist_opens_it_on_the_desk_and_the_view_is_audited(client, letter):
    sign_in_to_desk(client, make_specialist("letters-specialist"))
    page = client.get(reverse("desk:case", args=[letter.case.case_number])).content.decode()
    assert desk_url(letter) in page
    response = client.get(desk_url(letter))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert body(response) == pdf_bytes(letter)
    assert AuditEvent.objects.filter(
        case_number=letter.case.case_number, target__startswith=f"letter {letter.pk}"
    ).exists()


def test_hr_of_the_agency_reads_it_and_hr_of_another_agency_gets_a_404(client, letter):
    sign_in_to_desk(client, make_hr_professional("letters-hr"))
    assert client.get(desk_url(letter)).status_code == 200
    client.logout()
    sign_in_to_desk(client, make_hr_professional("letters-hr-health", agencies=("Department of Public Health",)))
    assert client.get(desk_url(letter)).status_code == 404
