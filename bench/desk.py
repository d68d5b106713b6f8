"""Benchmark the desk under 10,000 open cases, with gunicorn and PostgreSQL: `python -m bench.desk [--cases 10000]`.

1. Creates a fresh PostgreSQL database (`leavedesk_bench_desk` on --server; dropped at the end unless --keep),
   migrates it and seeds 100 open cases (bench/desk_seed.py: submitted and worked on as the actions leave them),
   then counts the SQL queries of every page in this process (the test client and CaptureQueriesContext), seeds
   the rest up to --cases and counts them again: the two columns must be equal.
2. Renders a few seeded cases of each kind on the desk (bulk-written and taken through the real actions) and
   checks each page names its case and employee.
3. Starts gunicorn with the project's config (config/gunicorn.conf.py; 2 workers, DEBUG off, REDIS_URL a
   dedicated Redis database, flushed after), signs in as the specialist over HTTP through the staff two-step
   sign-in (the code read from the outbox), and measures each page with wrk when installed (`--latency`,
   --connections at once for --duration seconds, after WARM_UP_SECONDS of the same load not measured), else with
   a threaded client of `requests`.
4. Prints, per page: p50, p99 (against the 150 ms target), requests per second, and the queries at 100 and at
   --cases open cases; then the load average, which says how far the figures are the machine's and not the desk's.

The pages: the queue's first page, a filter by agency, the overdue filter, the sort by deadline, a search by
name, "My work" (skipped with a note while it answers 404) and a case view (rotating over 20 cases).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.servers import children_of, cpu_seconds  # noqa: E402 — after the project is on the path

WARM_UP_SECONDS = 2  # each page under load before it is measured: the workers' first renderings
TARGET_P99_MS = 150.0
FIRST_SEED = 100


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # for the case view: the first of `paths`
    paths: tuple[str, ...] = ()


@dataclass
class Figures:
    p50_ms: float
    p99_ms: float
    per_second: float
    requests: int
    errors: int
    cpu_ms: float = 0.0  # the workers' CPU time per request: what a busy machine does not inflate


def pages(agency: str, last_name: str, case_numbers: list[str]) -> list[Page]:
    cases = tuple(f"/desk/cases/{number}/" for number in case_numbers)
    return [
        Page("queue, first page", "/desk/"),
        Page("filter: agency", "/desk/?" + _query(agency=agency)),
        Page("filter: overdue", "/desk/?deadline=overdue"),
        Page("sort: next deadline", "/desk/?sort=deadline"),
        Page("search: a name", "/desk/?" + _query(search=last_name)),
        Page("my work", "/desk/my-work/"),
        Page("case view", cases[0], cases),
    ]


def _query(**values: str) -> str:
    from urllib.parse import urlencode  # noqa: PLC0415

    return urlencode(values)


# --- The database ------------------------------------------------------------------------------------------


@contextmanager
def fresh_database(server: str, name: str, *, keep: bool, reuse: bool = False) -> Iterator[str]:
    """A new database `name` on the server (dropped first if a previous run kept it), or with `reuse` the one a
    previous run kept; its URL."""
    import psycopg  # noqa: PLC0415

    if not reuse:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        if keep:
            print(f"kept the database {name} (--keep)")
        else:
            from django.db import connections  # noqa: PLC0415

            connections.close_all()
            with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url: str, redis_url: str, folder: Path) -> dict[str, str]:
    """The production settings' environment for this run: DEBUG off, plain HTTP on 127.0.0.1, files under `folder`."""
    return {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_COOKIES": "0",  # plain HTTP on the loopback: no TLS in front as in production
        "SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",  # no collectstatic for a throwaway run; pages are measured, not their assets
        "VAR_DIR": str(folder),
        "RUN_DIR": str(folder / "run"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_STATEMENT_TIMEOUT": "600",  # the migrations and the seeding's bulk inserts
    }


def set_up_django(env: dict[str, str]) -> None:
    import django  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    os.environ.update(env)
    django.setup()
    call_command("migrate", verbosity=0)


# --- Queries in-process ------------------------------------------------------------------------------------


def signed_in_client() -> Any:
    """The test client signed in as the bench's specialist after both steps (as desk/tests/conftest.py does)."""
    from django.test import Client  # noqa: PLC0415
    from django_otp import DEVICE_ID_SESSION_KEY  # noqa: PLC0415
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    from accounts.models import User  # noqa: PLC0415
    from bench.desk_seed import SPECIALIST_USERNAME  # noqa: PLC0415

    user = User.objects.get(username=SPECIALIST_USERNAME)
    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def forget_test_client_device() -> None:
    """Remove the authenticator the test client's session used: with it the HTTP sign-in would ask for an app
    code instead of texting one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    TOTPDevice.objects.filter(name="bench").delete()


def count_queries(client: Any, page: Page) -> int | None:
    """The SQL queries of one rendering of the page (its first path); None when the page answers 404."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client.get(page.path)  # warm: the first rendering loads templates and the calendars' caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.path)
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        raise RuntimeError(f"{page.path} answered {response.status_code}")
    return len(captured.captured_queries)


def check_seeded_cases_render(client: Any, case_numbers: list[str]) -> None:
    """Each case's desk page answers 200 and names its case number and its employee."""
    from cases.models import Case  # noqa: PLC0415

    for case in Case.objects.filter(case_number__in=case_numbers).select_related("employee"):
        page = client.get(f"/desk/cases/{case.case_number}/").content.decode()
        for expected in (case.case_number, case.employee.last_name.replace("'", "&#x27;")):
            if expected not in page:
                raise RuntimeError(f"the desk page of case {case.case_number} does not show {expected!r}")


# --- Gunicorn and HTTP -------------------------------------------------------------------------------------


@contextmanager
def gunicorn(env: dict[str, str], port: int) -> Iterator[tuple[str, int]]:
    """gunicorn with the project's config and 2 workers, until the block ends; its base URL once it answers,
    and the master's process id."""
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"]
    log = (Path(env["VAR_DIR"]) / "gunicorn.log").open("w")
    process_env = {**os.environ, **env, "PORT": str(port), "WEB_CONCURRENCY": "2"}
    process_env.pop("DATABASE_STATEMENT_TIMEOUT")  # the pages run with production's timeout, not the seeding's
    process = subprocess.Popen(command, cwd=ROOT, env=process_env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: see {log.name}")
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not answer /healthz within 120 s")
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def _csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if found is None:
        raise RuntimeError("no CSRF token on the sign-in page")
    return found.group(1)


def sign_in_over_http(base: str, username: str, password: str, phone: str) -> requests.Session:
    """The staff two-step sign-in as a browser does it: the password on /desk/login/, then the code that was
    texted to the phone, read from the outbox."""
    from notices.models import Message  # noqa: PLC0415

    session = requests.Session()
    login = session.get(f"{base}/desk/login/", timeout=10)
    sent_before = Message.objects.filter(recipient=phone).count()
    answer = session.post(
        f"{base}/desk/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": _csrf_token(login.text)},
        timeout=10,
    )
    if "/accounts/login/verify/" not in answer.url:
        raise RuntimeError(f"the password step did not lead to the code step (landed on {answer.url})")
    texts = Message.objects.filter(recipient=phone).order_by("-created_at", "-id")
    if texts.count() <= sent_before:
        raise RuntimeError(f"no code was texted to {phone}")
    code = re.search(r"\b(\d{6})\b", texts[0].body)
    if code is None:
        raise RuntimeError("the code text has no 6-digit code")
    done = session.post(
        f"{base}/accounts/login/verify/",
        data={"code": code.group(1), "csrfmiddlewaretoken": _csrf_token(answer.text)},
        timeout=10,
    )
    if not done.url.rstrip("/").endswith("/desk") or done.status_code != 200:
        raise RuntimeError(f"the code step did not land on the queue ({done.status_code} {done.url})")
    return session


def cookie_header(session: requests.Session) -> str:
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)


