"""The history's first page, the timeline and the case page's body, kept rendered under the employee's balance stamp
(cases.views.history, ADR 0012): stored after the first view, and after every kind of change they show, the next
view shows the change."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (dates read best short)
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from absence.days import DayEntry
from accounts.tests.factories import EmployeeFactory
from cases.documents.actions import add_document
from cases.models import Case, CaseKind, DocumentType, FiledAs, LeavePattern
from cases.submission import add_case_reasons
from cases.tests.conftest import PDF_BYTES
from cases.tests.factories import CaseFactory
from cases.tests.test_history_view import count_queries, measured_queries
from cases.time_entries import add_time_entries
from conditions.vocabulary import Reason
from desk import actions, returns
from desk.certification import CertificationFacts, record_certification
from desk.tests.test_certification import TWO_A_MONTH
from letters.issuing import issue_letter
from letters.models import LetterKind
from policies.models import Policy
from policies.tests.factories import PolicyDecisionFactory, approve, leave_case, policy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("employee_client")]  # signed in as the employee
HISTORY = reverse("cases:history")


def timeline(case: Case) -> str:
    return reverse("cases:timeline", args=[case.case_number])


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def leave(employee):
    """Three weeks of continuous leave, Mar 2 to Mar 20, 2026, FMLA pending on the desk."""
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 20))
    PolicyDecisionFactory.create(case=case, policy=policy("fmla"), start_date=D(2026, 3, 2), end_date=D(2026, 3, 20))
    return case


def seen(client, case: Case) -> None:
    """Both pages viewed once, so both are stored."""
    page(client, HISTORY)
    page(client, timeline(case))


def test_a_second_view_reads_the_stored_parts_only(client, leave):
    seen(client, leave)
    # The session, the user and the stamp: nothing of the cases is read again.
    assert count_queries(client, HISTORY) == count_queries(client, reverse("cases:timeline", args=[leave.case_number]))
    assert 'data-status="pending"' in page(client, HISTORY)


def test_a_decision_approved_on_the_desk_shows_on_both(client, leave, specialist):
    seen(client, leave)
    decision = leave.decisions.get()
    actions.approve_decision(decision, start_date=D(2026, 3, 2), end_date=D(2026, 3, 13), by=specialist)

    assert 'data-status="approved"' in page(client, HISTORY)
    assert "Mar. 13, 2026" in page(client, HISTORY)
    assert ">APPROVED</text>" in page(client, timeline(leave))


def test_a_case_cancelled_on_the_desk_shows_cancelled_on_both(client, leave, specialist):
    seen(client, leave)
    actions.cancel_case(leave, reason="Entered twice.", by=specialist)

    assert 'data-status="cancelled"' in page(client, HISTORY)
    assert "CANCELLED" in page(client, timeline(leave)).split("<figure")[0]


def test_a_new_case_shows_in_the_history(client, employee, leave):
    seen(client, leave)
    newer = CaseFactory.create(employee=employee)

    assert f'data-case-number="{newer.case_number}"' in page(client, HISTORY)


def test_a_deleted_case_leaves_the_history_and_its_timeline_is_not_found(client, leave):
    seen(client, leave)
    number = leave.case_number
    url = timeline(leave)
    leave.delete()

    assert number not in page(client, HISTORY)
    assert client.get(url).status_code == 404


def test_a_leave_extended_on_the_desk_shows_its_new_end_and_pending_days(client, leave, specialist):
    decision = leave.decisions.get()
    actions.approve_decision(decision, start_date=D(2026, 3, 2), end_date=D(2026, 3, 20), by=specialist)
    seen(client, leave)
    returns.extend_leave(leave, new_end=D(2026, 3, 27), version=0, by=specialist)

    assert "Mar. 27, 2026" in page(client, HISTORY)
    assert ">PENDING</text>" in page(client, timeline(leave))


def test_an_early_return_to_work_shortens_the_decisions_shown(client, leave, specialist):
    decision = leave.decisions.get()
    actions.approve_decision(decision, start_date=D(2026, 3, 2), end_date=D(2026, 3, 20), by=specialist)
    seen(client, leave)
    returns.record_return(leave, returned_on=D(2026, 3, 16), version=0, by=specialist)

    assert "Mar. 15, 2026" in page(client, timeline(leave))  # the day before the return
    assert "Mar. 15, 2026" in page(client, HISTORY)


def test_days_reported_in_bulk_give_an_absence_its_dates(client, employee):
    absence = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, pattern="")
    add_time_entries(absence, [DayEntry(D(2026, 3, 4), full_day=True, minutes=480)])
    assert "Mar. 04, 2026" in page(client, HISTORY)
    add_time_entries(absence, [DayEntry(D(2026, 3, 6), full_day=True, minutes=480)])  # one statement, no signal

    assert 'Mar. 04, 2026 <span aria-hidden="true">• • •</span>' in page(client, HISTORY)
    assert "Mar. 06, 2026" in page(client, HISTORY)


def test_a_policy_renamed_in_the_admin_shows_its_new_name(client, leave):
    seen(client, leave)
    fmla = Policy.objects.get(code="fmla")
    fmla.name = "Family and Medical Leave"
    fmla.save()

    assert "Family and Medical Leave<" in page(client, HISTORY)
    assert "Family and Medical Leave<" in page(client, timeline(leave))


def test_the_name_of_who_filed_the_case_shows_as_it_is_now(client, employee):
    supervisor = EmployeeFactory.create(first_name="James", last_name="Walsh")
    CaseFactory.create(employee=employee, filed_by=supervisor, filed_as=FiledAs.SUPERVISOR)
    assert "Reported by your supervisor, James Walsh" in page(client, HISTORY)
    supervisor.last_name = "Walsh-Ortiz"
    supervisor.save()

    assert "Reported by your supervisor, James Walsh-Ortiz" in page(client, HISTORY)


def test_a_leave_that_ended_yesterday_is_no_longer_running_today(client, employee, monkeypatch):
    today = timezone.localdate()
    leave_case(employee, today - timedelta(days=9), today)
    assert "Leaves still running" in page(client, HISTORY)
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))

    assert "Leaves still running" not in page(client, HISTORY)


def test_each_case_has_its_own_timeline_and_another_employees_stays_not_found(client, employee, leave):
    other = leave_case(employee, D(2026, 5, 4), D(2026, 5, 8), pattern=LeavePattern.INTERMITTENT)
    approve(other, "std-1", D(2026, 5, 4), D(2026, 5, 8))
    seen(client, leave)
    seen(client, other)

    assert "Short Term Disability 1" in page(client, timeline(other))
    assert "Short Term Disability 1" not in page(client, timeline(leave))
    assert client.get(timeline(CaseFactory.create())).status_code == 404


def test_later_pages_and_years_are_never_stored(client, employee, leave):
    page(client, HISTORY + "?page=2")
    page(client, HISTORY + f"?year={leave.submitted_at.year}")
    page(client, HISTORY + "?page=123456")

    stored = [key for key in caches["default"]._cache if "part:" in key]  # type: ignore[attr-defined]
    assert stored == []


def test_parts_stored_by_another_run_of_the_code_are_not_read(client, leave, monkeypatch):
    """A deployment may change the templates: what the previous release stored is never served by the next."""
    seen(client, leave)
    stored = count_queries(client, HISTORY)
    monkeypatch.setattr("cases.balance_cache.RENDERED_BY", "nextrelease")
    assert measured_queries(client, HISTORY) > stored  # rendered again, from the cases
    assert measured_queries(client, HISTORY) == stored  # and stored for this run


# --- The case page's body -------------------------------------------------------------------------------------


def detail(case: Case) -> str:
    return reverse("cases:detail", args=[case.case_number])


def test_the_case_page_read_again_reads_its_body_stored(client, leave):
    cold = measured_queries(client, detail(leave))
    stored = measured_queries(client, detail(leave))

    assert stored < cold
    assert stored == count_queries(client, timeline(leave))  # the session, the user and the stamp
    assert "Family Medical Leave Act" in page(client, detail(leave))


def test_the_body_names_the_administrator_and_its_number_as_the_page_around_it_does(client, employee, settings):
    unplanned = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, pattern="")
    denied = leave_case(employee, D(2026, 3, 2), D(2026, 3, 20))
    PolicyDecisionFactory.create(case=denied, policy=policy("fmla"), status="denied", denial_reason="")
    name, phone = settings.ADMINISTRATOR["name"], settings.ADMINISTRATOR["phone"]

    for shown in (page(client, detail(denied)), page(client, detail(denied))):  # rendered, then read stored
        assert f'To hear why this policy was denied, call {name} at <a href="tel:{phone}">{phone}</a>.' in shown
    assert f"remains with the employee's department, not {name}." in page(client, detail(unplanned))


def test_a_document_uploaded_shows_on_the_case_page_and_answers_its_request(client, employee, leave, specialist,
                                                                           document_storage):  # fmt: skip
    due = timezone.localdate() + timedelta(days=15)
    page(client, detail(leave))
    actions.request_document(leave, document_type=DocumentType.MEDICAL_CERTIFICATION, due_date=due, by=specialist)
    asked = page(client, detail(leave))
    assert 'data-document-type="medical_certification"' in asked

    add_document(leave, employee, DocumentType.MEDICAL_CERTIFICATION, SimpleUploadedFile("note.pdf", PDF_BYTES))
    answered = page(client, detail(leave))
    assert "note.pdf" in answered
    assert 'data-document-type="medical_certification"' not in answered


def test_a_letter_sent_shows_in_my_letters(client, leave):
    page(client, detail(leave))
    issue_letter(leave, LetterKind.FMLA_DESIGNATION, "Your FMLA designation notice", {}, dedupe_key="designation")

    assert "Your FMLA designation notice" in page(client, detail(leave))


def test_the_reason_added_by_the_employee_shows_and_the_invitation_goes(client, employee):
    supervisor = EmployeeFactory.create()
    case = CaseFactory.create(employee=employee, filed_by=supervisor, filed_as=FiledAs.SUPERVISOR)
    assert "data-awaits-reason" in page(client, detail(case))
    add_case_reasons(case, (Reason("Migraine"),), actor=employee)  # one statement, no signal

    shown = page(client, detail(case))
    assert "data-awaits-reason" not in shown
    assert "<li>Migraine</li>" in shown


def test_a_return_to_work_recorded_on_the_desk_shows(client, leave, specialist):
    decision = leave.decisions.get()
    actions.approve_decision(decision, start_date=D(2026, 3, 2), end_date=D(2026, 3, 20), by=specialist)
    assert "Back at work since" not in page(client, detail(leave))
    returns.record_return(leave, returned_on=D(2026, 3, 16), version=0, by=specialist)

    assert "Back at work since Monday, March 16, 2026." in page(client, detail(leave))


def test_a_fitness_for_duty_certification_required_on_the_desk_shows(client, leave, specialist):
    """Only the return to work's row changes (no decision, no time): its own signal gives the stamp. Approved
    without the desk's action, which would send the designation notice (and then none may be required)."""
    decision = leave.decisions.get()
    decision.status = "approved"
    decision.save()
    assert "upload a fitness-for-duty certification" not in page(client, detail(leave))
    returns.set_fitness_for_duty(leave, required=True, version=0, by=specialist)

    assert "upload a fitness-for-duty certification" in page(client, detail(leave))


