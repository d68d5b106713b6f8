"""Worked examples: the workweek rule over all of a policy's approved time in a week, whatever case it came from.

29 CFR 825.200(h): when leave takes a whole workweek, the week counts whole, a holiday in it included; in a
partial week a holiday does not count. The week is the employee's, not the case's: a full week split over two
cases is a full week, and overlapping continuous cases never charge a day twice, however their numbers sort.
Full time is 8 h Monday to Friday; Patriots' Day is Monday Apr 20, 2026.
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)

import pytest

from policies.engine import CaseTime, Coverage, Ledger, Pattern, check_approval
from policies.tests.examples import FULL_TIME, catalogue_rules, continuous

MONDAY, WEDNESDAY, THURSDAY, FRIDAY = D(2026, 4, 20), D(2026, 4, 22), D(2026, 4, 23), D(2026, 4, 24)


def ledger_for(*cases) -> Ledger:
    return Ledger(FULL_TIME, [c for c, _ in cases], [cov for _, covs in cases for cov in covs], catalogue_rules())


def used(*cases, policy: str = "fmla") -> object:
    return ledger_for(*cases).balance(policy, D(2026, 4, 30)).used_hours


def test_825_200_h_a_full_week_split_over_two_cases_is_a_full_week_with_its_holiday() -> None:
    split = (continuous("1", MONDAY, WEDNESDAY, "fmla"), continuous("2", THURSDAY, FRIDAY, "fmla"))
    assert used(*split) == 40


def test_825_200_h_one_case_of_the_split_week_alone_is_a_partial_week_without_the_holiday() -> None:
    assert used(continuous("1", MONDAY, WEDNESDAY, "fmla")) == 16


def test_825_200_h_a_week_split_over_two_cases_of_different_policies_is_partial_for_each() -> None:
    # FMLA covers Mon-Wed only: for FMLA the week is partial, Patriots' Day not charged.
    split = (continuous("1", MONDAY, WEDNESDAY, "fmla"), continuous("2", THURSDAY, FRIDAY, "pfml-medical"))
    assert used(*split) == 16


def test_825_200_h_a_full_week_split_over_two_cases_says_so_for_each_case() -> None:
    split = (continuous("1", MONDAY, WEDNESDAY, "fmla"), continuous("2", THURSDAY, FRIDAY, "fmla"))
    lines = ledger_for(*split).balance("fmla", D(2026, 4, 30)).explanation
    assert (
        "Case 1: week of Apr 19, 2026, a full workweek of leave, 24 h (the holiday Patriots' Day counts in a full "
        "week)." in lines
    )
    assert "Case 2: week of Apr 19, 2026, a full workweek of leave, 16 h." in lines


@pytest.mark.parametrize("numbers", [("1", "2"), ("2", "1")])
def test_825_200_h_overlapping_continuous_cases_charge_each_day_once_whatever_their_numbers(numbers) -> None:
    first, second = numbers
    overlapping = (
        continuous(first, D(2026, 3, 2), D(2026, 3, 13), "fmla"),
        continuous(second, D(2026, 3, 9), D(2026, 3, 20), "fmla"),
    )
    ledger = ledger_for(*overlapping)
    assert ledger.balance("fmla", D(2026, 3, 31)).used_hours == 120
    owners = {charge.day: charge.case_number for charge in ledger.charges("fmla")}
    assert owners[D(2026, 3, 10)] == first  # the leave that started first holds the shared days


def test_825_200_h_approving_the_rest_of_a_week_adds_the_holiday_another_case_had_left_uncharged() -> None:
    # Case 1 (Mon-Wed, approved): Patriots' Day is not charged in its partial week, 16 h. Approving case 2 for
    # Thu-Fri makes the week whole: 16 h of its own and the 8 h holiday, 24 h added.
    approved = continuous("1", MONDAY, WEDNESDAY, "fmla")
    deciding = CaseTime("2", Pattern.CONTINUOUS, THURSDAY, FRIDAY)
    ledger = Ledger(FULL_TIME, [approved[0], deciding], approved[1], catalogue_rules())
    result = check_approval(ledger, Coverage("fmla", "2", THURSDAY, FRIDAY))
    assert result is not None
    assert (result.requested_hours, result.hours_beyond) == (24, 0)


def test_std_1_a_per_case_plan_judges_each_cases_weeks_alone() -> None:
    # Each disability has its own maximum: the split week is partial for each case (Patriots' Day not charged).
    split = (continuous("1", MONDAY, WEDNESDAY, "std-1"), continuous("2", THURSDAY, FRIDAY, "std-1"))
    ledger = ledger_for(*split)
    assert sum(charge.hours for charge in ledger.charges("std-1")) == 32