def measure_with_wrk(base: str, page: Page, cookies: str, *, seconds: int, connections: int) -> Figures:
    """wrk --latency over the page's paths (rotated by a small Lua script)."""
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    paths = ", ".join(f'"{path}"' for path in page.paths or (page.path,))
    script.write_text(
        f"paths = {{{paths}}}\ni = 0\n"
        "request = function() i = i % #paths + 1; return wrk.format(nil, paths[i]) end\n"
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("BENCH %f %f %d %d %f\\n", latency:percentile(50), latency:percentile(99),\n'
        "    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read"
        " + summary.errors.write + summary.errors.timeout, summary.duration))\n"
        "end\n"
    )
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(script), "-H", f"Cookie: {cookies}", base]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    script.unlink()
    found = re.search(r"^BENCH (\S+) (\S+) (\d+) (\d+) (\S+)$", output, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"wrk printed no figures:\n{output}")
    p50_us, p99_us, count, errors, duration_us = found.groups()
    return Figures(float(p50_us) / 1000, float(p99_us) / 1000, int(count) / (float(duration_us) / 1e6), int(count),
                   int(errors))  # fmt: skip


def measure_with_threads(base: str, page: Page, cookies: str, *, seconds: int, connections: int) -> Figures:
    """The fallback without wrk: `connections` threads, each with its own session, for `seconds`."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    paths = page.paths or (page.path,)
    stop = time.monotonic() + seconds

    def run(offset: int) -> None:
        session = requests.Session()
        index = offset
        while time.monotonic() < stop:
            started = time.perf_counter()
            status = session.get(base + paths[index % len(paths)], headers={"Cookie": cookies}, timeout=10).status_code
            elapsed = (time.perf_counter() - started) * 1000
            index += 1
            with lock:
                latencies.append(elapsed)
                errors[0] += status != 200

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * len(ordered)) - 1)]
    return Figures(statistics.median(ordered), p99, len(ordered) / (time.monotonic() - started), len(ordered),
                   errors[0])  # fmt: skip


def status_of(session: requests.Session, base: str, path: str) -> int:
    return session.get(base + path, timeout=10, allow_redirects=False).status_code


# --- The run -----------------------------------------------------------------------------------------------


def seed(count: int) -> tuple[Any, float]:
    from django.db import connection  # noqa: PLC0415

    from bench.desk_seed import seed_desk  # noqa: PLC0415

    started = time.perf_counter()
    seeded = seed_desk(count)
    with connection.cursor() as cursor:
        # The planner's statistics and the visibility map (which lets an index-only scan skip the table), as
        # autovacuum would leave them on a database that grew to this size. Outside a transaction: the seeding's
        # have all committed (Django autocommits).
        cursor.execute("VACUUM ANALYZE")
    return seeded, time.perf_counter() - started


def queue_size() -> int:
    """The open cases the specialist's queue holds (its default filter)."""
    from django.utils import timezone  # noqa: PLC0415

    from cases.models import Case  # noqa: PLC0415
    from desk.queue import QueueFilters, filtered_queue  # noqa: PLC0415

    return filtered_queue(Case.objects.all(), QueueFilters(), timezone.localdate()).count()


