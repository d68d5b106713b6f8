"""Production gunicorn settings, read from the environment: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

- `PORT` (default 8000): listen on 0.0.0.0:PORT, behind the load balancer.
- `WEB_CONCURRENCY` (default twice the cores plus one, gunicorn's own advice): worker processes.
- `RUN_DIR` (default var/run under the project): this instance's pid file and control socket, named by its
  port (`gunicorn-8000.pid`, `gunicorn-8000.ctl`), so several instances on one machine never share them.
- Access log to standard output, errors to standard error, for the platform's log collector.

The application is loaded once in the master (`preload_app`), and the master builds the condition search
index before it binds its port and forks (`on_starting`): every worker, the first ones and any respawned
later, starts with the index already in memory, shared copy-on-write with the master (gc.freeze() keeps the
collector from touching those pages). Building it in each worker after the fork instead cost each new
worker 5.8 s before its first answer (7 to 17 s on a loaded machine) and ~270 MB of its own; with the
master's index a killed worker's replacement answered in 0.2 s and held ~160 MB (PSS, one worker; measured
on the development machine).
Should the master fail to build it, each worker tries again in `post_fork`, and a search builds it on first
use. The master also imports every view (the URLconf) and compiles every template before it forks, and freezes
its objects just before each fork (`pre_fork`), so a worker's first requests do not copy the master's heap
(docs/performance.md).
A worker collects its cyclic garbage after a response rather than during the request (`post_fork`,
`post_request`): a page builds tens of thousands of objects that live until it is written, and Python's
collector, run every 700 allocations, traversed them again and again mid-request (about 5 ms of a desk queue
page, and pauses of 50-100 ms at the 99th percentile), where one collection of the young generations after the
response takes about 2 ms. A small request (a redirect, a short page) leaves too little to collect for.
Anything else gunicorn offers can still be set with `GUNICORN_CMD_ARGS`.
"""

# ruff: noqa: N999 — gunicorn's conventional file name; gunicorn reads it by path, nothing imports it.
from __future__ import annotations

import gc
import os
import time
from pathlib import Path
from typing import Any

# Allocations (less deallocations) before a worker's collector runs on its own (Python's default is 700): more
# than an ordinary request makes, so its collection waits for `post_request`.
REQUEST_GC_ALLOCATIONS = 200_000
# Objects a request leaves in the youngest generation from which `post_request` collects (a desk page leaves
# about 6,000; a redirect, a few dozen).
POST_REQUEST_COLLECTION = 2_000


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


_port = _whole_number("PORT", 8000, low=1, high=65535)
_run_dir = Path(os.environ.get("RUN_DIR") or Path(__file__).resolve().parent.parent / "var" / "run")
_run_dir.mkdir(parents=True, exist_ok=True)  # gunicorn writes the pid file before any hook runs

bind = f"0.0.0.0:{_port}"
workers = _whole_number("WEB_CONCURRENCY", 2 * _cores() + 1, low=1, high=64)
accesslog = "-"
errorlog = "-"
wsgi_app = "config.wsgi:application"
preload_app = True
pidfile = str(_run_dir / f"gunicorn-{_port}.pid")
# gunicorn's default is one socket per user ($HOME/.gunicorn): two instances on one machine would fight over it.
control_socket = str(_run_dir / f"gunicorn-{_port}.ctl")


def _build_condition_index(log: Any, who: str) -> bool:
    """Build the process's condition search index, or find it already built (inherited from the master);
    say how long that took. An application without the conditions app (bench/floor) has none to build."""
    from django.apps import apps  # noqa: PLC0415 — after Django is set up by the app import

    if not apps.is_installed("conditions"):
        return False
    from conditions.search import reason_index  # noqa: PLC0415

    started = time.perf_counter()
    try:
        reason_index()
    except Exception:
        # Searching builds the index again on first use; the rest of the portal must not lose a process.
        log.exception("%s could not build the condition search index", who)
        return False
    log.info("%s has the condition search index (%.1f s)", who, time.perf_counter() - started)
    return True


