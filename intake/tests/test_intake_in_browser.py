"""Walking the request flows in Chromium: every page passes axe; at 320 px; with JavaScript off; by keyboard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from conditions.search import reason_index
from intake.tests.people import supervisor_and_employee
from notices.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True, scope="module")
def condition_index():
    """Build the condition search's index before the first search (the live server shares this process)."""
    reason_index()


def days_from_today(count):
    return timezone.localdate() + timedelta(days=count)


def go(checked, locator):
    """Click something that leads to a new page, then scan that page."""
    with checked.page.expect_navigation():
        locator.click()
    checked.check()
    width = checked.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= checked.page.viewport_size["width"], f"{checked.page.url} scrolls sideways ({width} px)"


def next_button(page, name="Next"):
    return page.get_by_role("button", name=name, exact=True)


def begin(checked, absence_type):
    page = checked.visit("/dashboard/")
    # The dashboard's own button: at narrow widths the navigation is behind "Menu".
    go(checked, page.get_by_role("link", name="Request an absence", exact=True))
    go(checked, page.get_by_role("link", name="Next"))
    page.get_by_text("Myself", exact=True).click()
    go(checked, next_button(page))
    page.get_by_text(absence_type, exact=True).click()
    go(checked, next_button(page))
    return page


def choose(page, label):
    page.get_by_text(label, exact=True).click()


def pick_reason_with_javascript(checked, typed, match):
    page = checked.page
    page.get_by_label("Search for condition").fill(typed)
    page.get_by_role("button", name=match, exact=True).click()
    page.get_by_role("button", name=f"Remove {match}").wait_for()
    # On a narrow screen the focused picker keeps room below it for the on-screen keyboard; it goes when the field
    # loses focus, which would move Next between the press and the release. Close the keyboard first, as a
    # person does.
    page.get_by_label("Search for condition").blur()
    go(checked, next_button(page))


def fill_procedural_and_communication(checked):
    page = checked.page
    choose(page, "Unpaid – employee does not receive any pay from their agency nor from the Department of Family "
                 "and Medical Leave (DFML) for time off")  # fmt: skip
    page.get_by_role("group", name="Is your absence due to a work-related illness or injury?").get_by_text(
        "No", exact=True
    ).click()
    go(checked, next_button(page))
    assert page.get_by_label("Please provide your email address.").input_value() == "maria@home.example"
    page.get_by_label("Please provide your preferred phone number.").fill("617-555-0123")
    page.get_by_label("When is the best time to reach you?").select_option("10")
    go(checked, next_button(page))


def test_a_continuous_leave_reaches_a_case_number_once_even_when_submitted_twice(web):
    _, maria = supervisor_and_employee()
    web.sign_in(maria)
    page = begin(web, "I am ill or injured (continuous or intermittent medical leave)")
    assert page.get_by_role("heading", name="Reason for Leave").is_visible()
    pick_reason_with_javascript(web, "surgery", "Surgery")
    choose(page, "Yes")
    go(web, next_button(page))
    page.get_by_label("Start Date").fill(days_from_today(3).strftime("%m/%d/%Y"))
    page.get_by_label("End Date").fill(days_from_today(17).strftime("%m/%d/%Y"))
    go(web, next_button(page))
    fill_procedural_and_communication(web)
    assert page.get_by_role("heading", name="Summary").is_visible()
    other_tab = page.context.new_page()
    other_tab.goto(page.url)
    go(web, page.get_by_role("button", name="Submit"))
    assert page.get_by_role("heading", name="Your claim has been submitted.").is_visible()
    number = page.locator("[data-case-number]").inner_text()
    assert Case.objects.get().case_number == number
    # The same summary submitted again from another tab shows the same case, and makes no second one.
    with other_tab.expect_navigation():
        other_tab.get_by_role("button", name="Submit").click()
    assert other_tab.locator("[data-case-number]").inner_text() == number
    assert Case.objects.count() == 1
    notice = Message.objects.get(template="case_supervisor_absence")
    assert "surgery" not in notice.body.lower()
    assert "health" not in (notice.subject + notice.body).lower()


