"""The FMLA designation notice (29 CFR 825.300(d)), sent as a PDF letter when the desk approves or denies the FMLA
decision: each required item, for continuous and intermittent leave, approved and denied, once per change."""

from __future__ import annotations

from datetime import date

import pytest

from accounts.tests.factories import EmployeeFactory
from cases.balances import entitlement_check
from cases.models import ReturnToWork
from desk.decisions import DecisionChange, decide_policies
from desk.tests.factories import make_specialist
from letters.fmla import send_designation_notice
from letters.models import Letter, LetterKind
from letters.tests.factories import LEAVE_END, LEAVE_START, letter_text, submit_leave
from policies.engine.wording import hours_text
from policies.models import DecisionStatus, PolicyDecision

pytestmark = pytest.mark.django_db

# 29 CFR 825.300(d): what an approval must say, each as the letter words it.
DESIGNATED_ITEMS = {
    "designated (d)(1)": "Yes. Your leave from January 5, 2027 to February 13, 2027 is designated as FMLA leave.",
    "the amount counted (d)(6)": "hours of this leave are counted against your FMLA leave.",
    "paid-leave substitution (d)(1)": "It will be substituted for unpaid FMLA leave",
    "fitness for duty (d)(3)": "A fitness-for-duty certification is not required for you to return to work.",
}


def missing(text: str, items: dict[str, str]) -> list[str]:
    return [f"{item}: {words!r}" for item, words in items.items() if words not in text]


@pytest.fixture
def specialist(db):
    return make_specialist("designating-specialist")


def fmla_of(case) -> PolicyDecision:
    return case.decisions.select_related("policy").get(policy__code="fmla")


def decide(case, decision, status, *, by, denial_reason="", start=LEAVE_START, end=LEAVE_END):
    change = DecisionChange(decision.pk, decision.version, status, start, end, denial_reason=denial_reason)
    decide_policies(case, [change], by=by)


def designation(case) -> Letter:
    return Letter.objects.get(case=case, kind=LetterKind.FMLA_DESIGNATION)


def test_an_approval_says_every_item_of_825_300_d_with_the_engines_hours(specialist):
    case = submit_leave(EmployeeFactory.create())
    decision = fmla_of(case)
    check = entitlement_check(decision, LEAVE_START, LEAVE_END)
    assert check is not None
    decide(case, decision, DecisionStatus.APPROVED, by=specialist)
    text = letter_text(designation(case))
    assert not missing(text, DESIGNATED_ITEMS)
    assert f"{hours_text(check.requested_hours)} hours of this leave are counted against your FMLA leave." in text
    assert case.case_number in text


def test_a_denial_says_it_is_not_fmla_leave_and_why(specialist):
    case = submit_leave(EmployeeFactory.create())
    decide(case, fmla_of(case), DecisionStatus.DENIED, by=specialist, denial_reason="The certification never came.")
    letter = designation(case)
    text = letter_text(letter)
    assert letter.subject == "Your leave is not FMLA leave"
    assert "No. Your leave from January 5, 2027 to February 13, 2027 is not designated as FMLA leave." in text
    assert "The reason: The certification never came." in text
    assert "substituted" not in text  # no FMLA leave for paid leave to run with


def test_intermittent_leave_is_counted_as_it_is_taken(specialist):
    from absence.days import DayEntry  # noqa: PLC0415

    day = DayEntry(day=date(2027, 1, 12), full_day=True, minutes=480)
    case = submit_leave(EmployeeFactory.create(), continuous=False, start=None, end=None, days=(day,))
    decision = fmla_of(case)
    decide(case, decision, DecisionStatus.APPROVED, by=specialist, start=decision.start_date, end=decision.end_date)
    text = letter_text(designation(case))
    assert "it will be counted against your FMLA leave as you take it" in text
    assert "hours of FMLA leave available" in text


def test_it_is_due_within_5_business_days_and_sent_at_once(specialist):
    case = submit_leave(EmployeeFactory.create())
    decide(case, fmla_of(case), DecisionStatus.APPROVED, by=specialist)
    letter = designation(case)
    assert letter.sent_at is not None
    assert letter.due_on is not None
    assert letter.sent_at.date() <= letter.due_on


def test_the_same_change_sends_one_letter_however_often_it_is_retried(specialist):
    case = submit_leave(EmployeeFactory.create())
    decide(case, fmla_of(case), DecisionStatus.APPROVED, by=specialist)
    decision = fmla_of(case)
    first = designation(case)
    assert send_designation_notice(case, decision, None, cause=first.dedupe_key.removesuffix("-fmla-designation"))
    assert Letter.objects.filter(case=case, kind=LetterKind.FMLA_DESIGNATION).count() == 1


def test_a_pending_decision_or_another_policy_gets_no_designation_letter(specialist):
    case = submit_leave(EmployeeFactory.create())
    other = case.decisions.select_related("policy").exclude(policy__code="fmla").first()
    if other is not None:
        decide(case, other, DecisionStatus.APPROVED, by=specialist)
    assert not Letter.objects.filter(case=case, kind=LetterKind.FMLA_DESIGNATION).exists()
    assert send_designation_notice(case, fmla_of(case), None, cause="desk-event-0") is None


def test_a_fitness_for_duty_certification_required_before_the_designation_is_stated_in_it(specialist):
    case = submit_leave(EmployeeFactory.create())
    ReturnToWork.objects.create(case=case, fitness_for_duty_required=True)
    decide(case, fmla_of(case), DecisionStatus.APPROVED, by=specialist)
    text = letter_text(designation(case))
    assert (
        "You must give us a fitness-for-duty certification from your health care provider before you return to work."
        in text
    )
    assert "A fitness-for-duty certification is not required" not in text


def test_intermittent_leave_states_the_frequency_and_duration_the_certification_approved(specialist):
    from absence.days import DayEntry  # noqa: PLC0415
    from desk.models import Certification  # noqa: PLC0415

    day = DayEntry(day=date(2027, 1, 12), full_day=True, minutes=480)
    case = submit_leave(EmployeeFactory.create(), continuous=False, start=None, end=None, days=(day,))
    Certification.objects.create(
        case=case, received_on=date(2026, 12, 20), complete=True, episode_kind="episode", episodes=2, per="month",
        duration=1, duration_unit="days", recorded_by=specialist,
    )  # fmt: skip
    decision = fmla_of(case)
    decide(case, decision, DecisionStatus.APPROVED, by=specialist, start=decision.start_date, end=decision.end_date)
    text = letter_text(designation(case))
    assert "your health care provider certified: up to 2 episodes a month, up to 1 day each." in text
