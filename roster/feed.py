"""The HR roster feed: its columns, and the cleaning of one row.

Everything here takes values and returns values: the import (`roster.feed_import`) reads the file
and touches the database; this module only says whether one row is good and what it means.
A row is cleaned column by column so that one bad row reports every reason it is bad at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from roster.models import (
    DEFAULT_HOURS_PER_DAY,
    DEFAULT_WORK_DAYS,
    DEFAULT_WORK_LOCATION,
    WEEKDAY_NAMES,
    is_work_location,
)

COLUMNS = (  # every file has these
    "employee_number",
    "first_name",
    "last_name",
    "birth_date",
    "home_zip",
    "hire_date",
    "hours_worked_last_12_months",
    "scheduled_hours_per_day",
    "work_days",
    "agency",
    "supervisor_employee_number",
    "work_email",
)
OPTIONAL_COLUMNS = ("work_location",)  # a file without one reads as if every value in it were blank
KNOWN_COLUMNS = (*COLUMNS, *OPTIONAL_COLUMNS)

EMPLOYEE_NUMBER_LENGTH = 20
NAME_LENGTH = 100
EMAIL_LENGTH = 254
MOST_HOURS_IN_A_YEAR = Decimal("8784")  # 366 days of 24 hours
MOST_HOURS_IN_A_DAY = Decimal("24")
CENTS = Decimal("0.01")

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ZIP_CODE = re.compile(r"\d{5}(-\d{4})?")
EMPLOYEE_NUMBER = re.compile(r"\S+")
WEEKDAY_BY_LOWER_NAME = {name.lower(): name for name in WEEKDAY_NAMES}


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One good row of the feed, cleaned: what a roster record should hold."""

    employee_number: str
    first_name: str
    last_name: str
    birth_date: date
    home_zip: str
    hire_date: date
    hours_worked_last_12_months: Decimal
    scheduled_hours_per_day: Decimal
    work_days: str
    agency: str
    supervisor_number: str  # "" when the person has no supervisor
    work_email: str
    work_location: str  # a US state or territory code: its holidays are the employee's days off


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """One bad row: every reason it is bad, and its employee and supervisor numbers where those were good."""

    employee_number: str
    supervisor_number: str
    reasons: tuple[str, ...]


class BadValueError(ValueError):
    """A value that cannot be cleaned; its message says why, naming the column."""


def missing_columns(header: Sequence[str]) -> list[str]:
    """The feed's columns that a header lacks, in the feed's order (optional and extra columns may be absent)."""
    present = {name.strip() for name in header}
    return [column for column in COLUMNS if column not in present]


def clean_roster_row(values: Mapping[str, str | None]) -> RosterRow | RejectedRow:
    """Clean one row given as column → raw text (None when the row was too short, or the file has no such column)."""
    cleaned: dict[str, object] = {}
    reasons: list[str] = []
    for column, clean in CLEANERS.items():
        try:
            cleaned[column] = clean(column, (values.get(column) or "").strip())
        except BadValueError as error:
            reasons.append(str(error))
    reasons.extend(_cross_column_reasons(cleaned))
    if reasons:
        return RejectedRow(
            employee_number=str(cleaned.get("employee_number", "")),
            supervisor_number=str(cleaned.get("supervisor_employee_number", "")),
            reasons=tuple(reasons),
        )
    return _roster_row(cleaned)


def _roster_row(cleaned: Mapping[str, object]) -> RosterRow:
    """The row's cleaned values, each of the type its cleaner returns."""
    return RosterRow(
        employee_number=cast(str, cleaned["employee_number"]),
        first_name=cast(str, cleaned["first_name"]),
        last_name=cast(str, cleaned["last_name"]),
        birth_date=cast(date, cleaned["birth_date"]),
        home_zip=cast(str, cleaned["home_zip"]),
        hire_date=cast(date, cleaned["hire_date"]),
        hours_worked_last_12_months=cast(Decimal, cleaned["hours_worked_last_12_months"]),
        scheduled_hours_per_day=cast(Decimal, cleaned["scheduled_hours_per_day"]),
        work_days=cast(str, cleaned["work_days"]),
        agency=cast(str, cleaned["agency"]),
        supervisor_number=cast(str, cleaned["supervisor_employee_number"]),
        work_email=cast(str, cleaned["work_email"]),
        work_location=cast(str, cleaned["work_location"]),
    )


def _cross_column_reasons(cleaned: Mapping[str, object]) -> list[str]:
    reasons = []
    number = cleaned.get("employee_number")
    if number and number == cleaned.get("supervisor_employee_number"):
        reasons.append(_("supervisor_employee_number is the person's own employee number"))
    birth, hire = cleaned.get("birth_date"), cleaned.get("hire_date")
    if isinstance(birth, date) and isinstance(hire, date) and birth >= hire:
        reasons.append(_("birth_date %(birth)s is not before hire_date %(hire)s") % {"birth": birth, "hire": hire})
    return reasons


