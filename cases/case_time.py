"""The one way time reported on an open intermittent case is recorded: `record_reported_time(report)`.

One transaction: the case is locked and must still take time reports; every day is checked again against
the case's span (at most 30 days back) and the days already on the case; the time entries are created,
the desk's flag is raised and the supervisor's notice is recorded (dates and hours, never the reason).
The caller (intake) holds the lock on the report it submits, so the same report is recorded once.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from absence import limits
from absence.windows import case_time_window
from cases.events import record_event
from cases.history import is_open_intermittent, summarize
from cases.models import Case, CaseEventKind, TimeEntry, TimeEntrySource
from cases.notify import absence_lines, notify_supervisor
from cases.requests import CaseTimeReport, RequestRefusedError
from cases.time_entries import add_time_entries

NO_LONGER_OPEN = _("This case no longer takes new absence time.")


def open_intermittent_case(case_id: int) -> Case:
    """The case, locked, if it still takes time reports; RequestRefusedError otherwise."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("leave_period", "employee__roster_record")
        .get(pk=case_id)
    )
    if not is_open_intermittent(case, summarize(case).status):
        raise RequestRefusedError(str(NO_LONGER_OPEN))
    return case


def record_reported_time(report: CaseTimeReport, *, now: datetime | None = None) -> list[TimeEntry]:
    """Record the report's days on its case (the employee's own open intermittent case)."""
    today = timezone.localdate(now or timezone.now())
    try:
        with transaction.atomic():
            case = open_intermittent_case(report.case_id)
            if case.employee_id != report.employee.pk:
                raise RequestRefusedError(str(NO_LONGER_OPEN))
            _check_days(case, report, today)
            entries = add_time_entries(case, report.days, source=TimeEntrySource.REPORTED)
            Case.objects.filter(pk=case.pk).update(has_new_time_entries=True)
            record_event(
                case, CaseEventKind.TIME_REPORTED, "; ".join(absence_lines(report.days)), actor=report.employee
            )
            notify_supervisor(
                case,
                "time_reported_supervisor",
                {"lines": absence_lines(report.days)},
                dedupe_key=f"case-time-{report.submission_key}",
            )
    except IntegrityError:
        # Another report recorded one of these days between our check and our insert.
        raise RequestRefusedError(str(limits.ALREADY_REPORTED)) from None
    return entries


def _check_days(case: Case, report: CaseTimeReport, today: date) -> None:
    period = case.leave_period
    window = case_time_window(today, period.start_date, period.end_date)
    reported = set(TimeEntry.objects.filter(case=case).values_list("date", flat=True))
    for day in report.days:
        if day.day in reported:
            raise RequestRefusedError(str(limits.ALREADY_REPORTED))
        refusal = window.refusal(day.day)
        if refusal:
            raise RequestRefusedError(str(refusal))
