"""A policy's rules, read from the JSON kept in Policy.rules (editable in the admin).

The shape, every key optional unless said otherwise:

    {
      "source": "29 CFR 825.110, 825.200",
      "eligibility": {
        "min_months_of_service": 12,
        "min_hours_worked_last_12_months": 1250,
        "bonding_within_months": 12,
        "max_break_in_service_years": 7                # service before a longer break is not counted
      },
      "entitlement": null | {
        "weeks": 12,                                  # required: workweeks, converted to hours by the schedule
        "period": {
          "method": "setting" | "rolling_backward" | "calendar_year" | "fixed_leave_year"
                    | "forward_from_first_use" | "benefit_year" | "per_case",
          "leave_year_start": {"month": 7, "day": 1},  # fixed_leave_year
          "benefit_year_weeks": 52                     # benefit_year: starts the Sunday before the first leave day
        },
        "combined": {"group": "ma-pfml", "weeks": 26}, # a cap shared by every policy of the group
        "unpaid_start": {"kind": "waiting_period" | "elimination_period", "days": 7, "charges_entitlement": true},
        "closures_not_charged": true,                 # employer closures of 7+ days are not charged (FMLA)
        "spouses_share": {"weeks": 12}                # spouses at the employer share this for bonding, parent care
      }
    }

"setting" takes the method from settings.FMLA_PERIOD_METHOD; the caller passes it to parse_rules so that
the engine itself never reads settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class RulesError(ValueError):
    """The rules JSON of a policy does not have the shape above."""


class PeriodMethod(StrEnum):
    ROLLING_BACKWARD = "rolling_backward"  # 29 CFR 825.200(b)(4)
    CALENDAR_YEAR = "calendar_year"  # 825.200(b)(1)
    FIXED_LEAVE_YEAR = "fixed_leave_year"  # 825.200(b)(2)
    FORWARD_FROM_FIRST_USE = "forward_from_first_use"  # 825.200(b)(3)
    BENEFIT_YEAR = "benefit_year"  # MA PFML, 458 CMR 2.02
    PER_CASE = "per_case"  # a disability plan: each case (disability) has its own maximum


SETTING = "setting"
FMLA_PERIOD_METHODS = frozenset(
    {
        PeriodMethod.ROLLING_BACKWARD,
        PeriodMethod.CALENDAR_YEAR,
        PeriodMethod.FIXED_LEAVE_YEAR,
        PeriodMethod.FORWARD_FROM_FIRST_USE,
    }
)


class UnpaidStartKind(StrEnum):
    WAITING_PERIOD = "waiting_period"
    ELIMINATION_PERIOD = "elimination_period"


@dataclass(frozen=True)
class EligibilityRules:
    min_months_of_service: int | None = None
    min_hours_worked: Decimal | None = None
    bonding_within_months: int | None = None
    max_break_in_service_years: int = 7  # 29 CFR 825.110(b)(1)


@dataclass(frozen=True)
class UnpaidStart:
    """The first calendar days of a period that the plan does not pay (PFML waiting, STD elimination)."""

    kind: UnpaidStartKind
    days: int
    charges_entitlement: bool


@dataclass(frozen=True)
class CombinedCap:
    group: str
    weeks: Decimal


@dataclass(frozen=True)
class EntitlementRules:
    weeks: Decimal
    period_method: PeriodMethod
    leave_year_start: tuple[int, int] = (1, 1)  # (month, day)
    benefit_year_weeks: int = 52
    combined: CombinedCap | None = None
    unpaid_start: UnpaidStart | None = None
    closures_not_charged: bool = False  # 29 CFR 825.200(h)
    spouses_share_weeks: Decimal | None = None  # 29 CFR 825.120(a)(3), 825.201(b)


@dataclass(frozen=True)
class PolicyRules:
    code: str
    name: str
    short_name: str = ""
    eligibility: EligibilityRules = EligibilityRules()
    entitlement: EntitlementRules | None = None
    source: str = ""


def parse_rules(
    code: str, name: str, data: Mapping[str, Any], *, fmla_period_method: str, short_name: str = ""
) -> PolicyRules:
    """Read one policy's rules JSON; raise RulesError naming the bad key."""
    if not isinstance(data, Mapping):
        raise RulesError("rules must be a JSON object")
    entitlement = data.get("entitlement")
    return PolicyRules(
        code=code,
        name=name,
        short_name=short_name or name,
        eligibility=_eligibility(data.get("eligibility") or {}),
        entitlement=None if entitlement is None else _entitlement(entitlement, fmla_period_method),
        source=str(data.get("source", "")),
    )


