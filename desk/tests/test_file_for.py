"""An HR professional reports an absence for an employee of their agency, from the desk.

They find the employee (only registered, active employees of their own agencies), then answer the portal's
questions; the case is the employee's, marked as reported by their agency's HR office; the employee is sent
the confirmation by their own channel and adds the reason. Nobody else files from here.
"""

import pytest

from accounts.tests.factories import UserFactory
from cases.models import Case, CaseEvent, CaseEventKind, FiledAs
from desk.models import AgencyAuthorization
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import HEALTH, REVENUE, make_hr_professional, make_specialist
from intake.models import Draft
from intake.tests.people import roster_record, supervisor_and_employee
from intake.tests.walking import days_from_today, enter_day, post_ok, step_url
from notices.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def harper(client):
    """Harper Reyes, HR professional for the Department of Revenue, signed in to the desk."""
    hr = make_hr_professional()
    sign_in_to_desk(client, hr)
    return hr


@pytest.fixture
def maria():
    """Maria Santos, registered, of the Department of Revenue (her supervisor is James Walsh)."""
    _, employee = supervisor_and_employee()
    return employee


def choose(client, employee, absence_type="unplanned"):
    response = client.post("/desk/file-for/", {"employee": employee.pk})
    assert response["Location"] == "/request/absence-type/"
    return post_ok(client, "/request/absence-type/", {"absence_type": absence_type})


def test_hr_finds_registered_employees_of_their_agencies_by_name_or_number(client, harper, maria):
    roster_record("100007", "Marian", "Santoro")  # of Revenue, never registered
    UserFactory.create(
        username="hsantos", roster_record=roster_record("100008", "Maria", "Santos-Health", agency=HEALTH)
    )
    left = roster_record("100006", "Mariana", "Santos", is_active=False)
    UserFactory.create(username="left", roster_record=left)

    page = client.get("/desk/file-for/", {"search": "santos maria"}).content.decode()
    assert "1 employee found" in page
    assert "Maria Santos" in page
    assert "#100001 · Department of Revenue" in page
    assert "Santos-Health" not in page  # another agency's employee
    assert "Mariana" not in page  # no longer active
    by_number = client.get("/desk/file-for/", {"search": "100001"}).content.decode()
    assert "Maria Santos" in by_number
    none = client.get("/desk/file-for/", {"search": "Santoro"}).content.decode()
    assert "No employee of your agencies who has registered for the portal matches “Santoro”." in none
    assert "call Workpartners at 1-833-640-2800" in none


def test_an_empty_search_says_what_to_type_and_a_fresh_page_shows_no_error(client, harper):
    assert "Type the employee" not in client.get("/desk/file-for/").content.decode()
    page = client.get("/desk/file-for/", {"search": "  "}).content.decode()
    assert "Type the employee&#x27;s name or employee number." in page


def test_the_desk_navigation_offers_it_to_hr_only(client, harper):
    assert 'href="/desk/file-for/"' in client.get("/desk/").content.decode()
    sign_in_to_desk(client, make_specialist())
    assert 'href="/desk/file-for/"' not in client.get("/desk/").content.decode()


def test_specialists_supervisors_and_employees_cannot_file_from_the_desk(client, maria):
    sign_in_to_desk(client, make_specialist())
    assert client.get("/desk/file-for/").status_code == 403
    assert client.post("/desk/file-for/", {"employee": maria.pk}).status_code == 403
    james = maria.roster_record.supervisor.account
    client.force_login(james)
    assert client.post("/desk/file-for/", {"employee": maria.pk}).status_code == 403
    client.force_login(maria)
    assert client.get("/desk/file-for/").status_code == 403
    assert not Draft.objects.exists()


def test_an_employee_of_another_agency_or_a_forged_id_is_refused(client, harper):
    other = UserFactory.create(username="other", roster_record=roster_record("100009", "Olga", "Other", agency=HEALTH))
    assert client.post("/desk/file-for/", {"employee": other.pk}).status_code == 403
    assert client.post("/desk/file-for/", {"employee": "1 or 1=1"}).status_code == 403
    assert client.post("/desk/file-for/", {"employee": harper.pk}).status_code == 403  # not for themselves
    # Nothing was chosen: the absence type sends them back to the search.
    assert client.get("/request/absence-type/")["Location"] == "/request/file-for/"
    assert not Draft.objects.exists()


