"""Stale flags clear: a decided case is no longer NEW or OVERDUE, and what a decision or an action met is done.

The "Overdue" filter (SQL) and the rows' overdue deadlines (Python) are two spellings of one rule: the last
tests build a mix of cases and check that they always agree.
"""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from cases.models import Case, CaseKind, DocumentType, LeavePattern
from cases.tests.factories import CaseFactory, DocumentFactory, DocumentRequestFactory, LeavePeriodFactory
from desk import actions
from desk.deadlines import DeadlineKind, DeadlineState
from desk.models import CallNote, CallPurpose
from desk.queue import (
    DeadlineFilter,
    QueueFilters,
    QueueStatus,
    filtered_queue,
    queue_row,
    with_deadline,
    with_queue_details,
)
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import DESK_LEAVE_END, DESK_LEAVE_START, tasks_follow_the_cases
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 26)  # Thanksgiving
# Monday Nov 16: the verification call was due Wed Nov 18, the specialist's contact Mon Nov 23.
LATE = datetime(2026, 11, 16, 9, tzinfo=EASTERN)
FRESH = datetime(2026, 11, 25, 9, tzinfo=EASTERN)  # calls due Mon Nov 30 and Thu Dec 3
DECIDED_AT = datetime(2026, 11, 19, 15, tzinfo=EASTERN)


def leave(submitted=LATE, **fields):
    case = CaseFactory.create(pattern=LeavePattern.INTERMITTENT, submitted_at=submitted, **fields)
    LeavePeriodFactory.create(case=case, start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END)
    return case


def add_decision(case, code="fmla", status=DecisionStatus.PENDING, decided_at=None):
    return PolicyDecisionFactory.create(
        case=case, policy=policy(code), status=status, decided_at=decided_at,
        start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END,
    )  # fmt: skip


def undecided(submitted=LATE, **fields):
    case = leave(submitted, **fields)
    add_decision(case)
    return case


def decided(submitted=LATE, status=DecisionStatus.APPROVED):
    case = leave(submitted)
    add_decision(case, status=status, decided_at=DECIDED_AT)
    return case


def call(case, purpose, at=datetime(2026, 11, 24, 10, tzinfo=EASTERN)):
    CallNote.objects.create(case=case, purpose=purpose, text="spoke with the employee", called_at=at,
                            author=case.employee)  # fmt: skip


def called(case):
    call(case, CallPurpose.VERIFICATION)
    call(case, CallPurpose.REVIEW)
    return case


def ask_for_document(case, due=date(2026, 11, 20), requested_at=datetime(2026, 11, 17, 10, tzinfo=EASTERN)):
    return DocumentRequestFactory.create(case=case, due_date=due, requested_at=requested_at)


def upload(case, at):
    DocumentFactory.create(case=case, document_type=DocumentType.MEDICAL_CERTIFICATION, uploaded_at=at)


def row(case, today=TODAY):
    return queue_row(with_queue_details(Case.objects.filter(pk=case.pk)).get(), today)


def states(case, today=TODAY):
    return {deadline.kind: state for deadline, state in row(case, today).deadline_states}


# --- NEW --------------------------------------------------------------------------------------


def test_a_case_with_every_desk_policy_decided_is_no_longer_new_even_without_a_call():
    case = decided()
    assert not row(case).is_new
    assert case not in filtered_queue(Case.objects.all(), QueueFilters(status=QueueStatus.NEW), TODAY)


def test_a_case_still_waiting_for_a_desk_decision_and_a_call_is_new():
    case = undecided()
    assert row(case).is_new
    assert case in filtered_queue(Case.objects.all(), QueueFilters(status=QueueStatus.NEW), TODAY)


def test_a_pending_department_policy_does_not_keep_a_decided_case_new_or_overdue():
    case = decided()
    add_decision(case, code="employee-sick")
    assert not row(case).is_new
    assert not row(case).overdue


def test_an_unplanned_absence_is_the_departments_and_never_new_on_the_desk():
    case = CaseFactory.create(kind=CaseKind.UNPLANNED, pattern="", submitted_at=LATE)
    add_decision(case, code="employee-sick")
    assert not row(case).is_new
    assert case not in filtered_queue(Case.objects.all(), QueueFilters(status=QueueStatus.NEW), TODAY)


def test_a_case_with_one_policy_decided_and_another_pending_is_still_worked_but_its_calls_are_done():
    case = decided()
    add_decision(case, code="pfml-medical")
    assert row(case).is_new  # no call yet, and a policy still to decide
    assert states(case) == {
        DeadlineKind.VERIFICATION_CALL: DeadlineState.MET,
        DeadlineKind.SPECIALIST_CONTACT: DeadlineState.MET,
    }


