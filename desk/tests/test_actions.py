"""The specialist's actions: each changes the case, is audited, and notifies the employee once, after commit."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from cases.models import Case
from desk import actions
from desk.models import CallPurpose
from desk.notify import notify_employee
from desk.tests.conftest import sign_in_to_desk
from notices.models import Message
from policies.models import DecisionStatus

pytestmark = pytest.mark.django_db


def decide_url(case):
    return reverse("desk:decide", args=[case.case_number, case.decisions.get().pk])


def test_approving_a_decision_changes_it_audits_it_and_emails_the_employee(
    client, specialist, report_case, django_capture_on_commit_callbacks
):
    sign_in_to_desk(client, specialist)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide_url(report_case),
            {f"decision-{report_case.decisions.get().pk}-outcome": "approved",
             f"decision-{report_case.decisions.get().pk}-start_date": "2026-11-30",
             f"decision-{report_case.decisions.get().pk}-end_date": "2027-05-28"},
            REMOTE_ADDR="198.51.100.7",
        )  # fmt: skip
    assert response.status_code == 302
    decision = report_case.decisions.get()
    assert decision.status == DecisionStatus.APPROVED
    assert decision.decided_by == specialist
    event = AuditEvent.objects.get(action=AuditAction.APPROVED)
    assert event.actor == specialist
    assert event.ip_address == "198.51.100.7"
    assert event.case_number == report_case.case_number
    to_employee = Message.objects.get(recipient=report_case.email)
    assert to_employee.channel == "email"
    assert "Family Medical Leave Act" in to_employee.body
    assert "APPROVED" in to_employee.body
    assert to_employee.status != "queued"  # delivered after commit


def test_denying_needs_a_reason_and_the_employee_is_told_it(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    pk = report_case.decisions.get().pk
    data = {f"decision-{pk}-outcome": "denied", f"decision-{pk}-start_date": "2026-11-30",
            f"decision-{pk}-end_date": "2027-05-28"}  # fmt: skip
    response = client.post(decide_url(report_case), data)
    assert response.status_code == 400
    assert "Give the reason for the denial." in response.content.decode()
    assert report_case.decisions.get().status == DecisionStatus.PENDING
    client.post(decide_url(report_case), {**data, f"decision-{pk}-denial_reason": "Fewer than 1,250 hours worked."})
    assert report_case.decisions.get().status == DecisionStatus.DENIED
    assert "Fewer than 1,250 hours worked." in Message.objects.get(recipient=report_case.email).body


def test_a_decision_can_be_set_back_to_pending_with_new_dates(specialist, report_case):
    decision = report_case.decisions.get()
    actions.approve_decision(decision, start_date=date(2026, 11, 30), end_date=date(2027, 1, 29), by=specialist)
    actions.pend_decision(decision, start_date=date(2026, 12, 7), end_date=date(2027, 1, 29), by=specialist)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING
    assert decision.start_date == date(2026, 12, 7)
    assert decision.decided_by is None
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == ["approved", "pended"]


def test_repeating_the_same_decision_records_and_sends_nothing_more(specialist, report_case):
    decision = report_case.decisions.get()
    dates = {"start_date": date(2026, 11, 30), "end_date": date(2027, 5, 28), "by": specialist}
    assert actions.approve_decision(decision, **dates) is not None
    assert actions.approve_decision(decision, **dates) is None
    assert AuditEvent.objects.count() == 1
    assert Message.objects.filter(recipient=report_case.email).count() == 1


def test_a_notice_is_never_sent_twice_for_one_event(specialist, report_case):
    event = actions.approve_decision(
        report_case.decisions.get(), start_date=date(2026, 11, 30), end_date=date(2027, 5, 28), by=specialist
    )
    assert event is not None
    today = timezone.localdate()
    context = {"policy_name": "FMLA", "status_label": "APPROVED", "start_date": today, "end_date": today}
    assert notify_employee(report_case, "desk_decision_made", context, event=event) is None  # a retried send
    assert Message.objects.filter(recipient=report_case.email).count() == 1


def test_an_employee_who_chose_mail_gets_a_letter(specialist, report_case):
    Case.objects.filter(pk=report_case.pk).update(
        contact_by_email=False, address_line1="600 Grant Street", city="Burlington", state="MA", zip_code="01803"
    )
    report_case.refresh_from_db()
    actions.record_call_note(
        report_case, purpose=CallPurpose.VERIFICATION, text="Verified dates.", called_at=timezone.now(), by=specialist
    )
    letter = Message.objects.get(channel="letter")
    assert "600 Grant Street" in letter.recipient
    assert "Verified dates." not in letter.body  # the note itself stays on the desk
    assert AuditEvent.objects.get().action == AuditAction.RECORDED_CALL


def test_requesting_a_document_sets_its_due_date_and_tells_the_employee(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    due = timezone.localdate() + timedelta(days=15)
    response = client.post(
        reverse("desk:request_document", args=[report_case.case_number]),
        {"document-document_type": "medical_certification", "document-due_date": due.isoformat()},
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
        reverse("desk:request_document", args=[report_case.case_number]),
        {"document-document_type": "medical_certification", "document-due_date": yesterday.isoformat()},
    )
    assert response.status_code == 400
    assert not report_case.document_requests.exists()


def test_cancelling_a_case_cancels_every_decision_and_keeps_the_case(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:cancel", args=[report_case.case_number])
    assert client.post(url, {}).status_code == 400  # the confirmation box is required
    assert client.post(url, {"confirm": "on"}).status_code == 302
    report_case.refresh_from_db()
    assert report_case.is_cancelled
    assert set(report_case.decisions.values_list("status", flat=True)) == {DecisionStatus.CANCELLED}
    assert AuditEvent.objects.get().action == AuditAction.CANCELLED_CASE
    assert "cancelled" in Message.objects.get(recipient=report_case.email).body
    with pytest.raises(actions.DeskActionError):
        actions.approve_decision(
            report_case.decisions.get(), start_date=date(2026, 11, 30), end_date=date(2027, 5, 28), by=specialist
        )
