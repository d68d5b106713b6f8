"""A supervisor files an absence for one of their direct reports ("I want to file an absence for: My employee").

The case is the employee's and records who filed it; the supervisor gives no reason, the employee does,
afterwards, from their case page; the supervisor never sees it.
"""

import pytest

from accounts.tests.factories import UserFactory
from cases.models import Case, CaseCondition, CaseEvent, CaseEventKind
from intake.models import Draft, FlowType
from intake.tests.people import roster_record, supervisor_and_employee
from intake.tests.walking import days_from_today, enter_day, post_ok, step_url
from notices.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def james_and_maria(client):
    """James Walsh, signed in, supervises Maria Santos."""
    james, maria = supervisor_and_employee()
    client.force_login(james)
    return james, maria


def choose_maria(client, maria, absence_type="unplanned"):
    post_ok(client, "/request/file-for/", {"filer": "employee"})
    post_ok(client, "/request/file-for/employee/", {"employee": maria.pk})
    return post_ok(client, "/request/absence-type/", {"absence_type": absence_type})


def report_unplanned_absence_for(client, maria):
    url = choose_maria(client, maria)
    url = post_ok(client, url, {"absence_for": "myself"})
    url = enter_day(client, url, days_from_today(1))
    url = post_ok(client, url, {"action": "next"})
    assert url.endswith("/overtime-shift/")  # no reason question: the reason is the employee's to give
    url = post_ok(client, url, {"overtime_shift": "not_ot"})
    assert url.endswith("/summary/")
    return client.post(url, follow=True).content.decode()


def test_who_is_this_absence_for_starts_on_myself_as_the_guide_shows(client):
    _, maria = supervisor_and_employee()
    client.force_login(maria)
    page = client.get("/request/unplanned/").content.decode()
    myself = page[page.index('value="myself"') :]
    assert myself[: myself.index(">")].endswith("checked")


def test_a_supervisor_chooses_from_their_active_direct_reports_who_have_accounts(client, james_and_maria):
    james, _ = james_and_maria
    left = roster_record("100003", "Ana", "Lopes", supervisor=james.roster_record, is_active=False)
    UserFactory.create(username="alopes", first_name="Ana", last_name="Lopes", roster_record=left)
    roster_record("100004", "Tom", "Never", supervisor=james.roster_record)  # never registered
    someone_elses = UserFactory.create(username="other", first_name="Olga", last_name="Other",
                                       roster_record=roster_record("100005", "Olga", "Other"))  # fmt: skip
    post_ok(client, "/request/file-for/", {"filer": "employee"})
    page = client.get("/request/file-for/employee/").content.decode()
    assert "Which employee is this absence for?" in page
    assert "Maria Santos (#100001)" in page
    assert "Ana Lopes" not in page
    assert "Tom Never" not in page
    assert someone_elses.last_name not in page


def test_a_forged_employee_id_is_refused(client, james_and_maria):
    stranger = UserFactory.create(username="stranger", roster_record=roster_record("100009", "Sam", "Stranger"))
    post_ok(client, "/request/file-for/", {"filer": "employee"})
    response = client.post("/request/file-for/employee/", {"employee": stranger.pk})
    assert response.status_code == 200
    assert "Select one of your direct reports." in response.content.decode()
    assert client.get("/request/absence-type/")["Location"] == "/request/file-for/employee/"
    assert not Draft.objects.exists()


def test_a_draft_for_someone_who_is_no_longer_a_report_is_refused_on_submit(client, james_and_maria):
    _, maria = james_and_maria
    url = choose_maria(client, maria)
    url = post_ok(client, url, {"absence_for": "myself"})
    url = enter_day(client, url, days_from_today(1))
    url = post_ok(client, post_ok(client, url, {"action": "next"}), {"overtime_shift": "not_ot"})
    maria.roster_record.supervisor = None
    maria.roster_record.save()
    assert client.post(url).status_code == 403
    assert not Case.objects.exists()


def test_the_whole_path_a_supervisor_reports_an_unplanned_absence_the_employee_sees_it_marked(client, james_and_maria):
    james, maria = james_and_maria
    page = report_unplanned_absence_for(client, maria)
    case = Case.objects.get()
    assert "The absence has been reported." in page
    assert case.case_number in page

    # The case is Maria's, filed by James, with no reason yet; the draft was James's and named Maria.
    assert (case.employee, case.filed_by) == (maria, james)
    assert not case.conditions.exists()
    assert Draft.objects.get().owner == james
    assert Draft.objects.get().employee == maria
    # Maria is sent the confirmation by her own channel; James still gets the supervisor's absence notice.
    assert Message.objects.filter(template="intake_unplanned_confirmation", recipient="maria@home.example").exists()
    assert Message.objects.filter(template="case_supervisor_absence", recipient="james.walsh@home.example").exists()

    # James's team page shows the absence; his own history does not, and the case page is not his.
    team = client.get("/desk/team/").content.decode()
    assert case.case_number in team
    assert "Maria Santos" in team
    assert case.case_number not in client.get("/cases/").content.decode()
    assert client.get(f"/cases/{case.case_number}/").status_code == 404

    client.force_login(maria)
    history = client.get("/cases/").content.decode()
    assert case.case_number in history
    assert "Reported by your supervisor, James Walsh" in history


