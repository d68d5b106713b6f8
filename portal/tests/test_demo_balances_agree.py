"""Desk, portal and engine agree on every balance of the demo data.

The demo is seeded; for every demo employee with an approved decision, each of their live leave cases is opened
on the portal (as the employee) and on the desk (as the specialist), the figures each page shows are read back
from the HTML, and they must be the hours `cases.balances` gives for the case and for the employee.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from cases.balances import balances_for_case, balances_for_employee
from cases.models import Case, CaseKind
from desk.tests.conftest import sign_in_to_desk
from policies.engine import PolicyBalance
from policies.models import DecisionStatus, PolicyDecision

pytestmark = pytest.mark.django_db

NUMBER = r"([\d,]+(?:\.\d+)?)"
PORTAL_LINE = re.compile(
    rf"<li>([^<:]+): (?:{NUMBER} of {NUMBER} hours used|all {NUMBER} hours used|{NUMBER} hours taken) as of"
)
USED = rf"(?:{NUMBER} of [\d,.]+ hours used|all {NUMBER} hours used|{NUMBER} hours taken)"
DESK_CARD = re.compile(
    rf'<section class="desk-card">\s*<h3>([^<]+)</h3>\s*<p><strong>[^<:]+: {USED}[^<]*</strong>'
    rf"(?: · {NUMBER} hours remaining)?"
)


def hours(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def shown(balance: PolicyBalance) -> tuple[Decimal, Decimal | None]:
    """(used, remaining) as a page writes them: to the hundredth."""
    cent = Decimal("0.01")
    remaining = balance.remaining_hours
    return balance.used_hours.quantize(cent), remaining.quantize(cent) if remaining is not None else None


def portal_figures(client: Client, case: Case) -> dict[str, tuple[Decimal, Decimal | None]]:
    """short name -> (used, remaining) from the employee's case page ("FMLA: 244 of 450 hours used as of …")."""
    page = unescape(client.get(reverse("cases:detail", args=[case.case_number])).content.decode())
    figures: dict[str, tuple[Decimal, Decimal | None]] = {}
    for name, used, total, all_used, taken in PORTAL_LINE.findall(page):
        if taken:
            figures[name] = (hours(taken), None)
        elif all_used:
            figures[name] = (hours(all_used), Decimal(0))
        else:
            figures[name] = (hours(used), hours(total) - hours(used))
    return figures


def desk_figures(client: Client, case: Case) -> dict[str, tuple[Decimal, Decimal | None]]:
    """policy name -> (used, remaining) from the desk's case view ("FMLA: 244 of 450 hours used as of … · 206
    hours remaining")."""
    page = unescape(client.get(reverse("desk:case", args=[case.case_number])).content.decode())
    return {
        name: (hours(used or all_used or taken), hours(left) if left else None)
        for name, used, all_used, taken, left in DESK_CARD.findall(page)
    }


def test_desk_portal_and_engine_agree_on_every_balance_of_the_demo_data():
    call_command("seed_demo")
    employees = User.objects.filter(cases__decisions__status=DecisionStatus.APPROVED).distinct()
    assert employees.count() >= 3
    desk = sign_in_to_desk(Client(), User.objects.get(username="demo.specialist"))
    checked = 0
    for employee in employees:
        portal = Client()
        portal.force_login(employee)
        mine = {(b.policy_code, b.case_number): b for b in balances_for_employee(employee)}
        cases = Case.objects.filter(employee=employee, kind=CaseKind.LEAVE, cancelled_at__isnull=True)
        for case in cases:
            on_portal, on_desk = portal_figures(portal, case), desk_figures(desk, case)
            for balance in balances_for_case(case):
                used, remaining = shown(balance)
                assert on_portal[balance.short_name] == (used, remaining), (case.case_number, balance.summary)
                assert on_desk[balance.policy_name] == (used, remaining), (case.case_number, balance.summary)
                approved = PolicyDecision.objects.filter(
                    case__employee=employee, policy__code=balance.policy_code, status=DecisionStatus.APPROVED
                )
                if approved.exists():
                    overall = mine[(balance.policy_code, balance.case_number)]
                    assert shown(overall) == (used, remaining), (employee.username, overall.summary)
                checked += 1
    assert checked >= 5
