"""A new email is verified by a link before it is used, and the phone and the old address are told
(issue 14, item 8); adding or removing an authenticator app is told the same way."""

import re
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import profile, sending_limits
from accounts.models import AccountEvent, AccountEventKind, EmailChange, PhoneDevice
from accounts.tests.conftest import latest_code
from accounts.tests.factories import PASSWORD, EmployeeWithPhoneFactory
from accounts.user_sessions import PASSWORD_CONFIRMED_AT
from notices.models import Channel, Message

pytestmark = pytest.mark.django_db

OLD_EMAIL = "msantos@example.com"
NEW_EMAIL = "maria.santos@example.org"
LINK = re.compile(r"http://testserver(/accounts/profile/email/confirm/\?link=[\w-]+)")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def signed_in(employee):
    """Maria, signed in, her password typed again a moment ago (as Edit Profile asks)."""
    client = Client()
    client.force_login(employee)
    session = client.session
    session[PASSWORD_CONFIRMED_AT] = timezone.now().timestamp()
    session.save()
    return client


def messages_to(recipient, template):
    return list(Message.objects.filter(recipient=recipient, template=template).order_by("pk"))


def link_sent_to(address):
    message = Message.objects.filter(recipient=address, template="account_email_verify").order_by("-pk").first()
    assert message is not None, f"no link sent to {address}"
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def ask_for(client, address=NEW_EMAIL):
    return client.post("/accounts/profile/email/", {"email": address})


def open_link(client, link):
    """Open the link, then press "Use this email", as a person does."""
    page = client.get(link)
    if page.status_code != 200:
        return page
    return client.post(link)


def email_of(user):
    user.refresh_from_db()
    return user.email


def test_the_email_changes_only_once_the_link_is_opened(signed_in, employee):
    response = ask_for(signed_in)
    assert response["Location"] == "/accounts/profile/"
    assert email_of(employee) == OLD_EMAIL
    page = signed_in.get("/accounts/profile/").content.decode()
    assert "Waiting for you to open the link we sent to m…@example.org." in re.sub(r"<[^>]+>", "", page)
    assert "Send the link again" in page
    assert "Cancel the email change" in page

    link = link_sent_to(NEW_EMAIL)
    shown = signed_in.get(link)
    assert "Use <strong>maria.santos@example.org</strong> as the email of your account?" in shown.content.decode()
    assert email_of(employee) == OLD_EMAIL  # opening it shows a button: a mail scanner changes nothing
    assert signed_in.post(link)["Location"] == "/accounts/profile/"
    assert email_of(employee) == NEW_EMAIL
    assert "Waiting for you" not in signed_in.get("/accounts/profile/").content.decode()
    kinds = list(AccountEvent.objects.filter(user=employee).values_list("kind", flat=True))
    assert {AccountEventKind.EMAIL_CHANGE_REQUESTED, AccountEventKind.EMAIL_CHANGED} <= set(kinds)


def test_the_link_needs_its_owner_signed_in_and_comes_back_after_log_in(signed_in, employee):
    ask_for(signed_in)
    link = link_sent_to(NEW_EMAIL)
    stranger = Client()
    response = stranger.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert email_of(employee) == OLD_EMAIL
    stranger.get(response["Location"])
    stranger.post("/accounts/login/", {"username": "msantos", "password": PASSWORD})
    code = latest_code(PhoneDevice.objects.get(user=employee).number)
    assert stranger.post("/accounts/login/verify/", {"code": code})["Location"] == link
    assert email_of(employee) == OLD_EMAIL
    assert open_link(stranger, link)["Location"] == "/accounts/profile/"
    assert email_of(employee) == NEW_EMAIL


def test_a_link_of_another_user_is_refused(signed_in, employee):
    ask_for(signed_in)
    link = link_sent_to(NEW_EMAIL)
    other = Client()
    other.force_login(EmployeeWithPhoneFactory.create(username="jdoe"))
    for response in (other.get(link), other.post(link)):
        assert response.status_code == 404
        assert "This link is not for the account you are logged in to." in response.content.decode()
    assert email_of(employee) == OLD_EMAIL
    assert signed_in.get(link).status_code == 200  # still good for its owner


def test_an_expired_link_is_refused(signed_in, employee):
    ask_for(signed_in)
    link = link_sent_to(NEW_EMAIL)
    EmailChange.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = open_link(signed_in, link)
    assert response.status_code == 410
    assert "This link has expired: links work for 24 hours." in response.content.decode()
    assert signed_in.post(link).status_code == 410
    assert email_of(employee) == OLD_EMAIL
    assert "Waiting for you" not in signed_in.get("/accounts/profile/").content.decode()


