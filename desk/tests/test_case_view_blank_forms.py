"""The case page's blank forms (a call note, a document request, a follow-up, an internal note, the letters'
paragraph) have their fields written once per process for each initial value; a form typed into is written
afresh, with what was typed and its errors."""

from datetime import date

import pytest
from django.forms import BoundField
from django.urls import reverse

from desk.templatetags import desk_display
from desk.tests.conftest import sign_in_to_desk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_fields_kept():
    desk_display._blank_fields.clear()
    yield
    desk_display._blank_fields.clear()


@pytest.fixture
def written(monkeypatch):
    """The prefixed names of the fields written, each time one is written."""
    names = []
    as_field_group = BoundField.as_field_group

    def counted(field):
        names.append(field.html_name)
        return as_field_group(field)

    monkeypatch.setattr(BoundField, "as_field_group", counted)
    return names


def test_a_blank_forms_fields_are_written_once_for_every_case(client, specialist, report_case, health_case, written):
    sign_in_to_desk(client, specialist)
    first = client.get(reverse("desk:case", args=[report_case.case_number])).content.decode()
    assert {"call-text", "document-due_date", "follow_up-note", "internal-text", "letter-note"} <= set(written)
    written.clear()
    again = client.get(reverse("desk:case", args=[health_case.case_number])).content.decode()
    blank = [name for name in written if name.split("-")[0] in ("call", "document", "follow_up", "internal", "letter")]
    assert blank == []
    for markup in ('name="call-text"', 'name="document-due_date"', 'name="internal-text"', 'name="letter-note"'):
        assert markup in first
        assert markup in again


def test_a_new_day_writes_the_document_requests_due_date_again(client, specialist, report_case, monkeypatch):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[report_case.case_number])
    client.get(url)
    monkeypatch.setattr("desk.forms.timezone.localdate", lambda *a, **k: date(2027, 3, 1))
    page = client.get(url).content.decode()
    assert 'name="document-due_date" value="2027-03-16"' in page  # 15 days on, not the day before's date


def test_a_refused_call_note_keeps_what_was_typed_and_says_why(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    url = reverse("desk:case", args=[report_case.case_number])
    client.get(url)  # the blank call form is kept
    refused = client.post(url, {"action": "record_call", "call-text": "Left word at the front desk"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Left word at the front desk" in page
    assert "Choose how the call went." in page
    assert "Left word at the front desk" not in client.get(url).content.decode()  # blank again
