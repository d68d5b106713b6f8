"""GET /conditions/search/?q=: the matches fragment the picker swaps in as the employee types."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_answers_with_the_matches_as_buttons_that_add_them(employee_client):
    response = employee_client.get(reverse("conditions:search"), {"q": "migr"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert '<button type="submit"' in html
    assert 'name="add_reason" value="Migraine"' in html
    assert 'value="G43.111|Migraine with aura, intractable, with status migrainosus"' in html
    assert "10 matches" in html


def test_it_offers_to_add_the_typed_text_when_nothing_matches(employee_client):
    html = employee_client.get(reverse("conditions:search"), {"q": "zzqx"}).content.decode()
    assert "No matches" in html
    assert "Add 'zzqx' as your reason" in html
    assert 'name="add_reason" value="zzqx"' in html


def test_what_was_typed_is_escaped(employee_client):
    html = employee_client.get(reverse("conditions:search"), {"q": "<b>flu"}).content.decode()
    assert "<b>" not in html


def test_an_empty_query_answers_with_nothing(employee_client):
    response = employee_client.get(reverse("conditions:search"), {"q": "   "})
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def test_the_answer_is_not_kept_in_any_cache(employee_client):
    response = employee_client.get(reverse("conditions:search"), {"q": "flu"})
    assert "no-store" in response["Cache-Control"]


def test_a_signed_out_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("conditions:search"), {"q": "flu"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_only_get_is_answered(employee_client):
    assert employee_client.post(reverse("conditions:search"), {"q": "flu"}).status_code == 405
