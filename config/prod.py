"""The production topology on one machine: `python -m config.prod` (what `make prod` runs).

It starts, each as its own process talking to the others over the network as on separate machines:

- an S3-compatible endpoint (moto's server mode) for the documents, with the bucket made,
- two gunicorn instances of the portal and desk (config/gunicorn.conf.py), on WEB_PORTS,
- a Celery worker and Celery beat,
- nginx in front of the instances, on PORT, serving /static/ from STATIC_ROOT,

all on PostgreSQL (DATABASE_URL, the database made when missing) and Redis (REDIS_URL), with DEBUG off.
Before the web processes start it migrates and collects static files (and with --demo loads the demo data).
Ctrl-C or SIGTERM stops every child; SIGHUP starts again any child that has stopped (a killed instance, a
stopped worker). Nothing here touches the machine's own services: nginx runs on a configuration file of its
own, written into the run directory with its pid file, logs and scratch folders; every child's output goes to
RUN_DIR/log/<name>.log.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
TEMPLATE = BASE_DIR / "config" / "nginx.conf.template"
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")
DEFAULTS = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/leavedesk_prod",
    "REDIS_URL": "redis://127.0.0.1:6379/11",
    "PORT": "8080",
    "WEB_PORTS": "8001,8002",
    "S3_PORT": "9000",
    "WEB_CONCURRENCY": "2",
}
STOP_GRACE_SECONDS = 15
READY_TIMEOUT_SECONDS = 120


def log(message: str) -> None:
    print(f"[prod] {message}", flush=True)


@dataclass
class Child:
    """One supervised process: how to start it, and the running process if any."""

    name: str
    command: list[str]
    process: subprocess.Popen[bytes] | None = None
    exit_reported: bool = field(default=False)

    def start(self, environment: dict[str, str], log_dir: Path) -> None:
        output = (log_dir / f"{self.name}.log").open("ab")
        # A session of its own, so a Ctrl-C in the terminal reaches only the supervisor, which stops the
        # children in order; and the kernel ends the child should the supervisor die without doing so.
        self.process = subprocess.Popen(  # noqa: S603 — our own commands, no shell
            self.command,
            cwd=BASE_DIR,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=end_with_parent,  # noqa: PLW1509 — the supervisor is single-threaded
        )
        output.close()
        self.exit_reported = False
        log(f"started {self.name} (pid {self.process.pid})")

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


def end_with_parent() -> None:
    """In the child, before exec: ask Linux for SIGTERM when the supervisor goes away (elsewhere, nothing)."""
    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


@dataclass(frozen=True)
class Topology:
    """Where everything listens and lives, from the environment and the command line."""

    port: int
    web_ports: list[int]
    s3_port: int
    run_dir: Path
    var_dir: Path
    database_url: str
    redis_url: str
    demo: bool

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def static_root(self) -> Path:
        return self.var_dir / "staticfiles"  # as config/settings.py derives STATIC_ROOT from VAR_DIR

    @property
    def log_dir(self) -> Path:
        return self.run_dir / "log"


def read_topology(argv: list[str] | None = None) -> Topology:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--demo", action="store_true", help="load the demo accounts and cases (when empty)")
    arguments = parser.parse_args(argv)

    def setting(name: str) -> str:
        return os.environ.get(name) or DEFAULTS[name]

    run_dir = Path(os.environ.get("RUN_DIR") or BASE_DIR / "var" / "run").resolve()
    return Topology(
        port=int(setting("PORT")),
        web_ports=[int(port) for port in setting("WEB_PORTS").split(",")],
        s3_port=int(setting("S3_PORT")),
        run_dir=run_dir,
        # Its own var folder: collectstatic here must not rewrite the files a dev server or test run is reading.
        var_dir=Path(os.environ.get("VAR_DIR") or BASE_DIR / "var" / "prod").resolve(),
        database_url=setting("DATABASE_URL"),
        redis_url=setting("REDIS_URL"),
        demo=arguments.demo,
    )


def secret_key(run_dir: Path) -> str:
    """SECRET_KEY from the environment, or one made once and kept in the run directory, so sessions and
    signed links survive a restart of the topology."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = run_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def child_environment(topology: Topology) -> dict[str, str]:
    """What every child reads: production settings, with defaults for this machine."""
    environment = dict(os.environ)
    environment.update(
        {
            "DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": secret_key(topology.run_dir),
            "DATABASE_URL": topology.database_url,
            "REDIS_URL": topology.redis_url,
            "DOCUMENT_STORAGE": "s3",
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{topology.s3_port}",
            "RUN_DIR": str(topology.run_dir),
            "VAR_DIR": str(topology.var_dir),
            "PYTHONUNBUFFERED": "1",
        }
    )
    environment.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    environment.setdefault("S3_BUCKET", "leavedesk-documents")
    environment.setdefault("WEB_CONCURRENCY", DEFAULTS["WEB_CONCURRENCY"])
    # This machine speaks plain HTTP; behind TLS, leave SECURE_COOKIES on (its default with DEBUG off).
    environment.setdefault("SECURE_COOKIES", "0")
    environment.setdefault("TRUSTED_PROXY_HOPS", "1")  # nginx: the client's address is the one it saw
    # moto accepts any credentials; a real bucket takes them from the environment, a profile or a role.
    environment.setdefault("AWS_ACCESS_KEY_ID", "leavedesk-local")
    environment.setdefault("AWS_SECRET_ACCESS_KEY", "leavedesk-local")
    environment.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    return environment


