"""The demo history: every status, built through the real actions, obeying the rules the application enforces."""

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.demo import load_demo_accounts
from accounts.models import User
from cases.balances import balances_for_employee, entry_flags_for_case
from cases.history import claims_history
from cases.models import Case, CaseReason, Document, TimeEntry
from policies.models import PolicyDecision
from portal.demo_history import load_demo_cases
from roster.demo import load_demo_roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_employee():
    load_demo_roster()
    load_demo_accounts()
    return User.objects.get(username="demo.employee")


def test_the_demo_employee_has_a_varied_history(demo_employee):
    load_demo_cases()

    summaries = claims_history(demo_employee)
    assert {summary.status for summary in summaries} == {"pending", "approved", "denied", "cancelled"}
    assert {summary.case.kind for summary in summaries} == {"leave", "unplanned"}
    assert {summary.case.pattern for summary in summaries} >= {"continuous", "intermittent"}
    assert any(summary.is_open_intermittent for summary in summaries)
    assert Document.objects.filter(case__employee=demo_employee).count() == 1


def test_a_cancelled_demo_case_has_only_cancelled_decisions_as_the_desk_would_leave_it(demo_employee):
    load_demo_cases()

    cancelled = Case.objects.filter(cancelled_at__isnull=False)
    assert cancelled.exists()
    assert not PolicyDecision.objects.filter(case__in=cancelled).exclude(status="cancelled").exists()


def test_other_employees_get_cases_for_the_desk(demo_employee):
    load_demo_cases()

    assert Case.objects.exclude(employee=demo_employee).count() == 2


def test_loading_the_demo_twice_changes_nothing(demo_employee):
    first = load_demo_cases()

    assert load_demo_cases() == 0
    assert Case.objects.count() == first
    assert Document.objects.count() == 1


def test_without_the_demo_account_only_the_desk_cases_are_made():
    load_demo_roster()

    assert load_demo_cases() == 2


def test_no_one_in_the_demo_has_approved_fmla_beyond_twelve_workweeks(demo_employee):
    # 29 CFR 825.200(a): 12 workweeks in 12 months. Checked today and on the last day of every approved FMLA leave.
    load_demo_cases()
    today = timezone.localdate()
    approved = PolicyDecision.objects.filter(policy__code="fmla", status="approved").select_related("case__employee")
    days_by_employee: dict[User, set[date]] = {}
    for decision in approved:
        days_by_employee.setdefault(decision.case.employee, {today}).add(decision.end_date)
    assert demo_employee in days_by_employee
    for employee, days in days_by_employee.items():
        for day in days:
            (fmla,) = [b for b in balances_for_employee(employee, as_of=day) if b.policy_code == "fmla"]
            assert fmla.hours_beyond == 0, (employee.username, day, fmla.summary)
            assert not fmla.exhausted, (employee.username, day, fmla.summary)


def test_the_demo_employees_balances_read_like_a_real_history():
    # On the day of the walk-through: the six-week pregnancy leave (6 x 37.5 h) and 19 h of chemotherapy visits
    # (two full days of the scheduled 7.5 h and a 4-hour visit, on weekdays: 29 CFR 825.205(b)).
    load_demo_roster()
    load_demo_accounts()
    demo_employee = User.objects.get(username="demo.employee")
    load_demo_cases(today=date(2026, 11, 26))

    summaries = [balance.summary for balance in balances_for_employee(demo_employee, as_of=date(2026, 11, 26))]

    assert summaries == [
        "FMLA: 244 of 450 hours used as of Nov 26, 2026",
        "MA PFML Medical: 225 of 750 hours used as of Nov 26, 2026",
        "STD 1: 150 of 975 hours used as of Nov 26, 2026",  # after its 14-day elimination period
    ]


def test_every_demo_time_entry_is_charged_as_entered_a_full_day_is_the_scheduled_day():
    # 29 CFR 825.205: on a scheduled workday, never a weekend or a holiday; a full day of 7.5 h on a 7.5-hour day.
    call_command("seed_demo")
    assert TimeEntry.objects.exists()
    for case in Case.objects.filter(time_entries__isnull=False).distinct():
        assert entry_flags_for_case(case) == [], case.case_number
    for entry in TimeEntry.objects.filter(full_day=True).select_related("case__employee__roster_record"):
        record = entry.case.employee.roster_record
        assert record is not None
        assert entry.minutes == record.scheduled_hours_per_day * 60, (entry.case.case_number, entry.minutes)


def test_fmla_for_an_employee_short_of_1250_hours_carries_the_ineligibility_note_and_is_not_approved():
    # 29 CFR 825.110(a)(2), 825.300(b): the note says why; the demo's specialist denies it in those words.
    call_command("seed_demo")
    short = PolicyDecision.objects.filter(
        policy__code="fmla", case__employee__roster_record__hours_worked_last_12_months__lt=1250
    )
    assert short.exists()
    for decision in short:
        assert "of 1,250 hours worked" in decision.eligibility_note
        assert decision.status != "approved"


def test_every_demo_bonding_or_pregnancy_case_has_the_childs_date():
    call_command("seed_demo")
    cases = Case.objects.filter(reason__in=[CaseReason.BONDING, CaseReason.PREGNANCY])
    assert cases.filter(reason=CaseReason.BONDING).exists()
    assert not cases.filter(child_event_date__isnull=True).exists()