# --- Deadlines met ----------------------------------------------------------------------------


def test_the_first_decision_meets_the_verification_call_and_the_specialist_contact_on_the_day_it_was_made():
    case = decided()
    add_decision(case, code="pfml-medical")  # still pending, so the case keeps its deadlines
    deadlines = row(case).deadlines
    assert [(d.kind, d.met_on) for d in deadlines] == [
        (DeadlineKind.VERIFICATION_CALL, date(2026, 11, 19)),
        (DeadlineKind.SPECIALIST_CONTACT, date(2026, 11, 19)),
    ]


def test_a_call_before_the_first_decision_is_the_day_a_call_deadline_was_met():
    case = decided()
    add_decision(case, code="pfml-medical")
    call(case, CallPurpose.VERIFICATION, at=datetime(2026, 11, 17, 10, tzinfo=EASTERN))
    met = {d.kind: d.met_on for d in row(case).deadlines}
    assert met[DeadlineKind.VERIFICATION_CALL] == date(2026, 11, 17)
    assert met[DeadlineKind.SPECIALIST_CONTACT] == date(2026, 11, 19)


def test_a_call_note_of_the_other_purpose_does_not_meet_a_call_deadline():
    case = undecided()
    call(case, CallPurpose.OTHER)
    assert states(case)[DeadlineKind.VERIFICATION_CALL] == DeadlineState.OVERDUE


def test_an_upload_after_the_request_meets_the_document_deadline_and_an_older_one_does_not():
    answered, unanswered = called(undecided()), called(undecided())
    ask_for_document(answered)
    upload(answered, datetime(2026, 11, 21, 12, tzinfo=EASTERN))
    ask_for_document(unanswered)
    upload(unanswered, datetime(2026, 11, 16, 12, tzinfo=EASTERN))  # before the request
    assert states(answered)[DeadlineKind.DOCUMENT] == DeadlineState.MET
    assert states(unanswered)[DeadlineKind.DOCUMENT] == DeadlineState.OVERDUE


def test_a_decided_case_keeps_only_the_call_deadlines_it_met_and_still_owes_a_document_asked_for():
    case = decided(status=DecisionStatus.DENIED)
    ask_for_document(case)  # never answered: a document asked for stays due, as the employee's page says
    assert [d.kind for d in row(case).overdue] == [DeadlineKind.DOCUMENT]
    assert [d.kind for d in row(case).deadlines] == [
        DeadlineKind.VERIFICATION_CALL,
        DeadlineKind.SPECIALIST_CONTACT,
        DeadlineKind.DOCUMENT,
    ]


def test_a_decided_case_with_nothing_asked_for_is_not_overdue():
    case = decided(status=DecisionStatus.DENIED)
    assert not row(case).overdue


def test_a_cancelled_case_is_never_overdue():
    case = undecided()
    Case.objects.filter(pk=case.pk).update(cancelled_at=datetime(2026, 11, 20, tzinfo=EASTERN))
    assert not row(case).overdue
    assert row(case).deadlines == []


def test_the_desks_approval_itself_marks_the_call_deadlines_done(specialist):
    case = undecided()
    add_decision(case, code="pfml-medical")
    actions.approve_decision(case.decisions.get(policy__code="fmla"), start_date=DESK_LEAVE_START,
                             end_date=DESK_LEAVE_END, by=specialist)  # fmt: skip
    assert states(case) == {
        DeadlineKind.VERIFICATION_CALL: DeadlineState.MET,
        DeadlineKind.SPECIALIST_CONTACT: DeadlineState.MET,
    }


# --- The filter agrees with the rows ----------------------------------------------------------


