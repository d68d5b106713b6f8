"""Demo desk people and cases for `seed_demo`: a case specialist, an HR professional, a supervisor, and cases of
the supervisor's reports in every decision status. Safe to run twice: nothing already there is made again.

Staff sign in at /desk/login/ and, like the demo employee, read their codes from the outbox.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import ContactMethod, PhoneDevice, User
from cases.decisions import attach_policies
from cases.models import Case, CaseCondition, CaseKind, CaseReason, LeavePattern, LeavePeriod, TimeEntry
from cases.numbers import new_case_number
from desk import actions
from desk.models import AgencyAuthorization, CallPurpose, Role, StaffRole
from roster.models import RosterRecord

REVENUE = "Department of Revenue"
SUPERVISOR_NUMBER = "100003"  # supervises the demo employee (100004) and others in Revenue
EASTERN = ZoneInfo("America/New_York")
CASE_NAMESPACE = uuid.UUID("5b0c6f0e-7d8a-4d61-9d1e-6a0f1f7de5a1")

STAFF = [
    ("demo.specialist", "Casey", "Specialist", Role.SPECIALIST, "+16175550190", ()),
    ("demo.hr", "Harper", "Reyes", Role.HR, "+16175550191", (REVENUE,)),
]


def _account(username: str, **fields: object) -> User:
    user = User.objects.filter(username__iexact=username).first() or User(username=username)
    for name, value in fields.items():
        setattr(user, name, value)
    if not user.password or not user.check_password(DEMO_PASSWORD):
        user.password = make_password(DEMO_PASSWORD)
    user.save()
    return user


def _phone(user: User, number: str) -> None:
    PhoneDevice.objects.update_or_create(
        user=user, confirmed=True, defaults={"number": number, "method": ContactMethod.SMS, "name": "phone"}
    )


def load_demo_staff() -> User:
    """The specialist and the HR professional (Revenue), with phones for their codes; returns the specialist."""
    specialist = None
    for username, first, last, role, phone, agencies in STAFF:
        user = _account(username, first_name=first, last_name=last, email=f"{username}@workpartners.example")
        _phone(user, phone)
        staff_role, _ = StaffRole.objects.update_or_create(user=user, defaults={"role": role})
        for agency in agencies:
            AgencyAuthorization.objects.get_or_create(staff_role=staff_role, agency=agency)
        if role == Role.SPECIALIST:
            specialist = user
    assert specialist is not None  # noqa: S101
    return specialist


def load_demo_supervisor() -> User:
    record = RosterRecord.objects.get(employee_number=SUPERVISOR_NUMBER)
    user = _account(
        "demo.supervisor", roster_record=record, first_name=record.first_name, last_name=record.last_name,
        email=record.work_email,
    )  # fmt: skip
    _phone(user, "+16175550103")
    return user


def _employee_account(record: RosterRecord) -> User:
    user = User.objects.filter(roster_record=record).first()
    if user is None:
        user = User(username=f"employee.{record.employee_number}", roster_record=record)
        user.set_unusable_password()
    user.first_name, user.last_name, user.email = record.first_name, record.last_name, record.work_email
    user.save()
    return user


def _new_case(key: str, record: RosterRecord, **fields: object) -> Case | None:
    submission_key = uuid.uuid5(CASE_NAMESPACE, key)
    if Case.objects.filter(submission_key=submission_key).exists():
        return None
    submitted_on = fields.pop("submitted_on")
    assert isinstance(submitted_on, date)  # noqa: S101
    return Case.objects.create(
        case_number=new_case_number(Case),
        employee=_employee_account(record),
        submission_key=submission_key,
        submitted_at=datetime.combine(submitted_on, time(9, 30), tzinfo=EASTERN),
        email=record.work_email,
        phone="617-555-0142",
        best_time_to_reach=10,
        **fields,
    )


def load_demo_cases(specialist: User, today: date | None = None) -> int:
    """Cases of the demo supervisor's reports: approved, pending, denied, cancelled, and an unplanned absence."""
    today = today or timezone.localdate()
    reports = {r.employee_number: r for r in RosterRecord.objects.filter(supervisor__employee_number=SUPERVISOR_NUMBER)}
    made = 0
    continuous = _new_case(
        "continuous", reports["100006"], kind=CaseKind.LEAVE, reason=CaseReason.EMPLOYEE_HEALTH,
        pattern=LeavePattern.CONTINUOUS, payment_option="employer_paid", work_related=False,
        submitted_on=today - timedelta(days=20),
    )  # fmt: skip
    if continuous is not None:
        CaseCondition.objects.create(case=continuous, label="Knee replacement surgery", code="Z96.651")
        LeavePeriod.objects.create(
            case=continuous, start_date=today - timedelta(days=14), end_date=today + timedelta(days=27)
        )
        decisions = {d.policy.code: d for d in attach_policies(continuous)}
        actions.record_call_note(continuous, purpose=CallPurpose.VERIFICATION, text="Verified the surgery date.",
                                 called_at=timezone.now() - timedelta(days=19), by=specialist)  # fmt: skip
        fmla = decisions["fmla"]
        actions.approve_decision(fmla, start_date=fmla.start_date, end_date=fmla.end_date, by=specialist)
        if "std-1" in decisions:
            std = decisions["std-1"]
            actions.deny_decision(std, start_date=std.start_date, end_date=std.end_date, by=specialist,
                                  reason="The plan's elimination period was not met.")  # fmt: skip
        made += 1
    intermittent = _new_case(
        "intermittent", reports["100008"], kind=CaseKind.LEAVE, reason=CaseReason.FAMILY_HEALTH,
        pattern=LeavePattern.INTERMITTENT, absence_for="parent", payment_option="employer_paid", work_related=False,
        submitted_on=today - timedelta(days=3),
    )  # fmt: skip
    if intermittent is not None:
        CaseCondition.objects.create(case=intermittent, label="Parent's chemotherapy appointments")
        LeavePeriod.objects.create(
            case=intermittent, start_date=today - timedelta(days=2), end_date=today + timedelta(days=180)
        )
        TimeEntry.objects.create(case=intermittent, date=today - timedelta(days=1), full_day=False, minutes=240,
                                 start_time=time(8), end_time=time(12), doctor_visit=True)  # fmt: skip
        attach_policies(intermittent)
        made += 1
    cancelled = _new_case(
        "cancelled", reports["100010"], kind=CaseKind.LEAVE, reason=CaseReason.BONDING,
        pattern=LeavePattern.CONTINUOUS, payment_option="dfml_only", work_related=False,
        submitted_on=today - timedelta(days=30),
    )  # fmt: skip
    if cancelled is not None:
        CaseCondition.objects.create(case=cancelled, label="Adoption placement")
        LeavePeriod.objects.create(
            case=cancelled, start_date=today + timedelta(days=10), end_date=today + timedelta(days=60)
        )
        attach_policies(cancelled)
        actions.cancel_case(
            cancelled, reason="The placement was postponed; the employee will file again.", by=specialist
        )
        made += 1
    unplanned = _new_case(
        "unplanned", reports["100012"], kind=CaseKind.UNPLANNED, reason=CaseReason.EMPLOYEE_SICK, pattern="",
        overtime_shift="not_ot", submitted_on=today,
    )  # fmt: skip
    if unplanned is not None:
        CaseCondition.objects.create(case=unplanned, label="Flu")
        TimeEntry.objects.create(case=unplanned, date=today, full_day=True, minutes=480, doctor_visit=False)
        attach_policies(unplanned)
        made += 1
    return made


def load_demo_desk() -> int:
    """Everything above; returns how many demo cases were made this time."""
    specialist = load_demo_staff()
    load_demo_supervisor()
    return load_demo_cases(specialist)
