"""A headless Chromium page for Playwright tests: the ``browser_page`` fixture.

Register it for the whole suite with ``from tests.browser import browser_page  # noqa: F401`` in
``tests/conftest.py``. It needs Debian's ``chromium`` (``CHROMIUM`` overrides the path) and is
skipped, saying why, when ``NEWSROOM_TEST_BROWSER=0`` (set by tests/run_suites.sh when Chromium
is missing) or the binary is absent. It depends on ``live_server``, so the server outlives the
browser; open ``live_server.url + path``.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def skip_reason() -> str | None:
    if os.environ.get("NEWSROOM_TEST_BROWSER") == "0":
        return "Chromium not available (NEWSROOM_TEST_BROWSER=0): browser tests skipped"
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)"
    return None


@pytest.fixture
def browser_page(live_server) -> Iterator:
    """A fresh Playwright page in headless Chromium (phone-sized viewport is up to the test)."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, next to which Django's ORM (the
    # test's data, live_server) refuses to run unless told it may. Only while the browser is up:
    # set for the whole session, it would leak into subprocesses (``check --deploy`` fails).
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.set_default_timeout(15_000)
            try:
                yield page
            finally:
                context.close()
                browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous
