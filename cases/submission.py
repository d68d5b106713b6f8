"""The submit actions: a complete draft becomes a case, in one transaction, exactly once.

`submit_leave_request(draft)` and `submit_unplanned_absence(draft)` check the whole draft again (the
same step forms and rules the pages use), then create the case with its reasons, its leave period or
time entries, and a pending policy decision for each policy its reason implies, with its eligibility note
(policies.actions.attach_policies).
The draft's id is the case's unique `submission_key`: a second submit of the same draft (another tab,
a double click, a retried request) finds the case the first one made. After commit, the employee gets
a confirmation by the chosen channel and, for continuous leave and unplanned absences, the supervisor
gets an absence notice with dates and hours but never the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from cases.models import AbsenceFor, Case, CaseCondition, CaseKind, CaseReason, LeavePattern, LeavePeriod, TimeEntry
from cases.numbers import new_case_number
from cases.time_entries import add_time_entries
from intake import rules
from intake.days import DayEntry
from intake.flows import LeaveStep, LeaveWizard, UnplannedStep, UnplannedWizard, mailing_address
from intake.models import Draft
from notices.models import Channel
from notices.sending import queue_notice
from policies.actions import attach_policies
from roster.contact import supervisor_address


def submit_leave_request(draft: Draft, *, now: datetime | None = None) -> Case:
    """Create the protected leave case a complete leave draft describes (or find the one it made)."""
    now = now or timezone.now()
    wizard = LeaveWizard(draft, today=timezone.localdate(now))
    return _submit_once(draft, lambda: _create_leave_case(wizard, wizard.validate(), now), _send_leave_notices)


def submit_unplanned_absence(draft: Draft, *, now: datetime | None = None) -> Case:
    """Create the unplanned absence case a complete unplanned draft describes (or find the one it made)."""
    now = now or timezone.now()
    wizard = UnplannedWizard(draft, today=timezone.localdate(now))
    return _submit_once(draft, lambda: _create_unplanned_case(wizard, wizard.validate(), now), _send_unplanned_notices)


def submitted_case(draft: Draft) -> Case | None:
    """The case a draft has already become, if any."""
    return Case.objects.filter(submission_key=draft.id).first()


def _submit_once(draft: Draft, create: Callable[[], Case], notify: Callable[[Case], None]) -> Case:
    existing = submitted_case(draft)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            case = create()
            Draft.objects.filter(pk=draft.pk).update(submitted_at=case.submitted_at)
    except IntegrityError:
        # Another request submitted this draft between our check and our insert: its case stands.
        winner = Case.objects.filter(submission_key=draft.id).first()
        if winner is None:
            raise
        return winner
    draft.submitted_at = case.submitted_at
    notify(case)
    return case


# --- Creating the case -------------------------------------------------------------------------


def _new_case(draft: Draft, now: datetime, **fields: Any) -> Case:
    return Case.objects.create(
        case_number=new_case_number(Case), employee=draft.owner, submitted_at=now, submission_key=draft.id, **fields
    )


def _add_conditions(case: Case, reasons: list[Any]) -> None:
    CaseCondition.objects.bulk_create(
        CaseCondition(case=case, label=reason.label[:200], code=reason.code or "", position=position)
        for position, reason in enumerate(reasons)
    )


def one_year_span(start: date) -> tuple[date, date]:
    """An intermittent leave's span: one year from its first day (the day before the anniversary)."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + 1, day=28) + timedelta(days=1)
    return start, anniversary - timedelta(days=1)


def _create_leave_case(wizard: LeaveWizard, cleaned: dict[str, dict[str, Any]], now: datetime) -> Case:
    continuous = cleaned[LeaveStep.PATTERN]["continuous"]
    procedural = cleaned[LeaveStep.PROCEDURAL]
    contact = cleaned[LeaveStep.COMMUNICATION]
    by_email = contact["by_email"]
    case = _new_case(
        wizard.draft,
        now,
        kind=CaseKind.LEAVE,
        reason=wizard.case_reason,
        pattern=LeavePattern.CONTINUOUS if continuous else LeavePattern.INTERMITTENT,
        payment_option=procedural["payment_option"],
        work_related=procedural["work_related"],
        contact_by_email=by_email,
        email=contact["email"] if by_email else "",
        address_line1="" if by_email else contact["address_line1"],
        address_line2="" if by_email else contact["address_line2"],
        city="" if by_email else contact["city"],
        state="" if by_email else contact["state"],
        zip_code="" if by_email else contact["zip_code"],
        phone=contact["phone"],
        best_time_to_reach=contact["best_time"],
    )
    _add_conditions(case, cleaned[LeaveStep.REASONS]["reasons"])
    if continuous:
        start, end = cleaned[LeaveStep.DATES]["start_date"], cleaned[LeaveStep.DATES]["end_date"]
    else:
        entries: list[DayEntry] = cleaned.get(LeaveStep.DAY_LIST, {}).get("days", [])
        add_time_entries(case, entries)
        start, end = one_year_span(min((entry.day for entry in entries), default=timezone.localdate(now)))
    LeavePeriod.objects.create(case=case, start_date=start, end_date=end)
    attach_policies(case)
    return case


