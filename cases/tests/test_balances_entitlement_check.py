"""The check before an approval, read from the database: the engine's figures, in a constant number of queries.

Worked example (29 CFR 825.200(a), (h)): a full-time employee (8 h Monday to Friday, 480 h of FMLA) has ten
workweeks approved on an earlier case, Jan 5 to Mar 13, 2026 (400 h). FMLA on a new case from Monday Apr 6 is
being decided: two weeks fit exactly; three (Patriots' Day, Apr 20, counting in the full third week) are 40 h
beyond, and the hours run out on Friday Apr 17.
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest

from cases.balances import balances_for_employee, entitlement_check
from cases.models import LeavePattern
from policies.models import DecisionStatus, PolicyDecision
from policies.tests.factories import PolicyDecisionFactory, add_time, approve, leave_case, policy

pytestmark = pytest.mark.django_db

MONDAY = D(2026, 4, 6)
SECOND_FRIDAY = D(2026, 4, 17)
THIRD_FRIDAY = D(2026, 4, 24)


def ten_weeks_used(employee) -> None:
    earlier = leave_case(employee, D(2026, 1, 5), D(2026, 3, 13))
    approve(earlier, "fmla", D(2026, 1, 5), D(2026, 3, 13))


def pending(employee, code: str = "fmla", start: D = MONDAY, end: D = THIRD_FRIDAY) -> PolicyDecision:
    case = leave_case(employee, start, end)
    return PolicyDecisionFactory.create(case=case, policy=policy(code), start_date=start, end_date=end)


def test_two_more_weeks_with_400_of_480_hours_used_fit_exactly(employee) -> None:
    ten_weeks_used(employee)
    check = entitlement_check(pending(employee), MONDAY, SECOND_FRIDAY)
    assert check is not None
    assert (check.requested_hours, check.remaining_hours, check.hours_beyond) == (80, 80, 0)
    assert not check.exceeds
    assert check.runs_out_on == SECOND_FRIDAY


def test_three_more_weeks_run_out_on_the_friday_of_the_second_week_40_hours_beyond(employee) -> None:
    ten_weeks_used(employee)
    check = entitlement_check(pending(employee), MONDAY, THIRD_FRIDAY)
    assert check is not None
    assert (check.policy_name, check.short_name) == ("Family Medical Leave Act", "FMLA")
    assert (check.start, check.end) == (MONDAY, THIRD_FRIDAY)
    assert (check.requested_hours, check.remaining_hours, check.hours_beyond) == (120, 80, 40)
    assert check.exceeds
    assert check.runs_out_on == SECOND_FRIDAY
    assert "FMLA has 80 h left on Apr 6, 2026, every other approved decision counted." in check.explanation


def test_the_decision_replaces_its_own_current_approval(employee) -> None:
    # Approved already for three weeks (with an override); deciding it again for two: its own 120 h are not
    # counted against it, so the two weeks fit.
    ten_weeks_used(employee)
    decision = pending(employee)
    decision.status = DecisionStatus.APPROVED
    decision.save()
    check = entitlement_check(decision, MONDAY, SECOND_FRIDAY)
    assert check is not None
    assert (check.requested_hours, check.remaining_hours, check.exceeds) == (80, 80, False)


def test_an_intermittent_case_is_checked_by_its_time_entries(employee) -> None:
    # 825.205(b): only the time taken counts. 400 h used, 80 left; eleven 8-hour entries: the tenth uses the
    # last hours, so the hours run out on it, and the eleventh (8 h) is beyond.
    ten_weeks_used(employee)
    case = leave_case(employee, D(2026, 4, 1), D(2026, 6, 30), pattern=LeavePattern.INTERMITTENT)
    days = [D(2026, 4, 7).fromordinal(D(2026, 4, 7).toordinal() + 7 * week + offset)
            for week in range(6) for offset in (0, 2)][:11]  # fmt: skip
    for day in days:
        add_time(case, day, 480)
    decision = PolicyDecisionFactory.create(
        case=case, policy=policy("fmla"), start_date=D(2026, 4, 1), end_date=D(2026, 6, 30)
    )
    check = entitlement_check(decision, D(2026, 4, 1), D(2026, 6, 30))
    assert check is not None
    assert (check.requested_hours, check.remaining_hours, check.hours_beyond) == (88, 80, 8)
    assert check.runs_out_on == days[9]


def test_a_policy_with_no_counted_entitlement_has_no_check(employee) -> None:
    assert entitlement_check(pending(employee, "employee-sick"), MONDAY, THIRD_FRIDAY) is None


def test_pfml_family_after_20_weeks_of_medical_leave_gets_what_the_26_week_cap_leaves(employee) -> None:
    # M.G.L. c.175M §2(d): 20 weeks of medical leave (800 h) in the benefit year from Jan 4, 2026; eight weeks of
    # family leave from May 24 (320 h) would pass the 1,040 h cap by 80 h.
    medical = leave_case(employee, D(2026, 1, 4), D(2026, 5, 23))
    approve(medical, "pfml-medical", D(2026, 1, 4), D(2026, 5, 23))
    check = entitlement_check(pending(employee, "pfml-family", D(2026, 5, 24), D(2026, 7, 18)), D(2026, 5, 24),
                              D(2026, 7, 18))  # fmt: skip
    assert check is not None
    assert (check.requested_hours, check.remaining_hours, check.hours_beyond) == (320, 240, 80)
    assert check.runs_out_on == D(2026, 7, 3)


def test_after_an_override_the_balance_shows_the_entitlement_used_and_the_rest_not_covered(employee) -> None:
    ten_weeks_used(employee)
    decision = pending(employee)
    check = entitlement_check(decision, MONDAY, THIRD_FRIDAY)
    assert check is not None
    PolicyDecision.objects.filter(pk=decision.pk).update(
        status=DecisionStatus.APPROVED, beyond_entitlement_reason="Agreed with the agency: unpaid, job protected"
    )
    [fmla] = balances_for_employee(employee, D(2026, 4, 30))
    assert (fmla.used_hours, fmla.remaining_hours, fmla.not_covered_hours) == (480, 0, check.hours_beyond)
    assert fmla.summary == "FMLA: all 480 hours used as of Apr 30, 2026; 40 hours not covered by FMLA"
    # 825.200(b)(4): on Apr 1, 2027 the 12 months back hold only the two covered April weeks as used; the 40 h
    # not covered are still said apart, never counted.
    [a_year_on] = balances_for_employee(employee, D(2027, 4, 1))
    assert (a_year_on.used_hours, a_year_on.not_covered_hours) == (Decimal(80), 40)


def other_cases(employee, count: int) -> None:
    """`count` approved cases of one intermittent week each (FMLA and PFML medical), in 2025."""
    for week in range(count):
        monday = D(2025, 1, 6).fromordinal(D(2025, 1, 6).toordinal() + 7 * week)
        case = leave_case(employee, monday, monday.fromordinal(monday.toordinal() + 4), pattern="intermittent")
        approve(case, "fmla", case.leave_period.start_date, case.leave_period.end_date)
        approve(case, "pfml-medical", case.leave_period.start_date, case.leave_period.end_date)
        add_time(case, monday, 120)


@pytest.mark.parametrize("count", [1, 20])
def test_entitlement_check_takes_five_queries_for_1_or_20_other_cases(employee, count, django_assert_num_queries):
    other_cases(employee, count)
    decision = pending(employee, "pfml-medical")
    fresh = PolicyDecision.objects.select_related("policy").get(pk=decision.pk)
    with django_assert_num_queries(6):  # with the opening balances and the local calendar
        check = entitlement_check(fresh, MONDAY, THIRD_FRIDAY)
    assert check is not None
    assert check.requested_hours == 120


def test_the_decisions_own_policy_is_checked_even_when_no_approval_uses_it_yet(employee) -> None:
    # MA PFML medical has no approved decision yet: its full 20 weeks (800 h) are left, FMLA's use aside.
    ten_weeks_used(employee)
    check = entitlement_check(pending(employee, "pfml-medical"), MONDAY, THIRD_FRIDAY)
    assert check is not None
    assert (check.short_name, check.remaining_hours) == ("MA PFML Medical", 800)
