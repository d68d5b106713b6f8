"""Worked examples of the MA PFML benefit year and waiting week counted from the first day of leave
(M.G.L. c.175M §1, §3(a); 458 CMR 2.02), each named by its rule."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

from policies.engine import CaseTime, Coverage, Ledger, Pattern, Schedule
from policies.engine.benefit_year import first_day_of_leave
from policies.tests.examples import FULL_TIME, catalogue_rules

RULES = catalogue_rules()
FOUR_TENS = Schedule(Decimal(10), frozenset({0, 1, 2, 3}))  # Mon to Thu, Fridays off


def balance(case: CaseTime, coverage: Coverage, schedule: Schedule = FULL_TIME, day: D = D(2026, 4, 30)):
    return Ledger(schedule, [case], [coverage], RULES).balance(coverage.policy_code, day)


def waiting(lines: tuple[str, ...]) -> list[str]:
    return [line for line in lines if line.startswith("Waiting period")]


def test_458_cmr_2_02_a_saturday_start_opens_the_benefit_year_on_the_sunday_before_it() -> None:
    """Saturday Mar 7, 2026: the Sunday before is Mar 1, though the first workday charged is Monday Mar 9."""
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 3, 7), D(2026, 3, 20))
    result = balance(case, Coverage("pfml-medical", "1", D(2026, 3, 7), D(2026, 3, 20)))
    assert result.period_start == D(2026, 3, 1)
    assert waiting(result.explanation) == [
        "Waiting period: Mar 7, 2026 – Mar 13, 2026, the first 7 calendar days, unpaid; "
        "its 40 h count toward the entitlement."
    ]


def test_458_cmr_2_02_a_sunday_start_opens_the_benefit_year_that_day() -> None:
    """The other side of the boundary: leave beginning on a Sunday starts its benefit year that Sunday."""
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 3, 8), D(2026, 3, 20))
    result = balance(case, Coverage("pfml-medical", "1", D(2026, 3, 8), D(2026, 3, 20)))
    assert result.period_start == D(2026, 3, 8)


def test_458_cmr_2_02_a_friday_off_on_a_4x10_schedule_still_starts_the_benefit_year_and_waiting_week() -> None:
    """Leave from Friday Mar 13 (off for Mon to Thu 10 h): the year from Sunday Mar 8, waiting Mar 13 to 19."""
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 3, 13), D(2026, 3, 26))
    result = balance(case, Coverage("pfml-medical", "1", D(2026, 3, 13), D(2026, 3, 26)), FOUR_TENS)
    assert result.period_start == D(2026, 3, 8)
    assert waiting(result.explanation) == [
        "Waiting period: Mar 13, 2026 – Mar 19, 2026, the first 7 calendar days, unpaid; "
        "its 40 h count toward the entitlement."
    ]
    assert result.used_hours == Decimal(80)  # Mar 16 to 19 and 23 to 26: the Friday start charges nothing itself


def test_c175m_1_leave_began_set_by_a_specialist_starts_the_clock_earlier() -> None:
    """Employer-paid leave from Wednesday Feb 25 started the clock: the benefit year from Sunday Feb 22."""
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 3, 9), D(2026, 3, 20))
    coverage = Coverage("pfml-medical", "1", D(2026, 3, 9), D(2026, 3, 20), leave_began=D(2026, 2, 25))
    result = balance(case, coverage)
    assert result.period_start == D(2026, 2, 22)
    assert waiting(result.explanation)[0].startswith("Waiting period: Feb 25, 2026 – Mar 3, 2026")
    assert result.used_hours == Decimal(80)  # the hours charged are the decision's own days


def test_c175m_1_without_leave_began_the_first_day_of_the_decision_starts_the_clock() -> None:
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 3, 9), D(2026, 3, 20))
    assert first_day_of_leave(case, Coverage("pfml-medical", "1", D(2026, 3, 9), D(2026, 3, 20))) == D(2026, 3, 9)
    result = balance(case, Coverage("pfml-medical", "1", D(2026, 3, 9), D(2026, 3, 20)))
    assert result.period_start == D(2026, 3, 8)
