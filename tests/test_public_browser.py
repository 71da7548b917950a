"""The demo article as a reader's browser sees it, in headless Chromium."""

import json
import os

import pytest

from tests.browser import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("NEWSROOM_TEST_BROWSER") == "0",
        reason="Chromium not available (NEWSROOM_TEST_BROWSER=0): browser tests skipped",
    ),
]


def test_demo_article_in_chromium(live_server, browser_page, demo, settings):
    settings.NEWSROOM_SITE_URL = live_server.url
    page = browser_page
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = live_server.url + demo.published.get_absolute_url()
    response = page.goto(url)
    assert response.status == 200
    assert "script-src" in response.headers.get("content-security-policy", "")
    assert page.title().startswith(demo.published.headline)

    byline = page.locator(".byline").inner_text()
    assert "Written by Ledgerline" in byline
    assert "Reviewed by Maya Lindqvist and Farid Osei" in byline
    sources = page.locator(".sources li").all_inner_texts()
    assert [s.split(":")[0] for s in sources] == [
        "Riverside Radio 4",
        "Valley Courier",
        "Lakemont Ledger",
    ]
    assert page.locator(".sources a").first.get_attribute("href").startswith("https://")
    disclaimer = page.locator(".disclaimer")
    assert disclaimer.is_visible() and "written by AI" in disclaimer.inner_text()
    assert page.locator(".author-box").is_visible()

    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "NewsArticle" and data["headline"] == demo.published.headline
    assert data["author"]["name"] == "Ledgerline"
    assert [e["name"] for e in data["editor"]] == ["Maya Lindqvist", "Farid Osei"]
    assert len(data["isBasedOn"]) == 3
    assert data["digitalSourceType"].startswith("https://cv.iptc.org/newscodes/digitalsourcetype/")
    assert data["url"] == url

    # The stylesheet loaded.
    assert page.evaluate("getComputedStyle(document.querySelector('.disclaimer')).borderLeftWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)

    # The skip link is the first thing the keyboard reaches, and it shows when focused.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0
    page.keyboard.press("Shift+Tab")

    # Readable on a phone: nothing wider than the screen.
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(ARTIFACTS / "article-phone.png"), full_page=True)
    assert errors == []  # no CSP violation, no failed resource


def test_article_reads_without_javascript(live_server, browser_page, demo):
    context = browser_page.context.browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + demo.published.get_absolute_url())
        assert page.locator("h1").inner_text() == demo.published.headline
        assert "Work is scheduled to begin" in page.locator(".article-body").inner_text()
        assert page.locator(".disclaimer").is_visible()
    finally:
        context.close()
