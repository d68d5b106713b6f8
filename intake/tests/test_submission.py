from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from absence.windows import one_year_span
from cases.models import Case, CaseKind, CaseReason, LeavePattern
from cases.notify import long_date
from intake.submission import submit_draft
from intake.tests.drafts import LETTER_CONTACT, day, leave_draft, unplanned_draft
from intake.tests.people import supervisor_and_employee
from intake.wizard import DraftIncompleteError
from notices.models import Channel, Message
from policies.models import DecisionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return supervisor_and_employee()


@pytest.fixture
def maria(people):
    return people[1]


def today(offset=0):
    return timezone.localdate() + timedelta(days=offset)


def test_a_continuous_leave_becomes_a_case_with_its_period_reasons_and_pending_decisions(maria):
    draft = leave_draft(
        maria,
        reasons=[
            "Surgery",
            "S72.001A|Fracture of unspecified part of neck of right femur, initial encounter for closed fracture",
        ],
        dates=(today(3), today(20)),
    )
    case = submit_draft(draft)
    assert len(case.case_number) == 10
    assert (case.kind, case.reason, case.pattern) == (
        CaseKind.LEAVE,
        CaseReason.EMPLOYEE_HEALTH,
        LeavePattern.CONTINUOUS,
    )
    assert (case.payment_option, case.work_related, case.email) == ("dfml_only", False, "maria@home.example")
    assert case.submission_key == draft.id
    assert [(c.label, c.code) for c in case.conditions.all()] == [
        ("Surgery", ""),
        ("Fracture of unspecified part of neck of right femur, initial encounter for closed fracture", "S72.001A"),
    ]
    assert (case.leave_period.start_date, case.leave_period.end_date) == (today(3), today(20))
    decisions = case.decisions.select_related("policy")
    assert sorted(d.policy.code for d in decisions) == ["fmla", "pfml-medical", "std-1"]
    assert {(d.status, d.start_date, d.end_date) for d in decisions} == {(DecisionStatus.PENDING, today(3), today(20))}
    draft.refresh_from_db()
    assert draft.is_submitted


def test_each_leave_reason_brings_its_policies(maria):
    expected = {"family_health": ["fmla", "pfml-family"], "pregnancy": ["fmla", "pfml-medical", "std-1"],
                "bonding": ["fmla", "pfml-family"]}  # fmt: skip
    for reason, codes in expected.items():
        case = submit_draft(leave_draft(maria, reason=reason, dates=(today(1), today(2))))
        assert sorted(case.decisions.values_list("policy__code", flat=True)) == codes


def test_an_intermittent_leave_spans_a_year_from_its_earliest_day_and_keeps_its_days(maria):
    days = [
        day(today(5), minutes=450, doctor_visit=True, notes="Therapy"),
        day(today(-2), minutes=90, start="22:30", end="00:00"),
    ]
    case = submit_draft(leave_draft(maria, days=days))
    assert case.pattern == LeavePattern.INTERMITTENT
    assert (case.leave_period.start_date, case.leave_period.end_date) == one_year_span(today(-2))
    entries = list(case.time_entries.all())
    assert [(e.date, e.full_day, e.minutes) for e in entries] == [(today(-2), False, 90), (today(5), True, 450)]
    assert (entries[0].start_time, entries[0].end_time) == (time(22, 30), time(0, 0))
    assert (entries[1].doctor_visit, entries[1].notes) == (True, "Therapy")
    assert set(case.decisions.values_list("start_date", "end_date")) == {one_year_span(today(-2))}


def test_an_intermittent_leave_without_known_days_spans_a_year_from_the_submission_date(maria):
    case = submit_draft(leave_draft(maria))
    assert not case.time_entries.exists()
    assert (case.leave_period.start_date, case.leave_period.end_date) == one_year_span(timezone.localdate())


def test_a_year_from_the_29th_of_february_ends_on_the_28th():
    assert one_year_span(date(2028, 2, 29)) == (date(2028, 2, 29), date(2029, 2, 28))
    assert one_year_span(date(2026, 12, 1)) == (date(2026, 12, 1), date(2027, 11, 30))


def test_an_unplanned_absence_for_oneself_is_employee_sick_on_its_date(maria):
    case = submit_draft(unplanned_draft(maria, day(today(1), minutes=450)))
    assert (case.kind, case.reason, case.absence_for) == (CaseKind.UNPLANNED, CaseReason.EMPLOYEE_SICK, "myself")
    assert case.overtime_shift == "not_ot"
    assert list(case.time_entries.values_list("date", "minutes")) == [(today(1), 450)]
    assert list(case.decisions.values_list("policy__code", "start_date", "end_date")) == [
        ("employee-sick", today(1), today(1))
    ]