def test_a_used_link_is_refused(signed_in, employee):
    ask_for(signed_in)
    link = link_sent_to(NEW_EMAIL)
    open_link(signed_in, link)
    employee.email = "changed.again@example.com"
    employee.save()
    for response in (signed_in.get(link), signed_in.post(link)):
        assert response.status_code == 410
        assert "This link was used already." in response.content.decode()
    assert email_of(employee) == "changed.again@example.com"
    assert len(messages_to(OLD_EMAIL, "account_email_changed")) == 1


def test_a_link_for_an_address_a_later_change_replaced_is_refused(signed_in, employee):
    ask_for(signed_in)
    first = link_sent_to(NEW_EMAIL)
    ask_for(signed_in, "other.address@example.net")
    second = link_sent_to("other.address@example.net")
    response = open_link(signed_in, first)
    assert response.status_code == 410
    assert "a later email change was started" in response.content.decode()
    assert email_of(employee) == OLD_EMAIL
    open_link(signed_in, second)
    assert email_of(employee) == "other.address@example.net"


def test_a_made_up_link_and_a_link_sent_again_before_are_refused(signed_in, employee, monkeypatch):
    monkeypatch.setattr(sending_limits, "BACK_OFF", timedelta(0))
    for made_up in ("/accounts/profile/email/confirm/", "/accounts/profile/email/confirm/?link=guess"):
        response = signed_in.get(made_up)
        assert response.status_code == 404
        assert "This link does not work." in response.content.decode()
    ask_for(signed_in)
    first = link_sent_to(NEW_EMAIL)
    assert signed_in.post("/accounts/profile/email/resend/")["Location"] == "/accounts/profile/"
    second = link_sent_to(NEW_EMAIL)
    assert first != second
    assert open_link(signed_in, first).status_code == 404
    open_link(signed_in, second)
    assert email_of(employee) == NEW_EMAIL
    assert AccountEvent.objects.filter(user=employee, kind=AccountEventKind.EMAIL_LINK_REFUSED).count() == 3


def test_sending_the_link_again_is_within_the_sending_limits(signed_in, employee):
    ask_for(signed_in)
    page = signed_in.post("/accounts/profile/email/resend/").content.decode()
    assert "We sent a link a moment ago. You can ask for a new link in 30 seconds." in page
    assert len(messages_to(NEW_EMAIL, "account_email_verify")) == 1
    assert "Waiting for you to open the link" in page


def test_a_cancelled_change_keeps_the_old_email_and_its_link_is_refused(signed_in, employee):
    ask_for(signed_in)
    link = link_sent_to(NEW_EMAIL)
    assert signed_in.post("/accounts/profile/email/cancel/")["Location"] == "/accounts/profile/"
    assert "Waiting for you" not in signed_in.get("/accounts/profile/").content.decode()
    response = open_link(signed_in, link)
    assert response.status_code == 410
    assert "the email change was cancelled" in response.content.decode()
    assert email_of(employee) == OLD_EMAIL


def test_the_new_address_must_differ_and_an_empty_one_is_refused_beside_the_field(signed_in, employee):
    same = ask_for(signed_in, "MSantos@Example.com").content.decode()
    assert "That is already your email. Enter the new address you want to use." in same
    assert 'value="MSantos@Example.com"' in same  # what was typed is kept
    empty = ask_for(signed_in, "").content.decode()
    assert "Enter your email address, like name@example.com." in empty
    assert not EmailChange.objects.exists()
    assert not Message.objects.filter(template="account_email_verify").exists()


def test_the_phone_and_the_old_address_are_told_when_the_change_is_asked_for_and_when_it_is_done(signed_in, employee):
    number = PhoneDevice.objects.get(user=employee).number
    ask_for(signed_in)
    asked = messages_to(number, "account_email_change_requested")
    assert [message.channel for message in asked] == [Channel.SMS]
    assert "m…@example.org" in asked[0].body
    assert NEW_EMAIL not in asked[0].body  # never the new address in full in a text
    assert len(messages_to(OLD_EMAIL, "account_email_change_requested")) == 1
    assert not messages_to(NEW_EMAIL, "account_email_change_requested")
    assert not messages_to(number, "account_email_changed")

    open_link(signed_in, link_sent_to(NEW_EMAIL))
    done = messages_to(number, "account_email_changed")
    assert [message.channel for message in done] == [Channel.SMS]
    assert NEW_EMAIL not in done[0].body
    assert len(messages_to(OLD_EMAIL, "account_email_changed")) == 1  # the address that was in use
    assert not messages_to(NEW_EMAIL, "account_email_changed")


