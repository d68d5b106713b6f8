"""Worked examples: approved time past the entitlement is not covered, and is never charged anywhere.

29 CFR 825.200(a): FMLA is limited to 12 workweeks of leave in the 12-month period; M.G.L. c.175M §2(b)-(d):
MA PFML to 20 weeks medical, 12 family and 26 combined in a benefit year. A specialist may approve past that (an
override with a reason); the ledger then charges the policy only up to its entitlement, and the rest is shown as
not covered: never in the used hours, never as negative remaining hours, never in a later period, never against
the combined cap. Full time is 8 h Monday to Friday (12 x 40 = 480 h FMLA).
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)

from policies.engine import Ledger
from policies.tests.examples import FULL_TIME, catalogue_rules, continuous

TWELVE_WEEKS_FROM_MARCH = continuous("1", D(2026, 3, 2), D(2026, 5, 22), "fmla")  # 480 h, Mar 2 to May 22


def ledger_for(*cases, method: str = "rolling_backward") -> Ledger:
    return Ledger(FULL_TIME, [c for c, _ in cases], [cov for _, covs in cases for cov in covs], catalogue_rules(method))


def test_825_200_a_thirteen_approved_weeks_use_the_twelve_and_leave_one_week_not_covered() -> None:
    balance = ledger_for(continuous("1", D(2026, 3, 2), D(2026, 5, 29), "fmla")).balance("fmla", D(2026, 6, 1))
    assert (balance.used_hours, balance.remaining_hours, balance.not_covered_hours) == (480, 0, 40)
    assert balance.weeks_used == 12
    assert balance.summary == "FMLA: all 480 hours used as of Jun 1, 2026; 40 hours not covered by FMLA"
    assert (
        "40 hours requested beyond the FMLA entitlement are not covered by FMLA (May 25, 2026 – May 29, 2026)."
        in balance.explanation
    )
    assert "The entitlement ran out on May 22, 2026." in balance.explanation


def test_825_200_b_1_the_next_calendar_year_does_not_receive_the_hours_not_covered_in_this_one() -> None:
    # 12 weeks in spring 2026, then a leave from Dec 14, 2026 to Jan 8, 2027 approved beyond the entitlement.
    # Its 2026 part (Dec 14-31: two full weeks and Dec 28-31 of the week with New Year's Day) is not covered;
    # 2027 is a new calendar year: Jan 1 (in a full week, 825.200(h)) and Jan 4-8 are covered, 48 h.
    winter = continuous("2", D(2026, 12, 14), D(2027, 1, 8), "fmla")
    ledger = ledger_for(TWELVE_WEEKS_FROM_MARCH, winter, method="calendar_year")
    december = ledger.balance("fmla", D(2026, 12, 31))
    assert (december.used_hours, december.remaining_hours, december.not_covered_hours) == (480, 0, 112)
    january = ledger.balance("fmla", D(2027, 1, 8))
    assert (january.used_hours, january.remaining_hours, january.not_covered_hours) == (48, 432, 0)
    assert january.summary == "FMLA: 48 of 480 hours used as of Jan 8, 2027"


def test_825_200_b_4_a_rolling_window_counts_only_covered_hours_and_gives_them_back_day_by_day() -> None:
    # Two weeks approved past the 12 are not covered; they never count as used, so when the window rolls on
    # a year later, only the covered days leave it: on Mar 2, 2027, Mar 2, 2026 has left, 472 h remain used.
    beyond = continuous("2", D(2026, 5, 25), D(2026, 6, 5), "fmla")  # Memorial Day in a full week: 80 h
    ledger = ledger_for(TWELVE_WEEKS_FROM_MARCH, beyond)
    june = ledger.balance("fmla", D(2026, 6, 5))
    assert (june.used_hours, june.remaining_hours, june.not_covered_hours) == (480, 0, 80)
    next_march = ledger.balance("fmla", D(2027, 3, 2))
    assert (next_march.used_hours, next_march.remaining_hours, next_march.not_covered_hours) == (472, 8, 80)


def test_825_200_b_4_leave_a_year_on_is_covered_again_as_last_years_days_leave_the_window() -> None:
    # Mon Mar 1, 2027: the 12 months back (from Mar 2, 2026) still hold all 480 h, so it is not covered; from
    # Tue Mar 2 each day of 2026's leave leaving the window gives its 8 h back to the same day of 2027's.
    ledger = ledger_for(TWELVE_WEEKS_FROM_MARCH, continuous("2", D(2027, 3, 1), D(2027, 3, 12), "fmla"))
    balance = ledger.balance("fmla", D(2027, 3, 12))
    assert (balance.used_hours, balance.not_covered_hours) == (480, 8)
    assert "8 hours requested beyond the FMLA entitlement are not covered by FMLA (Mar 1, 2027)." in (
        balance.explanation
    )


def test_c175m_2_d_the_combined_cap_counts_only_the_medical_hours_covered() -> None:
    # 22 weeks approved as medical leave: 20 covered (800 h), 2 not covered (80 h). The 26-week cap (1,040 h)
    # counts the 800 covered, so family leave after it has 240 h: 6 of its 7 weeks, the 7th not covered.
    ledger = ledger_for(
        continuous("1", D(2026, 1, 4), D(2026, 6, 6), "pfml-medical"),
        continuous("2", D(2026, 6, 7), D(2026, 7, 25), "pfml-family"),
    )
    medical = ledger.balance("pfml-medical", D(2026, 7, 31))
    assert (medical.used_hours, medical.not_covered_hours) == (800, 80)
    family = ledger.balance("pfml-family", D(2026, 7, 31))
    assert (family.used_hours, family.remaining_hours, family.not_covered_hours) == (240, 0, 40)
    assert "Combined cap: 1,040 of 1,040 h (26 workweeks) used by all policies sharing it." in family.explanation
    assert family.summary == (
        "MA PFML Family: 240 of 480 hours used as of Jul 31, 2026; none remain under the combined cap; "
        "40 hours not covered by MA PFML Family"
    )
    assert (
        "40 hours requested beyond the combined cap of 26 workweeks are not covered by MA PFML Family "
        "(Jul 20, 2026 – Jul 24, 2026)." in family.explanation
    )


def test_825_300_c_a_week_fmla_no_longer_covers_still_counts_toward_pfml_concurrently() -> None:
    ledger = ledger_for(continuous("1", D(2026, 3, 2), D(2026, 5, 29), "fmla", "pfml-medical"))  # 13 weeks
    fmla, pfml = ledger.balance("fmla", D(2026, 6, 1)), ledger.balance("pfml-medical", D(2026, 6, 1))
    assert (fmla.used_hours, fmla.not_covered_hours) == (480, 40)
    assert (pfml.used_hours, pfml.not_covered_hours, pfml.remaining_hours) == (520, 0, 280)


def test_std_1_plan_weeks_past_the_26_week_maximum_are_not_covered_and_the_elimination_period_is_neither() -> None:
    # 14-day elimination period (Mar 2-15, 80 h, not counted), then 26 weeks (1,040 h) through Sep 11.
    ledger = ledger_for(continuous("1", D(2026, 3, 2), D(2026, 9, 25), "std-1"))
    balance = ledger.balance("std-1", D(2026, 9, 30), case_number="1")
    assert (balance.used_hours, balance.remaining_hours, balance.not_covered_hours) == (1040, 0, 80)
    assert balance.runs_out_on == D(2026, 9, 11)


def test_a_balance_within_the_entitlement_has_nothing_not_covered() -> None:
    balance = ledger_for(continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla")).balance("fmla", D(2026, 3, 31))
    assert balance.not_covered_hours == 0
    assert not any("not covered" in line for line in balance.explanation)
