from datetime import date, timedelta
from itertools import pairwise

import pytest

from cases.timeline import (
    CHAR_WIDTH,
    LABEL_GAP,
    MAX_TICKS,
    MIN_BAR_WIDTH,
    NARROW,
    WIDE,
    DecisionSpan,
    Tick,
    layout_timeline,
)

STD_DENIED = DecisionSpan("Short Term Disability 1", "denied", date(2022, 9, 2), date(2022, 9, 8))
FMLA_PENDING = DecisionSpan("Family Medical Leave Act", "pending", date(2022, 9, 2), date(2022, 9, 16))
STD_PENDING = DecisionSpan("Short Term Disability 1", "pending", date(2022, 9, 9), date(2022, 9, 16))
FRAMES = pytest.mark.parametrize("frame", [WIDE, NARROW], ids=["wide", "narrow"])


def fmla(start: date, end: date) -> DecisionSpan:
    return DecisionSpan("Family Medical Leave Act", "approved", start, end)


def labels(ticks: list[Tick]) -> list[str]:
    return [tick.label for tick in ticks]


def assert_readable(layout) -> None:
    """No label leaves the chart, and labels on the same row keep LABEL_GAP between them."""
    for row in (layout.ends, layout.ticks):
        assert all(tick.left >= 0 for tick in row)
        assert all(tick.right <= layout.width for tick in row)
        assert all(a.right + LABEL_GAP <= b.left for a, b in pairwise(row))


def test_each_decision_gets_one_bar_in_its_own_row_in_order():
    layout = layout_timeline([STD_DENIED, FMLA_PENDING, STD_PENDING], WIDE)
    assert [bar.span for bar in layout.bars] == [STD_DENIED, FMLA_PENDING, STD_PENDING]
    assert layout.bars[0].y < layout.bars[1].y < layout.bars[2].y


@FRAMES
def test_the_axis_runs_from_the_earliest_start_to_the_latest_end_across_the_plot(frame):
    layout = layout_timeline([STD_DENIED, FMLA_PENDING, STD_PENDING], frame)
    assert (layout.first_day, layout.last_day) == (date(2022, 9, 2), date(2022, 9, 16))
    fmla_bar = layout.bars[1]
    assert fmla_bar.x == frame.plot_left
    assert fmla_bar.x + fmla_bar.width == frame.plot_right


def test_bars_that_share_dates_line_up_and_consecutive_ones_meet():
    layout = layout_timeline([STD_DENIED, FMLA_PENDING, STD_PENDING], WIDE)
    denied, fmla_bar, pending = layout.bars
    assert denied.x == fmla_bar.x
    assert round(denied.x + denied.width, 1) == round(pending.x, 1)  # Sep 8 ends where Sep 9 starts
    assert pending.x + pending.width == fmla_bar.x + fmla_bar.width


def test_a_one_day_decision_in_a_long_span_is_still_visible():
    year = DecisionSpan("Legislative Sick Leave Bank", "pending", date(2022, 9, 12), date(2023, 9, 11))
    day = DecisionSpan("Employee Sick", "pending", date(2023, 1, 12), date(2023, 1, 12))
    layout = layout_timeline([year, day])
    assert layout.bars[1].width >= MIN_BAR_WIDTH


# Tick placement: the four spans a reader meets most.


@FRAMES
def test_a_one_day_absence_names_its_day_once_centred_over_the_bar(frame):
    layout = layout_timeline([DecisionSpan("Employee Sick", "pending", date(2026, 11, 21), date(2026, 11, 21))], frame)
    (day,) = layout.ends
    assert (day.label, day.anchor) == ("Nov 21, 2026", "middle")
    assert day.x == (frame.plot_left + frame.plot_right) / 2 == layout.bars[0].x + layout.bars[0].width / 2
    assert layout.ticks == []
    assert_readable(layout)


@FRAMES
def test_a_two_week_case_names_its_first_and_last_day_and_marks_each_sunday_between(frame):
    layout = layout_timeline([fmla(date(2026, 11, 12), date(2026, 11, 26))], frame)
    first, last = layout.ends
    assert (first.label, first.anchor, first.x) == ("Nov 12, 2026", "start", frame.plot_left)
    assert (last.label, last.anchor, last.x) == ("Nov 26, 2026", "end", frame.plot_right)
    assert labels(layout.ticks) == ["Nov 15", "Nov 22"]
    day = (frame.plot_right - frame.plot_left) / 15
    assert [tick.x for tick in layout.ticks] == [round(frame.plot_left + n * day, 2) for n in (3, 10)]
    assert_readable(layout)


