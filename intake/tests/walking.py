"""Walking the request flows with the Django test client, one posted page at a time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from intake.models import Draft


def days_from_today(count: int) -> date:
    return timezone.localdate() + timedelta(days=count)


def post_ok(client: Client, url: str, data: dict[str, Any]) -> str:
    """Post a page that must be accepted; the address it leads to."""
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    return response["Location"]


def _errors(response: Any) -> str:
    content = response.content.decode()
    start = content.find("usa-error-message")
    return content[start : start + 400] if start >= 0 else content[:400]


def start_leave(client: Client, reason: str = "employee_health") -> str:
    post_ok(client, "/request/file-for/", {"filer": "myself"})
    return post_ok(client, "/request/absence-type/", {"absence_type": reason})


def step_url(draft: Draft, step: str) -> str:
    return f"/request/{draft.flow.replace('_', '-')}/{draft.id}/{step}/"


def enter_day(client: Client, url: str, day: date, **answers: str) -> str:
    """From the date page through one day entry; the address after it (the list of days)."""
    url = post_ok(client, url, {"date": day.isoformat(), "editing": answers.pop("editing", "")})
    full_day = answers.pop("full_day", "yes")
    url = post_ok(client, url, {"full_day": full_day})
    if full_day == "yes":
        url = post_ok(client, url, {"amount": answers.pop("amount", "scheduled"), **answers})
    else:
        times = {"start": answers.pop("start"), "end": answers.pop("end")}
        # A night shift or a day longer than scheduled is asked about once: "confirmed" answers "Yes, that's right".
        url = post_ok(client, url, {**times, "confirmed": answers.pop("confirmed", "")})
    if url.endswith("/day-doctor-visit/"):
        url = post_ok(client, url, {"doctor_visit": answers.pop("doctor_visit", "no")})
    if url.endswith("/day-notes/"):
        url = post_ok(client, url, {"notes": answers.pop("notes", "")})
    return url


def communication_by_email() -> dict[str, str]:
    return {"by_email": "yes", "email": "maria@home.example", "phone": "617-555-0123", "best_time": "10"}


def walk_continuous_leave(client: Client, start: date, end: date) -> Draft:
    """A complete continuous leave for the signed-in user, up to the summary."""
    url = start_leave(client)
    url = post_ok(client, url, {"reasons": ["Surgery"], "action": "next"})
    url = post_ok(client, url, {"continuous": "yes"})
    url = post_ok(client, url, {"start_date": start.isoformat(), "end_date": end.isoformat()})
    url = post_ok(client, url, {"payment_option": "employer_paid", "work_related": "no"})
    url = post_ok(client, url, communication_by_email())
    assert url.endswith("/summary/")
    return Draft.objects.get()
