import tempfile
from pathlib import Path

import pytest

from accounts.models import User
from conftest import _open_page

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


# --- At 390 px: the menu, no console errors, one heading typeface ----------------------------------------------

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/register/", "/terms-of-use/"]
SIGNED_IN_PAGES = ["/dashboard/", "/request/", "/cases/", "/accounts/profile/"]


def _watch_console(page):
    """Every console error and uncaught exception the page reports, as text."""
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    return problems


def _looks_name(path):
    return Path(tempfile.gettempdir()) / f"looks-{path.strip('/').replace('/', '-') or 'home'}.png"


@pytest.fixture
def phone_390(browser, live_server):
    yield from _open_page(browser, live_server, viewport={"width": 390, "height": 844})


@pytest.fixture
def phone_390_no_js(browser, live_server):
    yield from _open_page(browser, live_server, viewport={"width": 390, "height": 844}, java_script_enabled=False)


def test_the_main_pages_at_390_px_log_no_console_errors_and_use_one_heading_typeface(phone_390):
    problems = _watch_console(phone_390.page)
    visited = []
    for path in PUBLIC_PAGES:
        page = phone_390.visit(path)
        page.screenshot(path=_looks_name(path))
        visited.append(path)
    phone_390.sign_in(User.objects.create_user("msantos", password="Str0ng!pass", first_name="Maria"))
    for path in SIGNED_IN_PAGES:
        page = phone_390.visit(path)
        page.screenshot(path=_looks_name(path))
        faces = page.evaluate(
            "() => [...new Set([...document.querySelectorAll('h1, h2, h3, h4')]"
            ".map((heading) => getComputedStyle(heading).fontFamily))]"
        )
        assert len(faces) == 1, f"{path} mixes heading typefaces: {faces}"
        visited.append(path)
    assert problems == [], f"console errors on {visited}: {problems}"


def test_at_390_px_the_nav_waits_behind_menu_so_the_question_starts_near_the_top(phone_390):
    phone_390.sign_in(User.objects.create_user("msantos", password="Str0ng!pass", first_name="Maria"))
    page = phone_390.visit("/dashboard/")
    nav = page.get_by_role("navigation", name="Portal")
    assert not nav.is_visible()
    assert page.get_by_role("heading", level=1).bounding_box()["y"] < 200
    page.get_by_role("button", name="Menu").click()
    assert nav.get_by_role("link", name="Request an absence from work").is_visible()
    assert page.locator("main").get_attribute("aria-hidden") == "true"  # USWDS hides the page behind the menu
    page.keyboard.press("Escape")
    assert not nav.is_visible()
    page.get_by_role("button", name="Menu").click()
    nav.get_by_role("link", name="View absence status and history").click()
    phone_390.check()
    assert page.url.endswith("/cases/")


def test_without_javascript_at_390_px_the_nav_is_shown_and_there_is_no_menu_button(phone_390_no_js):
    phone_390_no_js.sign_in(User.objects.create_user("msantos", password="Str0ng!pass", first_name="Maria"))
    page = phone_390_no_js.visit("/dashboard/")
    assert page.get_by_role("navigation", name="Portal").get_by_role("link", name="Edit Profile").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()


def test_at_desktop_width_the_nav_is_the_left_column_without_a_menu_button(web):
    web.sign_in(User.objects.create_user("msantos", password="Str0ng!pass", first_name="Maria"))
    page = web.visit("/dashboard/")
    nav_box = page.get_by_role("navigation", name="Portal").bounding_box()
    main_box = page.get_by_role("main").bounding_box()
    assert nav_box["x"] + nav_box["width"] <= main_box["x"]
    assert abs(nav_box["y"] - main_box["y"]) < 5
    assert not page.get_by_role("button", name="Menu").is_visible()
