"""The decision form's letters: the specialist's paragraph goes into the letters the save sends, and "Preview the
letters" shows them as a PDF first, changing nothing (no letter, no message, no file, no decision)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from desk.tests.conftest import sign_in_to_desk
from letters.models import SPECIALIST_NOTE_MAX_LENGTH, Letter, LetterKind
from letters.tests.factories import LEAVE_END, LEAVE_START, letter_text, submit_leave, text_of
from notices.models import Message
from policies.models import DecisionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(employee):
    """Maria's leave (Department of Revenue): FMLA, MA PFML Medical and Short Term Disability pending."""
    return submit_leave(employee)


@pytest.fixture
def desk(client, specialist):
    return sign_in_to_desk(client, specialist)


def preview_url(case) -> str:
    return reverse("desk:preview_letters", args=[case.case_number])


def decision(case, code: str):
    return case.decisions.get(policy__code=code)


def form(case, *rows: tuple[str, str], note: str = "", **extra: str) -> dict[str, object]:
    """The decision form as posted: every row kept as it is, but the (policy code, outcome) rows given."""
    outcomes = dict(rows)
    data: dict[str, object] = {"action": "decide", "letter-note": note, **extra}
    for d in case.decisions.select_related("policy"):
        prefix = f"decision-{d.pk}"
        data[f"{prefix}-outcome"] = outcomes.get(d.policy.code, "keep")
        data[f"{prefix}-version"] = d.version
        data[f"{prefix}-start_date"], data[f"{prefix}-end_date"] = LEAVE_START.isoformat(), LEAVE_END.isoformat()
    return data


def stored_files() -> list[Path]:
    """Every file in the test's private storage (letters' PDFs included)."""
    return [path for path in Path(default_storage.path("")).rglob("*") if path.is_file()]


def pdf_text(response) -> str:
    return text_of(response.content)


def test_the_preview_shows_the_letters_the_save_would_send_and_changes_nothing(desk, case):
    before = (Letter.objects.count(), Message.objects.count(), len(stored_files()), AuditEvent.objects.count())
    assert before[2] == 1  # the eligibility notice's PDF: the storage counted is the one letters are written to
    note = "I spoke with your payroll office today."
    response = desk.post(preview_url(case), form(case, ("fmla", "approved"), ("std-1", "approved"), note=note))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response)
    assert text.count("Preview: this letter has not been sent.") == 2  # the designation notice and the STD letter
    assert "Yes. Your leave from January 5, 2027 to February 13, 2027 is designated as FMLA leave." in text
    assert "Yes. You are approved for Short Term Disability 1 from January 5, 2027 to February 13, 2027." in text
    assert text.count(f"A note from your case specialist {note}") == 2
    assert "MA PFML" not in text  # left pending: no letter
    after = (Letter.objects.count(), Message.objects.count(), len(stored_files()), AuditEvent.objects.count())
    assert after == before
    assert {d.status for d in case.decisions.all()} == {DecisionStatus.PENDING}
    assert {d.version for d in case.decisions.all()} == {1}


def test_saving_the_same_form_sends_those_letters_with_the_paragraph_kept_as_sent(desk, case):
    note = "Bring <this> letter & your badge.\nThank you."
    response = desk.post(reverse("desk:case", args=[case.case_number]), form(case, ("std-1", "approved"), note=note))
    assert response.status_code == 302
    letter = Letter.objects.get(case=case, kind=LetterKind.PLAN_DECISION)
    assert letter.specialist_note == note
    assert "A note from your case specialist Bring <this> letter & your badge. Thank you." in letter_text(letter)
    assert "Preview" not in letter_text(letter)


def test_a_denial_without_its_reason_is_refused_in_the_preview_as_on_save(desk, case):
    response = desk.post(preview_url(case), form(case, ("pfml-medical", "denied"), note="Kept as typed"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the reason for the denial. The employee receives it." in page
    assert "Kept as typed" in page
    assert not Letter.objects.filter(kind=LetterKind.PFML_DECISION).exists()


def test_choices_that_send_no_letter_have_nothing_to_preview(desk, case):
    response = desk.post(preview_url(case), form(case), follow=True)
    assert response.redirect_chain[-1][0] == reverse("desk:case", args=[case.case_number]) + "#decisions"
    assert "nothing to preview. Nothing was saved." in response.content.decode()


def test_a_paragraph_too_long_is_refused_beside_the_field_and_nothing_is_saved(desk, case):
    data = form(case, ("std-1", "approved"), note="x" * (SPECIALIST_NOTE_MAX_LENGTH + 1))
    response = desk.post(reverse("desk:case", args=[case.case_number]), data)
    assert response.status_code == 400
    assert f"Shorten the paragraph to {SPECIALIST_NOTE_MAX_LENGTH} characters or fewer" in response.content.decode()
    assert decision(case, "std-1").status == DecisionStatus.PENDING
    assert not AuditEvent.objects.filter(action=AuditAction.APPROVED).exists()


def test_the_decision_form_has_the_paragraph_and_the_preview_button_for_specialists_only(
    desk, client, case, hr_professional
):
    page = desk.get(reverse("desk:case", args=[case.case_number])).content.decode()
    assert 'name="letter-note"' in page
    assert f'formaction="{preview_url(case)}" formtarget="_blank"' in page
    desk.logout()
    sign_in_to_desk(client, hr_professional)
    page = client.get(reverse("desk:case", args=[case.case_number])).content.decode()
    assert 'name="letter-note"' not in page
    assert preview_url(case) not in page


def test_hr_may_read_the_case_but_not_preview_its_letters(client, case, hr_professional):
    sign_in_to_desk(client, hr_professional)
    assert client.get(reverse("desk:case", args=[case.case_number])).status_code == 200
    assert client.post(preview_url(case), form(case, ("std-1", "approved"))).status_code == 403


@pytest.mark.parametrize("who", ["employee", "supervisor"])
def test_employees_and_supervisors_are_refused_the_preview(client, case, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(preview_url(case), form(case, ("std-1", "approved")))
    assert response.status_code == 403
    assert response["Content-Type"] != "application/pdf"


def test_the_preview_is_only_posted(desk, case):
    assert desk.get(preview_url(case)).status_code == 405