def sample_values() -> tuple[str, str, list[str]]:
    """An agency, a last name to search for, and 20 open cases for the case view (the first through the actions)."""
    from django.db.models import Count, Exists, OuterRef  # noqa: PLC0415

    from cases.models import Case  # noqa: PLC0415
    from desk.models import CallNote, DocumentRequest  # noqa: PLC0415
    from roster.models import RosterRecord  # noqa: PLC0415

    agency = "Department of Revenue"
    name = RosterRecord.objects.values("last_name").annotate(n=Count("id")).order_by("-n")[0]["last_name"]
    worked = Case.objects.filter(
        Exists(CallNote.objects.filter(case=OuterRef("pk"))),
        Exists(DocumentRequest.objects.filter(case=OuterRef("pk"))),
        kind="leave",
        cancelled_at=None,
    )
    numbers = list(worked.order_by("?").values_list("case_number", flat=True)[:20])
    return agency, name, numbers


def print_table(rows: list[tuple[Page, Figures | None, int | None, int | None]], note: str) -> None:
    print()
    print(f"{'page':<22} {'p50 ms':>8} {'p99 ms':>8} {'target':>7} {'req/s':>7} {'CPU ms':>7} {'requests':>8} "
          f"{'errors':>6} {'queries@100':>11} {'queries@N':>9}")  # fmt: skip
    for page, figures, small, large in rows:
        queries = f"{small if small is not None else '-':>11} {large if large is not None else '-':>9}"
        if figures is None:
            print(f"{page.name:<22} {'skipped: the page answers 404 (not built yet)':<66} {queries}")
            continue
        verdict = "ok" if figures.p99_ms < TARGET_P99_MS else "OVER"
        print(f"{page.name:<22} {figures.p50_ms:8.1f} {figures.p99_ms:8.1f} {verdict:>7} {figures.per_second:7.1f} "
              f"{figures.cpu_ms:7.1f} {figures.requests:8d} {figures.errors:6d} {queries}")  # fmt: skip
    print(note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000, help="open cases to seed (default 10,000)")
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--database", default="leavedesk_bench_desk")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14", help="a Redis database of this run's own")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--connections", type=int, default=2, help="requests at once (default 2: one per worker)")
    parser.add_argument("--keep", action="store_true", help="keep the database after the run")
    parser.add_argument(
        "--reuse", action="store_true", help="measure again the database a --keep run left (no seeding; kept)"
    )
    arguments = parser.parse_args()
    arguments.keep = arguments.keep or arguments.reuse
    if arguments.cases < FIRST_SEED:
        parser.error(f"--cases must be at least {FIRST_SEED}")

    import redis  # noqa: PLC0415

    cache = redis.Redis.from_url(arguments.redis)
    if cache.dbsize():
        sys.exit(f"{arguments.redis} is not empty: give --redis a Redis database no one else uses")
    folder = Path(tempfile.mkdtemp(prefix="bench-desk-"))
    measure: Callable[..., Figures] = measure_with_wrk if shutil.which("wrk") else measure_with_threads
    try:
        with fresh_database(arguments.server, arguments.database, keep=arguments.keep, reuse=arguments.reuse) as url:
            env = environment(url, arguments.redis, folder)
            started = time.perf_counter()
            set_up_django(env)
            print(f"migrated {arguments.database} in {time.perf_counter() - started:.1f} s")
            if arguments.reuse:
                small: dict[str, int | None] = {}
                _agency, name, numbers = sample_values()
                listed = pages(_agency, name, numbers)
            else:
                small, listed = seed_and_count(arguments.cases)
            large = {page.name: count_queries(signed_in_client(), page) for page in listed}
            forget_test_client_device()
            measure_pages(arguments, env, measure, listed, small=small, large=large)
    finally:
        cache.flushdb()
        shutil.rmtree(folder, ignore_errors=True)


