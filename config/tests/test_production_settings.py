"""The production settings, started for real in a subprocess with an environment of their own.

Each test builds the environment an operator would give (nothing inherited from the test run's own),
starts Django with it, and reads what it did: refused to start with which message, or which settings it
made. `manage.py check --deploy` with production values must answer no warning at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# 50 characters, many distinct: what Django's deployment check asks of a secret key.
PRODUCTION_SECRET = "q8Vn3-rT6wLz0pY2sK9dF4hJ7bM1cX5gA-uE8iO3nR6tW0yQ2v"


def production_environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": str(tmp_path / "var"),
        "DEBUG": "0",
        "SECRET_KEY": PRODUCTION_SECRET,
        "ALLOWED_HOSTS": "leave.example.gov",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6399/0",
        "TRUST_X_FORWARDED_PROTO": "1",
        "CSRF_TRUSTED_ORIGINS": "https://leave.example.gov",
        "HSTS_SECONDS": "31536000",
        "HSTS_PRELOAD": "1",
    }
    environment.update(overrides)
    return {name: value for name, value in environment.items() if value != ""}


def run(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, *arguments],
        check=False,
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(environment: dict[str, str], *names: str) -> dict[str, Any]:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}, default=str))"
    )
    result = run(environment, "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_up_error(environment: dict[str, str]) -> str:
    result = run(environment, "-c", "import django; django.setup()")
    assert result.returncode != 0, "the settings started"
    return result.stderr.strip().splitlines()[-1]


# --- 15: one shared cache, or no start ---------------------------------------------------------------------------


def test_production_refuses_to_start_without_redis(tmp_path):
    error = start_up_error(production_environment(tmp_path, REDIS_URL=""))
    assert "ImproperlyConfigured" in error
    assert "REDIS_URL" in error
    assert "every worker" in error


def test_a_single_process_may_say_so_and_keep_its_own_cache(tmp_path):
    environment = production_environment(tmp_path, REDIS_URL="", SINGLE_PROCESS="1")
    caches = settings_of(environment, "CACHES")["CACHES"]
    assert "locmem" in str(caches)


# --- 13: HTTPS behind a load balancer ----------------------------------------------------------------------------


def test_check_deploy_passes_with_no_warning_with_production_values(tmp_path):
    result = run(production_environment(tmp_path), "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_the_https_settings_come_from_the_environment(tmp_path):
    values = settings_of(
        production_environment(tmp_path, HSTS_SECONDS="600", HSTS_PRELOAD=""),
        "SECURE_PROXY_SSL_HEADER",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "PERMISSIONS_POLICY",
    )
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://leave.example.gov"]
    assert values["SECURE_HSTS_SECONDS"] == 600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert "camera=()" in str(values["PERMISSIONS_POLICY"])


def test_the_forwarded_protocol_is_not_trusted_unless_the_operator_says_so(tmp_path):
    values = settings_of(production_environment(tmp_path, TRUST_X_FORWARDED_PROTO=""), "SECURE_PROXY_SSL_HEADER")
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_a_trusted_origin_without_a_scheme_is_refused(tmp_path):
    error = start_up_error(production_environment(tmp_path, CSRF_TRUSTED_ORIGINS="leave.example.gov"))
    assert "CSRF_TRUSTED_ORIGINS" in error


def test_every_response_carries_a_permissions_policy(client):
    response = client.get("/terms-of-use/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


# --- 14: secrets from files --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL"])
def test_a_secret_is_read_from_the_file_its_file_variable_names(tmp_path, name):
    values = {
        "SECRET_KEY": PRODUCTION_SECRET + "-from-a-file",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'from-a-file.sqlite3'}",
        "REDIS_URL": "redis://cache.internal:6379/3",
    }
    secret = tmp_path / f"{name.lower()}.txt"
    secret.write_text(values[name] + "\n")  # as `echo` or a platform writes it: the line end is not the secret
    environment = production_environment(tmp_path, **{name: "", f"{name}_FILE": str(secret)})
    setting = {"SECRET_KEY": "SECRET_KEY", "DATABASE_URL": "DATABASES", "REDIS_URL": "REDIS_URL"}[name]
    read = settings_of(environment, setting)[setting]
    if name == "DATABASE_URL":
        assert read["default"]["NAME"] == str(tmp_path / "from-a-file.sqlite3")
    else:
        assert read == values[name]


def test_a_secret_given_both_ways_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(PRODUCTION_SECRET)
    error = start_up_error(production_environment(tmp_path, SECRET_KEY_FILE=str(secret)))
    assert "SECRET_KEY" in error
    assert "SECRET_KEY_FILE" in error


def test_a_missing_secret_file_is_refused_by_name(tmp_path):
    error = start_up_error(production_environment(tmp_path, SECRET_KEY="", SECRET_KEY_FILE=str(tmp_path / "nope")))
    assert "SECRET_KEY_FILE" in error


def test_the_owner_database_alias_comes_from_migration_database_url_file(tmp_path):
    owner_url = tmp_path / "owner-url"
    owner_url.write_text("postgres://leavedesk_owner@db.internal:5432/leavedesk\n")
    environment = production_environment(
        tmp_path,
        DATABASE_URL="postgres://leavedesk_app@db.internal:5432/leavedesk",
        MIGRATION_DATABASE_URL_FILE=str(owner_url),
    )
    databases = settings_of(environment, "DATABASES")["DATABASES"]
    assert databases["default"]["USER"] == "leavedesk_app"
    assert databases["owner"]["USER"] == "leavedesk_owner"
    assert databases["owner"]["NAME"] == "leavedesk"


def test_an_owner_url_for_another_database_is_refused(tmp_path):
    environment = production_environment(
        tmp_path,
        DATABASE_URL="postgres://leavedesk_app@db.internal:5432/leavedesk",
        MIGRATION_DATABASE_URL="postgres://leavedesk_owner@db.internal:5432/other",
    )
    assert "same database" in start_up_error(environment)
