"""Demo desk people and cases for `seed_demo`: a case specialist, an HR professional, a supervisor, and cases of
the supervisor's reports in every decision status. Safe to run twice: nothing already there is made again.

Staff sign in at /desk/login/ and, like the demo employee, read their codes from the outbox.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import ContactMethod, PhoneDevice, User
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
from cases.models import CaseReason, PaymentOption
from desk import actions
from desk.models import AgencyAuthorization, CallPurpose, Role, StaffRole
from roster.models import RosterRecord

REVENUE = "Department of Revenue"
SUPERVISOR_NUMBER = "100003"  # supervises the demo employee (100004) and others in Revenue
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


def _key(name: str) -> uuid.UUID:
    return demo_key(CASE_NAMESPACE, name)


def load_demo_cases(specialist: User, today: date | None = None) -> int:
    """Cases of the demo supervisor's reports: approved, pending, denied, cancelled, and an unplanned absence.

    Each is submitted through the real actions (cases.demo) and decided through the desk's (desk.actions)."""
    today = today or timezone.localdate()
    reports = {r.employee_number: r for r in RosterRecord.objects.filter(supervisor__employee_number=SUPERVISOR_NUMBER)}
    made = 0
    if not already_made(_key("continuous")):
        continuous = submit_demo_leave(
            _key("continuous"), _employee_account(reports["100006"]), CaseReason.EMPLOYEE_HEALTH,
            submitted_on=today - timedelta(days=20), condition="Knee replacement surgery",
            start=today - timedelta(days=14), end=today + timedelta(days=27), phone="617-555-0142",
        )  # fmt: skip
        decisions = {d.policy.code: d for d in continuous.decisions.select_related("policy")}
        actions.record_call_note(continuous, purpose=CallPurpose.VERIFICATION, text="Verified the surgery date.",
                                 called_at=timezone.now() - timedelta(days=19), by=specialist)  # fmt: skip
        fmla = decisions["fmla"]
        actions.approve_decision(fmla, start_date=fmla.start_date, end_date=fmla.end_date, by=specialist)
        std = decisions["std-1"]
        actions.deny_decision(std, start_date=std.start_date, end_date=std.end_date, by=specialist,
                              reason="The plan's elimination period was not met.")  # fmt: skip
        made += 1
    if not already_made(_key("intermittent")):
        record = reports["100008"]
        intermittent = submit_demo_leave(
            _key("intermittent"), _employee_account(record), CaseReason.FAMILY_HEALTH,
            submitted_on=today - timedelta(days=6), condition="Parent's chemotherapy appointments",
            phone="617-555-0142",
        )  # fmt: skip
        yesterday = scheduled_day_on_or_before(record, today - timedelta(days=1))
        report_demo_time(intermittent, morning(yesterday, doctor_visit=True))
        made += 1
    if not already_made(_key("cancelled")):
        placement = today + timedelta(days=10)
        cancelled = submit_demo_leave(
            _key("cancelled"), _employee_account(reports["100010"]), CaseReason.BONDING,
            submitted_on=today - timedelta(days=30), condition="Adoption placement", start=placement,
            end=today + timedelta(days=60), child_event_date=placement, payment_option=PaymentOption.DFML_ONLY,
            phone="617-555-0142",
        )  # fmt: skip
        actions.cancel_case(
            cancelled, reason="The placement was postponed; the employee will file again.", by=specialist
        )
        made += 1
    if not already_made(_key("unplanned")):
        record = reports["100012"]
        day = full_day(record, scheduled_day_on_or_before(record, today))
        submit_demo_absence(_key("unplanned"), _employee_account(record), day, condition="Flu")
        made += 1
    return made


def load_demo_desk() -> int:
    """Everything above; returns how many demo cases were made this time."""
    specialist = load_demo_staff()
    load_demo_supervisor()
    return load_demo_cases(specialist)
