"""The catalogue's rules as data: loaded by migration, read by the engine, checked when edited in the admin."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from policies.engine import PeriodMethod, RulesError, parse_rules
from policies.engine.rules import CombinedCap, EntitlementRules, UnpaidStart, UnpaidStartKind
from policies.models import Policy

pytestmark = pytest.mark.django_db


def entitlement(code: str) -> EntitlementRules:
    rules = Policy.objects.get(code=code).engine_rules().entitlement
    assert rules is not None
    return rules


def test_every_catalogue_policy_has_rules_the_engine_reads() -> None:
    rules = {policy.code: policy.engine_rules() for policy in Policy.objects.all()}
    assert rules["fmla"].short_name == "FMLA"
    assert rules["fmla"].eligibility.min_hours_worked == 1250
    assert entitlement("pfml-medical").weeks == 20
    assert entitlement("pfml-family").combined == CombinedCap("ma-pfml", Decimal(26))
    assert entitlement("std-1").unpaid_start == UnpaidStart(UnpaidStartKind.ELIMINATION_PERIOD, 14, False)
    assert rules["sick-leave-bank"].entitlement is None
    assert rules["employee-sick"].entitlement is None


@pytest.mark.parametrize("method", ["rolling_backward", "calendar_year", "fixed_leave_year", "forward_from_first_use"])
def test_the_fmla_period_method_comes_from_the_setting(settings, method) -> None:
    settings.FMLA_PERIOD_METHOD = method
    assert entitlement("fmla").period_method == PeriodMethod(method)


def test_pfml_keeps_its_benefit_year_whatever_the_fmla_setting(settings) -> None:
    settings.FMLA_PERIOD_METHOD = "calendar_year"
    assert entitlement("pfml-medical").period_method is PeriodMethod.BENEFIT_YEAR


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"entitlement": {"period": {"method": "setting"}}}, "entitlement needs weeks"),
        ({"entitlement": {"weeks": "twelve"}}, "weeks must be a number"),
        ({"entitlement": {"weeks": 12, "period": {"method": "lunar"}}}, "period.method must be one of"),
        ({"entitlement": {"weeks": 12, "period": {"leave_year_start": {"month": 13, "day": 1}}}}, "month must be"),
        ({"eligibility": {"min_months_of_service": "a year"}}, "min_months_of_service must be a whole number"),
    ],
)
def test_the_admin_refuses_rules_the_engine_cannot_read(rules, message) -> None:
    policy = Policy.objects.get(code="fmla")
    policy.rules = rules
    with pytest.raises(ValidationError, match=message):
        policy.clean()
    with pytest.raises(RulesError, match=message):
        parse_rules("fmla", "FMLA", rules, fmla_period_method="rolling_backward")
