"""Fixtures shared by every app's tests: the browser, the accessible page, and the named users."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api._generated import SetCookieParam

from testing.browser import CHROMIUM, CHROMIUM_ARGS, assert_accessible, assert_accessible_without_javascript

# The named test users (employee, supervisor, hr_professional, specialist, employee_client): see testing/users.py.
pytest_plugins = ["testing.users"]


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Every test starts with empty caches: the sending limits' counts and cached sessions of another test
    never leak into this one."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def private_file_storage(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Files a test writes (documents, letters: every leave submitted gets its eligibility letter) go to a folder
    of the test's own, never to var/documents."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path_factory.mktemp("files")},
        },
    }


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class CheckedPage:
    """A Playwright page whose every visit is followed by an axe scan.

    `visit(path)` opens a path on the live server and checks it; after a click or a form post that
    lands on a new page, call `check()` for that page. Anything else is the Playwright page itself.
    """

    def __init__(self, page: Page, base_url: str, checker: Page | None = None) -> None:
        self.page = page
        self.base_url = base_url
        self.checker = checker

    def visit(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        self.check()
        return self.page

    def check(self) -> None:
        self.page.wait_for_load_state("load")
        if self.checker is None:
            assert_accessible(self.page)
        else:
            assert_accessible_without_javascript(self.page, self.checker)

    def sign_in(self, user: Any, *, to_desk: bool = False) -> None:
        """Sign `user` in by giving the browser a session made on the server (skipping the two-step flow;
        `to_desk`: as after the desk's second step too)."""
        self.page.context.add_cookies([session_cookie_for(user, self.base_url, to_desk=to_desk)])

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)


def session_cookie_for(user: Any, url: str, *, to_desk: bool = False) -> SetCookieParam:
    client = Client()
    if to_desk:
        from desk.tests.conftest import sign_in_to_desk  # noqa: PLC0415 - a desk helper, for desk pages only

        sign_in_to_desk(client, user)
    else:
        client.force_login(user)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": url}


def _open_page(browser: Browser, live_server: Any, **context_options: Any) -> Iterator[CheckedPage]:
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    checker_context = None
    checker = None
    if context_options.get("java_script_enabled") is False:
        checker_context = browser.new_context(viewport=context_options.get("viewport"))
        checker = checker_context.new_page()
    try:
        yield CheckedPage(page, live_server.url, checker)
    finally:
        context.close()
        if checker_context is not None:
            checker_context.close()


@pytest.fixture
def web(browser: Browser, live_server: Any) -> Iterator[CheckedPage]:
    """A desktop-width page (1280 px) on the live server, JavaScript on."""
    yield from _open_page(browser, live_server, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone(browser: Browser, live_server: Any) -> Iterator[CheckedPage]:
    """A 320 px wide page, as on a small phone."""
    yield from _open_page(browser, live_server, viewport={"width": 320, "height": 640})


@pytest.fixture
def no_js(browser: Browser, live_server: Any) -> Iterator[CheckedPage]:
    """A page with JavaScript switched off: every flow must still work."""
    yield from _open_page(browser, live_server, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
