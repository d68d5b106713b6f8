"""The reason picker in Chromium, inside a stand-in form step (picker_demo), with and without JavaScript."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.models import User
from conditions.search import reason_index

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("conditions.tests.picker_demo_urls"),
]

STEP = "/reason-step/"


@pytest.fixture(autouse=True, scope="module")
def _built_index():
    """Build the search index before the browser waits on it (a few seconds, once per process)."""
    reason_index()


def sign_in(checked, live_server):
    user = User.objects.filter(username="msantos").first() or User.objects.create_user(
        "msantos", password="Str0ng!pass", first_name="Maria"
    )
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    checked.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def options(page):
    return page.locator("[data-reason-option]")


def test_typing_finds_migraine_first_and_reasons_are_added_and_removed_without_a_reload(web, live_server):
    sign_in(web, live_server)
    page = web.visit(STEP)
    page.evaluate("() => { window.stillTheSamePage = true; }")
    search = page.get_by_label("Search for condition")
    search.press_sequentially("migr")
    expect(options(page).first).to_have_text("Migraine")
    expect(page.locator("[data-reason-status]")).to_have_text("10 matches")
    web.check()

    options(page).first.click()
    expect(page.get_by_role("button", name="Remove Migraine")).to_be_visible()
    expect(search).to_have_value("")
    expect(search).to_be_focused()
    expect(page.locator("[data-reason-status]")).to_have_text("Migraine added to your reasons.")

    search.fill("diab typ 2")
    expect(options(page).first).to_contain_text("Type 2 diabetes mellitus")
    condition = options(page).first.get_attribute("data-label")
    search.press("ArrowDown")
    expect(options(page).first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=f"Remove {condition}")).to_be_visible()
    web.check()

    page.get_by_role("button", name="Remove Migraine").click()
    expect(page.get_by_role("button", name="Remove Migraine")).to_have_count(0)
    assert page.evaluate("() => window.stillTheSamePage") is True

    page.get_by_role("button", name="Next").click()
    web.check()
    saved = page.locator("[data-saved] li")
    expect(saved).to_have_count(1)
    expect(saved.first).to_contain_text(condition)


def test_enter_in_the_search_box_searches_rather_than_moving_on(web, live_server):
    sign_in(web, live_server)
    page = web.visit(STEP)
    search = page.get_by_label("Search for condition")
    search.fill("zzqx knee")
    search.press("Enter")
    add_typed = page.get_by_role("button", name="Add 'zzqx knee' as your reason")
    expect(add_typed).to_be_visible()
    assert page.url.endswith(STEP)
    add_typed.click()
    expect(page.get_by_role("button", name="Remove zzqx knee")).to_be_visible()


def test_a_one_reason_step_replaces_its_reason(web, live_server):
    sign_in(web, live_server)
    page = web.visit(STEP + "?one=1")
    expect(page.get_by_text("You may select one (1) option.")).to_be_visible()
    search = page.get_by_label("Search for condition")
    search.fill("flu")
    expect(options(page).first).to_have_text("Flu")
    options(page).first.click()
    search.fill("sick")
    expect(options(page).first).to_have_text("Sick")
    options(page).first.click()
    expect(page.locator("[data-reason-chip]")).to_have_count(1)
    expect(page.get_by_role("button", name="Remove Sick")).to_be_visible()


def test_the_picker_fits_a_320_px_screen_and_passes_axe(phone, live_server):
    sign_in(phone, live_server)
    page = phone.visit(STEP)
    page.get_by_label("Search for condition").press_sequentially("fract")
    expect(options(page)).to_have_count(10)
    options(page).nth(1).click()
    expect(page.locator("[data-reason-chip]")).to_have_count(1)
    phone.check()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


def test_without_javascript_search_add_and_remove_work_through_the_buttons(no_js, live_server):
    sign_in(no_js, live_server)
    page = no_js.visit(STEP)
    page.get_by_role("button", name="Next").click()
    no_js.check()
    expect(page.get_by_text("A reason must be provided to move forward.")).to_be_visible()

    page.get_by_label("Search for condition").fill("migr")
    page.get_by_role("button", name="Search", exact=True).click()
    no_js.check()
    expect(options(page).first).to_have_text("Migraine")
    options(page).first.click()
    no_js.check()
    expect(page.get_by_role("button", name="Remove Migraine")).to_be_visible()

    page.get_by_label("Search for condition").fill("E11.9")
    page.get_by_label("Search for condition").press("Enter")  # the picker's Search is the form's default button
    no_js.check()
    options(page).first.click()
    no_js.check()
    diabetes = "Remove Type 2 diabetes mellitus without complications"
    expect(page.get_by_role("button", name=diabetes)).to_be_visible()

    page.get_by_label("Search for condition").fill("zzqx knee")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("button", name="Add 'zzqx knee' as your reason").click()
    no_js.check()

    page.get_by_role("button", name="Remove Migraine").click()
    no_js.check()
    expect(page.get_by_role("button", name="Remove Migraine")).to_have_count(0)

    page.get_by_role("button", name="Next").click()
    no_js.check()
    expect(page.locator("[data-saved] li")).to_have_text(
        ["Type 2 diabetes mellitus without complications (E11.9)", "zzqx knee"]
    )


def test_at_390_px_breast_cancer_finds_its_condition_in_view_above_the_keyboard(web, live_server):
    sign_in(web, live_server)
    page = web.page
    page.set_viewport_size({"width": 390, "height": 844})
    page = web.visit(STEP)
    search = page.get_by_label("Search for condition")
    search.focus()
    # The field scrolls to the top of the screen, where a phone's keyboard does not cover it.
    page.wait_for_function(
        "() => Math.abs(document.querySelector('[data-reason-query]').getBoundingClientRect().top) < 16"
    )
    search.press_sequentially("breast cancer")
    expect(options(page).first).to_have_text("Cancer treatment")
    condition = options(page).nth(1)
    expect(condition).to_contain_text("Malignant")
    expect(condition).to_contain_text("breast")
    expect(condition).to_contain_text("C50.")
    field_box, condition_box = search.bounding_box(), condition.bounding_box()
    assert field_box is not None
    assert condition_box is not None
    assert condition_box["y"] > field_box["y"]  # the results open below the field
    assert condition_box["y"] + condition_box["height"] < 844 / 2  # in the top half, above the keyboard
    web.check()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    condition.click()
    expect(page.locator("[data-reason-chip]")).to_have_count(1)
    expect(page.locator("[data-reason-chip]")).to_contain_text("C50.")


def test_at_desktop_width_focusing_the_search_field_does_not_scroll_the_page(web, live_server):
    sign_in(web, live_server)
    page = web.visit(STEP)
    page.get_by_label("Search for condition").focus()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.scrollY") == 0