def a_mix_of_cases():
    """Decided and undecided, called and not, documents answered and not, cancelled: name → case."""
    mix = {
        "undecided, no call": undecided(),
        "undecided, verified only": undecided(),
        "undecided, both calls": called(undecided()),
        "undecided, submitted yesterday": undecided(submitted=FRESH),
        "approved, no call": decided(),
        "denied, no call": decided(status=DecisionStatus.DENIED),
        "approved by a factory (no decided_at), no call": leave(),
        "approved and the department's pending": decided(),
        "one decided, one pending, no call": decided(),
        "one decided, one pending, late document": decided(),
        "decided, late document": decided(),
        "called, document answered": called(undecided()),
        "called, document answered before it was asked": called(undecided()),
        "called, document not yet due": called(undecided()),
        "called, document due today": called(undecided()),
        "cancelled, no call": undecided(),
        "cancelled, late document": called(undecided()),
        "unplanned, late document": CaseFactory.create(kind=CaseKind.UNPLANNED, pattern="", submitted_at=LATE),
        "leave without decisions": leave(),
    }
    call(mix["undecided, verified only"], CallPurpose.VERIFICATION)
    add_decision(mix["approved by a factory (no decided_at), no call"], status=DecisionStatus.APPROVED)
    add_decision(mix["approved and the department's pending"], code="employee-sick")
    add_decision(mix["unplanned, late document"], code="employee-sick")
    for name in ("one decided, one pending, no call", "one decided, one pending, late document"):
        add_decision(mix[name], code="pfml-medical")
    for name in ("one decided, one pending, late document", "decided, late document", "cancelled, late document"):
        ask_for_document(mix[name])
    ask_for_document(mix["unplanned, late document"])
    ask_for_document(mix["called, document answered"])
    upload(mix["called, document answered"], datetime(2026, 11, 18, 9, tzinfo=EASTERN))
    ask_for_document(mix["called, document answered before it was asked"])
    upload(mix["called, document answered before it was asked"], datetime(2026, 11, 16, 12, tzinfo=EASTERN))
    ask_for_document(mix["called, document not yet due"], due=date(2026, 12, 10))
    ask_for_document(mix["called, document due today"], due=TODAY)
    cancelled = [mix["cancelled, no call"].pk, mix["cancelled, late document"].pk]
    Case.objects.filter(pk__in=cancelled).update(cancelled_at=datetime(2026, 11, 20, tzinfo=EASTERN))
    return mix


def overdue_by_the_rows(today):
    return {case for case in with_queue_details(Case.objects.all()) if queue_row(case, today).overdue}


def overdue_by_the_filter(today):
    tasks_follow_the_cases()
    return set(with_deadline(Case.objects.all(), DeadlineFilter.OVERDUE, today))


def test_the_overdue_filter_finds_exactly_the_cases_whose_rows_show_an_overdue_deadline():
    mix = a_mix_of_cases()
    expected = {
        mix[name]
        for name in (
            "undecided, no call",
            "undecided, verified only",
            "one decided, one pending, late document",
            "decided, late document",
            "called, document answered before it was asked",
            "unplanned, late document",
        )
    }
    assert overdue_by_the_rows(TODAY) == expected
    assert overdue_by_the_filter(TODAY) == expected


@pytest.mark.parametrize("today", [TODAY + timedelta(days=n) for n in (-8, -7, -5, -3, -1, 1, 4, 7, 14, 20)])
def test_the_overdue_filter_and_the_rows_agree_on_any_day(today):
    a_mix_of_cases()
    assert overdue_by_the_filter(today) == overdue_by_the_rows(today)


def test_due_today_or_overdue_finds_exactly_the_rows_with_a_deadline_due_today_or_past():
    a_mix_of_cases()
    due = {DeadlineState.OVERDUE, DeadlineState.DUE_TODAY}
    by_rows = {
        case
        for case in with_queue_details(Case.objects.all())
        if any(state in due for _deadline, state in queue_row(case, TODAY).deadline_states)
    }
    tasks_follow_the_cases()
    assert set(with_deadline(Case.objects.all(), DeadlineFilter.DUE_TODAY, TODAY)) == by_rows


# --- The page says it in words ----------------------------------------------------------------


def queue_row_text(page, case_number):
    rows = re.findall(r"<tr[ >].*?</tr>", page, flags=re.DOTALL)
    found = next(row for row in rows if case_number in row)
    return " ".join(re.sub(r"<[^>]+>", " ", found).split())


def test_the_queue_says_overdue_in_words_on_an_overdue_row_and_not_on_a_decided_one(client, specialist, monkeypatch):
    monkeypatch.setattr("desk.views.queue.timezone.localdate", lambda *a, **k: TODAY)
    sign_in_to_desk(client, specialist)
    late, settled = undecided(), decided()
    add_decision(settled, code="employee-sick")
    page = client.get(reverse("desk:queue"), {"status": QueueStatus.ALL}).content.decode()
    late_row = queue_row_text(page, late.case_number)
    assert "Overdue · Verification call, Nov 18" in late_row
    assert "and 1 more" in late_row
    settled_row = queue_row_text(page, settled.case_number)
    assert "Overdue" not in settled_row
    assert "New" not in settled_row.split()
    assert "None open" in settled_row
