"""The case page's certification part and its forms: a specialist reviews, records, recertifies and decides
flagged time; an HR professional reads it and cannot post; a supervisor gets no desk page at all. The part adds a
fixed number of queries however many documents, certifications and time entries the case has."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import TimeEntry
from cases.tests.factories import DocumentFactory, DocumentRequestFactory, TimeEntryFactory
from desk.models import Certification, DocumentReview, FrequencyDecision, ReviewOutcome
from desk.tests.conftest import desk_case, sign_in_to_desk
from letters.models import Letter, LetterKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(employee):
    return desk_case(employee)


def page_of(client, case):
    return client.get(reverse("desk:case", args=[case.case_number])).content.decode()


def certified(case, by):
    return Certification.objects.create(
        case=case, received_on=date(2026, 11, 25), complete=True, condition_start=date(2026, 11, 20),
        condition_end=date(2027, 5, 28), episode_kind="episode", episodes=2, per="month", duration=1,
        duration_unit="days", recorded_by=by,
    )  # fmt: skip


def uploaded(case):
    return DocumentFactory.create(case=case, uploaded_at=timezone.now() - timedelta(hours=1), file_name="wh380.pdf")


def test_the_desk_shows_which_request_an_upload_answered(client, specialist, case):
    DocumentRequestFactory.create(case=case, requested_by=specialist, requested_at=timezone.now() - timedelta(days=2),
                                  due_date=date(2026, 12, 16))  # fmt: skip
    uploaded(case)
    sign_in_to_desk(client, specialist)
    page = page_of(client, case)
    assert "Answers the request of" in page
    assert "due Dec 16, 2026." in page
    assert "Save review" in page


def test_a_specialist_marks_an_upload_incomplete_and_the_cure_notice_goes_out(client, specialist, case):
    document = uploaded(case)
    sign_in_to_desk(client, specialist)
    url = reverse("desk:review_document", args=[case.case_number, document.pk])
    prefix = f"review-{document.pk}"
    refused = client.post(url, {f"{prefix}-outcome": "incomplete", f"{prefix}-missing": ""})
    assert refused.status_code == 400
    assert "Say what is missing" in refused.content.decode()
    response = client.post(url, {f"{prefix}-outcome": "incomplete", f"{prefix}-missing": "The expected duration"})
    assert response.status_code == 302
    assert DocumentReview.objects.get(document=document).outcome == ReviewOutcome.INCOMPLETE
    assert Letter.objects.filter(case=case, kind=LetterKind.CURE_NOTICE).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Marked incomplete. The employee was sent the cure notice" in page
    assert "Cure notice sent; the cure is due" in page


def test_a_specialist_records_a_certification_and_the_page_states_the_pattern(client, specialist, case):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:record_certification", args=[case.case_number])
    fields = {"certification-received_on": "2026-11-25", "certification-complete": "yes",
              "certification-condition_start": "2026-11-20", "certification-condition_end": "2027-05-28"}  # fmt: skip
    refused = client.post(url, fields)
    assert refused.status_code == 400
    assert "enter the approved frequency and duration" in refused.content.decode()
    frequency = {"certification-episode_kind": "episode", "certification-episodes": "2", "certification-per": "month",
                 "certification-duration": "1", "certification-duration_unit": "days"}  # fmt: skip
    assert client.post(url, {**fields, **frequency}).status_code == 302
    page = page_of(client, case)
    assert "up to 2 episodes a month, up to 1 day each" in page
    # Certified to May 28, 2027, longer than 6 months from Nov 25: recertification at most every 6 months.
    assert "Recertification can next be asked for from <strong>May 25, 2027</strong>" in page


def test_a_recertification_asked_too_soon_is_refused_with_the_earliest_day(client, specialist, case):
    certified(case, specialist)
    sign_in_to_desk(client, specialist)
    response = client.post(reverse("desk:recertification", args=[case.case_number]), {})
    assert response.status_code == 400
    assert "A recertification can be asked for from May 25, 2027" in response.content.decode()


def test_the_desk_flags_an_episode_beyond_the_frequency_and_the_specialist_decides_it(client, specialist, case):
    certified(case, specialist)
    for day in (date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 15)):
        TimeEntryFactory.create(case=case, date=day)
    sign_in_to_desk(client, specialist)
    page = page_of(client, case)
    assert 'data-frequency-flag="2026-12-15"' in page
    assert "episode 3 in December 2026; approved: up to 2 episodes a month, up to 1 day each" in page
    entry = TimeEntry.objects.get(case=case, date=date(2026, 12, 15))
    url = reverse("desk:decide_frequency", args=[case.case_number, entry.pk])
    assert client.post(url, {"charged": "no"}).status_code == 302
    assert FrequencyDecision.objects.get(time_entry=entry).charged is False
    assert "not covered, not charged" in page_of(client, case)


def test_an_hr_professional_reads_the_certification_but_cannot_post(client, hr_professional, specialist, case):
    certified(case, specialist)
    document = uploaded(case)
    sign_in_to_desk(client, hr_professional)
    page = page_of(client, case)
    assert "up to 2 episodes a month, up to 1 day each" in page
    assert "Save review" not in page
    assert "Record certification" not in page
    url = reverse("desk:review_document", args=[case.case_number, document.pk])
    assert client.post(url, {f"review-{document.pk}-outcome": "accepted"}).status_code == 403
    assert client.post(reverse("desk:recertification", args=[case.case_number]), {}).status_code == 403
    assert not DocumentReview.objects.exists()


def test_a_supervisor_gets_no_certification_handler(client, supervisor, specialist, case):
    document = uploaded(case)
    sign_in_to_desk(client, supervisor)  # signed in with the second step, still no staff role
    url = reverse("desk:review_document", args=[case.case_number, document.pk])
    response = client.post(url, {f"review-{document.pk}-outcome": "accepted"})
    assert response.status_code == 403
    assert not DocumentReview.objects.exists()


def test_the_certification_part_adds_no_query_per_document_or_entry(client, specialist, case):
    certified(case, specialist)
    uploaded(case)
    TimeEntryFactory.create(case=case, date=date(2026, 12, 1))
    sign_in_to_desk(client, specialist)
    page_of(client, case)  # the first view clears the new marks
    with CaptureQueriesContext(connection) as one:
        page_of(client, case)
    for number in range(5):
        uploaded(case)
        certified(case, specialist)
        TimeEntryFactory.create(case=case, date=date(2026, 12, 8) + timedelta(days=number))
    page_of(client, case)  # the first view after new time counts the balances again, and keeps them
    with CaptureQueriesContext(connection) as many:
        page_of(client, case)
    assert len(many.captured_queries) == len(one.captured_queries)


def test_the_employee_sees_the_approved_pattern_in_plain_words_on_their_case_page(employee_client, specialist, case):
    url = reverse("cases:detail", args=[case.case_number])
    assert "Your approved pattern of absences" not in employee_client.get(url).content.decode()
    certified(case, specialist)
    page = employee_client.get(url).content.decode()
    assert "Your health care provider's certification approves: up to 2 episodes a month, up to 1 day each." in page
