"""The business calendar of a work location, built from the data an administrator keeps: the statewide holidays
(the `holidays` package) with the location's own (LocalHoliday) and the employer's closures (Closure, for the
location or for all). absence.calendar holds the value; this is its ORM adapter, one query for any number of
locations."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import CharField, F, Q, Value

from absence.calendar import DEFAULT_LOCATION, BusinessCalendar
from absence.calendar import Closure as ClosedSpan
from roster.models import Closure, LocalHoliday

HOLIDAY, CLOSURE = "holiday", "closure"


def calendar_for_location(location: str | None) -> BusinessCalendar:
    """The calendar of a work location (Massachusetts when the roster does not say), its local data included."""
    code = location or DEFAULT_LOCATION
    return calendars_by_location([code])[code]


def calendars_by_location(locations: Iterable[str | None]) -> dict[str, BusinessCalendar]:
    """The calendar of each location (a blank one is Massachusetts), keyed by its code, in one query."""
    codes = sorted({location or DEFAULT_LOCATION for location in locations})
    holidays = (
        LocalHoliday.objects.filter(location__in=codes)
        .order_by()
        .annotate(last=F("date"), kind=Value(HOLIDAY, output_field=CharField()))
        .values_list("location", "date", "last", "name", "kind")
    )
    closures = (
        Closure.objects.filter(Q(location__in=codes) | Q(location=""))
        .order_by()
        .annotate(kind=Value(CLOSURE, output_field=CharField()))
        .values_list("location", "start", "end", "reason", "kind")
    )
    rows = sorted(holidays.union(closures, all=True), key=lambda row: row[1:])
    return {
        code: BusinessCalendar(
            code,
            local_holidays=tuple(
                (first, name) for place, first, _l, name, kind in rows if kind == HOLIDAY and place == code
            ),
            closures=tuple(
                ClosedSpan(first, last, name)
                for place, first, last, name, kind in rows
                if kind == CLOSURE and place in {code, ""}
            ),
        )
        for code in codes
    }
