"""The daily reminders: 5 calendar days before and on the due date, once each; overdue from the day after.

The certification below was asked for on Monday Dec 7, 2026 and is due Tuesday Dec 22 (15 calendar days).
Its reminder days are Thursday Dec 17 (5 days before) and Dec 22; it is overdue from Wednesday Dec 23.
"""

import itertools
from datetime import date, datetime, time, timedelta
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.core.management import call_command

from cases.documents.requests import requested_documents
from cases.models import Case, CaseEventKind, DocumentType
from cases.tests.factories import CaseFactory, DocumentFactory, DocumentRequestFactory
from config.celery import app
from desk import reminders
from desk.deadlines import DeadlineKind, DeadlineState
from desk.models import DocumentRequest
from desk.queue import DeadlineFilter, case_deadlines, queue_row, with_deadline, with_queue_details
from desk.reminders import ReminderKind, reminder_due
from desk.tests.factories import tasks_follow_the_cases
from notices.models import Message
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory

EASTERN = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")
REQUESTED = datetime(2026, 12, 7, 10, tzinfo=EASTERN)
DUE = date(2026, 12, 22)


def at_seven(day: date) -> datetime:
    return datetime.combine(day, time(7), tzinfo=EASTERN)


def day(offset: int) -> date:
    return DUE + timedelta(days=offset)


# --- Which reminder, which day (no database) ------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (day(-6), None),
        (day(-5), ReminderKind.BEFORE),
        (day(-4), ReminderKind.BEFORE),  # the run of day -5 was missed: it still goes (its key keeps it to once)
        (day(-1), ReminderKind.BEFORE),
        (day(0), ReminderKind.DUE_TODAY),
        (day(1), None),  # overdue now: no "5 days before", no "due today"
        (day(9), None),
    ],
)
def test_the_reminder_of_a_day_is_five_calendar_days_before_or_on_the_due_date(today, kind):
    assert reminder_due(DUE, REQUESTED.date(), today) == kind


def test_a_request_made_within_the_five_days_gets_only_the_reminder_on_the_day():
    asked = day(-3)
    assert reminder_due(DUE, asked, day(-3)) is None
    assert reminder_due(DUE, asked, day(-1)) is None
    assert reminder_due(DUE, asked, DUE) == ReminderKind.DUE_TODAY


def test_the_days_are_calendar_days_through_a_weekend_and_a_holiday():
    # Due Tuesday Apr 20, 2027, the day after Patriots' Day: 5 calendar days before is Thursday Apr 15.
    assert reminder_due(date(2027, 4, 20), date(2027, 4, 1), date(2027, 4, 15)) == ReminderKind.BEFORE
    assert reminder_due(date(2027, 4, 20), date(2027, 4, 1), date(2027, 4, 14)) is None


# --- The run --------------------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


EMAILS = (f"employee{n}@example.com" for n in itertools.count())


def asked(**fields):
    case = fields.pop("case", None) or CaseFactory.create(email=next(EMAILS))
    fields = {"due_date": DUE, "requested_at": REQUESTED, **fields}
    return DocumentRequestFactory.create(case=case, **fields)


def reminders_to(case):
    return list(Message.objects.filter(template__startswith="desk_document_").filter(recipient=case.email))


@pytestmark_db
def test_running_twice_the_same_day_sends_the_reminder_once():
    request = asked()
    first = reminders.send_daily_reminders(at_seven(day(-5)))
    again = reminders.send_daily_reminders(at_seven(day(-5)).replace(hour=19))
    assert (first.reminded, again.reminded) == (1, 0)
    (message,) = reminders_to(request.case)
    assert message.template == "desk_document_reminder"
    assert message.dedupe_key == f"document-request-{request.pk}-reminder-before"
    assert request.case.events.filter(kind=CaseEventKind.NOTICE).count() == 1


@pytestmark_db
def test_a_missed_day_is_caught_up_once_and_never_after_the_due_date():
    request = asked()
    reminders.send_daily_reminders(at_seven(day(-4)))  # day -5's run never happened
    reminders.send_daily_reminders(at_seven(day(-3)))
    reminders.send_daily_reminders(at_seven(day(-1)))
    assert [m.template for m in reminders_to(request.case)] == ["desk_document_reminder"]
    reminders.send_daily_reminders(at_seven(DUE))
    reminders.send_daily_reminders(at_seven(day(1)))
    templates = sorted(m.template for m in reminders_to(request.case))
    assert templates == ["desk_document_due_today", "desk_document_reminder"]


