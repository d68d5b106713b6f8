"""A supervisor learns who is absent, when, for how long and the status — never why.

Checked on every supervisor page and every supervisor notice template, not on one: each is rendered
for a case whose condition, time-entry note, call note, document and denial reason carry a marker.
"""

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Document
from cases.tests.factories import CaseConditionFactory, CaseFactory, TimeEntryFactory
from desk import actions
from desk.models import CallPurpose
from desk.team import DateSpan, TeamAbsence, TeamAbsenceDay, team_absence, with_team_details
from desk.tests.conftest import MARKER
from desk.tests.factories import DESK_LEAVE_END, DESK_LEAVE_START
from notices.models import Message
from notices.sending import render_notice
from policies.models import Policy
from policies.tests.factories import PolicyDecisionFactory

pytestmark = pytest.mark.django_db

NOTICE_FOLDER = Path(settings.BASE_DIR) / "templates" / "notices"
# Every notice template addressed to a supervisor, whoever wrote it (the desk's and intake's).
SUPERVISOR_NOTICES = sorted(path.stem for path in NOTICE_FOLDER.glob("*supervisor*.txt"))
SUPERVISOR_PAGES = ["desk:team"]


@pytest.fixture
def marked_case(team, report_case, specialist):
    """The report's case, with the marker in every place a reason could hide."""
    _supervisor, report = team
    TimeEntryFactory.create(
        case=report_case,
        date=date(2026, 12, 2),
        minutes=240,
        full_day=False,
        doctor_visit=True,
        notes=f"{MARKER} flare-up",
    )
    Document.objects.create(
        case=report_case, document_type="medical_certification", file_name=f"{MARKER}.pdf", stored_name="x/1.pdf",
        content_type="application/pdf", size=10, sha256="0" * 64, uploaded_by=report, uploaded_at=timezone.now(),
    )  # fmt: skip
    actions.record_call_note(
        report_case, purpose=CallPurpose.VERIFICATION, text=MARKER, called_at=timezone.now(), by=specialist
    )
    PolicyDecisionFactory.create(
        case=report_case,
        policy=Policy.objects.get(code="pfml-medical"),
        start_date=DESK_LEAVE_START,
        end_date=DESK_LEAVE_END,
    )
    actions.deny_decision(
        report_case.decisions.get(policy__code="pfml-medical"),
        start_date=date(2026, 11, 30), end_date=date(2027, 5, 28), reason=MARKER, by=specialist,
    )  # fmt: skip
    actions.approve_decision(
        report_case.decisions.get(policy__code="fmla"), start_date=date(2026, 11, 30), end_date=date(2027, 1, 29),
        by=specialist,
    )  # fmt: skip
    return report_case


# What TeamAbsence and its parts may hold: who, when, how long, the status. Nothing else, ever.
ALLOWED_FIELDS = {
    TeamAbsence: {
        "employee_name", "employee_number", "case_number", "kind_label", "pattern_label", "status", "requested",
        "approved", "days", "is_unplanned", "is_continuous", "approved_workdays", "hours_per_workday",
    },
    TeamAbsenceDay: {"day", "hours", "full_day"},
    DateSpan: {"start", "end"},
}  # fmt: skip
WORDS_OF_WHY = ("reason", "condition", "diagnos", "document", "note", "policy", "policies", "denial", "certif", "icd")


@pytest.mark.parametrize("part", list(ALLOWED_FIELDS), ids=lambda part: part.__name__)
def test_the_supervisors_view_has_no_field_for_a_reason_condition_document_note_or_policy(part):
    names = {field.name for field in dataclasses.fields(part)}
    assert names == ALLOWED_FIELDS[part], "a new field on the supervisor's view: is it who, when, how long, status?"
    assert not [name for name in names for word in WORDS_OF_WHY if word in name]


def test_the_supervisors_view_is_built_without_reading_a_decisions_policy_or_reason(marked_case):
    fresh = with_team_details(type(marked_case).objects.filter(pk=marked_case.pk)).get()
    decision = fresh.decisions.all()[0]
    assert decision.get_deferred_fields() >= {"policy_id", "denial_reason", "eligibility_note"}
    with CaptureQueriesContext(connection) as queries:
        absence = team_absence(fresh)
    assert len(queries) == 0  # everything it read was prefetched: no policy, no reason fetched on the side
    assert absence.approved == (DateSpan(date(2026, 11, 30), date(2027, 1, 29)),)


def test_there_are_supervisor_notices_and_pages_to_check():
    assert {"supervisor_absence_status", "supervisor_absence_cancelled"} <= set(SUPERVISOR_NOTICES)


@pytest.mark.parametrize("name", SUPERVISOR_PAGES)
def test_no_supervisor_page_shows_a_reason_condition_document_or_note(client, team, marked_case, name):
    supervisor, _report = team
    client.force_login(supervisor)
    page = client.get(reverse(name)).content.decode()
    assert "Riley Report" in page  # the page does show the absence …
    assert MARKER not in page  # … and nothing about why
    assert "Medical Certification" not in page
    assert "PFML Medical" not in page
    assert "Family Medical" not in page
    assert "FMLA" not in page
    assert "Approved: Nov 30, 2026 – Jan 29, 2027." in page  # the decided dates, not which policy decided them


@pytest.mark.parametrize("template", SUPERVISOR_NOTICES)
def test_no_supervisor_notice_template_shows_a_reason_even_if_handed_the_whole_case(marked_case, template):
    fresh = with_team_details(type(marked_case).objects.filter(pk=marked_case.pk)).get()
    context = {
        "administrator": settings.ADMINISTRATOR,
        "absence": team_absence(fresh),
        # Everything a careless template could reach for:
        "case": fresh,
        "conditions": list(fresh.conditions.all()),
        "decisions": list(fresh.decisions.all()),
        "employee_name": "Riley Report",
        "lines": ["December 02, 2026: 4 hours"],
    }
    subject, body = render_notice(template, context)
    assert "Riley Report" in subject + body
    assert MARKER not in subject + body


def test_every_notice_the_desk_actually_sent_to_the_supervisor_is_free_of_the_reason(team, marked_case, specialist):
    actions.cancel_case(marked_case, reason=f"{MARKER} (why it was cancelled)", by=specialist)
    supervisor, _report = team
    sent = Message.objects.filter(recipient=supervisor.email)  # the address the supervisor chose
    assert sent.count() >= 3  # the denial's and the approval's status changes, and the cancellation
    for message in sent:
        assert MARKER not in message.subject + message.body
        assert "PFML Medical" not in message.body
        assert "Family Medical" not in message.body


def test_a_condition_on_another_case_of_the_report_does_not_leak_through_the_team_page(client, team):
    supervisor, report = team
    case = CaseFactory.create(employee=report, kind="unplanned", pattern="", reason="employee_sick")
    CaseConditionFactory.create(case=case, label=MARKER)
    TimeEntryFactory.create(case=case, date=timezone.localdate(), notes=MARKER)
    client.force_login(supervisor)
    page = client.get(reverse("desk:team")).content.decode()
    assert case.case_number in page
    assert MARKER not in page
    assert "Employee Sick" not in page
