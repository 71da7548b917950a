"""The new-AI-draft review and "Show what AI wrote" in headless Chromium, under the admin's CSP."""

import os

import pytest

from tests.browser import ARTIFACTS
from tests.test_draft_review import E1, E3, P1_NEW, article  # noqa: F401 (the fixture)
from tests.test_editor_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("NEWSROOM_TEST_BROWSER") == "0",
        reason="Chromium not available (NEWSROOM_TEST_BROWSER=0): browser tests skipped",
    ),
]


def test_editor_reviews_the_new_draft_and_sees_what_ai_wrote(
    live_server,
    browser_page,
    staff,
    article,  # noqa: F811
):
    page, base = browser_page, live_server.url
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    assert not page.locator(".nr-provenance .nr-text").is_visible()
    page.click("text=Show what AI wrote")
    assert page.locator("mark.nr-ai").first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "provenance.png"), full_page=True)
    page.click("text=review changes")
    page.wait_for_url(f"{base}/admin/articles/article/{article.pk}/draft-review/")
    page.screenshot(path=str(ARTIFACTS / "draft-review.png"), full_page=True)
    row = page.locator("tr.nr-change", has_text="fund the Old Mill Bridge")
    row.locator("input[name=accept]").check()
    page.click("text=Apply the ticked changes")
    page.wait_for_url(f"{base}/admin/articles/article/{article.pk}/change/")
    assert "1 change(s) from the AI draft accepted." in page.content()
    article.refresh_from_db()
    assert P1_NEW in article.body and E3 in article.body and E1 not in article.body
    assert errors == []
