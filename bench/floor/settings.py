"""The floor: the least a signed-in Django page costs, to measure LeaveDesk's pages against (bench/pages.py).

Django's own session and authentication middleware, a cached database session (Redis in front of PostgreSQL, as
LeaveDesk's), and three views (bench.floor.urls): a bare anonymous page, a short page behind `login_required`,
and a sign-in that takes a username and password. Read from the same environment variables as LeaveDesk's
settings where they mean the same thing (DATABASE_URL, REDIS_URL, SECRET_KEY).
"""

from __future__ import annotations

import os

import dj_database_url

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or "the-floor-is-a-benchmark-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.floor.urls"
WSGI_APPLICATION = "bench.floor.wsgi.application"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "sqlite:///:memory:"), conn_max_age=60, conn_health_checks=True
    )
}
_redis = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis}
    if _redis
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGIN_URL = "/login/"
TEMPLATES: list[dict[str, object]] = []
