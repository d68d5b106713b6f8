"""config/gunicorn.conf.py: the production settings it reads from the environment, and its post_fork hook."""

import gc
import logging
import runpy
from pathlib import Path

import pytest

import conditions.search

CONF = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


@pytest.fixture(autouse=True)
def run_dir(monkeypatch, tmp_path):
    """Pid files and control sockets of these tests go to a folder of their own, never to var/run."""
    monkeypatch.setenv("RUN_DIR", str(tmp_path / "run"))
    return tmp_path / "run"


@pytest.fixture(autouse=True)
def collector_as_it_was():
    """post_fork sets the collector's threshold for a worker: the test process gets its own back."""
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)


def load(monkeypatch, **environment):
    for name in ("PORT", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


class Worker:
    pid = 4321


class Arbiter:
    log = logging.getLogger("gunicorn.error")


def test_it_listens_on_every_address_at_port_and_logs_requests_to_standard_output(monkeypatch):
    conf = load(monkeypatch, PORT="8123", WEB_CONCURRENCY="3")
    assert conf["bind"] == "0.0.0.0:8123"
    assert conf["workers"] == 3
    assert conf["accesslog"] == "-"


def test_without_settings_it_runs_twice_the_cores_plus_one_workers_on_port_8000(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1, 2})
    conf = load(monkeypatch)
    assert conf["bind"] == "0.0.0.0:8000"
    assert conf["workers"] == 7


@pytest.mark.parametrize(("name", "value"), [("WEB_CONCURRENCY", "lots"), ("WEB_CONCURRENCY", "0"), ("PORT", "70000")])
def test_a_bad_value_stops_gunicorn_before_it_starts(monkeypatch, name, value):
    with pytest.raises(RuntimeError, match=name):
        load(monkeypatch, **{name: value})


def test_the_pid_file_and_control_socket_are_in_the_run_directory_named_by_port(monkeypatch, run_dir):
    conf = load(monkeypatch, PORT="8123")

    assert run_dir.is_dir()  # gunicorn writes the pid file before any hook could make the folder
    assert conf["pidfile"] == str(run_dir / "gunicorn-8123.pid")
    assert conf["control_socket"] == str(run_dir / "gunicorn-8123.ctl")


def test_the_master_loads_the_app_and_builds_the_condition_index_before_forking(monkeypatch, caplog):
    built = []
    monkeypatch.setattr(conditions.search, "reason_index", lambda: built.append("index"))
    caplog.set_level(logging.INFO, logger="gunicorn.error")
    conf = load(monkeypatch)

    conf["on_starting"](Arbiter())

    assert conf["preload_app"] is True
    assert built == ["index"]
    assert "The master has the condition search index" in caplog.text


def test_each_worker_has_the_condition_index_before_serving(monkeypatch, caplog):
    built = []
    monkeypatch.setattr(conditions.search, "reason_index", lambda: built.append("index"))
    caplog.set_level(logging.INFO, logger="gunicorn.error")

    load(monkeypatch)["post_fork"](Arbiter(), Worker())

    assert built == ["index"]
    assert "Worker 4321 has the condition search index" in caplog.text


def test_a_master_whose_index_build_fails_still_starts_and_says_why(monkeypatch, caplog):
    def broken_vocabulary():
        raise ImportError("simple_icd_10_cm is missing")

    monkeypatch.setattr(conditions.search, "reason_index", broken_vocabulary)

    load(monkeypatch)["on_starting"](Arbiter())

    assert "The master could not build the condition search index" in caplog.text
    assert "simple_icd_10_cm is missing" in caplog.text


def test_a_worker_whose_index_build_fails_still_starts_and_says_why(monkeypatch, caplog):
    def broken_vocabulary():
        raise ImportError("simple_icd_10_cm is missing")

    monkeypatch.setattr(conditions.search, "reason_index", broken_vocabulary)

    load(monkeypatch)["post_fork"](Arbiter(), Worker())

    assert "Worker 4321 could not build the condition search index" in caplog.text
    assert "simple_icd_10_cm is missing" in caplog.text


def test_the_master_compiles_the_projects_and_the_form_templates_before_forking(monkeypatch, caplog):
    from django.template import engines  # noqa: PLC0415
    from django.template.backends.django import DjangoTemplates  # noqa: PLC0415
    from django.template.loaders.cached import Loader as CachedLoader  # noqa: PLC0415

    monkeypatch.setattr(conditions.search, "reason_index", lambda: None)
    caplog.set_level(logging.INFO, logger="gunicorn.error")
    backend = engines["django"]
    assert isinstance(backend, DjangoTemplates)
    (cached_loader,) = backend.engine.template_loaders
    assert isinstance(cached_loader, CachedLoader)
    cached_loader.reset()

    load(monkeypatch)["on_starting"](Arbiter())

    compiled = set(cached_loader.get_template_cache)
    assert {"base.html", "conditions/_matches.html", "django/forms/widgets/input.html"} <= compiled
    assert not any(name.startswith("admin/") for name in compiled)
    assert "could not compile" not in caplog.text


def test_a_worker_collects_its_garbage_after_a_large_response_not_during_the_request(monkeypatch):
    conf = load(monkeypatch)
    conf["post_fork"](Arbiter(), Worker())
    assert gc.get_threshold()[0] == conf["REQUEST_GC_ALLOCATIONS"] > 10 * 700  # far more than Python's default
    collected = []

    def collect(*generation):
        collected.append(generation)
        return 0

    monkeypatch.setattr(gc, "collect", collect)
    left = conf["POST_REQUEST_COLLECTION"]
    monkeypatch.setattr(gc, "get_count", lambda: (left + 1, 0, 0))  # a desk page's objects
    conf["post_request"](Worker(), None, {}, None)
    assert collected == [(1,)]  # the young generations, once the response is written
    monkeypatch.setattr(gc, "get_count", lambda: (40, 0, 0))  # a redirect's
    conf["post_request"](Worker(), None, {}, None)
    assert collected == [(1,)]  # nothing more: a collection would cost more than that request
