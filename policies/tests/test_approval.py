"""Worked examples of the check before an approval: what the dates would use, against what the policy has left.

The employee works 8 h Monday to Friday, so FMLA is 12 x 40 = 480 h (29 CFR 825.200(a), 825.205(b)). Unless
said otherwise, ten full workweeks from Jan 5 to Mar 13, 2026 are already approved on case 1 (400 h, Martin
Luther King Jr. Day and Washington's Birthday counted in their full weeks, 825.200(h)), so 80 h are left, and
the specialist is deciding FMLA on case 2 from Monday Apr 6, 2026. Patriots' Day is Monday Apr 20, 2026.
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)

from policies.engine import CaseTime, Coverage, EntitlementCheck, Entry, Ledger, Pattern, check_approval
from policies.tests.examples import FULL_TIME, catalogue_rules, continuous

TEN_WEEKS = continuous("1", D(2026, 1, 5), D(2026, 3, 13), "fmla")  # 400 h
ELEVEN_WEEKS = continuous("1", D(2026, 1, 5), D(2026, 3, 20), "fmla")  # 440 h
MONDAY = D(2026, 4, 6)


def ledger_for(*approved, deciding: CaseTime, method: str = "rolling_backward") -> Ledger:
    """The other approved decisions, and the case time of the decision being decided (not yet approved)."""
    cases = [case for case, _ in approved] + [deciding]
    return Ledger(FULL_TIME, cases, [cov for _, covs in approved for cov in covs], catalogue_rules(method))


def leave(start: D, end: D, number: str = "2") -> CaseTime:
    return CaseTime(number, Pattern.CONTINUOUS, start, end)


def check(ledger: Ledger, policy: str, number: str, start: D, end: D) -> EntitlementCheck:
    result = check_approval(ledger, Coverage(policy, number, start, end))
    assert result is not None
    return result


def test_825_200_a_two_more_weeks_with_400_of_480_hours_used_fit_exactly() -> None:
    result = check(ledger_for(TEN_WEEKS, deciding=leave(MONDAY, D(2026, 4, 30))), "fmla", "2", MONDAY, D(2026, 4, 17))
    assert (result.requested_hours, result.remaining_hours) == (80, 80)
    assert not result.exceeds
    assert result.hours_beyond == 0
    assert result.runs_out_on == D(2026, 4, 17)
    assert (result.policy_name, result.short_name) == ("Family Medical Leave Act", "FMLA")
    assert "FMLA has 80 h left on Apr 6, 2026, every other approved decision counted." in result.explanation
    assert "These dates fit in what FMLA has left: 0 h would remain after them." in result.explanation


def test_825_200_a_three_more_weeks_run_out_on_the_friday_of_the_second_and_40_hours_are_beyond() -> None:
    # 825.200(h): the third week is a full workweek, so Patriots' Day in it counts: 3 x 40 = 120 h.
    result = check(ledger_for(TEN_WEEKS, deciding=leave(MONDAY, D(2026, 4, 30))), "fmla", "2", MONDAY, D(2026, 4, 24))
    assert (result.requested_hours, result.remaining_hours, result.hours_beyond) == (120, 80, 40)
    assert result.exceeds
    assert result.runs_out_on == D(2026, 4, 17)
    assert (
        "Case 2: week of Apr 19, 2026, a full workweek of leave, 40 h "
        "(the holiday Patriots' Day counts in a full week)." in result.explanation
    )
    assert (
        "40 hours requested beyond the FMLA entitlement would not be covered by FMLA (Apr 20, 2026 – Apr 24, 2026)."
        in result.explanation
    )
    assert "The hours left cover these dates through Apr 17, 2026." in result.explanation


def test_825_200_h_a_holiday_in_a_partial_week_is_not_requested() -> None:
    # Apr 6 to Wed Apr 22: two full weeks, then Mon to Wed of Patriots' Day week, a partial week in which the
    # holiday is not charged: 40 + 40 + 16 = 96 h, 16 of them beyond.
    result = check(ledger_for(TEN_WEEKS, deciding=leave(MONDAY, D(2026, 4, 30))), "fmla", "2", MONDAY, D(2026, 4, 22))
    assert (result.requested_hours, result.remaining_hours, result.hours_beyond) == (96, 80, 16)
    assert result.runs_out_on == D(2026, 4, 17)
    assert any("the holiday Patriots' Day on Apr 20, 2026 is not charged" in line for line in result.explanation)


def test_825_205_a_continuous_leave_runs_out_during_the_day_the_last_hours_cover() -> None:
    # 460 h used (eleven weeks and 20 hours of time entries): 20 h left cover Monday, Tuesday and half of Wednesday.
    # (Entries of 8, 8 and 4 h: an entry charges at most its scheduled day, 825.205(b).)
    taken = (Entry(D(2026, 3, 24), 480), Entry(D(2026, 3, 25), 480), Entry(D(2026, 3, 26), 240))
    entry = CaseTime("9", Pattern.INTERMITTENT, D(2026, 3, 23), D(2026, 3, 31), taken)
    approved = (entry, [Coverage("fmla", "9", D(2026, 3, 23), D(2026, 3, 31))])
    result = check(ledger_for(ELEVEN_WEEKS, approved, deciding=leave(MONDAY, D(2026, 4, 10))), "fmla", "2", MONDAY,
                   D(2026, 4, 10))  # fmt: skip
    assert (result.requested_hours, result.remaining_hours, result.hours_beyond) == (40, 20, 20)
    assert result.runs_out_on == D(2026, 4, 8)


def intermittent_case(minutes: dict[D, int]) -> CaseTime:
    entries = tuple(Entry(day, taken) for day, taken in sorted(minutes.items()))
    return CaseTime("2", Pattern.INTERMITTENT, D(2026, 4, 1), D(2026, 6, 30), entries)


TUESDAYS_AND_THURSDAYS = [D(2026, 4, 7), D(2026, 4, 9), D(2026, 4, 14), D(2026, 4, 16), D(2026, 4, 21), D(2026, 4, 23)]


def test_825_205_b_intermittent_leave_runs_out_on_the_last_time_entry_still_fully_covered() -> None:
    # 440 h used, 40 left: five 8-hour entries use them exactly; the sixth, Apr 23, is not covered.
    case = intermittent_case(dict.fromkeys(TUESDAYS_AND_THURSDAYS, 480))
    result = check(ledger_for(ELEVEN_WEEKS, deciding=case), "fmla", "2", D(2026, 4, 1), D(2026, 6, 30))
    assert (result.requested_hours, result.remaining_hours, result.hours_beyond) == (48, 40, 8)
    assert result.runs_out_on == D(2026, 4, 21)
    assert "Case 2: time entry on Apr 23, 2026, 8 h." in result.explanation


def test_825_205_b_intermittent_leave_runs_out_on_the_entry_it_runs_out_during() -> None:
    # The fifth entry is 6 h: 38 h by Apr 21, so the Apr 23 entry is covered 2 h of 8 and the hours run out on it.
    case = intermittent_case({**dict.fromkeys(TUESDAYS_AND_THURSDAYS, 480), D(2026, 4, 21): 360})
    result = check(ledger_for(ELEVEN_WEEKS, deciding=case), "fmla", "2", D(2026, 4, 1), D(2026, 6, 30))
    assert (result.requested_hours, result.remaining_hours, result.hours_beyond) == (46, 40, 6)
    assert result.runs_out_on == D(2026, 4, 23)


def test_c175m_2_d_family_leave_after_20_weeks_of_medical_has_the_6_weeks_the_combined_cap_leaves() -> None:
    # 20 weeks of medical leave (800 h) in the benefit year from Jan 4, 2026; 8 weeks of family leave asked
    # from May 24 (320 h). Family's own 12 weeks (480 h) have room, the 26-week cap (1,040 h) only 240 h.
    medical = continuous("1", D(2026, 1, 4), D(2026, 5, 23), "pfml-medical")
    family = leave(D(2026, 5, 24), D(2026, 7, 18))
    result = check(ledger_for(medical, deciding=family), "pfml-family", "2", D(2026, 5, 24), D(2026, 7, 18))
    assert (result.requested_hours, result.remaining_hours, result.hours_beyond) == (320, 240, 80)
    assert result.runs_out_on == D(2026, 7, 3)  # the Friday of the sixth week
    assert "Combined cap: 240 h of 26 workweeks left for all policies sharing it." in result.explanation
    assert (
        "80 hours requested beyond the combined cap of 26 workweeks would not be covered by MA PFML Family "
        "(Jul 6, 2026 – Jul 17, 2026)." in result.explanation
    )


def test_825_200_b_4_a_rolling_window_gives_hours_back_during_the_dates() -> None:
    # Eleven weeks from Mar 16 to May 29, 2026 (440 h). Four weeks asked from Mar 1, 2027: 40 h are left on
    # Mar 1 and cover its first week; Mar 8-12 and Mon Mar 15 are not covered; from Tue Mar 16 each day of
    # 2026's leave leaving the 12-month window gives its 8 h back. 112 h are covered, 48 not.
    spring = continuous("1", D(2026, 3, 16), D(2026, 5, 29), "fmla")
    ledger = ledger_for(spring, deciding=leave(D(2027, 3, 1), D(2027, 3, 26)))
    result = check(ledger, "fmla", "2", D(2027, 3, 1), D(2027, 3, 26))
    assert (result.requested_hours, result.remaining_hours, result.hours_beyond) == (160, 112, 48)
    assert result.runs_out_on == D(2027, 3, 5)
    assert "FMLA has 40 h left on Mar 1, 2027, every other approved decision counted." in result.explanation


def test_the_approval_is_charged_before_later_approved_leave_which_the_check_says() -> None:
    # A week already approved in June is charged after these dates (in date order), so it would not be covered.
    june = continuous("3", D(2026, 6, 1), D(2026, 6, 5), "fmla")
    result = check(ledger_for(TEN_WEEKS, june, deciding=leave(MONDAY, D(2026, 4, 17))), "fmla", "2", MONDAY,
                   D(2026, 4, 17))  # fmt: skip
    assert not result.exceeds
    assert (
        "Charged in date order, these dates would leave 40 h of leave already approved under FMLA not covered "
        "(case 3)." in result.explanation
    )


def test_after_an_override_the_balance_shows_the_entitlement_used_and_the_rest_not_covered() -> None:
    # The specialist approves the three weeks anyway (with a reason): FMLA is charged up to 480 h; the 40 h of
    # Patriots' Day week are not covered, never negative remaining hours.
    ledger = ledger_for(TEN_WEEKS, deciding=leave(MONDAY, D(2026, 4, 30)))
    approval = Coverage("fmla", "2", MONDAY, D(2026, 4, 24))
    result = check_approval(ledger, approval)
    balance = ledger.adding(approval).balance("fmla", D(2026, 4, 30))
    assert (balance.used_hours, balance.remaining_hours, balance.not_covered_hours) == (480, 0, 40)
    assert result is not None
    assert balance.not_covered_hours == result.hours_beyond
    assert balance.summary == "FMLA: all 480 hours used as of Apr 30, 2026; 40 hours not covered by FMLA"


def test_after_an_override_the_next_calendar_year_is_untouched() -> None:
    # 825.200(b)(1): counted by calendar year, 2027 has its whole 480 h; the 40 h not covered stay in 2026.
    ledger = ledger_for(TEN_WEEKS, deciding=leave(MONDAY, D(2026, 4, 30)), method="calendar_year")
    after = ledger.adding(Coverage("fmla", "2", MONDAY, D(2026, 4, 24)))
    assert after.balance("fmla", D(2026, 12, 31)).not_covered_hours == 40
    next_year = after.balance("fmla", D(2027, 1, 4))
    assert (next_year.used_hours, next_year.remaining_hours, next_year.not_covered_hours) == (0, 480, 0)


def test_a_new_std_1_case_has_its_own_26_weeks_after_the_elimination_period() -> None:
    # Per case: 14 calendar days not counted (80 h), then 26 weeks (1,040 h) through Fri Sep 11, 2026.
    ledger = ledger_for(TEN_WEEKS, deciding=leave(D(2026, 3, 2), D(2026, 12, 31)))
    result = check(ledger, "std-1", "2", D(2026, 3, 2), D(2026, 9, 25))
    assert (result.requested_hours, result.remaining_hours, result.hours_beyond) == (1120, 1040, 80)
    assert result.runs_out_on == D(2026, 9, 11)
    assert any(line.startswith("Elimination period: Mar 2, 2026 – Mar 15, 2026") for line in result.explanation)


def test_a_policy_with_no_counted_entitlement_has_no_check() -> None:
    ledger = ledger_for(TEN_WEEKS, deciding=leave(MONDAY, D(2026, 4, 17)))
    assert check_approval(ledger, Coverage("employee-sick", "2", MONDAY, D(2026, 4, 17))) is None


def test_nothing_left_covers_none_of_the_dates() -> None:
    twelve = continuous("1", D(2026, 1, 5), D(2026, 3, 27), "fmla")
    result = check(ledger_for(twelve, deciding=leave(MONDAY, D(2026, 4, 10))), "fmla", "2", MONDAY, D(2026, 4, 10))
    assert (result.requested_hours, result.remaining_hours, result.hours_beyond) == (40, 0, 40)
    assert result.runs_out_on is None
    assert "None of these dates would be covered: nothing is left." in result.explanation
