"""The newsroom's main path in the real admin, in headless Chromium: an editor requests a draft,
a fact-checker resolves a flag and sends the story for approval, a managing editor publishes,
and a reader files an error report."""

import os

import pytest

from articles import editing
from articles.models import Article, ErrorReport, Run, Section
from tests.browser import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("NEWSROOM_TEST_BROWSER") == "0",
        reason="Chromium not available (NEWSROOM_TEST_BROWSER=0): browser tests skipped",
    ),
]


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def test_editor_fact_checker_and_managing_editor_in_the_admin(
    live_server, browser_page, staff, demo, settings
):
    settings.NEWSROOM_SITE_URL = live_server.url
    page, base = browser_page, live_server.url
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # An editor asks for a draft of a story with three sources.
    fresh = editing.create_article(
        staff["editor"], section=Section.objects.get(slug="local"), story=demo.published.story,
        headline="Bridge repair: the details",
    )  # fmt: skip
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/articles/article/{fresh.pk}/change/")
    page.click("text=Request AI draft")
    page.wait_for_selector(".messagelist")
    assert "Draft requested" in page.locator(".messagelist").inner_text()
    assert page.locator(".nr-runs .nr-run-done").count() == 2  # the draft and its check
    assert 'class="cite"' in page.input_value("#id_body")
    page.screenshot(path=str(ARTIFACTS / "editor-draft.png"), full_page=True)
    fresh.refresh_from_db()
    assert fresh.status == Article.Status.EDITING and fresh.body
    assert fresh.runs.filter(kind=Run.Kind.DRAFT, status="done").exists()

    # A fact-checker resolves the open flag on the demo draft, re-checks, sends it on.
    draft = demo.draft
    flag = draft.flags.get(status="open")
    log_in(page, base, "factchecker")
    page.goto(f"{base}/admin/articles/article/{draft.pk}/review/")
    assert flag.excerpt in page.locator(f"#flag-{flag.pk}").inner_text()
    card = page.locator(f"#flag-{flag.pk}")
    card.locator("select[name=resolution]").select_option("removed")
    card.locator("textarea[name=note]").fill("Speculation: no source says this.")
    card.locator("button[type=submit]").click()
    page.wait_for_selector(".messagelist")
    assert "Flag resolved" in page.locator(".messagelist").inner_text()
    page.screenshot(path=str(ARTIFACTS / "editor-review.png"), full_page=True)
    page.goto(f"{base}/admin/articles/article/{draft.pk}/change/")
    page.click("text=Run fact-check")
    page.wait_for_selector(".messagelist")
    page.click("text=Send for approval")
    page.wait_for_selector(".messagelist")
    assert "“Send for approval”: done." in page.locator(".messagelist").inner_text()

    # The managing editor publishes.
    log_in(page, base, "managing")
    page.goto(f"{base}/admin/articles/article/{draft.pk}/change/")
    page.click("text=Approve and publish")
    page.wait_for_selector(".messagelist")
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert "traffic chaos" not in draft.body

    # A reader opens it and reports an error.
    page.context.clear_cookies()
    page.goto(base + draft.get_absolute_url())
    assert "Reviewed by" in page.locator(".byline").inner_text()
    page.click("text=Report an error")
    page.fill(
        "#id_message", "The detour is nine minutes, not eight, according to the bus timetable."
    )
    page.click("input[type=submit]")
    page.wait_for_selector("[role=status]")
    assert "Thank you" in page.locator("[role=status]").inner_text()
    page.screenshot(path=str(ARTIFACTS / "reader-report.png"), full_page=True)
    assert ErrorReport.objects.filter(article=draft, status="new").count() == 1
    assert errors == []
