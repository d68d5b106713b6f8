"""Registration and sign-in walked in Chromium as a new user would, with an axe scan on every page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from accounts import sending_limits
from accounts.models import PhoneDevice, User
from accounts.tests.conftest import latest_code
from accounts.tests.factories import PASSWORD, EmployeeWithPhoneFactory
from accounts.tests.walks import PHONE, identity_of, roster_person
from conftest import _open_page
from notices.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Leave!Desk9"


def assert_fits(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width} px)"


def submit(checked, name):
    checked.get_by_role("button", name=name, exact=True).click()
    checked.check()
    assert_fits(checked.page)


def register_in_browser(checked, record, username="msantos"):
    page = register_to_the_code_in_browser(checked, record, username)
    page.get_by_label("Verification Code").fill(latest_code(PHONE))
    submit(checked, "Verify Code")
    expect(page.get_by_role("heading", name="Registration complete")).to_be_visible()


def register_to_the_code_in_browser(checked, record, username="msantos"):
    page = checked.visit("/accounts/register/")
    assert_fits(page)
    identity = identity_of(record)
    page.get_by_label("First Name").fill(identity["first_name"])
    page.get_by_label("Last Name").fill(identity["last_name"])
    page.get_by_label("Zip Code").fill(identity["zip_code"])
    page.get_by_label("Birthdate").fill(identity["birth_date"])
    submit(checked, "Agree")
    expect(page.get_by_role("heading", name="Enter your employee number")).to_be_visible()
    page.get_by_label("Employee Number").fill(record.employee_number)
    submit(checked, "Next")
    expect(page.get_by_role("heading", name="Create your username and password")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm Password").fill(NEW_PASSWORD)
    submit(checked, "Next")
    expect(page.get_by_role("heading", name="Two-step authentication")).to_be_visible()
    expect(page.get_by_role("link", name="FAQ document")).to_be_visible()
    submit(checked, "Next")
    expect(page.get_by_label("Country Code")).to_have_value("US")
    page.get_by_label("Phone Number").fill("617-555-0199")
    submit(checked, "Send Code")
    expect(page.get_by_text("+1 617-555-0199")).to_be_visible()
    return page


def sign_in_in_browser(checked, username, password, number):
    page = checked.visit("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    submit(checked, "Log in")
    page.get_by_label("Verification Code").fill(latest_code(number))
    submit(checked, "Verify Code")


def test_a_new_employee_registers_and_signs_in(web):
    register_in_browser(web, roster_person())
    web.get_by_role("link", name="Log in", exact=True).last.click()
    web.check()
    sign_in_in_browser(web, "msantos", NEW_PASSWORD, PHONE)
    expect(web.page).to_have_url(re.compile(r"/dashboard/$"))
    record = User.objects.get(username="msantos").roster_record
    assert record is not None
    assert record.first_name == "María"


def test_registration_and_sign_in_read_well_at_320_px(phone):
    register_in_browser(phone, roster_person())
    sign_in_in_browser(phone, "msantos", NEW_PASSWORD, PHONE)
    expect(phone.page).to_have_url(re.compile(r"/dashboard/$"))


def test_registration_and_sign_in_work_without_javascript(no_js):
    register_in_browser(no_js, roster_person())
    page = no_js.visit("/accounts/login/")
    expect(page.get_by_role("button", name="SHOW password")).to_be_hidden()
    sign_in_in_browser(no_js, "msantos", NEW_PASSWORD, PHONE)
    expect(no_js.page).to_have_url(re.compile(r"/dashboard/$"))


@pytest.mark.parametrize("checked_page", ["web", "phone", "no_js"])
def test_send_a_new_code_sits_above_verify_code_and_enter_still_verifies(checked_page, request, monkeypatch):
    monkeypatch.setattr(sending_limits, "BACK_OFF", timedelta(0))  # a new code at once, without the 30 s wait
    checked = request.getfixturevalue(checked_page)
    page = register_to_the_code_in_browser(checked, roster_person())
    resend = page.get_by_role("button", name="Send a new code")
    verify = page.get_by_role("button", name="Verify Code")
    assert resend.bounding_box()["y"] < verify.bounding_box()["y"]

    submit(checked, "Send a new code")
    expect(page.get_by_role("status")).to_contain_text("We sent a new code.")
    assert Message.objects.filter(recipient=PHONE).count() == 2

    code = page.get_by_label("Verification Code")
    code.fill(latest_code(PHONE))
    code.press("Tab")
    expect(resend).to_be_focused()
    page.keyboard.press("Tab")
    expect(verify).to_be_focused()
    code.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/register/complete/$"))
    checked.check()
    expect(page.get_by_role("heading", name="Registration complete")).to_be_visible()


def test_the_password_rules_update_as_the_user_types(web):
    record = roster_person()
    page = web.visit("/accounts/register/")
    for label, value in zip(
        ["First Name", "Last Name", "Zip Code", "Birthdate"], identity_of(record).values(), strict=True
    ):
        page.get_by_label(label).fill(value)
    submit(web, "Agree")
    page.get_by_label("Employee Number").fill(record.employee_number)
    submit(web, "Next")
    page.get_by_label("Username").fill("msantos")
    password = page.get_by_label("Password", exact=True)
    password.press_sequentially("leave", delay=20)
    expect(page.locator('#password-rules [data-rule="uppercase"]')).to_have_class(re.compile("--unmet"))
    password.press_sequentially("!Desk9", delay=20)
    expect(page.locator('#password-rules [data-rule="uppercase"]')).to_have_class(re.compile("--met"))
    expect(page.locator("#password-rules .portal-password-rules__rule--unmet")).to_have_count(0)
    web.check()


def test_the_password_can_be_shown_while_signing_in(web):
    page = web.visit("/accounts/login/")
    page.get_by_label("Password", exact=True).fill("secret")
    show = page.get_by_role("button", name="SHOW password")
    show.click()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("type", "text")
    expect(page.get_by_role("button", name="HIDE password")).to_have_attribute("aria-pressed", "true")
    web.check()


def test_refusals_are_shown_on_accessible_pages(web):
    roster_person()
    page = web.visit("/accounts/register/")
    page.get_by_label("First Name").fill("Nobody")
    page.get_by_label("Last Name").fill("Here")
    page.get_by_label("Zip Code").fill("02108")
    page.get_by_label("Birthdate").fill("01/02/1980")
    submit(web, "Agree")
    expect(page.get_by_role("heading", name="We could not verify your information")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="855-447-7778")).to_be_visible()
    employee = EmployeeWithPhoneFactory.create(username="asmith")
    page = web.visit("/accounts/login/")
    page.get_by_label("Username").fill("asmith")
    page.get_by_label("Password", exact=True).fill("Wrong!pass1")
    submit(web, "Log in")
    expect(page.get_by_role("alert")).to_contain_text("The username or password is not right")
    page.get_by_label("Username").fill("asmith")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    submit(web, "Log in")
    code = latest_code(PhoneDevice.objects.get(user=employee).number)
    page.get_by_label("Verification Code").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    submit(web, "Verify Code")
    expect(page.get_by_text("That code is not right.")).to_be_visible()


def test_the_stay_signed_in_modal_appears_before_the_idle_limit(web, settings, live_server):
    settings.SESSION_COOKIE_AGE = 10
    settings.SESSION_IDLE_WARNING_SECONDS = 8
    employee = EmployeeWithPhoneFactory.create(username="idle")
    sign_in_in_browser(web, "idle", PASSWORD, PhoneDevice.objects.get(user=employee).number)
    # The USWDS wrapper carrying role="dialog" has no box of its own: its heading shows it is open.
    dialog = web.page.get_by_role("dialog", name="Your session is about to end")
    heading = dialog.get_by_role("heading", name="Your session is about to end")
    expect(heading).to_be_visible(timeout=6000)
    web.check()
    dialog.get_by_role("button", name="Stay logged in").click()
    expect(heading).to_be_hidden()
    expect(web.page).to_have_url(re.compile(r"/accounts/session/ended/$"), timeout=15000)
    web.check()
    web.visit("/dashboard/")
    expect(web.page).to_have_url(re.compile(r"/accounts/login/"))


def test_signing_in_six_times_in_an_hour_still_gets_in(web):
    employee = EmployeeWithPhoneFactory.create(username="often")
    number = PhoneDevice.objects.get(user=employee).number
    for _ in range(6):
        sign_in_in_browser(web, "often", PASSWORD, number)
        expect(web.page).to_have_url(re.compile(r"/dashboard/$"))
        web.page.context.clear_cookies()
    assert Message.objects.filter(recipient=number).count() == 6


def test_a_failed_log_in_keeps_the_username_and_edit_profile_leads_there_after_log_in(web):
    employee = EmployeeWithPhoneFactory.create(username="asmith")
    page = web.visit("/accounts/login/")
    expect(page.get_by_text("(log in first, then you go to your profile)")).to_be_visible()
    page.get_by_role("link", name="Edit Profile").click()
    web.check()
    page.get_by_label("Username").fill("asmith")
    page.get_by_label("Password", exact=True).fill("Wrong!pass1")
    submit(web, "Log in")
    expect(page.get_by_label("Username")).to_have_value("asmith")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    submit(web, "Log in")
    page.get_by_label("Verification Code").fill(latest_code(PhoneDevice.objects.get(user=employee).number))
    submit(web, "Verify Code")
    expect(page.get_by_role("heading", name="Edit Profile")).to_be_visible()


@pytest.fixture
def phone_390(browser, live_server):
    """A 390 px wide page, as on a common phone."""
    yield from _open_page(browser, live_server, viewport={"width": 390, "height": 844})


def test_a_new_email_is_used_once_its_link_is_opened_at_390_px(phone_390):
    employee = EmployeeWithPhoneFactory.create(username="asmith", email="asmith@example.com")
    phone_390.sign_in(employee)
    page = phone_390.visit("/accounts/profile/")
    expect(page.get_by_role("heading", name="Confirm your password")).to_be_visible()
    page.get_by_label("Password", exact=True).fill("Wrong!pass1")
    submit(phone_390, "Continue")
    expect(page.get_by_text("That password is not right. Check it and try again.")).to_be_visible()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    submit(phone_390, "Continue")
    page.get_by_role("link", name="Change email").click()
    phone_390.check()
    assert_fits(page)
    page.get_by_label("Email").fill("a.smith.new@example.org")
    submit(phone_390, "Send the link")
    expect(page.get_by_text("Waiting for you to open the link we sent to a…@example.org.")).to_be_visible()
    expect(page.get_by_role("button", name="Send the link again")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel the email change")).to_be_visible()
    message = Message.objects.get(recipient="a.smith.new@example.org", template="account_email_verify")
    link = re.search(r"https?://[^/\s]+(/accounts/profile/email/confirm/\S+)", message.body)
    assert link, message.body
    phone_390.visit(link.group(1))
    assert_fits(page)
    expect(page.get_by_text("Use a.smith.new@example.org as the email of your account?")).to_be_visible()
    submit(phone_390, "Use this email")
    expect(page.get_by_text("Your email is now a.smith.new@example.org.")).to_be_visible()
    employee.refresh_from_db()
    assert employee.email == "a.smith.new@example.org"
