"""Time an approved decision covers that its policy does not charge, and why, in one place.

Four rules take days out of what a policy charges, before the entitlement is counted:

- leave before the employee met the eligibility test is not FMLA leave; from that day it is (29 CFR 825.110(d);
  the decision carries the day as Coverage.eligible_from);
- bonding time after the 12 months from the birth or placement (29 CFR 825.120(a)(2); M.G.L. c.175M §2(a);
  policies.engine.bonding);
- the days of an employer closure of a week or more (29 CFR 825.200(h); rules `closures_not_charged`);
- bonding and parent care past what spouses at the same employer share (29 CFR 825.120(a)(3), 825.201(b);
  policies.engine.spouses).

Each stretch not charged is an `Uncharged`, whose line the ledger adds to the balance's explanation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from absence.calendar import Closure
from policies.engine.allocation import Periods
from policies.engine.bonding import after_bonding_text, bonding_ends
from policies.engine.charges import Charge
from policies.engine.charges import policy_charges as charges_by_schedule
from policies.engine.facts import CaseTime, Coverage, Schedule
from policies.engine.periods import period_at
from policies.engine.rules import PeriodMethod, PolicyRules
from policies.engine.spouses import SOURCE as SPOUSES_SOURCE
from policies.engine.spouses import SpouseUse, share_with_spouse
from policies.engine.wording import date_text, hours_text, without_sources

CLOSURE_SOURCE = "29 CFR 825.200(h)"
ELIGIBILITY_SOURCE = "29 CFR 825.110(d)"
SHORTEST_CLOSURE_DAYS = 7  # "one or more weeks"
NO_HOURS = Decimal(0)


@dataclass(frozen=True)
class Uncharged:
    """Hours of one case an approved decision covers, from `first` to `last`, that the policy does not charge."""

    case_number: str
    first: date
    last: date
    hours: Decimal
    why: str  # for the specialist, with the rule's source
    # For the employee when the specialist's words will not do (they name someone else's leave); else `why`
    # without its source.
    plain_why: str = ""

    def line(self, policy: str, *, plain: bool = False) -> str:
        """ "Case N: X h on <dates> not charged to <policy>: <why>."; plain: in the employee's words."""
        span = date_text(self.first) if self.first == self.last else f"{date_text(self.first)} – {date_text(self.last)}"
        why = (self.plain_why or without_sources(self.why)) if plain else self.why
        return _("Case %(case)s: %(hours)s h on %(span)s not charged to %(policy)s: %(why)s.") % {
            "case": self.case_number,
            "hours": hours_text(self.hours),
            "span": span,
            "policy": policy,
            "why": why,
        }


def long_closures(closures: Iterable[Closure]) -> list[Closure]:
    """The closures of a week or more: the ones whose days are not charged to FMLA."""
    return [closure for closure in closures if closure.days >= SHORTEST_CLOSURE_DAYS]


def policy_charges(
    rules: PolicyRules,
    coverages: Sequence[Coverage],
    cases: Mapping[str, CaseTime],
    schedule: Schedule,
    holidays: Mapping[date, str],
    *,
    closures: Sequence[Closure] = (),
    used_by_spouse: Sequence[SpouseUse] = (),
) -> tuple[list[Charge], list[Uncharged]]:
    """What a policy's approved decisions charge, day by day, and what they cover but do not charge.

    The days each decision may charge (from eligibility, up to the bonding end) are charged as charges.py charges
    them (by the workweek across the cases, entries by the schedule); what the full decisions would have charged
    outside those days is what is not charged, with its reason."""
    entitlement = rules.entitlement
    per_case = entitlement is not None and entitlement.period_method is PeriodMethod.PER_CASE
    clipped: list[Coverage] = []
    uncharged: list[Uncharged] = []
    full = charges_by_schedule(cases, coverages, schedule, holidays, per_case=per_case)
    for coverage in coverages:
        case = cases[coverage.case_number]
        kept, left_out = _clipped(rules, case, coverage, [c for c in full if c.case_number == case.case_number])
        if kept is not None:
            clipped.append(kept)
        uncharged += left_out
    charged = (
        full
        if clipped == list(coverages)
        else charges_by_schedule(cases, clipped, schedule, holidays, per_case=per_case)
    )
    if entitlement is not None and entitlement.closures_not_charged:
        charged, closed = _outside_closures(charged, long_closures(closures))
        uncharged += closed
    if entitlement is not None and entitlement.spouses_share_weeks is not None:
        charged, cut = share_with_spouse(
            entitlement.spouses_share_weeks,
            charged,
            cases=cases,
            used_by_spouse=used_by_spouse,
            weekly_hours=schedule.weekly_hours,
            window_start=lambda day: _window_start(rules, day, charged),
        )
        words = {"weeks": hours_text(entitlement.spouses_share_weeks), "source": SPOUSES_SOURCE}
        why = (
            _(
                "with the spouse's leave, the %(weeks)s workweeks spouses at the employer share for bonding and a "
                "parent's care are used [%(source)s]"
            )
            % words
        )
        # The employee reads only that the shared weeks are used, nothing of the spouse's own leave.
        plain_why = _("the %(weeks)s workweeks shared for bonding and a parent's care are used") % words
        uncharged += _stretches(cut, why, plain_why)
    return charged, sorted(uncharged, key=lambda u: (u.first, u.case_number))