def _required(column: str, raw: str) -> str:
    if not raw:
        raise BadValueError(_("%(column)s is missing") % {"column": column})
    return raw


def _longest(column: str, raw: str, length: int) -> str:
    if len(raw) > length:
        raise BadValueError(_("%(column)s is longer than %(length)d characters") % {"column": column, "length": length})
    return raw


def clean_employee_number(column: str, raw: str) -> str:
    if raw and not EMPLOYEE_NUMBER.fullmatch(raw):
        raise BadValueError(_("%(column)s “%(value)s” has a space in it") % {"column": column, "value": raw})
    return _longest(column, raw, EMPLOYEE_NUMBER_LENGTH)


def clean_required_employee_number(column: str, raw: str) -> str:
    return clean_employee_number(column, _required(column, raw))


def clean_name(column: str, raw: str) -> str:
    return _longest(column, _required(column, raw), NAME_LENGTH)


def clean_date(column: str, raw: str) -> date:
    _required(column, raw)
    try:
        if not ISO_DATE.fullmatch(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise BadValueError(
            _("%(column)s “%(value)s” is not a date in the form YYYY-MM-DD") % {"column": column, "value": raw}
        ) from None


def clean_zip(column: str, raw: str) -> str:
    if not ZIP_CODE.fullmatch(_required(column, raw)):
        raise BadValueError(
            _("%(column)s “%(value)s” is not a ZIP code (5 digits, or ZIP+4 such as 01803-1234)")
            % {"column": column, "value": raw}
        )
    return raw


def clean_number(column: str, raw: str, *, low: Decimal, high: Decimal, low_allowed: bool) -> Decimal:
    """A decimal number rounded to cents, between low and high (low itself only when low_allowed)."""
    try:
        number = Decimal(_required(column, raw))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise BadValueError(_("%(column)s “%(value)s” is not a number") % {"column": column, "value": raw})
    number = number.quantize(CENTS, rounding=ROUND_HALF_UP)
    if number > high or number < low or (number == low and not low_allowed):
        bounds = {"column": column, "value": raw, "low": low, "high": high}
        if low_allowed:
            raise BadValueError(_("%(column)s %(value)s is not between %(low)s and %(high)s") % bounds)
        raise BadValueError(_("%(column)s %(value)s is not above %(low)s and at most %(high)s") % bounds)
    return number


def clean_hours_worked(column: str, raw: str) -> Decimal:
    return clean_number(column, raw, low=Decimal(0), high=MOST_HOURS_IN_A_YEAR, low_allowed=True)


def clean_hours_per_day(column: str, raw: str) -> Decimal:
    if not raw:
        return DEFAULT_HOURS_PER_DAY
    return clean_number(column, raw, low=Decimal(0), high=MOST_HOURS_IN_A_DAY, low_allowed=False)


def clean_work_days(column: str, raw: str) -> str:
    """Weekday names, any case, any order, as the canonical 'Mon Tue …' in week order; blank is Mon to Fri."""
    if not raw:
        return DEFAULT_WORK_DAYS
    unknown = [name for name in raw.split() if name.lower() not in WEEKDAY_BY_LOWER_NAME]
    if unknown:
        raise BadValueError(
            _("%(column)s has “%(names)s”, which is not a weekday (use %(weekdays)s)")
            % {"column": column, "names": " ".join(unknown), "weekdays": " ".join(WEEKDAY_NAMES)}
        )
    named = {WEEKDAY_BY_LOWER_NAME[name.lower()] for name in raw.split()}
    return " ".join(name for name in WEEKDAY_NAMES if name in named)


def clean_email(column: str, raw: str) -> str:
    if not raw:
        return ""
    try:
        validate_email(_longest(column, raw, EMAIL_LENGTH))
    except ValidationError:
        raise BadValueError(
            _("%(column)s “%(value)s” is not an email address") % {"column": column, "value": raw}
        ) from None
    return raw


def clean_work_location(column: str, raw: str) -> str:
    """A US state or territory code, any case, in upper case; blank (or no such column) is Massachusetts."""
    if not raw:
        return DEFAULT_WORK_LOCATION
    code = raw.upper()
    if not is_work_location(code):
        raise BadValueError(
            _("%(column)s “%(value)s” is not a US state or territory code such as MA")
            % {"column": column, "value": raw}
        )
    return code


CLEANERS: dict[str, Callable[[str, str], object]] = {
    "employee_number": clean_required_employee_number,
    "first_name": clean_name,
    "last_name": clean_name,
    "birth_date": clean_date,
    "home_zip": clean_zip,
    "hire_date": clean_date,
    "hours_worked_last_12_months": clean_hours_worked,
    "scheduled_hours_per_day": clean_hours_per_day,
    "work_days": clean_work_days,
    "agency": clean_name,
    "supervisor_employee_number": clean_employee_number,
    "work_email": clean_email,
    "work_location": clean_work_location,
}
