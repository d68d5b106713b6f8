"""The decision awaiting certification: opened when the desk asks for a certification a pending decision needs,
due when the certification is (15 calendar days from the request, or the cure's 7 once found incomplete), and
closed by the event that ends the wait: the upload accepted, a complete certification recorded, the decision made,
or the case cancelled."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from absence.certification import cure_due
from cases.documents.actions import add_document
from cases.models import CaseEvent, DocumentType
from cases.submission import submit_leave_request
from cases.tests.conftest import PDF_BYTES
from cases.tests.test_submit_actions import leave_request
from desk import actions, certification, ownership, worklist
from desk.certification import CertificationFacts
from desk.deadlines import document_due
from desk.models import ReviewOutcome, Task, TaskKind
from desk.tests.conftest import sign_in_to_desk

pytestmark = pytest.mark.django_db
AWAITING = TaskKind.AWAITING_CERTIFICATION


@pytest.fixture
def submitted(employee):
    return submit_leave_request(leave_request(employee))


@pytest.fixture
def asked(submitted, specialist):
    """The desk asked for the medical certification today, due in 15 calendar days (29 CFR 825.305(b))."""
    actions.request_document(submitted, document_type=DocumentType.MEDICAL_CERTIFICATION,
                             due_date=document_due(timezone.localdate()), by=specialist)  # fmt: skip
    return submitted


def awaiting(case):
    return Task.objects.get(case=case, kind=AWAITING)


def upload(case, document_type=DocumentType.MEDICAL_CERTIFICATION):
    pdf = SimpleUploadedFile("wh-380-e.pdf", PDF_BYTES, "application/pdf")
    return add_document(case, case.employee, document_type, pdf)


def test_a_submitted_case_awaits_no_certification_until_one_is_asked_for(submitted):
    assert not Task.objects.filter(case=submitted, kind=AWAITING).exists()


def test_asking_for_the_certification_opens_the_task_due_when_the_certification_is(asked):
    task = awaiting(asked)
    assert task.closed_at is None
    assert task.due_date == timezone.localdate() + timedelta(days=15)
    assert task.label == "Medical Certification"
    assert task.get_kind_display() == "Decision awaiting certification"


def test_the_upload_closes_the_document_task_but_the_decision_still_awaits_the_review(asked):
    upload(asked)
    assert Task.objects.get(case=asked, kind=TaskKind.DOCUMENT).closed_at is not None
    assert awaiting(asked).closed_at is None


def test_accepting_the_upload_closes_the_task_the_review_as_its_cause(asked, specialist):
    document = upload(asked)
    certification.review_document(asked, document, outcome=ReviewOutcome.ACCEPTED, by=specialist)
    task = awaiting(asked)
    assert task.closed_at is not None
    assert task.closed_by_event.kind == "certification"


def test_accepting_another_kind_of_document_leaves_the_decision_waiting(asked, specialist):
    note = upload(asked, DocumentType.RTW_NOTE)
    certification.review_document(asked, note, outcome=ReviewOutcome.ACCEPTED, by=specialist)
    assert awaiting(asked).closed_at is None


def test_found_incomplete_the_task_stays_open_and_moves_to_the_cure_date_until_a_complete_one_is_recorded(
    asked, specialist
):
    document = upload(asked)
    certification.review_document(asked, document, outcome=ReviewOutcome.INCOMPLETE, missing="The duration.",
                                  by=specialist)  # fmt: skip
    task = awaiting(asked)
    assert task.closed_at is None
    assert task.due_date == cure_due(timezone.localdate()) == timezone.localdate() + timedelta(days=7)
    assert task.label == "Medical Certification found incomplete: cure period"
    facts = CertificationFacts(received_on=timezone.localdate(), complete=True, condition_end=timezone.localdate())
    certification.record_certification(asked, facts, by=specialist)
    assert awaiting(asked).closed_at is not None


def test_an_incomplete_certification_recorded_leaves_the_decision_waiting(asked, specialist):
    facts = CertificationFacts(received_on=timezone.localdate(), complete=False, missing="No signature.")
    certification.record_certification(asked, facts, by=specialist)
    assert awaiting(asked).closed_at is None


def test_deciding_the_policies_closes_the_task(asked, specialist):
    for decision in asked.decisions.select_related("policy"):
        if decision.policy.decided_by != "department":
            actions.deny_decision(decision, start_date=decision.start_date, end_date=decision.end_date,
                                  reason="Not eligible.", by=specialist)  # fmt: skip
    task = awaiting(asked)
    assert task.closed_at is not None
    assert task.closed_by_event.kind == "decision"


def test_cancelling_the_case_closes_the_task(asked, specialist):
    actions.cancel_case(asked, reason="Withdrawn by the employee.", by=specialist)
    assert awaiting(asked).closed_at is not None


def test_a_retried_event_neither_doubles_nor_reopens_the_task(asked, specialist):
    event = CaseEvent.objects.filter(case=asked).latest("at", "id")
    worklist.sync_after_event(event)
    worklist.sync_after_event(event)
    assert Task.objects.filter(case=asked, kind=AWAITING).count() == 1
    document = upload(asked)
    certification.review_document(asked, document, outcome=ReviewOutcome.ACCEPTED, by=specialist)
    worklist.sync_after_event(event)
    assert Task.objects.filter(case=asked, kind=AWAITING).count() == 1
    assert awaiting(asked).closed_at is not None


def test_my_work_shows_the_task_with_its_wording_and_due_date_and_opens_the_certification(client, asked, specialist):
    ownership.pick_case(asked, by=specialist)
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:my_work")).content.decode()
    due = timezone.localdate() + timedelta(days=15)
    assert "Decision awaiting certification (Medical Certification)" in page
    assert f"{due:%b} {due.day}, {due.year}" in page
    assert f"{reverse('desk:case', args=[asked.case_number])}#certification" in page
