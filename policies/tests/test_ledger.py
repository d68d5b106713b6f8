"""Worked examples of the entitlement ledger in hours, each named by its rule and source.

Full time is 8 h Monday to Friday (FMLA: 12 x 40 = 480 h); part time is 6 h on Mon Tue Thu (12 x 18 = 216 h).
Workweeks run Sunday to Saturday. Holidays are US-MA: Patriots' Day Apr 20, 2026; Memorial Day May 25, 2026;
New Year's Day Jan 1, 2026; Washington's Birthday Feb 16, 2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from policies.engine import CaseTime, Coverage, Ledger, Pattern, Schedule
from policies.tests.examples import FULL_TIME, PART_TIME, catalogue_rules, continuous, intermittent, weekdays

D = date
NOT_CHECKED = D.min
Cases = list[tuple[CaseTime, list[Coverage]]]


@dataclass(frozen=True)
class Example:
    id: str
    cases: Cases
    policy: str
    as_of: date
    used: str
    remaining: str | None
    schedule: Schedule = FULL_TIME
    method: str = "rolling_backward"
    case_number: str = ""
    runs_out_on: date | None = NOT_CHECKED
    weeks_used: str = ""
    not_covered: str = "0"  # approved hours past the entitlement (29 CFR 825.200(a)): never in `used`


def ledger_for(cases: Cases, schedule: Schedule = FULL_TIME, method: str = "rolling_backward") -> Ledger:
    return Ledger(
        schedule,
        [case for case, _ in cases],
        [coverage for _, coverages in cases for coverage in coverages],
        catalogue_rules(method),
    )


DECEMBER_AND_JANUARY = [
    continuous("1", D(2025, 12, 1), D(2025, 12, 12), "fmla"),
    intermittent("2", D(2026, 1, 5), D(2026, 1, 31), {D(2026, 1, 6): 240}, "fmla"),
]
A_YEAR_APART = [
    intermittent("1", D(2025, 3, 3), D(2026, 3, 31), {D(2025, 3, 3): 480, D(2026, 3, 2): 240}, "fmla"),
]
AROUND_JULY_FIRST = [
    intermittent("1", D(2026, 6, 1), D(2026, 7, 31), {D(2026, 6, 30): 480, D(2026, 7, 1): 240}, "fmla"),
]
FIRST_USE = [  # on workdays: an entry on a day off charges nothing (825.205(b))
    intermittent(
        "1", D(2025, 5, 5), D(2026, 5, 31), {D(2025, 5, 5): 480, D(2026, 5, 4): 240, D(2026, 5, 6): 120}, "fmla"
    ),
]
ACROSS_NEW_YEAR = [continuous("1", D(2025, 12, 29), D(2026, 1, 9), "fmla")]
MEDICAL_THEN_FAMILY = [
    continuous("1", D(2026, 1, 4), D(2026, 5, 23), "pfml-medical"),
    continuous("2", D(2026, 5, 24), D(2026, 6, 20), "pfml-family"),
]
TWELVE_WEEKS_IN_2025 = [continuous("1", D(2025, 3, 3), D(2025, 5, 23), "fmla")]

EXAMPLES = [
    # 29 CFR 825.200(h) and DOL opinion letter FMLA2023-2-A: holidays and the workweek.
    Example("825.200(h): a full workweek of leave counts whole even with Patriots' Day in it",
            [continuous("1", D(2026, 4, 20), D(2026, 4, 24), "fmla")], "fmla", D(2026, 4, 30), "40", "440"),
    Example("825.200(h): in a partial workweek the holiday is not charged",
            [continuous("1", D(2026, 4, 20), D(2026, 4, 22), "fmla")], "fmla", D(2026, 4, 30), "16", "464"),
    Example("825.200(h): a partial workweek charges only the scheduled days taken",
            [continuous("1", D(2026, 3, 3), D(2026, 3, 5), "fmla")], "fmla", D(2026, 3, 31), "24", "456"),
    Example("825.200(h): two full workweeks and three days of a third charge 104 hours",
            [continuous("1", D(2026, 3, 2), D(2026, 3, 18), "fmla")], "fmla", D(2026, 3, 31), "104", "376"),
    Example("825.200(h): two decisions back to back on one leave still make a full week with its holiday",
            [(CaseTime("1", Pattern.CONTINUOUS, D(2026, 4, 20), D(2026, 4, 24)),
              [Coverage("fmla", "1", D(2026, 4, 20), D(2026, 4, 21)),
               Coverage("fmla", "1", D(2026, 4, 22), D(2026, 4, 24))])],
            "fmla", D(2026, 4, 30), "40", "440"),
    # 29 CFR 825.205: intermittent and reduced-schedule leave counts only the time taken.
    Example("825.205(b)(1): 4 hours off in a 40-hour week use 1/10 of a workweek",
            [intermittent("1", D(2026, 3, 2), D(2026, 6, 30), {D(2026, 3, 3): 240}, "fmla")],
            "fmla", D(2026, 3, 31), "4", "476", weeks_used="0.1"),
    Example("825.205: a time entry charges its own minutes, 90 minutes being 1.5 hours",
            [intermittent("1", D(2026, 3, 2), D(2026, 6, 30), {D(2026, 3, 3): 90}, "fmla")],
            "fmla", D(2026, 3, 31), "1.5", "478.5"),
    Example("825.205: a time entry on a day of another case's continuous leave is not charged twice",
            [continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla"),
             intermittent("2", D(2026, 3, 2), D(2026, 3, 31), {D(2026, 3, 4): 240, D(2026, 3, 10): 120}, "fmla")],
            "fmla", D(2026, 3, 31), "42", "438"),
    # A part-time schedule: Mon Tue Thu, 6 h a day.
    Example("825.205(b)(3), part time: 12 workweeks are 216 hours and a full week of leave charges 18",
            [continuous("1", D(2026, 3, 1), D(2026, 3, 7), "fmla")], "fmla", D(2026, 3, 31), "18", "198",
            schedule=PART_TIME, weeks_used="1"),
    Example("825.200(h), part time: leave Tuesday to Friday is a partial week charging Tuesday and Thursday",
            [continuous("1", D(2026, 3, 3), D(2026, 3, 6), "fmla")], "fmla", D(2026, 3, 31), "12", "204",
            schedule=PART_TIME),
    Example("825.205(b)(1), part time: 4 hours off use 4/18 of an 18-hour workweek",
            [intermittent("1", D(2026, 3, 2), D(2026, 6, 30), {D(2026, 3, 3): 240}, "fmla")],
            "fmla", D(2026, 3, 31), "4", "212", schedule=PART_TIME, weeks_used=str(Decimal(4) / 18)),
    # 29 CFR 825.200(b): the four ways to count the 12-month period.
    Example("825.200(b)(1) calendar year: December's leave does not count in January",
            DECEMBER_AND_JANUARY, "fmla", D(2026, 1, 10), "4", "476", method="calendar_year"),
    Example("825.200(b)(4) rolling backward: December's leave still counts in January",
            DECEMBER_AND_JANUARY, "fmla", D(2026, 1, 10), "84", "396"),
    Example("825.200(b)(4) rolling backward: leave on the first day of the 12-month window still counts",
            A_YEAR_APART, "fmla", D(2026, 3, 2), "12", "468"),
    Example("825.200(b)(4) rolling backward: a day later that leave has left the window",
            A_YEAR_APART, "fmla", D(2026, 3, 3), "4", "476"),
    Example("825.200(b)(4) rolling backward: 12 weeks used last spring are all back a year later",
            TWELVE_WEEKS_IN_2025, "fmla", D(2026, 6, 1), "0", "480", runs_out_on=None),
    Example("825.200(b)(4) rolling backward: 12 weeks used run out on their last day",
            TWELVE_WEEKS_IN_2025, "fmla", D(2025, 5, 23), "480", "0", runs_out_on=D(2025, 5, 23)),
    Example("825.200(b)(2) fixed leave year from July 1: June's leave stays in the old year",
            AROUND_JULY_FIRST, "fmla", D(2026, 7, 2), "4", "476", method="fixed_leave_year"),
    Example("825.200(b)(2) fixed leave year from July 1: on June 30 the old year holds its 8 hours",
            AROUND_JULY_FIRST, "fmla", D(2026, 6, 30), "8", "472", method="fixed_leave_year"),
    Example("825.200(b)(3) forward from first use: the period runs 12 months from the first leave",
            FIRST_USE, "fmla", D(2026, 5, 4), "12", "468", method="forward_from_first_use"),
    Example("825.200(b)(3) forward from first use: after the period ends none runs until the next leave",
            FIRST_USE, "fmla", D(2026, 5, 5), "0", "480", method="forward_from_first_use"),
    Example("825.200(b)(3) forward from first use: the next leave opens a new 12 months",
            FIRST_USE, "fmla", D(2026, 5, 6), "2", "478", method="forward_from_first_use"),
    # Leave crossing a period boundary.
    Example("825.200(b)(1), across a boundary: the week of Dec 28 splits, 2025 keeps Dec 29-31",
            ACROSS_NEW_YEAR, "fmla", D(2025, 12, 31), "24", "456", method="calendar_year"),
    Example("825.200(b)(1)+(h), across a boundary: 2026 gets New Year's Day (a full week) and Jan 2, then a week",
            ACROSS_NEW_YEAR, "fmla", D(2026, 1, 9), "56", "424", method="calendar_year"),
    # Concurrent policies.
    Example("825.300(c), concurrent: the same week counts toward MA PFML medical as toward FMLA",
            [continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla", "pfml-medical")],
            "pfml-medical", D(2026, 3, 31), "40", "760"),
    Example("825.300(c), concurrent: the same week counts toward FMLA as toward MA PFML medical",
            [continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla", "pfml-medical")],
            "fmla", D(2026, 3, 31), "40", "440"),
    # MA PFML: M.G.L. c.175M §2 and 458 CMR 2.02.
    Example("c.175M §2(c): 20 weeks of medical leave, then none remains, run out on the 100th workday, "
            "the 21st and 22nd weeks not covered",
            [continuous("1", D(2026, 1, 4), D(2026, 6, 6), "pfml-medical")],
            "pfml-medical", D(2026, 6, 6), "800", "0", runs_out_on=D(2026, 5, 22), not_covered="80"),
    Example("c.175M §2(b): family leave stops at 12 weeks, the 13th week not covered",
            [continuous("1", D(2026, 1, 4), D(2026, 4, 4), "pfml-family")], "pfml-family", D(2026, 4, 4), "480", "0",
            not_covered="40"),
    Example("c.175M §2(d): 26 weeks combined: after 20 weeks of medical leave, family leave has 6 weeks in all",
            MEDICAL_THEN_FAMILY, "pfml-family", D(2026, 6, 20), "160", "80"),
    Example("458 CMR 2.02: a benefit year is one: the waiting period counts toward the 20 weeks",
            [continuous("1", D(2026, 3, 4), D(2026, 3, 13), "pfml-medical")],
            "pfml-medical", D(2026, 3, 13), "64", "736"),
    # Short Term Disability 1 plan rules.
    Example("STD 1 plan: the 14-day elimination period does not count toward the 26 weeks",
            [continuous("1", D(2026, 3, 2), D(2026, 3, 27), "std-1")], "std-1", D(2026, 3, 27), "80", "960",
            case_number="1"),
    # Run-out dates at the current pattern.
    Example("825.200(b)(4), run-out: absent every workday from Mar 2, 480 hours last through Fri May 22",
            [continuous("1", D(2026, 3, 2), D(2026, 6, 30), "fmla")], "fmla", D(2026, 3, 2), "8", "472",
            runs_out_on=D(2026, 5, 22)),
    Example("825.205, run-out: 40 h a week of time entries so far leave 400 hours for 70 more days",
            [intermittent("1", D(2026, 1, 5), D(2026, 12, 31), weekdays(D(2026, 1, 5), D(2026, 1, 16), 480), "fmla")],
            "fmla", D(2026, 1, 18), "80", "400", runs_out_on=D(2026, 3, 29)),
    Example("825.200(b)(1), run-out: a pace that would exhaust FMLA in January does not run out this calendar year",
            [continuous("1", D(2026, 11, 2), D(2027, 3, 31), "fmla")], "fmla", D(2026, 11, 2), "8", "472",
            method="calendar_year", runs_out_on=None),
]  # fmt: skip


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_ledger_worked_example(example: Example) -> None:
    ledger = ledger_for(example.cases, example.schedule, example.method)
    balance = ledger.balance(example.policy, example.as_of, case_number=example.case_number)
    assert balance.used_hours == Decimal(example.used), balance.explanation
    assert balance.remaining_hours == (None if example.remaining is None else Decimal(example.remaining))
    assert balance.not_covered_hours == Decimal(example.not_covered), balance.explanation
    if example.runs_out_on != NOT_CHECKED:
        assert balance.runs_out_on == example.runs_out_on, balance.explanation
    if example.weeks_used:
        assert balance.weeks_used == Decimal(example.weeks_used)
