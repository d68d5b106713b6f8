import pytest

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_home_page_reads_well_at_320_px_and_passes_axe(phone):
    page = phone.visit("/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("link", name="Register").is_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"the page scrolls sideways at 320 px ({width} px wide)"


def test_the_skip_link_is_the_first_stop_for_the_keyboard(web):
    page = web.visit("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main-content"


def test_the_terms_pages_pass_axe_without_javascript(no_js):
    no_js.visit("/terms-and-conditions/")
    no_js.visit("/terms-of-use/")


def test_the_dashboard_passes_axe_at_both_widths(web, phone):
    maria = User.objects.create_user("msantos", password="Str0ng!pass", first_name="Maria")
    for checked in (web, phone):
        checked.sign_in(maria)
        page = checked.visit("/dashboard/")
        assert page.get_by_role("heading", name="Welcome, Maria").is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_without_javascript_no_session_warning_shows_on_a_signed_in_page(no_js):
    maria = User.objects.create_user("msantos", password="Str0ng!pass", first_name="Maria")
    no_js.sign_in(maria)
    page = no_js.visit("/dashboard/")
    assert page.get_by_role("heading", name="Welcome, Maria").is_visible()
    assert not page.get_by_text("Your session is about to end").is_visible()
