"""The supervisor's notices say the decided dates and hours, in plain text that reads right.

Sent through the desk's real actions (decide, cancel) for an employee named O'Brien: the apostrophe must
arrive as typed, never as an HTML entity, whichever way a template is rendered.
"""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from cases.models import Case, CaseKind, LeavePattern
from cases.tests.factories import CaseFactory, LeavePeriodFactory, TimeEntryFactory
from desk import actions
from desk.team import team_absence, with_team_details
from notices.models import Message
from notices.sending import render_notice
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db

NOTICE_FOLDER = Path(settings.BASE_DIR) / "templates" / "notices"
SUPERVISOR_NOTICES = sorted(path.stem for path in NOTICE_FOLDER.glob("*supervisor*.txt"))


@pytest.fixture
def obrien(employee):
    """Maria, renamed O'Brien on her account and on the roster."""
    employee.last_name = "O'Brien"
    employee.save()
    record = employee.roster_record
    record.last_name = "O'Brien"
    record.save()
    return employee


def leave_with_fmla(employee, pattern=LeavePattern.CONTINUOUS):
    case = CaseFactory.create(employee=employee, pattern=pattern, email=employee.email)
    LeavePeriodFactory.create(case=case, start_date=date(2027, 1, 5), end_date=date(2027, 2, 13))
    PolicyDecisionFactory.create(
        case=case, policy=policy("fmla"), start_date=date(2027, 1, 5), end_date=date(2027, 2, 13)
    )
    return case


def supervisor_notice(supervisor, template):
    return Message.objects.get(recipient=supervisor.email, template=template)


def test_a_partly_approved_leave_tells_the_supervisor_both_dates_and_the_approved_hours(supervisor, obrien, specialist):
    case = leave_with_fmla(obrien)
    actions.approve_decision(case.decisions.get(), start_date=date(2027, 1, 5), end_date=date(2027, 1, 23),
                             by=specialist)  # fmt: skip
    notice = supervisor_notice(supervisor, "supervisor_absence_status")
    assert notice.subject == "Absence update for Maria O'Brien"
    assert notice.body.splitlines()[:4] == [
        f"Maria O'Brien (case {case.case_number}) — status: Approved.",
        "Requested: Jan 5 – Feb 13, 2027.",
        "Approved: Jan 5 – Jan 23, 2027.",
        "Time off approved: 104 hours (13 scheduled workdays of 8 hours each).",
    ]
    assert "The reason for an absence is never shared with supervisors." in notice.body
    assert settings.ADMINISTRATOR["phone"] in notice.body
    assert "&#x27;" not in notice.subject + notice.body
    assert "Family Medical" not in notice.body
    assert "FMLA" not in notice.body


def test_an_approved_intermittent_leave_tells_the_days_inside_the_approved_dates(supervisor, obrien, specialist):
    case = leave_with_fmla(obrien, pattern=LeavePattern.INTERMITTENT)
    TimeEntryFactory.create(case=case, date=date(2027, 1, 6), minutes=240, full_day=False)
    TimeEntryFactory.create(case=case, date=date(2027, 2, 10))
    actions.approve_decision(case.decisions.get(), start_date=date(2027, 1, 5), end_date=date(2027, 1, 23),
                             by=specialist)  # fmt: skip
    body = supervisor_notice(supervisor, "supervisor_absence_status").body
    assert "Approved: Jan 5 – Jan 23, 2027.\nTime reported within the approved dates: 4 hours.\n" in body
    assert "Wed Jan 6, 2027: 4 hours" in body
    assert "Feb 10" not in body


def test_a_cancelled_case_tells_the_supervisor_in_plain_words(supervisor, obrien, specialist):
    case = leave_with_fmla(obrien)
    actions.cancel_case(case, reason="The employee is back at work.", by=specialist)
    notice = supervisor_notice(supervisor, "supervisor_absence_cancelled")
    assert notice.subject == "Absence cancelled for Maria O'Brien"
    assert f"Maria O'Brien's absence (case {case.case_number}) was cancelled." in notice.body
    assert "Requested: Jan 5 – Feb 13, 2027." in notice.body
    assert "back at work" not in notice.body  # the cancel reason is the employee's, not the supervisor's
    assert "&#x27;" not in notice.body


def context_for(case):
    fresh = with_team_details(Case.objects.filter(pk=case.pk)).get()
    return {
        "absence": team_absence(fresh),
        "administrator": settings.ADMINISTRATOR,
        "employee_name": "Maria O'Brien",
        "case": fresh,
        "case_number": fresh.case_number,
        "lines": ["January 06, 2027: 4 hours"],
    }


def rendered(template, context):
    """The notice as it is sent: its subject line (if any), then its body."""
    subject, body = render_notice(template, context)
    return f"{subject}\n{body}" if subject else body


@pytest.mark.parametrize("template", SUPERVISOR_NOTICES)
def test_every_supervisor_notice_keeps_the_apostrophe_even_rendered_as_html_would_be(obrien, template):
    """Notices are plain text: rendered as they are sent (notices.sending.render_notice), nothing is escaped."""
    case = leave_with_fmla(obrien)
    text = rendered(template, context_for(case))
    assert "O'Brien" in text
    assert "&#x27;" not in text
    assert "&amp;" not in text


def test_an_unplanned_absence_notice_keeps_its_day_and_hours(supervisor, obrien):
    case = CaseFactory.create(employee=obrien, kind=CaseKind.UNPLANNED, pattern="")
    TimeEntryFactory.create(case=case, date=date(2026, 11, 30), minutes=300, full_day=False)
    PolicyDecisionFactory.create(case=case, policy=policy("employee-sick"), status=DecisionStatus.PENDING,
                                 start_date=date(2026, 11, 30), end_date=date(2026, 11, 30))  # fmt: skip
    text = rendered("supervisor_absence_summary", context_for(case))
    assert text.splitlines() == [
        f"Maria O'Brien (case {case.case_number}) — status: Pending.",
        "Mon Nov 30, 2026: 5 hours",
    ]
