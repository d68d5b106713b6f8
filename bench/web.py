"""LeaveDesk over HTTP, as a browser with JavaScript off uses it (requests): sign in, walk the leave wizard, submit.

`code_for(username)` reads the second step's code from wherever the bench can see it (the outbox, through
bench.seeding.latest_code). `forwarded_for` sends X-Forwarded-For, for benches that run LeaveDesk with
TRUSTED_PROXY_HOPS=1 so each simulated person comes from their own address, as behind the load balancer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from urllib.parse import urljoin

import requests

CASE_NUMBER = re.compile(r"data-case-number>(\w+)<")
TIMEOUT = 60


class UnexpectedAnswerError(RuntimeError):
    """LeaveDesk answered a step of the flow otherwise than a person completing it expects."""


def new_client(forwarded_for: str | None = None) -> requests.Session:
    client = requests.Session()
    if forwarded_for:
        client.headers["X-Forwarded-For"] = forwarded_for
    return client


def csrf_token(client: requests.Session) -> str:
    return client.cookies.get("csrftoken") or ""


def post(client: requests.Session, url: str, data: dict[str, object]) -> str:
    """Post a form that must be accepted (a redirect); the address it leads to."""
    response = client.post(
        url, data={**data, "csrfmiddlewaretoken": csrf_token(client)}, allow_redirects=False, timeout=TIMEOUT
    )
    if response.status_code != 302:
        raise UnexpectedAnswerError(f"POST {url} answered {response.status_code}: {response.text[:300]}")
    return urljoin(url, response.headers["Location"])


def get(client: requests.Session, url: str) -> str:
    response = client.get(url, allow_redirects=False, timeout=TIMEOUT)
    if response.status_code != 200:
        raise UnexpectedAnswerError(f"GET {url} answered {response.status_code}")
    return response.text


def sign_in(
    base: str,
    username: str,
    password: str,
    code_for: Callable[[str], str],
    *,
    login_path: str = "/accounts/login/",
    forwarded_for: str | None = None,
) -> requests.Session:
    """The real two steps: the password on the login page, then the code sent to the person's phone."""
    client = new_client(forwarded_for)
    get(client, base + login_path)  # sets the CSRF cookie, as the browser's first visit does
    verify = post(client, base + login_path, {"username": username, "password": password})
    if not verify.endswith("/accounts/login/verify/"):
        raise UnexpectedAnswerError(f"{username}'s password step led to {verify}, not the code step")
    landed = post(client, verify, {"code": code_for(username)})
    if "/login" in landed:
        raise UnexpectedAnswerError(f"{username}'s code was refused")
    return client


def walk_continuous_leave(client: requests.Session, base: str, start: date) -> str:
    """A continuous leave of a week for the signed-in employee, from the first page to the summary; its URL."""
    get(client, base + "/request/")
    post(client, base + "/request/file-for/", {"filer": "myself"})
    url = post(client, base + "/request/absence-type/", {"absence_type": "employee_health"})
    url = post(client, url, {"reasons": ["Surgery"], "action": "next"})
    url = post(client, url, {"continuous": "yes"})
    end = start + timedelta(days=4)
    url = post(client, url, {"start_date": start.isoformat(), "end_date": end.isoformat()})
    url = post(client, url, {"payment_option": "employer_paid", "work_related": "no"})
    url = post(
        client, url, {"by_email": "yes", "email": "bench@home.example", "phone": "617-555-0123", "best_time": "10"}
    )
    if not url.endswith("/summary/"):
        raise UnexpectedAnswerError(f"the leave wizard ended on {url}, not its summary")
    return url


def submit(client: requests.Session, summary_url: str) -> str:
    """Submit the draft from its summary; the case number the confirmation page shows."""
    confirmation = post(client, summary_url, {})
    found = CASE_NUMBER.search(get(client, confirmation))
    if found is None:
        raise UnexpectedAnswerError(f"no case number on {confirmation}")
    return found.group(1)