def test_the_employee_adds_the_reason_afterwards_and_the_supervisor_never_sees_it(client, james_and_maria):
    james, maria = james_and_maria
    report_unplanned_absence_for(client, maria)
    case = Case.objects.get()
    # James cannot give the reason himself.
    assert client.get(f"/request/cases/{case.case_number}/reason/").status_code == 404

    client.force_login(maria)
    detail = client.get(f"/cases/{case.case_number}/").content.decode()
    assert "Reported by your supervisor, James Walsh" in detail
    assert f'href="/request/cases/{case.case_number}/reason/"' in detail
    assert (
        "Add the reason for this absence" in client.get(f"/request/cases/{case.case_number}/reason/").content.decode()
    )
    two = client.post(f"/request/cases/{case.case_number}/reason/", {"reasons": ["Flu", "Fever"], "action": "next"})
    assert "Unplanned Absences only allow for one (1) reason." in two.content.decode()
    post_ok(client, f"/request/cases/{case.case_number}/reason/", {"reasons": ["Migraine"], "action": "next"})
    assert list(CaseCondition.objects.values_list("label", flat=True)) == ["Migraine"]
    event = CaseEvent.objects.get(kind=CaseEventKind.REASON_ADDED)
    assert event.actor == maria
    assert "Migraine" not in event.summary
    detail = client.get(f"/cases/{case.case_number}/").content.decode()
    assert "Migraine" in detail
    assert "/reason/" not in detail  # given once; changing it is a call to Workpartners
    assert client.get(f"/request/cases/{case.case_number}/reason/")["Location"] == f"/cases/{case.case_number}/"

    client.force_login(james)
    team = client.get("/desk/team/").content.decode()
    assert case.case_number in team
    assert "Migraine" not in team
    assert not Message.objects.filter(recipient="james.walsh@home.example", body__contains="Migraine").exists()


def test_an_employees_own_case_has_no_reason_step(client):
    _, maria = supervisor_and_employee()
    client.force_login(maria)
    url = post_ok(client, "/request/unplanned/", {"absence_for": "myself"})
    url = enter_day(client, url, days_from_today(1))
    url = post_ok(client, post_ok(client, url, {"action": "next"}), {"reasons": ["Flu"], "action": "next"})
    client.post(post_ok(client, url, {"overtime_shift": "not_ot"}))
    case = Case.objects.get()
    assert case.filed_by is None
    assert client.get(f"/request/cases/{case.case_number}/reason/")["Location"] == f"/cases/{case.case_number}/"
    assert "Reported by your supervisor" not in client.get("/cases/").content.decode()


def test_a_supervisor_starts_a_protected_leave_for_a_report_without_reason_or_contact_questions(
    client, james_and_maria
):
    james, maria = james_and_maria
    url = choose_maria(client, maria, "employee_health")
    draft = Draft.objects.get()
    assert (draft.flow, draft.owner, draft.employee) == (FlowType.LEAVE, james, maria)
    assert url == step_url(draft, "continuous-or-intermittent")  # the Reason for Leave is skipped
    assert "You are reporting this absence for Maria Santos." in client.get(url).content.decode()
    url = post_ok(client, url, {"continuous": "yes"})
    start, end = days_from_today(3), days_from_today(20)
    url = post_ok(client, url, {"start_date": start.isoformat(), "end_date": end.isoformat()})
    url = post_ok(client, url, {"payment_option": "employer_paid", "work_related": "no"})
    assert url == step_url(draft, "summary")  # no communication preference: the employee's own email is used
    summary = client.get(url).content.decode()
    assert "Sent to the employee, by the email on their account" in summary
    page = client.post(url, follow=True).content.decode()
    case = Case.objects.get()
    assert "The absence has been reported." in page
    assert (case.employee, case.filed_by, case.email, case.contact_by_email) == (
        maria,
        james,
        "maria@home.example",
        True,
    )
    assert not case.conditions.exists()
    assert Message.objects.filter(template="intake_leave_confirmation", recipient="maria@home.example").exists()

    client.force_login(maria)
    post_ok(client, f"/request/cases/{case.case_number}/reason/", {"reasons": ["Surgery", "Flu"], "action": "next"})
    assert list(case.conditions.values_list("label", flat=True)) == ["Surgery", "Flu"]


def test_the_supervisors_draft_says_whom_it_is_for(client, james_and_maria):
    _, maria = james_and_maria
    choose_maria(client, maria, "employee_health")
    assert Draft.objects.get().description == "Leave of absence: Employee Health Condition (for Maria Santos)"
