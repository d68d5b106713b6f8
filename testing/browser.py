"""Browser-test support: Playwright driving Debian's Chromium, and the axe-core accessibility check."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class AccessibilityViolationError(AssertionError):
    pass


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    at {node['target']}: {node['failureSummary']}" for node in violation["nodes"][:5])
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on any WCAG 2.1 A or AA violation."""
    # A fade still running would blend colours and fail contrast for a moment: scan the settled page.
    page.wait_for_function(
        "() => document.getAnimations().every((animation) => animation.playState !== 'running')", timeout=5_000
    )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so the page's Content Security Policy (which
        # forbids inline scripts) stays on for the app while the test tool is injected.
        page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        "async (tags) => await window.axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    if result["violations"]:
        raise AccessibilityViolationError(f"axe found violations on {page.url}:\n{describe(result['violations'])}")


SCRIPT_TAG = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


def assert_accessible_without_javascript(page: Page, checker: Page) -> None:
    """Scan the page as a browser without JavaScript shows it.

    A page with JavaScript off cannot run axe, so the checker (a page with JavaScript on) loads the
    same document, at the same address, with its scripts removed, and axe scans that.
    """
    html = SCRIPT_TAG.sub("", page.content())
    url = page.url
    checker.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    try:
        checker.goto(url)
        checker.wait_for_load_state("load")
        assert_accessible(checker)
    finally:
        checker.unroute(url)
