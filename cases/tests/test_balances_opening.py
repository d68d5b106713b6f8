"""Opening balances from the database: time used before LeaveDesk counts in the ledger, said in a line."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.balances import balances_for_case, balances_for_employee, entitlement_check
from policies.models import OpeningBalance, PolicyDecision
from policies.tests.factories import approve, leave_case, policy
from testing.users import sign_in_to_admin

pytestmark = pytest.mark.django_db


def before_leavedesk(employee, code: str = "fmla", hours: int = 32) -> OpeningBalance:
    return OpeningBalance.objects.create(
        employee=employee, policy=policy(code), period_start=D(2026, 1, 5), hours=Decimal(hours), note="paper file"
    )


def test_825_200_a_an_opening_balance_counts_like_approved_time(employee) -> None:
    before_leavedesk(employee)
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 6))
    approve(case, "fmla", D(2026, 3, 2), D(2026, 3, 6))
    [fmla] = balances_for_employee(employee, D(2026, 3, 31))
    assert fmla.summary == "FMLA: 72 of 480 hours used as of Mar 31, 2026"
    assert "32 hours used before LeaveDesk (paper file), counted from Jan 5, 2026." in fmla.explanation
    [on_case] = balances_for_case(case, D(2026, 3, 31))
    assert on_case.used_hours == 72


def test_825_200_a_the_check_before_an_approval_counts_the_opening_balance(employee) -> None:
    before_leavedesk(employee, hours=440)
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 13))
    decision = PolicyDecision.objects.create(
        case=case, policy=policy("fmla"), start_date=D(2026, 3, 2), end_date=D(2026, 3, 13)
    )
    check = entitlement_check(decision, D(2026, 3, 2), D(2026, 3, 13))
    assert check is not None
    assert (check.requested_hours, check.remaining_hours, check.hours_beyond) == (80, 40, 40)


def test_an_administrator_records_an_opening_balance_in_the_admin_and_is_named_as_its_recorder(
    client, employee, django_user_model
) -> None:
    admin = django_user_model.objects.create_superuser("admin", "admin@example.gov", "a-long-password-1")
    sign_in_to_admin(client, admin)
    response = client.post(
        reverse("admin:policies_openingbalance_add"),
        {
            "employee": employee.pk, "policy": policy("fmla").pk, "period_start": "2026-01-05", "hours": "32",
            "note": "paper file",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    recorded = OpeningBalance.objects.get()
    assert (recorded.recorded_by, recorded.hours, recorded.employee) == (admin, Decimal(32), employee)