def _eligibility(data: Mapping[str, Any]) -> EligibilityRules:
    hours = data.get("min_hours_worked_last_12_months")
    return EligibilityRules(
        min_months_of_service=_optional_int(data, "min_months_of_service"),
        min_hours_worked=None if hours is None else _decimal(hours, "min_hours_worked_last_12_months"),
        bonding_within_months=_optional_int(data, "bonding_within_months"),
        max_break_in_service_years=_int(data, "max_break_in_service_years", 1, 100, default=7),
    )


def _entitlement(data: Mapping[str, Any], fmla_period_method: str) -> EntitlementRules:
    if not isinstance(data, Mapping) or "weeks" not in data:
        raise RulesError("entitlement needs weeks")
    period = data.get("period") or {}
    raw_method = period.get("method", SETTING)
    method = _period_method(fmla_period_method if raw_method == SETTING else raw_method)
    start = period.get("leave_year_start") or {"month": 1, "day": 1}
    combined = data.get("combined")
    return EntitlementRules(
        weeks=_decimal(data["weeks"], "weeks"),
        period_method=method,
        leave_year_start=(_int(start, "month", 1, 12), _int(start, "day", 1, 28)),
        benefit_year_weeks=_int(period, "benefit_year_weeks", 1, 104, default=52),
        combined=None
        if combined is None
        else CombinedCap(group=str(combined["group"]), weeks=_decimal(combined["weeks"], "combined.weeks")),
        unpaid_start=_unpaid_start(data.get("unpaid_start")),
        closures_not_charged=bool(data.get("closures_not_charged", False)),
        spouses_share_weeks=_spouses_share(data.get("spouses_share")),
    )


def _spouses_share(data: Mapping[str, Any] | None) -> Decimal | None:
    if data is None:
        return None
    if not isinstance(data, Mapping) or "weeks" not in data:
        raise RulesError("spouses_share needs weeks")
    return _decimal(data["weeks"], "spouses_share.weeks")


def _unpaid_start(data: Mapping[str, Any] | None) -> UnpaidStart | None:
    if data is None:
        return None
    try:
        kind = UnpaidStartKind(data.get("kind", ""))
    except ValueError:
        raise RulesError(f"unpaid_start.kind must be one of {[k.value for k in UnpaidStartKind]}") from None
    return UnpaidStart(
        kind=kind, days=_int(data, "days", 1, 366), charges_entitlement=bool(data.get("charges_entitlement", True))
    )


def _period_method(raw: object) -> PeriodMethod:
    try:
        return PeriodMethod(str(raw))
    except ValueError:
        raise RulesError(f"period.method must be one of {[m.value for m in PeriodMethod]}, not {raw!r}") from None


def _decimal(raw: object, key: str) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise RulesError(f"{key} must be a number, not {raw!r}") from None
    if not value.is_finite() or value < 0:
        raise RulesError(f"{key} must be a number of zero or more, not {raw!r}")
    return value


def _int(data: Mapping[str, Any], key: str, low: int, high: int, default: int | None = None) -> int:
    raw = data.get(key, default)
    if not isinstance(raw, int) or isinstance(raw, bool) or not low <= raw <= high:
        raise RulesError(f"{key} must be a whole number from {low} to {high}, not {raw!r}")
    return raw


def _optional_int(data: Mapping[str, Any], key: str) -> int | None:
    return None if data.get(key) is None else _int(data, key, 0, 1200)
