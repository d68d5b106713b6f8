"""Complete drafts built directly (as the pages would have saved them), for tests of the submit actions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from intake.models import Draft, FlowType

EMAIL_CONTACT = {
    "by_email": "yes", "email": "maria@home.example", "address_line1": "", "address_line2": "", "city": "",
    "state": "", "zip_code": "", "phone": "617-555-0123", "best_time": "10",
}  # fmt: skip
LETTER_CONTACT = {
    **EMAIL_CONTACT, "by_email": "no", "email": "", "address_line1": "600 Grant Street", "city": "Burlington",
    "state": "MA", "zip_code": "01803",
}  # fmt: skip


def day(on: date, *, minutes: int = 480, start: str | None = None, end: str | None = None, **extra: Any) -> dict:
    return {"date": on.isoformat(), "full_day": start is None, "minutes": minutes, "start": start, "end": end,
            "doctor_visit": extra.get("doctor_visit", False), "notes": extra.get("notes", "")}  # fmt: skip


def leave_draft(
    owner: User,
    *,
    reason: str = "employee_health",
    reasons: list[str] | None = None,
    dates: tuple[date, date] | None = None,
    days: list[dict] | None = None,
    contact: dict[str, str] | None = None,
) -> Draft:
    """A continuous leave when `dates` is given, else an intermittent one (with `days` when known)."""
    answers: dict[str, Any] = {
        "absence-type": {"reason": reason},
        "reason-for-leave": {"reasons": reasons or ["Surgery"], "confirmed": True},
        "continuous-or-intermittent": {"continuous": "yes" if dates else "no"},
        "procedural-questions": {"payment_option": "dfml_only", "work_related": "no"},
        "communication-preference": contact or EMAIL_CONTACT,
    }
    if reason in ("bonding", "pregnancy"):
        answers["child-date"] = {"child_date": (timezone.localdate() - timedelta(days=30)).isoformat()}
    if dates:
        answers["continuous-dates"] = {"start_date": dates[0].isoformat(), "end_date": dates[1].isoformat()}
    else:
        answers["known-days"] = {"known": "yes" if days else "no"}
        if days:
            answers["days"] = days
            answers["day-list"] = {"done": True}
    return Draft.objects.create(owner=owner, flow=FlowType.LEAVE, answers=answers, step_reached="summary")


def unplanned_draft(
    owner: User, entry: dict, *, absence_for: str = "myself", relationship: str = "", reason: str = "Flu"
) -> Draft:
    answers = {
        "who": {"absence_for": absence_for, "relationship": relationship},
        "days": [entry],
        "day-list": {"done": True},
        "reason": {"reasons": [reason], "confirmed": True},
        "overtime-shift": {"overtime_shift": "not_ot"},
    }
    return Draft.objects.create(owner=owner, flow=FlowType.UNPLANNED, answers=answers, step_reached="summary")
