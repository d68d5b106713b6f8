"""A letter's PDF is rendered after its cause commits (docs/adr/0010-letters-as-pdfs.md, addendum): the submit
writes the letter's content and its waiting message and renders nothing; the delivery, the task, the sweep or
whoever opens the letter first renders it, once, saying what the submit would have rendered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import EmployeeFactory
from cases import submission
from cases.models import Case
from letters.issuing import letterhead_context
from letters.models import Letter
from letters.preparing import due_for_rendering, render_stored_letter
from letters.rendering import letter_html, render_letter
from letters.tests.factories import SUBMITTED, leave_request, text_of
from notices.delivery import deliver
from notices.gateways import DjangoMailGateway
from notices.models import GatewayReceipt, Message, MessageStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee(db):
    return EmployeeFactory.create(first_name="Siobhán", last_name="O'Brien", email="siobhan@example.com")


@pytest.fixture
def renders(monkeypatch):
    """Every PDF rendered, by letter kind."""
    made: list[str] = []

    def counted(kind, context):
        made.append(kind)
        return render_letter(kind, context)

    monkeypatch.setattr("letters.preparing.render_letter", counted)
    return made


def submit(employee) -> Case:
    return submission.submit_leave_request(leave_request(employee), now=SUBMITTED)


def the_letter(case: Case) -> Letter:
    return Letter.objects.select_related("message").get(case=case)


def test_the_submit_commits_its_letter_and_message_without_rendering_a_pdf(
    employee, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        case = submit(employee)
    letter = the_letter(case)
    assert renders == []
    assert not letter.is_rendered
    assert letter.letter_date == SUBMITTED.date()
    assert letter.context["letter_date"] == "December 14, 2026"
    assert letter.context["employee_name"] == "Siobhán O'Brien"
    assert letter.message is not None
    assert letter.message.awaits_attachment
    assert letter.message.status == MessageStatus.QUEUED


def test_the_pdf_appears_when_the_work_after_the_commit_runs_and_the_message_carries_it(
    employee, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(employee)
    letter = the_letter(case)
    assert renders == ["fmla_eligibility"]
    assert letter.is_rendered
    assert letter.message is not None
    assert (letter.message.attachment.name, letter.message.awaits_attachment) == (letter.pdf.name, False)
    assert letter.message.status == MessageStatus.RECORDED
    receipt = GatewayReceipt.objects.get(idempotency_key=letter.message.idempotency_key)
    assert (receipt.attachment_name, receipt.attachment_bytes) == (
        f"FMLA-eligibility-notice-{case.case_number}.pdf",
        letter.size,
    )


def test_the_email_gateway_sends_the_rendered_pdf(employee, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    letter = the_letter(submit(employee))
    render_stored_letter(letter.pk)
    assert letter.message is not None
    DjangoMailGateway().deliver(Message.objects.get(pk=letter.message.pk))
    ((name, content, kind),) = mail.outbox[0].attachments
    assert (name, kind) == (f"FMLA-eligibility-notice-{letter.case.case_number}.pdf", "application/pdf")
    assert "Dear Siobhán O'Brien," in text_of(content)


def test_the_delivery_renders_the_letter_before_it_sends_the_message(employee, renders):
    letter = the_letter(submit(employee))
    assert letter.message is not None
    deliver(letter.message.pk)
    letter.refresh_from_db()
    receipt = GatewayReceipt.objects.get(idempotency_key=letter.message.idempotency_key)
    assert (receipt.attachment_name, receipt.attachment_bytes) == (letter.message.attachment_name, letter.size)
    assert letter.size > 0
    assert renders == ["fmla_eligibility"]


def test_a_retried_render_renders_nothing_and_keeps_the_sha(employee, renders):
    letter = the_letter(submit(employee))
    first = render_stored_letter(letter.pk)
    again = render_stored_letter(letter.pk)
    assert letter.message is not None
    deliver(letter.message.pk)  # the delivery finds it rendered too
    assert renders == ["fmla_eligibility"]
    assert (again.pdf.name, again.sha256, again.size) == (first.pdf.name, first.sha256, first.size)
    assert the_letter(letter.case).sha256 == first.sha256


def test_a_failed_render_leaves_the_message_waiting_and_the_delivery_retries_it(employee, monkeypatch):
    letter = the_letter(submit(employee))
    assert letter.message is not None

    def broken(*_args):
        raise OSError("Pango is not installed")

    monkeypatch.setattr("letters.preparing.render_letter", broken)
    with pytest.raises(Exception, match="Pango"):
        deliver(letter.message.pk)
    message = Message.objects.get(pk=letter.message.pk)
    assert (message.status, message.awaits_attachment, message.attempts) == (MessageStatus.QUEUED, True, 1)
    assert not GatewayReceipt.objects.exists()  # never sent without its PDF
    monkeypatch.undo()
    deliver(letter.message.pk)
    assert Message.objects.get(pk=letter.message.pk).status == MessageStatus.RECORDED


def test_the_letter_says_what_it_would_have_said_in_the_submits_transaction(employee):
    case = submit(employee)
    letter = the_letter(case)
    employee.first_name, case.email = "Sinéad", "elsewhere@example.com"
    employee.save()
    Case.objects.filter(pk=case.pk).update(email="elsewhere@example.com")
    text = text_of(render_stored_letter(letter.pk).pdf.open("rb").read())
    assert "Dear Siobhán O'Brien," in text
    assert "December 14, 2026" in text
    assert letter.context["email"] == "siobhan@example.com"
    assert letter_html(letter.kind, letter.context).count("siobhan@example.com") >= 1
    assert letterhead_context(case, SUBMITTED)["letter_date"] == letter.context["letter_date"]


def test_the_owner_opening_a_letter_before_it_is_rendered_gets_the_pdf(client, employee, renders):
    letter = the_letter(submit(employee))
    client.force_login(employee)
    response = client.get(reverse("letters:letter", args=[letter.case.case_number, letter.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert renders == ["fmla_eligibility"]
    assert the_letter(letter.case).is_rendered


def test_when_the_renderer_fails_the_reader_is_told_it_is_being_prepared_never_a_500(client, employee, monkeypatch):
    letter = the_letter(submit(employee))

    def broken(*_args):
        raise OSError("Pango is not installed")

    monkeypatch.setattr("letters.preparing.render_letter", broken)
    client.force_login(employee)
    response = client.get(reverse("letters:letter", args=[letter.case.case_number, letter.pk]))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "private, no-store"
    page = b"".join(response.streaming_content).decode()
    assert "Your letter is being prepared" in page


def test_the_sweep_finds_the_letters_left_without_their_pdf_a_minute_on(employee):
    letter = the_letter(submit(employee))
    assert due_for_rendering(letter.created_at + timedelta(seconds=30)) == []
    assert due_for_rendering(letter.created_at + timedelta(minutes=2)) == [letter.pk]
    render_stored_letter(letter.pk)
    assert due_for_rendering(letter.created_at + timedelta(minutes=2)) == []