@FRAMES
def test_a_three_month_leave_marks_the_first_of_each_month_by_its_name(frame):
    layout = layout_timeline([fmla(date(2026, 6, 12), date(2026, 9, 20))], frame)
    assert labels(layout.ends) == ["Jun 12, 2026", "Sep 20, 2026"]
    assert [tick.day for tick in layout.ticks] == [date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)]
    assert labels(layout.ticks) == ["Jul", "Aug", "Sep"]
    assert all(frame.plot_left < tick.x < frame.plot_right for tick in layout.ticks)
    assert_readable(layout)


@FRAMES
def test_a_leave_across_new_year_gives_january_its_year(frame):
    layout = layout_timeline([fmla(date(2026, 11, 12), date(2027, 2, 10))], frame)
    assert labels(layout.ends) == ["Nov 12, 2026", "Feb 10, 2027"]
    assert labels(layout.ticks) == ["Dec", "Jan 2027", "Feb"]
    assert_readable(layout)


def test_a_short_leave_across_new_year_marks_the_first_sunday_of_the_year_with_its_year():
    layout = layout_timeline([fmla(date(2026, 12, 21), date(2027, 1, 8))], WIDE)
    assert labels(layout.ticks) == ["Dec 27", "Jan 3, 2027"]


def test_a_year_long_intermittent_leave_thins_its_months_on_a_phone_to_round_quarters():
    span = fmla(date(2026, 9, 12), date(2027, 9, 11))
    assert labels(layout_timeline([span], WIDE).ticks) == ["Nov", "Jan 2027", "Mar", "May", "Jul", "Sep"]
    assert labels(layout_timeline([span], NARROW).ticks) == ["Oct", "Jan 2027", "Apr", "Jul"]


@FRAMES
def test_a_span_of_several_years_is_thinned_to_a_readable_number_of_ticks(frame):
    layout = layout_timeline([fmla(date(2020, 1, 1), date(2024, 12, 31))], frame)
    assert 1 < len(layout.ticks) <= MAX_TICKS
    assert all(tick.label.startswith("Jan 20") for tick in layout.ticks)
    assert_readable(layout)


@FRAMES
@pytest.mark.parametrize("days", [1, 2, 5, 6, 7, 9, 13, 20, 27, 31, 41, 42, 43, 45, 50, 62, 75, 100, 190, 366, 800])
def test_no_two_labels_touch_and_none_is_cut_off_at_either_end(frame, days):
    for start in (date(2026, 1, 1), date(2026, 11, 26), date(2026, 12, 30), date(2027, 2, 27)):
        assert_readable(layout_timeline([fmla(start, start + timedelta(days=days - 1))], frame))


# The bars' words.


def test_on_a_phone_the_policy_name_and_status_sit_on_a_line_above_the_bar():
    bar = layout_timeline([FMLA_PENDING], NARROW).bars[0]
    assert bar.policy_y < bar.y
    assert bar.status_y == bar.policy_y
    assert (bar.policy_text, bar.status_text, bar.status_anchor, bar.status_x) == (
        "Family Medical Leave Act",
        "PENDING",
        "end",
        NARROW.width,
    )
    assert (bar.x, bar.width) == (0, NARROW.width)


def test_wide_the_policy_name_is_left_of_the_bar_and_the_status_right_of_it():
    bar = layout_timeline([FMLA_PENDING], WIDE).bars[0]
    assert bar.y < bar.policy_y < bar.y + bar.height
    assert len(bar.policy_text) * CHAR_WIDTH <= bar.x
    assert bar.status_x > bar.x + bar.width


def test_a_policy_name_too_long_for_its_room_is_shortened_with_an_ellipsis():
    name = "Massachusetts Paid Family and Medical Leave Medical"
    wide = layout_timeline([DecisionSpan(name, "cancelled", date(2026, 3, 2), date(2026, 3, 6))], WIDE).bars[0]
    narrow = layout_timeline([DecisionSpan(name, "cancelled", date(2026, 3, 2), date(2026, 3, 6))], NARROW).bars[0]
    assert wide.policy_text.endswith("…")
    assert name.startswith(wide.policy_text[:-1])
    assert len(narrow.policy_text) < len(wide.policy_text)
    assert layout_timeline([FMLA_PENDING], NARROW).bars[0].policy_text == "Family Medical Leave Act"


def test_the_chart_grows_with_the_number_of_decisions():
    one = layout_timeline([FMLA_PENDING])
    three = layout_timeline([STD_DENIED, FMLA_PENDING, STD_PENDING])
    assert three.height > one.height
