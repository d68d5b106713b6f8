"""The one way time reported on an open intermittent case is recorded: `record_reported_time`.

One transaction: the draft is locked, every day is checked again (the case's span, 30 days back, not a
day already on the case), the time entries are created, the desk's flag is raised and the supervisor's
notice is queued (dates and hours, never the reason). Submitting the same draft twice records nothing
the second time.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.case_time_flow import ALREADY_REPORTED, CaseTimeStep, CaseTimeWizard
from cases.history import is_open_intermittent, summarize
from cases.models import Case, TimeEntry, TimeEntrySource
from cases.time_entries import add_time_entries
from intake import rules
from intake.day_entry import DayListView
from intake.days import DayEntry
from intake.models import Draft, FlowType
from intake.wizard import DraftIncompleteError
from notices.models import Channel
from notices.sending import queue_notice
from roster.contact import supervisor_address


def open_intermittent_case(case_id: int) -> Case:
    """The case, locked, if it still takes time reports; DraftIncompleteError otherwise."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("leave_period", "employee__roster_record")
        .get(pk=case_id)
    )
    if not is_open_intermittent(case, summarize(case).status):
        raise DraftIncompleteError(CaseTimeStep.DAY_LIST, _("This case no longer takes new absence time."))
    return case


def record_reported_time(draft: Draft, *, now: datetime | None = None) -> list[TimeEntry]:
    """Record the draft's days on its case; [] when the draft was already submitted."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = (
                Draft.objects.select_for_update(of=("self",)).select_related("owner__roster_record").get(pk=draft.pk)
            )
            if locked.is_submitted or locked.flow != FlowType.CASE_TIME or locked.case_id is None:
                return []
            case = open_intermittent_case(locked.case_id)
            locked.case = case
            wizard = CaseTimeWizard(locked, today=timezone.localdate(now))
            wizard.validate()
            days = DayListView.revalidate(wizard, CaseTimeStep.DAY_LIST)["days"]
            entries = add_time_entries(case, days, source=TimeEntrySource.REPORTED)
            Case.objects.filter(pk=case.pk).update(has_new_time_entries=True)
            Draft.objects.filter(pk=locked.pk).update(submitted_at=now)
            notify_supervisor(case, days, draft_key=str(locked.pk))
    except IntegrityError:
        # Another submission recorded one of these days between our check and our insert.
        raise DraftIncompleteError(CaseTimeStep.DAY_LIST, str(ALREADY_REPORTED)) from None
    draft.submitted_at = now
    return entries


def supervisor_lines(days: list[DayEntry]) -> list[str]:
    """Each day as "January 12, 2027: 8 hours" or with its start and end time: when and how long, nothing else."""
    lines = []
    for day in days:
        hours = rules.format_hours(day.minutes).lower() if day.full_day else day.describe()
        lines.append(f"{day.day:%B %d, %Y}: {hours}")
    return lines


def notify_supervisor(case: Case, days: list[DayEntry], *, draft_key: str) -> None:
    """The supervisor's notice of the reported days, sent after commit. Never the reason or the notes."""
    recipient = supervisor_address(case.employee)
    if not recipient:
        return
    context = {
        "employee_name": case.employee.get_full_name() or case.employee.username,
        "case": case,
        "lines": supervisor_lines(days),
    }
    queue_notice(Channel.EMAIL, recipient, "time_reported_supervisor", context, dedupe_key=f"case-time-{draft_key}")