def create_database(database_url: str) -> None:
    """Make the PostgreSQL database named by the URL when it does not exist (the server's own stays as it is)."""
    import psycopg  # noqa: PLC0415 — only the supervisor needs it directly

    parts = urlsplit(database_url)
    if parts.scheme not in {"postgres", "postgresql"}:
        return
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')  # a name from our own URL, not user input
            log(f"created database {name}")


def create_bucket(environment: dict[str, str]) -> None:
    import boto3  # noqa: PLC0415 — only the supervisor needs it directly

    client = boto3.client(
        "s3",
        endpoint_url=environment["S3_ENDPOINT_URL"],
        region_name=environment["AWS_DEFAULT_REGION"],
        aws_access_key_id=environment["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=environment["AWS_SECRET_ACCESS_KEY"],
    )
    bucket = environment["S3_BUCKET"]
    if bucket not in {found["Name"] for found in client.list_buckets().get("Buckets", [])}:
        client.create_bucket(Bucket=bucket)


def wait_for_port(port: int, still_starting: Callable[[], bool], timeout: float = READY_TIMEOUT_SECONDS) -> None:
    """Return once 127.0.0.1:port accepts a connection; fail if the process stops or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            probe.settimeout(1)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        if not still_starting():
            raise RuntimeError(f"the process for port {port} stopped while starting")
        time.sleep(0.2)
    raise RuntimeError(f"nothing listened on port {port} within {timeout:.0f} s")


def wait_for_page(url: str, timeout: float = READY_TIMEOUT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 — our own local URL
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {timeout:.0f} s")


def run_step(name: str, command: list[str], environment: dict[str, str], log_dir: Path) -> None:
    """A one-off step (migrate, collectstatic, seed): its output to its log, and a failure stops start-up."""
    with (log_dir / f"{name}.log").open("wb") as output:
        result = subprocess.run(  # noqa: S603 — our own commands, no shell
            command, cwd=BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT, check=False
        )
    if result.returncode != 0:
        tail = (log_dir / f"{name}.log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{name} failed (exit {result.returncode}):\n{tail}")
    log(f"{name} done")


def nginx_config(topology: Topology) -> Path:
    """Write the load balancer's configuration from config/nginx.conf.template into the run directory."""
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (topology.run_dir / "nginx" / folder).mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in topology.web_ports)
    text = TEMPLATE.read_text()
    for token, value in {
        "@RUN_DIR@": str(topology.run_dir),
        "@NGINX_MIME_TYPES@": str(NGINX_MIME_TYPES),
        "@UPSTREAM_SERVERS@": servers,
        "@LISTEN@": f"127.0.0.1:{topology.port}",
        "@STATIC_ROOT@": str(topology.static_root),
    }.items():
        text = text.replace(token, value)
    path = topology.run_dir / "nginx.conf"
    path.write_text(text)
    return path


def children(topology: Topology, nginx: str, nginx_conf: Path) -> list[Child]:
    """The long-running processes, in start order (they are stopped in reverse)."""
    celery = [str(BIN / "celery"), "-A", "config"]
    run = topology.run_dir
    web = [
        Child(f"web-{port}", ["env", f"PORT={port}", str(BIN / "gunicorn"), "-c", "config/gunicorn.conf.py"])
        for port in topology.web_ports
    ]
    worker = [*celery, "worker", "--loglevel=INFO", "--concurrency=1", "--pidfile", str(run / "celery-worker.pid")]
    beat = [*celery, "beat", "--loglevel=INFO", "-s", str(run / "celerybeat-schedule")]
    beat += ["--pidfile", str(run / "celery-beat.pid")]
    error_log = str(topology.log_dir / "nginx-error.log")
    return [
        *web,
        Child("celery-worker", worker),
        Child("celery-beat", beat),
        # -e: the error log from the very start, before nginx has read the configuration that names it.
        Child("nginx", [nginx, "-p", str(run / "nginx"), "-e", error_log, "-c", str(nginx_conf)]),
    ]


class Supervisor:
    def __init__(self, topology: Topology) -> None:
        self.topology = topology
        self.environment = child_environment(topology)
        self.s3 = Child("s3", [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(topology.s3_port)])
        self.children: list[Child] = []
        self.stopping = False
        self.restart_requested = False

    def prepare(self) -> None:
        """The once-per-release steps, and the S3 endpoint they and the web processes need."""
        topology, environment = self.topology, self.environment
        create_database(topology.database_url)
        self.start_child(self.s3)
        wait_for_port(topology.s3_port, self.s3.running)
        create_bucket(environment)
        manage = [PYTHON, "manage.py"]
        run_step("migrate", [*manage, "migrate", "--no-input"], environment, topology.log_dir)
        run_step("collectstatic", [*manage, "collectstatic", "--no-input", "-v0"], environment, topology.log_dir)
        if topology.demo:
            run_step("seed_demo", [*manage, "seed_demo", "--if-empty"], environment, topology.log_dir)

    def start(self, nginx: str) -> None:
        topology = self.topology
        self.children = children(topology, nginx, nginx_config(topology))
        for child in self.children:
            self.start_child(child)
        for port, child in zip(topology.web_ports, self.children, strict=False):
            wait_for_port(port, child.running)
        wait_for_page(topology.url + "accounts/login/")

    def start_child(self, child: Child) -> None:
        child.start(self.environment, self.topology.log_dir)

    def watch(self) -> None:
        """Until told to stop: report children that exit, and start them again on SIGHUP."""
        while not self.stopping:
            for child in [self.s3, *self.children]:
                if child.process is not None and not child.running() and not child.exit_reported:
                    log(f"{child.name} exited with {child.process.returncode}; SIGHUP starts it again")
                    child.exit_reported = True
            if self.restart_requested:
                self.restart_requested = False
                for child in [self.s3, *self.children]:
                    if not child.running():
                        self.start_child(child)
            time.sleep(0.2)

    def stop(self) -> None:
        """SIGTERM to every child, last started first; SIGKILL to any still there after the grace period."""
        for child in reversed([self.s3, *self.children]):
            if child.running() and child.process is not None:
                child.process.terminate()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in reversed([self.s3, *self.children]):
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"{child.name} did not stop in {STOP_GRACE_SECONDS} s; killing it")
                child.process.kill()
                child.process.wait()
        log("stopped")

    def on_signal(self, number: int, _frame: FrameType | None) -> None:
        if number == signal.SIGHUP:
            self.restart_requested = True
        else:
            self.stopping = True


def find_nginx() -> str:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        raise SystemExit("nginx is not installed: `make prod` installs Debian's nginx, or run 'apt-get install nginx'")
    return nginx


def main(argv: list[str] | None = None) -> int:
    topology = read_topology(argv)
    nginx = find_nginx()
    topology.log_dir.mkdir(parents=True, exist_ok=True)
    supervisor = Supervisor(topology)
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, supervisor.on_signal)
    (topology.run_dir / "prod.pid").write_text(str(os.getpid()))
    try:
        supervisor.prepare()
        supervisor.start(nginx)
        log(f"LeaveDesk is up at {topology.url} (logs in {topology.log_dir}; Ctrl-C stops everything)")
        supervisor.watch()
    except RuntimeError as error:
        log(f"could not start: {error}")
        return 1
    finally:
        supervisor.stop()
        (topology.run_dir / "prod.pid").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
