"""The case page arranged for work: the summary, the sections with their counts and the contents linking to them,
the engine's figures on each decision row, the Save at both ends of the form, and every save coming back at
the section it acted on with its message there (post/redirect/get)."""

from datetime import date
from html import unescape

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.urls import reverse
from django.utils import timezone

from cases.events import history
from cases.models import LeavePattern
from cases.tests.factories import CaseFactory, DocumentFactory, LeavePeriodFactory, TimeEntryFactory
from desk import actions
from desk.case_page import CaseSection, PageSection, placed, placed_in
from desk.models import CallPurpose
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import DESK_LEAVE_END, DESK_LEAVE_START
from desk.tests.test_returns import continuous_leave
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, specialist):
    return sign_in_to_desk(client, specialist)


def case_url(case):
    return reverse("desk:case", args=[case.case_number])


def page_of(client, case):
    return unescape(client.get(case_url(case)).content.decode())


def section(page, anchor):
    """The page from the heading with this id to the next section's heading."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start : end if end != -1 else len(page)]


def decision_row(page, decision):
    start = page.index(f'id="decision-{decision.pk}"')
    return page[start : page.index("</section>", start)]


# --- The summary and the contents ---------------------------------------------------------------


def test_the_summary_says_who_what_when_and_how_to_reach_the_employee(desk, team, report_case):
    supervisor, report = team
    report_case.best_time_to_reach = 14
    report_case.save()
    page = page_of(desk, report_case)
    summary = page[page.index('id="case-summary"') : page.index('aria-label="On this page"')]
    record = report.roster_record
    for fact in (
        record.full_name,
        f"#{record.employee_number} · {record.agency}",
        supervisor.roster_record.full_name,
        f"{report_case.get_kind_display()}, intermittent",
        report_case.get_reason_display(),
        "Nov 30, 2026 – May 28, 2027",
        f"By email to {report.email}",
        "617-555-0100",
        "2 PM Eastern",
    ):
        assert fact in summary


def test_each_section_heading_and_its_link_in_the_contents_carry_the_count_of_what_is_in_it(
    desk, specialist, report_case
):
    for day in (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)):
        TimeEntryFactory.create(case=report_case, date=day, minutes=240, full_day=False, doctor_visit=False)
    DocumentFactory.create_batch(2, case=report_case)
    actions.record_call_note(
        report_case, purpose=CallPurpose.VERIFICATION, text="Confirmed the dates.", called_at=timezone.now(),
        by=specialist,
    )  # fmt: skip
    actions.write_internal_note(report_case, text="Prefers afternoons.", by=specialist)
    events = len(list(history(report_case)))
    page = page_of(desk, report_case)
    contents = page[page.index('aria-label="On this page"') :]
    contents = contents[: contents.index("</nav>")]
    expected = {
        "documents": "Documents (2)",
        "certification": "Certification (0)",
        "time-entries": "Time entries (3)",
        "letters": "Letters (0)",
        "calls": "Calls (1)",
        "internal-notes": "Internal notes (1)",
        "history": f"History ({events})",
    }
    for anchor, heading in expected.items():
        assert f'<a href="#{anchor}">{heading}</a>' in contents
        assert f'<h2 id="{anchor}" tabindex="-1">{heading}</h2>' in page
    assert [link.split('"')[0] for link in contents.split('href="#')[1:]] == list(expected)  # in page order
    assert '<h2 id="decisions" tabindex="-1">Policy decisions (1)</h2>' in page


def test_every_section_below_the_decision_form_links_back_to_it(desk, report_case):
    page = page_of(desk, report_case)
    for anchor in ("documents", "certification", "time-entries", "letters", "calls", "internal-notes", "history"):
        assert '<a href="#decisions">Back to the decisions</a>' in section(page, anchor)


def test_the_return_to_work_is_in_the_contents_where_it_is_shown(desk, report_case):
    assert 'href="#return-to-work"' not in page_of(desk, report_case)  # an intermittent leave: no return to plan
    page = page_of(desk, continuous_leave())
    contents = page[page.index('aria-label="On this page"') :]
    contents = contents[: contents.index("</nav>")]
    assert '<a href="#return-to-work">Return to work</a>' in contents
    assert contents.index("#return-to-work") < contents.index("#documents")
    assert '<a href="#decisions">Back to the decisions</a>' in section(page, "return-to-work")


def test_the_decision_form_has_its_save_before_the_first_row_and_after_the_last(desk, report_case):
    page = page_of(desk, report_case)
    first_row = page.index('id="decision-')
    assert page.index("Save all decisions") < first_row < page.index(">Save decisions<")
    assert 'class="usa-skipnav" href="#decisions">Skip to the decision</a>' in page


# --- The engine's figures beside each decision ----------------------------------------------------


def test_each_decision_row_shows_its_policys_hours_used_left_and_when_they_ran_out(desk, report_case):
    # 29 CFR 825.200(a): 12 workweeks (Jun 7 to Aug 29, 2026, 480 h) used on an earlier leave.
    earlier = CaseFactory.create(employee=report_case.employee, pattern=LeavePattern.CONTINUOUS)
    LeavePeriodFactory.create(case=earlier, start_date=date(2026, 6, 7), end_date=date(2026, 8, 29))
    PolicyDecisionFactory.create(
        case=earlier, status="approved", start_date=date(2026, 6, 7), end_date=date(2026, 8, 29)
    )
    fmla = report_case.decisions.get()
    fmla.status, fmla.start_date = "approved", date(2026, 11, 2)
    fmla.save()
    pfml = PolicyDecisionFactory.create(
        case=report_case, policy=policy("pfml-medical"), start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END
    )

    page = page_of(desk, report_case)

    row = decision_row(page, fmla)
    assert "Hours used</dt><dd>480</dd>" in row
    assert "Hours left</dt><dd>0</dd>" in row
    assert "ran out on Aug 28, 2026" in row
    assert "How this was counted" in row
    pending = decision_row(page, pfml)
    assert "Hours used</dt><dd>0</dd>" in pending
    assert "Hours left</dt><dd>800</dd>" in pending
    assert "counted once this is approved" in pending


def test_a_denied_row_keeps_its_reason_for_denial_field(desk, report_case):
    decision = report_case.decisions.get()
    prefix = f"decision-{decision.pk}"
    desk.post(case_url(report_case), {
        "action": "decide", f"{prefix}-outcome": "denied", f"{prefix}-start_date": "2026-11-30",
        f"{prefix}-end_date": "2027-05-28", f"{prefix}-version": decision.version,
        f"{prefix}-denial_reason": "No certification received.",
    })  # fmt: skip
    row = decision_row(page_of(desk, report_case), decision)
    assert "DENIED" in row
    assert f'name="{prefix}-denial_reason"' in row
    assert "Reason for denial:</strong> No certification received." in row
    assert ">\nNo certification received.</textarea>" in row  # the field, with the reason given


# --- Each save comes back at its section ----------------------------------------------------------


def approve(case):
    decision = case.decisions.get()
    prefix = f"decision-{decision.pk}"
    return {"action": "decide", f"{prefix}-outcome": "approved", f"{prefix}-start_date": "2026-11-30",
            f"{prefix}-end_date": "2027-05-28", f"{prefix}-version": decision.version}  # fmt: skip


def keep(case):
    return {**approve(case), f"decision-{case.decisions.get().pk}-outcome": "keep"}


def request_document(case):
    due = timezone.localdate().replace(year=timezone.localdate().year + 1)
    return {"action": "request_document", "document-document_type": "medical_certification",
            "document-due_date": due.isoformat()}  # fmt: skip


def record_call(case):
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    return {"action": "record_call", "call-purpose": "verification", "call-outcome": "reached", "call-called_at": now,
            "call-text": "Verified the dates."}  # fmt: skip


def record_unanswered_call(case):
    return {**record_call(case), "call-outcome": "no_answer", "call-text": "Rang twice."}


def write_internal_note(case):
    return {"action": "internal_note", "internal-text": "Supervisor seems hostile."}


@pytest.mark.parametrize(
    ("posted", "anchor", "message"),
    [
        (approve, "decisions", "Saved: Family Medical Leave Act. The employee was sent one summary."),
        (keep, "decisions", "Nothing changed: no decision was saved and no notice was sent."),
        (request_document, "documents", "The document was requested and the employee notified."),
        # A call that reached the employee is followed by the decision: back at the form, not 4,800 px below it.
        (record_call, "decisions", "The call note was recorded. It is listed under Calls."),
        (record_unanswered_call, "calls", "The call note was recorded."),
        (write_internal_note, "internal-notes", "The internal note was saved. Only the desk sees it."),
    ],
)
def test_a_save_comes_back_at_the_section_it_acted_on_with_its_message_there(
    desk, report_case, posted, anchor, message
):
    response = desk.post(case_url(report_case), posted(report_case))
    assert response.status_code == 302
    assert response["Location"] == f"{case_url(report_case)}#{anchor}"
    page = page_of(desk, report_case)
    assert message in section(page, anchor)
    assert page.count(message) == 1  # not at the top of the page as well


def test_a_return_to_work_save_comes_back_at_the_return_to_work(desk):
    case = continuous_leave()
    response = desk.post(case_url(case), {"action": "fitness_for_duty", "fitness-version": "0",
                                          "fitness-required": "yes"})  # fmt: skip
    assert response["Location"] == f"{case_url(case)}#return-to-work"
    page = page_of(desk, case)
    done = "Saved. The employee was told whether a fitness-for-duty certification is required."
    assert done in section(page, "return-to-work")


def test_a_refused_request_is_shown_again_with_the_error_summary_and_nothing_saved(desk, report_case):
    response = desk.post(case_url(report_case), {**request_document(report_case), "document-due_date": "2020-01-01"})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "Nothing was saved: fix this problem" in page
    assert '<a href="#id_document-due_date">The due date cannot be in the past.</a>' in page
    assert not report_case.document_requests.exists()


# --- The sections and their messages, as plain values ------------------------------------------------


def test_a_section_heading_reads_its_title_and_count():
    assert PageSection(CaseSection.TIME_ENTRIES, "Time entries", 12).heading == "Time entries (12)"


def test_a_placed_message_is_shown_only_in_its_own_section():
    saved = Message(constants.SUCCESS, "Saved.", extra_tags=placed(CaseSection.CALLS))
    top = Message(constants.INFO, "The case was cancelled.")
    assert placed_in([saved, top], "calls") == [saved]
    assert placed_in([saved, top], "documents") == []