@pytestmark_db
def test_a_first_run_after_the_due_date_sends_no_reminder_and_marks_it_overdue():
    request = asked()
    run = reminders.send_daily_reminders(at_seven(day(2)))
    assert (run.reminded, run.marked_overdue) == (0, 1)
    assert reminders_to(request.case) == []
    request.refresh_from_db()
    assert request.overdue_since == day(1)  # the first day it was late, not the day the run noticed


@pytestmark_db
def test_a_run_retried_after_a_crash_sends_what_was_left_and_nothing_twice():
    first, second = asked(), asked()
    real = reminders.notify_employee
    calls = []

    def crash_on_the_second(case, *args, **kwargs):
        calls.append(case.pk)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real(case, *args, **kwargs)

    with mock.patch.object(reminders, "notify_employee", side_effect=crash_on_the_second), pytest.raises(RuntimeError):
        reminders.send_daily_reminders(at_seven(DUE))
    assert len(reminders_to(first.case)) == 1
    assert reminders_to(second.case) == []  # its transaction rolled back: no message, no history line
    assert not second.case.events.exists()
    retry = reminders.send_daily_reminders(at_seven(DUE))
    assert retry.reminded == 1
    assert len(reminders_to(first.case)) == 1
    assert len(reminders_to(second.case)) == 1


@pytestmark_db
def test_nothing_is_sent_for_a_document_that_arrived_or_a_cancelled_case():
    answered = asked()
    DocumentFactory.create(case=answered.case, document_type=answered.document_type,
                           uploaded_at=REQUESTED + timedelta(days=2))  # fmt: skip
    cancelled = asked(case=CaseFactory.create(email="lee@example.com", cancelled_at=REQUESTED + timedelta(days=1)))
    older_upload = asked(case=CaseFactory.create(email="kim@example.com"))
    DocumentFactory.create(
        case=older_upload.case, document_type=older_upload.document_type, uploaded_at=REQUESTED - timedelta(days=1)
    )  # before the request: it answers nothing
    run = reminders.send_daily_reminders(at_seven(DUE))
    assert run.reminded == 1
    assert reminders_to(answered.case) == reminders_to(cancelled.case) == []
    assert len(reminders_to(older_upload.case)) == 1


@pytestmark_db
def test_a_decided_case_is_still_reminded_of_a_document_it_owes():
    request = asked()
    PolicyDecisionFactory.create(case=request.case, status=DecisionStatus.APPROVED)
    assert reminders.send_daily_reminders(at_seven(DUE)).reminded == 1


# --- The employer's day, not UTC's -----------------------------------------------------------------


@pytestmark_db
@pytest.mark.parametrize(
    ("moment", "templates"),
    [
        # 03:30 UTC on Dec 17 is still 10:30 PM on Dec 16 in Massachusetts: day -6, nothing yet.
        (datetime(2026, 12, 17, 3, 30, tzinfo=UTC), []),
        # 05:30 UTC on Dec 17 is 12:30 AM on Dec 17 in Massachusetts: day -5.
        (datetime(2026, 12, 17, 5, 30, tzinfo=UTC), ["desk_document_reminder"]),
        # 02:00 UTC on Dec 22 is 9 PM on Dec 21 in Massachusetts: still "in 1 day", not "due today".
        (datetime(2026, 12, 22, 2, 0, tzinfo=UTC), ["desk_document_reminder"]),
        # 04:59 UTC on Dec 23 is 11:59 PM on Dec 22: due today, not overdue.
        (datetime(2026, 12, 23, 4, 59, tzinfo=UTC), ["desk_document_due_today"]),
    ],
)
def test_the_day_is_the_employers_in_the_late_evening_utc(moment, templates):
    request = asked()
    run = reminders.send_daily_reminders(moment)
    assert [m.template for m in reminders_to(request.case)] == templates
    assert run.marked_overdue == 0


