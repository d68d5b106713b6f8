"""The demo employee's absence history for `seed_demo`, so a newcomer sees every status and the timeline at work.

demo.employee (roster 100004, made by accounts.demo) gets: the guide's own example (a short-term disability
denied for its first week, FMLA and the second week pending), an open intermittent leave over a year with
reported days, an approved six-week pregnancy leave, a denied bonding leave, a cancelled leave, a pending unplanned
absence and a cancelled one. Two other employees get a case each, for the desk. Dates are relative to today.

Approved FMLA stays within the 12 workweeks of any 12 months (29 CFR 825.200(a)), as a real employee's would:
the pregnancy leave's six weeks and the intermittent leave's 20 hours leave about half of it, so the balance
lines read like a real history. (A database seeded before this keeps its old cases: only new ones are made.)

Decisions are written with their final status directly: this is seed data, not a decision being made, so
no notices or audit events are produced. Safe to run twice: a case already there is not made again.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from accounts.models import User
from cases.documents.actions import add_document
from cases.models import (
    Case,
    CaseCondition,
    CaseKind,
    CaseReason,
    DocumentType,
    LeavePattern,
    LeavePeriod,
    TimeEntry,
    TimeEntrySource,
)
from cases.numbers import new_case_number
from policies.models import Policy, PolicyDecision
from roster.models import RosterRecord

DEMO_EMPLOYEE_NUMBER = "100004"
OTHER_EMPLOYEE_NUMBERS = ("100005", "100007")
EASTERN = ZoneInfo("America/New_York")
FRIDAY = 4  # date.weekday()
NAMESPACE = uuid.UUID("0c9e4f57-3f2b-4b8e-8f59-2d1d3a7c6b10")


def _blank_letter_pdf() -> bytes:
    """A one-page blank PDF, well formed: the upload checks read it with a real parser."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


DEMO_PDF = _blank_letter_pdf()


@dataclass
class DemoCase:
    """One demo case: days are offsets from today; decisions are (policy code, status, first day, last day)."""

    key: str
    reason: str
    kind: str = CaseKind.LEAVE
    pattern: str = LeavePattern.CONTINUOUS
    submitted: int = 0
    period: tuple[int, int] | None = None
    decisions: list[tuple[str, str, int, int]] = field(default_factory=list)
    entries: list[tuple[int, int, bool]] = field(default_factory=list)  # (day, minutes, doctor visit)
    condition: str = ""
    cancelled: bool = False


DEMO_HISTORY = [
    DemoCase(
        "guide-example", CaseReason.EMPLOYEE_HEALTH, submitted=-20, period=(-14, 0), condition="Back surgery",
        decisions=[("std-1", "denied", -14, -8), ("fmla", "pending", -14, 0), ("std-1", "pending", -7, 0)],
    ),
    DemoCase(
        "open-intermittent", CaseReason.FAMILY_HEALTH, pattern=LeavePattern.INTERMITTENT, submitted=-76,
        period=(-75, 289), condition="Parent's chemotherapy appointments",
        decisions=[("fmla", "approved", -75, 289), ("sick-leave-bank", "pending", -75, 289)],
        entries=[(-70, 480, True), (-40, 240, True), (-12, 480, False)],
    ),
    DemoCase(
        "pregnancy", CaseReason.PREGNANCY, submitted=-300, period=(-280, -239), condition="Pregnancy",
        decisions=[("fmla", "approved", -280, -239), ("pfml-medical", "approved", -280, -239),
                   ("std-1", "approved", -280, -239)],
    ),
    DemoCase(
        "bonding-denied", CaseReason.BONDING, submitted=-500, period=(-490, -430), condition="Adoption placement",
        decisions=[("fmla", "denied", -490, -430), ("pfml-family", "denied", -490, -430)],
    ),
    DemoCase(
        "cancelled-leave", CaseReason.FAMILY_HEALTH, submitted=-150, period=(-120, -100), condition="Spouse's surgery",
        decisions=[("fmla", "cancelled", -120, -100), ("pfml-family", "cancelled", -120, -100)], cancelled=True,
    ),
    DemoCase(
        "unplanned-sick", CaseReason.EMPLOYEE_SICK, kind=CaseKind.UNPLANNED, pattern="", submitted=-5,
        decisions=[("employee-sick", "pending", -5, -5)], entries=[(-5, 480, False)], condition="Flu",
    ),
    DemoCase(
        "unplanned-cancelled", CaseReason.FAMILY_SICK, kind=CaseKind.UNPLANNED, pattern="", submitted=-33,
        decisions=[("family-sick", "cancelled", -32, -32)], entries=[(-32, 480, True)], condition="Child's fever",
        cancelled=True,
    ),
]  # fmt: skip
OTHERS_HISTORY = [
    DemoCase(
        "other-pending", CaseReason.EMPLOYEE_HEALTH, submitted=-2, period=(1, 30), condition="Shoulder surgery",
        decisions=[("fmla", "pending", 1, 30), ("pfml-medical", "pending", 1, 30), ("std-1", "pending", 8, 30)],
    ),
    DemoCase(
        "other-approved", CaseReason.PREGNANCY, submitted=-60, period=(-40, 29), condition="Pregnancy",
        decisions=[("fmla", "approved", -40, 29), ("pfml-medical", "approved", -40, 29)],
    ),
]  # fmt: skip


