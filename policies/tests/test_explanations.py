"""What the ledger says about its figures: the summary line, the waiting period, and the lines behind each figure."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

from policies.engine import Ledger, Schedule
from policies.tests.examples import FULL_TIME, catalogue_rules, continuous, intermittent


def ledger_for(*cases, method: str = "rolling_backward", schedule: Schedule = FULL_TIME) -> Ledger:
    return Ledger(schedule, [c for c, _ in cases], [cov for _, covs in cases for cov in covs], catalogue_rules(method))


def test_the_employee_reads_hours_used_of_the_entitlement_in_plain_words() -> None:
    ledger = ledger_for(
        continuous("1", D(2026, 2, 1), D(2026, 2, 14), "fmla"),  # two full weeks: 80 h
        continuous("2", D(2026, 2, 16), D(2026, 2, 19), "fmla"),  # Washington's Birthday not charged: 24 h
        intermittent("3", D(2026, 2, 23), D(2026, 6, 30), {D(2026, 2, 24): 390, D(2026, 3, 2): 480}, "fmla"),
    )
    balance = ledger.balance("fmla", D(2026, 3, 3))
    assert balance.summary == "FMLA: 118.5 of 480 hours used as of Mar 3, 2026"
    assert balance.remaining_hours == Decimal("361.5")


def test_each_figure_lists_the_weeks_and_entries_that_made_it() -> None:
    ledger = ledger_for(
        continuous("1", D(2026, 2, 16), D(2026, 2, 19), "fmla"),
        intermittent("3", D(2026, 2, 23), D(2026, 6, 30), {D(2026, 2, 24): 390}, "fmla"),
    )
    lines = ledger.balance("fmla", D(2026, 3, 3)).explanation
    assert "Case 1: week of Feb 15, 2026, part of a workweek (4 scheduled days taken), 24 h " in lines[2]
    assert "the holiday Washington's Birthday on Feb 16, 2026 is not charged" in lines[2]
    assert lines[3] == "Case 3: time entry on Feb 24, 2026, 6.5 h."
    assert "Used: 30.5 h; remaining: 449.5 h." in lines


def test_the_pfml_waiting_week_is_shown_and_counts_toward_the_benefit_year() -> None:
    ledger = ledger_for(continuous("1", D(2026, 3, 4), D(2026, 3, 13), "pfml-medical"))
    lines = ledger.balance("pfml-medical", D(2026, 3, 13)).explanation
    assert (
        "Waiting period: Mar 4, 2026 – Mar 10, 2026, the first 7 calendar days, unpaid; "
        "its 40 h count toward the entitlement."
    ) in lines


def test_c175m_3a_a_second_application_in_the_same_benefit_year_has_its_own_waiting_week() -> None:
    """M.G.L. c.175M §3(a), as DFML applies it: a new waiting week per application; the hours are unchanged."""
    ledger = ledger_for(
        continuous("1", D(2026, 3, 4), D(2026, 3, 13), "pfml-medical"),
        continuous("2", D(2026, 6, 1), D(2026, 6, 12), "pfml-medical"),
    )
    balance = ledger.balance("pfml-medical", D(2026, 6, 12))
    waiting = [line for line in balance.explanation if line.startswith("Waiting period")]
    assert waiting == [
        "Waiting period: Mar 4, 2026 – Mar 10, 2026, the first 7 calendar days, unpaid; "
        "its 40 h count toward the entitlement.",
        "Waiting period: Jun 1, 2026 – Jun 7, 2026, the first 7 calendar days, unpaid; "
        "its 40 h count toward the entitlement.",
    ]
    assert balance.used_hours == Decimal(144)  # 8 + 10 days of 8 h: the waiting weeks change no hours


def test_c175m_3a_leave_that_follows_straight_on_from_another_has_no_second_waiting_week() -> None:
    """Medical leave into family leave with no gap: one waiting week (mass.gov PFML FAQ)."""
    ledger = ledger_for(
        continuous("1", D(2026, 3, 4), D(2026, 3, 13), "pfml-medical"),
        continuous("2", D(2026, 3, 14), D(2026, 3, 27), "pfml-family"),
    )
    lines = ledger.balance("pfml-family", D(2026, 3, 27)).explanation
    assert [line[:46] for line in lines if line.startswith("Waiting period")] == [
        "Waiting period: Mar 4, 2026 – Mar 10, 2026, th"
    ]


def test_a_leave_in_the_next_benefit_year_starts_a_new_year_and_a_new_waiting_period() -> None:
    ledger = ledger_for(
        continuous("1", D(2026, 3, 4), D(2026, 3, 13), "pfml-medical"),
        continuous("2", D(2027, 3, 3), D(2027, 3, 12), "pfml-medical"),
    )
    balance = ledger.balance("pfml-medical", D(2027, 3, 12))
    assert (balance.period_start, balance.period_end) == (D(2027, 2, 28), D(2028, 2, 26))
    assert balance.used_hours == Decimal(64)
    assert any(line.startswith("Waiting period: Mar 3, 2027") for line in balance.explanation)


def test_a_department_decided_policy_counts_hours_taken_but_no_entitlement() -> None:
    ledger = ledger_for(intermittent("1", D(2026, 3, 3), D(2026, 3, 3), {D(2026, 3, 3): 480}, "employee-sick"))
    balance = ledger.balance("employee-sick", D(2026, 3, 31))
    assert balance.entitlement_hours is None
    assert balance.remaining_hours is None
    assert balance.summary == "Employee Sick: 8 hours taken as of Mar 31, 2026"


def test_a_spent_entitlement_says_when_it_ran_out() -> None:
    ledger = ledger_for(continuous("1", D(2026, 1, 4), D(2026, 4, 4), "fmla"))
    balance = ledger.balance("fmla", D(2026, 4, 4))
    assert balance.remaining_hours == 0
    assert balance.runs_out_on == D(2026, 3, 27)
    assert "The entitlement ran out on Mar 27, 2026." in balance.explanation


def test_balances_lists_each_approved_policy_once_and_a_per_case_plan_per_case() -> None:
    ledger = ledger_for(
        continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla", "std-1"),
        continuous("2", D(2026, 5, 4), D(2026, 5, 8), "fmla", "std-1"),
    )
    balances = ledger.balances(D(2026, 6, 1))
    assert [(b.short_name, b.case_number, b.used_hours) for b in balances] == [
        ("FMLA", "", Decimal(80)),
        ("STD 1", "1", Decimal(0)),  # the 5 days fall inside the 14-day elimination period
        ("STD 1", "2", Decimal(0)),
    ]


# 29 CFR 825.200(a): an eligible employee's FMLA entitlement is limited to a total of 12 workweeks of leave in a
# 12-month period. Time approved after that is not covered by FMLA: said apart, never as more than the total.
TWELVE_WEEKS = continuous("1", D(2026, 1, 4), D(2026, 3, 28), "fmla")  # Sunday to Saturday: 12 x 40 = 480 h


def test_leave_past_the_twelve_workweeks_reads_as_all_used_and_how_much_is_not_covered() -> None:
    ledger = ledger_for(
        TWELVE_WEEKS,
        intermittent("2", D(2026, 4, 6), D(2026, 6, 30), {D(2026, 4, 7): 480, D(2026, 4, 14): 240}, "fmla"),
    )
    balance = ledger.balance("fmla", D(2026, 4, 30))
    assert balance.used_hours == Decimal(480)
    assert balance.not_covered_hours == Decimal(12)
    assert balance.summary == "FMLA: all 480 hours used as of Apr 30, 2026; 12 hours not covered by FMLA"
    assert balance.remaining_hours == 0
    assert balance.exhausted
    assert balance.hours_beyond == Decimal(12)
    assert balance.runs_out_on == D(2026, 3, 27)  # the twelfth week's last scheduled day, in the past
    assert "Used: 480 h; remaining: 0 h." in balance.explanation
    assert (
        "12 hours requested beyond the FMLA entitlement are not covered by FMLA (Apr 7, 2026 – Apr 14, 2026)."
    ) in balance.explanation
    assert "The entitlement ran out on Mar 27, 2026." in balance.explanation


def test_a_37_5_hour_week_reads_all_450_hours_used_and_20_not_covered() -> None:
    seven_and_a_half = Schedule(Decimal("7.5"), frozenset({0, 1, 2, 3, 4}))  # 12 x 37.5 = 450 h
    chemo = intermittent(
        "2", D(2026, 9, 1), D(2026, 12, 31), {D(2026, 9, 9): 450, D(2026, 10, 7): 300, D(2026, 11, 4): 450}, "fmla"
    )  # 20 h of appointments after the pregnancy leave used the 12 workweeks (a whole day is 7.5 h, 825.205(b))
    balance = ledger_for(TWELVE_WEEKS, chemo, schedule=seven_and_a_half).balance("fmla", D(2026, 11, 26))
    assert balance.summary == "FMLA: all 450 hours used as of Nov 26, 2026; 20 hours not covered by FMLA"
    assert balance.remaining_hours == 0


def test_exactly_twelve_workweeks_reads_all_used_with_nothing_beyond() -> None:
    balance = ledger_for(TWELVE_WEEKS).balance("fmla", D(2026, 3, 31))
    assert balance.summary == "FMLA: all 480 hours used as of Mar 31, 2026"
    assert (balance.remaining_hours, balance.hours_beyond) == (0, 0)
    assert balance.exhausted


def test_one_hour_not_covered_is_one_hour() -> None:
    ledger = ledger_for(TWELVE_WEEKS, intermittent("2", D(2026, 4, 6), D(2026, 4, 30), {D(2026, 4, 7): 60}, "fmla"))
    balance = ledger.balance("fmla", D(2026, 4, 30))
    assert balance.summary.endswith("; 1 hour not covered by FMLA")
    assert "1 hour requested beyond the FMLA entitlement is not covered by FMLA (Apr 7, 2026)." in balance.explanation


def test_a_balance_within_the_entitlement_is_not_exhausted() -> None:
    balance = ledger_for(continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla")).balance("fmla", D(2026, 3, 31))
    assert not balance.exhausted
    assert balance.hours_beyond == 0
    assert balance.summary == "FMLA: 40 of 480 hours used as of Mar 31, 2026"


def test_family_leave_emptied_by_the_26_week_pfml_cap_says_none_remain() -> None:
    # M.G.L. c.175M §2(c): 20 weeks of medical leave and 6 of family leave reach the 26-week combined cap.
    ledger = ledger_for(
        continuous("1", D(2026, 1, 4), D(2026, 5, 23), "pfml-medical"),  # 20 workweeks
        continuous("2", D(2026, 5, 24), D(2026, 7, 4), "pfml-family"),  # 6 workweeks
    )
    balance = ledger.balance("pfml-family", D(2026, 7, 31))
    assert balance.remaining_hours == 0
    assert balance.summary == (
        "MA PFML Family: 240 of 480 hours used as of Jul 31, 2026; none remain under the combined cap"
    )
