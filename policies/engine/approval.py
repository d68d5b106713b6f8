"""Before a specialist approves a policy for some dates: would they use more than the policy has left?

The check counts the dates exactly as the ledger would once they are approved (policies.engine.allocation): the
workweek and holiday rules (29 CFR 825.200(h)), intermittent time as taken (825.205), every other approved
decision of the employee, concurrently, charged in date order by the period rules (825.200(b); 458 CMR 2.02), and
a combined cap (M.G.L. c.175M §2(d)). What the dates would charge past the entitlement is what the ledger would
show as not covered after an override (825.200(a): the entitlement is the limit), so the desk can say both before
saving: how many hours are left, the last day they cover, and how many hours would not be covered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from policies.engine.allocation import Share
from policies.engine.calendar import days_between
from policies.engine.explanation import (
    available_line,
    charge_lines,
    entitlement_line,
    fits_line,
    hours_left_line,
    not_covered_line,
    others_not_covered_line,
    requested_line,
    runs_out_line,
    unpaid_start_line,
)
from policies.engine.facts import Coverage
from policies.engine.ledger import Ledger
from policies.engine.periods import period_text
from policies.engine.projection import TOLERANCE
from policies.engine.rules import PeriodMethod
from policies.engine.wording import HUNDREDTH, hours_text

NO_HOURS = Decimal(0)


@dataclass(frozen=True)
class EntitlementCheck:
    """What approving one policy decision for [start, end] would use, against what the policy has left."""

    policy_name: str  # e.g. "Family Medical Leave Act"
    short_name: str  # e.g. "FMLA" (the name when there is no short name)
    start: date
    end: date
    requested_hours: Decimal  # hours these dates would charge this policy (schedule, holidays, workweek rules)
    remaining_hours: Decimal  # what the policy has left at `start`, before this approval (other approvals counted);
    # what the period rules give these dates when that differs (see check_approval)
    runs_out_on: date | None  # the last day of [start, end] the remaining hours still cover; None if none of it
    explanation: tuple[str, ...]  # plain lines, from the engine's explanation helpers

    @property
    def exceeds(self) -> bool:
        return self.requested_hours > self.remaining_hours

    @property
    def hours_beyond(self) -> Decimal:
        return max(self.requested_hours - self.remaining_hours, NO_HOURS)


@dataclass(frozen=True)
class _Part:
    """What the approval adds on one day: the hours it charges, and how many of them the policy covers."""

    day: date
    hours: Decimal
    covered: Decimal
    by_cap: bool = False  # what is not covered is past the combined cap

    @property
    def short(self) -> bool:
        return self.hours - self.covered > TOLERANCE


def check_approval(ledger: Ledger, approval: Coverage) -> EntitlementCheck | None:
    """What approving `approval` would use of its policy; None for a policy with no counted entitlement.

    `ledger` holds every other approved decision of the employee (not the one being decided, whatever it is
    now) and the case time of the approval's case. The approval is added and the two ledgers compared, so the
    figures are the ledger's own: `requested_hours` are what the dates add to the policy's charges, and
    `requested_hours - remaining_hours` are the hours the ledger would show as not covered after an override.

    `remaining_hours` is what the policy has left on `start`. Two things can give the dates more than that, and
    then it is what the period rules give these dates (an explanation line says both figures): a rolling
    12-month window giving hours back as earlier leave leaves it, or a new period starting within the dates.
    Other approved leave charged within the dates, in date order, can give them less.
    """
    if ledger.rules[approval.policy_code].entitlement is None:
        return None
    return _Approval(ledger, approval).check()


class _Approval:
    """One prospective approval: the ledger without it and with it, and what it adds to the policy."""

    def __init__(self, ledger: Ledger, approval: Coverage) -> None:
        self.before, self.after, self.approval = ledger, ledger.adding(approval), approval
        self.code, self.number = approval.policy_code, approval.case_number
        self.rules = ledger.rules[self.code]
        entitlement = self.rules.entitlement
        assert entitlement is not None  # noqa: S101 (check_approval returns None first)
        self.entitlement = entitlement
        self.short_name = self.rules.short_name or self.rules.name
        key = self.number if entitlement.period_method is PeriodMethod.PER_CASE else ""
        before, after = ledger.shares(self.code, key), self.after.shares(self.code, key)
        self.parts, self.others = _compare(before, after, self.number)
        for other in ledger.group_codes(self.code):
            if other != self.code:
                _add_losses(self.others, ledger.shares(other), self.after.shares(other))
        self.left = ledger.hours_left(self.code, approval.start, case_number=self.number)

    def left_after(self) -> Decimal:
        return self.after.hours_left(self.code, self.approval.end, case_number=self.number, through_day=True)

    def check(self) -> EntitlementCheck:
        start, end = self.approval.start, self.approval.end
        requested = sum((part.hours for part in self.parts), NO_HOURS)
        if any(part.short for part in self.parts):
            available = sum((part.covered for part in self.parts), NO_HOURS)
        elif self.left >= requested:
            available = self.left
        else:
            available = requested + self.left_after()
        requested, available = _hundredths(requested), _hundredths(available)
        runs_out_on = _runs_out_on(self.parts, start, end) if requested > available else end
        return EntitlementCheck(
            policy_name=self.rules.name,
            short_name=self.short_name,
            start=start,
            end=end,
            requested_hours=requested,
            remaining_hours=available,
            runs_out_on=runs_out_on,
            explanation=tuple(self.lines(requested, available, runs_out_on)),
        )

    def lines(self, requested: Decimal, available: Decimal, runs_out_on: date | None) -> list[str]:
        start, end, name, entitlement = self.approval.start, self.approval.end, self.short_name, self.entitlement
        lines = [entitlement_line(entitlement.weeks, self.before.schedule)]
        periods = self.after.periods(self.code, self.number)
        period = periods.at(start)
        if period is not None:
            lines.append(_("Period: %(period)s.") % {"period": period_text(entitlement, period)})
        lines.append(hours_left_line(name, self.left, start))
        cap_left = self.before.cap_left(self.code, start)
        if cap_left is not None and entitlement.combined is not None:
            words = {"left": hours_text(cap_left), "weeks": hours_text(entitlement.combined.weeks)}
            lines.append(_("Combined cap: %(left)s h of %(weeks)s workweeks left for all policies sharing it.") % words)
        if _hundredths(self.left) != available:
            lines.append(available_line(name, available, self.left, start))
        asked = {part.day for part in self.parts} | set(days_between(start, end))
        charges = [c for c in self.after.charges(self.code) if c.case_number == self.number and c.day in asked]
        lines.extend(charge_lines(charges))
        unpaid, window = entitlement.unpaid_start, periods.unpaid_window(period)
        if unpaid is not None and window is not None and window.start <= end and start <= window.end:
            hours = sum((c.hours for c in charges if window.holds(c.day)), NO_HOURS)
            lines.append(unpaid_start_line(unpaid, window.start, hours))
        lines.append(requested_line(name, requested, start, end))
        if requested > available:
            short = [part for part in self.parts if part.short]
            days = [part.day for part in short] or [start]
            capped = entitlement.combined is not None and bool(short) and all(part.by_cap for part in short)
            cap_weeks = entitlement.combined.weeks if capped and entitlement.combined else None
            beyond = requested - available
            lines.append(not_covered_line(beyond, name, min(days), max(days), cap_weeks=cap_weeks, prospective=True))
            lines.append(runs_out_line(runs_out_on))
        else:
            lines.append(fits_line(name, self.left_after()))
        lost = sum(self.others.values(), NO_HOURS)
        if _hundredths(lost) > 0:
            lines.append(others_not_covered_line(name, lost, sorted(self.others)))
        return lines


def _compare(before: list[Share], after: list[Share], number: str) -> tuple[list[_Part], dict[str, Decimal]]:
    """The approval's parts, day by day, and the covered hours other approved time loses to it, by case.

    A share that counts more hours than before is the approval's (its own dates, or a holiday of a workweek it
    makes whole, whichever case that holiday is charged to). A share that disappears is a time entry of another
    case on a day the approval's continuous leave now charges whole: the approval adds only the difference.
    """
    earlier = {(share.charge.day, share.charge.case_number): share for share in before}
    seen: set[tuple[date, str]] = set()
    added: dict[date, list[Decimal]] = {}
    capped: set[date] = set()
    lost: dict[str, Decimal] = defaultdict(lambda: NO_HOURS)
    for share in after:
        key = (share.charge.day, share.charge.case_number)
        seen.add(key)
        old = earlier.get(key)
        counted, covered = (old.counted_hours, old.covered) if old is not None else (NO_HOURS, NO_HOURS)
        # Another case's day counting more is the approval's too: it made that case's workweek whole (825.200(h)).
        if share.counted_hours > counted:
            part = added.setdefault(share.charge.day, [NO_HOURS, NO_HOURS])
            part[0] += share.counted_hours - counted
            part[1] += share.covered - covered
            if share.by_cap:
                capped.add(share.charge.day)
        elif covered > share.covered:
            lost[share.charge.case_number] += covered - share.covered
    for key, old in earlier.items():
        if key not in seen and key[0] in added:
            added[key[0]][0] -= old.counted_hours
            added[key[0]][1] -= old.covered
    parts: list[_Part] = []
    for day in sorted(added):
        hours, covered = added[day]
        if covered < 0:
            lost[number] -= covered
        if hours > 0:
            parts.append(_Part(day, hours, min(max(covered, NO_HOURS), hours), by_cap=day in capped))
    return parts, {case: hours for case, hours in lost.items() if hours > 0}


def _add_losses(lost: dict[str, Decimal], before: list[Share], after: list[Share]) -> None:
    """Covered hours another policy of the combined cap loses to the approval (the cap is charged in date order)."""
    now = {(share.charge.day, share.charge.case_number): share.covered for share in after}
    for share in before:
        loss = share.covered - now.get((share.charge.day, share.charge.case_number), NO_HOURS)
        if loss > 0:
            lost[share.charge.case_number] = lost.get(share.charge.case_number, NO_HOURS) + loss


def _runs_out_on(parts: list[_Part], start: date, end: date) -> date | None:
    """The last day of [start, end] still covered: the day the hours run out during, or the last day fully
    covered before the first day not covered at all; None when no day of the dates is covered."""
    last_covered: date | None = None
    for part in parts:
        if part.short:
            day = part.day if part.covered > 0 else last_covered
            if day is None or day < start:
                return None
            return min(day, end)
        last_covered = part.day
    return end


def _hundredths(hours: Decimal) -> Decimal:
    return hours.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
