"""Times of day as people type them (absence.clock.parse_clock_time), and the partial days to ask about."""

from datetime import time

import pytest

from absence import clock


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("9am", time(9, 0)),
        ("9 am", time(9, 0)),
        ("9 a.m.", time(9, 0)),
        ("9:00", time(9, 0)),
        ("0900", time(9, 0)),
        ("930", time(9, 30)),
        ("9.30", time(9, 30)),
        ("14:00", time(14, 0)),
        ("2 PM", time(14, 0)),
        ("2:30p", time(14, 30)),
        ("12 noon", time(12, 0)),
        ("Noon", time(12, 0)),
        ("midnight", time(0, 0)),
        ("08:00 AM", time(8, 0)),
        ("12:00 AM", time(0, 0)),
        ("12:30 PM", time(12, 30)),
        ("5:15 pm", time(17, 15)),
        ("  10:45   P.M. ", time(22, 45)),
    ],
)
def test_it_reads_times_as_people_type_them(typed, read_as):
    assert clock.parse_clock_time(typed) == read_as


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [("7", time(7, 0)), ("11:30", time(11, 30)), ("12", time(12, 0)), ("1", time(13, 0)), ("6:45", time(18, 45))],
)
def test_an_hour_without_am_or_pm_is_read_as_a_working_day_reads_it(typed, read_as):
    assert clock.parse_clock_time(typed) == read_as


@pytest.mark.parametrize(("typed", "read_as"), [("13:00", time(13, 0)), ("2330", time(23, 30)), ("0:15", time(0, 15))])
def test_hours_past_12_and_hour_0_are_read_as_24_hour_times(typed, read_as):
    assert clock.parse_clock_time(typed) == read_as


@pytest.mark.parametrize(
    "typed", ["", "abc", "13:00 PM", "0 am", "08:60 AM", "24:00", "2400", "25:00", "9:5", "9::00", "12 noonish", "9 xm"]
)
def test_it_refuses_what_is_not_a_time(typed):
    assert clock.parse_clock_time(typed) is None


def test_a_time_is_shown_back_as_hh_mm_am_pm_and_said_without_the_leading_zero():
    assert clock.format_clock_time(time(9, 0)) == "09:00 AM"
    assert clock.format_clock_time(time(0, 5)) == "12:05 AM"
    assert clock.say_clock_time(time(14, 0)) == "2:00 PM"


def test_a_duration_is_said_in_hours_and_minutes():
    assert clock.say_duration(23 * 60) == "23 hours"
    assert clock.say_duration(60) == "1 hour"
    assert clock.say_duration(9 * 60 + 30) == "9 hours 30 minutes"
    assert clock.say_duration(45) == "45 minutes"


def test_a_partial_day_that_ends_the_next_day_is_asked_about():
    assert clock.unusual_partial_day(time(14, 0), time(13, 0), 480) == (
        "2:00 PM to 1:00 PM is 23 hours, ending the next day. Is that right?"
    )


def test_a_partial_day_longer_than_the_scheduled_day_is_asked_about():
    assert clock.unusual_partial_day(time(7, 0), time(17, 0), 450) == (
        "7:00 AM to 5:00 PM is 10 hours, longer than your scheduled day of 7 hours 30 minutes. Is that right?"
    )


def test_an_ordinary_partial_day_and_a_whole_scheduled_day_are_not_asked_about():
    assert clock.unusual_partial_day(time(9, 0), time(11, 0), 480) is None
    assert clock.unusual_partial_day(time(9, 0), time(17, 0), 480) is None
