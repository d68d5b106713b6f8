"""The desk's shell and queue in Chromium, axe on every page: the full width at 1280 px, the sort by the keyboard,
a filter, a case opened and the way back to the same view; at 390 px the cases as cards and nothing wider than the
screen; with JavaScript off the same queue and navigation."""

import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import EmployeeFactory
from conftest import _open_page
from desk.tests.factories import HEALTH, tasks_follow_the_cases
from desk.tests.test_loop_in_browser import go
from desk.tests.test_queue_flags import ask_for_document, undecided

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EASTERN = ZoneInfo("America/New_York")


@pytest.fixture
def phone_390(browser, live_server):
    yield from _open_page(browser, live_server, viewport={"width": 390, "height": 844})


@pytest.fixture
def cases(policy_catalogue):
    """Three open cases: Zeller (Health), Adams and Brown (Revenue), submitted in that order."""
    made = {}
    now = datetime.now(tz=EASTERN)
    for days, first, last, agency in (
        (9, "Ann", "Zeller", HEALTH),
        (6, "Bea", "Adams", None),
        (3, "Cy", "Brown", None),
    ):
        record = {"roster_record__first_name": first, "roster_record__last_name": last}
        if agency:
            record["roster_record__agency"] = agency
        employee = EmployeeFactory.create(first_name=first, last_name=last, **record)
        made[last] = undecided(submitted=now - timedelta(days=days), employee=employee)
    ask_for_document(made["Brown"], due=now.date() - timedelta(days=20))  # the most overdue of the three
    tasks_follow_the_cases()
    return made


def row_names(page):
    return [
        re.sub(r"\s*#\d+$", "", text)
        for text in page.locator(".desk-queue tbody td[data-label='Employee']").all_inner_texts()
    ]


def test_at_1280_px_a_specialist_sorts_by_the_keyboard_filters_opens_a_case_and_comes_back(web, specialist, cases):
    web.sign_in(specialist, to_desk=True)
    page = web.visit("/desk/")
    header = page.locator("header.desk-header")
    expect(header).to_contain_text("Signed in as Casey Specialist, Case specialist")
    expect(page.get_by_role("navigation", name="Case desk").get_by_role("link", name="Queue")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("link", name="Request an absence")).to_have_count(0)
    page.screenshot(path=Path("/tmp") / "desk-queue-1280.png", full_page=True)  # noqa: S108 - for a person to look at
    table = page.locator("table.desk-queue")
    assert table.bounding_box()["width"] > 1150  # the full width, not the portal's column
    heights = page.locator(".desk-queue tbody tr").evaluate_all("(rows) => rows.map((r) => r.offsetHeight)")
    cells = page.locator(".desk-queue tbody tr").nth(2).locator("th, td").all_inner_texts()  # which one wraps
    assert heights[2] <= 44, f"a row of short names is {heights[2]} px high: {cells}"  # Bea Adams, one line
    assert max(heights) <= 56, f"rows are {heights} px high"  # a long agency's name takes two lines at most
    assert row_names(page) == ["Cy Brown", "Ann Zeller", "Bea Adams"]  # the next deadline first
    expect(page.locator("th[aria-sort='ascending']")).to_contain_text("Next deadline")

    # The sort links are reached with Tab, and followed with Enter.
    employee_sort = page.locator("a.desk-sort", has_text="Employee")
    for _ in range(60):
        page.keyboard.press("Tab")
        if employee_sort.evaluate("(link) => link === document.activeElement"):
            break
    else:
        pytest.fail("the Employee sort link is not reachable with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    web.check()
    expect(page.locator("th[aria-sort='ascending']")).to_contain_text("Employee")
    assert row_names(page) == ["Bea Adams", "Cy Brown", "Ann Zeller"]

    # A filter (htmx swaps the results and the address), then a case and back.
    page.get_by_label("Agency").select_option("Department of Revenue")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".desk-count")).to_have_text("2 cases")
    web.check()
    left = page.url
    assert "sort=employee" in left
    go(web, page.get_by_role("link", name=cases["Adams"].case_number))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {cases['Adams'].case_number}")
    go(web, page.get_by_role("link", name="Back to the queue"))
    # The same view, its address written with what the filters accepted (the defaults left out).
    assert parse_qs(urlsplit(page.url).query) == {"agency": ["Department of Revenue"], "sort": ["employee"]}
    expect(page.get_by_label("Agency")).to_have_value("Department of Revenue")
    expect(page.get_by_label("Sort by")).to_have_value("employee")
    assert row_names(page) == ["Bea Adams", "Cy Brown"]


def test_at_390_px_the_cases_read_as_cards_and_nothing_is_wider_than_the_screen(phone_390, specialist, cases):
    phone_390.sign_in(specialist, to_desk=True)
    page = phone_390.visit("/desk/")
    page.screenshot(path=Path("/tmp") / "desk-queue-390.png", full_page=True)  # noqa: S108 - for a person to look at
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    nav = page.get_by_role("navigation", name="Case desk")
    expect(nav.get_by_role("link", name="Queue")).to_be_visible()
    expect(page.locator(".desk-queue thead")).to_have_css("position", "absolute")  # headings hidden, labels shown
    card = page.locator(".desk-queue tbody tr").first
    expect(card).to_have_css("display", "block")
    label = card.locator("td[data-label='Employee']").evaluate("(cell) => getComputedStyle(cell, '::before').content")
    assert label == '"Employee"'
    # On a phone the sort is the "Sort by" menu of the filters.
    page.get_by_label("Sort by").select_option("-submitted")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".desk-queue tbody tr").first).to_contain_text(cases["Brown"].case_number)
    phone_390.check()


def test_with_javascript_off_the_queue_sorts_and_filters_by_plain_links_and_forms(no_js, specialist, cases):
    no_js.sign_in(specialist, to_desk=True)
    page = no_js.visit("/desk/")
    go(no_js, page.locator("a.desk-sort", has_text="Agency"))
    expect(page.locator("th[aria-sort='ascending']")).to_contain_text("Agency")
    page.get_by_label("Agency").select_option(HEALTH)
    go(no_js, page.get_by_role("button", name="Apply filters"))
    assert row_names(page) == ["Ann Zeller"]
    assert "sort=agency" in page.url


def test_at_320_px_the_sign_in_page_and_the_queue_fit_the_screen(phone, specialist, cases):
    page = phone.visit("/desk/login/")
    expect(page.locator("header.desk-header")).to_contain_text("Case desk")
    expect(page.locator("header.desk-header")).not_to_contain_text("Signed in")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    phone.sign_in(specialist, to_desk=True)
    page = phone.visit("/desk/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
