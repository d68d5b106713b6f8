"""Letters for tests: a real leave submitted through the submit action, so its eligibility letter is the one sent."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from absence.reasons import CaseReason
from accounts.models import User
from cases import submission
from cases.models import Case
from cases.requests import ContactPreference, LeaveRequest
from conditions.vocabulary import Reason
from letters.models import Letter
from letters.preparing import render_stored_letter

EASTERN = ZoneInfo("America/New_York")
SUBMITTED = datetime(2026, 12, 14, 10, 5, tzinfo=EASTERN)  # a Monday
LEAVE_START, LEAVE_END = date(2027, 1, 5), date(2027, 2, 13)


def by_email(user: User) -> ContactPreference:
    email = user.email or "someone@example.com"
    return ContactPreference(by_email=True, email=email, phone="617-555-0142", best_time=10)


def by_mail() -> ContactPreference:
    return ContactPreference(
        by_email=False,
        email="",
        phone="617-555-0142",
        best_time=10,
        address_line1="12 Elm Street",
        city="Worcester",
        state="MA",
        zip_code="01608",
    )


def leave_request(employee: User, **fields: object) -> LeaveRequest:
    values: dict[str, object] = {
        "submission_key": uuid.uuid4(),
        "employee": employee,
        "reason": CaseReason.EMPLOYEE_HEALTH,
        "conditions": (Reason("Surgery"),),
        "continuous": True,
        "payment_option": "employer_paid",
        "work_related": False,
        "contact": by_email(employee),
        "start": LEAVE_START,
        "end": LEAVE_END,
        **fields,
    }
    return LeaveRequest(**values)  # type: ignore[arg-type]


def submit_leave(employee: User, **fields: object) -> Case:
    """A leave submitted, and its letter rendered as the work after the commit renders it (a test's transaction
    never commits: `submission.submit_leave_request` alone leaves the letter waiting for its PDF)."""
    case = submission.submit_leave_request(leave_request(employee, **fields), now=SUBMITTED)
    for letter in Letter.objects.filter(case=case, pdf=""):
        render_stored_letter(letter.pk)
    return case


def rendered(letter: Letter) -> Letter:
    """The letter with its PDF, as the work after the commit renders it (a test's transaction never commits)."""
    return render_stored_letter(letter.pk)


def pdf_bytes(letter: Letter) -> bytes:
    with rendered(letter).pdf.open("rb") as stored:
        return stored.read()


PAGE_NUMBER = re.compile(r"^\d+ / \d+$")


def text_of(data: bytes) -> str:
    """The PDF's text as one line of words: line breaks are the layout's, not the letter's, and each page's footer
    (the administrator, the case and the page number) and list bullets are left out."""
    lines = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for line in (page.extract_text() or "").splitlines():
            words = line.strip()
            if words in {"", "•"} or PAGE_NUMBER.match(words) or words.startswith("Workpartners · Case "):
                continue
            lines.append(words)
    return " ".join(" ".join(lines).split())


def letter_text(letter: Letter) -> str:
    return text_of(pdf_bytes(letter))
