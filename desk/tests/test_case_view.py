"""The desk's case view: every answer, reasons, documents, time entries, notes, balances — and the audit trail."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from cases.documents.storage import save_document_file
from cases.events import record_event
from cases.models import CaseEventKind, Document, LeavePattern
from cases.tests.factories import CaseFactory, LeavePeriodFactory, TimeEntryFactory
from cases.tests.not_charged import beyond_the_entitlement, bonding_past_12_months, entry_on_a_saturday
from desk import actions
from desk.models import CallPurpose
from desk.tests.conftest import MARKER, sign_in_to_desk
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db


def test_the_case_shows_answers_reasons_time_entries_notes_and_the_fmla_balance(client, specialist, report_case):
    decision = report_case.decisions.get()
    actions.approve_decision(decision, start_date=decision.start_date, end_date=decision.end_date, by=specialist)
    TimeEntryFactory.create(
        case=report_case, date=date(2026, 11, 30), minutes=240, full_day=False, doctor_visit=True, notes="left early"
    )
    actions.record_call_note(
        report_case, purpose=CallPurpose.VERIFICATION, text="Confirmed the dates.", called_at=timezone.now(),
        by=specialist,
    )  # fmt: skip
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:case", args=[report_case.case_number])).content.decode()
    assert "Employee Health Condition" in page
    assert MARKER in page
    assert "left early" in page
    assert "Confirmed the dates." in page
    assert "Family Medical Leave Act" in page
    assert "FMLA: 4 of 480 hours used as of" in page
    assert "476 hours remaining" in page
    assert "How this was counted" in page


def test_every_view_of_the_reasons_is_written_to_the_audit_log(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[report_case.case_number])
    client.get(url, REMOTE_ADDR="192.0.2.44")
    client.get(url, REMOTE_ADDR="192.0.2.44")
    events = AuditEvent.objects.filter(action=AuditAction.VIEWED_REASONS, actor=specialist)
    assert events.count() == 2
    assert {e.case_number for e in events} == {report_case.case_number}
    assert {e.ip_address for e in events} == {"192.0.2.44"}


def test_an_hr_view_is_audited_and_does_not_clear_the_new_marks(client, hr_professional, report_case):
    type(report_case).objects.filter(pk=report_case.pk).update(has_new_documents=True)
    sign_in_to_desk(client, hr_professional)
    client.get(reverse("desk:case", args=[report_case.case_number]))
    report_case.refresh_from_db()
    assert report_case.has_new_documents
    assert AuditEvent.objects.get().actor == hr_professional


@pytest.fixture
def stored_document(report_case, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    content = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    stored = save_document_file(ContentFile(content), ".pdf")
    return Document.objects.create(
        case=report_case, document_type="medical_certification", file_name="cert.pdf", stored_name=stored,
        content_type="application/pdf", size=len(content), sha256="0" * 64, uploaded_by=report_case.employee,
        uploaded_at=timezone.now(),
    )  # fmt: skip


def test_a_document_opens_inline_or_downloads_and_each_is_audited(client, specialist, report_case, stored_document):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:document", args=[report_case.case_number, stored_document.pk])
    inline = client.get(url)
    assert inline.status_code == 200
    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"].startswith("inline")
    assert inline["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in inline["Content-Security-Policy"]
    download = client.get(url, {"download": "1"})
    assert download["Content-Disposition"].startswith("attachment")
    actions_logged = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions_logged == [AuditAction.VIEWED_DOCUMENT, AuditAction.DOWNLOADED_DOCUMENT]


def test_a_document_listed_on_the_case_page_links_to_the_audited_view(client, specialist, report_case, stored_document):
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:case", args=[report_case.case_number])).content.decode()
    assert "Medical Certification: cert.pdf" in page
    assert reverse("desk:document", args=[report_case.case_number, stored_document.pk]) in page


def test_a_decision_recorded_without_its_decider_still_shows_when_it_was_decided(client, specialist, report_case):
    # Decisions loaded from an earlier system (or the demo data) carry a date but no desk user.
    report_case.decisions.update(status="approved", decided_at=timezone.now(), decided_by=None)
    sign_in_to_desk(client, specialist)
    response = client.get(reverse("desk:case", args=[report_case.case_number]))
    assert response.status_code == 200
    assert "decided on" in response.content.decode()


def test_a_spent_fmla_balance_reads_all_used_none_remaining_and_when_it_ran_out(client, specialist, report_case):
    # 29 CFR 825.200(a): 12 workweeks (Jun 7 to Aug 29, 2026, 480 h) used, then 4 h more on the open case.
    earlier = CaseFactory.create(employee=report_case.employee, pattern=LeavePattern.CONTINUOUS)
    LeavePeriodFactory.create(case=earlier, start_date=date(2026, 6, 7), end_date=date(2026, 8, 29))
    PolicyDecisionFactory.create(
        case=earlier, status="approved", start_date=date(2026, 6, 7), end_date=date(2026, 8, 29)
    )
    report_case.decisions.update(status="approved", start_date=date(2026, 11, 2))
    TimeEntryFactory.create(case=report_case, date=date(2026, 11, 24), minutes=240, full_day=False, doctor_visit=True)
    sign_in_to_desk(client, specialist)

    page = client.get(reverse("desk:case", args=[report_case.case_number])).content.decode()

    assert "FMLA: all 480 hours used as of" in page
    assert "; 4 hours not covered by FMLA" in page
    assert "0 hours remaining" in page
    assert "ran out on Aug 28, 2026" in page
    assert "at the current pattern" not in page


def test_the_case_page_costs_the_same_queries_for_one_decision_or_many_and_a_long_history(
    client, specialist, report_case
):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[report_case.case_number])
    client.get(url)  # the first view clears the new marks: a write the later views do not repeat
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for code in ("pfml-medical", "std-1"):
        period = report_case.leave_period
        PolicyDecisionFactory.create(
            case=report_case, policy=policy(code), start_date=period.start_date, end_date=period.end_date
        )
    for number in range(30):
        record_event(report_case, CaseEventKind.CALL, f"Call {number}", actor=specialist)
    client.get(url)  # the first view after a decision changed counts the balances again, and keeps them
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)


def test_825_205_b_a_time_entry_on_a_saturday_is_listed_as_charged_differently_with_its_reason(
    client, specialist, report_case
):
    TimeEntryFactory.create(case=report_case, date=date(2026, 11, 28), minutes=240, full_day=False, doctor_visit=False)
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:case", args=[report_case.case_number])).content.decode()
    assert "Time entries charged differently from what was entered" in page
    assert "Sat Nov 28, 2026: 4 h entered, 0 h charged — Saturday is not a scheduled workday [29 CFR 825.205(b)]" in (
        page
    )


def test_a_time_entry_within_the_scheduled_day_is_not_listed_as_charged_differently(client, specialist, report_case):
    TimeEntryFactory.create(case=report_case, date=date(2026, 11, 30), minutes=240, full_day=False, doctor_visit=False)
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:case", args=[report_case.case_number])).content.decode()
    assert "charged differently" not in page


@pytest.mark.parametrize("made", [bonding_past_12_months, entry_on_a_saturday, beyond_the_entitlement])
def test_the_balance_says_what_time_was_not_charged_and_why_with_the_rules_source(client, employee, specialist, made):
    not_charged = made(employee)
    sign_in_to_desk(client, specialist)

    page = client.get(reverse("desk:case", args=[not_charged.case.case_number])).content.decode()

    shown_from = page.index("Not charged as asked, and why:")
    visible = page[shown_from : page.index("How this was counted", shown_from)]
    assert not_charged.desk_line in visible
