"""What the submit actions take: a complete, checked request as typed values, never a wizard or a draft.

Intake turns a complete draft into one of these (as `roster.feed` turns a CSV row into a `RosterRow`);
`cases.submission` and `cases.case_time` create the case file from it. A request names the key it is
submitted under (the draft's id), so submitting the same request twice finds what the first one made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from absence.days import DayEntry
from absence.reasons import CaseReason
from conditions.vocabulary import Reason

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import FiledAs


class RequestRefusedError(Exception):
    """The request cannot be recorded as it stands (a case closed meanwhile, a day reported twice)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ContactPreference:
    """How the employee wants documents and updates: by email, or by letter to a mailing address."""

    by_email: bool
    email: str
    phone: str
    best_time: int | None  # None: not asked (a request filed by the employee's supervisor)
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    state: str = ""
    zip_code: str = ""


@dataclass(frozen=True)
class Filer:
    """Who files a request for an employee: their supervisor, or an HR professional for the employee's agency."""

    user: User
    role: FiledAs


@dataclass(frozen=True)
class LeaveRequest:
    """A protected leave: continuous between two dates, or intermittent on known days (or none yet).

    `employee` is whom the case is for; `filed_by` is who filed it when that was not the employee (their
    supervisor or HR), and then `conditions` is empty: the reason is the employee's to add afterwards.
    """

    submission_key: UUID
    employee: User
    reason: CaseReason
    conditions: tuple[Reason, ...]
    continuous: bool
    payment_option: str
    work_related: bool
    contact: ContactPreference
    start: date | None = None  # continuous leave
    end: date | None = None
    days: tuple[DayEntry, ...] = ()  # intermittent leave, the days known so far
    filed_by: Filer | None = None
    # Bonding: the child's date of birth or placement; pregnancy: the expected or actual date of birth.
    child_event_date: date | None = None


@dataclass(frozen=True)
class UnplannedRequest:
    """A day-to-day absence: one day, one reason, for the employee or a family member.

    Filed for the employee by someone else (`filed_by`), it has no `condition`: the employee adds the reason.
    """

    submission_key: UUID
    employee: User
    absence_for: str
    relationship: str
    day: DayEntry
    condition: Reason | None
    overtime_shift: str
    filed_by: Filer | None = None


@dataclass(frozen=True)
class CaseTimeReport:
    """Days of absence taken on an open intermittent case ("Submit new absence time")."""

    submission_key: UUID
    employee: User
    case_id: int
    days: tuple[DayEntry, ...]
