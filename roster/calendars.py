"""The business calendar of a work location, built from the data an administrator keeps: the statewide holidays
(the `holidays` package) with the location's own (LocalHoliday) and the employer's closures (Closure, for the
location or for all). absence.calendar holds the value; this is its ORM adapter, one query."""

from __future__ import annotations

from django.db.models import CharField, F, Q, Value

from absence.calendar import DEFAULT_LOCATION, BusinessCalendar
from absence.calendar import Closure as ClosedSpan
from roster.models import Closure, LocalHoliday

HOLIDAY, CLOSURE = "holiday", "closure"


def calendar_for_location(location: str | None) -> BusinessCalendar:
    """The calendar of a work location (Massachusetts when the roster does not say), its local data included."""
    code = location or DEFAULT_LOCATION
    holidays = (
        LocalHoliday.objects.filter(location=code)
        .order_by()
        .annotate(last=F("date"), kind=Value(HOLIDAY, output_field=CharField()))
        .values_list("date", "last", "name", "kind")
    )
    closures = (
        Closure.objects.filter(Q(location=code) | Q(location=""))
        .order_by()
        .annotate(kind=Value(CLOSURE, output_field=CharField()))
        .values_list("start", "end", "reason", "kind")
    )
    rows = sorted(holidays.union(closures, all=True))
    return BusinessCalendar(
        code,
        local_holidays=tuple((first, name) for first, _last, name, kind in rows if kind == HOLIDAY),
        closures=tuple(ClosedSpan(first, last, name) for first, last, name, kind in rows if kind == CLOSURE),
    )
