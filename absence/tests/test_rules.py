from datetime import date, time
from decimal import Decimal

from absence import clock, limits, windows
from absence.calendar import OFFICE_CALENDAR
from intake.forms import DatePickerInput

TODAY = date(2026, 11, 26)


def test_an_intermittent_day_may_be_30_days_past_but_not_31():
    window = windows.intermittent_window(TODAY)
    assert window.refusal(date(2026, 10, 27)) is None
    assert window.refusal(date(2026, 10, 26)) == (
        "The earliest date you can enter here is October 27, 2026. "
        "For an earlier date, call Workpartners at 1-833-640-2800."
    )


def test_the_earliest_date_is_written_without_a_leading_zero_and_names_the_administrator(settings):
    settings.ADMINISTRATOR = {**settings.ADMINISTRATOR, "name": "Acme Leave", "phone": "1-800-555-0100"}
    refusal = windows.intermittent_window(date(2026, 12, 1)).refusal(date(2026, 10, 1))
    assert refusal == (
        "The earliest date you can enter here is November 1, 2026. For an earlier date, call Acme Leave at "
        "1-800-555-0100."
    )


def test_an_intermittent_day_may_be_far_ahead():
    assert windows.intermittent_window(TODAY).refusal(date(2027, 6, 1)) is None


def test_a_continuous_leave_may_start_30_days_past_but_not_31():
    window = windows.continuous_start_window(TODAY)
    assert window.refusal(date(2026, 10, 27)) is None
    assert "earliest date you can enter here is October 27, 2026" in str(window.refusal(date(2026, 10, 26)))


def test_a_continuous_leave_ends_on_or_after_its_start():
    assert windows.continuous_end_refusal(date(2026, 12, 1), date(2026, 12, 1)) is None
    assert windows.continuous_end_refusal(date(2026, 12, 1), date(2026, 11, 30)) is not None


def test_an_unplanned_absence_runs_from_yesterday_to_60_days_ahead():
    window = windows.unplanned_window(TODAY)
    assert window.refusal(date(2026, 11, 25)) is None
    too_early = str(window.refusal(date(2026, 11, 24)))
    assert "one day in the past" in too_early
    assert "The earliest date you can enter here is November 25, 2026." in too_early
    assert window.refusal(date(2027, 1, 25)) is None
    too_late = str(window.refusal(date(2027, 1, 26)))
    assert "60 days in the future" in too_late
    assert "The latest date you can enter here is January 25, 2027." in too_late


def test_time_on_a_case_stays_within_the_case_span_and_30_days_past():
    window = windows.case_time_window(TODAY, date(2026, 9, 1), date(2027, 8, 31))
    assert window.refusal(date(2026, 10, 27)) is None
    assert "earliest date you can enter here is October 27, 2026" in str(window.refusal(date(2026, 10, 26)))
    assert window.refusal(date(2027, 8, 31)) is None
    assert "leave period" in str(window.refusal(date(2027, 9, 1)))


def test_time_on_a_recent_case_cannot_precede_the_case():
    window = windows.case_time_window(TODAY, date(2026, 11, 20), date(2027, 11, 19))
    assert window.refusal(date(2026, 11, 20)) is None
    assert "leave period" in str(window.refusal(date(2026, 11, 19)))


def test_a_partial_day_lasts_from_start_to_end():
    assert clock.partial_day_minutes(time(8, 0), time(10, 0)) == 120
    assert clock.format_duration(120) == "02:00"


def test_an_end_before_the_start_crosses_midnight():
    start, end = time(22, 0), time(2, 30)
    assert clock.crosses_midnight(start, end)
    assert clock.partial_day_minutes(start, end) == 270
    assert clock.format_duration(270) == "04:30"


def test_equal_start_and_end_make_no_time_at_all():
    assert clock.partial_day_minutes(time(9, 0), time(9, 0)) == 0
    assert clock.minutes_refusal(0) is not None


def test_time_missed_is_more_than_zero_and_at_most_24_hours():
    assert clock.minutes_refusal(1) is None
    assert clock.minutes_refusal(24 * 60) is None
    assert clock.minutes_refusal(24 * 60 + 1) is not None


def test_a_full_day_is_the_scheduled_hours_or_8_when_unknown():
    assert clock.scheduled_day_minutes(Decimal("7.5")) == 450
    assert clock.scheduled_day_minutes(None) == 480
    assert clock.format_hours(480) == "8 HOURS"
    assert clock.format_hours(450) == "7 HOURS 30 MINUTES"


def test_a_leave_takes_one_to_five_reasons():
    assert limits.reasons_refusal(0, 5) is not None
    assert limits.reasons_refusal(1, 5) is None
    assert limits.reasons_refusal(5, 5) is None
    assert "five" in str(limits.reasons_refusal(6, 5))


def test_an_unplanned_absence_takes_exactly_one_reason():
    assert limits.reasons_refusal(1, 1) is None
    assert "one (1)" in str(limits.reasons_refusal(2, 1))


def test_five_business_days_skip_the_weekend_and_thanksgiving():
    # Thursday 26 November 2026 is Thanksgiving; Friday 27 is a working day in Massachusetts.
    assert OFFICE_CALENDAR.add_business_days(date(2026, 11, 25), 5) == date(2026, 12, 3)
    assert OFFICE_CALENDAR.add_business_days(date(2026, 11, 26), 5) == date(2026, 12, 3)


def test_five_business_days_skip_christmas_and_new_year():
    assert OFFICE_CALENDAR.add_business_days(date(2026, 12, 23), 5) == date(2026, 12, 31)
    assert OFFICE_CALENDAR.add_business_days(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_patriots_day_is_not_a_business_day_in_massachusetts():
    assert not OFFICE_CALENDAR.is_business_day(date(2027, 4, 19))
    assert OFFICE_CALENDAR.is_business_day(date(2027, 4, 20))


def test_a_refused_date_outside_the_pickers_bounds_is_shown_again_as_typed():
    picker = DatePickerInput(attrs={"min": "2026-11-25", "max": "2027-01-25"})
    refused = picker.render("date", "2027-02-24")
    assert 'data-default-value="2027-02-24"' in refused
    assert "max=" not in refused
    typed_with_javascript = picker.render("date", "02/24/2027")
    assert 'data-default-value="2027-02-24"' in typed_with_javascript
    accepted = picker.render("date", "2026-12-01")
    assert 'max="2027-01-25"' in accepted