def test_an_intermittent_leave_with_three_days_an_edit_and_a_removal_at_320_px(phone):
    _, maria = supervisor_and_employee()
    phone.sign_in(maria)
    page = begin(phone, "A family member is ill or injured (continuous or intermittent medical leave)")
    pick_reason_with_javascript(phone, "flu", "Flu")
    choose(page, "No")
    go(phone, next_button(page))
    choose(page, "Yes")
    go(phone, next_button(page))
    first, second, third = days_from_today(-2), days_from_today(5), days_from_today(9)
    for index, day in enumerate((first, second, third)):
        if index:
            go(phone, page.get_by_role("link", name="Add another day"))
        page.get_by_label("Select the date of the absence").fill(day.strftime("%m/%d/%Y"))
        go(phone, next_button(page, "Continue"))
        assert page.get_by_text(day.strftime("%B %d, %Y")).is_visible()
        choose(page, "Yes" if index != 1 else "No")
        go(phone, next_button(page, "Continue"))
        if index == 1:
            page.get_by_label("Start:").fill("08:00 AM")
            page.get_by_label("End:").fill("10:30 AM")
            expect(page.locator("[data-duration]")).to_have_text("02:30")
        else:
            assert page.get_by_text("7 HOURS 30 MINUTES").is_visible()
        go(phone, next_button(page, "Continue"))
        choose(page, "No")
        go(phone, next_button(page, "Continue"))
        go(phone, next_button(page))
    label = second.strftime("%b %d").upper()
    go(phone, page.get_by_role("link", name=f"Edit {label}"))
    go(phone, next_button(page, "Continue"))
    go(phone, next_button(page, "Continue"))
    page.get_by_label("End:").fill("11:45 AM")
    go(phone, next_button(page, "Continue"))
    go(phone, next_button(page, "Continue"))
    go(phone, next_button(page))
    go(phone, page.get_by_role("button", name=f"Remove {first.strftime('%b %d').upper()}"))
    assert page.get_by_role("button", name=f"Remove {label}").is_visible()
    assert page.get_by_role("button", name=f"Remove {first.strftime('%b %d').upper()}").count() == 0
    go(phone, next_button(page))
    fill_procedural_and_communication(phone)
    go(phone, page.get_by_role("button", name="Submit"))
    assert page.locator("[data-case-number]").is_visible()
    entries = Case.objects.get().time_entries.order_by("date")
    assert [(entry.date, entry.minutes) for entry in entries] == [(second, 225), (third, 450)]


def test_an_intermittent_leave_without_known_days_resumes_after_signing_out_and_in_without_javascript(no_js):
    _, maria = supervisor_and_employee()
    no_js.sign_in(maria)
    page = begin(no_js, "I am pregnant / expecting")
    page.get_by_label("Search for condition").fill("pregnan")
    go(no_js, page.get_by_role("button", name="Search", exact=True))
    go(no_js, page.get_by_role("button", name="Pregnancy", exact=True))
    go(no_js, next_button(page))
    birth = about_the_child(no_js, "What is the expected or actual date of birth?", days_from_today(40), "%Y-%m-%d")
    choose(page, "No")
    go(no_js, next_button(page))
    choose(page, "No")
    go(no_js, next_button(page))
    assert page.get_by_role("heading", name="Procedural Questions Asked by the Commonwealth").is_visible()
    resumed_at = page.url
    page.get_by_role("navigation", name="Portal").get_by_role("button", name="Log out").click()
    page.wait_for_load_state("load")
    no_js.sign_in(maria)
    page = no_js.visit("/dashboard/")
    go(no_js, page.get_by_role("link", name="Continue Leave of absence: Pregnancy"))
    assert page.url == resumed_at
    fill_procedural_and_communication(no_js)
    assert_the_summary_gives_the_childs_date(page, birth)
    go(no_js, page.get_by_role("button", name="Submit"))
    assert page.locator("[data-case-number]").is_visible()
    case = Case.objects.get()
    assert (case.leave_period.start_date, case.child_event_date) == (timezone.localdate(), birth)


def about_the_child(checked, question, right, date_format):
    """The "About the child" step: a date three years back is refused beside the field, what was typed kept;
    then the right date. Returns it. With JavaScript the USWDS date picker takes MM/DD/YYYY; without it the
    browser's date input takes an ISO date."""
    page = checked.page
    assert page.get_by_role("heading", name="About the child").is_visible()
    wrong = days_from_today(-3 * 366).strftime(date_format)
    page.get_by_label(question).fill(wrong)
    go(checked, next_button(page))
    group = page.locator(".usa-form-group--error")
    expect(group.locator("label")).to_have_text(question)
    expect(group.locator(".usa-error-message")).to_contain_text("Enter a date between")
    expect(group.locator(".usa-error-message")).to_contain_text("call Workpartners at 833-640-2800")
    expect(page.get_by_label(question)).to_have_value(wrong)
    page.get_by_label(question).fill(right.strftime(date_format))
    go(checked, next_button(page))
    assert page.locator(".usa-error-message").count() == 0
    return right


def assert_the_summary_gives_the_childs_date(page, day):
    assert page.get_by_role("heading", name="Summary").is_visible()
    assert page.get_by_text("About the child", exact=True).first.is_visible()
    assert page.get_by_text(day.strftime("%B %d, %Y"), exact=True).is_visible()


