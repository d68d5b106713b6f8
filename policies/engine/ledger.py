"""The entitlement ledger: hours used and remaining for each policy at any date, with the reasons.

Time is charged to every approved policy that covers it, concurrently: the same day of leave counts toward
FMLA and toward PFML when both are approved. A policy is charged only up to its entitlement (policies.engine.
allocation): approved time past it is not covered, kept apart as `not_covered_hours`, and never reaches used or
remaining hours, a later period or a combined cap. Built from values (schedule, case time, approved coverage,
rules); cases.balances builds it from the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from absence.calendar import OFFICE_CALENDAR, Closure
from policies.engine.allocation import Allocation, Member, Periods, Share, allocate
from policies.engine.benefit_year import leave_start_days, waiting_weeks
from policies.engine.calendar import ONE_DAY
from policies.engine.charges import Charge, ChargeKind, merge_charges, opening_charges
from policies.engine.entries import EntryFlag, entry_flags
from policies.engine.explanation import (
    charge_lines,
    entitlement_line,
    entry_line,
    leave_covered_line,
    not_covered_line,
    not_covered_words,
    schedule_text,
    unpaid_start_line,
)
from policies.engine.facts import CaseTime, Coverage, OpeningBalance, Pattern, Schedule
from policies.engine.not_charged import Uncharged, policy_charges
from policies.engine.periods import period_text
from policies.engine.projection import HoursByDay, Limit, Pace, run_out_day, walked_period
from policies.engine.rules import EntitlementRules, PeriodMethod, PolicyRules, UnpaidStartKind
from policies.engine.spouses import SpouseUse
from policies.engine.wording import HUNDREDTH, date_text, hours_text, without_sources

NO_HOURS = Decimal(0)


@dataclass(frozen=True)
class PolicyBalance:
    """One policy's figures at `as_of`. entitlement/remaining are None for a policy with no counted entitlement."""

    policy_code: str
    policy_name: str
    short_name: str
    as_of: date
    entitlement_hours: Decimal | None
    used_hours: Decimal
    remaining_hours: Decimal | None
    weekly_hours: Decimal
    period_start: date | None
    period_end: date | None  # None for a per-case plan (no end) or when no period has started
    runs_out_on: date | None
    explanation: tuple[str, ...]
    case_number: str = ""  # set for a per-case plan (one balance per case)
    # Approved hours in the period (up to as_of) past the entitlement: not covered by the policy, not in used_hours.
    not_covered_hours: Decimal = NO_HOURS
    # When the run-out date would fall after the leave: "FMLA covers this leave; 160 hours remain after it".
    leave_covered: str = ""
    # Time in the period not charged as asked, and why (also in the explanation): what the decisions cover that
    # the policy does not charge, entries charged other than entered, approved time past the entitlement. For the
    # specialist with the rules' sources; not_charged_plain in the employee's words (no sources, no spouse).
    not_charged: tuple[str, ...] = ()
    not_charged_plain: tuple[str, ...] = ()

    @property
    def weeks_used(self) -> Decimal:
        return self.used_hours / self.weekly_hours if self.weekly_hours else NO_HOURS

    @property
    def exhausted(self) -> bool:
        """Whether nothing remains: the entitlement (or a combined cap it shares) is used up."""
        return self.remaining_hours is not None and self.remaining_hours <= 0

    @property
    def hours_beyond(self) -> Decimal:
        """The not-covered hours to the hundredth: approved time past the entitlement; 0 within it."""
        return self.not_covered_hours.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)

    @property
    def summary(self) -> str:
        """The plain-words line for the employee: "FMLA: 118.5 of 480 hours used as of Mar 3, 2026".

        Used never reads as more than the entitlement (29 CFR 825.200(a): 12 workweeks is the cap): approved time
        past it is said apart as not covered, "FMLA: all 450 hours used as of Nov 26, 2026; 20 hours not covered
        by FMLA". A balance emptied by a combined cap says so.
        """
        words = {
            "name": self.short_name,
            "used": hours_text(self.used_hours),
            "day": date_text(self.as_of),
            "total": hours_text(self.entitlement_hours or NO_HOURS),
        }
        if self.entitlement_hours is None:
            line = _("%(name)s: %(used)s hours taken as of %(day)s")
        elif self.used_hours >= self.entitlement_hours - HUNDREDTH / 2:
            line = _("%(name)s: all %(total)s hours used as of %(day)s")
        elif self.exhausted:
            line = _("%(name)s: %(used)s of %(total)s hours used as of %(day)s; none remain under the combined cap")
        else:
            line = _("%(name)s: %(used)s of %(total)s hours used as of %(day)s")
        line %= words
        if self.hours_beyond > 0:
            line += "; " + not_covered_words(self.hours_beyond, self.short_name)
        return line


