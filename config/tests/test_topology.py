"""The production topology, driven over HTTP: `pytest -m topology` (left out of the ordinary run).

The session starts config/prod.py, as `make prod` does, on free ports with a database, a Redis DB number and
a run directory of its own: nginx before two gunicorn instances, a Celery worker and beat, S3 on moto. The
tests talk to each instance directly (A and B) and to nginx, as a browser behind the load balancer would.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
import redis
import requests
from django.utils import timezone

from cases.tests.pdf_samples import clean_pdf
from config.prod import end_with_parent

pytestmark = pytest.mark.topology

BASE_DIR = Path(__file__).resolve().parents[2]
ADMIN_DATABASE = "postgres://postgres@127.0.0.1:5432/postgres"
# A Redis DB number of the topology's own (emptied before and after); TOPOLOGY_DATABASE names its database.
REDIS_DB = int(os.environ.get("TOPOLOGY_REDIS_DB", "12"))
PASSWORD = "Leave!Desk1"  # every demo account's (portal/management/commands/seed_demo.py)
EMPLOYEE, EMPLOYEE_PHONE = "demo.employee", "+16175550104"
SUPERVISOR, SUPERVISOR_PHONE = "demo.supervisor", "+16175550103"
PDF = clean_pdf()  # well formed: uploads are read by a real PDF parser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Topology:
    supervisor: subprocess.Popen[bytes]
    run_dir: Path
    database_url: str
    nginx: str
    a: str
    b: str

    def sql(self, query: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(query, params).fetchall()

    def pid(self, name: str) -> int:
        return int((self.run_dir / f"{name}.pid").read_text().strip())

    def start_again_what_stopped(self) -> None:
        self.supervisor.send_signal(signal.SIGHUP)


@pytest.fixture(scope="session")
def topology(tmp_path_factory) -> Iterator[Topology]:
    run_dir = tmp_path_factory.mktemp("topology")
    database = os.environ.get("TOPOLOGY_DATABASE") or f"leavedesk_topology_{os.getpid()}"
    database_url = f"postgres://postgres@127.0.0.1:5432/{database}"
    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    redis.Redis.from_url(redis_url).flushdb()
    port, web_a, web_b, s3 = (free_port() for _ in range(4))
    environment = {name: value for name, value in os.environ.items() if name not in {"STATIC_MANIFEST", "SECRET_KEY"}}
    environment.update(
        PORT=str(port),
        WEB_PORTS=f"{web_a},{web_b}",
        S3_PORT=str(s3),
        RUN_DIR=str(run_dir),
        VAR_DIR=str(run_dir / "var"),
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        WEB_CONCURRENCY="2",
    )
    output = (run_dir / "prod.out").open("wb")
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "config.prod", "--demo"],
        cwd=BASE_DIR,
        env=environment,
        stdout=output,
        stderr=output,
        preexec_fn=end_with_parent,  # noqa: PLW1509 — no other thread runs here; a killed run stops it too
    )
    try:
        wait_for_line(run_dir / "prod.out", "LeaveDesk is up at", supervisor, timeout=240)
        yield Topology(
            supervisor,
            run_dir,
            database_url,
            f"http://127.0.0.1:{port}",
            f"http://127.0.0.1:{web_a}",
            f"http://127.0.0.1:{web_b}",
        )
    finally:
        supervisor.terminate()
        supervisor.wait(timeout=60)
        output.close()
        with psycopg.connect(ADMIN_DATABASE, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        redis.Redis.from_url(redis_url).flushdb()


def wait_for_line(path: Path, text: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in path.read_text(errors="replace"):
            return
        if process.poll() is not None:
            pytest.fail(f"the topology stopped while starting:\n{path.read_text(errors='replace')[-3000:]}")
        time.sleep(0.5)
    pytest.fail(f"the topology did not start in {timeout:.0f} s:\n{path.read_text(errors='replace')[-3000:]}")


def eventually(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.3)


class Browser:
    """A cookie jar that may send each request to a different instance, as a load balancer might."""

    def __init__(self) -> None:
        self.http = requests.Session()

    def get(self, url: str) -> requests.Response:
        return self.http.get(url, allow_redirects=False, timeout=30)

    def post(self, url: str, data: dict | None = None, files: dict | None = None) -> requests.Response:
        token = self.http.cookies.get("csrftoken") or ""
        headers = {"X-CSRFToken": token}
        return self.http.post(url, data=data, files=files, headers=headers, allow_redirects=False, timeout=30)

    def post_ok(self, base: str, path: str, data: dict | None = None) -> str:
        """Post a page that must be accepted; the path it leads to."""
        response = self.post(base + path, data)
        assert response.status_code == 302, response.text[:2000]
        return response.headers["Location"]


def found(pattern: str, text: str) -> str:
    """The first group of the pattern's first match in the text, which must have one."""
    match = re.search(pattern, text)
    assert match is not None, f"{pattern!r} not in {text[:2000]!r}"
    return match.group(1)


def latest_code(topology: Topology, phone: str) -> str:
    rows = topology.sql(
        "SELECT body FROM notices_message WHERE recipient = %s AND template = 'account_code_sms' ORDER BY id DESC",
        phone,
    )
    return found(r"code is (\d{6})", rows[0][0])


