"""What the benches stand on: the floor project behaves as a minimal signed-in Django site, and the seeding makes
the people and cases bench/pages.py measures, whose sign-in codes the bench can read from the outbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from accounts.models import User
from bench import floor
from bench.floor import settings as floor_settings
from bench.seeding import PASSWORD, latest_code, seed_pages
from cases.models import Case
from desk.models import Role, StaffRole

ROOT = Path(__file__).resolve().parent.parent.parent

as_the_floor = override_settings(
    ROOT_URLCONF=floor_settings.ROOT_URLCONF,
    MIDDLEWARE=floor_settings.MIDDLEWARE,
    LOGIN_URL=floor_settings.LOGIN_URL,
    AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.ModelBackend"],
)


def test_the_floor_settings_load_and_pass_djangos_checks():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.floor.settings", "DATABASE_URL": "sqlite://"}
    command = [sys.executable, "-m", "django", "check"]
    result = subprocess.run(command, check=False, cwd=ROOT, env=environment, capture_output=True, text=True)  # noqa: S603
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_floor_keeps_its_sessions_in_the_cache_before_the_database_as_leavedesk_does():
    assert floor_settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert floor_settings.MIDDLEWARE == [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ]
    assert Path(floor.__file__).parent == ROOT / "bench" / "floor"


@pytest.mark.django_db
@as_the_floor
def test_the_floors_signed_in_view_sends_a_visitor_to_sign_in_and_greets_the_signed_in(client: Client):
    User.objects.create_user("floorperson", password="a-floor-password")
    assert client.get("/").status_code == 200
    refused = client.get("/signed-in/")
    assert refused.status_code == 302
    assert refused["Location"] == "/login/?next=/signed-in/"
    assert client.post("/login/", {"username": "floorperson", "password": "wrong"}).status_code == 403
    assert client.post("/login/", {"username": "floorperson", "password": "a-floor-password"}).status_code == 204
    page = client.get("/signed-in/")
    assert page.status_code == 200
    assert "Hello, floorperson." in page.content.decode()


@pytest.mark.django_db
def test_seeding_makes_an_employee_with_one_case_one_with_many_and_a_specialist():
    data = seed_pages(many_cases=3)
    assert Case.objects.filter(employee__username=data.one_case).count() == 1
    assert Case.objects.filter(employee__username=data.many_cases).count() == 3
    assert Case.objects.get(case_number=data.case_number).employee.username == data.one_case
    assert data.open_desk_cases == Case.objects.count() == 4
    assert StaffRole.objects.filter(user__username=data.specialist, role=Role.SPECIALIST).exists()
    for username in (data.one_case, data.many_cases, data.specialist):
        assert User.objects.get(username=username).phone_device is not None


@pytest.mark.django_db
def test_a_seeded_employee_signs_in_with_the_code_the_bench_reads_from_the_outbox(client: Client):
    data = seed_pages(many_cases=0)
    response = client.post("/accounts/login/", {"username": data.one_case, "password": PASSWORD})
    assert response["Location"] == "/accounts/login/verify/"
    response = client.post("/accounts/login/verify/", {"code": latest_code(data.one_case)})
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


@pytest.mark.django_db
def test_the_specialist_signs_in_to_the_desk_with_the_code_from_the_outbox(client: Client):
    data = seed_pages(many_cases=0)
    client.post("/desk/login/", {"username": data.specialist, "password": PASSWORD})
    response = client.post("/accounts/login/verify/", {"code": latest_code(data.specialist)})
    assert response["Location"] == "/desk/"
    assert client.get(f"/desk/cases/{data.case_number}/").status_code == 200


WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8711/dashboard/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    72.05ms   10.12ms  98.26ms   70.00%
  Latency Distribution
     50%   71.50ms
     75%   78.00ms
     90%   85.20ms
     99%    1.15s
  540 requests in 5.01s, 4.40MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:    107.78
Transfer/sec:    899.20KB
"""


def test_the_bench_reads_rate_median_and_99th_percentile_and_counts_failed_answers_from_wrk():
    from bench.pages import parse_wrk  # noqa: PLC0415 — the bench module, read as a library here

    measure = parse_wrk(WRK_OUTPUT)
    assert measure.requests_per_second == 107.78
    assert measure.p50_ms == 71.5
    assert measure.p99_ms == 1150.0
    assert measure.errors == 7
