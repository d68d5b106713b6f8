"""Worked examples of service with breaks, hours from the roster feed's history, and eligibility reached during a
leave (29 CFR 825.110(b) to (d)), each named by its rule."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

from policies.engine import RosterFacts, check_eligibility
from policies.engine.service import EmploymentSpell, HoursReport
from policies.tests.examples import catalogue_rules

FMLA = catalogue_rules()["fmla"]
REHIRED = D(2025, 9, 1)
LEAVE = D(2026, 3, 2)


def facts(*spells: EmploymentSpell, hire: D = REHIRED, hours: str = "1400", reports=()) -> RosterFacts:
    return RosterFacts(hire, Decimal(hours), spells=spells, hours_reports=tuple(reports))


def test_825_110_b_service_before_a_break_under_7_years_counts() -> None:
    earlier = EmploymentSpell(D(2015, 1, 5), D(2019, 6, 30))
    result = check_eligibility(FMLA, facts(earlier), LEAVE)
    assert result.eligible
    assert result.lines == [
        "Earlier employment Jan 5, 2015 – Jun 30, 2019 counts: the break after it was under 7 years "
        "[29 CFR 825.110(b)]."
    ]


def test_825_110_b_earlier_days_add_up_with_the_current_employment() -> None:
    """Service is added up in calendar days: 6 months now (Sep 1 to Mar 2, 183 days short of a year) and 182
    earlier days are one day short of 12 months; 183 earlier days make them."""
    short = check_eligibility(FMLA, facts(EmploymentSpell(D(2023, 1, 1), D(2023, 7, 1))), LEAVE)
    assert short.reasons == ["11 of 12 months of service"]
    enough = check_eligibility(FMLA, facts(EmploymentSpell(D(2023, 1, 1), D(2023, 7, 2))), LEAVE)
    assert enough.eligible


def test_825_110_b_1_service_before_a_break_of_7_years_or_more_is_not_counted() -> None:
    earlier = EmploymentSpell(D(2010, 1, 4), D(2018, 8, 31))  # rehired exactly 7 years and a day later
    result = check_eligibility(FMLA, facts(earlier, hire=D(2025, 9, 1)), LEAVE)
    assert result.reasons == ["6 of 12 months of service"]
    assert "a break of 7 years or more came after it" in result.lines[0]


def test_825_110_b_1_a_break_a_day_short_of_7_years_still_counts() -> None:
    earlier = EmploymentSpell(D(2010, 1, 4), D(2018, 9, 2))
    assert check_eligibility(FMLA, facts(earlier, hire=D(2025, 9, 1)), LEAVE).eligible


def test_825_110_b_an_earlier_employment_without_a_separation_date_is_not_counted_and_says_so() -> None:
    result = check_eligibility(FMLA, facts(EmploymentSpell(D(2015, 1, 5))), LEAVE)
    assert result.reasons == ["6 of 12 months of service"]
    assert result.lines == ["Earlier employment from Jan 5, 2015 has no separation date, so it is not counted."]


REPORTS = (HoursReport(D(2026, 1, 1), Decimal(1300)), HoursReport(D(2026, 2, 1), Decimal(1200)))


def test_825_110_c_the_hours_are_the_feed_figure_dated_nearest_before_the_leave() -> None:
    result = check_eligibility(FMLA, facts(hire=D(2020, 1, 1), reports=REPORTS), LEAVE)
    assert result.reasons == [
        "1,200 of 1,250 hours worked in the 12 months to Feb 1, 2026 (roster feed) [29 CFR 825.110(c)]"
    ]


def test_825_110_c_a_leave_starting_before_the_later_import_reads_the_earlier_figure() -> None:
    result = check_eligibility(FMLA, facts(hire=D(2020, 1, 1), reports=REPORTS), D(2026, 1, 20))
    assert result.eligible
    assert (
        result.met[1] == "1,300 of 1,250 hours worked in the 12 months to Jan 1, 2026 (roster feed) [29 CFR 825.110(c)]"
    )


def test_825_110_d_eligibility_reached_during_the_leave_gives_the_day() -> None:
    result = check_eligibility(FMLA, facts(hire=D(2025, 4, 15)), LEAVE, leave_end=D(2026, 5, 29))
    assert not result.eligible
    assert result.eligible_from == D(2026, 4, 15)
    assert result.note == (
        "10 of 12 months of service; meets the 12 months of service on Apr 15, 2026: leave from that day is FMLA, "
        "before it is not [29 CFR 825.110(d)]"
    )


def test_825_110_d_a_leave_ending_the_day_before_the_anniversary_is_never_fmla() -> None:
    result = check_eligibility(FMLA, facts(hire=D(2025, 4, 15)), LEAVE, leave_end=D(2026, 4, 14))
    assert result.eligible_from is None
    assert result.reasons == ["10 of 12 months of service"]


def test_825_110_d_short_of_hours_too_reaching_the_months_does_not_make_the_leave_fmla() -> None:
    result = check_eligibility(FMLA, facts(hire=D(2025, 4, 15), hours="900"), LEAVE, leave_end=D(2026, 5, 29))
    assert result.eligible_from is None
