"""The demo employee's absence history for `seed_demo`, so a newcomer sees every status and the timeline at work.

demo.employee (roster 100004, made by accounts.demo; 7.5 h Monday to Friday) gets: the guide's own example (back
surgery: the short-term disability denied for its first week, FMLA and PFML pending), an open intermittent leave
over a year with reported days, an approved six-week pregnancy leave, a denied bonding leave, a cancelled leave,
a pending unplanned absence and a cancelled one. Two other employees get a case each, for the desk: a pending
leave, and a pregnancy leave of a part-time employee short of FMLA's 1,250 hours (29 CFR 825.110(c)), so FMLA is
denied with the eligibility note's words and PFML approved. Dates are relative to today.

Every case is a request submitted through the real actions (cases.demo) and every decision the demo specialist's,
through the desk's actions: the demo obeys the rules the application enforces (eligibility notes, dates within
the case, the entitlement check, notices in the outbox). Approved FMLA stays within the 12 workweeks of any 12
months (29 CFR 825.200(a)), as a real employee's would. (The guide's second short-term disability row, its second
week still pending, would need a decision split the desk does not make: it is not shown.) Safe to run twice: a
case already there is not made again.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from accounts.models import User
from cases.demo import (
    already_made,
    demo_key,
    full_day,
    morning,
    report_demo_time,
    scheduled_day_on_or_before,
    submit_demo_absence,
    submit_demo_leave,
)
from cases.documents.actions import add_document
from cases.models import Case, CaseReason, DocumentType
from desk import actions
from desk.demo import load_demo_staff
from roster.models import RosterRecord

DEMO_EMPLOYEE_NUMBER = "100004"
OTHER_EMPLOYEE_NUMBERS = ("100005", "100007")
NAMESPACE = uuid.UUID("0c9e4f57-3f2b-4b8e-8f59-2d1d3a7c6b10")


def _blank_letter_pdf() -> bytes:
    """A one-page blank PDF, well formed: the upload checks read it with a real parser."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


DEMO_PDF = _blank_letter_pdf()
APPROVE, DENY = "approve", "deny"


@dataclass
class DemoLeave:
    """One demo leave: days are offsets from today. No period: an intermittent leave from the day submitted,
    with days reported (day, minutes or 0 for a full day, doctor visit). Decisions (policy, approve or deny,
    first and last day or None for the case's own dates) are the specialist's; the others stay pending."""

    key: str
    reason: CaseReason
    condition: str
    submitted: int
    period: tuple[int, int] | None = None
    child_event: int | None = None  # bonding: the birth or placement; pregnancy: the expected birth
    reported: list[tuple[int, int, bool]] = field(default_factory=list)
    decisions: list[tuple[str, str, tuple[int, int] | None]] = field(default_factory=list)
    denial_reason: str = ""
    cancel_reason: str = ""


