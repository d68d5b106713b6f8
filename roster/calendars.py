"""The business calendar of a work location, built from the data an administrator keeps: the statewide holidays
(the `holidays` package) with the location's own (LocalHoliday) and the employer's closures (Closure, for the
location or for all). absence.calendar holds the value; this is its ORM adapter, one query for any number of
locations, or none while the shared cache holds them.

The calendars are the same for everyone and change rarely (an administrator adds a holiday or a closure), and every
submit and desk page reads one: they are kept in the "default" cache (Redis in production) under a version token
replaced whenever a LocalHoliday or a Closure is saved or deleted (connected when the apps load): at once, so the
same transaction reads its change, and again after the commit, so a reader that read the tables before the commit
and stored them under the new token is not believed either (desk.filter_choices keeps its lists the same way). A
missing token (Redis emptied or evicting) is a new one: the calendars are read again. A Redis error is a miss
(config.cache.ForgivingRedisCache): the calendars are read from the database, as before the cache.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.signals import post_delete, post_save

from absence.calendar import DEFAULT_LOCATION, BusinessCalendar
from absence.calendar import Closure as ClosedSpan
from roster.models import Closure, LocalHoliday

HOLIDAY, CLOSURE = "holiday", "closure"
VERSION = "roster.calendars.version"
KEPT_FOR = 24 * 60 * 60  # seconds; a calendar outlives its token only until then


def calendar_for_location(location: str | None) -> BusinessCalendar:
    """The calendar of a work location (Massachusetts when the roster does not say), its local data included."""
    code = location or DEFAULT_LOCATION
    return calendars_by_location([code])[code]


def calendars_by_location(locations: Iterable[str | None]) -> dict[str, BusinessCalendar]:
    """The calendar of each location (a blank one is Massachusetts), keyed by its code: from the shared cache, and
    those it lacks in one query."""
    codes = sorted({location or DEFAULT_LOCATION for location in locations})
    version = _version()
    keys = {code: f"roster.calendars.{version}.{code}" for code in codes}
    found = cache.get_many(list(keys.values())) if version is not None else {}
    calendars = {code: found[keys[code]] for code in codes if keys[code] in found}
    missing = [code for code in codes if code not in calendars]
    if missing:
        read = _read_calendars(missing)
        if version is not None:
            cache.set_many({keys[code]: read[code] for code in missing}, timeout=KEPT_FOR)
        calendars.update(read)
    return calendars


def _version() -> str | None:
    version = cache.get(VERSION)
    if version is None:
        cache.add(VERSION, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION)
    return str(version) if version is not None else None


def _read_calendars(codes: list[str]) -> dict[str, BusinessCalendar]:
    """The calendars of these location codes, from the tables, in one query."""
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


def calendars_changed(**_kwargs: Any) -> None:
    """A holiday or a closure changed: every calendar is read again (now, and once more after the commit)."""
    cache.set(VERSION, secrets.token_hex(8), timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION, secrets.token_hex(8), timeout=None))


def connect() -> None:
    """Called once the apps are loaded (roster.apps), in every process that may change the calendars."""
    for model in (LocalHoliday, Closure):
        post_save.connect(calendars_changed, sender=model, dispatch_uid=f"calendars-{model.__name__}-saved")
        post_delete.connect(calendars_changed, sender=model, dispatch_uid=f"calendars-{model.__name__}-deleted")
