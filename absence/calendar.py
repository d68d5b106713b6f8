"""The business calendar: which days a work location's office is open, and counting business days.

One calendar for every clock: the portal's "within 5 business days", the desk's deadlines and the
policy engine's holidays. A location is a US state or territory code (the roster's work location);
its holidays are the US federal ones plus the state's own, from the `holidays` package, plus the local
holidays and the employer's closures an administrator keeps as data (roster.LocalHoliday, roster.Closure:
roster.calendars builds the calendar of a location from them; this module holds only values).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from absence.limits import (
    FMLA_NOTICE_BUSINESS_DAYS,
    SPECIALIST_CONTACT_BUSINESS_DAYS,
    VERIFICATION_CALL_BUSINESS_DAYS,
)

DEFAULT_LOCATION = "MA"
SATURDAY = 5  # date.weekday()
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Closure:
    """The employer's business stopped from `start` to `end` (both included), for `reason`."""

    start: date
    end: date
    reason: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


class _Holidays(Mapping[date, str]):
    """The statewide holidays of the `holidays` package (any year) with the local ones laid over them."""

    def __init__(self, statewide: Mapping[date, str], local: Mapping[date, str]) -> None:
        self.statewide, self.local = statewide, local

    def __getitem__(self, day: date) -> str:
        if day in self.local:
            return self.local[day]
        return self.statewide[day]

    def __contains__(self, day: object) -> bool:
        return day in self.local or day in self.statewide

    def __iter__(self) -> Iterator[date]:
        yield from self.local
        yield from (day for day in self.statewide if day not in self.local)

    def __len__(self) -> int:
        return len(set(self.local) | set(self.statewide))


@dataclass(frozen=True)
class BusinessCalendar:
    """Weekends and the location's public holidays are closed; every other day is a business day.

    `local_holidays` are (date, name) pairs of the location's own days (Suffolk County's Evacuation Day);
    `closures` are the employer's, which the policy engine reads (29 CFR 825.200(h))."""

    location: str = DEFAULT_LOCATION
    local_holidays: tuple[tuple[date, str], ...] = ()
    closures: tuple[Closure, ...] = ()

    @property
    def holidays(self) -> Mapping[date, str]:
        """The location's holidays by date, with their names (any year asked for)."""
        statewide = _holidays_of(self.location)
        return _Holidays(statewide, dict(self.local_holidays)) if self.local_holidays else statewide

    def holiday_name(self, day: date) -> str:
        return self.holidays.get(day, "")

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < SATURDAY and day not in self.holidays

    def add_business_days(self, start: date, count: int) -> date:
        """The date `count` business days after `start`, not counting `start` itself."""
        day = start
        remaining = count
        while remaining > 0:
            day += ONE_DAY
            if self.is_business_day(day):
                remaining -= 1
        return day


@lru_cache(maxsize=16)
def _holidays_of(location: str) -> holidays.HolidayBase:
    return holidays.country_holidays("US", subdiv=location)


def calendar_for(location: str | None) -> BusinessCalendar:
    """The calendar of a work location; Massachusetts when the roster does not say."""
    return BusinessCalendar(location or DEFAULT_LOCATION)


OFFICE_CALENDAR = BusinessCalendar()


def specialist_contact_due(submitted_on: date) -> date:
    """The day a Case Specialist reaches out by: the confirmation's promise and the desk's deadline."""
    return OFFICE_CALENDAR.add_business_days(submitted_on, SPECIALIST_CONTACT_BUSINESS_DAYS)


def fmla_notice_due(known_on: date) -> date:
    """The day an FMLA eligibility or designation notice is due: 5 business days after the request or after the
    information to designate was in hand (29 CFR 825.300(b)(1), (d)(1))."""
    return OFFICE_CALENDAR.add_business_days(known_on, FMLA_NOTICE_BUSINESS_DAYS)


def verification_call_due(submitted_on: date) -> date:
    """The day the desk's verification call is due."""
    return OFFICE_CALENDAR.add_business_days(submitted_on, VERIFICATION_CALL_BUSINESS_DAYS)
