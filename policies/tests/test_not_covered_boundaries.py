"""Worked examples: both sides of the entitlement's edge, to the hour.

29 CFR 825.200(a): 12 workweeks (480 h full time); M.G.L. c.175M §2(d): 26 weeks combined (1,040 h). Time approved
up to the edge is covered; the first hour past it is not, is said apart, and is taken from nothing else.
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)

from policies.engine import Ledger
from policies.tests.examples import FULL_TIME, catalogue_rules, continuous, intermittent

ELEVEN_WEEKS_AND_FOUR_DAYS = continuous("1", D(2026, 1, 4), D(2026, 3, 26), "fmla")  # 472 h, Sun Jan 4 to Thu Mar 26
TWENTY_WEEKS_MEDICAL = continuous("1", D(2026, 1, 4), D(2026, 5, 23), "pfml-medical")  # 800 h
SIX_WEEKS_FAMILY = continuous("2", D(2026, 5, 24), D(2026, 7, 4), "pfml-family")  # 240 h: the cap reached


def ledger_for(*cases) -> Ledger:
    return Ledger(FULL_TIME, [c for c, _ in cases], [cov for _, covs in cases for cov in covs], catalogue_rules())


def test_825_200_a_an_entry_that_reaches_the_480th_hour_is_covered_whole() -> None:
    last_day = intermittent("2", D(2026, 3, 27), D(2026, 4, 30), {D(2026, 3, 27): 480}, "fmla")
    balance = ledger_for(ELEVEN_WEEKS_AND_FOUR_DAYS, last_day).balance("fmla", D(2026, 4, 30))
    assert (balance.used_hours, balance.not_covered_hours) == (480, 0)
    assert balance.summary == "FMLA: all 480 hours used as of Apr 30, 2026"


def test_825_200_a_one_hour_past_the_480th_is_not_covered_and_said_so() -> None:
    last_day = intermittent("2", D(2026, 3, 27), D(2026, 4, 30), {D(2026, 3, 27): 480, D(2026, 3, 30): 60}, "fmla")
    balance = ledger_for(ELEVEN_WEEKS_AND_FOUR_DAYS, last_day).balance("fmla", D(2026, 4, 30))
    assert (balance.used_hours, balance.not_covered_hours, balance.remaining_hours) == (480, 1, 0)
    assert "1 hour requested beyond the FMLA entitlement is not covered by FMLA (Mar 30, 2026)." in balance.explanation


def test_825_200_a_forty_hours_past_it_read_as_quoted() -> None:
    balance = ledger_for(continuous("1", D(2026, 1, 4), D(2026, 4, 4), "fmla")).balance("fmla", D(2026, 4, 30))
    assert balance.not_covered_hours == 40
    assert any(line.startswith("40 hours requested beyond the FMLA entitlement") for line in balance.explanation)


def test_c175m_2_d_family_leave_that_reaches_the_26_week_cap_is_covered_whole() -> None:
    family = ledger_for(TWENTY_WEEKS_MEDICAL, SIX_WEEKS_FAMILY).balance("pfml-family", D(2026, 7, 31))
    assert (family.used_hours, family.not_covered_hours, family.remaining_hours) == (240, 0, 0)


def test_c175m_2_d_one_hour_past_the_cap_is_not_covered_and_names_the_cap() -> None:
    hour = intermittent("3", D(2026, 7, 6), D(2026, 7, 31), {D(2026, 7, 6): 60}, "pfml-family")
    family = ledger_for(TWENTY_WEEKS_MEDICAL, SIX_WEEKS_FAMILY, hour).balance("pfml-family", D(2026, 7, 31))
    assert (family.used_hours, family.not_covered_hours) == (240, 1)
    assert (
        "1 hour requested beyond the combined cap of 26 workweeks is not covered by MA PFML Family (Jul 6, 2026)."
        in family.explanation
    )


def test_825_200_a_hours_not_covered_by_fmla_are_not_taken_from_the_pfml_cap() -> None:
    # 13 weeks approved under FMLA and PFML medical: FMLA covers 12, PFML all 13 (its own 20 weeks).
    both = continuous("1", D(2026, 1, 4), D(2026, 4, 4), "fmla", "pfml-medical")
    ledger = ledger_for(both)
    fmla, medical = ledger.balance("fmla", D(2026, 4, 30)), ledger.balance("pfml-medical", D(2026, 4, 30))
    assert (fmla.not_covered_hours, medical.used_hours, medical.not_covered_hours) == (40, 520, 0)
    assert "Combined cap: 520 of 1,040 h (26 workweeks) used by all policies sharing it." in medical.explanation
