"""Worked examples of approved time a policy does not charge, each named by its rule: bonding past 12 months,
leave before eligibility was reached, employer closures of a week or more, and spouses' shared weeks."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from datetime import timedelta
from decimal import Decimal

from absence.calendar import Closure
from policies.engine import CaseTime, Coverage, Ledger, Pattern
from policies.engine.spouses import SpouseUse
from policies.tests.examples import FULL_TIME, catalogue_rules

RULES = catalogue_rules()
BIRTH = D(2025, 6, 10)  # bonding ends Jun 9, 2026


def bonding_case(start: D, end: D, reason: str = "bonding") -> CaseTime:
    return CaseTime("1", Pattern.CONTINUOUS, start, end, reason=reason, child_event_date=BIRTH)


def ledger(case: CaseTime, *policies: str, **options) -> Ledger:
    coverages = [Coverage(p, case.case_number, case.start, case.end) for p in policies]
    return Ledger(FULL_TIME, [case], coverages, RULES, **options)


def test_825_120_a_2_bonding_time_after_12_months_is_not_charged_and_the_balance_says_why() -> None:
    balance = ledger(bonding_case(D(2026, 6, 1), D(2026, 6, 19)), "fmla").balance("fmla", D(2026, 6, 30))
    assert balance.used_hours == Decimal(56)  # Jun 1to5 (40 h) and Jun 8to9 (16 h)
    assert (
        "Case 1: 64 h on Jun 10, 2026 – Jun 19, 2026 not charged to FMLA: bonding leave ends on Jun 9, 2026, "
        "12 months after the birth or placement on Jun 10, 2025 [29 CFR 825.120(a)(2); M.G.L. c.175M §2(a)]."
    ) in balance.explanation


def test_825_120_a_2_bonding_time_up_to_the_last_day_is_all_charged() -> None:
    balance = ledger(bonding_case(D(2026, 5, 25), D(2026, 6, 9)), "fmla").balance("fmla", D(2026, 6, 30))
    assert balance.used_hours == Decimal(96)  # May 25 to Jun 5 two full weeks (Memorial Day in one), Jun 8to9
    assert not any("not charged" in line for line in balance.explanation)


def test_c175m_2_pfml_family_bonding_ends_12_months_after_the_birth_too() -> None:
    balance = ledger(bonding_case(D(2026, 6, 1), D(2026, 6, 19)), "pfml-family").balance("pfml-family", D(2026, 6, 30))
    assert balance.used_hours == Decimal(56)


def test_825_120_a_2_the_12_months_apply_to_bonding_only() -> None:
    case = bonding_case(D(2026, 6, 1), D(2026, 6, 19), reason="pregnancy")
    assert ledger(case, "fmla").balance("fmla", D(2026, 6, 30)).used_hours == Decimal(120)


def test_825_110_d_leave_before_the_day_eligibility_is_met_is_not_fmla_and_from_that_day_it_is() -> None:
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 3, 30), D(2026, 4, 24))
    coverage = Coverage("fmla", "1", case.start, case.end, eligible_from=D(2026, 4, 15))
    balance = Ledger(FULL_TIME, [case], [coverage], RULES).balance("fmla", D(2026, 4, 30))
    assert balance.used_hours == Decimal(64)  # Apr 15to17 and 20to24
    assert (
        "Case 1: 96 h on Mar 30, 2026 – Apr 14, 2026 not charged to FMLA: the employee met the eligibility test on "
        "Apr 15, 2026; leave before that day is not FMLA [29 CFR 825.110(d)]."
    ) in balance.explanation


def test_825_110_d_eligibility_met_before_the_leave_charges_all_of_it() -> None:
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 3, 30), D(2026, 4, 24))
    coverage = Coverage("fmla", "1", case.start, case.end, eligible_from=D(2026, 3, 30))
    assert Ledger(FULL_TIME, [case], [coverage], RULES).balance("fmla", D(2026, 4, 30)).used_hours == Decimal(160)


WINTER = Closure(D(2026, 12, 21), D(2027, 1, 1), "Winter shutdown")  # 12 days
THANKSGIVING_WEEK = Closure(D(2026, 11, 23), D(2026, 11, 27), "Thanksgiving week")  # 5 days


def test_825_200_h_a_closure_of_a_week_or_more_is_not_charged_to_fmla() -> None:
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 12, 14), D(2027, 1, 8))
    balance = ledger(case, "fmla", closures=[WINTER]).balance("fmla", D(2027, 1, 8))
    assert balance.used_hours == Decimal(80)  # Dec 14to18 and Jan 4to8; the ten closed workdays are not charged
    assert (
        "Case 1: 80 h on Dec 21, 2026 – Jan 1, 2027 not charged to FMLA: the employer was closed Dec 21, 2026 – "
        "Jan 1, 2027 (Winter shutdown, 12 days), and a closure of a week or more does not count against FMLA "
        "leave [29 CFR 825.200(h)]."
    ) in balance.explanation


def test_825_200_h_a_closure_shorter_than_a_week_is_charged() -> None:
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 11, 16), D(2026, 11, 27))
    balance = ledger(case, "fmla", closures=[THANKSGIVING_WEEK]).balance("fmla", D(2026, 11, 30))
    assert balance.used_hours == Decimal(80)


def test_825_200_h_closures_are_an_fmla_rule_pfml_still_counts_the_days() -> None:
    case = CaseTime("1", Pattern.CONTINUOUS, D(2026, 12, 14), D(2027, 1, 8))
    assert ledger(case, "pfml-medical", closures=[WINTER]).balance("pfml-medical", D(2027, 1, 8)).used_hours == 160


def spouse_weekdays(start: D, weeks: int) -> list[SpouseUse]:
    days = (start + timedelta(days=n) for n in range(weeks * 7))
    return [SpouseUse(day, Decimal("0.2")) for day in days if day.weekday() < 5]


def test_825_120_a_3_spouses_share_12_weeks_of_bonding_leave() -> None:
    """The spouse took 4 weeks of bonding leave in November: 8 of these 10 weeks are FMLA."""
    case = bonding_case(D(2026, 1, 5), D(2026, 3, 13))
    balance = ledger(case, "fmla", used_by_spouse=spouse_weekdays(D(2025, 11, 2), 4)).balance("fmla", D(2026, 3, 31))
    assert balance.used_hours == Decimal(320)
    assert any(
        line.startswith("Case 1: 80 h on Mar 2, 2026 – Mar 13, 2026 not charged to FMLA: with the spouse's leave")
        and line.endswith("[29 CFR 825.120(a)(3), 825.201(b)].")
        for line in balance.explanation
    )


def test_825_120_a_3_within_the_shared_12_weeks_everything_is_charged() -> None:
    case = bonding_case(D(2026, 1, 5), D(2026, 3, 13))
    balance = ledger(case, "fmla", used_by_spouse=spouse_weekdays(D(2025, 11, 2), 2)).balance("fmla", D(2026, 3, 31))
    assert balance.used_hours == Decimal(400)


def test_825_201_b_parent_care_is_shared_but_the_employees_own_illness_is_not() -> None:
    parent = CaseTime("1", Pattern.CONTINUOUS, D(2026, 1, 5), D(2026, 3, 13), reason="family_health", care_for="parent")
    own = CaseTime("1", Pattern.CONTINUOUS, D(2026, 1, 5), D(2026, 3, 13), reason="employee_health")
    spouse = spouse_weekdays(D(2025, 11, 2), 4)
    assert ledger(parent, "fmla", used_by_spouse=spouse).balance("fmla", D(2026, 3, 31)).used_hours == 320
    assert ledger(own, "fmla", used_by_spouse=spouse).balance("fmla", D(2026, 3, 31)).used_hours == 400


def test_the_time_not_charged_is_listed_for_the_specialist_with_its_source_and_for_the_employee_without() -> None:
    balance = ledger(bonding_case(D(2026, 6, 1), D(2026, 6, 19)), "fmla").balance("fmla", D(2026, 6, 30))
    why = "bonding leave ends on Jun 9, 2026, 12 months after the birth or placement on Jun 10, 2025"
    start = "Case 1: 64 h on Jun 10, 2026 – Jun 19, 2026 not charged to FMLA: "
    assert balance.not_charged == (f"{start}{why} [29 CFR 825.120(a)(2); M.G.L. c.175M §2(a)].",)
    assert balance.not_charged_plain == (f"{start}{why}.",)


def test_825_120_a_3_the_employee_reads_only_that_the_shared_weeks_are_used_nothing_of_the_spouse() -> None:
    case = bonding_case(D(2026, 1, 5), D(2026, 3, 13))
    balance = ledger(case, "fmla", used_by_spouse=spouse_weekdays(D(2025, 11, 2), 4)).balance("fmla", D(2026, 3, 31))
    assert balance.not_charged_plain == (
        "Case 1: 80 h on Mar 2, 2026 – Mar 13, 2026 not charged to FMLA: the 12 workweeks shared for bonding and a "
        "parent's care are used.",
    )
    assert "spouse" in balance.not_charged[0]
