"""'Who is this absence for?' in Chromium: the relationship prompt appears once "Other" is chosen."""

import pytest
from playwright.sync_api import expect

from intake.models import Draft
from intake.tests.people import supervisor_and_employee

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHO = "/request/unplanned/"


def fits(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    return width <= page.viewport_size["width"]


def press_next(checked):
    with checked.page.expect_navigation():
        checked.page.get_by_role("button", name="Next", exact=True).click()
    checked.check()


@pytest.mark.parametrize("checked_page", ["web", "phone"])
def test_the_relationship_box_appears_only_once_other_is_chosen(checked_page, request):
    checked = request.getfixturevalue(checked_page)
    _, maria = supervisor_and_employee()
    checked.sign_in(maria)
    page = checked.visit(WHO)
    relationship = page.get_by_role("textbox", name="Relationship")
    expect(relationship).to_be_hidden()

    page.get_by_text("Other", exact=True).click()
    expect(relationship).to_be_visible()
    expect(page.get_by_role("radio", name="Other")).to_be_focused()
    page.keyboard.press("Tab")
    expect(relationship).to_be_focused()
    checked.check()
    assert fits(page)

    page.get_by_text("My Spouse", exact=True).click()
    expect(relationship).to_be_hidden()

    page.get_by_text("Other", exact=True).click()
    press_next(checked)
    expect(page.get_by_text("Enter the relationship.")).to_be_visible()
    expect(relationship).to_be_visible()

    relationship.fill("Grandmother")
    press_next(checked)
    expect(page.get_by_label("What is the date of the absence being reported?")).to_be_visible()
    assert Draft.objects.get().answers["who"] == {"absence_for": "other", "relationship": "Grandmother"}


def test_without_javascript_the_relationship_box_is_always_shown(no_js):
    _, maria = supervisor_and_employee()
    no_js.sign_in(maria)
    page = no_js.visit(WHO)
    relationship = page.get_by_role("textbox", name="Relationship")
    expect(relationship).to_be_visible()

    page.get_by_text("Other", exact=True).click()
    relationship.fill("Neighbour I care for")
    press_next(no_js)
    expect(page.get_by_label("What is the date of the absence being reported?")).to_be_visible()
    assert Draft.objects.get().answers["who"]["relationship"] == "Neighbour I care for"
