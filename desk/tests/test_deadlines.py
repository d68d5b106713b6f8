from datetime import date

import pytest

from absence.calendar import specialist_contact_due, verification_call_due
from desk.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    document_due,
)


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (date(2026, 11, 23), date(2026, 11, 25)),  # Monday → Wednesday
        (date(2026, 11, 25), date(2026, 11, 30)),  # Wednesday: Thanksgiving Thursday skipped, then Fri, Mon
        (date(2026, 11, 28), date(2026, 12, 1)),  # a Saturday submission counts from Monday
        (date(2027, 4, 16), date(2027, 4, 21)),  # Friday; Patriots' Day (Mon Apr 19) is a Massachusetts holiday
    ],
)
def test_the_verification_call_is_due_two_business_days_after_submission(submitted, due):
    assert verification_call_due(submitted) == due


def test_the_specialists_contact_is_due_five_business_days_after_submission_skipping_christmas():
    assert specialist_contact_due(date(2026, 12, 21)) == date(2026, 12, 29)


def test_a_requested_document_is_due_fifteen_calendar_days_later():
    assert document_due(date(2026, 11, 26)) == date(2026, 12, 11)


def test_a_deadline_is_overdue_only_from_the_day_after_its_due_date_and_never_once_met():
    deadline = Deadline(DeadlineKind.VERIFICATION_CALL, due=date(2026, 11, 25), met_on=None)
    assert deadline.state(date(2026, 11, 24)) == DeadlineState.UPCOMING
    assert deadline.state(date(2026, 11, 25)) == DeadlineState.DUE_TODAY
    assert deadline.state(date(2026, 11, 26)) == DeadlineState.OVERDUE
    met = Deadline(DeadlineKind.VERIFICATION_CALL, due=date(2026, 11, 25), met_on=date(2026, 11, 27))
    assert met.state(date(2026, 12, 10)) == DeadlineState.MET
