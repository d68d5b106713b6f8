"""Service and hours for FMLA eligibility: employment with breaks, and the hours figure of the right date.

29 CFR 825.110(b): the 12 months of service need not be consecutive; service before a break of 7 years or more
need not be counted, and service before a shorter break counts (the exceptions for military service and a written
rehire agreement are a specialist's to apply). 825.110(c): the 1,250 hours are those worked in the 12 months
before the leave starts; the roster feed brings a figure with each import, and the one dated nearest before the
day asked is used. 825.110(d): an employee who meets the test during a leave is eligible from that day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from policies.engine.calendar import add_months, whole_months_between
from policies.engine.wording import date_text

SERVICE_SOURCE = "29 CFR 825.110(b)"
HOURS_SOURCE = "29 CFR 825.110(c)"


@dataclass(frozen=True)
class EmploymentSpell:
    """One employment: hired on `start`, separated on `end` (None: still employed, or not known)."""

    start: date
    end: date | None = None

    def days_through(self, day: date) -> int:
        """Calendar days employed from the start through `day` (or the separation, if earlier)."""
        last = min(self.end, day) if self.end is not None else day
        return max((last - self.start).days + 1, 0)


@dataclass(frozen=True)
class HoursReport:
    """The hours worked in the 12 months to `as_of`, as one roster feed import brought them."""

    as_of: date
    hours: Decimal


@dataclass(frozen=True)
class Service:
    """The service counted on a day: whole months, the day it reaches the months asked, and why."""

    months: int
    reaches_required_on: date
    lines: tuple[str, ...]


def service_on(
    spells: Sequence[EmploymentSpell], current_hire: date, day: date, *, required_months: int, max_break_years: int
) -> Service:
    """The months of service on `day`: the current employment (from `current_hire`) and the earlier ones that
    count. An earlier employment counts when every break after it is under `max_break_years`; one without a
    separation date cannot be measured and is not counted (the line says so)."""
    earlier = sorted((s for s in spells if s.start < current_hire and s.start <= day), key=lambda s: s.start)
    counted: list[EmploymentSpell] = []
    said: dict[EmploymentSpell, str] = {}
    for index, spell in enumerate(earlier):
        next_start = earlier[index + 1].start if index + 1 < len(earlier) else current_hire
        words = {"span": _spell_text(spell), "years": max_break_years, "source": SERVICE_SOURCE}
        if spell.end is None:
            said[spell] = _("Earlier employment from %(span)s has no separation date, so it is not counted.") % words
        elif add_months(spell.end, 12 * max_break_years) <= next_start:
            for before in [*counted, spell]:  # a long break: nothing before it counts
                said[before] = _(
                    "Earlier employment %(span)s is not counted: a break of %(years)s years or more came after it "
                    "[%(source)s]."
                ) % {**words, "span": _spell_text(before)}
            counted.clear()
        else:
            counted.append(spell)
    for spell in counted:
        said[spell] = _(
            "Earlier employment %(span)s counts: the break after it was under %(years)s years [%(source)s]."
        ) % {
            "span": _spell_text(spell),
            "years": max_break_years,
            "source": SERVICE_SOURCE,
        }
    lines = [said[spell] for spell in earlier]
    earlier_days = sum(spell.days_through(day) for spell in counted)
    counted_from = current_hire - timedelta(days=earlier_days)
    return Service(
        months=whole_months_between(counted_from, day),
        reaches_required_on=add_months(counted_from, required_months),
        lines=tuple(lines),
    )


def hours_on(reports: Sequence[HoursReport], day: date) -> HoursReport | None:
    """The roster's hours figure for the 12 months before `day`: the latest dated on or before it, else the
    earliest there is (a leave asked before any import); None without any."""
    ordered = sorted(reports, key=lambda report: report.as_of)
    before = [report for report in ordered if report.as_of <= day]
    if before:
        return before[-1]
    return ordered[0] if ordered else None


def _spell_text(spell: EmploymentSpell) -> str:
    if spell.end is None:
        return date_text(spell.start)
    return f"{date_text(spell.start)} – {date_text(spell.end)}"