def test_a_phone_that_takes_calls_is_called(signed_in, employee):
    PhoneDevice.objects.filter(user=employee).update(method="voice")
    number = PhoneDevice.objects.get(user=employee).number
    ask_for(signed_in)
    open_link(signed_in, link_sent_to(NEW_EMAIL))
    sent = Message.objects.filter(recipient=number).order_by("pk")
    assert [(message.channel, message.template) for message in sent] == [
        ("voice", "account_email_change_requested_voice"),
        ("voice", "account_email_changed_voice"),
    ]


def test_a_notice_is_written_with_its_change_or_not_at_all(signed_in, employee, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the outbox is full")

    monkeypatch.setattr(profile, "tell_owner", broken)
    with pytest.raises(RuntimeError):
        ask_for(signed_in)
    assert not EmailChange.objects.exists()
    assert not Message.objects.filter(template="account_email_verify").exists()


def test_an_authenticator_app_added_and_removed_is_told_to_the_phone_and_the_email(signed_in, employee):
    number = PhoneDevice.objects.get(user=employee).number
    signed_in.get("/accounts/profile/authenticator/")
    device = TOTPDevice.objects.get(user=employee, confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    assert not messages_to(number, "account_authenticator_added")  # an app being set up is not added yet
    signed_in.post("/accounts/profile/authenticator/", {"code": f"{totp.token():06d}"})
    assert len(messages_to(number, "account_authenticator_added")) == 1
    assert len(messages_to(OLD_EMAIL, "account_authenticator_added")) == 1
    signed_in.post("/accounts/profile/authenticator/remove/")
    assert len(messages_to(number, "account_authenticator_removed")) == 1
    assert len(messages_to(OLD_EMAIL, "account_authenticator_removed")) == 1
    signed_in.post("/accounts/profile/authenticator/remove/")  # nothing left to remove: nothing told
    assert len(messages_to(number, "account_authenticator_removed")) == 1


def test_the_profile_actions_on_the_email_need_the_password_typed_again(employee_client, employee):
    for path in ("/accounts/profile/email/", "/accounts/profile/email/resend/", "/accounts/profile/email/cancel/"):
        assert employee_client.post(path, {"email": NEW_EMAIL})["Location"].startswith(
            "/accounts/profile/confirm-password/"
        )
    assert not EmailChange.objects.exists()


def test_the_link_itself_needs_no_password_typed_again(employee_client, employee, signed_in):
    ask_for(signed_in)
    session = employee_client.session  # a session of Maria's whose password was typed long ago
    session[PASSWORD_CONFIRMED_AT] = (timezone.now() - timedelta(hours=20)).timestamp()
    session.save()
    assert open_link(employee_client, link_sent_to(NEW_EMAIL))["Location"] == "/accounts/profile/"
    assert email_of(employee) == NEW_EMAIL


def test_masked_addresses_keep_only_the_first_letter_of_the_name():
    assert profile.masked_email("maria.santos@example.org") == "m…@example.org"
    assert profile.masked_email("x@y.us") == "x…@y.us"


@pytest.mark.django_db(transaction=True)  # each thread's own connection must see the other's commit
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time: no race to lose")
def test_two_changes_started_at_once_leave_one_waiting_and_neither_fails(employee, monkeypatch):
    # Two tabs pressing "Send the link" together: without a lock, both insert a waiting change and the second
    # breaks the one-waiting rule (a server error). Sending is slowed so that the two transactions overlap.
    sending = profile._send_link

    def slow_send(request, change, token):
        sending(request, change, token)
        time.sleep(0.3)

    monkeypatch.setattr(profile, "_send_link", slow_send)
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def begin(address):
        request = RequestFactory().post("/accounts/profile/email/")
        request.user = employee
        start.wait()
        try:
            profile.begin_email_change(request, employee, address)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=begin, args=(f"maria.{n}@example.org",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert EmailChange.objects.filter(user=employee, status="waiting").count() == 1
    assert EmailChange.objects.filter(user=employee, status="replaced").count() == 1
