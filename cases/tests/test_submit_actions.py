"""The submit actions take typed requests: a case is made from values, with no draft or wizard in sight."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from absence.days import DayEntry
from absence.limits import ALREADY_REPORTED
from absence.reasons import CaseReason
from cases.case_time import record_reported_time
from cases.models import Case, CaseEventKind, LeavePattern, TimeEntry
from cases.requests import CaseTimeReport, ContactPreference, LeaveRequest, RequestRefusedError
from cases.submission import submit_leave_request
from cases.tests.factories import LeavePeriodFactory
from conditions.vocabulary import Reason
from notices.models import Message
from policies.tests.factories import PolicyDecisionFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def leave_request(employee, **overrides):
    fields = {
        "submission_key": uuid.uuid4(),
        "employee": employee,
        "reason": CaseReason.EMPLOYEE_HEALTH,
        "conditions": (Reason("Surgery"), Reason("Fracture of femur", code="S72.001A")),
        "continuous": True,
        "payment_option": "dfml_only",
        "work_related": False,
        "contact": ContactPreference(by_email=True, email="maria@home.example", phone="617-555-0123", best_time=10),
        "start": TODAY + timedelta(days=3),
        "end": TODAY + timedelta(days=20),
    }
    return LeaveRequest(**{**fields, **overrides})


def test_a_leave_request_becomes_a_case_with_its_reasons_period_decisions_notices_and_history(employee, supervisor):
    case = submit_leave_request(leave_request(employee))
    assert (case.kind, case.pattern, case.email) == ("leave", LeavePattern.CONTINUOUS, "maria@home.example")
    assert [(c.label, c.code) for c in case.conditions.all()] == [("Surgery", ""), ("Fracture of femur", "S72.001A")]
    assert (case.leave_period.start_date, case.leave_period.end_date) == (TODAY + timedelta(3), TODAY + timedelta(20))
    assert case.decisions.filter(status="pending").count() == case.decisions.count() > 0
    recipients = set(Message.objects.values_list("template", "recipient"))
    assert recipients == {
        ("intake_leave_confirmation", "maria@home.example"),
        ("case_supervisor_absence", supervisor.email),
        ("letter_enclosed", "maria@home.example"),  # the FMLA eligibility notice (letters, on_leave_submitted)
    }
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds.count(CaseEventKind.NOTICE) == 3
    assert CaseEventKind.SUBMITTED in kinds


def test_the_same_request_submitted_twice_makes_one_case(employee):
    request = leave_request(employee)
    assert submit_leave_request(request) == submit_leave_request(request)
    assert Case.objects.count() == 1
    assert Message.objects.filter(template="intake_leave_confirmation").count() == 1


@pytest.fixture
def open_intermittent_case(employee):
    period = LeavePeriodFactory.create(
        case__employee=employee,
        case__pattern=LeavePattern.INTERMITTENT,
        start_date=TODAY - timedelta(days=20),
        end_date=TODAY + timedelta(days=300),
    )
    PolicyDecisionFactory.create(case=period.case, status="approved", start_date=period.start_date,
                                 end_date=period.end_date)  # fmt: skip
    return period.case


def report(case, *days, employee=None):
    entries = tuple(DayEntry(day=day, full_day=True, minutes=480) for day in days)
    return CaseTimeReport(uuid.uuid4(), employee or case.employee, case.pk, entries)


def test_reported_time_is_recorded_on_the_case_with_a_history_line(open_intermittent_case):
    entries = record_reported_time(report(open_intermittent_case, TODAY - timedelta(days=2)))
    assert [entry.date for entry in entries] == [TODAY - timedelta(days=2)]
    assert open_intermittent_case.events.filter(kind=CaseEventKind.TIME_REPORTED).exists()


def test_a_day_already_on_the_case_is_refused_in_the_guides_words(open_intermittent_case):
    record_reported_time(report(open_intermittent_case, TODAY))
    with pytest.raises(RequestRefusedError) as refused:
        record_reported_time(report(open_intermittent_case, TODAY))
    assert refused.value.message == str(ALREADY_REPORTED)
    assert TimeEntry.objects.count() == 1


def test_a_day_outside_the_span_and_a_cancelled_case_are_refused(open_intermittent_case):
    with pytest.raises(RequestRefusedError):
        record_reported_time(report(open_intermittent_case, TODAY - timedelta(days=40)))
    Case.objects.filter(pk=open_intermittent_case.pk).update(cancelled_at=timezone.now())
    with pytest.raises(RequestRefusedError):
        record_reported_time(report(open_intermittent_case, TODAY))
    assert not TimeEntry.objects.exists()


def test_someone_else_cannot_report_time_on_the_case(open_intermittent_case, supervisor):
    with pytest.raises(RequestRefusedError):
        record_reported_time(report(open_intermittent_case, TODAY, employee=supervisor))
    assert not TimeEntry.objects.exists()