def _account(record: RosterRecord) -> User:
    """The record's account: the registered one, else a sign-in-less one named as the desk demo names them."""
    user = User.objects.filter(roster_record=record).first()
    if user is None:
        user = User(username=f"employee.{record.employee_number}", roster_record=record, email=record.work_email)
        user.first_name, user.last_name = record.first_name, record.last_name
        user.set_unusable_password()
        user.save()
    return user


def _make_case(employee: User, demo: DemoCase, today: date, policies: dict[str, Policy]) -> Case | None:
    key = uuid.uuid5(NAMESPACE, f"{employee.username}/{demo.key}")
    if Case.objects.filter(submission_key=key).exists():
        return None
    submitted_at = datetime.combine(today + timedelta(days=demo.submitted), time(9, 15), tzinfo=EASTERN)
    case = Case.objects.create(
        case_number=new_case_number(Case), employee=employee, kind=demo.kind, reason=demo.reason,
        pattern=demo.pattern, email=employee.email, phone="617-555-0104", submitted_at=submitted_at,
        submission_key=key, cancelled_at=submitted_at + timedelta(days=3) if demo.cancelled else None,
    )  # fmt: skip
    if demo.condition:
        CaseCondition.objects.create(case=case, label=demo.condition)
    if demo.period:
        start, end = demo.period
        LeavePeriod.objects.create(case=case, start_date=today + timedelta(start), end_date=today + timedelta(end))
    PolicyDecision.objects.bulk_create(
        PolicyDecision(
            case=case, policy=policies[code], status=status, start_date=today + timedelta(first),
            end_date=today + timedelta(last), decided_at=None if status == "pending" else submitted_at,
        )
        for code, status, first, last in demo.decisions
    )  # fmt: skip
    source = TimeEntrySource.REPORTED if demo.pattern == LeavePattern.INTERMITTENT else TimeEntrySource.REQUEST
    record = employee.roster_record
    full_day = int((record.scheduled_hours_per_day if record else Decimal(8)) * 60)
    TimeEntry.objects.bulk_create(
        TimeEntry(case=case, date=_workday_on_or_before(today + timedelta(day)), full_day=minutes >= 480,
                  minutes=full_day if minutes >= 480 else minutes,
                  start_time=None if minutes >= 480 else time(8), end_time=None if minutes >= 480 else time(12),
                  doctor_visit=doctor, source=source)
        for day, minutes, doctor in demo.entries
    )  # fmt: skip
    return case


def _workday_on_or_before(day: date) -> date:
    """Demo time falls on a weekday: an entry on a weekend would charge nothing (29 CFR 825.205(b))."""
    return day - timedelta(days=max(day.weekday() - FRIDAY, 0))


def load_demo_cases(today: date | None = None) -> int:
    """Make the demo history (after load_demo_roster and load_demo_accounts); returns how many cases were made."""
    today = today or timezone.localdate()
    policies = {policy.code: policy for policy in Policy.objects.all()}
    made = 0
    record = RosterRecord.objects.filter(employee_number=DEMO_EMPLOYEE_NUMBER).first()
    demo_employee = User.objects.filter(roster_record=record).first() if record else None
    if demo_employee is not None:  # the accounts demo makes the account; without it there is no one to show
        for demo in DEMO_HISTORY:
            case = _make_case(demo_employee, demo, today, policies)
            made += case is not None
            if case is not None and demo.key == "guide-example":
                upload = SimpleUploadedFile("medical-certification.pdf", DEMO_PDF, "application/pdf")
                add_document(case, demo_employee, DocumentType.MEDICAL_CERTIFICATION, upload)
    others = RosterRecord.objects.filter(employee_number__in=OTHER_EMPLOYEE_NUMBERS).order_by("employee_number")
    for other, demo in zip(others, OTHERS_HISTORY, strict=False):
        made += _make_case(_account(other), demo, today, policies) is not None
    return made
