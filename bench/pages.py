"""Benchmark LeaveDesk's pages against the floor, the least a signed-in Django page costs, in one run.

    .venv/bin/python bench/pages.py [--rounds 3] [--duration 5] [--connections 8 16]     (or: make bench)

Starts, side by side on this machine: LeaveDesk under gunicorn (config/gunicorn.conf.py, 2 workers, DEBUG off) on a
fresh PostgreSQL database `leavedesk_bench`, and the floor (bench/floor: Django's session and auth middleware, a
cached_db session in Redis and PostgreSQL, a short page behind login_required and a bare anonymous page) under the
same gunicorn settings on its own fresh database `leavedesk_bench_floor` on the same server; both use Redis
database 12 (emptied first). Seeds an employee with 1 case, one with 50, a case specialist and the desk's open
cases through the project's factories and submit action; signs each in over HTTP with the real two steps (the
password, then the code read from the outbox). Then measures each page with wrk (`make bench-tools` installs it),
at 8 and 16 connections, every target once per round in turn, so a change in the machine's load falls on all of
them alike. Prints per page the median over the rounds of req/s, p50 and p99 latency, and of the ratios of its
req/s to the floor's anonymous and signed-in views measured in the same round (1.0: as cheap as the floor).
Also the load average at start and end, and after the run the RSS, PSS and private memory
(Private_Clean + Private_Dirty, /proc/PID/smaps_rollup) of LeaveDesk's gunicorn master and workers.
Both databases are dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers, web

if TYPE_CHECKING:
    from bench.seeding import PageData

LEAVEDESK_PORT, FLOOR_PORT = 8711, 8712
REDIS_DB = 12
FLOOR_PASSWORD = "floor-bench-password"  # noqa: S105 — a throwaway account in a database dropped after the run


@dataclass(frozen=True)
class Target:
    name: str
    base: str
    path: str
    cookies: str = ""
    csrf: str = ""
    body: str = ""  # a POST's form body; GET when empty

    def script(self) -> str:
        """wrk's Lua script: the signed-in person's cookies, and for a POST its body and CSRF token."""
        lines = []
        if self.cookies:
            lines.append(f'wrk.headers["Cookie"] = "{self.cookies}"')
        if self.body:
            lines += [
                'wrk.method = "POST"',
                f'wrk.body = "{self.body}"',
                'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
                f'wrk.headers["X-CSRFToken"] = "{self.csrf}"',
            ]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Measure:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers and socket errors


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * UNITS_MS[unit]


def parse_wrk(output: str) -> Measure:
    """req/s, p50 and p99 from `wrk --latency`, and the answers that were not a success or a redirect."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return Measure(rate, p50, p99, errors)


def run_wrk(target: Target, connections: int, duration: int, scripts: Path) -> Measure:
    script = scripts / f"{re.sub(r'[^a-z0-9]+', '-', target.name.lower())}.lua"
    script.write_text(target.script())
    # wrk's own timeout is 2 s: on a loaded machine a slow page would count as failed instead of slow.
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency"]
    result = subprocess.run(  # noqa: S603 — wrk with our own arguments, no shell
        [*command, "-s", str(script), target.base + target.path], capture_output=True, text=True, check=True
    )
    return parse_wrk(result.stdout)


def cookie_header(client: web.requests.Session) -> str:
    return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def signed_in_floor(base: str) -> web.requests.Session:
    client = web.new_client()
    answer = client.post(base + "/login/", data={"username": "floor", "password": FLOOR_PASSWORD}, timeout=30)
    if answer.status_code != 204:
        sys.exit(f"the floor refused its own sign-in ({answer.status_code})")
    return client


def leavedesk_targets(base: str, data: PageData, code_for: Callable[[str], str]) -> list[Target]:
    """Sign in the seeded people over HTTP and name LeaveDesk's pages to measure."""
    from bench.seeding import PASSWORD  # noqa: PLC0415 — after Django is set up

    one = web.sign_in(base, data.one_case, PASSWORD, code_for)
    many = web.sign_in(base, data.many_cases, PASSWORD, code_for)
    desk = web.sign_in(base, data.specialist, PASSWORD, code_for, login_path="/desk/login/")
    # A draft of one's own, complete up to the summary: saving its procedural-questions step again keeps it
    # valid and answers with a redirect back to the summary, request after request.
    summary = web.walk_continuous_leave(one, base, servers_today() + timedelta(days=7))
    step = summary.removeprefix(base).replace("/summary/", "/procedural-questions/")
    one_cookies, many_cookies, desk_cookies = cookie_header(one), cookie_header(many), cookie_header(desk)
    case = data.case_number
    return [
        Target("LeaveDesk: a bare signed-in view (/ redirects)", base, "/", one_cookies),
        Target("dashboard", base, "/dashboard/", one_cookies),
        Target("history, 1 case", base, "/cases/", one_cookies),
        Target("history, 50 cases", base, "/cases/", many_cookies),
        Target("one case page", base, f"/cases/{case}/", one_cookies),
        Target("timeline", base, f"/cases/{case}/timeline/", one_cookies),
        Target(
            "one wizard step (POST)",
            base,
            step,
            one_cookies,
            web.csrf_token(one),
            f"payment_option=employer_paid&work_related=no&csrfmiddlewaretoken={web.csrf_token(one)}",
        ),
        Target("desk queue", base, "/desk/", desk_cookies),
        Target("desk case view", base, f"/desk/cases/{case}/", desk_cookies),
    ]


