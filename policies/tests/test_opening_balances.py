"""Worked examples: time used before LeaveDesk, recorded as an opening balance, counts like approved leave.

An administrator records the hours a policy had used in a period before LeaveDesk (employee, policy, period
start, hours, note). The ledger counts them in the period holding that day (29 CFR 825.200(a): 12 workweeks in
the 12-month period, whatever system recorded them), toward the MA PFML 26-week combined cap when the policy
shares it (M.G.L. c.175M §2(d)), and says so in a line. Full time is 8 h Monday to Friday (480 h FMLA).
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

from policies.engine import Ledger, OpeningBalance
from policies.tests.examples import FULL_TIME, catalogue_rules, continuous


def ledger_for(*cases, openings=(), method: str = "rolling_backward") -> Ledger:
    return Ledger(
        FULL_TIME,
        [c for c, _ in cases],
        [cov for _, covs in cases for cov in covs],
        catalogue_rules(method),
        openings=openings,
    )


BEFORE = OpeningBalance("fmla", D(2026, 1, 1), Decimal(32), "paper records, HR")


def test_825_200_a_hours_used_before_leavedesk_count_like_approved_time_with_their_line() -> None:
    ledger = ledger_for(continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla"), openings=[BEFORE])
    balance = ledger.balance("fmla", D(2026, 3, 31))
    assert (balance.used_hours, balance.remaining_hours) == (72, 408)
    assert "32 hours used before LeaveDesk (paper records, HR), counted from Jan 1, 2026." in balance.explanation


def test_825_200_a_an_opening_balance_alone_gives_a_balance() -> None:
    [balance] = ledger_for(openings=[BEFORE]).balances(D(2026, 3, 31))
    assert balance.summary == "FMLA: 32 of 480 hours used as of Mar 31, 2026"


def test_825_200_b_1_an_opening_balance_counts_in_its_calendar_year_not_the_next() -> None:
    ledger = ledger_for(openings=[BEFORE], method="calendar_year")
    assert ledger.balance("fmla", D(2026, 12, 31)).used_hours == 32
    assert ledger.balance("fmla", D(2027, 1, 1)).used_hours == 0


def test_825_200_a_leave_after_an_opening_balance_is_covered_only_up_to_the_entitlement() -> None:
    # 32 h before LeaveDesk and 12 approved weeks (480 h): the last 32 h are not covered.
    ledger = ledger_for(continuous("1", D(2026, 3, 2), D(2026, 5, 22), "fmla"), openings=[BEFORE])
    balance = ledger.balance("fmla", D(2026, 5, 31))
    assert (balance.used_hours, balance.not_covered_hours) == (480, 32)
    assert "32 hours requested beyond the FMLA entitlement are not covered by FMLA (May 19, 2026 – May 22, 2026)." in (
        balance.explanation
    )


def test_c175m_2_d_an_opening_balance_of_medical_leave_counts_toward_the_combined_cap() -> None:
    # 800 h (20 weeks) of medical leave before LeaveDesk: the 26-week cap (1,040 h) leaves family leave 240 h.
    before = OpeningBalance("pfml-medical", D(2026, 1, 4), Decimal(800), "DFML statement")
    ledger = ledger_for(continuous("1", D(2026, 6, 7), D(2026, 7, 25), "pfml-family"), openings=[before])
    family = ledger.balance("pfml-family", D(2026, 7, 31))
    assert (family.used_hours, family.not_covered_hours) == (240, 40)


def test_c175m_2_d_opening_balances_of_two_pfml_policies_on_one_day_both_count_toward_the_cap() -> None:
    openings = [
        OpeningBalance("pfml-medical", D(2026, 1, 4), Decimal(400)),
        OpeningBalance("pfml-family", D(2026, 1, 4), Decimal(400)),
    ]
    medical, family = ledger_for(openings=openings).balances(D(2026, 3, 31))
    assert "Combined cap: 800 of 1,040 h (26 workweeks) used by all policies sharing it." in medical.explanation
    assert family.remaining_hours == 80  # its own 480 less 400, and no more than the cap's 240


def test_an_opening_balance_of_another_policy_does_not_count_toward_fmla() -> None:
    before = OpeningBalance("pfml-medical", D(2026, 1, 4), Decimal(100))
    ledger = ledger_for(continuous("1", D(2026, 3, 2), D(2026, 3, 6), "fmla"), openings=[before])
    assert ledger.balance("fmla", D(2026, 3, 31)).used_hours == 40
