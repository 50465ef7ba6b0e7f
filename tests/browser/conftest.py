"""Browser tests: headless Chromium through Playwright against pytest-django's live server.

Nothing leaves the machine: every request to a host other than the live server is aborted.
Screenshots go to `test-artifacts/` (gitignored) at the project root.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# there (creating rows) are still plain synchronous code, so Django's guard is lifted here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("CONFLICTMAP_CHROMIUM", "/usr/bin/chromium")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def pytest_collection_modifyitems(config, items):
    # Live-server tests flush the database when they end; running them last keeps the shared
    # reference data (gazetteer, actors) in place for every other test of the session.
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    others = [item for item in items if not item.get_closest_marker("browser")]
    items[:] = others + browser_items


@pytest.fixture(scope="session")
def chromium():
    from playwright import sync_api

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (install it or set CONFLICTMAP_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a test may want to assert on: dialogs, errors, blocked requests."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.blocked: list[str] = []


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


def _settle(page) -> None:
    """Wait for the page's last fetch to finish, so no request runs while the test DB is flushed."""
    # A page that never settles is already the test's own failure; teardown just moves on.
    with contextlib.suppress(Exception):
        page.wait_for_function(
            "!document.body || document.body.dataset.ready !== 'false'", timeout=5_000
        )


def _open_page(chromium, watch: PageWatch, viewport: dict[str, int]):
    context = chromium.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)

    def guard(route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            watch.blocked.append(route.request.url)
            route.abort()

    def on_dialog(dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.route("**/*", guard)
    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on(
        "console",
        lambda message: watch.errors.append(message.text) if message.type == "error" else None,
    )
    return context, page


@pytest.fixture
def page(chromium, watch, live_server) -> Iterator:
    context, page = _open_page(chromium, watch, {"width": 1400, "height": 900})
    yield page
    _settle(page)
    context.close()


@pytest.fixture
def phone_page(chromium, watch, live_server) -> Iterator:
    context, page = _open_page(chromium, watch, {"width": 390, "height": 844})
    yield page
    _settle(page)
    context.close()


@pytest.fixture
def screenshot():
    """Return a function saving a screenshot of the page under test-artifacts/ by name."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return save