def _clipped(
    rules: PolicyRules, case: CaseTime, coverage: Coverage, full: list[Charge]
) -> tuple[Coverage | None, list[Uncharged]]:
    """The decision narrowed to the days it may charge (None: none), and what its full dates charge outside them."""
    clipped = coverage
    eligible_from = coverage.eligible_from
    if eligible_from is not None and eligible_from > coverage.start:
        clipped = replace(clipped, start=eligible_from)
    last = bonding_ends(rules.eligibility, case)
    if last is not None and last < clipped.end:
        clipped = replace(clipped, end=last)
    if clipped == coverage:
        return coverage, []
    uncharged: list[Uncharged] = []
    if eligible_from is not None and eligible_from > coverage.start:
        before = [c for c in full if c.day < eligible_from and c.hours > 0]
        why = _("the employee met the eligibility test on %(day)s; leave before that day is not FMLA [%(source)s]") % {
            "day": date_text(eligible_from),
            "source": ELIGIBILITY_SOURCE,
        }
        uncharged += _stretches(before, why)
    if last is not None and case.child_event_date is not None and rules.eligibility.bonding_within_months:
        after = [c for c in full if c.day > last and c.hours > 0]
        uncharged += _stretches(
            after, after_bonding_text(case.child_event_date, rules.eligibility.bonding_within_months)
        )
    return (clipped if clipped.start <= clipped.end else None), uncharged


def _outside_closures(charges: list[Charge], closures: Sequence[Closure]) -> tuple[list[Charge], list[Uncharged]]:
    kept = [c for c in charges if not any(closure.holds(c.day) for closure in closures)]
    uncharged: list[Uncharged] = []
    for closure in closures:
        closed = [c for c in charges if closure.holds(c.day) and c.hours > 0]
        why = _(
            "the employer was closed %(start)s – %(end)s (%(reason)s, %(days)s days), and a closure of a week or "
            "more does not count against FMLA leave [%(source)s]"
        ) % {
            "start": date_text(closure.start),
            "end": date_text(closure.end),
            "reason": closure.reason,
            "days": closure.days,
            "source": CLOSURE_SOURCE,
        }
        uncharged += _stretches(closed, why)
    return kept, uncharged


def _stretches(charges: Sequence[Charge], why: str, plain_why: str = "") -> list[Uncharged]:
    """The charges left out, one Uncharged per case (first to last day, their hours together)."""
    by_case: dict[str, list[Charge]] = {}
    for charge in charges:
        by_case.setdefault(charge.case_number, []).append(charge)
    return [
        Uncharged(
            number,
            min(c.day for c in days),
            max(c.day for c in days),
            sum((c.hours for c in days), NO_HOURS),
            why,
            plain_why,
        )
        for number, days in by_case.items()
    ]


def _window_start(rules: PolicyRules, day: date, charges: Sequence[Charge]) -> date:
    """The first day of the FMLA period counted on `day` (for the spouses' shared weeks)."""
    entitlement = rules.entitlement
    assert entitlement is not None  # noqa: S101 (only a counted policy shares weeks)
    if entitlement.period_method in (PeriodMethod.FORWARD_FROM_FIRST_USE, PeriodMethod.BENEFIT_YEAR):
        period = Periods(entitlement, [c.day for c in charges if c.hours > 0]).at(day)
        return period.start if period is not None else day
    period = period_at(entitlement, day, ())
    return period.start if period is not None else day
