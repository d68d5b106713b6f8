"""The period an entitlement is counted over, at a given date, for each period method.

29 CFR 825.200(b): (1) the calendar year; (2) any fixed 12-month leave year; (3) the 12 months measured forward
from the date the employee's first FMLA leave begins (the next period starts with the first leave after it ends);
(4) a rolling 12 months measured backward from the date leave is used. MA PFML counts a benefit year: 52
consecutive weeks from the Sunday before the first day of leave (458 CMR 2.02). A disability plan counts per case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from policies.engine.calendar import ONE_DAY, add_months, sunday_on_or_before
from policies.engine.rules import EntitlementRules, PeriodMethod
from policies.engine.wording import date_text

SOURCES = {
    PeriodMethod.ROLLING_BACKWARD: "29 CFR 825.200(b)(4)",
    PeriodMethod.CALENDAR_YEAR: "29 CFR 825.200(b)(1)",
    PeriodMethod.FIXED_LEAVE_YEAR: "29 CFR 825.200(b)(2)",
    PeriodMethod.FORWARD_FROM_FIRST_USE: "29 CFR 825.200(b)(3)",
    PeriodMethod.BENEFIT_YEAR: "458 CMR 2.02",
    PeriodMethod.PER_CASE: "",
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # date.max for a per-case plan

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_at(rules: EntitlementRules, day: date, use_days: Sequence[date]) -> Period | None:
    """The period holding `day`, or None when none has started (anchored methods before any use).

    `use_days` are the sorted days leave was charged (for a benefit year, across the PFML group), which anchor
    the forward-from-first-use, benefit-year and per-case periods.
    """
    method = rules.period_method
    if method is PeriodMethod.ROLLING_BACKWARD:
        return Period(add_months(day, -12) + ONE_DAY, day)
    if method is PeriodMethod.CALENDAR_YEAR:
        return Period(date(day.year, 1, 1), date(day.year, 12, 31))
    if method is PeriodMethod.FIXED_LEAVE_YEAR:
        month, start_day = rules.leave_year_start
        start = date(day.year, month, start_day)
        start = start if start <= day else date(day.year - 1, month, start_day)
        return Period(start, add_months(start, 12) - ONE_DAY)
    return next((period for period in anchored_periods(rules, use_days) if period.holds(day)), None)


def anchored_periods(rules: EntitlementRules, use_days: Sequence[date]) -> list[Period]:
    """The periods that uses open, in order: a use after the last period's end opens the next one."""
    periods: list[Period] = []
    for day in use_days:
        if periods and day <= periods[-1].end:
            continue
        periods.append(opened_by(rules, day))
    return periods


def opened_by(rules: EntitlementRules, first_use: date) -> Period:
    """The period that a first use on `first_use` opens (anchored methods)."""
    if rules.period_method is PeriodMethod.BENEFIT_YEAR:
        start = sunday_on_or_before(first_use)
        return Period(start, start + timedelta(weeks=rules.benefit_year_weeks) - ONE_DAY)
    if rules.period_method is PeriodMethod.FORWARD_FROM_FIRST_USE:
        return Period(first_use, add_months(first_use, 12) - ONE_DAY)
    return Period(first_use, date.max)


def period_text(rules: EntitlementRules, period: Period) -> str:
    """A period in words, with its source, for the explanation."""
    method = rules.period_method
    span = {"start": date_text(period.start), "end": date_text(period.end) if period.end != date.max else ""}
    texts = {
        PeriodMethod.ROLLING_BACKWARD: _("the 12 months ending %(end)s (%(start)s – %(end)s), measured backward"),
        PeriodMethod.CALENDAR_YEAR: _("the calendar year %(start)s – %(end)s"),
        PeriodMethod.FIXED_LEAVE_YEAR: _("the leave year %(start)s – %(end)s"),
        PeriodMethod.FORWARD_FROM_FIRST_USE: _("the 12 months from the first leave, %(start)s – %(end)s"),
        PeriodMethod.BENEFIT_YEAR: _("the benefit year %(start)s – %(end)s (from the Sunday before the first leave)"),
        PeriodMethod.PER_CASE: _("this case, from its first day charged, %(start)s"),
    }
    source = SOURCES[method]
    return (texts[method] % span) + (f" [{source}]" if source else "")
