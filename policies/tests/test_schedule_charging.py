"""Worked examples: time entries charged against the schedule, and the flags that say why.

29 CFR 825.205(b): intermittent leave counts only the time the employee would otherwise have worked, so an
entry on a day off (a weekend, a holiday) charges nothing, an entry charges at most the day's scheduled hours,
and a "full day" is the scheduled day's hours. 825.205(c): mandatory overtime the employee was required to work
counts; voluntary overtime does not. The same hour is never charged twice across cases. Full time is 8 h Monday
to Friday; Patriots' Day is Monday Apr 20, 2026.
"""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from datetime import time
from decimal import Decimal

import pytest

from policies.engine import CaseTime, Coverage, Entry, EntryFlag, Ledger, Pattern, Schedule
from policies.tests.examples import FULL_TIME, PART_TIME, catalogue_rules

SATURDAY, TUESDAY, PATRIOTS_DAY = D(2026, 3, 7), D(2026, 3, 10), D(2026, 4, 20)


def case(number: str, *entries: Entry) -> CaseTime:
    return CaseTime(number, Pattern.INTERMITTENT, D(2026, 3, 1), D(2026, 6, 30), entries)


def ledger_for(*cases: CaseTime, schedule: Schedule = FULL_TIME) -> Ledger:
    coverages = [Coverage("fmla", c.case_number, c.start, c.end) for c in cases]
    return Ledger(schedule, cases, coverages, catalogue_rules())


def used(*cases: CaseTime, schedule: Schedule = FULL_TIME) -> Decimal:
    return ledger_for(*cases, schedule=schedule).balance("fmla", D(2026, 6, 30)).used_hours


def flags(*cases: CaseTime, schedule: Schedule = FULL_TIME) -> list[EntryFlag]:
    return ledger_for(*cases, schedule=schedule).entry_flags()


def test_825_205_b_an_entry_on_a_saturday_charges_nothing_and_is_flagged() -> None:
    saturday = case("1", Entry(SATURDAY, 240))
    assert used(saturday) == 0
    assert flags(saturday) == [
        EntryFlag(SATURDAY, "1", "Saturday is not a scheduled workday [29 CFR 825.205(b)]", Decimal(4), Decimal(0))
    ]


def test_825_205_b_the_same_entry_on_a_workday_charges_its_hours_unflagged() -> None:
    assert used(case("1", Entry(TUESDAY, 240))) == 4
    assert flags(case("1", Entry(TUESDAY, 240))) == []


def test_825_205_b_an_entry_on_patriots_day_charges_nothing_the_next_day_charges() -> None:
    holiday, next_day = case("1", Entry(PATRIOTS_DAY, 480)), case("1", Entry(D(2026, 4, 21), 480))
    assert (used(holiday), used(next_day)) == (0, 8)
    [flag] = flags(holiday)
    assert flag.reason == "Patriots' Day is a holiday, not a day the employee would have worked [29 CFR 825.205(b)]"


def test_825_205_b_more_hours_than_the_scheduled_day_charge_the_day_voluntary_overtime_does_not_count() -> None:
    ten = case("1", Entry(TUESDAY, 600))
    assert used(ten) == 8
    assert flags(ten) == [
        EntryFlag(
            TUESDAY,
            "1",
            "more than the 8 h scheduled that day; voluntary overtime does not count [29 CFR 825.205(b), (c)]",
            Decimal(10),
            Decimal(8),
        )
    ]


def test_825_205_b_exactly_the_scheduled_day_charges_it_unflagged() -> None:
    assert (used(case("1", Entry(TUESDAY, 480))), flags(case("1", Entry(TUESDAY, 480)))) == (8, [])


def test_825_205_c_mandatory_overtime_counts() -> None:
    required = case("1", Entry(TUESDAY, 600, mandatory_overtime_minutes=120))
    assert (used(required), flags(required)) == (10, [])


def test_825_205_c_mandatory_overtime_counts_only_as_far_as_it_goes() -> None:
    beyond = case("1", Entry(TUESDAY, 660, mandatory_overtime_minutes=120))
    assert used(beyond) == 10
    [flag] = flags(beyond)
    assert flag.reason == (
        "more than the 8 h scheduled and 2 h of mandatory overtime that day [29 CFR 825.205(b), (c)]"
    )


