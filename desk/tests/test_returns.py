"""The return to work: expected on the next business day after the approved leave, recorded by the desk (the
actual return, an early return that shortens the charge, an extension back to a decision, a fitness-for-duty
requirement), each with its history line, audit event and notice; on the desk's task list until done.

The leave runs Monday, March 29 to Friday, April 16, 2027 (three weeks of 40 hours). Monday April 19 is
Patriots' Day, a Massachusetts holiday: the employee is expected back on Tuesday, April 20.
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from absence.calendar import BusinessCalendar
from accounts.tests.factories import EmployeeFactory
from audit.models import AuditAction, AuditEvent
from cases.balances import balances_for_case, calendar_of
from cases.models import AbsenceFor, Case, CaseEventKind, DocumentType, LeavePattern, ReturnToWork
from cases.returns import expected_return, return_plan
from cases.tests.factories import CaseFactory, DocumentFactory, LeavePeriodFactory
from desk import returns
from desk.actions import DeskActionError
from desk.deadlines import DeadlineKind, DeadlineState
from desk.queue import DeadlineFilter, case_deadlines, queue_row, with_deadline, with_queue_details
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import tasks_follow_the_cases
from notices.models import Message
from policies.models import DecisionStatus, PolicyDecision
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
START, END = date(2027, 3, 29), date(2027, 4, 16)
EXPECTED = date(2027, 4, 20)


@pytest.fixture(autouse=True)
def today_is(monkeypatch):
    """The desk's day: May 3, 2027 unless a test says otherwise."""
    days = {"today": date(2027, 5, 3)}
    monkeypatch.setattr("desk.returns.timezone.localdate", lambda *a, **k: days["today"])
    return days


def continuous_leave(status=DecisionStatus.APPROVED, code="fmla", pattern=LeavePattern.CONTINUOUS, **fields):
    employee = EmployeeFactory.create(email="robin@example.com")
    case = CaseFactory.create(employee=employee, pattern=pattern, email="robin@example.com",
                              submitted_at=datetime(2027, 3, 1, 9, tzinfo=EASTERN), **fields)  # fmt: skip
    LeavePeriodFactory.create(case=case, start_date=START, end_date=END)
    PolicyDecisionFactory.create(case=case, policy=policy(code), status=status, start_date=START, end_date=END,
                                 decided_at=datetime(2027, 3, 2, 9, tzinfo=EASTERN))  # fmt: skip
    return case


def plan_of(case):
    case = Case.objects.select_related("return_to_work", "employee__roster_record").get(pk=case.pk)
    return return_plan(case, case.decisions.all(), case.documents.all(), calendar_of(case.employee.roster_record))


# --- The expected return: a business-day clock -----------------------------------------------------


@pytest.mark.parametrize(
    ("last_day", "back"),
    [
        (date(2027, 4, 16), date(2027, 4, 20)),  # Friday; Patriots' Day Monday skipped
        (date(2027, 4, 14), date(2027, 4, 15)),  # Wednesday → Thursday
        (date(2027, 4, 18), date(2027, 4, 20)),  # Sunday → not the holiday, the Tuesday
        (date(2027, 4, 19), date(2027, 4, 20)),  # ending on the holiday itself
        (date(2027, 4, 23), date(2027, 4, 26)),  # an ordinary Friday → Monday
    ],
)
def test_the_expected_return_is_the_next_business_day_of_massachusetts(last_day, back):
    assert expected_return(last_day, BusinessCalendar("MA")) == back


def test_outside_massachusetts_patriots_day_is_a_working_day():
    assert expected_return(date(2027, 4, 16), BusinessCalendar("NH")) == date(2027, 4, 19)


def test_a_continuous_leave_with_approved_time_expects_the_employee_back_after_its_last_approved_day():
    case = continuous_leave()
    PolicyDecisionFactory.create(case=case, policy=policy("pfml-medical"), status=DecisionStatus.APPROVED,
                                 start_date=START, end_date=date(2027, 4, 9))  # fmt: skip
    plan = plan_of(case)
    assert (plan.approved_end, plan.expected_return, plan.returned) == (END, EXPECTED, False)