def _load_every_view(log: Any) -> None:
    """Import the URLconf, and with it every view module, forms and template tags it names, in the master.

    Django imports them at a worker's first request otherwise: each worker then allocated ~70 MB of its own, in
    the free slots the master's heap left between shared objects (87 MB private after its first request, against
    20 MB with them imported here; measured with bench/pages.py's figures, docs/performance.md)."""
    from django.apps import apps  # noqa: PLC0415 — after Django is set up by the app import

    if not apps.ready:
        return  # preload_app off: nothing of Django is loaded in the master
    from django.urls import get_resolver  # noqa: PLC0415

    started = time.perf_counter()
    get_resolver().url_patterns  # noqa: B018 — the property imports the URLconf's modules
    log.info("The master loaded every view (%.1f s)", time.perf_counter() - started)


def _template_names(directory: Path) -> list[str]:
    """The templates of one template directory: all of the project's own; of an installed package's, only
    Django's form templates (every form renders them), not the admin's and the like that few pages use."""
    names = sorted(path.relative_to(directory).as_posix() for path in directory.rglob("*") if path.is_file())
    if "site-packages" in directory.parts:
        return [name for name in names if name.startswith("django/forms/")]
    return names


def _compile_every_template(log: Any) -> None:
    """Compile every page, fragment and form template into the cached loader, in the master.

    A worker compiled each template at its first use otherwise, and held the compiled trees, and the
    fragments the compiler left in the master's heap, as its own memory (docs/performance.md). A template
    that does not compile is left for its first use to report, as it would be without this."""
    from django.apps import apps  # noqa: PLC0415 — after Django is set up by the app import

    if not apps.ready:
        return
    from django.template import engines  # noqa: PLC0415
    from django.template.backends.django import DjangoTemplates  # noqa: PLC0415

    started, compiled = time.perf_counter(), 0
    for engine in engines.all():
        if not isinstance(engine, DjangoTemplates):
            continue
        for directory in engine.template_dirs:
            for name in _template_names(Path(directory)):
                try:
                    engine.get_template(name)
                except Exception as error:  # a broken template must not stop the server
                    log.warning("The master could not compile the template %s: %s", name, error)
                else:
                    compiled += 1
    log.info("The master compiled %d templates (%.1f s)", compiled, time.perf_counter() - started)


def on_starting(server: Any) -> None:
    """In the master, after the preloaded app is imported and before the port is bound: build the index once,
    import every view and compile every template, so the load balancer sends nothing here until workers that
    already hold them can answer."""
    _build_condition_index(server.log, "The master")
    _load_every_view(server.log)
    _compile_every_template(server.log)


def pre_fork(server: Any, worker: Any) -> None:
    """Just before each fork: every object the master holds moves out of the collector's sight (gc.freeze), so a
    worker's collections never write to (and so never copy) the pages it shares with the master."""
    gc.freeze()


def post_fork(server: Any, worker: Any) -> None:
    """The fallback: a worker whose master has no index (preload off, or the build failed) builds its own
    before it serves; with the master's index this returns at once (gunicorn hook: arbiter, worker). Then the
    worker's collector waits for REQUEST_GC_ALLOCATIONS allocations before a collection of its own: an ordinary
    request ends well before, and `post_request` collects after it; a long one (an export, a report) is still
    collected as it goes."""
    _build_condition_index(server.log, f"Worker {worker.pid}")
    _first, second, third = gc.get_threshold()
    gc.set_threshold(REQUEST_GC_ALLOCATIONS, second, third)


def post_request(worker: Any, request: Any, environ: Any, response: Any) -> None:
    """After the response is written, off the request's time: the young objects collected when the request left
    many behind (model instances and their prefetched relations refer to each other, so only the collector frees
    them). A small request leaves few, and a collection of its own would cost more than the request did
    (gunicorn hook)."""
    if gc.get_count()[0] >= POST_REQUEST_COLLECTION:
        gc.collect(1)
