"""Loaded by pytest before Django starts (`-p config.test_environment` in pyproject.toml).

It gives the test run a settings environment of its own — a throwaway secret key, plain-HTTP
cookies for the live server, static files read from their folders — through the same typed
block the settings module reads, instead of a second settings module.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-any-deployment")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SINGLE_PROCESS", "1")  # each test process keeps its own cache unless REDIS_URL is given
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("ADMIN_ENABLED", "1")  # the admin's tests need it mounted; one test switches it off
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Playwright's synchronous API runs an event loop in the test thread; the ORM calls the tests make
# alongside it are still synchronous, so Django's async-safety guard does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
