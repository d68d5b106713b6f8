"""Balances from the database at the rules' edges: local holidays and closures kept as data, the child's date on
the case, eligibility reached during a leave, a spouse at the employer, and PFML's leave began."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest

from accounts.tests.factories import EmployeeFactory
from cases.balances import balances_for_employee
from cases.decisions import attach_policies
from cases.models import CaseReason
from policies.models import DecisionStatus
from policies.tests.factories import approve, leave_case
from roster.models import Closure, LocalHoliday

pytestmark = pytest.mark.django_db


def fmla(employee, as_of: D):
    return next(b for b in balances_for_employee(employee, as_of) if b.policy_code == "fmla")


def test_825_200_h_suffolk_countys_evacuation_day_is_not_charged_in_a_partial_week() -> None:
    employee = EmployeeFactory.create(roster_record__work_location="MA")
    case = leave_case(employee, D(2026, 3, 16), D(2026, 3, 18))
    approve(case, "fmla", D(2026, 3, 16), D(2026, 3, 18))
    assert fmla(employee, D(2026, 3, 31)).used_hours == Decimal(24)
    LocalHoliday.objects.create(location="MA", date=D(2026, 3, 17), name="Evacuation Day")
    balance = fmla(employee, D(2026, 3, 31))
    assert balance.used_hours == Decimal(16)
    assert any("the holiday Evacuation Day on Mar 17, 2026 is not charged" in line for line in balance.explanation)


def test_825_200_h_an_employer_closure_entered_by_an_administrator_is_not_charged_to_fmla() -> None:
    employee = EmployeeFactory.create()
    case = leave_case(employee, D(2026, 12, 14), D(2027, 1, 8))
    approve(case, "fmla", D(2026, 12, 14), D(2027, 1, 8))
    Closure.objects.create(location="", start=D(2026, 12, 21), end=D(2027, 1, 1), reason="Winter shutdown")
    balance = fmla(employee, D(2027, 1, 8))
    assert balance.used_hours == Decimal(80)
    assert any("Winter shutdown" in line and "825.200(h)" in line for line in balance.explanation)


def test_825_120_a_2_the_childs_date_on_the_case_ends_bonding_leave() -> None:
    employee = EmployeeFactory.create()
    case = leave_case(
        employee, D(2026, 6, 1), D(2026, 6, 19), reason=CaseReason.BONDING, child_event_date=D(2025, 6, 10)
    )
    approve(case, "fmla", D(2026, 6, 1), D(2026, 6, 19))
    balance = fmla(employee, D(2026, 6, 30))
    assert balance.used_hours == Decimal(56)
    assert any("bonding leave ends on Jun 9, 2026" in line for line in balance.explanation)


def test_825_120_a_2_a_bonding_request_starting_after_the_12_months_is_attached_with_an_ineligibility_note() -> None:
    employee = EmployeeFactory.create()
    case = leave_case(
        employee, D(2026, 6, 15), D(2026, 6, 26), reason=CaseReason.BONDING, child_event_date=D(2025, 6, 10)
    )
    attach_policies(case)
    notes = dict(case.decisions.values_list("policy__code", "eligibility_note"))
    assert (
        notes["fmla"]
        == "bonding leave must be taken by Jun 9, 2026, within 12 months of the birth or placement on Jun 10, 2025"
    )
    assert notes["pfml-family"] == notes["fmla"]


def test_825_110_d_attach_policies_records_the_day_eligibility_is_met_and_the_ledger_charges_from_it() -> None:
    employee = EmployeeFactory.create(roster_record__hire_date=D(2025, 4, 15))
    case = leave_case(employee, D(2026, 3, 30), D(2026, 4, 24))
    attach_policies(case)
    decision = case.decisions.get(policy__code="fmla")
    assert decision.eligible_from == D(2026, 4, 15)
    assert "meets the 12 months of service on Apr 15, 2026" in decision.eligibility_note
    decision.status = DecisionStatus.APPROVED
    decision.save()
    assert fmla(employee, D(2026, 4, 30)).used_hours == Decimal(64)


def test_825_120_a_3_a_spouses_bonding_leave_at_the_employer_counts_toward_the_shared_12_weeks() -> None:
    spouse = EmployeeFactory.create()
    employee = EmployeeFactory.create()
    record = employee.roster_record
    assert record is not None
    record.spouse = spouse.roster_record
    record.save()
    birth = D(2025, 12, 1)
    theirs = leave_case(spouse, D(2025, 12, 1), D(2025, 12, 26), reason=CaseReason.BONDING, child_event_date=birth)
    approve(theirs, "fmla", D(2025, 12, 1), D(2025, 12, 26))  # 4 weeks
    mine = leave_case(employee, D(2026, 1, 5), D(2026, 3, 13), reason=CaseReason.BONDING, child_event_date=birth)
    approve(mine, "fmla", D(2026, 1, 5), D(2026, 3, 13))  # 10 weeks
    balance = fmla(employee, D(2026, 3, 31))
    assert balance.used_hours == Decimal(320)
    assert any("825.120(a)(3)" in line for line in balance.explanation)
    assert fmla(spouse, D(2026, 3, 31)).used_hours == Decimal(160)  # four full weeks: theirs came first


def test_c175m_1_leave_began_on_the_decision_starts_the_benefit_year() -> None:
    employee = EmployeeFactory.create()
    case = leave_case(employee, D(2026, 3, 9), D(2026, 3, 20))
    decision = approve(case, "pfml-medical", D(2026, 3, 9), D(2026, 3, 20))
    decision.leave_began = D(2026, 2, 25)
    decision.save()
    [balance] = [b for b in balances_for_employee(employee, D(2026, 3, 31)) if b.policy_code == "pfml-medical"]
    assert balance.period_start == D(2026, 2, 22)
