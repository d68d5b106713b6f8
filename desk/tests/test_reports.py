"""The reports: cases opened and decided per week by agency, ageing of open cases, deadlines met and missed,
and the approved leave by policy, checked against hand-made cases; the page's scope and query count."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from absence.calendar import specialist_contact_due, verification_call_due
from accounts.tests.factories import EmployeeFactory, UserFactory
from cases.models import Case, LeavePattern
from cases.tests.factories import CaseFactory, LeavePeriodFactory
from desk.charts import NARROW, bar_chart
from desk.models import CallNote, CallPurpose, DocumentRequest
from desk.reports import (
    AgeingBucket,
    Period,
    WeekCount,
    ageing,
    approved_by_policy,
    deadlines_met,
    default_period,
    opened_and_decided,
    weekly_totals,
)
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import HEALTH, REVENUE
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 26)
NOVEMBER = Period(date(2026, 11, 2), date(2026, 11, 29))  # the weeks of Monday Nov 2, 9, 16 and 23


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr("desk.views.reports.timezone.localdate", lambda *a, **k: TODAY)


def at(day, hour=10, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=EASTERN)


def a_case(submitted, agency=REVENUE, pattern=LeavePattern.INTERMITTENT):
    employee = EmployeeFactory.create(roster_record__agency=agency)
    case = CaseFactory.create(pattern=pattern, submitted_at=submitted, employee=employee)
    LeavePeriodFactory.create(case=case, start_date=date(2026, 12, 1), end_date=date(2026, 12, 31))
    return case


def pending(case, code="fmla"):
    return PolicyDecisionFactory.create(
        case=case, policy=policy(code), start_date=date(2026, 12, 1), end_date=date(2026, 12, 31)
    )


def approved(case, decided_at, *, start=date(2026, 12, 1), end=date(2026, 12, 31), code="fmla", by=None):
    return PolicyDecisionFactory.create(
        case=case,
        policy=policy(code),
        status=DecisionStatus.APPROVED,
        start_date=start,
        end_date=end,
        decided_at=decided_at,
        decided_by=by,
    )


def every_case():
    return Case.objects.all()


# Cases opened and decided per week


def test_a_case_counts_as_opened_in_its_submission_week_and_decided_in_the_week_of_its_last_decision():
    tuesday = a_case(at(date(2026, 11, 3)))
    approved(tuesday, at(date(2026, 11, 18)))  # Wednesday of the week of Nov 16
    # Sunday 11:30 pm in Boston is already Monday in UTC: it still belongs to the week of Nov 2.
    sunday_night = a_case(at(date(2026, 11, 8), 23, 30))
    pending(sunday_night)
    health = a_case(at(date(2026, 11, 24)), agency=HEALTH)
    pending(health)

    counts = opened_and_decided(every_case(), NOVEMBER)

    assert counts == [
        WeekCount(date(2026, 11, 2), REVENUE, opened=2, decided=0),
        WeekCount(date(2026, 11, 16), REVENUE, opened=0, decided=1),
        WeekCount(date(2026, 11, 23), HEALTH, opened=1, decided=0),
    ]
    assert [(w.week.day, w.opened, w.decided) for w in weekly_totals(counts, NOVEMBER)] == [
        (2, 2, 0),
        (9, 0, 0),
        (16, 0, 1),
        (23, 1, 0),
    ]


def test_a_case_with_a_policy_still_pending_or_cancelled_is_not_decided():
    half = a_case(at(date(2026, 11, 3)))
    approved(half, at(date(2026, 11, 5)))
    pending(half, "pfml-medical")
    cancelled = a_case(at(date(2026, 11, 3)))
    approved(cancelled, at(date(2026, 11, 5)))
    Case.objects.filter(pk=cancelled.pk).update(cancelled_at=at(date(2026, 11, 6)))

    counts = opened_and_decided(every_case(), NOVEMBER)

    assert counts == [WeekCount(date(2026, 11, 2), REVENUE, opened=2, decided=0)]


def test_cases_opened_or_decided_outside_the_period_are_left_out():
    before = a_case(at(date(2026, 10, 30)))
    approved(before, at(date(2026, 11, 30)))
    assert opened_and_decided(every_case(), NOVEMBER) == []


def test_the_default_period_is_the_last_twelve_weeks_this_one_included():
    period = default_period(TODAY)
    assert (period.start, period.end) == (date(2026, 9, 7), TODAY)
    assert len(period.weeks) == 12
    assert period.weeks[-1] == date(2026, 11, 23)


# Ageing of open cases


def test_open_cases_fall_into_their_age_band_at_its_boundaries():
    for days in (0, 7, 8, 14, 15, 30, 31, 60, 61, 200):
        pending(a_case(at(TODAY - timedelta(days=days), 23, 30)))  # late in the evening: still that day in Boston
    decided = a_case(at(TODAY - timedelta(days=3)))
    approved(decided, at(TODAY))

    buckets = ageing(every_case(), TODAY)

    assert [(b.label, b.cases) for b in buckets] == [
        ("0–7 days", 2),
        ("8–14 days", 2),
        ("15–30 days", 2),
        ("31–60 days", 2),
        ("Over 60 days", 2),
    ]
    assert buckets[-1] == AgeingBucket(61, None, 2)


# Deadlines met and missed


def test_deadlines_count_as_met_missed_or_still_due_by_kind_and_by_who_met_them(specialist):
    dana = UserFactory.create(first_name="Dana", last_name="Caller")
    submitted_on = date(2026, 11, 2)
    case = a_case(at(submitted_on))
    pending(case)
    # The verification call made on its due day: met, for Dana.
    CallNote.objects.create(
        case=case,
        purpose=CallPurpose.VERIFICATION,
        called_at=at(verification_call_due(submitted_on)),
        text="Reached",
        author=dana,
    )
    # No review call and nothing decided: the specialist's contact is overdue, so missed (and no owner).
    assert specialist_contact_due(submitted_on) < TODAY
    # A document asked for by the specialist, due Nov 20 and not sent: missed; one due Nov 27: still due.
    for due in (date(2026, 11, 20), date(2026, 11, 27)):
        DocumentRequest.objects.create(
            case=case,
            document_type="medical_certification",
            due_date=due,
            requested_by=specialist,
            requested_at=at(date(2026, 11, 5)),
        )
    # Another case whose verification call came a day late: missed, for the specialist who called.
    late_on = date(2026, 11, 16)
    late = a_case(at(late_on))
    pending(late)
    CallNote.objects.create(
        case=late,
        purpose=CallPurpose.VERIFICATION,
        called_at=at(verification_call_due(late_on) + timedelta(days=1)),
        text="Reached",
        author=specialist,
    )

    report = deadlines_met(every_case(), NOVEMBER, TODAY)

    by_kind = {t.name: (t.met, t.missed, t.still_due) for t in report.by_kind}
    assert by_kind == {"Verification call": (1, 1, 0), "Specialist contact": (0, 2, 0), "Document due": (0, 1, 1)}
    by_specialist = {t.name: (t.met, t.missed, t.still_due) for t in report.by_specialist}
    assert by_specialist == {
        "Dana Caller": (1, 0, 0),
        "Casey Specialist": (0, 2, 1),
        "No one (not met, and no owner)": (0, 2, 0),
    }
    assert report.by_specialist[-1].name == "No one (not met, and no owner)"


def test_a_decision_meets_the_call_deadlines_for_the_specialist_who_made_it(specialist):
    submitted_on = date(2026, 11, 2)
    case = a_case(at(submitted_on))
    approved(case, at(verification_call_due(submitted_on)), by=specialist)

    report = deadlines_met(every_case(), NOVEMBER, TODAY)

    assert {t.name: (t.met, t.missed) for t in report.by_kind} == {
        "Verification call": (1, 0),
        "Specialist contact": (1, 0),
    }
    assert [(t.name, t.met, t.missed) for t in report.by_specialist] == [("Casey Specialist", 2, 0)]


def test_a_deadline_met_by_a_decision_with_no_specialist_named_says_so():
    submitted_on = date(2026, 11, 2)
    approved(a_case(at(submitted_on)), at(verification_call_due(submitted_on)))

    report = deadlines_met(every_case(), NOVEMBER, TODAY)

    assert [(t.name, t.met, t.missed) for t in report.by_specialist] == [("Met, with no specialist named", 2, 0)]


def test_deadlines_due_outside_the_period_are_left_out():
    pending(a_case(at(date(2026, 10, 1))))
    assert deadlines_met(every_case(), NOVEMBER, TODAY).by_kind == []


# Approved leave by policy


def test_approved_leave_counts_cases_and_the_engines_hours_per_policy_for_decisions_made_in_the_period():
    first, second = a_case(at(date(2026, 11, 2))), a_case(at(date(2026, 11, 3)))
    approved(first, at(date(2026, 11, 10)), start=date(2026, 11, 30), end=date(2026, 12, 4))
    approved(second, at(date(2026, 11, 12)), start=date(2026, 12, 1), end=date(2026, 12, 10))
    approved(second, at(date(2026, 11, 12)), start=date(2026, 12, 1), end=date(2026, 12, 10), code="pfml-medical")
    approved(a_case(at(date(2026, 10, 1))), at(date(2026, 10, 5)))  # decided before the period
    pending(a_case(at(date(2026, 11, 4))))

    rows = {row.policy: (row.cases, row.decisions, row.hours) for row in approved_by_policy(every_case(), NOVEMBER)}

    # Intermittent leaves with no time reported yet: the engine charges nothing (desk/tests/test_reports_engine_hours
    # has the worked hours).
    assert rows == {policy("fmla").name: (2, 2, 0), policy("pfml-medical").name: (1, 1, 0)}


# The charts


def test_a_chart_draws_its_bars_on_one_scale_with_each_figure_in_words():
    chart = bar_chart("c", "Title", "Description", ["opened", "decided"], [("Week 1", [4, 2]), ("Week 2", [0, 1])])
    first, second = chart.groups
    assert first.bars[0].width == 2 * first.bars[1].width
    assert [bar.text for bar in first.bars + second.bars] == ["4 opened", "2 decided", "0 opened", "1 decided"]
    assert second.bars[0].width == 0
    assert chart.height > second.bars[1].y


def test_on_a_phone_each_name_sits_on_a_line_above_its_bars():
    chart = bar_chart("c", "Title", "Description", ["open"], [("0–7 days", [3]), ("8–14 days", [1])], frame=NARROW)
    for group in chart.groups:
        assert group.label_anchor == "start"
        assert group.label_y < group.bars[0].y
        assert group.bars[0].x == 0
    assert chart.groups[1].label_y > chart.groups[0].bars[0].y + chart.bar_height


# The page


def test_the_page_shows_each_report_with_its_chart_and_table(client, specialist):
    sign_in_to_desk(client, specialist)
    pending(a_case(at(TODAY - timedelta(days=2))))
    page = client.get(reverse("desk:reports")).content.decode()
    for heading in ("Cases opened and decided per week", "Ageing of open cases", "Deadlines met and missed"):
        assert heading in page
    assert page.count('role="img"') == 4  # each chart in its wide and its narrow frame
    assert '<title id="ageing-chart-wide-title">Open cases by age</title>' in page
    assert '<title id="ageing-chart-narrow-title">Open cases by age</title>' in page
    assert '<th scope="row">0–7 days</th><td>1</td>' in page
    assert "No leave was approved in this period. Pick other dates to see more." in page


def test_an_hr_professional_sees_only_their_agencies(client, hr_professional):
    sign_in_to_desk(client, hr_professional)
    pending(a_case(at(TODAY - timedelta(days=2)), agency=REVENUE))
    for _ in range(3):
        pending(a_case(at(TODAY - timedelta(days=2)), agency=HEALTH))
    page = client.get(reverse("desk:reports")).content.decode()
    assert '<th scope="row">0–7 days</th><td>1</td>' in page
    assert HEALTH not in page
    # An agency they are not authorized for is not a choice: the filter is refused and the page shows their own.
    page = client.get(reverse("desk:reports"), {"agency": HEALTH}).content.decode()
    assert '<th scope="row">0–7 days</th><td>1</td>' in page


def test_one_agency_can_be_picked(client, specialist):
    sign_in_to_desk(client, specialist)
    pending(a_case(at(TODAY - timedelta(days=2)), agency=REVENUE))
    pending(a_case(at(TODAY - timedelta(days=2)), agency=HEALTH))
    page = client.get(reverse("desk:reports"), {"agency": HEALTH}).content.decode()
    assert '<th scope="row">0–7 days</th><td>1</td>' in page


def test_supervisors_and_employees_are_refused(client, supervisor, employee):
    for user in (supervisor, employee):
        client.force_login(user)
        assert client.get(reverse("desk:reports")).status_code == 403


def test_a_period_ending_before_it_starts_is_refused_in_plain_words(client, specialist):
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:reports"), {"start": "2026-11-20", "end": "2026-11-01"}).content.decode()
    assert "The last day must be on or after the first day. Change one of the dates." in page
    assert "From Sep 7, 2026 to Nov 26, 2026" in page  # the default period meanwhile


def test_the_page_costs_the_same_queries_for_one_case_as_for_a_hundred(client, specialist):
    sign_in_to_desk(client, specialist)

    def one_more(n):
        case = a_case(at(TODAY - timedelta(days=n % 80)), agency=(REVENUE, HEALTH)[n % 2])
        pending(case)
        DocumentRequest.objects.create(
            case=case,
            document_type="medical_certification",
            due_date=TODAY - timedelta(days=n % 20),
            requested_by=specialist,
        )
        CallNote.objects.create(case=case, purpose=CallPurpose.VERIFICATION, text="Reached", author=specialist)
        if n % 3 == 0:
            approved(case, at(TODAY - timedelta(days=n % 30)), code="pfml-medical", by=specialist)

    one_more(0)
    client.get(reverse("desk:reports"))  # the first request after signing in also renews the session
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("desk:reports")).status_code == 200
    # Counted now: the next request resets the connection's log, and a context read later would count none.
    for_one = len(one)
    assert for_one > 0
    for n in range(1, 100):
        one_more(n)
    client.get(reverse("desk:reports"))  # new people on the roster: the agencies are read again, once
    with CaptureQueriesContext(connection) as hundred:
        assert client.get(reverse("desk:reports")).status_code == 200
    assert len(hundred) == for_one, f"{for_one} queries for 1 case, {len(hundred)} for 100"