class Ledger:
    """The charges of one employee's approved decisions, and the balances they leave."""

    def __init__(
        self,
        schedule: Schedule,
        cases: Iterable[CaseTime],
        coverages: Iterable[Coverage],
        rules: Mapping[str, PolicyRules],
        holidays: Mapping[date, str] | None = None,
        *,
        openings: Iterable[OpeningBalance] = (),
        closures: Sequence[Closure] = (),
        used_by_spouse: Sequence[SpouseUse] = (),
    ) -> None:
        self.closures, self.used_by_spouse = tuple(closures), tuple(used_by_spouse)
        self.schedule = schedule
        self.openings = tuple(openings)
        self.cases = {case.case_number: case for case in cases}
        self.rules = dict(rules)
        self.coverages = _merged([c for c in coverages if c.case_number in self.cases and c.policy_code in rules])
        self.holidays = OFFICE_CALENDAR.holidays if holidays is None else holidays
        self._charges: dict[str, list[Charge]] = {}
        self._uncharged: dict[str, list[Uncharged]] = {}
        self._allocations: dict[str, Allocation] = {}
        self._periods: dict[tuple[str, str], Periods] = {}

    def adding(self, coverage: Coverage) -> Ledger:
        """This ledger with one more approved decision: what approving it would do."""
        return Ledger(
            self.schedule,
            self.cases.values(),
            [*self.coverages, coverage],
            self.rules,
            self.holidays,
            openings=self.openings,
            closures=self.closures,
            used_by_spouse=self.used_by_spouse,
        )

    def charges(self, policy_code: str) -> list[Charge]:
        """Every day the policy's approved decisions charge, whatever the period."""
        if policy_code not in self._charges:
            entitlement = self.rules[policy_code].entitlement
            per_case = entitlement is not None and entitlement.period_method is PeriodMethod.PER_CASE
            charges, self._uncharged[policy_code] = policy_charges(
                self.rules[policy_code],
                [coverage for coverage in self.coverages if coverage.policy_code == policy_code],
                self.cases,
                self.schedule,
                self.holidays,
                closures=self.closures,
                used_by_spouse=self.used_by_spouse,
            )
            # A per-case plan's maximum belongs to a case: time before LeaveDesk has none to count toward.
            openings = [] if per_case else opening_charges(self.openings, policy_code)
            self._charges[policy_code] = sorted(charges + openings, key=lambda c: (c.day, c.case_number))
        return self._charges[policy_code]

    def uncharged(self, policy_code: str) -> list[Uncharged]:
        """What the policy's approved decisions cover but it does not charge, and why (not_charged)."""
        self.charges(policy_code)
        return self._uncharged[policy_code]

    def entry_flags(self, case_number: str = "") -> list[EntryFlag]:
        """Every time entry of the ledger's cases charged differently from what was entered, and why (one
        case's, given case_number), judged against the schedule with the other cases' entries of the day."""
        flags = entry_flags(self.cases.values(), self.schedule, self.holidays)
        return [flag for flag in flags if flag.case_number == case_number] if case_number else flags

    def shares(self, policy_code: str, case_number: str = "") -> list[Share]:
        """The policy's charged days, each split into the hours it covers and the hours beyond its entitlement
        (one case's days, given case_number). Empty for a policy with no counted entitlement."""
        if self.rules[policy_code].entitlement is None:
            return []
        shares = self._allocation(policy_code).shares.get(policy_code, [])
        return [share for share in shares if share.charge.case_number == case_number] if case_number else shares

    def cap_used(self, policy_code: str) -> list[Charge]:
        """What the combined cap the policy shares took each day (covered hours only, a case's day once)."""
        return self._allocation(policy_code).cap_used

    def periods(self, policy_code: str, case_number: str = "") -> Periods:
        """The policy's periods (the case's, for a per-case plan), anchored by the days leave was used."""
        entitlement = self.rules[policy_code].entitlement
        if entitlement is None:
            raise ValueError(f"{policy_code} counts no entitlement")
        self._allocation(policy_code)
        key = (policy_code, case_number if entitlement.period_method is PeriodMethod.PER_CASE else "")
        return self._periods.setdefault(key, Periods(entitlement, []))

    def entitled_hours(self, policy_code: str) -> Decimal:
        entitlement = self.rules[policy_code].entitlement
        return NO_HOURS if entitlement is None else entitlement.weeks * self.schedule.entitlement_weekly_hours

    def group_codes(self, policy_code: str) -> list[str]:
        """The policies charged together with this one: those sharing its combined cap (or itself alone)."""
        entitlement = self.rules[policy_code].entitlement
        if entitlement is None or entitlement.combined is None:
            return [policy_code]
        group = entitlement.combined.group
        return sorted(code for code, r in self.rules.items() if r.entitlement and _group_of(r.entitlement) == group)

    def hours_left(self, policy_code: str, day: date, *, case_number: str = "", through_day: bool = False) -> Decimal:
        """What the policy has left on `day` by its period rules, before that day's leave (after it, given
        through_day): its entitlement less the covered hours in the window counted on `day`, and no more than
        its combined cap has left. case_number picks the case of a per-case plan."""
        left = self._left(policy_code, day, case_number, through_day, cap=False)
        entitlement = self.rules[policy_code].entitlement
        if entitlement is not None and entitlement.combined is not None:
            left = min(left, self._left(policy_code, day, case_number, through_day, cap=True))
        return max(left, NO_HOURS)

    def cap_left(self, policy_code: str, day: date, *, through_day: bool = False) -> Decimal | None:
        """What the combined cap the policy shares has left on `day` (None without one)."""
        entitlement = self.rules[policy_code].entitlement
        if entitlement is None or entitlement.combined is None:
            return None
        return max(self._left(policy_code, day, "", through_day, cap=True), NO_HOURS)

    def _left(self, policy_code: str, day: date, case_number: str, through_day: bool, *, cap: bool) -> Decimal:
        periods = self.periods(policy_code, case_number)
        case_number = case_number if periods.rules.period_method is PeriodMethod.PER_CASE else ""
        start, last = periods.window_start(day), day if through_day else day - ONE_DAY
        if cap and periods.rules.combined is not None:
            limit, taken = (
                periods.rules.combined.weeks * self.schedule.entitlement_weekly_hours,
                self.cap_used(policy_code),
            )
        else:
            limit = self.entitled_hours(policy_code)
            taken = [share.covered_charge for share in self.shares(policy_code, case_number)]
        return limit - HoursByDay(taken).between(start, last)

    def _allocation(self, policy_code: str) -> Allocation:
        entitlement = self.rules[policy_code].entitlement
        if entitlement is None:
            raise ValueError(f"{policy_code} counts no entitlement")
        codes = self.group_codes(policy_code)
        key = f"group:{entitlement.combined.group}" if entitlement.combined else f"policy:{policy_code}"
        if key not in self._allocations:
            cap = None
            if entitlement.combined is not None:
                cap = (
                    min(_cap_weeks(self.rules[code].entitlement) for code in codes)
                    * self.schedule.entitlement_weekly_hours
                )
            self._allocations[key] = allocate([m for code in codes for m in self._members(code)], cap)
        return self._allocations[key]

    def _members(self, policy_code: str) -> list[Member]:
        entitlement = self.rules[policy_code].entitlement
        assert entitlement is not None  # noqa: S101 (only counted policies are allocated)
        own = self.charges(policy_code)
        entitled = self.entitled_hours(policy_code)
        if entitlement.period_method is PeriodMethod.PER_CASE:
            members = []
            for number in sorted({charge.case_number for charge in own}):
                charges = [charge for charge in own if charge.case_number == number]
                periods = Periods(entitlement, [charge.day for charge in charges if charge.hours > 0])
                self._periods[(policy_code, number)] = periods
                members.append(Member(policy_code, entitled, periods, charges))
            return members
        benefit_year = entitlement.period_method is PeriodMethod.BENEFIT_YEAR
        anchors = self.group_charges(entitlement, own) if benefit_year else own
        use_days = [charge.day for charge in anchors if charge.hours > 0]
        if benefit_year:  # the benefit year starts from the first day of leave, a workday or not
            group = [c for c in self.coverages if c.policy_code in self.group_codes(policy_code)]
            use_days += leave_start_days(group, self.cases)
        periods = Periods(entitlement, use_days)
        self._periods[(policy_code, "")] = periods
        return [Member(policy_code, entitled, periods, own)]

    def balances(self, as_of: date) -> list[PolicyBalance]:
        """A balance for each policy with an approved decision (one per case for a per-case plan)."""
        result: list[PolicyBalance] = []
        approved = {c.policy_code for c in self.coverages} | {
            o.policy_code for o in self.openings if o.policy_code in self.rules
        }
        for code in sorted(approved, key=lambda code: self.rules[code].name):
            entitlement = self.rules[code].entitlement
            if entitlement is not None and entitlement.period_method is PeriodMethod.PER_CASE:
                numbers = sorted({c.case_number for c in self.coverages if c.policy_code == code})
                result.extend(self.balance(code, as_of, case_number=number) for number in numbers)
            else:
                result.append(self.balance(code, as_of))
        return result

    def balance(self, policy_code: str, as_of: date, *, case_number: str = "") -> PolicyBalance:
        """The policy's figures at as_of. case_number picks the case of a per-case plan and the pace to project."""
        rules = self.rules[policy_code]
        own = self.charges(policy_code)
        entitlement = rules.entitlement
        if entitlement is None:
            return self._uncounted_balance(rules, own, as_of, case_number)
        if entitlement.period_method is PeriodMethod.PER_CASE:
            own = [charge for charge in own if charge.case_number == case_number]
        return _Counting(self, rules, entitlement, own, as_of=as_of, case_number=case_number).balance()

    def group_charges(self, entitlement: EntitlementRules, own: list[Charge]) -> list[Charge]:
        """The charges of every policy sharing the combined cap (and the benefit year) with this one."""
        if entitlement.combined is None:
            return own
        group = entitlement.combined.group
        codes = [code for code, r in self.rules.items() if r.entitlement and _group_of(r.entitlement) == group]
        unique: dict[tuple[str, date], Charge] = {}
        for code in codes:
            for charge in self.charges(code):
                unique.setdefault((charge.case_number or code, charge.day), charge)
        return merge_charges([list(unique.values())])

    def pace(self, policy_code: str, as_of: date, case_number: str = "") -> Pace | None:
        """The pattern in progress (or next to start) under this policy, to project the run-out date."""
        ongoing: list[tuple[date, date, CaseTime]] = []
        upcoming: list[tuple[date, date, CaseTime]] = []
        for coverage in self.coverages:
            if coverage.policy_code != policy_code or (case_number and coverage.case_number != case_number):
                continue
            case = self.cases[coverage.case_number]
            start, end = max(case.start, coverage.start), min(case.end, coverage.end)
            if start <= as_of <= end:
                ongoing.append((start, end, case))
            elif start > as_of:
                upcoming.append((start, end, case))
        if not ongoing and not upcoming:
            return None
        start, end, case = max(ongoing, key=lambda s: s[0]) if ongoing else min(upcoming, key=lambda s: s[0])
        if case.pattern is Pattern.CONTINUOUS:
            return self._continuous_pace(start, as_of, leave_end=max(case.end, end), charged_through=end)
        return _intermittent_pace(case, start, as_of)

    def _continuous_pace(self, start: date, as_of: date, *, leave_end: date, charged_through: date) -> Pace:
        schedule = self.schedule
        first = max(start, as_of + ONE_DAY)
        text = _("absent every scheduled day (%(schedule)s) from %(day)s") % {
            "schedule": schedule_text(schedule),
            "day": date_text(first),
        }
        return Pace(first, schedule.hours_on, text, leave_end=leave_end, charged_through=charged_through)

    def _uncounted_balance(self, rules: PolicyRules, own: list[Charge], as_of: date, case_number: str) -> PolicyBalance:
        taken = [charge for charge in own if charge.day <= as_of]
        lines = [_("No entitlement is counted for this policy: it is decided case by case."), *charge_lines(taken)]
        noted = [entry_line(charge) for charge in taken if charge.kind is ChargeKind.ENTRY and charge.note]
        return PolicyBalance(
            policy_code=rules.code,
            policy_name=rules.name,
            short_name=rules.short_name,
            as_of=as_of,
            entitlement_hours=None,
            used_hours=sum((charge.hours for charge in taken), NO_HOURS),
            remaining_hours=None,
            weekly_hours=self.schedule.entitlement_weekly_hours,
            period_start=None,
            period_end=None,
            runs_out_on=None,
            explanation=tuple(lines),
            case_number=case_number,
            not_charged=tuple(noted),
            not_charged_plain=tuple(without_sources(line) for line in noted),
        )