def _create_unplanned_case(wizard: UnplannedWizard, cleaned: dict[str, dict[str, Any]], now: datetime) -> Case:
    who = cleaned[UnplannedStep.WHO]
    owner = wizard.draft.owner
    record = owner.roster_record
    case = _new_case(
        wizard.draft,
        now,
        kind=CaseKind.UNPLANNED,
        reason=CaseReason.EMPLOYEE_SICK if who["absence_for"] == AbsenceFor.MYSELF else CaseReason.FAMILY_SICK,
        absence_for=who["absence_for"],
        relationship=who["relationship"],
        overtime_shift=cleaned[UnplannedStep.OVERTIME]["overtime_shift"],
        contact_by_email=True,
        email=owner.email or (record.work_email if record else ""),
    )
    _add_conditions(case, cleaned[UnplannedStep.REASON]["reasons"])
    entries: list[DayEntry] = cleaned[UnplannedStep.DAY_LIST]["days"]
    add_time_entries(case, entries)
    attach_policies(case)
    return case


# --- Notices after commit ----------------------------------------------------------------------


def _employee_context(case: Case) -> dict[str, Any]:
    employee = case.employee
    return {
        "case": case,
        "name": employee.get_full_name() or employee.username,
        "reach_out_by": rules.add_business_days(timezone.localdate(case.submitted_at), 5),
    }


def _send_leave_notices(case: Case) -> None:
    context = _employee_context(case)
    context["period"] = case.leave_period
    if case.contact_by_email:
        channel, recipient = Channel.EMAIL, case.email
    else:
        channel = Channel.LETTER
        recipient = f"{context['name']}, " + mailing_address(
            {"address_line1": case.address_line1, "address_line2": case.address_line2, "city": case.city,
             "state": case.state, "zip_code": case.zip_code}
        )  # fmt: skip
    queue_notice(
        channel, recipient, "intake_leave_confirmation", context, dedupe_key=f"case-{case.case_number}-confirmation"
    )
    if case.pattern == LeavePattern.CONTINUOUS:
        period = case.leave_period
        _notify_supervisor(case, [(period.start_date, period.end_date, None)])


def _send_unplanned_notices(case: Case) -> None:
    if case.email:
        queue_notice(
            Channel.EMAIL,
            case.email,
            "intake_unplanned_confirmation",
            {**_employee_context(case), "entries": list(case.time_entries.all())},
            dedupe_key=f"case-{case.case_number}-confirmation",
        )
    entry = case.time_entries.get()
    _notify_supervisor(case, [(entry.date, entry.date, entry)])


def _notify_supervisor(case: Case, absences: list[tuple[date, date, TimeEntry | None]]) -> None:
    """The absence notice: who, when, for how long. Never the reason, the conditions or the case reason."""
    recipient = supervisor_address(case.employee)
    if not recipient:
        return
    record = case.employee.roster_record
    scheduled = rules.scheduled_day_minutes(record.scheduled_hours_per_day if record else None)
    lines = []
    for start, end, entry in absences:
        when = start.strftime("%B %d, %Y") if start == end else f"{start:%B %d, %Y} – {end:%B %d, %Y}"
        if entry is None:
            hours = gettext("%(hours)s a day") % {"hours": rules.format_hours(scheduled).lower()}
        elif entry.full_day:
            hours = rules.format_hours(entry.minutes).lower()
        else:
            hours = DayEntry(entry.date, False, entry.minutes, entry.start_time, entry.end_time).describe()
        lines.append(f"{when}: {hours}")
    queue_notice(
        Channel.EMAIL,
        recipient,
        "case_supervisor_absence",
        {"employee_name": case.employee.get_full_name() or case.employee.username, "case": case, "lines": lines},
        dedupe_key=f"case-{case.case_number}-supervisor",
    )