def seed_and_count(cases: int) -> tuple[dict[str, int | None], list[Page]]:
    """Seed FIRST_SEED open cases, count each page's queries, seed the rest; the counts and the pages to measure."""
    first, seconds = seed(FIRST_SEED)
    print(f"seeded {first.open_cases} open cases in {seconds:.1f} s; the queue holds {queue_size()}")
    agency, name, numbers = sample_values()
    # The same agency, name and first case at both sizes: only the data around them grows.
    numbers = [*first.through_actions, *numbers][:20]
    client = signed_in_client()
    listed = pages(agency, name, numbers)
    small = {page.name: count_queries(client, page) for page in listed}
    rest, seconds = seed(cases - FIRST_SEED)
    print(
        f"seeded {rest.open_cases} more open cases in {seconds:.1f} s ({rest.unplanned} unplanned absences and "
        f"{rest.cancelled} cancelled leaves beside them; {rest.call_notes} call notes, {rest.document_requests} "
        f"documents asked for, {rest.documents} answered; {len(rest.through_actions)} through the real actions)"
    )
    print(f"the queue holds {queue_size()} open cases")
    _agency, _name, more = sample_values()
    listed = pages(agency, name, [numbers[0], *more[:19]])
    check_seeded_cases_render(client, [*rest.through_actions[:3], *more[:3]])
    print("6 seeded cases (3 through the actions, 3 bulk) render on the desk with their number and employee")
    return small, listed


def measure_pages(
    arguments: argparse.Namespace,
    env: dict[str, str],
    measure: Callable[..., Figures],
    listed: list[Page],
    *,
    small: dict[str, int | None],
    large: dict[str, int | None],
) -> None:
    """Sign in over HTTP to gunicorn and load each page; print the table."""
    from bench.desk_seed import SPECIALIST_PHONE, SPECIALIST_USERNAME, STAFF_PASSWORD  # noqa: PLC0415

    rows: list[tuple[Page, Figures | None, int | None, int | None]] = []
    with gunicorn(env, arguments.port) as (base, master):
        session = sign_in_over_http(base, SPECIALIST_USERNAME, STAFF_PASSWORD, SPECIALIST_PHONE)
        print("signed in over HTTP as the specialist: password, then the texted code read from the outbox")
        cookies = cookie_header(session)
        for page in listed:
            if status_of(session, base, page.path) == 404:
                rows.append((page, None, small.get(page.name), large[page.name]))
                continue
            # Unmeasured first: each worker's first renderings of a page load its templates and fill the
            # process's caches (the rows' shapes, the calendars), which a worker in service has long done.
            measure(base, page, cookies, seconds=WARM_UP_SECONDS, connections=arguments.connections)
            cpu_before = cpu_seconds(children_of(master))
            figures = measure(base, page, cookies, seconds=arguments.duration, connections=arguments.connections)
            figures.cpu_ms = (cpu_seconds(children_of(master)) - cpu_before) * 1000 / max(1, figures.requests)
            rows.append((page, figures, small.get(page.name), large[page.name]))
    tool = "wrk" if measure is measure_with_wrk else "a threaded requests client"
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print_table(
        rows,
        f"measured with {tool}, {arguments.connections} connections for {arguments.duration} s a page, gunicorn with "
        f"2 workers; queries@100 at {FIRST_SEED} open cases, queries@N at {queue_size()}; target p99 < "
        f"{TARGET_P99_MS:g} ms; CPU ms: the workers' CPU time per request (PostgreSQL's not included).\n"
        f"load average {load} on {os.cpu_count()} cores (1, 5, 15 minutes)",
    )


if __name__ == "__main__":
    main()
