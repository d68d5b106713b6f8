import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_page_offers_log_in_and_register(client):
    page = client.get("/").content.decode()
    assert "Log in" in page
    assert reverse("accounts:register") in page
    assert "Register" in page


def test_the_help_footer_shows_the_administrator_and_the_employee_service_center(client):
    page = client.get("/").content.decode()
    assert "Workpartners" in page
    assert "1-833-640-2800" in page
    assert "TTY 711" in page
    assert "855-447-7778" in page
    assert "https://www.mass.gov/orgs/masshr-employee-service-center-esc" in page


def test_the_administrator_name_and_phones_come_from_settings(client, settings):
    settings.ADMINISTRATOR = {**settings.ADMINISTRATOR, "name": "Acme Leave", "phone": "1-800-555-0100"}
    page = client.get("/").content.decode()
    assert "Acme Leave" in page
    assert "1-800-555-0100" in page
    assert "Workpartners" not in page


def test_the_dashboard_sends_a_visitor_to_log_in(client):
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_dashboard_welcomes_a_signed_in_employee_with_the_left_navigation(client, employee):
    client.force_login(employee)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Welcome, Maria" in page
    assert "Request an absence from work" in page
    assert "View absence status and history" in page
    assert "Edit Profile" in page
    assert "Signed in as" in page


def test_a_signed_in_visitor_to_the_home_page_goes_to_the_dashboard(client, employee):
    client.force_login(employee)
    assert client.get("/").headers["Location"] == reverse("portal:dashboard")


@pytest.mark.parametrize("name", ["portal:terms_and_conditions", "portal:terms_of_use"])
def test_the_terms_pages_are_public(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert b"<h1>Terms" in response.content
