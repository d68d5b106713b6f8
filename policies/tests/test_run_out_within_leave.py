"""Worked examples: the run-out date is shown only when it falls inside the requested or approved leave.

Otherwise the explanation says the entitlement covers the leave and what remains after it (29 CFR 825.200(a):
12 workweeks, 480 h full time). A run-out date past the leave would be a date the employee is not on leave.
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)

from policies.engine import CaseTime, Coverage, Ledger, Pattern
from policies.tests.examples import FULL_TIME, catalogue_rules, continuous, intermittent, weekdays

MONDAY = D(2026, 3, 2)  # absent every workday from here, 480 h last through Fri May 22, 2026


def ledger_for(*cases) -> Ledger:
    return Ledger(FULL_TIME, [c for c, _ in cases], [cov for _, covs in cases for cov in covs], catalogue_rules())


def test_825_200_a_eight_weeks_of_leave_are_covered_and_say_what_remains_after_them() -> None:
    balance = ledger_for(continuous("1", MONDAY, D(2026, 4, 24), "fmla")).balance("fmla", MONDAY)
    assert balance.runs_out_on is None
    assert balance.leave_covered == "FMLA covers this leave; 160 hours remain after it."
    assert "FMLA covers this leave; 160 hours remain after it." in balance.explanation
    assert not any("runs out on" in line for line in balance.explanation)


def test_825_200_a_a_leave_ending_on_the_run_out_day_shows_it() -> None:
    balance = ledger_for(continuous("1", MONDAY, D(2026, 5, 22), "fmla")).balance("fmla", MONDAY)
    assert (balance.runs_out_on, balance.leave_covered) == (D(2026, 5, 22), "")


def test_825_200_a_a_leave_ending_the_day_before_the_run_out_day_is_covered_with_8_hours_after_it() -> None:
    balance = ledger_for(continuous("1", MONDAY, D(2026, 5, 21), "fmla")).balance("fmla", MONDAY)
    assert balance.runs_out_on is None
    assert balance.leave_covered == "FMLA covers this leave; 8 hours remain after it."


def test_825_200_a_a_run_out_inside_the_requested_leave_shows_though_the_approval_ends_sooner() -> None:
    # Requested Mar 2 to Jun 30, approved to Apr 24: at this pace the hours run out on May 22, inside the request.
    case = CaseTime("1", Pattern.CONTINUOUS, MONDAY, D(2026, 6, 30))
    ledger = Ledger(FULL_TIME, [case], [Coverage("fmla", "1", MONDAY, D(2026, 4, 24))], catalogue_rules())
    assert ledger.balance("fmla", MONDAY).runs_out_on == D(2026, 5, 22)


def test_825_205_intermittent_time_within_the_span_is_covered_at_its_pace() -> None:
    # 80 h in two weeks (40 h a week): to the span's end on Feb 28, 41 more days at 40/7 h use 234.29 of the 400.
    entries = weekdays(D(2026, 1, 5), D(2026, 1, 16), 480)
    ledger = ledger_for(intermittent("1", D(2026, 1, 5), D(2026, 2, 28), entries, "fmla"))
    balance = ledger.balance("fmla", D(2026, 1, 18))
    assert balance.runs_out_on is None
    assert balance.leave_covered == "FMLA covers this leave; 165.71 hours remain after it."