def _intermittent_pace(case: CaseTime, start: date, as_of: date) -> Pace | None:
    taken = [entry for entry in case.entries if start <= entry.day <= as_of]
    if not taken:
        return None
    first = min(entry.day for entry in taken)
    weeks = max(Decimal((as_of - first).days + 1) / 7, Decimal(1))
    weekly = sum((entry.hours for entry in taken), NO_HOURS) / weeks
    text = _("an average of %(hours)s h a week over the time entries since %(day)s") % {
        "hours": hours_text(weekly),
        "day": date_text(first),
    }
    return Pace(as_of + ONE_DAY, lambda _day: weekly / 7, text, leave_end=case.end)


def _group_of(entitlement: EntitlementRules) -> str:
    return entitlement.combined.group if entitlement.combined else ""


def _cap_weeks(entitlement: EntitlementRules | None) -> Decimal:
    return entitlement.combined.weeks if entitlement is not None and entitlement.combined is not None else NO_HOURS


def _merged(coverages: list[Coverage]) -> list[Coverage]:
    """Join one policy's back-to-back or overlapping decisions on a case, so a workweek is judged whole."""
    merged: list[Coverage] = []
    for coverage in sorted(coverages, key=lambda c: (c.policy_code, c.case_number, c.start)):
        last = merged[-1] if merged else None
        same = last and (last.policy_code, last.case_number) == (coverage.policy_code, coverage.case_number)
        if last and same and coverage.start <= last.end + ONE_DAY:
            merged[-1] = replace(last, end=max(last.end, coverage.end))
        else:
            merged.append(coverage)
    return merged


