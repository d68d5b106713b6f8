"""Spouses who both work for the employer share 12 weeks of FMLA leave for bonding and for a parent's care.

29 CFR 825.120(a)(3) and 825.201(b): spouses employed by the same employer are limited to a combined 12 weeks
of FMLA leave in a 12-month period for the birth or placement of a child (and bonding) and to care for a parent
with a serious health condition; each still has 12 weeks in all for the other reasons. The number of weeks is
data (`entitlement.spouses_share.weeks`); the roster links the spouses (roster.RosterRecord.spouse).

The spouse's use is given in weeks (their hours over their weekly hours), so two schedules compare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from policies.engine.charges import Charge
from policies.engine.facts import CaseTime

SOURCE = "29 CFR 825.120(a)(3), 825.201(b)"
BONDING = "bonding"
FAMILY_HEALTH = "family_health"
PARENT = "parent"
NO_HOURS = Decimal(0)


@dataclass(frozen=True)
class SpouseUse:
    """What the spouse's FMLA charged on one day for a shared reason, in workweeks of their schedule."""

    day: date
    weeks: Decimal


def is_shared_reason(case: CaseTime) -> bool:
    """Bonding with a child, or caring for a parent: the reasons spouses share."""
    return case.reason == BONDING or (case.reason == FAMILY_HEALTH and case.care_for == PARENT)


def spouse_use(
    charges: Iterable[Charge], cases: Mapping[str, CaseTime], weekly_hours: Decimal
) -> tuple[SpouseUse, ...]:
    """The spouse's FMLA charges for the shared reasons, in their workweeks (from the spouse's own ledger)."""
    if not weekly_hours:
        return ()
    return tuple(
        SpouseUse(charge.day, charge.hours / weekly_hours)
        for charge in charges
        if charge.hours > 0 and charge.case_number in cases and is_shared_reason(cases[charge.case_number])
    )


def share_with_spouse(
    weeks: Decimal,
    charges: Sequence[Charge],
    *,
    cases: Mapping[str, CaseTime],
    used_by_spouse: Sequence[SpouseUse],
    weekly_hours: Decimal,
    window_start: Callable[[date], date],
) -> tuple[list[Charge], list[Charge]]:
    """(the charges kept, the parts cut): each shared-reason day, in date order, is charged while the couple's
    shared use in the period counted on that day (window_start(day) on) stays within `weeks`. The spouse's use
    counts up to the day before; this employee's own up to the day itself."""
    limit = weeks * weekly_hours
    kept: list[Charge] = []
    cut: list[Charge] = []
    own: list[tuple[date, Decimal]] = []
    for charge in sorted(charges, key=lambda c: (c.day, c.case_number)):
        case = cases.get(charge.case_number)
        if case is None or not is_shared_reason(case) or charge.hours <= 0:
            kept.append(charge)
            continue
        start = window_start(charge.day)
        spouse = sum((use.weeks for use in used_by_spouse if start <= use.day < charge.day), NO_HOURS)
        mine = sum((hours for day, hours in own if day >= start), NO_HOURS)
        room = max(limit - mine - spouse * weekly_hours, NO_HOURS)
        allowed = min(charge.hours, room)
        own.append((charge.day, allowed))
        kept.append(_with_hours(charge, allowed))
        if allowed < charge.hours:
            cut.append(_with_hours(charge, charge.hours - allowed))
    return kept, cut


def _with_hours(charge: Charge, hours: Decimal) -> Charge:
    return Charge(charge.day, hours, charge.case_number, charge.kind, charge.holiday)