def test_an_unplanned_absence_for_a_family_member_is_family_sick(maria):
    draft = unplanned_draft(maria, day(today(0), minutes=120, start="08:00", end="10:00"), absence_for="other",
                            relationship="Grandmother")  # fmt: skip
    case = submit_draft(draft)
    assert (case.reason, case.relationship) == (CaseReason.FAMILY_SICK, "Grandmother")
    assert list(case.decisions.values_list("policy__code", flat=True)) == ["family-sick"]


def test_submitting_the_same_draft_twice_gives_the_same_one_case(maria):
    draft = leave_draft(maria, dates=(today(1), today(2)))
    first = submit_draft(draft)
    second = submit_draft(draft)
    assert first == second
    assert Case.objects.count() == 1
    assert Message.objects.filter(template="intake_leave_confirmation").count() == 1


def test_a_submit_that_loses_the_race_returns_the_winners_case(maria, monkeypatch):
    # Two tabs: both look for a case before either has made one; the second insert hits the unique key.
    draft = leave_draft(maria, dates=(today(1), today(2)))
    winner = submit_draft(draft)
    monkeypatch.setattr("cases.submission.submitted_case", lambda key: None)
    loser = submit_draft(type(draft).objects.get(pk=draft.pk))
    assert loser == winner
    assert Case.objects.count() == 1
    assert Message.objects.filter(template="case_supervisor_absence").count() == 1


def test_an_incomplete_draft_is_refused_and_creates_nothing(maria):
    draft = leave_draft(maria, dates=(today(1), today(2)))
    del draft.answers["procedural-questions"]
    draft.save()
    with pytest.raises(DraftIncompleteError) as refused:
        submit_draft(draft)
    assert refused.value.step == "procedural-questions"
    assert not Case.objects.exists()


def test_a_draft_whose_start_date_has_become_too_old_is_refused_on_submit(maria):
    draft = leave_draft(maria, dates=(today(-31), today(2)))
    with pytest.raises(DraftIncompleteError) as refused:
        submit_draft(draft)
    assert refused.value.step == "continuous-dates"


def test_a_day_entered_twice_is_refused_on_submit(maria):
    draft = leave_draft(maria, days=[day(today(1)), day(today(1))])
    with pytest.raises(DraftIncompleteError):
        submit_draft(draft)


def test_the_employee_is_confirmed_by_email_and_the_supervisor_told_dates_and_hours_without_the_reason(maria):
    case = submit_draft(leave_draft(maria, reasons=["Depression"], dates=(today(3), today(10))))
    confirmation = Message.objects.get(template="intake_leave_confirmation")
    assert (confirmation.channel, confirmation.recipient) == (Channel.EMAIL, "maria@home.example")
    assert case.case_number in confirmation.body
    notice = Message.objects.get(template="case_supervisor_absence")
    assert notice.recipient == "james.walsh@home.example"
    assert "Maria Santos" in notice.subject
    assert long_date(today(3)) in notice.body
    assert "7 hours 30 minutes a day" in notice.body
    for secret in ("Depression", "Employee Health", "health", "Surgery"):
        assert secret.lower() not in (notice.subject + notice.body).lower()


def test_a_mailing_address_choice_sends_the_confirmation_as_a_letter(maria):
    submit_draft(leave_draft(maria, dates=(today(3), today(10)), contact=LETTER_CONTACT))
    letter = Message.objects.get(template="intake_leave_confirmation")
    assert letter.channel == Channel.LETTER
    assert "600 Grant Street" in letter.recipient
    assert "Burlington, MA 01803" in letter.recipient


def test_an_intermittent_leave_sends_no_supervisor_notice(maria):
    submit_draft(leave_draft(maria, days=[day(today(1))]))
    assert not Message.objects.filter(template="case_supervisor_absence").exists()


def test_an_unplanned_absence_tells_the_supervisor_the_date_and_time_but_not_the_reason(maria):
    submit_draft(unplanned_draft(maria, day(today(1), minutes=150, start="22:30", end="01:00"),
                                             reason="Migraine"))  # fmt: skip
    notice = Message.objects.get(template="case_supervisor_absence")
    assert long_date(today(1)) in notice.body
    assert "10:30 PM – 01:00 AM (02:30)" in notice.body
    assert "migraine" not in notice.body.lower()
    assert "sick" not in notice.body.lower()
    assert Message.objects.get(template="intake_unplanned_confirmation").recipient == "maria@home.example"


def test_a_policy_the_employee_looks_ineligible_for_is_still_attached_with_the_reason(maria):
    record = maria.roster_record
    record.hours_worked_last_12_months = Decimal("1020")
    record.save()
    case = submit_draft(leave_draft(maria, dates=(today(1), today(5))))
    fmla = case.decisions.get(policy__code="fmla")
    assert fmla.status == DecisionStatus.PENDING
    assert "1,020 of 1,250 hours" in fmla.eligibility_note
