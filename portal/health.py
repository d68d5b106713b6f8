"""Health for the load balancer and the monitoring, which never sign in.

- `/healthz`, liveness: the process answers (nothing else is asked, so a database outage does not get every
  instance restarted);
- `/readyz`, readiness: the database and Redis answer within a short timeout and every migration is applied;
  503 naming the part that failed, so the load balancer sends no request to an instance that cannot serve it.
"""

from __future__ import annotations

import logging

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)
PROBE_TIMEOUT_SECONDS = 2
_migrated = False  # once every migration was seen applied, this process does not load the graph again


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_not_required
@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "redis": _redis(), "migrations": _migrations()}
    ready = all(state in ("ok", "not used") for state in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Readiness: the database does not answer", exc_info=True)
        return "unreachable"
    return "ok"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not used"
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=PROBE_TIMEOUT_SECONDS, socket_connect_timeout=PROBE_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except redis.RedisError:
        logger.warning("Readiness: Redis does not answer", exc_info=True)
        return "unreachable"
    finally:
        client.close()
    return "ok"


def _migrations() -> str:
    global _migrated  # noqa: PLW0603 - a per-process memo
    if _migrated:
        return "ok"
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return "unknown (the database does not answer)"
    if pending:
        return f"{len(pending)} not applied"
    _migrated = True
    return "ok"
