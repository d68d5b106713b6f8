"""Issue 6's whole loop in Chromium, walked as a specialist, an employee and a supervisor would; then the audit log."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from absence.calendar import OFFICE_CALENDAR
from audit.models import AuditAction, AuditEvent
from desk.tests.conftest import MARKER, sign_in_to_desk
from desk.tests.factories import make_specialist, make_supervisor_with_report
from intake.submission import submit_draft
from intake.tests.drafts import day, leave_draft
from notices.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FMLA = "Family Medical Leave Act"
FMLA_USED = re.compile(r"FMLA: ([\d,.]+) of ([\d,.]+) hours used")
REMAINING = re.compile(r"([\d,.]+) hours remaining")


def go(checked, locator):
    """Click something that leads to a new page, then scan that page."""
    with checked.page.expect_navigation():
        locator.click()
    checked.check()


def answer(page: Page, question: str, choice: str) -> None:
    page.get_by_role("group", name=re.compile(re.escape(question))).get_by_text(choice, exact=True).click()


def hours(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def desk_cookie(web, user):
    """The desk's own sign-in: a session past the password and the second step."""
    client = sign_in_to_desk(Client(), user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": web.base_url}  # fmt: skip


# --- What each person reads -------------------------------------------------------------------


def portal_fmla_used(page: Page) -> Decimal:
    """The employee's case page: "FMLA: 8 of 480 hours used as of …" → 8."""
    line = page.get_by_role("list", name="Time used").get_by_role("listitem").filter(has_text="FMLA:")
    found = FMLA_USED.search(line.inner_text())
    assert found, line.inner_text()
    assert hours(found[2]) == 480  # 12 weeks of the 40-hour week on the roster
    return hours(found[1])


def desk_fmla_figures(page: Page) -> tuple[Decimal, Decimal]:
    """The desk's case view, FMLA's balance card: (hours used, hours remaining)."""
    card = page.locator(".desk-card", has=page.get_by_role("heading", name=FMLA, exact=True))
    text = card.locator("p").first.inner_text()
    used, remaining = FMLA_USED.search(text), REMAINING.search(text)
    assert used, text
    assert remaining, text
    return hours(used[1]), hours(remaining[1])


def expect_the_employee_to_see(web, number: str, status: str) -> None:
    """The history page's status for the case, and FMLA's bar in the timeline chart and in its table."""
    page = web.visit("/cases/")
    history_row = page.locator(f"[data-case-number='{number}']")
    expect(history_row.locator(".cases-history__status")).to_have_text(f"● {status.upper()}")
    page = web.visit(f"/cases/{number}/timeline/")
    chart = page.get_by_role("img", name=f"Timeline of the policies on case #{number}")  # the frame shown
    expect(chart).to_be_visible()
    bar = chart.locator(".cases-timeline__bar", has_text=FMLA)
    expect(bar).to_have_attribute("data-status", status)
    expect(bar.locator("text.cases-timeline__status")).to_have_text(status.upper())
    row = page.get_by_role("table").get_by_role("row").filter(has_text=FMLA)
    expect(row.get_by_role("cell").first).to_have_text(f"● {status.upper()}")


# --- What each person does --------------------------------------------------------------------


def approve_fmla_from_the_queue(web, number: str) -> tuple[Decimal, Decimal]:
    """The specialist opens the new case from the queue, approves FMLA with its dates; FMLA's figures after."""
    page = web.visit("/desk/")
    queue_row = page.get_by_role("row").filter(has=page.get_by_role("link", name=number))
    expect(queue_row.get_by_text("Verification call")).to_be_visible()
    go(web, queue_row.get_by_role("link", name=number))
    expect(page.get_by_text(MARKER, exact=True)).to_be_visible()  # the specialist sees the reason
    fmla = page.locator("section", has=page.get_by_role("heading", name=FMLA))
    fmla.locator("label", has_text="Approve").click()
    go(web, page.get_by_role("button", name="Save decisions"))
    expect(page.get_by_text(f"Saved: {FMLA}. The employee was sent one summary.")).to_be_visible()
    return desk_fmla_figures(page)


def workday_on_or_before(day: date) -> date:
    while day.weekday() >= 5 or day in OFFICE_CALENDAR.holidays:
        day -= timedelta(days=1)
    return day


def report_four_hours(web, number: str, on: date) -> None:
    """ "Submit new absence time" from the case page: a part day, 9 AM to 1 PM, a doctor visit, a note."""
    page = web.visit(f"/cases/{number}/")
    go(web, page.get_by_role("button", name="Submit new absence time"))
    page.get_by_label("Select the date of the absence being reported").fill(on.strftime("%m/%d/%Y"))
    go(web, page.get_by_role("button", name="Continue", exact=True))
    expect(page.get_by_text(on.strftime("%B %d, %Y"))).to_be_visible()
    answer(page, "Was a full day of work missed", "No")
    go(web, page.get_by_role("button", name="Continue", exact=True))
    page.get_by_label("Start:").fill("09:00 AM")
    page.get_by_label("End:").fill("01:00 PM")
    expect(page.locator("[data-duration]")).to_have_text("04:00")
    go(web, page.get_by_role("button", name="Continue", exact=True))
    answer(page, "for a visit to a doctor's office", "Yes")
    go(web, page.get_by_role("button", name="Continue", exact=True))
    page.get_by_label("If there is any other information").fill(f"Follow-up visit: {MARKER}")
    go(web, page.get_by_role("button", name="Next", exact=True))
    entered = page.get_by_role("list", name="Entered days").get_by_role("listitem")
    expect(entered).to_have_count(1)
    expect(entered).to_contain_text(on.strftime("%b %d").upper())
    expect(entered).to_contain_text("(04:00)")
    go(web, page.get_by_role("button", name="Submit Absence"))
    expect(page.get_by_role("heading", name="Submission Successful")).to_be_visible()


def test_an_fmla_approval_and_four_reported_hours_reach_employee_desk_and_supervisor_but_not_the_why(
    web, policy_catalogue
):
    today = timezone.localdate()
    specialist = make_specialist()
    supervisor, employee = make_supervisor_with_report()
    # Days the employee would have worked (8 h Monday to Friday): a weekend or a holiday charges nothing.
    known_day, reported_day = (
        workday_on_or_before(today - timedelta(days=6)),
        workday_on_or_before(today - timedelta(days=2)),
    )
    # The employee's intermittent leave, submitted as intake's Submit does, with one full day (8 hours) known.
    number = submit_draft(leave_draft(employee, reasons=[MARKER], days=[day(known_day)])).case_number
    specialist_session = desk_cookie(web, specialist)

    # The employee sees the new case pending; the specialist approves FMLA; the employee sees it approved.
    web.sign_in(employee)
    expect_the_employee_to_see(web, number, "pending")
    web.context.add_cookies([specialist_session])
    desk_used_before, desk_remaining_before = approve_fmla_from_the_queue(web, number)
    web.sign_in(employee)
    expect_the_employee_to_see(web, number, "approved")

    # The employee reports 4 hours; the portal case page's FMLA balance, read before and after, rises by 4.
    portal_used_before = portal_fmla_used(web.visit(f"/cases/{number}/"))
    assert portal_used_before == desk_used_before == 8  # the known day, charged once FMLA was approved
    report_four_hours(web, number, reported_day)
    page = web.page
    go(web, page.get_by_role("link", name="Back to claim details"))
    reported = page.get_by_role("table", name="Days of absence on this case").locator("tbody tr")
    expect(reported.filter(has_text="09:00 AM to 01:00 PM (4 hours)")).to_have_count(1)
    portal_used_after = portal_fmla_used(page)

    # The desk marks the case for its new time entry, and its FMLA balance is 4 hours lower too.
    web.context.add_cookies([specialist_session])
    page = web.visit("/desk/")
    queue_row = page.get_by_role("row").filter(has=page.get_by_role("link", name=number))
    expect(queue_row.get_by_text("New time entries")).to_be_visible()
    go(web, queue_row.get_by_role("link", name=number))
    desk_used_after, desk_remaining_after = desk_fmla_figures(page)
    assert portal_used_after - portal_used_before == desk_used_after - desk_used_before == 4
    assert desk_remaining_before - desk_remaining_after == 4
    assert portal_used_after == desk_used_after

    # The supervisor sees the 4 hours on "My team's absences", and nothing about why, nor in the notice.
    web.sign_in(supervisor)
    page = web.visit("/desk/team/")
    expect(page.get_by_role("heading", name="My team's absences")).to_be_visible()
    team_row = page.get_by_role("row").filter(has_text=number)
    when = f"{reported_day:%a %b} {reported_day.day}, {reported_day.year}"
    expect(team_row.get_by_text(f"{when}: 4 hours")).to_be_visible()
    expect(team_row).to_contain_text("12 hours reported")  # the known day's 8 and these 4
    expect(team_row).to_contain_text("APPROVED")
    assert MARKER not in page.content()
    assert "Family Medical" not in page.content()
    notice = Message.objects.get(template="time_reported_supervisor")
    assert notice.recipient == supervisor.email
    assert MARKER not in notice.subject + notice.body

    # The audit log holds the specialist's three views of the reasons and the approval, and nobody else's.
    logged = list(AuditEvent.objects.order_by("at", "id").values_list("actor", "action", "case_number"))
    viewed = (specialist.pk, AuditAction.VIEWED_REASONS, number)
    assert logged == [viewed, (specialist.pk, AuditAction.APPROVED, number), viewed, viewed]
