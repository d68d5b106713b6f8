"""The specialist's actions: each changes the case, is audited, and notifies the employee once, after commit."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from cases.models import Case, CaseEventKind, DocumentType
from desk import actions
from desk.decisions import DecisionsRefused
from desk.models import CallPurpose
from desk.notify import notify_employee
from desk.tests.conftest import sign_in_to_desk
from notices.models import Message
from policies.models import DecisionStatus

pytestmark = pytest.mark.django_db


def test_a_notice_is_never_sent_twice_for_one_event(specialist, report_case):
    actions.request_document(
        report_case, document_type=DocumentType.MEDICAL_CERTIFICATION, due_date=timezone.localdate(), by=specialist
    )
    event = AuditEvent.objects.get(action=AuditAction.REQUESTED_DOCUMENT)
    context = {"document_type": "Medical Certification", "due_date": timezone.localdate()}
    assert notify_employee(report_case, "desk_document_requested", context, event=event) is None  # a retried send
    assert Message.objects.filter(recipient=report_case.email).count() == 1


def test_an_employee_who_chose_mail_gets_a_letter(specialist, report_case):
    Case.objects.filter(pk=report_case.pk).update(
        contact_by_email=False, address_line1="600 Grant Street", city="Burlington", state="MA", zip_code="01803"
    )
    report_case.refresh_from_db()
    actions.record_call_note(
        report_case, purpose=CallPurpose.VERIFICATION, text="Verified dates.", called_at=timezone.now(), by=specialist,
        tell_employee=True,
    )  # fmt: skip
    letter = Message.objects.get(channel="letter")
    assert "600 Grant Street" in letter.recipient
    assert "Verified dates." not in letter.body  # the note itself stays on the desk
    assert AuditEvent.objects.get().action == AuditAction.RECORDED_CALL


def test_requesting_a_document_sets_its_due_date_and_tells_the_employee(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    due = timezone.localdate() + timedelta(days=15)
    response = client.post(
        reverse("desk:case", args=[report_case.case_number]),
        {
            "action": "request_document",
            "document-document_type": "medical_certification",
            "document-due_date": due.isoformat(),
        },
    )
    assert response.status_code == 302
    document_request = report_case.document_requests.get()
    assert document_request.due_date == due
    assert AuditEvent.objects.get().action == AuditAction.REQUESTED_DOCUMENT
    assert "Medical Certification" in Message.objects.get(recipient=report_case.email).body


def test_a_document_due_in_the_past_is_refused(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("desk:case", args=[report_case.case_number]),
        {
            "action": "request_document",
            "document-document_type": "medical_certification",
            "document-due_date": yesterday.isoformat(),
        },
    )
    assert response.status_code == 400
    assert not report_case.document_requests.exists()


def test_cancelling_asks_why_cancels_every_decision_and_keeps_the_case(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:cancel", args=[report_case.case_number])
    state = actions.decisions_state(list(report_case.decisions.all()))
    refused = client.post(url, {"confirm": "on", "state": state})
    assert refused.status_code == 400
    assert "Say why the case is cancelled. The employee receives it." in unescape(refused.content.decode())
    reason = "The employee withdrew the request."
    assert client.post(url, {"confirm": "on", "state": state, "reason": reason}).status_code == 302
    report_case.refresh_from_db()
    assert (report_case.is_cancelled, report_case.cancel_reason) == (True, reason)
    assert set(report_case.decisions.values_list("status", flat=True)) == {DecisionStatus.CANCELLED}
    assert AuditEvent.objects.get(action=AuditAction.CANCELLED_CASE).detail == reason
    notice = Message.objects.get(recipient=report_case.email, template="desk_case_cancelled")
    assert reason in notice.body
    assert report_case.events.get(kind=CaseEventKind.CANCELLED).reason == reason
    with pytest.raises(DecisionsRefused):
        actions.approve_decision(
            report_case.decisions.get(), start_date=date(2026, 11, 30), end_date=date(2027, 5, 28), by=specialist
        )


def test_a_cancel_over_a_newer_decision_is_refused_and_shows_the_current_state(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:cancel", args=[report_case.case_number])
    read_at = actions.decisions_state(list(report_case.decisions.all()))
    decision = report_case.decisions.get()
    actions.approve_decision(decision, start_date=decision.start_date, end_date=decision.end_date, by=specialist)
    response = client.post(url, {"confirm": "on", "state": read_at, "reason": "Withdrawn."})
    assert response.status_code == 409
    assert "A decision on this case changed while you were cancelling it." in response.content.decode()
    report_case.refresh_from_db()
    assert not report_case.is_cancelled


def test_a_call_note_tells_the_employee_only_when_the_specialist_chooses(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[report_case.case_number])
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    fields = {"action": "record_call", "call-purpose": "verification", "call-outcome": "reached",
              "call-called_at": now, "call-text": "Verified the dates."}  # fmt: skip
    assert client.post(url, fields).status_code == 302
    assert not Message.objects.filter(template="desk_call_recorded").exists()
    assert client.post(url, {**fields, "call-tell_employee": "on"}).status_code == 302
    assert Message.objects.filter(template="desk_call_recorded").count() == 1


def test_an_empty_call_note_keeps_the_purpose_chosen_and_says_what_to_write(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[report_case.case_number])
    response = client.post(url, {"action": "record_call", "call-purpose": "review", "call-text": ""})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert 'href="#id_call-text"' in page
    assert "Write what was said on the call." in page
    assert re.search(r'<input[^>]*value="review"[^>]*checked', page)