def test_days_reported_show_in_the_time_reported(client, employee):
    case = leave_case(employee, D(2026, 9, 1), D(2026, 11, 30), pattern=LeavePattern.INTERMITTENT)
    assert "No time reported yet." in page(client, detail(case))
    add_time_entries(case, [DayEntry(D(2026, 9, 3), full_day=True, minutes=480)])  # one statement, no signal

    assert "Sep. 03, 2026" in page(client, detail(case))


def test_the_start_time_form_carries_the_token_of_the_session_viewing_it(employee):
    """The body is stored; the form in it is rendered for each view, with the CSRF token of the session at hand:
    after signing in again (a new token) the stored body's form still posts."""
    case = leave_case(employee, D(2026, 9, 1), D(2027, 1, 29), pattern=LeavePattern.INTERMITTENT)
    PolicyDecisionFactory.create(case=case, policy=policy("fmla"), start_date=D(2026, 9, 1), end_date=D(2027, 1, 29))
    first = Client(enforce_csrf_checks=True)
    first.force_login(employee)
    assert "Submit new absence time" in page(first, detail(case))
    again = Client(enforce_csrf_checks=True)
    again.force_login(employee)
    shown = page(again, detail(case))
    form = shown.split('class="cases-start-time">')[1].split("</form>")[0]
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = again.post(reverse("case_time:start", args=[case.case_number]), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_another_employees_case_page_stays_not_found_and_nothing_is_stored(client, employee):
    other = CaseFactory.create()
    assert client.get(detail(other)).status_code == 404

    assert [key for key in caches["default"]._cache if "part:" in key] == []  # type: ignore[attr-defined]


def test_a_certification_recorded_on_the_desk_shows_the_approved_pattern(client, employee, specialist):
    today = timezone.localdate()
    start, end = today - timedelta(days=5), today + timedelta(days=90)
    case = leave_case(employee, start, end, pattern=LeavePattern.INTERMITTENT)
    assert "episodes a month" not in page(client, detail(case))
    facts = CertificationFacts(
        received_on=today,
        complete=True,
        condition_start=start,
        condition_end=end,
        **TWO_A_MONTH,  # type: ignore[arg-type]
    )
    record_certification(case, facts, by=specialist)

    assert "up to 2 episodes a month, up to 1 day each" in page(client, detail(case))
