"""The people and cases the benches measure, made through the project's factories and submit action.

`seed_pages()` (bench/pages.py): an employee with one case, an employee with fifty, a case specialist, and the
desk's open cases (every case here is submitted and waits for the desk). `seed_submitters(n)` (bench/submissions.py):
n employees with no case yet. Every employee has a verified phone, so the sign-in's second step sends a code to the
outbox; the specialist has one too (the desk signs in the same two steps). Call with Django set up.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from absence.reasons import CaseReason
from accounts.models import User
from accounts.tests.factories import PASSWORD, EmployeeWithPhoneFactory, PhoneDeviceFactory
from cases.demo import submit_demo_leave
from cases.models import Case
from desk.tests.factories import make_specialist
from notices.models import Message

__all__ = ["PASSWORD", "PageData", "latest_code", "seed_pages", "seed_submitters"]

BENCH_NAMESPACE = uuid.UUID("8c6f0f4e-6d1b-4e8e-9b59-3c1c2f0a5b17")
MANY_CASES = 50
CODE = re.compile(r"verification code is (\d{6})")


@dataclass(frozen=True)
class PageData:
    one_case: str  # usernames
    many_cases: str
    specialist: str
    case_number: str  # the one-case employee's case: its page, its timeline and the desk's view of it
    open_desk_cases: int


def _employee(username: str) -> User:
    return EmployeeWithPhoneFactory.create(username=username, first_name=username.capitalize(), last_name="Bench")


def _cases(employee: User, count: int) -> list[Case]:
    """`count` continuous leaves of a week each, a fortnight apart, submitted through the real action."""
    today = timezone.localdate()
    made = []
    for number in range(count):
        start = today - timedelta(days=14 * number) + timedelta(days=7)
        made.append(
            submit_demo_leave(
                uuid.uuid5(BENCH_NAMESPACE, f"{employee.username}/{number}"),
                employee,
                CaseReason.EMPLOYEE_HEALTH,
                submitted_on=min(today, start - timedelta(days=1)),
                condition="Migraine",
                start=start,
                end=start + timedelta(days=4),
            )
        )
    return made


def seed_pages(many_cases: int = MANY_CASES) -> PageData:
    one, many = _employee("benchone"), _employee("benchmany")
    (case,) = _cases(one, 1)
    _cases(many, many_cases)
    specialist = make_specialist("benchdesk")
    PhoneDeviceFactory.create(user=specialist)
    return PageData(one.username, many.username, specialist.username, case.case_number, Case.objects.count())


def seed_submitters(count: int) -> list[str]:
    """`count` employees with an account and a phone and no case: their usernames."""
    return [_employee(f"submitter{number:03d}").username for number in range(count)]


def latest_code(username: str) -> str:
    """The code last texted to `username`'s phone, read from the outbox (notices.Message)."""
    device = User.objects.get(username=username).phone_device
    if device is None:
        raise LookupError(f"{username} has no phone for the second step")
    message = Message.objects.filter(recipient=device.number).order_by("-created_at", "-id").first()
    found = CODE.search(message.body) if message else None
    if found is None:
        raise LookupError(f"no code in the outbox for {username}")
    return found.group(1)
