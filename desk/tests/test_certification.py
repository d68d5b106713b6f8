"""Certification on the desk (desk.certification): reviewing an upload (accepted, incomplete with the cure notice
and a request due in 7 calendar days, not needed), recording what a certification says, asking for a
recertification only when 29 CFR 825.308 allows it, and deciding reported time beyond the certified frequency
(not covered is not charged by the engine)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from absence.certification import DurationUnit, EpisodeKind, FrequencyPeriod
from audit.models import AuditAction, AuditEvent
from cases.balances import balances_for_case
from cases.models import CaseEventKind, DocumentType, TimeEntry
from cases.tests.factories import DocumentFactory, DocumentRequestFactory, TimeEntryFactory
from desk import certification
from desk.actions import DeskActionError
from desk.certification import CertificationFacts
from desk.deadlines import local_date
from desk.models import Certification, DocumentRequest, ReviewOutcome
from desk.queue import outstanding_document_requests
from desk.tests.conftest import desk_case
from letters.models import Letter, LetterKind
from letters.tests.factories import letter_text
from policies.models import DecisionStatus

pytestmark = pytest.mark.django_db
TWO_A_MONTH = {
    "episode_kind": EpisodeKind.EPISODE,
    "episodes": 2,
    "per": FrequencyPeriod.MONTH,
    "duration": Decimal(1),
    "duration_unit": DurationUnit.DAYS,
}


@pytest.fixture
def case(employee):
    return desk_case(employee)


def uploaded(case, when=None):
    """A certification the employee uploaded an hour ago (or `when`)."""
    moment = when or timezone.now() - timedelta(hours=1)
    return DocumentFactory.create(case=case, uploaded_at=moment, file_name="wh-380-e.pdf")


def asked(case, by):
    """The desk asked for the certification two days ago."""
    return DocumentRequestFactory.create(case=case, requested_by=by, requested_at=timezone.now() - timedelta(days=2))


def test_an_upload_answers_the_open_request_of_its_type_and_the_review_keeps_the_match(case, specialist):
    request = asked(case, specialist)
    document = uploaded(case)
    review = certification.review_document(case, document, outcome=ReviewOutcome.ACCEPTED, by=specialist)
    assert review.answered == request
    assert not outstanding_document_requests().filter(pk=request.pk).exists()
    event = case.events.get(kind=CaseEventKind.CERTIFICATION)
    assert event.summary == "Medical Certification “wh-380-e.pdf” reviewed: accepted"
    assert AuditEvent.objects.filter(action=AuditAction.REVIEWED_DOCUMENT, case_number=case.case_number).exists()


def test_an_upload_before_the_request_answers_nothing(case, specialist):
    document = uploaded(case, when=timezone.now() - timedelta(days=3))
    asked(case, specialist)
    review = certification.review_document(case, document, outcome=ReviewOutcome.NOT_NEEDED, by=specialist)
    assert review.answered is None


def test_incomplete_sends_the_cure_notice_and_opens_a_request_due_in_seven_days(case, specialist):
    asked(case, specialist)
    document = uploaded(case)
    review = certification.review_document(
        case, document, outcome=ReviewOutcome.INCOMPLETE, missing="The expected duration\nThe provider's signature",
        by=specialist,
    )  # fmt: skip
    today = local_date(review.reviewed_at)
    cure = review.cure_request
    assert cure is not None
    assert cure.due_date == today + timedelta(days=7)
    assert outstanding_document_requests().filter(pk=cure.pk).exists()  # the reminders and overdue work on it
    letter = Letter.objects.get(case=case, kind=LetterKind.CURE_NOTICE)
    assert letter.sent_at is not None
    text = letter_text(letter)
    assert "The expected duration" in text
    assert "The provider's signature" in text
    assert f"{cure.due_date:%B} {cure.due_date.day}, {cure.due_date.year}" in text
    assert "we may deny FMLA protection" in text


def test_incomplete_needs_what_is_missing_and_a_document_is_reviewed_once(case, specialist):
    document = uploaded(case)
    with pytest.raises(DeskActionError, match="Say what is missing"):
        certification.review_document(case, document, outcome=ReviewOutcome.INCOMPLETE, missing=" ", by=specialist)
    certification.review_document(case, document, outcome=ReviewOutcome.ACCEPTED, by=specialist)
    with pytest.raises(DeskActionError, match="already reviewed"):
        certification.review_document(case, document, outcome=ReviewOutcome.NOT_NEEDED, by=specialist)
    assert not Letter.objects.filter(kind=LetterKind.CURE_NOTICE).exists()


def test_the_upload_that_cures_answers_the_cure_request(case, specialist):
    first = uploaded(case)
    review = certification.review_document(
        case, first, outcome=ReviewOutcome.INCOMPLETE, missing="The frequency of episodes", by=specialist
    )
    cured = uploaded(case, when=review.reviewed_at + timedelta(hours=2))
    assert certification.document_matches(case)[cured.pk] == [review.cure_request]


def record(case, by, **fields):
    values = {"received_on": date(2026, 12, 3), "complete": True, "condition_start": date(2026, 11, 20),
              "condition_end": date(2027, 5, 28), **TWO_A_MONTH, **fields}  # fmt: skip
    return certification.record_certification(case, CertificationFacts(**values), by=by)


def test_a_certification_records_the_approved_frequency_in_plain_words(case, specialist):
    recorded = record(case, specialist)
    assert recorded.pattern == "up to 2 episodes a month, up to 1 day each"
    assert case.events.get(kind=CaseEventKind.CERTIFICATION).summary == (
        "Certification received Dec 03, 2026 recorded, complete: up to 2 episodes a month, up to 1 day each"
    )


def test_a_complete_certification_of_intermittent_leave_needs_its_frequency(case, specialist):
    with pytest.raises(DeskActionError, match="approved frequency and duration"):
        record(case, specialist, episodes=None)
    with pytest.raises(DeskActionError, match="lifetime or chronic condition has no end date"):
        record(case, specialist, lifetime=True)
    assert not Certification.objects.exists()


@pytest.fixture(autouse=True)
def today_is(monkeypatch):
    """The desk's day for recording and recertifying: Dec 10, 2026 unless a test says otherwise."""
    days = {"today": date(2026, 12, 10)}
    monkeypatch.setattr("desk.certification.timezone.localdate", lambda *a, **k: days["today"])
    monkeypatch.setattr("desk.actions.timezone.localdate", lambda *a, **k: days["today"])
    return days