def start_sign_in(browser: Browser, base: str, username: str) -> None:
    browser.get(base + "/accounts/login/")  # the CSRF cookie
    location = browser.post_ok(base, "/accounts/login/", {"username": username, "password": PASSWORD})
    assert location == "/accounts/login/verify/"


@pytest.fixture(scope="session")
def employee(topology) -> Browser:
    """The demo employee, signed in through instance A and the second step finished through instance B."""
    browser = Browser()
    start_sign_in(browser, topology.a, EMPLOYEE)
    code = latest_code(topology, EMPLOYEE_PHONE)
    assert browser.post_ok(topology.b, "/accounts/login/verify/", {"code": code}) == "/dashboard/"
    return browser


def test_signed_in_through_one_instance_the_employee_continues_on_the_other(topology, employee):
    for base in (topology.a, topology.b, topology.nginx):
        page = employee.get(base + "/dashboard/")
        assert page.status_code == 200
        assert "Chen" in page.text


def test_codes_sent_through_both_instances_meet_one_shared_limit(topology):
    browser = Browser()
    start_sign_in(browser, topology.a, SUPERVISOR)
    sent = topology.sql("SELECT count(*) FROM notices_message WHERE recipient = %s", SUPERVISOR_PHONE)[0][0]

    again = browser.post(topology.b + "/accounts/login/verify/resend/", {"method": "sms"})

    assert again.status_code == 200
    assert "You can ask for a new text message" in again.text
    assert topology.sql("SELECT count(*) FROM notices_message WHERE recipient = %s", SUPERVISOR_PHONE)[0][0] == sent


def submit_unplanned_absence(browser: Browser, first: str, second: str) -> str:
    """An unplanned absence for tomorrow, its pages posted to the two instances in turn; its case number."""
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    url = browser.post_ok(first, "/request/unplanned/", {"absence_for": "myself"})
    url = browser.post_ok(second, url, {"date": tomorrow, "editing": ""})
    url = browser.post_ok(first, url, {"full_day": "yes"})
    url = browser.post_ok(second, url, {"amount": "scheduled"})
    url = browser.post_ok(first, url, {"action": "next"})
    url = browser.post_ok(second, url, {"reasons": ["Flu"], "action": "next"})
    url = browser.post_ok(first, url, {"overtime_shift": "not_ot"})
    assert url.endswith("/summary/")
    confirmation = browser.get(second + browser.post_ok(second, url))
    return found(r"<strong data-case-number>([^<]+)</strong>", confirmation.text)


@pytest.fixture(scope="session")
def case_number(topology, employee) -> str:
    return submit_unplanned_absence(employee, topology.a, topology.b)


def test_a_case_submitted_through_one_instance_is_on_the_other(topology, employee, case_number):
    page = employee.get(f"{topology.b}/cases/{case_number}/")
    assert page.status_code == 200
    assert case_number in page.text
    assert case_number in employee.get(topology.a + "/cases/").text


def test_a_document_uploaded_through_one_instance_downloads_through_the_other(topology, employee, case_number):
    upload = employee.post(
        f"{topology.a}/cases/{case_number}/documents/add/medical_certification/",
        files={"file": ("Note.pdf", PDF, "application/pdf")},
    )
    assert upload.status_code == 302, upload.text[:2000]
    case_page = employee.get(f"{topology.b}/cases/{case_number}/").text
    download_path = found(rf'href="(/cases/{case_number}/documents/\d+/)"', case_page)

    download = employee.get(topology.b + download_path)

    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert Browser().get(topology.nginx + download_path).status_code == 302  # a stranger is sent to sign in


def test_notices_queued_while_the_worker_is_stopped_are_each_sent_once_it_is_back(topology, employee):
    worker = topology.pid("celery-worker")
    os.kill(worker, signal.SIGTERM)
    # Its pid file goes before the process does: wait for the supervisor to see it gone.
    assert eventually(lambda: "celery-worker exited" in (topology.run_dir / "prod.out").read_text(), timeout=30)
    before = topology.sql("SELECT coalesce(max(id), 0) FROM notices_message")[0][0]

    submit_unplanned_absence(employee, topology.b, topology.a)
    queued = topology.sql("SELECT id, status FROM notices_message WHERE id > %s", before)
    assert queued
    assert {status for _id, status in queued} == {"queued"}

    topology.start_again_what_stopped()

    def all_delivered():
        rows = topology.sql("SELECT status FROM notices_message WHERE id > %s", before)
        return all(status != "queued" for (status,) in rows)

    assert eventually(all_delivered, timeout=60)
    rows = topology.sql("SELECT channel, recipient, template, status FROM notices_message WHERE id > %s", before)
    assert len(rows) == len(queued)  # no notice written twice
    assert {status for *_rest, status in rows} == {"recorded"}
    assert len({row[:3] for row in rows}) == len(rows)


def test_with_one_instance_killed_nginx_keeps_serving(topology, employee):
    os.killpg(topology.pid(f"gunicorn-{topology.a.rsplit(':', 1)[1]}"), signal.SIGKILL)  # master and workers

    answers = [employee.get(topology.nginx + "/dashboard/").status_code for _ in range(20)]
    sign_in_page = requests.get(topology.nginx + "/accounts/login/", timeout=10)

    assert answers == [200] * 20
    assert sign_in_page.status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.get(topology.a + "/accounts/login/", timeout=5)