def test_a_bonding_leave_asks_about_the_child_refuses_a_wrong_date_beside_the_field_and_reaches_the_summary(web):
    _, maria = supervisor_and_employee()
    web.sign_in(maria)
    page = begin(web, "I am bonding with a child")
    pick_reason_with_javascript(web, "newborn", "Bonding with a new child")
    question = "What is the child's date of birth or placement?"
    birth = about_the_child(web, question, days_from_today(-20), "%m/%d/%Y")
    choose(page, "Yes")
    go(web, next_button(page))
    page.get_by_label("Start Date").fill(days_from_today(3).strftime("%m/%d/%Y"))
    page.get_by_label("End Date").fill(days_from_today(17).strftime("%m/%d/%Y"))
    go(web, next_button(page))
    fill_procedural_and_communication(web)
    assert_the_summary_gives_the_childs_date(page, birth)


def test_a_pregnancy_asks_the_date_of_birth_at_390_px(phone_390):
    _, maria = supervisor_and_employee()
    phone_390.sign_in(maria)
    page = begin(phone_390, "I am pregnant / expecting")
    pick_reason_with_javascript(phone_390, "pregnan", "Pregnancy")
    birth = about_the_child(phone_390, "What is the expected or actual date of birth?", days_from_today(60), "%m/%d/%Y")
    choose(page, "No")
    go(phone_390, next_button(page))
    choose(page, "No")
    go(phone_390, next_button(page))
    fill_procedural_and_communication(phone_390)
    assert_the_summary_gives_the_childs_date(page, birth)


def test_an_unplanned_absence_for_oneself_for_a_full_day_by_keyboard(web):
    _, maria = supervisor_and_employee()
    web.sign_in(maria)
    page = begin(web, "I need to report a day-to-day sick absence or medical appointment not related to an FMLA, "
                      "PFML or other protected leave policy case")  # fmt: skip
    page.get_by_label("Myself").focus()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    web.check()
    page.get_by_label("What is the date of the absence being reported?").fill(days_from_today(1).strftime("%m/%d/%Y"))
    go(web, next_button(page, "Continue"))
    page.get_by_label("Yes").focus()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    web.check()
    go(web, next_button(page, "Continue"))  # 7 HOURS 30 MINUTES, the default
    assert page.get_by_role("link", name=f"Edit {days_from_today(1).strftime('%b %d').upper()}").is_visible()
    go(web, next_button(page))
    pick_reason_with_javascript(web, "sick", "Sick")
    choose(page, "Not OT")
    go(web, next_button(page))
    go(web, page.get_by_role("button", name="Submit"))
    case = Case.objects.get()
    assert page.get_by_text(f"Your case number is {case.case_number}.").is_visible()
    go(web, page.get_by_role("link", name="here", exact=True))
    assert page.get_by_role("group", name="Who is this absence for?").is_visible()


def test_other_ends_at_the_phone_message_and_an_unplanned_absence_for_a_child_is_a_partial_day(web):
    _, maria = supervisor_and_employee()
    web.sign_in(maria)
    page = begin(web, "Other")
    assert page.get_by_text(
        "Please contact WorkPartners intake at 833-640-2800 to file this claim request."
    ).is_visible()
    assert not Case.objects.exists()
    page = begin(web, "I need to report a day-to-day sick absence or medical appointment not related to an FMLA, "
                      "PFML or other protected leave policy case")  # fmt: skip
    choose(page, "My Child")
    go(web, next_button(page))
    page.get_by_label("What is the date of the absence being reported?").fill(days_from_today(0).strftime("%m/%d/%Y"))
    go(web, next_button(page, "Continue"))
    choose(page, "No")
    go(web, next_button(page, "Continue"))
    page.get_by_label("Start:").fill("10:00 PM")
    page.get_by_label("End:").fill("02:00 AM")
    expect(page.locator("[data-duration]")).to_have_text("04:00")
    expect(page.get_by_text("this absence crosses midnight")).to_be_visible()
    web.check()
    go(web, next_button(page, "Continue"))
    go(web, page.get_by_role("button", name="Yes, that's right"))  # a night shift is asked about once
    go(web, next_button(page))
    pick_reason_with_javascript(web, "fever", "Fever")
    choose(page, "Mandatory OT")
    go(web, next_button(page))
    assert page.get_by_text("(ends the next day)").is_visible()
    go(web, page.get_by_role("button", name="Submit"))
    case = Case.objects.get()
    assert page.get_by_text(f"Your case number is {case.case_number}.").is_visible()
    assert (case.reason, case.overtime_shift) == ("family_sick", "mandatory")
    assert case.time_entries.get().minutes == 240


