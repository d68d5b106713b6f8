"""Where codes may go (issue 14, item 16): premium-rate, shared-cost and toll-free numbers and numbers outside
CODE_DESTINATION_REGIONS are refused where they are typed (registration, Edit Profile) and again where a code, a
text or a call is sent, so an attacker cannot make the portal pay for calls or texts to numbers they profit from."""

import pytest
from django.test import Client, RequestFactory

from accounts.code_delivery import DestinationRefusal, send_code
from accounts.models import AccountEvent, PhoneDevice
from accounts.tests.conftest import latest_code
from accounts.tests.factories import PASSWORD
from accounts.tests.walks import register_to_credentials, roster_person, sign_in
from notices import destinations
from notices.delivery import deliver
from notices.models import AttemptOutcome, Channel, GatewayReceipt, Message, MessageStatus
from notices.sending import queue_notice

pytestmark = pytest.mark.django_db

REGION_MESSAGE = "We can send codes only to phone numbers in the countries listed under Country Code."
LINE_MESSAGE = "We cannot send codes to premium-rate, shared-cost or toll-free numbers."

# (country picked, number typed, the message): what an attacker types to be paid for our texts and calls.
ATTACKS = [
    ("US", "900-234-5678", LINE_MESSAGE),  # premium rate
    ("US", "800-234-5678", LINE_MESSAGE),  # toll-free
    ("US", "+44 7400 123456", REGION_MESSAGE),  # the United Kingdom, typed with its + beside "United States"
    ("US", "+7 912 345-67-89", REGION_MESSAGE),  # Russia
    ("US", "+882 3421234", REGION_MESSAGE),  # international networks (satellite), no country
    ("US", "876-234-5678", REGION_MESSAGE),  # Jamaica, dialled as +1: a classic toll-fraud target
    ("US", "+33 8 84 01 23 45", REGION_MESSAGE),  # a French shared-cost number
]


@pytest.mark.parametrize(
    ("number", "refusal"),
    [
        ("+19002345678", destinations.Refusal.LINE_TYPE),
        ("+18002345678", destinations.Refusal.LINE_TYPE),
        ("+15002345678", destinations.Refusal.LINE_TYPE),  # a personal (forwarding) number
        ("+447400123456", destinations.Refusal.REGION),
        ("+79123456789", destinations.Refusal.REGION),
        ("+8823421234", destinations.Refusal.REGION),
        ("+18762345678", destinations.Refusal.REGION),
        ("+18092345678", destinations.Refusal.REGION),  # the Dominican Republic
        ("none", destinations.Refusal.INVALID),
        ("+16175550199", None),
        ("+17875550123", None),  # Puerto Rico
        ("+16715550123", None),  # Guam
        ("+13405550123", None),  # the U.S. Virgin Islands
        ("+16705550123", None),  # the Northern Mariana Islands
        ("+14165550123", None),  # Canada
    ],
)
def test_only_ordinary_numbers_of_the_regions_in_the_setting_may_be_texted_or_called(number, refusal):
    assert destinations.refusal(number) is refusal


def test_premium_rate_and_shared_cost_numbers_are_refused_even_in_a_region_the_setting_allows(settings):
    settings.CODE_DESTINATION_REGIONS = ["US", "GB", "FR"]
    assert destinations.refusal("+33884012345") is destinations.Refusal.LINE_TYPE  # shared cost
    assert destinations.refusal("+449098790879") is destinations.Refusal.LINE_TYPE  # premium rate
    assert destinations.refusal("+447400123456") is None


def phone_step(client, country, number, method="sms"):
    return client.post("/accounts/register/phone/", {"country": country, "phone_number": number, "method": method})


@pytest.mark.parametrize(("country", "number", "message"), ATTACKS)
@pytest.mark.parametrize("method", ["sms", "voice"])
def test_the_registration_phone_step_refuses_numbers_codes_may_not_go_to(client, country, number, message, method):
    register_to_credentials(client, roster_person())
    client.post("/accounts/register/username-password/", {"username": "msantos", **twice("qX7#mP2v!Lr9")})
    client.post("/accounts/register/two-step/")
    response = phone_step(client, country, number, method)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "Enter a mobile or landline number" in body or "Enter your own mobile or landline number" in body
    assert f'value="{number}"' in body  # what was typed is kept
    assert not PhoneDevice.objects.exists()
    assert not Message.objects.exists()


def test_the_registration_phone_step_refuses_a_country_outside_the_setting(client):
    register_to_credentials(client, roster_person())
    client.post("/accounts/register/username-password/", {"username": "msantos", **twice("qX7#mP2v!Lr9")})
    client.post("/accounts/register/two-step/")
    body = phone_step(client, "GB", "07400 123456").content.decode()
    assert "Choose one of the options in the list." in body
    assert '<option value="GB"' not in body
    assert not Message.objects.exists()