def test_825_205_c_mandatory_overtime_on_a_saturday_counts() -> None:
    assert used(case("1", Entry(SATURDAY, 240, mandatory_overtime_minutes=240))) == 4


def test_825_205_a_full_day_is_the_scheduled_days_hours_not_the_hours_entered() -> None:
    # Part time: 6 h on Mon, Tue, Thu. A full day entered as 8 h charges 6.
    full_day = case("1", Entry(TUESDAY, 480, full_day=True))
    assert used(full_day, schedule=PART_TIME) == 6
    [flag] = flags(full_day, schedule=PART_TIME)
    assert (flag.hours_asked, flag.hours_charged) == (8, 6)
    assert flag.reason == "a full day is the scheduled day's 6 h, not the 8 h entered [29 CFR 825.205]"


def test_825_205_a_full_day_of_the_scheduled_hours_is_unflagged() -> None:
    full_day = case("1", Entry(TUESDAY, 360, full_day=True))
    assert (used(full_day, schedule=PART_TIME), flags(full_day, schedule=PART_TIME)) == (6, [])


def test_825_205_a_full_day_entered_short_still_charges_the_scheduled_day() -> None:
    assert used(case("1", Entry(TUESDAY, 300, full_day=True))) == 8


def test_825_205_the_same_hour_is_never_charged_twice_across_cases_with_overlapping_times() -> None:
    morning = case("1", Entry(TUESDAY, 240, start=time(9), end=time(13)))
    midday = case("2", Entry(TUESDAY, 240, start=time(11), end=time(15)))
    assert used(morning, midday) == 6
    assert flags(morning, midday) == [
        EntryFlag(TUESDAY, "2", "overlaps the time of case 1 on this day, charged once", Decimal(4), Decimal(2))
    ]


def test_825_205_back_to_back_times_of_two_cases_both_charge() -> None:
    morning = case("1", Entry(TUESDAY, 240, start=time(9), end=time(13)))
    afternoon = case("2", Entry(TUESDAY, 240, start=time(13), end=time(17)))
    assert (used(morning, afternoon), flags(morning, afternoon)) == (8, [])


def test_825_205_entries_of_two_cases_on_one_day_charge_no_more_than_the_day() -> None:
    six, four = case("1", Entry(TUESDAY, 360)), case("2", Entry(TUESDAY, 240))
    assert used(six, four) == 8
    [flag] = flags(six, four)
    assert (flag.case_number, flag.hours_asked, flag.hours_charged) == ("2", 4, 2)
    assert flag.reason == "with case 1, more than the day's 8 h: the same hour is not charged twice"


@pytest.mark.parametrize("numbers", [("1", "2"), ("2", "1")])
def test_825_205_the_hours_charged_on_a_shared_day_do_not_depend_on_the_case_numbers(numbers) -> None:
    six, four = case(numbers[0], Entry(TUESDAY, 360)), case(numbers[1], Entry(TUESDAY, 240))
    assert used(six, four) == 8


def test_825_205_entries_of_two_cases_within_the_day_add_up_unflagged() -> None:
    assert used(case("1", Entry(TUESDAY, 240)), case("2", Entry(TUESDAY, 240))) == 8


def test_825_205_the_explanation_says_what_was_entered_and_why_it_was_charged_less() -> None:
    lines = ledger_for(case("1", Entry(SATURDAY, 240))).balance("fmla", D(2026, 3, 31)).explanation
    assert (
        "Case 1: time entry on Mar 7, 2026, 0 h charged "
        "(4 h entered: Saturday is not a scheduled workday [29 CFR 825.205(b)])."
    ) in lines


def test_entry_flags_of_one_case_leave_the_others_out() -> None:
    ledger = ledger_for(case("1", Entry(SATURDAY, 240)), case("2", Entry(D(2026, 3, 8), 60)))
    assert [flag.case_number for flag in ledger.entry_flags("2")] == ["2"]
