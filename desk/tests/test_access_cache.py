"""A desk page reads the staff member's role and agencies from the session after the first page, and asks the
database again at a new sign-in, after five minutes, or at once when any staff role or authorization changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from desk.access import STAFF_CHECKED, STAFF_RECHECK_SECONDS
from desk.models import AgencyAuthorization, Role, StaffRole
from desk.tests.conftest import sign_in_to_desk

pytestmark = pytest.mark.django_db

ROLE_READS = ('FROM "desk_staffrole" WHERE "desk_staffrole"."user_id"', 'FROM "desk_agencyauthorization"')


def role_reads(client, url):
    """The queries of one page that read the signed-in person's staff role or its agency authorizations."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if any(read in q["sql"] for read in ROLE_READS)]


def test_a_desk_page_after_the_first_reads_no_staff_role(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    queue, case = reverse("desk:queue"), reverse("desk:case", args=[report_case.case_number])
    assert len(role_reads(client, queue)) == 2  # the role, then its agencies
    assert role_reads(client, queue) == []
    assert role_reads(client, case) == []


def test_an_hr_professionals_agencies_come_from_the_session_and_still_scope_the_cases(
    client, hr_professional, report_case, health_case
):
    sign_in_to_desk(client, hr_professional)
    client.get(reverse("desk:queue"))
    assert role_reads(client, reverse("desk:case", args=[report_case.case_number])) == []
    assert client.get(reverse("desk:case", args=[health_case.case_number])).status_code == 404


def test_a_role_taken_away_closes_the_desk_at_once(client, specialist, django_capture_on_commit_callbacks):
    sign_in_to_desk(client, specialist)
    assert client.get(reverse("desk:queue")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        StaffRole.objects.get(user=specialist).delete()
    assert client.get(reverse("desk:queue")).status_code == 403


def test_an_agency_authorized_shows_its_cases_at_once(
    client, hr_professional, health_case, django_capture_on_commit_callbacks
):
    sign_in_to_desk(client, hr_professional)
    url = reverse("desk:case", args=[health_case.case_number])
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        AgencyAuthorization.objects.create(
            staff_role=hr_professional.staff_role, agency=health_case.employee.roster_record.agency
        )
    assert client.get(url).status_code == 200


def test_a_role_changed_without_a_signal_is_read_again_after_five_minutes(client, specialist):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:queue")
    client.get(url)
    StaffRole.objects.filter(user=specialist).update(role=Role.HR)  # a bulk write: no signal
    assert "Case specialist" in client.get(url).content.decode()  # as the session read it
    session = client.session
    checked = session[STAFF_CHECKED]
    checked[4] -= STAFF_RECHECK_SECONDS + 1
    session[STAFF_CHECKED] = checked
    session.save()
    assert len(role_reads(client, url)) == 2
    assert session.load()[STAFF_CHECKED][2] == Role.HR


def test_another_persons_role_in_the_session_is_not_trusted(client, specialist, hr_professional):
    sign_in_to_desk(client, specialist)
    client.get(reverse("desk:queue"))
    kept = client.session[STAFF_CHECKED]
    sign_in_to_desk(client, hr_professional)
    session = client.session
    session[STAFF_CHECKED] = kept  # the specialist's answer, left in a session that is now Harper's
    session.save()
    assert len(role_reads(client, reverse("desk:queue"))) == 2
    assert client.session[STAFF_CHECKED][2] == Role.HR
