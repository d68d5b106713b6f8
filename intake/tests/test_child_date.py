"""The leave flow's child question: for bonding, the child's date of birth or placement; for pregnancy, the expected
or actual date of birth (29 CFR 825.120(a)(2): bonding ends 12 months after it). Without JavaScript, plain-words
errors beside the field, nothing typed lost; the date is kept on the case and read by the bonding rule."""

from __future__ import annotations

import pytest

from cases.models import Case
from intake.tests.walking import communication_by_email, days_from_today, post_ok, start_leave

pytestmark = pytest.mark.django_db


def to_child_date(client, reason: str) -> str:
    url = start_leave(client, reason)
    return post_ok(client, url, {"reasons": ["Newborn care"], "action": "next"})


def test_bonding_asks_the_childs_date_of_birth_or_placement_after_the_reason(client, maria):
    url = to_child_date(client, "bonding")
    assert url.endswith("/child-date/")
    page = client.get(url).content.decode()
    assert "What is the child&#x27;s date of birth or placement?" in page
    assert 'type="date"' in page


def test_pregnancy_asks_the_expected_or_actual_date_of_birth(client, maria):
    page = client.get(to_child_date(client, "pregnancy")).content.decode()
    assert "What is the expected or actual date of birth?" in page


def test_an_illness_is_not_asked_about_a_child(client, maria):
    assert to_child_date(client, "employee_health").endswith("/continuous-or-intermittent/")


def test_a_missing_or_impossible_date_gets_a_plain_message_and_keeps_what_was_typed(client, maria):
    url = to_child_date(client, "bonding")
    assert "Enter the date." in client.post(url, {"child_date": ""}).content.decode()
    page = client.post(url, {"child_date": "02/30/2026"}).content.decode()
    assert "Enter a real date, like 01/12/2027." in page
    assert 'value="02/30/2026"' in page
    far = client.post(url, {"child_date": days_from_today(-3 * 366).isoformat()}).content.decode()
    assert "call Workpartners at 833-640-2800" in far


def test_the_date_is_on_the_summary_and_the_case_and_a_late_request_gets_the_bonding_note(client, maria):
    url = to_child_date(client, "bonding")
    birth = days_from_today(-400)
    url = post_ok(client, url, {"child_date": birth.isoformat()})
    url = post_ok(client, url, {"continuous": "yes"})
    url = post_ok(
        client, url, {"start_date": days_from_today(3).isoformat(), "end_date": days_from_today(10).isoformat()}
    )
    url = post_ok(client, url, {"payment_option": "employer_paid", "work_related": "no"})
    url = post_ok(client, url, communication_by_email())
    summary = client.get(url).content.decode()
    assert "About the child" in summary
    assert f"{birth:%B %d, %Y}" in summary
    client.post(url)
    case = Case.objects.get()
    assert case.child_event_date == birth
    fmla = case.decisions.get(policy__code="fmla")
    assert fmla.eligibility_note.startswith("bonding leave must be taken by")
