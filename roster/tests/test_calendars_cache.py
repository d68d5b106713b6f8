"""The work locations' calendars come from the shared cache until a holiday or a closure changes.

Read once from the tables, then from the cache (no query); a holiday or a closure saved or deleted replaces the
version token, at once and after the commit, so the same transaction and every later reader see the change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from absence.calendar import Closure as ClosedSpan
from roster.calendars import VERSION, calendar_for_location, calendars_by_location
from roster.models import Closure, LocalHoliday

pytestmark = pytest.mark.django_db
T = TypeVar("T")
LOCAL_DAY = date(2027, 3, 18)


def queries_of(read: Callable[[], T]) -> tuple[T, int]:
    with CaptureQueriesContext(connection) as captured:
        value = read()
    return value, len(captured.captured_queries)


def test_a_calendar_read_once_is_read_again_without_a_query():
    LocalHoliday.objects.create(location="RI", date=LOCAL_DAY, name="Local Day")
    first, read = queries_of(lambda: calendar_for_location("RI"))
    again, cached = queries_of(lambda: calendar_for_location("RI"))
    assert (read, cached) == (1, 0)
    assert again == first
    assert again.holiday_name(LOCAL_DAY) == "Local Day"


def test_only_the_locations_the_cache_lacks_are_read():
    calendar_for_location("MA")
    calendars, read = queries_of(lambda: calendars_by_location(["MA", "RI", None]))
    assert read == 1
    assert sorted(calendars) == ["MA", "RI"]
    assert queries_of(lambda: calendars_by_location(["RI", "MA"]))[1] == 0


def test_a_holiday_added_is_in_the_next_reading(django_capture_on_commit_callbacks):
    assert not calendar_for_location("RI").holiday_name(LOCAL_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        LocalHoliday.objects.create(location="RI", date=LOCAL_DAY, name="Local Day")
        assert calendar_for_location("RI").holiday_name(LOCAL_DAY) == "Local Day"  # same transaction
    assert calendar_for_location("RI").holiday_name(LOCAL_DAY) == "Local Day"


def test_a_closure_deleted_is_gone_from_the_next_reading(django_capture_on_commit_callbacks):
    closure = Closure.objects.create(location="", start=date(2027, 2, 1), end=date(2027, 2, 2), reason="Snow")
    assert calendar_for_location("MA").closures == (ClosedSpan(date(2027, 2, 1), date(2027, 2, 2), "Snow"),)
    with django_capture_on_commit_callbacks(execute=True):
        closure.delete()
    assert calendar_for_location("MA").closures == ()


def test_a_reading_stored_before_the_commit_is_not_believed_after_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        LocalHoliday.objects.create(location="RI", date=LOCAL_DAY, name="Local Day")
        # Another process read the tables before this commit, and stored what it read under the token set here.
        stale = calendar_for_location("RI").__class__("RI")
        cache.set(f"roster.calendars.{cache.get(VERSION)}.RI", stale)
        assert calendar_for_location("RI") == stale
    assert calendar_for_location("RI").holiday_name(LOCAL_DAY) == "Local Day"


def test_a_token_the_cache_lost_is_a_new_one():
    calendar_for_location("MA")
    cache.delete(VERSION)
    assert queries_of(lambda: calendar_for_location("MA"))[1] == 1
