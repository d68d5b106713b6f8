"""The supervisor's view of one absence (desk.team): the decided dates and hours, not the requested ones."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from cases.models import Case, CaseKind, LeavePattern
from cases.status import CaseStatus
from cases.tests.factories import CaseFactory, LeavePeriodFactory, TimeEntryFactory
from desk.team import DateSpan, merged_spans, team_absence, tidy_hours, with_team_details
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db

REQUESTED = DateSpan(date(2027, 1, 5), date(2027, 2, 13))  # a Tuesday to a Saturday


def leave(employee, pattern=LeavePattern.CONTINUOUS, span=REQUESTED) -> Case:
    case = CaseFactory.create(employee=employee, pattern=pattern)
    LeavePeriodFactory.create(case=case, start_date=span.start, end_date=span.end)
    return case


def decide(case, code, start, end, status=DecisionStatus.APPROVED):
    return PolicyDecisionFactory.create(case=case, policy=policy(code), status=status, start_date=start, end_date=end)


def absence_of(case):
    return team_absence(with_team_details(Case.objects.filter(pk=case.pk)).get())


def test_a_partly_approved_continuous_leave_keeps_the_requested_dates_beside_the_approved_ones(employee):
    case = leave(employee)
    decide(case, "fmla", date(2027, 1, 5), date(2027, 1, 23))
    absence = absence_of(case)
    assert absence.requested == REQUESTED
    assert absence.approved == (DateSpan(date(2027, 1, 5), date(2027, 1, 23)),)
    assert absence.is_partly_approved
    assert absence.shows_requested
    assert absence.status == CaseStatus.APPROVED


def test_the_approved_dates_are_the_union_of_every_approved_policy_whichever_policy_it_was(employee):
    case = leave(employee)
    decide(case, "fmla", date(2027, 1, 5), date(2027, 1, 16))
    decide(case, "pfml-medical", date(2027, 1, 12), date(2027, 1, 22))  # overlaps: one run
    decide(case, "std-1", date(2027, 1, 23), date(2027, 1, 26))  # touches: still one run
    decide(case, "sick-leave-bank", date(2027, 2, 1), date(2027, 2, 5))  # a gap: a second run
    decide(case, "fmla", date(2027, 2, 8), date(2027, 2, 13), status=DecisionStatus.DENIED)  # not approved
    absence = absence_of(case)
    assert absence.approved == (
        DateSpan(date(2027, 1, 5), date(2027, 1, 26)),
        DateSpan(date(2027, 2, 1), date(2027, 2, 5)),
    )
    assert absence.approved_label == "Jan 5 – Jan 26, 2027 and Feb 1 – Feb 5, 2027"


def test_a_fully_approved_leave_says_only_the_approved_dates(employee):
    case = leave(employee)
    decide(case, "fmla", REQUESTED.start, REQUESTED.end)
    absence = absence_of(case)
    assert not absence.is_partly_approved
    assert not absence.shows_requested


def test_a_continuous_leave_counts_the_rosters_hours_on_each_scheduled_workday_of_the_approved_dates(employee):
    case = leave(employee)
    # Tue Jan 5 to Sat Jan 23: 4 + 5 + 5 weekdays, less Martin Luther King Jr. Day (Mon Jan 18), not a workday.
    decide(case, "fmla", date(2027, 1, 5), date(2027, 1, 23))
    absence = absence_of(case)
    assert absence.approved_workdays == 13
    assert absence.hours_per_workday == 8
    assert absence.total_hours == 104
    assert absence.days == ()


def test_a_part_time_schedule_counts_only_its_weekdays_and_its_hours(employee):
    record = employee.roster_record
    record.work_days, record.scheduled_hours_per_day = "Mon Tue Thu", Decimal("7.50")
    record.save()
    case = leave(employee)
    decide(case, "fmla", date(2027, 1, 4), date(2027, 1, 17))  # two whole weeks: six Mondays, Tuesdays, Thursdays
    absence = absence_of(case)
    assert absence.approved_workdays == 6
    assert absence.hours_per_workday == Decimal("7.5")
    assert absence.total_hours == 45


def test_an_intermittent_leave_counts_only_the_time_entries_inside_the_approved_dates(employee):
    case = leave(employee, pattern=LeavePattern.INTERMITTENT)
    TimeEntryFactory.create(case=case, date=date(2027, 1, 6), minutes=480)
    TimeEntryFactory.create(case=case, date=date(2027, 1, 20), minutes=240, full_day=False)
    TimeEntryFactory.create(case=case, date=date(2027, 2, 3), minutes=480)  # after the approved dates
    decide(case, "fmla", date(2027, 1, 5), date(2027, 1, 23))
    absence = absence_of(case)
    assert [day.day for day in absence.days] == [date(2027, 1, 6), date(2027, 1, 20)]
    assert absence.total_hours == 12
    assert absence.approved_workdays == 0


def test_a_leave_waiting_for_its_decision_shows_what_was_asked_for_as_requested(employee):
    case = leave(employee, pattern=LeavePattern.INTERMITTENT)
    TimeEntryFactory.create(case=case, date=date(2027, 1, 6), minutes=240, full_day=False)
    decide(case, "fmla", REQUESTED.start, REQUESTED.end, status=DecisionStatus.PENDING)
    absence = absence_of(case)
    assert absence.awaits_decision
    assert absence.approved == ()
    assert absence.shows_requested
    assert absence.total_hours == 4


def test_a_denied_leave_has_no_approved_dates_and_no_hours(employee):
    case = leave(employee, pattern=LeavePattern.INTERMITTENT)
    TimeEntryFactory.create(case=case, date=date(2027, 1, 6))
    decide(case, "fmla", REQUESTED.start, REQUESTED.end, status=DecisionStatus.DENIED)
    absence = absence_of(case)
    assert absence.status == CaseStatus.DENIED
    assert absence.approved == ()
    assert absence.days == ()
    assert not absence.awaits_decision


def test_an_unplanned_absence_keeps_its_day_and_hours_whatever_the_department_decides(employee):
    case = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, pattern="")
    TimeEntryFactory.create(case=case, date=date(2026, 12, 2), minutes=270, full_day=False)
    decide(case, "employee-sick", date(2026, 12, 2), date(2026, 12, 2), status=DecisionStatus.PENDING)
    absence = absence_of(case)
    assert absence.is_unplanned
    assert absence.approved == ()
    assert [(day.day, day.hours) for day in absence.days] == [(date(2026, 12, 2), Decimal("4.5"))]
    assert absence.requested == DateSpan(date(2026, 12, 2), date(2026, 12, 2))
    assert not absence.shows_requested  # its day says it all


def test_hours_read_as_people_write_them():
    assert [str(tidy_hours(Decimal(text))) for text in ("8.00", "40", "10.0", "7.50", "0.25")] == [
        "8",
        "40",
        "10",
        "7.5",
        "0.25",
    ]


def test_spans_read_with_one_year_when_they_share_it():
    assert DateSpan(date(2027, 1, 5), date(2027, 2, 13)).label == "Jan 5 – Feb 13, 2027"
    assert DateSpan(date(2026, 12, 28), date(2027, 1, 8)).label == "Dec 28, 2026 – Jan 8, 2027"
    assert DateSpan(date(2027, 1, 5), date(2027, 1, 5)).label == "Jan 5, 2027"


def test_merging_spans_joins_overlapping_and_touching_runs_only():
    day = date(2027, 3, 1)
    spans = [DateSpan(day, day + timedelta(2)), DateSpan(day + timedelta(3), day + timedelta(4))]
    assert merged_spans(spans) == (DateSpan(day, day + timedelta(4)),)
    apart = [DateSpan(day + timedelta(10), day + timedelta(11)), DateSpan(day, day)]
    assert merged_spans(apart) == (DateSpan(day, day), DateSpan(day + timedelta(10), day + timedelta(11)))