class _Counting:
    """One counted balance being worked out: the period, the unpaid start, the caps, the run-out day."""

    def __init__(
        self,
        ledger: Ledger,
        rules: PolicyRules,
        entitlement: EntitlementRules,
        own: list[Charge],
        *,
        as_of: date,
        case_number: str,
    ) -> None:
        self.ledger, self.rules, self.entitlement, self.as_of = ledger, rules, entitlement, as_of
        self.case_number = case_number
        self.own = own
        per_case = entitlement.period_method is PeriodMethod.PER_CASE
        self.shares = ledger.shares(rules.code, case_number if per_case else "")
        self.covered = [share.covered_charge for share in self.shares if share.counted]
        self.group = ledger.group_charges(entitlement, own) if entitlement.combined else own
        self.periods = ledger.periods(rules.code, case_number)
        self.use_days = self.periods.use_days
        self.period = self.periods.at(as_of)
        self.unpaid = self.periods.unpaid_window(self.period)
        self.weekly = ledger.schedule.entitlement_weekly_hours
        self.leave_covered = ""  # set by _run_out when the entitlement lasts past the leave

    def counts(self, day: date) -> bool:
        """Whether hours on this day count toward the entitlement (not when in an uncounted elimination period)."""
        unpaid = self.entitlement.unpaid_start
        return self.unpaid is None or unpaid is None or unpaid.charges_entitlement or not self.unpaid.holds(day)

    def used(self, charges: list[Charge]) -> Decimal:
        """The hours of `charges` in the period up to as_of (covered hours: they never pass the entitlement)."""
        if self.period is None:
            return NO_HOURS
        end = min(self.as_of, self.period.end)
        return HoursByDay(charges).between(self.period.start, end)

    def not_covered(self) -> tuple[Decimal, list[Share]]:
        """The approved hours in the period up to as_of that the entitlement did not cover, and their days."""
        if self.period is None:
            return NO_HOURS, []
        end = min(self.as_of, self.period.end)
        beyond = [s for s in self.shares if self.period.start <= s.charge.day <= end and s.not_covered > 0]
        return sum((share.not_covered for share in beyond), NO_HOURS), beyond

    def balance(self) -> PolicyBalance:
        entitlement, weekly = self.entitlement, self.weekly
        entitled = entitlement.weeks * weekly
        used = self.used(self.covered)
        remaining = entitled - used
        limits = [Limit(entitled, HoursByDay(self.covered), self.counts)]
        lines = [entitlement_line(entitlement.weeks, self.ledger.schedule), *self._period_lines()]
        if entitlement.combined is not None:
            cap = entitlement.combined.weeks * weekly
            cap_used = self.ledger.cap_used(self.rules.code)
            group_used = self.used(cap_used)
            remaining = min(remaining, cap - group_used)
            limits.append(Limit(cap, HoursByDay(cap_used), self.counts))
            lines.append(
                _("Combined cap: %(used)s of %(cap)s h (%(weeks)s workweeks) used by all policies sharing it.")
                % {
                    "used": hours_text(group_used),
                    "cap": hours_text(cap),
                    "weeks": hours_text(entitlement.combined.weeks),
                }
            )
        remaining = max(remaining, NO_HOURS)
        words = {"used": hours_text(used), "remaining": hours_text(remaining)}
        lines.append(_("Used: %(used)s h; remaining: %(remaining)s h.") % words)
        not_covered, beyond = self.not_covered()
        beyond_lines: list[str] = []
        if not_covered.quantize(HUNDREDTH, rounding=ROUND_HALF_UP) > 0:
            days = [share.charge.day for share in beyond]
            capped = entitlement.combined is not None and all(share.by_cap for share in beyond)
            cap_weeks = entitlement.combined.weeks if capped and entitlement.combined else None
            beyond_lines.append(
                not_covered_line(not_covered, self.rules.short_name, min(days), max(days), cap_weeks=cap_weeks)
            )
        lines.extend(beyond_lines)
        runs_out_on, run_out_text = self._run_out(remaining, limits)
        lines.append(run_out_text)
        per_case = entitlement.period_method is PeriodMethod.PER_CASE
        return PolicyBalance(
            policy_code=self.rules.code,
            policy_name=self.rules.name,
            short_name=self.rules.short_name,
            as_of=self.as_of,
            entitlement_hours=entitled,
            used_hours=used,
            remaining_hours=remaining,
            weekly_hours=weekly,
            period_start=self.period.start if self.period else None,
            period_end=self.period.end if self.period and not per_case else None,
            runs_out_on=runs_out_on,
            explanation=tuple(lines),
            case_number=self.case_number if per_case else "",
            not_covered_hours=not_covered,
            leave_covered=self.leave_covered,
            not_charged=self._not_charged(beyond_lines),
            not_charged_plain=self._not_charged(beyond_lines, plain=True),
        )

    def _period_lines(self) -> list[str]:
        if self.period is None:
            return [_("No leave has been charged yet in a current period.")]
        end = min(self.as_of, self.period.end)
        in_period = [charge for charge in self.own if self.period.start <= charge.day <= end]
        lines = [_("Period: %(period)s.") % {"period": period_text(self.entitlement, self.period)}]
        lines.extend(charge_lines(in_period))
        lines.extend(self._uncharged_lines(end))
        unpaid = self.entitlement.unpaid_start
        if unpaid is not None and unpaid.kind is UnpaidStartKind.WAITING_PERIOD:
            lines.extend(self._waiting_lines(end))
        elif unpaid is not None and self.unpaid is not None and self.unpaid.start <= self.as_of:
            # The whole benefit year's waiting period: moving from medical to family leave adds no second one.
            hours = sum((c.hours for c in self.group if self.unpaid.holds(c.day) and c.day <= end), NO_HOURS)
            lines.append(unpaid_start_line(unpaid, self.unpaid.start, hours))
        return lines

    def _uncharged_lines(self, end: date, *, plain: bool = False) -> list[str]:
        assert self.period is not None  # noqa: S101 (called with a period)
        start, name = self.period.start, self.rules.short_name
        left_out = self.ledger.uncharged(self.rules.code)
        if self.entitlement.period_method is PeriodMethod.PER_CASE:
            left_out = [u for u in left_out if u.case_number == self.case_number]
        return [u.line(name, plain=plain) for u in left_out if u.first <= end and u.last >= start]

    def _not_charged(self, beyond_lines: list[str], *, plain: bool = False) -> tuple[str, ...]:
        """The period's time not charged as asked, and why: the stretches not charged, the entries charged
        other than entered, then the time past the entitlement."""
        if self.period is None:
            return ()
        start, end = self.period.start, min(self.as_of, self.period.end)
        noted = [entry_line(c) for c in self.own if c.kind is ChargeKind.ENTRY and c.note and start <= c.day <= end]
        lines = [*self._uncharged_lines(end, plain=plain), *noted, *beyond_lines]
        return tuple(without_sources(line) for line in lines) if plain else tuple(lines)

    def _waiting_lines(self, end: date) -> list[str]:
        """A waiting period per application whose leave began in the period (benefit_year.waiting_weeks)."""
        unpaid = self.entitlement.unpaid_start
        assert unpaid is not None  # noqa: S101 (called for a waiting period)
        assert self.period is not None  # noqa: S101
        codes = self.ledger.group_codes(self.rules.code)
        coverages = [c for c in self.ledger.coverages if c.policy_code in codes]
        charged = [c for c in self.group if c.day <= end]
        weeks = waiting_weeks(unpaid.days, self.period, coverages, self.ledger.cases, charged)
        return [unpaid_start_line(unpaid, week.window.start, week.hours) for week in weeks if week.window.start <= end]

    def _run_out(self, remaining: Decimal, limits: list[Limit]) -> tuple[date | None, str]:
        if remaining <= 0 and self.period is not None:
            end = min(self.as_of, self.period.end)
            days = [d for limit in limits if (d := limit.past.first_day_reaching(self.period.start, end, limit.hours))]
            ran_out = min(days) if days else self.as_of
            return ran_out, _("The entitlement ran out on %(day)s.") % {"day": date_text(ran_out)}
        pace = self.ledger.pace(self.rules.code, self.as_of, self.case_number)
        if pace is None:
            return None, _("No leave under this policy is in progress or ahead, so nothing is running out.")
        day = run_out_day(self.entitlement, self.period, self.as_of, pace, limits)
        _period, walked_to = walked_period(self.entitlement, self.period, self.as_of, pace)
        leave_end = pace.leave_end
        if leave_end is not None and leave_end <= walked_to and (day is None or day > leave_end):
            # The run-out date is shown only inside the leave; past it, say what the leave leaves.
            left = self.ledger.hours_left(self.rules.code, leave_end, case_number=self.case_number, through_day=True)
            after = max(left - pace.hours_ahead(self.as_of, leave_end, self.counts), NO_HOURS)
            self.leave_covered = leave_covered_line(self.rules.short_name, after)
            return None, self.leave_covered
        words = {"pace": pace.text, "day": date_text(day) if day else ""}
        if day is None:
            return None, _(
                "At this pace (%(pace)s) the entitlement does not run out in this period or the next 12 months."
            ) % words
        return day, _("At this pace (%(pace)s) the entitlement runs out on %(day)s.") % words