@pytestmark_db
def test_overdue_begins_at_midnight_eastern_not_utc():
    request = asked()
    reminders.send_daily_reminders(datetime(2026, 12, 23, 4, 59, tzinfo=UTC))  # 11:59 PM Dec 22 Eastern
    request.refresh_from_db()
    assert request.overdue_since is None
    reminders.send_daily_reminders(datetime(2026, 12, 23, 5, 0, tzinfo=UTC))  # midnight Dec 23 Eastern
    request.refresh_from_db()
    assert request.overdue_since == date(2026, 12, 23)


# --- Overdue: one rule for the desk and the employee -------------------------------------------------


def loaded(case):
    return with_queue_details(Case.objects.filter(pk=case.pk)).get()


@pytestmark_db
def test_the_overdue_mark_is_written_once_and_the_desk_and_the_employee_agree_on_it():
    request = asked()
    PolicyDecisionFactory.create(case=request.case)
    for _run in range(2):
        reminders.send_daily_reminders(at_seven(day(1)))
    request.refresh_from_db()
    (line,) = request.case.events.filter(kind=CaseEventKind.DOCUMENT_OVERDUE)
    assert line.summary == "Medical Certification overdue: it was due Dec 22, 2026 and has not arrived"
    case = loaded(request.case)
    (wanted,) = requested_documents(case, day(1))
    assert wanted.overdue_since == request.overdue_since == day(1)
    (document,) = [d for d in case_deadlines(case) if d.kind == DeadlineKind.DOCUMENT]
    assert document.state(day(1)) == DeadlineState.OVERDUE
    assert document.state(DUE) == DeadlineState.DUE_TODAY


@pytestmark_db
def test_the_overdue_document_is_on_the_desks_task_list_until_it_arrives():
    request = asked()
    PolicyDecisionFactory.create(case=request.case, status=DecisionStatus.APPROVED)  # decided, yet it still owes
    other = asked(case=CaseFactory.create(email="lee@example.com"), due_date=day(5))
    reminders.send_daily_reminders(at_seven(day(1)))
    overdue = set(with_deadline(Case.objects.all(), DeadlineFilter.OVERDUE_DOCUMENT, day(1)))
    assert overdue == {request.case}
    assert other.case not in set(with_deadline(Case.objects.all(), DeadlineFilter.OVERDUE, day(1)))
    assert queue_row(loaded(request.case), day(1)).overdue
    DocumentFactory.create(case=request.case, document_type=DocumentType.MEDICAL_CERTIFICATION,
                           uploaded_at=at_seven(day(3)))  # fmt: skip
    tasks_follow_the_cases()  # as the upload's event leaves them
    assert set(with_deadline(Case.objects.all(), DeadlineFilter.OVERDUE_DOCUMENT, day(3))) == set()
    (document,) = [d for d in case_deadlines(loaded(request.case)) if d.kind == DeadlineKind.DOCUMENT]
    assert document.state(day(3)) == DeadlineState.MET


@pytestmark_db
@pytest.mark.parametrize("count", [1, 4])
def test_a_repeated_run_only_reads_two_queries_however_many_requests(count, django_assert_num_queries):
    for _n in range(count):
        asked()
    assert reminders.send_daily_reminders(at_seven(DUE)).reminded == count
    with django_assert_num_queries(2):  # the outstanding requests, and which of their reminders went already
        assert reminders.send_daily_reminders(at_seven(DUE)).reminded == 0
    assert DocumentRequest.objects.count() == count


# --- How it runs -----------------------------------------------------------------------------------


@pytestmark_db
def test_the_management_command_runs_the_same_task_in_process(monkeypatch):
    asked()
    monkeypatch.setattr("desk.tasks.timezone.now", lambda: at_seven(DUE))
    out = StringIO()
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "Reminders sent: 1. Documents marked overdue: 0.",
        "Reminders sent: 0. Documents marked overdue: 0.",
    ]


def test_beat_runs_the_reminders_every_day_at_seven_in_the_morning_eastern():
    entry = app.conf.beat_schedule["daily-reminders"]
    assert entry["task"] == "desk.tasks.send_daily_reminders"
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert (schedule.hour, schedule.minute, schedule.day_of_week) == ({7}, {0}, set(range(7)))
    assert str(app.conf.timezone) == "America/New_York"