def servers_today() -> date:
    from django.utils import timezone  # noqa: PLC0415 — after Django is set up

    return timezone.localdate()


def check_answers(targets: list[Target]) -> None:
    """Each target answers as a person sees it (a page, or the redirect it should give) before anything is timed."""
    for target in targets:
        headers = {"Cookie": target.cookies} if target.cookies else {}
        if target.body:
            headers |= {"X-CSRFToken": target.csrf, "Content-Type": "application/x-www-form-urlencoded"}
            answer = web.requests.post(
                target.base + target.path, data=target.body, headers=headers, allow_redirects=False, timeout=60
            )
        else:
            answer = web.requests.get(target.base + target.path, headers=headers, allow_redirects=False, timeout=60)
        expected = 302 if target.body or (target.path == "/" and target.base.endswith(str(LEAVEDESK_PORT))) else 200
        location = answer.headers.get("Location", "")
        if answer.status_code != expected or "login" in location:
            sys.exit(f"{target.name} ({target.path}) answered {answer.status_code} {location}, not {expected}")
        print(f"  {target.name:<48} {answer.status_code} {len(answer.content):>8,} bytes")


def table(targets: list[Target], results: dict[tuple[str, int, int], Measure], connections: int, rounds: int) -> None:
    anonymous, signed_in = targets[0].name, targets[1].name
    print(f"\n{connections} connections, medians of {rounds} rounds")
    print(f"{'page':<48} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'÷ anon':>7} {'÷ signed':>8} {'errors':>6}")
    for target in targets:
        measures = [results[(target.name, connections, r)] for r in range(rounds)]
        to_anonymous = [
            m.requests_per_second / results[(anonymous, connections, r)].requests_per_second
            for r, m in enumerate(measures)
        ]
        to_signed_in = [
            m.requests_per_second / results[(signed_in, connections, r)].requests_per_second
            for r, m in enumerate(measures)
        ]
        print(
            f"{target.name:<48} {statistics.median(m.requests_per_second for m in measures):8.1f} "
            f"{statistics.median(m.p50_ms for m in measures):8.2f} "
            f"{statistics.median(m.p99_ms for m in measures):8.2f} "
            f"{statistics.median(to_anonymous):7.2f} {statistics.median(to_signed_in):8.2f} "
            f"{sum(m.errors for m in measures):6d}"
        )


def print_memory(server: servers.Gunicorn, when: str) -> None:
    print(f"LeaveDesk's gunicorn {when}, MB:")
    for role, pid in [("master", server.process.pid), *(("worker", pid) for pid in server.worker_pids())]:
        memory = servers.memory_of(pid)
        print(
            f"  {role:<7} {pid:>7}  RSS {memory.rss_mb:7.1f}  PSS {memory.pss_mb:7.1f}  "
            f"private {memory.private_mb:7.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each target is measured (default 3)")
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per target and round (default 5)")
    parser.add_argument("--connections", type=int, nargs="+", default=[8, 16], help="wrk connections (8 16)")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("This bench drives wrk: run 'make bench-tools' (Debian's wrk package) first.")
    print(f"load average at start: {servers.load_average()}")
    scratch = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    servers.empty_redis(REDIS_DB)
    with (
        servers.fresh_database("leavedesk_bench") as leavedesk_db,
        servers.fresh_database("leavedesk_bench_floor") as floor_db,
    ):
        environment = servers.leavedesk_environment(leavedesk_db, REDIS_DB, scratch / "var")
        floor_environment = servers.floor_environment(floor_db, REDIS_DB)
        print("migrating both databases …")
        servers.manage(environment, "migrate", "--no-input")
        servers.manage(floor_environment, "migrate", "--no-input")
        servers.manage(
            floor_environment,
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            f"User.objects.create_user('floor', password='{FLOOR_PASSWORD}')",
        )
        os.environ.update(environment)
        import django  # noqa: PLC0415 — LeaveDesk's settings read the environment just set

        django.setup()
        from django.db import connections  # noqa: PLC0415

        from bench.seeding import latest_code, seed_pages  # noqa: PLC0415

        data = seed_pages()
        print(f"seeded: {data}")
        try:
            with (
                servers.gunicorn("LeaveDesk", "config.wsgi:application", LEAVEDESK_PORT, environment, "/healthz") as ld,
                servers.gunicorn("floor", "bench.floor.wsgi:application", FLOOR_PORT, floor_environment, "/") as floor,
            ):
                floor_client = signed_in_floor(floor.base)
                targets = [
                    Target("floor: anonymous view", floor.base, "/"),
                    Target("floor: signed-in view", floor.base, "/signed-in/", cookie_header(floor_client)),
                    *leavedesk_targets(ld.base, data, latest_code),
                ]
                connections.close_all()
                print_memory(ld, "after the sign-ins, before anything is timed")
                print("every page answers:")
                check_answers(targets)
                results: dict[tuple[str, int, int], Measure] = {}
                for round_number in range(arguments.rounds):
                    for count in arguments.connections:
                        for target in targets:
                            results[(target.name, count, round_number)] = run_wrk(
                                target, count, arguments.duration, scratch
                            )
                    print(f"round {round_number + 1} of {arguments.rounds} done; load {servers.load_average()}")
                for count in arguments.connections:
                    table(targets, results, count, arguments.rounds)
                print(f"\nload average at end: {servers.load_average()}")
                print_memory(ld, "after the run")
        finally:
            connections.close_all()
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
