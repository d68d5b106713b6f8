"""The FMLA eligibility notice with the rights and responsibilities (29 CFR 825.300(b), (c)), sent as a PDF letter
when a leave case is submitted: each required item, the eligible and the not-eligible versions, once only."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from absence.reasons import CaseReason
from accounts.tests.factories import EmployeeFactory
from cases import submission
from cases.models import Case, CaseKind
from letters.fmla import send_eligibility_notice
from letters.models import Letter, LetterKind
from letters.tests.factories import (
    SUBMITTED,
    by_mail,
    leave_request,
    letter_text,
    pdf_bytes,
    rendered,
    submit_leave,
)
from notices.delivery import deliver
from notices.gateways import DjangoMailGateway
from notices.models import Channel, GatewayReceipt, Message

pytestmark = pytest.mark.django_db

# 29 CFR 825.300(b) and (c)(1): what the eligible version must say, each as the letter words it.
ELIGIBLE_ITEMS = {
    "eligibility (b)(1)": "Yes. You are eligible for FMLA leave.",
    "the 12-month period (c)(1)(i)": "a rolling 12-month period measured backward from the date you use any FMLA leave",
    "the certification and its due date (c)(1)(ii), 825.305(b)": "It is due by December 29, 2026 (15 calendar days",
    "what happens without it (c)(1)(ii)": "If you do not send it, your leave may not be FMLA leave.",
    "the certification form": "form WH-380-E",
    "substituting paid leave (c)(1)(iii)": "It will be substituted for unpaid FMLA leave",
    "health benefits and premiums (c)(1)(iv)": "Your group health insurance continues during FMLA leave",
    "premiums if not returning (c)(1)(vii)": "you may have to pay back the premiums",
    "key employee status (c)(1)(v)": "Your employer has not determined that you are a key employee.",
    "job restoration (c)(1)(vi)": "you will get your job back, or an equivalent job",
}
LETTERHEAD_ITEMS = {
    "the administrator": "Workpartners",
    "its phone": "1-833-640-2800",
    "the date": "December 14, 2026",
    "the title": "Your FMLA eligibility and your rights and responsibilities",
}


def missing(text: str, items: dict[str, str]) -> list[str]:
    return [f"{item}: {words!r}" for item, words in items.items() if words not in text]


@pytest.fixture
def eligible(db):
    return EmployeeFactory.create(first_name="Siobhán", last_name="O'Brien", email="siobhan@example.com")


def eligibility_letter(case: Case) -> Letter:
    return Letter.objects.get(case=case, kind=LetterKind.FMLA_ELIGIBILITY)


def test_a_submitted_leave_gets_its_eligibility_notice_as_a_real_pdf_with_the_text_in_it(eligible):
    case = submit_leave(eligible)
    letter = eligibility_letter(case)
    data = pdf_bytes(letter)
    assert data.startswith(b"%PDF-")
    assert (letter.size, len(letter.sha256)) == (len(data), 64)
    text = letter_text(letter)
    assert not missing(text, LETTERHEAD_ITEMS)
    assert case.case_number in text
    assert "Dear Siobhán O'Brien," in text


def test_the_eligible_version_says_every_item_of_825_300_b_and_c(eligible):
    text = letter_text(eligibility_letter(submit_leave(eligible)))
    assert not missing(text, ELIGIBLE_ITEMS)


def test_it_is_sent_at_once_and_its_5_business_day_deadline_is_kept_on_record(eligible):
    letter = eligibility_letter(submit_leave(eligible))
    assert letter.due_on == date(2026, 12, 21)  # 5 business days after Monday, December 14
    assert letter.sent_at == SUBMITTED
    assert letter.sent_at.date() <= letter.due_on
    assert letter.message is not None
    assert letter.message.template == "letter_enclosed"


def test_the_not_eligible_version_gives_the_hours_as_its_reason_and_no_rights_it_does_not_grant(db):
    employee = EmployeeFactory.create(roster_record__hours_worked_last_12_months=Decimal("1020"))
    text = letter_text(eligibility_letter(submit_leave(employee)))
    assert "No. You are not eligible for FMLA leave. The reason: 1,020 of 1,250 hours" in text
    assert "1,020 of 1,250 hours worked in the last 12 months" in text
    assert "Your rights and responsibilities" not in text
    assert "[29 CFR" not in text  # the engine's citations are for the desk


def test_the_not_eligible_version_gives_the_months_of_service_as_its_reason(db):
    employee = EmployeeFactory.create(roster_record__hire_date=date(2026, 8, 3))
    text = letter_text(eligibility_letter(submit_leave(employee)))
    assert "No. You are not eligible for FMLA leave" in text
    assert "5 of 12 months of service" in text


def test_a_family_members_condition_asks_for_the_family_certification(eligible):
    text = letter_text(eligibility_letter(submit_leave(eligible, reason=CaseReason.FAMILY_HEALTH)))
    assert "form WH-380-F" in text
    assert "WH-380-E" not in text


def test_bonding_asks_for_no_medical_certification(eligible):
    case = submit_leave(eligible, reason=CaseReason.BONDING, child_event_date=date(2026, 12, 1))
    text = letter_text(eligibility_letter(case))
    assert "No medical certification is needed to bond with a child." in text
    assert "It is due by" not in text


def test_the_12_month_period_is_the_one_the_employer_set(eligible, settings):
    settings.FMLA_PERIOD_METHOD = "calendar_year"
    text = letter_text(eligibility_letter(submit_leave(eligible)))
    assert "Your employer measures that period as the calendar year, January 1 to December 31." in text


def test_an_unpaid_leave_says_no_paid_leave_is_substituted(eligible):
    text = letter_text(eligibility_letter(submit_leave(eligible, payment_option="unpaid")))
    assert "You chose unpaid leave. No paid leave is substituted" in text


def test_it_is_sent_once_however_often_the_submit_or_the_notice_is_retried(eligible, settings):
    request = leave_request(eligible)
    case = submission.submit_leave_request(request, now=SUBMITTED)
    assert submission.submit_leave_request(request, now=SUBMITTED + timedelta(seconds=3)) == case
    assert send_eligibility_notice(case) == eligibility_letter(case)
    assert Letter.objects.filter(case=case).count() == 1
    assert Message.objects.filter(template="letter_enclosed").count() == 1
    first, again = rendered(eligibility_letter(case)), rendered(eligibility_letter(case))
    assert (again.pdf.name, again.sha256) == (first.pdf.name, first.sha256)
    stored = list((settings.STORAGES["default"]["OPTIONS"]["location"] / "case-letters").iterdir())
    assert len(stored) == 1  # the retries rendered nothing


def test_by_mail_it_goes_to_the_letter_gateway_with_the_address_on_the_letter(eligible):
    case = submit_leave(eligible, contact=by_mail())
    letter = eligibility_letter(case)
    assert letter.message is not None
    assert letter.message.channel == Channel.LETTER
    assert letter.message.recipient.endswith("12 Elm Street\nWorcester, MA 01608")
    assert "12 Elm Street Worcester, MA 01608" in letter_text(letter)


def test_the_recording_gateway_records_the_attachment_it_received(eligible):
    letter = eligibility_letter(submit_leave(eligible))
    assert letter.message is not None
    deliver(letter.message.pk)
    receipt = GatewayReceipt.objects.get(idempotency_key=letter.message.idempotency_key)
    assert (receipt.attachment_name, receipt.attachment_bytes) == (
        f"FMLA-eligibility-notice-{letter.case.case_number}.pdf",
        letter.size,
    )


def test_the_email_gateway_attaches_the_pdf_as_sent(eligible, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    letter = eligibility_letter(submit_leave(eligible))
    assert letter.message is not None
    DjangoMailGateway().deliver(letter.message)
    (email,) = mail.outbox
    ((name, content, kind),) = email.attachments
    assert (name, kind) == (f"FMLA-eligibility-notice-{letter.case.case_number}.pdf", "application/pdf")
    assert content == pdf_bytes(letter)


def test_an_unplanned_absence_gets_no_eligibility_notice(eligible):
    case = submit_leave(eligible)
    Case.objects.filter(pk=case.pk).update(kind=CaseKind.UNPLANNED)
    case.refresh_from_db()
    Letter.objects.all().delete()
    assert send_eligibility_notice(case) is None


def test_a_letter_whose_rows_fail_leaves_no_file_behind(eligible, settings, monkeypatch):
    case = submission.submit_leave_request(leave_request(eligible), now=SUBMITTED)
    letter = eligibility_letter(case)
    folder = settings.STORAGES["default"]["OPTIONS"]["location"] / "case-letters"

    def broken(*_args, **_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("letters.preparing.Message.objects.filter", broken)
    with pytest.raises(RuntimeError):
        rendered(letter)
    assert not folder.exists() or not list(folder.iterdir())
    letter.refresh_from_db()
    assert (letter.pdf.name, letter.size, letter.sha256) == ("", 0, "")
    assert letter.message is not None
    assert letter.message.awaits_attachment
