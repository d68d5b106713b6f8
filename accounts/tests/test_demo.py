import pytest
from django.test import Client

from accounts.demo import DEMO_PASSWORD, DEMO_PHONE, DEMO_USERNAME, load_demo_accounts
from accounts.models import PhoneDevice, User
from accounts.tests.walks import sign_in
from roster.demo import load_demo_roster

pytestmark = pytest.mark.django_db


def test_the_demo_employee_signs_in_with_the_published_password_and_a_code_from_the_outbox():
    load_demo_roster()
    load_demo_accounts()
    load_demo_accounts()
    user = User.objects.get(username=DEMO_USERNAME)
    assert user.roster_record is not None
    assert user.roster_record.employee_number == "100004"
    assert PhoneDevice.objects.filter(user=user, confirmed=True, number=DEMO_PHONE).count() == 1
    client = Client()
    sign_in(client, DEMO_USERNAME, DEMO_PASSWORD, DEMO_PHONE)
    assert client.get("/dashboard/").status_code == 200
