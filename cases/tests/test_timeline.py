from datetime import date

from cases.timeline import LABEL_WIDTH, MAX_TICKS, MIN_BAR_WIDTH, STATUS_WIDTH, DecisionSpan, layout_timeline

STD_DENIED = DecisionSpan("Short Term Disability 1", "denied", date(2022, 9, 2), date(2022, 9, 8))
FMLA_PENDING = DecisionSpan("Family Medical Leave Act", "pending", date(2022, 9, 2), date(2022, 9, 16))
STD_PENDING = DecisionSpan("Short Term Disability 1", "pending", date(2022, 9, 9), date(2022, 9, 16))


def test_each_decision_gets_one_bar_in_its_own_row_in_order():
    layout = layout_timeline([STD_DENIED, FMLA_PENDING, STD_PENDING], width=760)
    assert [bar.span for bar in layout.bars] == [STD_DENIED, FMLA_PENDING, STD_PENDING]
    assert layout.bars[0].y < layout.bars[1].y < layout.bars[2].y


def test_the_axis_runs_from_the_earliest_start_to_the_latest_end_across_the_plot():
    layout = layout_timeline([STD_DENIED, FMLA_PENDING, STD_PENDING], width=760)
    assert (layout.first_day, layout.last_day) == (date(2022, 9, 2), date(2022, 9, 16))
    fmla = layout.bars[1]
    assert fmla.x == LABEL_WIDTH
    assert fmla.x + fmla.width == 760 - STATUS_WIDTH


def test_bars_that_share_dates_line_up_and_consecutive_ones_meet():
    layout = layout_timeline([STD_DENIED, FMLA_PENDING, STD_PENDING], width=760)
    denied, fmla, pending = layout.bars
    assert denied.x == fmla.x
    assert round(denied.x + denied.width, 1) == round(pending.x, 1)  # Sep 8 ends where Sep 9 starts
    assert pending.x + pending.width == fmla.x + fmla.width


def test_a_one_day_decision_in_a_long_span_is_still_visible():
    year = DecisionSpan("Legislative Sick Leave Bank", "pending", date(2022, 9, 12), date(2023, 9, 11))
    day = DecisionSpan("Employee Sick", "pending", date(2023, 1, 12), date(2023, 1, 12))
    layout = layout_timeline([year, day])
    assert layout.bars[1].width >= MIN_BAR_WIDTH


def test_month_ticks_mark_the_first_of_each_month_within_the_axis():
    span = DecisionSpan("Family Medical Leave Act", "approved", date(2022, 9, 12), date(2022, 12, 20))
    layout = layout_timeline([span])
    assert [tick.day for tick in layout.ticks] == [date(2022, 10, 1), date(2022, 11, 1), date(2022, 12, 1)]
    assert [tick.label for tick in layout.ticks] == ["Oct 2022", "Nov 2022", "Dec 2022"]
    assert all(LABEL_WIDTH < tick.x < layout.plot_right for tick in layout.ticks)


def test_a_span_of_several_years_is_thinned_to_a_readable_number_of_ticks():
    span = DecisionSpan("Family Medical Leave Act", "approved", date(2020, 1, 1), date(2024, 12, 31))
    layout = layout_timeline([span])
    assert 1 < len(layout.ticks) <= MAX_TICKS


def test_the_chart_grows_with_the_number_of_decisions():
    one = layout_timeline([FMLA_PENDING])
    three = layout_timeline([STD_DENIED, FMLA_PENDING, STD_PENDING])
    assert three.height > one.height
