"""Worked examples of military caregiver leave (29 CFR 825.127) and qualifying exigency (825.126) in the catalogue,
each named by its rule."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

from policies.catalogue import REASON_POLICIES
from policies.engine import Ledger
from policies.tests.examples import FULL_TIME, catalogue_rules, continuous

RULES = catalogue_rules()


def ledger_for(*cases) -> Ledger:
    return Ledger(FULL_TIME, [c for c, _ in cases], [cov for _, covs in cases for cov in covs], RULES)


def test_825_127_d_military_caregiver_leave_is_26_workweeks_in_a_single_12_month_period() -> None:
    ledger = ledger_for(continuous("1", D(2026, 1, 4), D(2026, 7, 11), "fmla-military-caregiver"))  # 27 weeks
    balance = ledger.balance("fmla-military-caregiver", D(2026, 7, 11))
    assert balance.entitlement_hours == Decimal(1040)
    assert balance.used_hours == Decimal(1040)
    assert balance.hours_beyond == Decimal(40)  # the 27th week is not covered
    assert (balance.period_start, balance.period_end) == (D(2026, 1, 5), D(2027, 1, 4))


def test_825_127_e_other_fmla_leave_in_that_period_shares_the_26_workweeks() -> None:
    """20 weeks of caregiver leave, then 12 weeks for the employee's own illness: only 6 of them are FMLA."""
    ledger = ledger_for(
        continuous("1", D(2026, 1, 4), D(2026, 5, 23), "fmla-military-caregiver"),  # 20 weeks
        continuous("2", D(2026, 6, 1), D(2026, 8, 22), "fmla"),  # 12 weeks
    )
    balance = ledger.balance("fmla", D(2026, 8, 31))
    assert balance.used_hours == Decimal(240)
    assert balance.hours_beyond == Decimal(240)
    assert "past the combined cap" not in " ".join(balance.explanation)
    assert any("beyond the combined cap of 26 workweeks" in line for line in balance.explanation)


def test_825_127_e_within_26_workweeks_together_both_are_covered() -> None:
    ledger = ledger_for(
        continuous("1", D(2026, 1, 4), D(2026, 3, 14), "fmla-military-caregiver"),  # 10 weeks
        continuous("2", D(2026, 6, 1), D(2026, 8, 22), "fmla"),  # 12 weeks
    )
    assert ledger.balance("fmla", D(2026, 8, 31)).used_hours == Decimal(480)
    assert ledger.balance("fmla", D(2026, 8, 31)).hours_beyond == 0


def test_825_126_qualifying_exigency_is_fmla_leave_of_the_12_workweeks_and_pfml_family_leave() -> None:
    assert REASON_POLICIES["qualifying_exigency"] == ["fmla", "pfml-family"]
    assert REASON_POLICIES["military_caregiver"] == ["fmla-military-caregiver", "pfml-family"]
