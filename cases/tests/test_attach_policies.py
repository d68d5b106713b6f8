"""attach_policies: every policy the reason implies is attached pending, eligible or not, with the reason why."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest

from accounts.tests.factories import EmployeeFactory
from cases.decisions import attach_policies
from cases.models import CaseKind, CaseReason
from cases.tests.factories import CaseFactory
from policies.models import DecisionStatus, Policy, PolicyDecision
from policies.tests.factories import add_time, leave_case

pytestmark = pytest.mark.django_db


def notes(case):
    return dict(case.decisions.values_list("policy__code", "eligibility_note"))


def test_an_employee_health_leave_gets_fmla_pfml_medical_and_std_pending() -> None:
    case = leave_case(EmployeeFactory.create(), D(2026, 3, 2), D(2026, 3, 20))
    decisions = attach_policies(case)
    assert {d.policy.code for d in decisions} == {"fmla", "pfml-medical", "std-1"}
    assert {(d.status, d.start_date, d.end_date) for d in decisions} == {
        (DecisionStatus.PENDING, D(2026, 3, 2), D(2026, 3, 20))
    }
    assert set(notes(case).values()) == {""}


def test_an_ineligible_employee_still_gets_fmla_attached_with_the_reason() -> None:
    employee = EmployeeFactory.create(roster_record__hours_worked_last_12_months=Decimal("1020"))
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 20))
    attach_policies(case)
    assert notes(case)["fmla"] == "1,020 of 1,250 hours worked in the last 12 months"
    assert notes(case)["pfml-medical"] == ""


def test_a_bonding_leave_after_twelve_months_is_noted_for_fmla_and_pfml_family() -> None:
    case = leave_case(EmployeeFactory.create(), D(2026, 9, 1), D(2026, 9, 30), reason=CaseReason.BONDING)
    attach_policies(case, bonding_event_date=D(2025, 8, 1))
    note = "bonding leave must be taken by Jul 31, 2026, within 12 months of the birth or placement on Aug 1, 2025"
    assert notes(case) == {"fmla": note, "pfml-family": note}


def test_an_unplanned_absence_takes_its_dates_from_its_time_entry() -> None:
    case = CaseFactory.create(kind=CaseKind.UNPLANNED, reason=CaseReason.EMPLOYEE_SICK, pattern="")
    add_time(case, D(2026, 3, 3), 300)
    [decision] = attach_policies(case)
    assert (decision.policy.code, decision.start_date, decision.end_date) == (
        "employee-sick",
        D(2026, 3, 3),
        D(2026, 3, 3),
    )


def test_attaching_twice_adds_nothing_and_inactive_policies_are_left_out() -> None:
    Policy.objects.filter(code="std-1").update(is_active=False)
    case = leave_case(EmployeeFactory.create(), D(2026, 3, 2), D(2026, 3, 20))
    attach_policies(case)
    assert attach_policies(case) == []
    assert sorted(PolicyDecision.objects.filter(case=case).values_list("policy__code", flat=True)) == [
        "fmla",
        "pfml-medical",
    ]


def test_an_employee_without_a_roster_record_is_attached_with_a_note() -> None:
    case = leave_case(EmployeeFactory.create(roster_record=None), D(2026, 3, 2), D(2026, 3, 20))
    attach_policies(case)
    assert notes(case)["fmla"] == "No roster record: eligibility was not checked"


def test_a_case_without_dates_is_refused_as_a_programming_error() -> None:
    with pytest.raises(ValueError, match="neither a leave period nor time entries"):
        attach_policies(CaseFactory.create())
