"""What the benches start and stop: a fresh PostgreSQL database, gunicorn serving LeaveDesk or the floor, and the
memory of a gunicorn instance's workers.

Every server runs with the project's own config/gunicorn.conf.py (preloaded app, the master's condition index),
two workers, DEBUG off, on the local PostgreSQL and Redis. The bench's Redis database (`REDIS_DB`, default 12) is
emptied before a run, so the sign-in and code-sending limits of a previous run do not count against this one.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_SERVER = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
WORKERS = 2
STARTUP_SECONDS = 180


def database_url(name: str) -> str:
    return f"{SERVER}/{name}"


@contextlib.contextmanager
def fresh_database(name: str) -> Iterator[str]:
    """A new, empty database on the server (dropped first if a run left it), dropped again afterwards."""
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_url(db: int) -> str:
    return f"{REDIS_SERVER}/{db}"


def empty_redis(db: int) -> None:
    redis.Redis.from_url(redis_url(db)).flushdb()


def leavedesk_environment(database: str, redis_db: int, var_dir: Path, **extra: str) -> dict[str, str]:
    """LeaveDesk as in production (DEBUG off, Redis, cached_db sessions), but over plain HTTP on this machine:
    cookies not marked secure, static files from the finders (no collectstatic manifest needed)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url(redis_db),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "STATIC_MANIFEST": "0",
        "VAR_DIR": str(var_dir),
        **extra,
    }


def floor_environment(database: str, redis_db: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.floor.settings",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url(redis_db),
    }


def manage(environment: dict[str, str], *arguments: str) -> None:
    """A Django management command in its own process (LeaveDesk's or the floor's, by DJANGO_SETTINGS_MODULE)."""
    subprocess.run(  # noqa: S603 — our own interpreter, no shell
        [PYTHON, "-m", "django", *arguments], cwd=ROOT, env=environment, check=True, stdout=subprocess.DEVNULL
    )


@dataclass
class Gunicorn:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    run_dir: Path
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        return children_of(self.process.pid)

    def workers_cpu_seconds(self) -> float:
        """The CPU time (user and system) this instance's workers have used so far."""
        return cpu_seconds(self.worker_pids())


@contextlib.contextmanager
def gunicorn(name: str, app: str, port: int, environment: dict[str, str], ready_path: str) -> Iterator[Gunicorn]:
    """`app` served by config/gunicorn.conf.py with two workers on `port`, until the block ends; waits until
    `ready_path` answers 200 (the master builds LeaveDesk's condition index before it binds its port)."""
    run_dir = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    log = run_dir / "gunicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 — our own gunicorn, no shell
            [GUNICORN, "-c", str(ROOT / "config" / "gunicorn.conf.py"), app],
            cwd=ROOT,
            env={**environment, "PORT": str(port), "WEB_CONCURRENCY": str(WORKERS), "RUN_DIR": str(run_dir)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Gunicorn(name, port, process, run_dir, log)
    try:
        _wait_until_ready(server, ready_path)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(server: Gunicorn, path: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            sys.exit(f"{server.name} stopped while starting; its log:\n{server.log.read_text()[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            answered = requests.get(server.base + path, timeout=5).status_code == 200
            if answered and len(server.worker_pids()) == WORKERS:
                return
        time.sleep(0.5)
    sys.exit(
        f"{server.name} did not answer {path} within {STARTUP_SECONDS} s; its log:\n{server.log.read_text()[-3000:]}"
    )


@dataclass(frozen=True)
class Memory:
    pid: int
    rss_mb: float
    pss_mb: float
    private_mb: float  # Private_Clean + Private_Dirty: what this process alone holds


def memory_of(pid: int) -> Memory:
    """From /proc/PID/smaps_rollup (kB)."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value, *_ = line.split()
        fields[key.rstrip(":")] = int(value)
    return Memory(
        pid,
        fields["Rss"] / 1024,
        fields["Pss"] / 1024,
        (fields["Private_Clean"] + fields["Private_Dirty"]) / 1024,
    )


def children_of(pid: int) -> list[int]:
    """The process's children (a gunicorn master's: its workers)."""
    return sorted(int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


def cpu_seconds(pids: list[int]) -> float:
    """The CPU time (user and system) these processes have used so far; one that has ended counts nothing."""
    ticks = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15 of proc(5)
    return ticks / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """The CPU time the local PostgreSQL server's processes (its backends among them) have used so far: read
    before and after a burst, on a machine where the bench's server is the only busy one."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                name = (entry / "comm").read_text().strip()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if name.startswith(("postgres", "postmaster")):
                pids.append(int(entry.name))
    return cpu_seconds(pids)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"
