"""Demo requests, submitted through the real actions (for `seed_demo`: portal.demo_history and desk.demo).

A demo case is a request an employee could have made: `submit_demo_leave` and `submit_demo_absence` build the
typed request intake would build and hand it to cases.submission (which attaches the policies with their
eligibility notes and records the notices); `report_demo_time` reports days on an open intermittent case through
cases.case_time, on the day they were reported. Demo time falls on days the employee is scheduled to work (not
a day off or a holiday of their work location: 29 CFR 825.205(b)), and a full day is their scheduled day's
hours, never 8 on a 7.5-hour schedule. Decisions are the desk's (desk.actions), made by the callers.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from absence.days import DayEntry
from absence.reasons import CaseReason
from accounts.models import User
from cases.balances import calendar_of, schedule_of
from cases.case_time import record_reported_time
from cases.models import Case, OvertimeShift, PaymentOption
from cases.requests import CaseTimeReport, ContactPreference, LeaveRequest, UnplannedRequest
from cases.submission import submit_leave_request, submit_unplanned_absence, submitted_case
from conditions.vocabulary import Reason
from roster.models import RosterRecord

EASTERN = ZoneInfo("America/New_York")
ONE_DAY = timedelta(days=1)


def demo_key(namespace: uuid.UUID, name: str) -> uuid.UUID:
    """The submission key of a demo case: the same on every run, so a second run finds the case made."""
    return uuid.uuid5(namespace, name)


def already_made(key: uuid.UUID) -> bool:
    return submitted_case(key) is not None


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 15), tzinfo=EASTERN)


def scheduled_day_on_or_before(record: RosterRecord | None, day: date) -> date:
    """The last day on or before `day` the employee is scheduled to work (not a holiday of their location)."""
    schedule, holidays = schedule_of(record), calendar_of(record).holidays
    while not schedule.works_on(day) or day in holidays:
        day -= ONE_DAY
    return day


def full_day(record: RosterRecord | None, day: date, *, doctor_visit: bool = False) -> DayEntry:
    """A full day of absence: the scheduled day's hours, as intake's default gives them."""
    minutes = int(schedule_of(record).hours_on(day) * 60)
    return DayEntry(day=day, full_day=True, minutes=minutes, doctor_visit=doctor_visit)


def morning(day: date, *, doctor_visit: bool = False) -> DayEntry:
    """Four hours off, 8:00 to 12:00."""
    return DayEntry(day=day, full_day=False, minutes=240, start=time(8), end=time(12), doctor_visit=doctor_visit)


def _contact(employee: User, phone: str) -> ContactPreference:
    return ContactPreference(by_email=True, email=employee.email, phone=phone, best_time=10)


def submit_demo_leave(
    key: uuid.UUID,
    employee: User,
    reason: CaseReason,
    *,
    submitted_on: date,
    condition: str,
    start: date | None = None,
    end: date | None = None,
    child_event_date: date | None = None,
    payment_option: str = PaymentOption.EMPLOYER_PAID,
    phone: str = "617-555-0104",
) -> Case:
    """A protected leave: continuous from start to end, else intermittent from the day submitted."""
    request = LeaveRequest(
        submission_key=key,
        employee=employee,
        reason=reason,
        conditions=(Reason(condition),),
        continuous=start is not None,
        payment_option=payment_option,
        work_related=False,
        contact=_contact(employee, phone),
        start=start,
        end=end,
        child_event_date=child_event_date,
    )
    return submit_leave_request(request, now=at(submitted_on))


def submit_demo_absence(
    key: uuid.UUID, employee: User, day: DayEntry, *, condition: str, absence_for: str = "myself"
) -> Case:
    """An unplanned absence of one day, reported that morning, on a shift that is not overtime."""
    request = UnplannedRequest(
        submission_key=key,
        employee=employee,
        absence_for=absence_for,
        relationship="",
        day=day,
        condition=Reason(condition),
        overtime_shift=OvertimeShift.NOT_OT,
    )
    return submit_unplanned_absence(request, now=at(day.day, hour=7))


def report_demo_time(case: Case, day: DayEntry) -> None:
    """Report one day on the open intermittent case at the end of that day, as the employee would."""
    report = CaseTimeReport(
        submission_key=demo_key(case.submission_key, f"time/{day.day}"),
        employee=case.employee,
        case_id=case.pk,
        days=(day,),
    )
    record_reported_time(report, now=at(day.day, hour=17))
