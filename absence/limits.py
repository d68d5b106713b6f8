"""The user guide's limits and the office's promises, each defined once with the words that state it.

Every number the portal or the desk counts by is named here: how far back and ahead a date may be
reported, how many reasons a request takes, how long a note may be, and how many business days the
office takes to reach out. The pages, the submit actions, the desk's deadlines and the notices read
them from here, so the promise on the confirmation page and the deadline on the desk cannot drift.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# --- Dates ---------------------------------------------------------------------------------------
# Intermittent days and the first day of a continuous leave: at most 30 days in the past.
DAYS_BACK_FOR_LEAVE = 30
# An unplanned absence: from one day back (a shift spanning two days) to 60 days ahead.
DAYS_BACK_FOR_UNPLANNED = 1
DAYS_AHEAD_FOR_UNPLANNED = 60

INTERMITTENT_GUIDANCE = _(
    "If the day missed is more than 30 days in the past, please visit the Contact Us page and call us to complete "
    "your request."
)
CONTINUOUS_GUIDANCE = _(
    "Please select the range of dates that you expect to miss work or have already missed: If the first day missed "
    "is more than 30 days in the past, please visit the Contact Us page and call us to complete your request."
)
UNPLANNED_GUIDANCE = _(
    "Each absence date and time will need to be submitted individually. Absences may be reported up to 60 days in "
    "the future."
)
UNPLANNED_TOO_EARLY = _("Absences may be reported up to one day in the past to cover shifts that span multiple days.")
UNPLANNED_TOO_LATE = _("Absences may be reported up to 60 days in the future.")
UNPLANNED_ONE_DAY = _("Each absence date and time will need to be submitted individually.")
# Time on an open case: one report per day.
ALREADY_REPORTED = _("You have already reported time for this date on this case.")

# --- Reasons -------------------------------------------------------------------------------------
MAX_LEAVE_REASONS = 5
MAX_UNPLANNED_REASONS = 1
MAX_REASON_LENGTH = 200
NO_REASON = _("A reason must be provided to move forward.")
TOO_MANY_UNPLANNED_REASONS = _("Unplanned Absences only allow for one (1) reason.")
REASON_TOO_LONG = _("Keep each reason to 200 characters or fewer.")
ONE_REASON_NOTE = _("You may select one (1) option.")

# --- A day of absence ----------------------------------------------------------------------------
MINUTES_IN_A_DAY = 24 * 60
# A full day when the roster does not say: 8 hours (the design's time entry, the engine's schedule).
DEFAULT_SCHEDULED_HOURS = Decimal(8)
MAX_NOTES_LENGTH = 1000
NOTES_TOO_LONG = _("Additional information may be at most 1,000 characters.")

# --- The office's clocks (business days skip weekends and the work location's holidays) ----------
# "A Case Specialist will reach out to you within 5 business days": the confirmation, the notice, the desk.
SPECIALIST_CONTACT_BUSINESS_DAYS = 5
VERIFICATION_CALL_BUSINESS_DAYS = 2
# When the administrator answers the phone (the Contact Us page): the business days of the office calendar, in
# the hours the intake offers for a call back ("When is the best time to reach you?", 8 AM to 5 PM Eastern).
OFFICE_HOURS = _("Monday to Friday, 8 AM to 5 PM Eastern Time, except holidays")
DOCUMENT_DUE_CALENDAR_DAYS = 15
# The daily reminders of an outstanding document: 5 calendar days before its due date, and on the day.
DOCUMENT_REMINDER_CALENDAR_DAYS_BEFORE = 5
# FMLA notices (29 CFR 825.300): the eligibility notice (with the rights and responsibilities) within 5 business days
# of the request, the designation notice within 5 business days of having enough information to designate.
FMLA_NOTICE_BUSINESS_DAYS = 5
# A certification is due at least 15 calendar days after it is asked for (29 CFR 825.305(b)).
CERTIFICATION_DUE_CALENDAR_DAYS = 15


def overdue_from(due: date) -> date:
    """The first day a deadline counts as missed: the day after its due date (every clock of the desk and the
    employee's page reads this one rule)."""
    return due + timedelta(days=1)


def count_in_words(count: int) -> str:
    """'five (5)', as the user guide writes its limits."""
    names = {1: _("one"), 2: _("two"), 3: _("three"), 4: _("four"), 5: _("five")}
    return _("%(word)s (%(number)d)") % {"word": names.get(count, str(count)), "number": count}


def reasons_note(maximum: int) -> str:
    """The note under the reason picker: "You may select up to five (5) options." (one for an unplanned absence)."""
    if maximum == 1:
        return str(ONE_REASON_NOTE)
    return _("You may select up to %(count)s options.") % {"count": count_in_words(maximum)}


def too_many_reasons(maximum: int) -> str:
    """The user guide's words for one reason too many."""
    return str(TOO_MANY_UNPLANNED_REASONS) if maximum == 1 else reasons_note(maximum)


def reasons_refusal(count: int, maximum: int) -> str | None:
    """At least one reason is needed; at most `maximum` (five for a leave, one for an unplanned absence)."""
    if count < 1:
        return str(NO_REASON)
    if count > maximum:
        return too_many_reasons(maximum)
    return None