def test_the_day_entry_pages_work_without_javascript(no_js):
    _, maria = supervisor_and_employee()
    no_js.sign_in(maria)
    page = no_js.visit("/request/unplanned/")
    choose(page, "Myself")
    go(no_js, next_button(page))
    page.get_by_label("What is the date of the absence being reported?").fill(days_from_today(2).isoformat())
    go(no_js, next_button(page, "Continue"))
    choose(page, "No")
    go(no_js, next_button(page, "Continue"))
    page.get_by_label("Start:").fill("11:00 PM")
    page.get_by_label("End:").fill("01:00 AM")
    go(no_js, page.get_by_role("button", name="Calculate duration"))
    assert page.locator("[data-duration]").inner_text() == "02:00"
    assert page.get_by_text("this absence crosses midnight").is_visible()
    go(no_js, next_button(page, "Continue"))
    go(no_js, page.get_by_role("button", name="Yes, that's right"))  # a night shift is asked about once
    label = days_from_today(2).strftime("%b %d").upper()
    # Removing the only day leads back to the date question.
    go(no_js, page.get_by_role("button", name=f"Remove {label}"))
    assert page.get_by_label("What is the date of the absence being reported?").is_visible()
    assert page.get_by_role("button", name=f"Remove {label}").count() == 0


@pytest.fixture
def phone_390(phone):
    """A 390 px wide page, as on a common phone; every page visited is scanned by axe, as with the others."""
    phone.page.set_viewport_size({"width": 390, "height": 844})
    return phone


def reach_the_time_missed(checked, date_format="%m/%d/%Y"):
    """An unplanned absence for oneself, tomorrow, up to "Was a full day of work missed?".

    The USWDS date picker takes MM/DD/YYYY; without JavaScript the browser's own date input takes an ISO date.
    """
    page = checked.visit("/request/unplanned/")
    choose(page, "Myself")
    go(checked, next_button(page))
    page.get_by_label("What is the date of the absence being reported?").fill(days_from_today(1).strftime(date_format))
    go(checked, next_button(page, "Continue"))
    return page


def test_the_hours_and_minutes_appear_only_for_other_at_390_px(phone_390):
    _, maria = supervisor_and_employee()
    phone_390.sign_in(maria)
    page = reach_the_time_missed(phone_390)
    choose(page, "Yes")
    go(phone_390, next_button(page, "Continue"))
    hours = page.get_by_role("spinbutton", name="Hours", exact=True)
    expect(hours).to_be_hidden()
    choose(page, "OTHER")
    expect(hours).to_be_visible()
    hours.fill("25")
    page.get_by_role("spinbutton", name="Minutes", exact=True).fill("0")
    go(phone_390, next_button(page, "Continue"))
    assert page.get_by_text("Enter 24 hours or less.").is_visible()


def test_times_typed_as_people_type_them_and_a_23_hour_partial_day_asks_to_confirm_at_390_px(phone_390):
    _, maria = supervisor_and_employee()
    phone_390.sign_in(maria)
    page = reach_the_time_missed(phone_390)
    choose(page, "No")
    go(phone_390, next_button(page, "Continue"))
    page.get_by_label("Start:").fill("9am")
    page.get_by_label("End:").fill("11am")
    expect(page.locator("[data-duration]")).to_have_text("02:00")
    expect(page.get_by_label("Start:")).to_have_value("09:00 AM")  # read back once the field is left
    expect(page.get_by_role("button", name="Calculate duration")).to_be_hidden()  # it updates by itself
    phone_390.check()
    page.get_by_label("Start:").fill("2pm")
    page.get_by_label("End:").fill("1pm")
    expect(page.locator("[data-duration]")).to_have_text("23:00")
    go(phone_390, next_button(page, "Continue"))
    assert page.get_by_text("2:00 PM to 1:00 PM is 23 hours, ending the next day. Is that right?").is_visible()
    assert page.get_by_label("Start:").input_value() == "02:00 PM"
    go(phone_390, page.get_by_role("button", name="Yes, that's right"))
    assert page.get_by_text("(ends the next day)").is_visible()


def test_a_23_hour_partial_day_asks_to_confirm_without_javascript(no_js):
    _, maria = supervisor_and_employee()
    no_js.sign_in(maria)
    page = reach_the_time_missed(no_js, "%Y-%m-%d")
    choose(page, "No")
    go(no_js, next_button(page, "Continue"))
    page.get_by_label("Start:").fill("2 PM")
    page.get_by_label("End:").fill("1 pm")
    go(no_js, page.get_by_role("button", name="Calculate duration"))
    assert page.locator("[data-duration]").inner_text() == "23:00"
    go(no_js, next_button(page, "Continue"))
    assert page.get_by_text("ending the next day. Is that right?").is_visible()
    go(no_js, page.get_by_role("button", name="Yes, that's right"))
    assert page.get_by_text("(ends the next day)").is_visible()
