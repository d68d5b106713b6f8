"""What a certification says, as plain values: the approved frequency and duration of intermittent leave, the
sentence that states it, the check of reported time against it, and the clocks of curing and recertifying.

- **Frequency and duration** (29 CFR 825.306(a)(7)): for intermittent leave the health care provider certifies how
  often episodes (flare-ups) or treatment appointments are expected and how long each lasts: "up to 2 episodes a
  month, up to 1 day each"; "up to 1 appointment a month, up to 4 hours each". `pattern_sentence` is the one
  place that sentence is written: the desk, the employee's case page and the designation notice read it.
- **The frequency check**: `check_frequency` groups the reported days into episodes (a run of days absent with no
  work day between them), counts episodes per calendar week (Sunday to Saturday) or calendar month, and flags each
  day beyond the approved pattern, saying why: an episode past the number approved for its period, or a day (or
  hours) past the approved length of an episode.
- **Cure** (825.305(c)): an incomplete or insufficient certification gets a written notice of what is missing and
  7 calendar days to cure it (`cure_due`).
- **Recertification** (825.308): `recertification_allowed_from` gives the first day the employer may ask again.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# 29 CFR 825.305(c): seven calendar days to cure an incomplete or insufficient certification.
CURE_CALENDAR_DAYS = 7
# 29 CFR 825.308(a): no more often than every 30 days.
RECERTIFICATION_MIN_DAYS = 30
# 29 CFR 825.308(b)(2): for a condition certified for longer (a lifetime or chronic one), at most every 6 months.
RECERTIFICATION_LONG_MONTHS = 6


class EpisodeKind(models.TextChoices):
    EPISODE = "episode", gettext_lazy("Episodes (flare-ups)")
    APPOINTMENT = "appointment", gettext_lazy("Treatment appointments")


class FrequencyPeriod(models.TextChoices):
    WEEK = "week", gettext_lazy("a week")
    MONTH = "month", gettext_lazy("a month")


class DurationUnit(models.TextChoices):
    HOURS = "hours", gettext_lazy("hours")
    DAYS = "days", gettext_lazy("days")


@dataclass(frozen=True)
class Frequency:
    """The approved pattern: up to `episodes` per `per`, each up to `duration` `unit`."""

    kind: EpisodeKind
    episodes: int
    per: FrequencyPeriod
    duration: Decimal
    unit: DurationUnit


def _amount(value: Decimal) -> str:
    return f"{value.normalize():f}"


def duration_words(amount: Decimal, unit: DurationUnit) -> str:
    """'1 day', '4 hours', '1.5 hours'."""
    whole = amount == amount.to_integral_value()
    count = int(amount) if whole else 2  # a fraction reads as a plural ("1.5 hours")
    if unit == DurationUnit.DAYS:
        return ngettext("%(n)s day", "%(n)s days", count) % {"n": _amount(amount)}
    return ngettext("%(n)s hour", "%(n)s hours", count) % {"n": _amount(amount)}


def pattern_sentence(frequency: Frequency) -> str:
    """The approved pattern in plain words: 'up to 2 episodes a month, up to 1 day each'."""
    if frequency.kind == EpisodeKind.APPOINTMENT:
        what = ngettext("%(n)d appointment", "%(n)d appointments", frequency.episodes)
    else:
        what = ngettext("%(n)d episode", "%(n)d episodes", frequency.episodes)
    return _("up to %(what)s %(per)s, up to %(length)s each") % {
        "what": what % {"n": frequency.episodes},
        "per": FrequencyPeriod(frequency.per).label,
        "length": duration_words(frequency.duration, frequency.unit),
    }


# --- The frequency check -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportedDay:
    """One day of reported time: its date and the minutes missed."""

    day: date
    minutes: int


@dataclass(frozen=True)
class FrequencyFlag:
    """A reported day beyond the approved pattern, and why, in plain words."""

    day: date
    episode_start: date
    reason: str


def period_start(day: date, per: FrequencyPeriod) -> date:
    """The first day of the calendar week (Sunday) or month that holds `day`."""
    if per == FrequencyPeriod.MONTH:
        return day.replace(day=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def episodes_of(days: Iterable[ReportedDay], is_work_day: Callable[[date], bool]) -> list[list[ReportedDay]]:
    """The reported days grouped into episodes: days absent in a row, days off between them not breaking it."""
    episodes: list[list[ReportedDay]] = []
    for reported in sorted(days, key=lambda d: d.day):
        if episodes and _continues(episodes[-1][-1].day, reported.day, is_work_day):
            episodes[-1].append(reported)
        else:
            episodes.append([reported])
    return episodes


def _continues(previous: date, day: date, is_work_day: Callable[[date], bool]) -> bool:
    between = (previous + timedelta(days=n) for n in range(1, (day - previous).days))
    return not any(is_work_day(d) for d in between)


def check_frequency(
    frequency: Frequency, days: Iterable[ReportedDay], is_work_day: Callable[[date], bool]
) -> list[FrequencyFlag]:
    """Each reported day beyond the approved frequency or duration, with why (earliest first)."""
    flags: list[FrequencyFlag] = []
    counted: dict[date, int] = {}
    for episode in episodes_of(days, is_work_day):
        start = episode[0].day
        period = period_start(start, frequency.per)
        counted[period] = counted.get(period, 0) + 1
        if counted[period] > frequency.episodes:
            reason = _too_many(frequency, counted[period], period)
            flags += [FrequencyFlag(d.day, start, reason) for d in episode]
        else:
            flags += _too_long(frequency, episode)
    return flags


def _too_many(frequency: Frequency, number: int, period: date) -> str:
    when = (
        f"{period:%B %Y}"
        if frequency.per == FrequencyPeriod.MONTH
        else _("the week of %(day)s") % {"day": f"{period:%b %d, %Y}"}
    )
    return _("episode %(number)d in %(when)s; approved: %(pattern)s") % {
        "number": number,
        "when": when,
        "pattern": pattern_sentence(frequency),
    }


def _too_long(frequency: Frequency, episode: Sequence[ReportedDay]) -> list[FrequencyFlag]:
    start = episode[0].day
    reason = _("the episode from %(start)s lasts longer than approved (%(pattern)s)") % {
        "start": f"{start:%b %d, %Y}",
        "pattern": pattern_sentence(frequency),
    }
    if frequency.unit == DurationUnit.DAYS:
        return [FrequencyFlag(d.day, start, reason) for n, d in enumerate(episode, 1) if n > frequency.duration]
    allowed = frequency.duration * 60
    flags, used = [], 0
    for reported in episode:
        used += reported.minutes
        if used > allowed:
            flags.append(FrequencyFlag(reported.day, start, reason))
    return flags


# --- Cure and recertification ----------------------------------------------------------------------


def cure_due(notified_on: date) -> date:
    """The last day to cure an incomplete certification: 7 calendar days after the notice (825.305(c))."""
    return notified_on + timedelta(days=CURE_CALENDAR_DAYS)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class Recertification:
    """When the employer may next ask for a recertification, and the rule that says so."""

    allowed_from: date
    rule: str


def recertification_allowed_from(last_asked: date, condition_end: date | None, lifetime: bool) -> Recertification:
    """The first day a recertification may be asked for (29 CFR 825.308), counted from the last time the
    certification was asked for or received (`last_asked`).

    - a lifetime or chronic condition: 6 months later (825.308(b)(2));
    - a certified duration ending more than 30 days later: the day after it ends, and at most 6 months later
      (825.308(b)(1)-(2));
    - otherwise: 30 days later (825.308(a)).
    Sooner only when the circumstances changed significantly or the employee asks to extend the leave
    (825.308(c)): the specialist states the reason.
    """
    six_months = add_months(last_asked, RECERTIFICATION_LONG_MONTHS)
    if lifetime:
        return Recertification(six_months, _("every 6 months for a lifetime or chronic condition (29 CFR 825.308(b))"))
    thirty_days = last_asked + timedelta(days=RECERTIFICATION_MIN_DAYS)
    if condition_end is not None and condition_end > thirty_days:
        day_after = condition_end + timedelta(days=1)
        if day_after > six_months:
            return Recertification(six_months, _("at most every 6 months (29 CFR 825.308(b)(2))"))
        return Recertification(day_after, _("at the end of the certified duration (29 CFR 825.308(b)(1))"))
    return Recertification(thirty_days, _("no more often than every 30 days (29 CFR 825.308(a))"))