def test_nothing_approved_an_intermittent_leave_or_a_cancelled_case_has_no_return_to_confirm():
    assert plan_of(continuous_leave(status=DecisionStatus.PENDING)) is None
    assert plan_of(continuous_leave(pattern=LeavePattern.INTERMITTENT)) is None
    assert plan_of(continuous_leave(cancelled_at=datetime(2027, 4, 1, tzinfo=EASTERN))) is None


# --- Recording the return ---------------------------------------------------------------------------


def test_recording_the_return_shows_returned_with_a_history_line_and_an_audit_event(specialist):
    case = continuous_leave()
    returns.record_return(case, returned_on=EXPECTED, version=0, by=specialist)
    plan = plan_of(case)
    assert (plan.actual_return, plan.returned_early) == (EXPECTED, False)
    (line,) = case.events.filter(kind=CaseEventKind.RETURN_TO_WORK)
    assert line.summary == "Returned to work on Apr 20, 2027 (expected Apr 20, 2027)"
    assert AuditEvent.objects.filter(action=AuditAction.RECORDED_RETURN, case_number=case.case_number).exists()


def test_the_return_is_recorded_once_on_or_after_the_start_and_not_in_the_future(specialist, today_is):
    case = continuous_leave()
    with pytest.raises(DeskActionError, match="on or after the leave's first day, Mar 29, 2027"):
        returns.record_return(case, returned_on=date(2027, 3, 26), version=0, by=specialist)
    today_is["today"] = date(2027, 4, 19)
    with pytest.raises(DeskActionError, match="not before"):
        returns.record_return(case, returned_on=EXPECTED, version=0, by=specialist)
    today_is["today"] = EXPECTED
    returns.record_return(case, returned_on=EXPECTED, version=0, by=specialist)
    with pytest.raises(DeskActionError, match="already recorded on Apr 20, 2027"):
        returns.record_return(case, returned_on=EXPECTED, version=1, by=specialist)


def test_a_form_read_before_a_colleagues_change_is_refused(specialist):
    case = continuous_leave()
    returns.set_fitness_for_duty(case, required=True, version=0, by=specialist)
    with pytest.raises(DeskActionError, match="Someone changed the return to work"):
        returns.record_return(case, returned_on=EXPECTED, version=0, by=specialist)
    assert ReturnToWork.objects.get(case=case).actual_return is None


def test_an_early_return_shortens_the_approved_time_and_the_hours_charged(specialist, policy_catalogue):
    case = continuous_leave()
    fmla = case.decisions.get()
    (before,) = balances_for_case(case, date(2027, 5, 3))
    assert before.used_hours == Decimal(120)  # three weeks of 8-hour days
    returns.record_return(case, returned_on=date(2027, 4, 12), version=0, by=specialist)
    fmla.refresh_from_db()
    assert (fmla.status, fmla.start_date, fmla.end_date) == (DecisionStatus.APPROVED, START, date(2027, 4, 11))
    (after,) = balances_for_case(case, date(2027, 5, 3))
    assert after.used_hours == Decimal(80)  # two weeks: the third was worked
    assert before.remaining_hours is not None
    assert after.remaining_hours == before.remaining_hours + Decimal(40)
    plan = plan_of(case)
    assert (plan.actual_return, plan.approved_end, plan.returned_early) == (date(2027, 4, 12), date(2027, 4, 11), False)
    history = [e.summary for e in case.events.order_by("at", "id")]
    assert "The employee returned to work early" not in " ".join(history)  # the reason is on the decision's line
    decision_line = case.events.get(kind=CaseEventKind.DECISION)
    assert decision_line.reason == "The employee returned to work early, on Apr 12, 2027."
    assert case.events.get(kind=CaseEventKind.RETURN_TO_WORK).summary == (
        "Returned to work early on Apr 12, 2027 (expected Apr 20, 2027): the approved leave now ends Apr 11, 2027"
    )
    assert Message.objects.filter(template="desk_decisions_summary", recipient="robin@example.com").count() == 1


# --- An extension -----------------------------------------------------------------------------------


