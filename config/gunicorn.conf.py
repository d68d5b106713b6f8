"""Production gunicorn settings, read from the environment: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

- `PORT` (default 8000): listen on 0.0.0.0:PORT, behind the load balancer.
- `WEB_CONCURRENCY` (default twice the cores plus one, gunicorn's own advice): worker processes.
- Access log to standard output, errors to standard error, for the platform's log collector.

Each worker builds the condition search index right after it is forked (`post_fork`), before it takes a
request, so no employee's first search waits for the build (about 5 s and 200 MB per process, measured
on the development machine). Anything else gunicorn offers can still be set with `GUNICORN_CMD_ARGS`.
"""

# ruff: noqa: N999 — gunicorn's conventional file name; gunicorn reads it by path, nothing imports it.
from __future__ import annotations

import os
import time
from typing import Any


def _whole_number(name: str, default: int, *, low: int, high: int) -> int:
    """The variable as a whole number in [low, high]; a bad value stops gunicorn before it binds."""
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise RuntimeError(f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise RuntimeError(f"{name} must lie between {low} and {high}, not {value}")
    return value


def _cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


bind = f"0.0.0.0:{_whole_number('PORT', 8000, low=1, high=65535)}"
workers = _whole_number("WEB_CONCURRENCY", 2 * _cores() + 1, low=1, high=64)
accesslog = "-"
errorlog = "-"
wsgi_app = "config.wsgi:application"


def post_fork(server: Any, worker: Any) -> None:
    """Build this worker's condition search index before it serves (gunicorn hook: arbiter, worker)."""
    from conditions.search import reason_index  # noqa: PLC0415 — in the worker, after the fork

    started = time.perf_counter()
    try:
        reason_index()
    except Exception:
        # Searching builds the index again on first use; the rest of the portal must not lose a worker.
        server.log.exception("Worker %s could not build the condition search index", worker.pid)
        return
    server.log.info("Worker %s built the condition search index in %.1f s", worker.pid, time.perf_counter() - started)
