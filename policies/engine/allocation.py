"""Charging up to the entitlement: which part of each approved day the policy covers, and which it does not.

29 CFR 825.200(a): an eligible employee's FMLA leave is limited to 12 workweeks in the 12-month period; M.G.L.
c.175M §2(b) to (d): 20 weeks medical, 12 weeks family, 26 weeks combined in a benefit year. A specialist may still
approve dates past what a policy has left (an override with a reason), but the policy covers them only up to its
entitlement. So the days are charged in date order: each is covered while the policy has hours left in the
period holding that day (and, for a combined cap, while the group has), and the rest of it is *not covered*.

Not-covered hours are never charged: they do not count toward the used hours, they do not reach a later period
(a rolling window or a next fixed period counts only covered hours), and they do not count toward a combined cap.
As earlier leave leaves a rolling 12-month window, later days are covered again (825.200(b)(4)).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from policies.engine.calendar import ONE_DAY, add_months
from policies.engine.charges import Charge
from policies.engine.periods import Period, anchored_periods, period_at
from policies.engine.rules import EntitlementRules, PeriodMethod

NO_HOURS = Decimal(0)
ANCHORED = frozenset({PeriodMethod.FORWARD_FROM_FIRST_USE, PeriodMethod.BENEFIT_YEAR, PeriodMethod.PER_CASE})


class Periods:
    """The periods of one entitlement (one case's, for a per-case plan), anchored by the days leave was used.

    `use_days` are the days charged with hours (for a benefit year, across the whole combined group): they open
    the forward-from-first-use, benefit-year and per-case periods, and the first of them in a period starts its
    waiting or elimination period.
    """

    def __init__(self, rules: EntitlementRules, use_days: Sequence[date]) -> None:
        self.rules = rules
        self.use_days = sorted(set(use_days))
        self.anchored = anchored_periods(rules, self.use_days) if rules.period_method in ANCHORED else []
        self._starts = [period.start for period in self.anchored]

    def at(self, day: date) -> Period | None:
        """The period holding `day` (None when none has started: an anchored method before any use)."""
        if self.rules.period_method not in ANCHORED:
            return period_at(self.rules, day, ())
        index = bisect_right(self._starts, day) - 1
        if index >= 0 and self.anchored[index].holds(day):
            return self.anchored[index]
        return None

    def window_start(self, day: date) -> date:
        """The first day of the window counted on `day`: the period's start, or 12 months back for rolling."""
        if self.rules.period_method is PeriodMethod.ROLLING_BACKWARD:
            return add_months(day, -12) + ONE_DAY
        period = self.at(day)
        return period.start if period is not None else day

    def unpaid_window(self, period: Period | None) -> Period | None:
        """The waiting or elimination period of `period`: its first days of leave, from its first use."""
        unpaid = self.rules.unpaid_start
        if unpaid is None or period is None:
            return None
        index = bisect_left(self.use_days, period.start)
        if index == len(self.use_days) or not period.holds(self.use_days[index]):
            return None
        first = self.use_days[index]
        return Period(first, first + (unpaid.days - 1) * ONE_DAY)

    def counts(self, day: date) -> bool:
        """Whether hours on `day` count toward the entitlement (not in an elimination period that does not)."""
        unpaid = self.rules.unpaid_start
        if unpaid is None or unpaid.charges_entitlement:
            return True
        window = self.unpaid_window(self.at(day))
        return window is None or not window.holds(day)


@dataclass(frozen=True)
class Share:
    """One charged day of one case, split: the hours the policy covers, and the hours beyond it."""

    charge: Charge
    counted: bool  # False inside an elimination period that does not count toward the maximum
    covered: Decimal
    by_cap: bool = False  # what is not covered is past the combined cap (the policy's own hours had room)

    @property
    def counted_hours(self) -> Decimal:
        return self.charge.hours if self.counted else NO_HOURS

    @property
    def not_covered(self) -> Decimal:
        return self.counted_hours - self.covered

    @property
    def covered_charge(self) -> Charge:
        """The charge as the entitlement counts it: only its covered hours."""
        return replace(self.charge, hours=self.covered)


@dataclass(frozen=True)
class Member:
    """One entitlement to charge: a policy (one case of a per-case plan), its hours and periods, its charges."""

    policy_code: str
    entitled: Decimal
    periods: Periods
    charges: Sequence[Charge]


@dataclass(frozen=True)
class Allocation:
    """Each member's shares, and what the group's combined cap took each day (covered hours, counted once)."""

    shares: dict[str, list[Share]]
    cap_used: list[Charge]


class RunningHours:
    """Hours added in date order, summed from any day on in O(log n)."""

    def __init__(self) -> None:
        self.days: list[date] = []
        self.totals: list[Decimal] = [NO_HOURS]

    def add(self, day: date, hours: Decimal) -> None:
        if hours:
            self.days.append(day)
            self.totals.append(self.totals[-1] + hours)

    def since(self, start: date) -> Decimal:
        return self.totals[-1] - self.totals[bisect_left(self.days, start)]


def allocate(members: Sequence[Member], cap: Decimal | None) -> Allocation:
    """Charge every member's days in date order, each up to what its entitlement (and the cap) has left.

    The cap counts a case's day once however many of the group's policies cover it (one day of leave is one
    day toward the 26 weeks), and only the hours covered.
    """
    events = sorted(
        ((charge.day, charge.case_number, index, charge) for index, m in enumerate(members) for charge in m.charges),
        key=lambda event: event[:3],
    )
    own = [RunningHours() for _member in members]
    group = RunningHours()
    cap_taken: dict[tuple[date, str], Charge] = {}
    shares: dict[str, list[Share]] = {member.policy_code: [] for member in members}
    for day, case_number, index, charge in events:
        member = members[index]
        if not member.periods.counts(day):
            shares[member.policy_code].append(Share(charge, counted=False, covered=NO_HOURS))
            continue
        if charge.hours <= 0:
            shares[member.policy_code].append(Share(charge, counted=True, covered=NO_HOURS))
            continue
        start = member.periods.window_start(day)
        own_left = member.entitled - own[index].since(start)
        # A case's day counts once toward the cap; time before LeaveDesk (no case) is each policy's own.
        key = (day, case_number or f"before:{member.policy_code}")
        taken = cap_taken.get(key)
        credit = taken.hours if taken is not None else NO_HOURS
        cap_left = own_left if cap is None else cap - group.since(start) + credit
        covered = max(min(charge.hours, own_left, cap_left), NO_HOURS)
        by_cap = covered < charge.hours and cap_left < own_left
        own[index].add(day, covered)
        if cap is not None and covered > credit:
            group.add(day, covered - credit)
            cap_taken[key] = Charge(day, covered, case_number, charge.kind, charge.holiday)
        shares[member.policy_code].append(Share(charge, counted=True, covered=covered, by_cap=by_cap))
    cap_used = sorted(cap_taken.values(), key=lambda charge: (charge.day, charge.case_number))
    return Allocation(shares, cap_used)
