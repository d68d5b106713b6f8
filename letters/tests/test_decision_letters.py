"""Decision letters for the policies other than FMLA (MA PFML medical and family, Short Term Disability, the Sick
Leave Bank): each says the outcome, the dates and the engine's hours or the reason, and how to disagree; one per
policy decided, sent by the employee's channel in the sitting's transaction, listed in My Letters."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from absence.reasons import CaseReason
from accounts.tests.factories import EmployeeFactory
from cases.balances import entitlement_check
from cases.notify import long_date
from desk.decisions import DecisionChange, decide_policies
from desk.tests.factories import make_specialist
from letters.decision_letters import (
    PFML_APPEAL_CALENDAR_DAYS,
    decision_letter_drafts,
    send_decision_letters,
)
from letters.models import Letter, LetterKind
from letters.rendering import letter_html
from letters.tests.factories import LEAVE_END, LEAVE_START, by_mail, letter_text, submit_leave
from notices.models import Channel, Message
from policies.engine.wording import hours_text
from policies.models import DecisionStatus, PolicyDecision
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db

REQUESTED = "January 5, 2027 to February 13, 2027"
PFML_APPEAL = {
    "where": "You may appeal to the Department of Family and Medical Leave (DFML).",
    "the time limit": f"You must file your appeal within {PFML_APPEAL_CALENDAR_DAYS} calendar days of the day you "
    "receive this letter.",
    "how": "File it at paidleave.mass.gov, or call the DFML at (833) 344-7365",
    "late appeals": "If something outside your control keeps you from appealing within 10 days, you may still appeal",
    "the citation": "(458 CMR 2.14; M.G.L. c.175M §8)",
}
PLAN_REVIEW = {
    "where and how": "You may ask us to review this decision. Call us at 1-833-640-2800 and give your case number,",
    "what to send": "Tell us why you think the decision is wrong, and send us anything that supports it",
}


@pytest.fixture
def specialist(db):
    return make_specialist("deciding-specialist")


def decision_of(case, code: str) -> PolicyDecision:
    return case.decisions.select_related("policy").get(policy__code=code)


def change(decision, status, *, denial_reason="", start=LEAVE_START, end=LEAVE_END) -> DecisionChange:
    return DecisionChange(decision.pk, decision.version, status, start, end, denial_reason=denial_reason)


def letter_of(case, kind: LetterKind) -> Letter:
    return Letter.objects.get(case=case, kind=kind)


def missing(text: str, items: dict[str, str]) -> list[str]:
    return [f"{item}: {words!r}" for item, words in items.items() if words not in text]


def every_letter_has_its_letterhead(text: str, case) -> None:
    assert text.startswith("Workpartners Phone 1-833-640-2800 · TTY 711")
    assert long_date(timezone.localdate()) in text
    assert f"Case number {case.case_number}" in text


def test_an_approved_pfml_medical_leave_states_the_dates_the_engines_hours_and_the_appeal(specialist):
    case = submit_leave(EmployeeFactory.create())
    pfml = decision_of(case, "pfml-medical")
    check = entitlement_check(pfml, LEAVE_START, LEAVE_END)
    assert check is not None
    decide_policies(case, [change(pfml, DecisionStatus.APPROVED)], by=specialist)
    letter = letter_of(case, LetterKind.PFML_DECISION)
    text = letter_text(letter)
    every_letter_has_its_letterhead(text, case)
    assert letter.subject == "Your request for MA PFML Medical Leave is approved"
    assert f"Yes. You are approved for MA PFML Medical Leave from {REQUESTED}." in text
    counted = hours_text(check.requested_hours)
    assert f"{counted} hours of this leave are counted against your MA PFML Medical Leave." in text
    left = hours_text(check.remaining_hours - check.requested_hours)
    assert f"After this leave, you will have {left} hours left." in text
    # The engine's own explanation, the waiting week among it, without the desk's citations.
    assert "How we counted:" in text
    assert "Waiting period: Jan 5, 2027 – Jan 11, 2027, the first 7 calendar days, unpaid" in text
    assert "[" not in text
    assert "the Department of Family and Medical Leave (DFML) decides your weekly benefit amount" in text
    assert "If you disagree with this decision" in text
    assert not missing(text, PFML_APPEAL)


def test_a_denied_pfml_family_leave_gives_the_reason_and_how_to_appeal_within_10_days(specialist):
    case = submit_leave(EmployeeFactory.create(), reason=CaseReason.FAMILY_HEALTH)
    pfml = decision_of(case, "pfml-family")
    reason = "The certification does not show a serious health condition of your family member."
    decide_policies(case, [change(pfml, DecisionStatus.DENIED, denial_reason=reason)], by=specialist)
    letter = letter_of(case, LetterKind.PFML_DECISION)
    text = letter_text(letter)
    every_letter_has_its_letterhead(text, case)
    assert letter.subject == "Your request for MA PFML Family Leave is denied"
    assert f"No. Your request for MA PFML Family Leave from {REQUESTED} is denied." in text
    assert f"The reason: {reason}" in text
    assert "How to appeal this decision" in text
    assert not missing(text, PFML_APPEAL)
    assert "hours of this leave are counted" not in text


def test_an_approved_short_term_disability_states_the_hours_and_the_employers_review(specialist):
    case = submit_leave(EmployeeFactory.create())
    std = decision_of(case, "std-1")
    check = entitlement_check(std, LEAVE_START, LEAVE_END)
    assert check is not None
    decide_policies(case, [change(std, DecisionStatus.APPROVED)], by=specialist)
    letter = letter_of(case, LetterKind.PLAN_DECISION)
    text = letter_text(letter)
    every_letter_has_its_letterhead(text, case)
    assert letter.subject == "Your request for Short Term Disability 1 is approved"
    assert f"Yes. You are approved for Short Term Disability 1 from {REQUESTED}." in text
    counted = hours_text(check.requested_hours)
    assert f"{counted} hours of this leave are counted against your Short Term Disability 1." in text
    assert "Elimination period: Jan 5, 2027 – Jan 18, 2027, the first 14 calendar days, unpaid" in text
    assert "Your supervisor is told the dates and the status of your leave, never the reason." in text
    assert not missing(text, PLAN_REVIEW)
    assert "DFML" not in text  # an employer plan is reviewed by us, not appealed to the state


def test_a_denied_short_term_disability_gives_the_reason_and_the_review_with_the_phone_number(specialist):
    case = submit_leave(EmployeeFactory.create())
    reason = "Your provider's statement says you can do your job with light duty."
    denial = change(decision_of(case, "std-1"), DecisionStatus.DENIED, denial_reason=reason)
    decide_policies(case, [denial], by=specialist)
    text = letter_text(letter_of(case, LetterKind.PLAN_DECISION))
    every_letter_has_its_letterhead(text, case)
    assert f"No. Your request for Short Term Disability 1 from {REQUESTED} is denied. The reason: {reason}" in text
    assert "How to ask for a review" in text
    assert not missing(text, PLAN_REVIEW)


def test_the_sick_leave_bank_has_no_hours_from_the_engine_so_its_letter_states_the_dates(specialist):
    case = submit_leave(EmployeeFactory.create())
    bank = PolicyDecisionFactory.create(
        case=case, policy=policy("sick-leave-bank"), start_date=LEAVE_START, end_date=LEAVE_END
    )
    decide_policies(case, [change(bank, DecisionStatus.APPROVED, end=LEAVE_START.replace(day=29))], by=specialist)
    text = letter_text(letter_of(case, LetterKind.PLAN_DECISION))
    assert "Yes. You are approved for Legislative Sick Leave Bank from January 5, 2027 to January 29, 2027." in text
    assert f"You asked for {REQUESTED}. Only the dates above are approved" in text
    assert "This policy does not count your leave in hours" in text
    assert "How we counted" not in text


def test_a_sitting_sends_one_letter_per_policy_each_by_the_employees_channel_and_keyed_by_its_cause(specialist):
    case = submit_leave(EmployeeFactory.create(), contact=by_mail())
    codes = ("fmla", "pfml-medical", "std-1")
    changes = [change(decision_of(case, code), DecisionStatus.APPROVED) for code in codes]
    decide_policies(case, changes, by=specialist)
    letters = list(case.letters.exclude(kind=LetterKind.FMLA_ELIGIBILITY).select_related("message"))
    kinds = sorted(letter.kind for letter in letters)
    assert kinds == [LetterKind.FMLA_DESIGNATION, LetterKind.PFML_DECISION, LetterKind.PLAN_DECISION]
    assert all(letter.message and letter.message.channel == Channel.LETTER for letter in letters)
    assert all(letter.message and letter.message.attachment == letter.pdf.name for letter in letters)
    keys = sorted(letter.dedupe_key for letter in letters)
    assert [key.split("-", 3)[-1] for key in keys] == ["fmla-designation", "pfml-medical-decision", "std-1-decision"]
    text = letter_text(letter_of(case, LetterKind.PFML_DECISION))
    assert "12 Elm Street" in text  # the mailing address, as the letter goes by mail


def test_a_retried_cause_sends_no_second_letter_and_a_later_change_sends_its_own(specialist):
    case = submit_leave(EmployeeFactory.create())
    std = decision_of(case, "std-1")
    decide_policies(case, [change(std, DecisionStatus.APPROVED)], by=specialist)
    first = letter_of(case, LetterKind.PLAN_DECISION)
    cause = first.dedupe_key.removesuffix("-std-1-decision")
    messages = Message.objects.count()
    assert send_decision_letters(case, decision_of(case, "std-1"), None, cause=cause) == [first]
    assert Message.objects.count() == messages
    std = decision_of(case, "std-1")
    reversal = DecisionChange(
        std.pk, std.version, DecisionStatus.DENIED, LEAVE_START, LEAVE_END,
        denial_reason="The plan's records show no coverage.", change_reason="Coverage ended.",
    )  # fmt: skip
    decide_policies(case, [reversal], by=specialist)
    assert case.letters.filter(kind=LetterKind.PLAN_DECISION).count() == 2


def test_a_pending_decision_or_a_departments_policy_sends_no_letter(specialist):
    case = submit_leave(EmployeeFactory.create())
    assert decision_letter_drafts(case, decision_of(case, "std-1"), None) == []
    sick = PolicyDecisionFactory.build(case=case, policy=policy("employee-sick"), status=DecisionStatus.APPROVED)
    assert decision_letter_drafts(case, sick, None) == []


def test_fmla_military_caregiver_leave_gets_the_designation_notice_not_a_decision_letter(specialist):
    case = submit_leave(EmployeeFactory.create(), reason=CaseReason.MILITARY_CAREGIVER)
    caregiver = decision_of(case, "fmla-military-caregiver")
    decide_policies(case, [change(caregiver, DecisionStatus.APPROVED)], by=specialist)
    assert case.letters.filter(kind=LetterKind.FMLA_DESIGNATION).count() == 1
    assert not case.letters.filter(kind=LetterKind.PLAN_DECISION).exists()


def test_the_letters_are_listed_in_my_letters(client, specialist):
    case = submit_leave(EmployeeFactory.create())
    decide_policies(case, [change(decision_of(case, "pfml-medical"), DecisionStatus.APPROVED)], by=specialist)
    client.force_login(case.employee)
    page = client.get(reverse("cases:detail", args=[case.case_number])).content.decode()
    letter = letter_of(case, LetterKind.PFML_DECISION)
    assert letter.subject in page
    assert reverse("letters:letter", args=[case.case_number, letter.pk]) in page


def test_the_specialists_paragraph_is_printed_escaped_under_its_heading_and_kept_as_sent(specialist):
    case = submit_leave(EmployeeFactory.create())
    note = "Call me <b>before</b> Friday & bring the form.\nThank you."
    decide_policies(case, [change(decision_of(case, "std-1"), DecisionStatus.APPROVED)], by=specialist,
                    letter_note=f"  {note}  ")  # fmt: skip
    letter = letter_of(case, LetterKind.PLAN_DECISION)
    assert letter.specialist_note == note
    text = letter_text(letter)
    assert "A note from your case specialist Call me <b>before</b> Friday & bring the form. Thank you." in text
    draft = decision_letter_drafts(case, decision_of(case, "std-1"), None)[0]
    html = letter_html(draft.kind, {**draft.context, "specialist_note": note})
    assert "Call me &lt;b&gt;before&lt;/b&gt; Friday &amp; bring the form.<br>Thank you." in html


def test_without_a_paragraph_there_is_no_note_heading(specialist):
    case = submit_leave(EmployeeFactory.create())
    decide_policies(case, [change(decision_of(case, "fmla"), DecisionStatus.APPROVED)], by=specialist)
    letter = letter_of(case, LetterKind.FMLA_DESIGNATION)
    assert letter.specialist_note == ""
    assert "A note from your case specialist" not in letter_text(letter)