def test_hr_reports_an_unplanned_absence_and_the_employee_sees_who_reported_it(client, harper, maria):
    url = choose(client, maria)
    page = client.get(url).content.decode()
    assert "You are reporting this absence for Maria Santos." in page
    url = post_ok(client, url, {"absence_for": "myself"})
    url = enter_day(client, url, days_from_today(1))
    url = post_ok(client, url, {"action": "next"})
    assert url.endswith("/overtime-shift/")  # no reason question: it is the employee's to give
    url = post_ok(client, url, {"overtime_shift": "not_ot"})
    confirmation = client.post(url, follow=True).content.decode()
    assert "The absence has been reported." in confirmation
    assert 'href="/desk/file-for/"' in confirmation  # "Report an absence for another employee"

    case = Case.objects.get()
    assert (case.employee, case.filed_by, case.filed_as) == (maria, harper, FiledAs.HR)
    assert not case.conditions.exists()
    assert CaseEvent.objects.get(case=case, kind=CaseEventKind.SUBMITTED).actor == harper
    confirmation_notice = Message.objects.get(template="intake_unplanned_confirmation")
    assert confirmation_notice.recipient == "maria@home.example"
    assert "reported for you by your agency's HR office, Harper Reyes" in confirmation_notice.body
    # On the HR professional's desk, where their agency's day-to-day absences are listed.
    assert case.case_number in client.get("/desk/", {"status": "department"}).content.decode()

    sign_in_to_desk(client, make_specialist())
    desk_page = client.get(f"/desk/cases/{case.case_number}/").content.decode()
    assert "Harper Reyes, HR professional of the agency · the employee has not given the reason yet" in desk_page

    client.force_login(maria)
    assert "Reported by your agency&#x27;s HR office, Harper Reyes" in client.get("/cases/").content.decode()
    reason_page = client.get(f"/request/cases/{case.case_number}/reason/").content.decode()
    assert "Your agency&#x27;s HR office, Harper Reyes, reported this absence for you without a reason." in reason_page


def test_hr_starts_a_protected_leave_without_the_reason_or_contact_questions(client, harper, maria):
    url = choose(client, maria, "employee_health")
    draft = Draft.objects.get()
    assert (draft.owner, draft.employee, draft.filed_as) == (harper, maria, FiledAs.HR)
    assert url == step_url(draft, "continuous-or-intermittent")
    url = post_ok(client, url, {"continuous": "yes"})
    url = post_ok(
        client, url, {"start_date": days_from_today(3).isoformat(), "end_date": days_from_today(20).isoformat()}
    )
    url = post_ok(client, url, {"payment_option": "employer_paid", "work_related": "no"})
    assert url == step_url(draft, "summary")
    client.post(url)
    case = Case.objects.get()
    assert (case.employee, case.filed_as, case.email) == (maria, FiledAs.HR, "maria@home.example")


def test_the_absence_type_speaks_of_the_employee(client, harper, maria):
    client.post("/desk/file-for/", {"employee": maria.pk})
    page = client.get("/request/absence-type/").content.decode()
    assert "You are reporting an absence for Maria Santos." in page
    assert "The employee is ill or injured (continuous or intermittent medical leave)" in page
    assert "I am ill or injured" not in page
    assert 'href="/desk/file-for/"' in page  # Back goes to the search


def test_hr_whose_authorization_for_the_agency_ended_cannot_submit(client, harper, maria):
    url = choose(client, maria)
    url = post_ok(client, url, {"absence_for": "myself"})
    url = enter_day(client, url, days_from_today(1))
    url = post_ok(client, post_ok(client, url, {"action": "next"}), {"overtime_shift": "not_ot"})
    AgencyAuthorization.objects.filter(agency=REVENUE).delete()
    assert client.post(url).status_code == 403
    assert not Case.objects.exists()
