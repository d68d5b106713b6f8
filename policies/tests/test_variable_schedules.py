"""Worked examples: a schedule of hours per weekday, and the 12-month average of a variable schedule.

29 CFR 825.205(b)(3): when an employee's schedule varies from week to week so that the workweek cannot be
determined, the weekly figure is the average of the hours scheduled over the 12 months before the leave. The
roster may give hours on each weekday (a day of 0 is not scheduled); the week is their sum, and a day of leave
charges that weekday's hours. When the roster also gives the 12-month average, the entitlement is counted in
weeks of it.
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest

from policies.engine import Ledger, Schedule
from policies.tests.examples import catalogue_rules, continuous, intermittent

H = Decimal
# Four ten-hour days, Monday to Thursday: 40 h a week.
FOUR_TENS = Schedule.by_weekday([H(10), H(10), H(10), H(10), H(0), H(0), H(0)])
# 8 h Monday to Wednesday, 4 h on Friday: 28 h a week.
UNEVEN = Schedule.by_weekday([H(8), H(8), H(8), H(0), H(4), H(0), H(0)])


def ledger_for(schedule: Schedule, *cases) -> Ledger:
    return Ledger(schedule, [c for c, _ in cases], [cov for _, covs in cases for cov in covs], catalogue_rules())


def test_825_205_b_3_the_scheduled_week_is_the_sum_of_its_weekdays() -> None:
    assert (FOUR_TENS.weekly_hours, UNEVEN.weekly_hours) == (40, 28)
    assert UNEVEN.work_days == frozenset({0, 1, 2, 4})
    assert (UNEVEN.hours_on(D(2026, 3, 6)), UNEVEN.hours_on(D(2026, 3, 5))) == (4, 0)  # Friday, Thursday


def test_825_205_b_3_hours_per_weekday_need_seven_figures() -> None:
    with pytest.raises(ValueError, match="seven figures"):
        Schedule.by_weekday([H(8)] * 5)


def test_825_205_b_3_a_full_week_of_leave_charges_each_weekdays_hours() -> None:
    balance = ledger_for(UNEVEN, continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla")).balance("fmla", D(2026, 3, 31))
    assert (balance.entitlement_hours, balance.used_hours, balance.weeks_used) == (336, 28, 1)
    assert "Entitlement: 12 workweeks × 28 h a week (Mon 8 h, Tue 8 h, Wed 8 h, Fri 4 h) = 336 h." in (
        balance.explanation
    )


def test_825_205_b_3_a_partial_week_charges_only_the_weekdays_taken_at_their_hours() -> None:
    # Wednesday to Friday: Wednesday's 8 h and Friday's 4 h; Thursday is not scheduled.
    balance = ledger_for(UNEVEN, continuous("1", D(2026, 3, 4), D(2026, 3, 6), "fmla")).balance("fmla", D(2026, 3, 31))
    assert balance.used_hours == 12


def test_825_205_b_3_four_ten_hour_days_a_full_week_counts_forty_hours_with_patriots_day() -> None:
    # Patriots' Day (Monday Apr 20, 2026) is in a full week of leave: it counts, at Monday's 10 h (825.200(h)).
    ledger = ledger_for(FOUR_TENS, continuous("1", D(2026, 4, 20), D(2026, 4, 23), "fmla"))
    assert ledger.balance("fmla", D(2026, 4, 30)).used_hours == 40


def test_825_205_b_3_the_12_month_average_counts_the_entitlement_when_the_roster_gives_it() -> None:
    averaged = Schedule.by_weekday(UNEVEN.weekday_hours, average_weekly_hours=H("31.5"))
    ledger = ledger_for(averaged, continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla"))
    balance = ledger.balance("fmla", D(2026, 3, 31))
    assert (balance.entitlement_hours, balance.used_hours, balance.remaining_hours) == (378, 28, 350)
    assert (
        "Entitlement: 12 workweeks × 31.5 h a week, the average of hours scheduled over the last 12 months "
        "[29 CFR 825.205(b)(3)] (scheduled now: Mon 8 h, Tue 8 h, Wed 8 h, Fri 4 h, 28 h a week) = 378 h."
    ) in balance.explanation


def test_825_205_b_3_without_an_average_the_scheduled_week_counts_the_entitlement() -> None:
    balance = ledger_for(UNEVEN, intermittent("1", D(2026, 3, 2), D(2026, 3, 31), {D(2026, 3, 3): 240}, "fmla"))
    assert balance.balance("fmla", D(2026, 3, 31)).entitlement_hours == 12 * 28


def test_c175m_2_the_average_also_counts_the_pfml_weeks_and_the_combined_cap() -> None:
    averaged = Schedule(H(8), frozenset(range(5)), average_weekly_hours=H(30))
    ledger = ledger_for(averaged, continuous("1", D(2026, 3, 1), D(2026, 3, 7), "pfml-medical"))
    balance = ledger.balance("pfml-medical", D(2026, 3, 31))
    assert (balance.entitlement_hours, balance.used_hours) == (600, 40)  # 20 x 30; the week's 5 x 8 h taken
    assert "Combined cap: 40 of 780 h (26 workweeks) used by all policies sharing it." in balance.explanation
