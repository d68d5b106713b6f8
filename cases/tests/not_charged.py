"""Approved time not charged as asked, for the tests of the pages that explain it (the employee's case page and
the desk's case view): each builder makes Maria's case and returns it with what the line must say, the rule's
source apart (the desk shows it, the employee does not). Dates are counted back from today, as the pages read
the balances today; Maria works 8 h Monday to Friday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from absence.calendar import OFFICE_CALENDAR
from accounts.models import User
from cases.models import Case, CaseReason, LeavePattern
from cases.tests.factories import PartialDayFactory, TimeEntryFactory
from policies.tests.factories import approve, leave_case


@dataclass(frozen=True)
class NotCharged:
    case: Case
    text: str  # the line, with SOURCE where the desk's line gives the rule's source
    source: str = ""  # " [29 CFR …]"

    @property
    def line(self) -> str:
        """In the employee's words."""
        return self.text.replace(SOURCE, "")

    @property
    def desk_line(self) -> str:
        return self.text.replace(SOURCE, self.source)


SOURCE = "<source>"


def day_text(day: date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def _workday(day: date) -> date:
    """The day, or the next weekday that is not a Massachusetts holiday."""
    while day.weekday() >= 5 or day in OFFICE_CALENDAR.holidays:
        day += timedelta(days=1)
    return day


def bonding_past_12_months(employee: User) -> NotCharged:
    """A bonding leave whose last week falls after the 12 months from the birth: that week's 40 h are not
    charged (29 CFR 825.120(a)(2)). The 12 months end on a Sunday six weeks back."""
    today = timezone.localdate()
    last_day = today - timedelta(days=today.weekday() + 1 + 7 * 6)
    while (last_day + timedelta(days=1)).month == 2 and last_day.day == 28:  # no Feb 29 birthday
        last_day -= timedelta(days=7)
    monday = last_day + timedelta(days=1)
    birth = monday.replace(year=monday.year - 1)
    start, end = monday - timedelta(days=14), monday + timedelta(days=4)
    case = leave_case(employee, start, end, reason=CaseReason.BONDING, child_event_date=birth)
    approve(case, "fmla", start, end)
    line = (
        f"Case {case.case_number}: 40 h on {day_text(monday)} – {day_text(end)} not charged to FMLA: bonding leave "
        f"ends on {day_text(last_day)}, 12 months after the birth or placement on {day_text(birth)}{SOURCE}."
    )
    return NotCharged(case, line, " [29 CFR 825.120(a)(2); M.G.L. c.175M §2(a)]")


def entry_on_a_saturday(employee: User) -> NotCharged:
    """An intermittent leave approved under FMLA with 4 h entered on a Saturday: none charged (825.205(b))."""
    today = timezone.localdate()
    saturday = today - timedelta(days=today.weekday() + 2 + 7 * 2)
    case = leave_case(
        employee, today - timedelta(days=60), today + timedelta(days=30), pattern=LeavePattern.INTERMITTENT
    )
    approve(case, "fmla", today - timedelta(days=60), today + timedelta(days=30))
    PartialDayFactory.create(case=case, date=saturday, minutes=240, doctor_visit=False)
    line = (
        f"Case {case.case_number}: time entry on {day_text(saturday)}, 0 h charged (4 h entered: Saturday is not a "
        f"scheduled workday{SOURCE})."
    )
    return NotCharged(case, line, " [29 CFR 825.205(b)]")


def beyond_the_entitlement(employee: User) -> NotCharged:
    """Twelve whole workweeks of FMLA, then a day approved on a later case: its 8 h are beyond the 480 and not
    covered (29 CFR 825.200(a))."""
    today = timezone.localdate()
    sunday = today - timedelta(days=today.isoweekday() % 7 + 7 * 20)
    saturday = sunday + timedelta(days=83)
    twelve_weeks = leave_case(employee, sunday, saturday)
    approve(twelve_weeks, "fmla", sunday, saturday)
    day = _workday(sunday + timedelta(days=7 * 14 + 1))
    later = TimeEntryFactory.create(case__employee=employee, date=day, minutes=480).case
    approve(later, "fmla", sunday + timedelta(days=7 * 14), sunday + timedelta(days=7 * 16))
    line = f"8 hours requested beyond the FMLA entitlement are not covered by FMLA ({day_text(day)})."
    return NotCharged(later, line)
