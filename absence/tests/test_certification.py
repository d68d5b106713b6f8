from datetime import date, timedelta
from decimal import Decimal

from absence.certification import (
    DurationUnit,
    EpisodeKind,
    Frequency,
    FrequencyPeriod,
    ReportedDay,
    check_frequency,
    cure_due,
    pattern_sentence,
    period_start,
    recertification_allowed_from,
)

TWO_A_MONTH_ONE_DAY = Frequency(EpisodeKind.EPISODE, 2, FrequencyPeriod.MONTH, Decimal(1), DurationUnit.DAYS)
ONE_APPOINTMENT_FOUR_HOURS = Frequency(
    EpisodeKind.APPOINTMENT, 1, FrequencyPeriod.MONTH, Decimal(4), DurationUnit.HOURS
)
FULL_DAY = 8 * 60


def weekdays(day: date) -> bool:
    return day.weekday() < 5


def full_days(*days: date) -> list[ReportedDay]:
    return [ReportedDay(day, FULL_DAY) for day in days]


def test_the_pattern_reads_as_the_provider_wrote_it():
    assert pattern_sentence(TWO_A_MONTH_ONE_DAY) == "up to 2 episodes a month, up to 1 day each"
    assert pattern_sentence(ONE_APPOINTMENT_FOUR_HOURS) == "up to 1 appointment a month, up to 4 hours each"
    weekly = Frequency(EpisodeKind.EPISODE, 1, FrequencyPeriod.WEEK, Decimal("1.5"), DurationUnit.HOURS)
    assert pattern_sentence(weekly) == "up to 1 episode a week, up to 1.5 hours each"


def test_two_episodes_in_a_month_are_within_the_pattern_and_a_third_is_flagged():
    days = full_days(date(2027, 3, 2), date(2027, 3, 10), date(2027, 3, 24))
    flags = check_frequency(TWO_A_MONTH_ONE_DAY, days, weekdays)
    assert [flag.day for flag in flags] == [date(2027, 3, 24)]
    assert flags[0].reason == "episode 3 in March 2027; approved: up to 2 episodes a month, up to 1 day each"


def test_episodes_are_counted_per_calendar_month_so_the_first_of_the_next_month_starts_again():
    days = full_days(date(2027, 3, 10), date(2027, 3, 31), date(2027, 4, 1) + timedelta(days=1))
    assert check_frequency(TWO_A_MONTH_ONE_DAY, days, weekdays) == []


def test_the_last_day_of_a_month_counts_in_that_month():
    days = full_days(date(2027, 3, 2), date(2027, 3, 10), date(2027, 3, 31))
    assert [flag.day for flag in check_frequency(TWO_A_MONTH_ONE_DAY, days, weekdays)] == [date(2027, 3, 31)]


def test_a_second_day_in_a_row_is_beyond_an_episode_of_one_day():
    days = full_days(date(2027, 3, 2), date(2027, 3, 3))
    flags = check_frequency(TWO_A_MONTH_ONE_DAY, days, weekdays)
    assert [flag.day for flag in flags] == [date(2027, 3, 3)]
    assert flags[0].episode_start == date(2027, 3, 2)
    assert "lasts longer than approved" in flags[0].reason


def test_a_weekend_between_two_days_keeps_them_one_episode():
    friday, monday = date(2027, 3, 5), date(2027, 3, 8)
    flags = check_frequency(TWO_A_MONTH_ONE_DAY, full_days(friday, monday), weekdays)
    assert [flag.day for flag in flags] == [monday]


def test_an_appointment_longer_than_the_hours_approved_is_flagged_and_one_within_is_not():
    within = [ReportedDay(date(2027, 3, 2), 4 * 60)]
    assert check_frequency(ONE_APPOINTMENT_FOUR_HOURS, within, weekdays) == []
    over = [ReportedDay(date(2027, 3, 2), 4 * 60 + 30)]
    assert [flag.day for flag in check_frequency(ONE_APPOINTMENT_FOUR_HOURS, over, weekdays)] == [date(2027, 3, 2)]


def test_weeks_run_sunday_to_saturday():
    assert period_start(date(2027, 3, 7), FrequencyPeriod.WEEK) == date(2027, 3, 7)  # a Sunday
    assert period_start(date(2027, 3, 13), FrequencyPeriod.WEEK) == date(2027, 3, 7)  # the Saturday after
    weekly = Frequency(EpisodeKind.EPISODE, 1, FrequencyPeriod.WEEK, Decimal(1), DurationUnit.DAYS)
    saturday_then_sunday = [ReportedDay(date(2027, 3, 10), FULL_DAY), ReportedDay(date(2027, 3, 15), FULL_DAY)]
    assert check_frequency(weekly, saturday_then_sunday, weekdays) == []
    same_week = [ReportedDay(date(2027, 3, 8), FULL_DAY), ReportedDay(date(2027, 3, 12), FULL_DAY)]
    flags = check_frequency(weekly, same_week, weekdays)
    assert [flag.day for flag in flags] == [date(2027, 3, 12)]
    assert "the week of Mar 07, 2027" in flags[0].reason


def test_the_cure_is_due_seven_calendar_days_after_the_notice():
    assert cure_due(date(2027, 4, 14)) == date(2027, 4, 21)


def test_recertification_waits_30_days_after_a_short_certification():
    allowed = recertification_allowed_from(date(2027, 3, 1), date(2027, 3, 20), lifetime=False)
    assert allowed.allowed_from == date(2027, 3, 31)
    assert "30 days" in allowed.rule


def test_a_duration_of_exactly_30_days_is_not_longer_than_30():
    allowed = recertification_allowed_from(date(2027, 3, 1), date(2027, 3, 31), lifetime=False)
    assert allowed.allowed_from == date(2027, 3, 31)


def test_a_duration_longer_than_30_days_waits_for_its_end():
    allowed = recertification_allowed_from(date(2027, 3, 1), date(2027, 4, 1), lifetime=False)
    assert allowed.allowed_from == date(2027, 4, 2)
    assert "end of the certified duration" in allowed.rule


def test_a_duration_longer_than_6_months_may_be_recertified_after_6_months():
    allowed = recertification_allowed_from(date(2027, 3, 1), date(2028, 3, 1), lifetime=False)
    assert allowed.allowed_from == date(2027, 9, 1)


def test_a_lifetime_condition_is_recertified_every_6_months_even_from_the_end_of_a_long_month():
    assert recertification_allowed_from(date(2027, 3, 1), None, lifetime=True).allowed_from == date(2027, 9, 1)
    assert recertification_allowed_from(date(2027, 8, 31), None, lifetime=True).allowed_from == date(2028, 2, 29)
