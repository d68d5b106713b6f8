"""config/gunicorn.conf.py: the production settings it reads from the environment, and its post_fork hook."""

import logging
import runpy
from pathlib import Path

import pytest

import conditions.search

CONF = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


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


def test_each_worker_builds_the_condition_index_before_serving(monkeypatch, caplog):
    built = []
    monkeypatch.setattr(conditions.search, "reason_index", lambda: built.append("index"))
    caplog.set_level(logging.INFO, logger="gunicorn.error")

    load(monkeypatch)["post_fork"](Arbiter(), Worker())

    assert built == ["index"]
    assert "Worker 4321 built the condition search index" in caplog.text


def test_a_worker_whose_index_build_fails_still_starts_and_says_why(monkeypatch, caplog):
    def broken_vocabulary():
        raise ImportError("simple_icd_10_cm is missing")

    monkeypatch.setattr(conditions.search, "reason_index", broken_vocabulary)

    load(monkeypatch)["post_fork"](Arbiter(), Worker())

    assert "Worker 4321 could not build the condition search index" in caplog.text
    assert "simple_icd_10_cm is missing" in caplog.text
