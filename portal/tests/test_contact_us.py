"""The Contact Us page the user guide sends people to: reachable signed out, with every number to call."""

import pytest

pytestmark = pytest.mark.django_db


def test_contact_us_is_reachable_signed_out_with_the_administrators_phone_tty_and_hours(client):
    page = client.get("/contact-us/").content.decode()
    assert "<h1>Contact Us</h1>" in page
    assert 'href="tel:1-833-640-2800"' in page
    assert "TTY" in page
    assert 'href="tel:711"' in page
    assert "Monday to Friday, 8 AM to 5 PM Eastern Time, except holidays" in page


def test_contact_us_names_the_employee_service_center(client, settings):
    settings.ADMINISTRATOR = {**settings.ADMINISTRATOR, "esc_phone": "855-000-0000", "esc_url": "https://esc.example"}
    page = client.get("/contact-us/").content.decode()
    assert 'href="https://esc.example">Employee Service Center</a>' in page
    assert 'href="tel:855-000-0000"' in page


def test_contact_us_shows_a_signed_in_person_the_same_numbers(employee_client, settings):
    settings.ADMINISTRATOR = {**settings.ADMINISTRATOR, "name": "Acme Leave", "phone": "1-800-555-0100"}
    page = employee_client.get("/contact-us/").content.decode()
    assert "<h2>Acme Leave</h2>" in page
    assert 'href="tel:1-800-555-0100"' in page