DEMO_HISTORY = [
    DemoLeave(
        "guide-example", CaseReason.EMPLOYEE_HEALTH, "Back surgery", submitted=-20, period=(-14, 0),
        decisions=[("std-1", DENY, (-14, -8))],
        denial_reason="The certification covers the surgery from the second week only.",
    ),
    DemoLeave(
        "open-intermittent", CaseReason.FAMILY_HEALTH, "Parent's chemotherapy appointments", submitted=-75,
        reported=[(-70, 0, True), (-40, 240, True), (-12, 0, False)], decisions=[("fmla", APPROVE, None)],
    ),
    DemoLeave(
        "pregnancy", CaseReason.PREGNANCY, "Pregnancy", submitted=-300, period=(-280, -239), child_event=-275,
        decisions=[("fmla", APPROVE, None), ("pfml-medical", APPROVE, None), ("std-1", APPROVE, None)],
    ),
    DemoLeave(
        "bonding-denied", CaseReason.BONDING, "Adoption placement", submitted=-500, period=(-490, -430),
        child_event=-490, decisions=[("fmla", DENY, None), ("pfml-family", DENY, None)],
        denial_reason="The placement papers were not received.",
    ),
    DemoLeave(
        "cancelled-leave", CaseReason.FAMILY_HEALTH, "Spouse's surgery", submitted=-150, period=(-120, -100),
        cancel_reason="The surgery was postponed; the employee will file again.",
    ),
]  # fmt: skip
OTHERS_HISTORY = [
    DemoLeave(
        "other-pending", CaseReason.EMPLOYEE_HEALTH, "Shoulder surgery", submitted=-2, period=(1, 30),
    ),
    DemoLeave(
        "other-approved", CaseReason.PREGNANCY, "Pregnancy", submitted=-60, period=(-40, 29), child_event=-10,
        decisions=[("fmla", DENY, None), ("pfml-medical", APPROVE, None)],
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


def _make_leave(employee: User, demo: DemoLeave, today: date, specialist: User) -> Case | None:
    key = demo_key(NAMESPACE, f"{employee.username}/{demo.key}")
    if already_made(key):
        return None

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    start, end = (day(demo.period[0]), day(demo.period[1])) if demo.period else (None, None)
    case = submit_demo_leave(
        key, employee, demo.reason, submitted_on=day(demo.submitted), condition=demo.condition, start=start,
        end=end, child_event_date=day(demo.child_event) if demo.child_event is not None else None,
    )  # fmt: skip
    record = employee.roster_record
    for offset, minutes, doctor in demo.reported:
        worked = scheduled_day_on_or_before(record, day(offset))
        entry = morning(worked, doctor_visit=doctor) if minutes else full_day(record, worked, doctor_visit=doctor)
        report_demo_time(case, entry)
    _decide(case, demo, today, specialist)
    if demo.cancel_reason:
        actions.cancel_case(case, reason=demo.cancel_reason, by=specialist)
    return case


def _decide(case: Case, demo: DemoLeave, today: date, specialist: User) -> None:
    decisions = {decision.policy.code: decision for decision in case.decisions.select_related("policy")}
    for code, outcome, span in demo.decisions:
        decision = decisions[code]
        start, end = (
            (today + timedelta(days=span[0]), today + timedelta(days=span[1]))
            if span
            else (decision.start_date, decision.end_date)
        )
        if outcome == APPROVE:
            actions.approve_decision(decision, start_date=start, end_date=end, by=specialist)
        else:
            # An ineligible employee is denied in the eligibility note's words (29 CFR 825.300(b)).
            reason = demo.denial_reason or f"Not eligible: {decision.eligibility_note}."
            actions.deny_decision(decision, start_date=start, end_date=end, reason=reason, by=specialist)


def _make_absences(employee: User, today: date, specialist: User) -> int:
    """A pending unplanned absence five days ago and a cancelled one a month ago."""
    record = employee.roster_record
    made = 0
    sick = demo_key(NAMESPACE, f"{employee.username}/unplanned-sick")
    if not already_made(sick):
        day = full_day(record, scheduled_day_on_or_before(record, today - timedelta(days=5)))
        submit_demo_absence(sick, employee, day, condition="Flu")
        made += 1
    child = demo_key(NAMESPACE, f"{employee.username}/unplanned-cancelled")
    if not already_made(child):
        day = full_day(record, scheduled_day_on_or_before(record, today - timedelta(days=32)), doctor_visit=True)
        case = submit_demo_absence(child, employee, day, condition="Child's fever", absence_for="child")
        actions.cancel_case(case, reason="Reported by mistake: the employee was at work that day.", by=specialist)
        made += 1
    return made


def load_demo_cases(today: date | None = None) -> int:
    """Make the demo history (after load_demo_roster and load_demo_accounts); returns how many cases were made."""
    today = today or timezone.localdate()
    specialist = load_demo_staff()
    made = 0
    record = RosterRecord.objects.filter(employee_number=DEMO_EMPLOYEE_NUMBER).first()
    demo_employee = User.objects.filter(roster_record=record).first() if record else None
    if demo_employee is not None:  # the accounts demo makes the account; without it there is no one to show
        for demo in DEMO_HISTORY:
            case = _make_leave(demo_employee, demo, today, specialist)
            made += case is not None
            if case is not None and demo.key == "guide-example":
                upload = SimpleUploadedFile("medical-certification.pdf", DEMO_PDF, "application/pdf")
                add_document(case, demo_employee, DocumentType.MEDICAL_CERTIFICATION, upload)
        made += _make_absences(demo_employee, today, specialist)
    others = RosterRecord.objects.filter(employee_number__in=OTHER_EMPLOYEE_NUMBERS).order_by("employee_number")
    for other, demo in zip(others, OTHERS_HISTORY, strict=False):
        made += _make_leave(_account(other), demo, today, specialist) is not None
    return made
