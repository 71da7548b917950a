"""The default setup (no Redis) in headless Chromium: "Request AI draft" returns at once and the
article page shows the run go from queued or running to done while the model works."""

import os
import threading

import pytest

from articles import editing
from articles.models import Section
from newsroom import queue
from tests.llm_server import ONE_PARAGRAPH_DRAFT, ok

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("NEWSROOM_TEST_BROWSER") == "0",
        reason="Chromium not available (NEWSROOM_TEST_BROWSER=0): browser tests skipped",
    ),
]

DRAFT = ONE_PARAGRAPH_DRAFT


def test_draft_progress_is_live_without_redis(
    live_server, browser_page, staff, demo, settings, llm_settings, llm_server
):
    settings.REDIS_URL = ""
    settings.NEWSROOM_JOB_THREADS = 2
    release = threading.Event()

    def answer(request):
        release.wait(10)
        if "<<<CLAIMS BEGIN>>>" in request["messages"][-1]["content"]:
            return ok({"verdicts": [{"claim": 1, "verdict": "supported"}]})
        return ok(DRAFT)

    llm_server.default = answer
    page, base = browser_page, live_server.url
    article = editing.create_article(
        staff["editor"], section=Section.objects.get(slug="local"), story=demo.published.story,
        headline="Bridge repair: the details",
    )  # fmt: skip
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-for-tests")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    try:
        page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
        page.click("text=Request AI draft")
        page.wait_for_selector(".messagelist")
        badge = page.locator(".nr-runs tr[data-run] .nr-run").first
        assert badge.inner_text() in ("Queued", "Running")
        page.wait_for_selector(".nr-runs .nr-run-running", timeout=5000)
        release.set()
        page.wait_for_selector(".nr-runs .nr-run-done", timeout=15000)
        page.wait_for_selector(".nr-done-note", timeout=15000)
    finally:
        release.set()
        pool, queue._pool = queue._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
    article.refresh_from_db()
    assert "voted 7-2" in article.body