def test_an_extension_opens_the_added_dates_for_a_decision_and_tells_the_employee(specialist):
    case = continuous_leave()
    added = returns.extend_leave(case, new_end=date(2027, 4, 30), version=0, by=specialist)
    assert [(d.policy.code, d.status, d.start_date, d.end_date, d.leave_began) for d in added] == [
        ("fmla", DecisionStatus.PENDING, date(2027, 4, 17), date(2027, 4, 30), START)
    ]
    case.refresh_from_db()
    assert case.leave_period.end_date == date(2027, 4, 30)
    assert PolicyDecision.objects.get(case=case, status=DecisionStatus.APPROVED).end_date == END  # decided days stay
    assert case.events.get(kind=CaseEventKind.RETURN_TO_WORK).summary == (
        f"Leave extended to Apr 30, 2027: Apr 17, 2027 to Apr 30, 2027 await a decision ({policy('fmla').name})"
    )
    assert Message.objects.filter(template="desk_leave_extended", recipient="robin@example.com").count() == 1
    assert plan_of(case).expected_return == EXPECTED  # until the added days are approved


def test_an_extension_must_end_after_the_approved_end(specialist):
    case = continuous_leave()
    with pytest.raises(DeskActionError, match="after the approved end, Apr 16, 2027"):
        returns.extend_leave(case, new_end=END, version=0, by=specialist)


def test_nothing_changes_once_the_employee_has_returned(specialist):
    case = continuous_leave()
    returns.record_return(case, returned_on=EXPECTED, version=0, by=specialist)
    with pytest.raises(DeskActionError, match="already recorded"):
        returns.extend_leave(case, new_end=date(2027, 4, 30), version=1, by=specialist)
    with pytest.raises(DeskActionError, match="already recorded"):
        returns.set_fitness_for_duty(case, required=True, version=1, by=specialist)


# --- Fitness for duty (29 CFR 825.312) -----------------------------------------------------------------


def test_a_required_fitness_for_duty_certification_is_a_task_until_an_rtw_note_arrives(specialist):
    case = continuous_leave()
    returns.set_fitness_for_duty(case, required=True, version=0, by=specialist)
    assert Message.objects.filter(template="desk_fitness_for_duty", recipient="robin@example.com").count() == 1
    plan = plan_of(case)
    assert (plan.fitness_for_duty_required, plan.fitness_for_duty_received_on) == (True, None)
    DocumentFactory.create(case=case, document_type=DocumentType.RTW_NOTE,
                           uploaded_at=datetime(2099, 4, 19, 10, tzinfo=EASTERN))  # fmt: skip
    assert plan_of(case).fitness_for_duty_received_on == date(2099, 4, 19)


def test_fitness_for_duty_is_asked_only_of_the_employee_back_from_their_own_condition(specialist):
    case = continuous_leave(absence_for=AbsenceFor.PARENT)
    with pytest.raises(DeskActionError, match="own serious health condition"):
        returns.set_fitness_for_duty(case, required=True, version=0, by=specialist)


# --- On the desk's task list ------------------------------------------------------------------------


def loaded(case):
    return with_queue_details(Case.objects.filter(pk=case.pk)).get()


def states(case, today):
    return {d.kind: d.state(today) for d in case_deadlines(loaded(case))}


def test_confirm_the_return_is_due_on_the_expected_return_and_met_when_recorded(specialist):
    case = continuous_leave()
    assert states(case, date(2027, 4, 19))[DeadlineKind.RETURN_TO_WORK] == DeadlineState.UPCOMING
    assert states(case, EXPECTED)[DeadlineKind.RETURN_TO_WORK] == DeadlineState.DUE_TODAY
    assert states(case, date(2027, 4, 21))[DeadlineKind.RETURN_TO_WORK] == DeadlineState.OVERDUE
    returns.record_return(case, returned_on=EXPECTED, version=0, by=specialist)
    assert states(case, date(2027, 4, 21))[DeadlineKind.RETURN_TO_WORK] == DeadlineState.MET


def a_mix_of_returns(specialist):
    waiting = continuous_leave()
    returned = continuous_leave()
    returns.record_return(returned, returned_on=EXPECTED, version=0, by=specialist)
    certificate_owed = continuous_leave()
    returns.set_fitness_for_duty(certificate_owed, required=True, version=0, by=specialist)
    returns.record_return(certificate_owed, returned_on=EXPECTED, version=1, by=specialist)
    certified = continuous_leave()
    returns.set_fitness_for_duty(certified, required=True, version=0, by=specialist)
    returns.record_return(certified, returned_on=EXPECTED, version=1, by=specialist)
    DocumentFactory.create(case=certified, document_type=DocumentType.RTW_NOTE,
                           uploaded_at=datetime(2099, 1, 1, tzinfo=EASTERN))  # fmt: skip
    pending = continuous_leave(status=DecisionStatus.PENDING)
    new_hampshire = continuous_leave()
    record = new_hampshire.employee.roster_record
    record.work_location = "NH"
    record.save()  # a roster change: the tasks follow at the daily run (desk.worklist.sync_open_cases)
    tasks_follow_the_cases()
    return {"waiting": waiting, "returned": returned, "certificate owed": certificate_owed,
            "certified": certified, "pending": pending, "new hampshire": new_hampshire}  # fmt: skip


@pytest.mark.parametrize("today", [date(2027, 4, 18), date(2027, 4, 19), EXPECTED, date(2027, 4, 21)])
@pytest.mark.parametrize("deadline", [DeadlineFilter.OVERDUE, DeadlineFilter.DUE_TODAY])
def test_the_queue_filter_and_the_rows_agree_on_the_return_tasks_around_patriots_day(specialist, today, deadline):
    a_mix_of_returns(specialist)
    wanted = {DeadlineState.OVERDUE} if deadline == DeadlineFilter.OVERDUE else {
        DeadlineState.OVERDUE, DeadlineState.DUE_TODAY
    }  # fmt: skip
    by_rows = {
        case
        for case in with_queue_details(Case.objects.all())
        if any(state in wanted for _d, state in queue_row(case, today).deadline_states)
    }
    assert set(with_deadline(Case.objects.all(), deadline, today)) == by_rows


def test_on_patriots_day_only_new_hampshire_is_due_back(specialist):
    mix = a_mix_of_returns(specialist)
    due = set(with_deadline(Case.objects.all(), DeadlineFilter.DUE_TODAY, date(2027, 4, 19)))
    assert due == {mix["new hampshire"]}
    overdue = set(with_deadline(Case.objects.all(), DeadlineFilter.OVERDUE, date(2027, 4, 21)))
    assert overdue == {mix["waiting"], mix["certificate owed"], mix["new hampshire"]}


# --- The case page --------------------------------------------------------------------------------


def test_the_desk_records_the_return_from_the_case_page(client, specialist, today_is):
    case = continuous_leave()
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[case.case_number])
    page = client.get(url).content.decode()
    assert "Expected return" in page
    assert "Tue Apr 20, 2027" in page
    refused = client.post(url, {"action": "record_return", "return-version": "0", "return-returned_on": "03/01/2027"})
    assert refused.status_code == 400
    assert "on or after the leave&#x27;s first day, Mar 29, 2027" in refused.content.decode()
    assert 'value="03/01/2027"' in refused.content.decode()  # what was typed is kept
    saved = client.post(url, {"action": "record_return", "return-version": "0", "return-returned_on": "04/20/2027"})
    assert saved.status_code == 302
    page = client.get(url).content.decode()
    assert "Returned" in page
    assert "Record the return to work" not in page


def test_the_employees_case_page_shows_the_expected_return_and_the_return(client, specialist):
    case = continuous_leave()
    client.force_login(case.employee)
    url = reverse("cases:detail", args=[case.case_number])
    assert "Expected back at work: Tuesday, April 20, 2027" in client.get(url).content.decode()
    returns.set_fitness_for_duty(case, required=True, version=0, by=specialist)
    returns.record_return(case, returned_on=EXPECTED, version=1, by=specialist)
    page = client.get(url).content.decode()
    assert "Back at work since Tuesday, April 20, 2027" in page
    assert "fitness-for-duty certification" in page