def test_a_shared_cost_number_is_refused_at_registration_where_its_country_is_allowed(client, settings):
    settings.CODE_DESTINATION_REGIONS = ["US", "FR"]
    register_to_credentials(client, roster_person())
    client.post("/accounts/register/username-password/", {"username": "msantos", **twice("qX7#mP2v!Lr9")})
    client.post("/accounts/register/two-step/")
    assert LINE_MESSAGE in phone_step(client, "FR", "08 84 01 23 45").content.decode()
    assert not Message.objects.exists()


def test_a_canadian_or_puerto_rican_number_is_taken_at_registration(client):
    register_to_credentials(client, roster_person())
    client.post("/accounts/register/username-password/", {"username": "msantos", **twice("qX7#mP2v!Lr9")})
    client.post("/accounts/register/two-step/")
    assert phone_step(client, "PR", "787-555-0123")["Location"] == "/accounts/register/verify/"
    assert Message.objects.get().recipient == "+17875550123"


def twice(password):
    return {"password": password, "confirm_password": password}


@pytest.fixture
def signed_in(employee):
    client = Client()
    sign_in(client, "msantos", PASSWORD, PhoneDevice.objects.get(user=employee).number)
    return client


@pytest.mark.parametrize(("country", "number", "message"), ATTACKS)
def test_the_profiles_change_phone_refuses_numbers_codes_may_not_go_to(signed_in, employee, country, number, message):
    sent_before = Message.objects.count()
    data = {"country": country, "phone_number": number, "method": "voice"}
    response = signed_in.post("/accounts/profile/phone/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PhoneDevice.objects.filter(user=employee).count() == 1
    assert Message.objects.count() == sent_before


@pytest.fixture
def stored_foreign_phone(employee):
    """A number stored before the setting changed (or put there around the forms): Maria's phone is British."""
    device = PhoneDevice.objects.get(user=employee)
    device.number = "+447400123456"
    device.save()
    return device


@pytest.mark.parametrize("number", ["+447400123456", "+19002345678", "+79123456789", "+8823421234"])
@pytest.mark.parametrize("method", ["sms", "voice"])
def test_code_delivery_never_texts_or_calls_a_stored_number_codes_may_not_go_to(employee, number, method):
    device = PhoneDevice.objects.get(user=employee)
    device.number = number
    device.save()
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    key = employee.rate_limit_key
    refusal = send_code(request, device, attempt="a1", account_key=key, user=employee, method=method)
    assert isinstance(refusal, DestinationRefusal)
    assert "We cannot send codes to the phone number on this account. Call Workpartners" in refusal.message
    assert not Message.objects.exists()
    assert AccountEvent.objects.filter(user=employee, kind="send-limited", detail__contains="destination").exists()


def test_signing_in_with_a_stored_foreign_phone_sends_nothing_and_says_whom_to_call(stored_foreign_phone):
    client = Client()
    response = client.post("/accounts/login/", {"username": "msantos", "password": PASSWORD}, follow=True)
    assert "We cannot send codes to the phone number on this account." in response.content.decode()
    assert not Message.objects.exists()


@pytest.mark.parametrize("channel", [Channel.SMS, Channel.VOICE])
@pytest.mark.parametrize("number", ["+447400123456", "+19002345678"])
def test_the_gateway_never_texts_or_calls_a_number_outside_the_setting_whatever_queued_it(channel, number):
    context = {"administrator": {"name": "Workpartners", "phone": "1-833-640-2800"}}
    message = queue_notice(channel, number, "account_password_changed", context)
    assert message is not None
    deliver(message.pk)  # called directly, once: a refusal is never retried
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "not one the portal texts or calls" in message.error
    assert message.delivery_attempts.get().outcome == AttemptOutcome.GAVE_UP
    assert not GatewayReceipt.objects.exists()


def test_the_gateway_still_delivers_to_an_allowed_number():
    context = {"administrator": {"name": "Workpartners", "phone": "1-833-640-2800"}}
    message = queue_notice(Channel.SMS, "+14165550123", "account_password_changed", context)
    assert message is not None
    deliver(message.pk)
    message.refresh_from_db()
    assert message.status == MessageStatus.RECORDED
    assert GatewayReceipt.objects.get().recipient == "+14165550123"


def test_a_code_to_an_allowed_number_still_goes(employee):
    number = PhoneDevice.objects.get(user=employee).number
    client = Client()
    client.post("/accounts/login/", {"username": "msantos", "password": PASSWORD})
    assert latest_code(number)