def test_a_recertification_before_the_allowed_day_is_refused_with_that_day(case, specialist, today_is):
    record(case, specialist, condition_end=date(2026, 12, 20))  # a short duration: the 30-day rule
    today_is["today"] = date(2027, 1, 1)
    with pytest.raises(DeskActionError, match="from Jan 02, 2027"):
        certification.request_recertification(case, by=specialist)
    today_is["today"] = date(2027, 1, 2)
    asked = certification.request_recertification(case, by=specialist)
    assert asked.document_type == DocumentType.MEDICAL_CERTIFICATION
    assert asked.due_date == date(2027, 1, 17)


def test_a_recertification_sooner_needs_the_reason_and_keeps_it(case, specialist, today_is):
    record(case, specialist)
    today_is["today"] = date(2026, 12, 10)
    certification.request_recertification(case, reason="Absences twice as often as certified.", by=specialist)
    event = case.events.filter(kind=CaseEventKind.CERTIFICATION).order_by("-id").first()
    assert event.reason == "Absences twice as often as certified."
    assert "because the circumstances changed" in event.summary
    assert AuditEvent.objects.filter(action=AuditAction.REQUESTED_RECERTIFICATION).exists()


def test_no_recertification_before_a_certification_is_recorded(case, specialist, today_is):
    with pytest.raises(DeskActionError, match="No certification is recorded"):
        certification.request_recertification(case, by=specialist)
    assert not DocumentRequest.objects.exists()


def flagged_case(case, specialist):
    record(case, specialist)
    days = [date(2027, 1, 5), date(2027, 1, 12), date(2027, 1, 19)]  # three Tuesdays: one episode too many
    return [TimeEntryFactory.create(case=case, date=day) for day in days]


def rows(case):
    case.refresh_from_db()
    loaded = type(case).objects.prefetch_related("certifications", "time_entries__frequency_decision").get(pk=case.pk)
    return certification.frequency_rows(loaded, certification.current_certification(loaded))


def test_an_episode_beyond_the_frequency_is_flagged_with_why(case, specialist):
    flagged_case(case, specialist)
    [row] = rows(case)
    assert row.entry.date == date(2027, 1, 19)
    assert row.flag.reason == "episode 3 in January 2027; approved: up to 2 episodes a month, up to 1 day each"
    assert row.decision is None


def test_time_decided_not_covered_is_not_charged_and_charged_time_is(case, specialist):
    flagged_case(case, specialist)
    case.decisions.update(status=DecisionStatus.APPROVED)

    def used():
        [balance] = [b for b in balances_for_case(case, date(2027, 2, 1)) if b.policy_code == "fmla"]
        return balance.used_hours

    before = used()
    [row] = rows(case)
    certification.decide_frequency(case, row.entry, charged=False, by=specialist)
    assert TimeEntry.objects.get(pk=row.entry.pk).not_covered
    assert used() == before - 8
    [decided] = rows(case)
    assert decided.decision is not None
    assert not decided.decision.charged
    with pytest.raises(DeskActionError, match="already decided"):
        certification.decide_frequency(case, row.entry, charged=True, by=specialist)


def test_a_day_within_the_frequency_has_nothing_to_decide(case, specialist):
    first, *_rest = flagged_case(case, specialist)
    with pytest.raises(DeskActionError, match="within the approved frequency"):
        certification.decide_frequency(case, first, charged=True, by=specialist)
