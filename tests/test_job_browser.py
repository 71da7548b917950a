"""The whole job in headless Chromium, on a fresh story, as the five roles: an editor creates a
story, pastes two sources and drafts from them; a fact-checker resolves the flags (the sources
disagree on a figure) and sends it for approval; a managing editor publishes; a reader reports
an error; a moderator accepts the report; the managing editor publishes a correction that
settles it. Prints the page loads, clicks and slowest page per role (figures, not asserts on
time: the machine may be loaded)."""

import os
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest

from articles.models import Article, ErrorReport, Flag

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("NEWSROOM_TEST_BROWSER") == "0",
        reason="Chromium not available (NEWSROOM_TEST_BROWSER=0): browser tests skipped",
    ),
]

HARBOUR = (
    "A fire broke out in the engine room of the passenger ferry Morwenna on Tuesday evening "
    "as it approached Westhaven harbour, and all 86 passengers were evacuated onto lifeboats, "
    "the Westhaven Harbour Authority said.\n\nTwo crew members were treated for smoke "
    "inhalation and released on Wednesday morning. The ferry service to Pellan Island will be "
    'suspended until December 12 while inspectors examine the vessel.\n\n"The crew did '
    'exactly what they were trained to do," harbour master Ines Okonkwo said.'
)
GAZETTE = (
    "Ninety-two passengers left the burning ferry Morwenna on Tuesday night, according to a "
    "count by the coast guard.\n\nThe coast guard said the fire started in the engine room and "
    "was put out by the crew within 40 minutes. Pellan Island residents will be offered a free "
    "bus-and-boat connection until the service resumes, the island council said."
)


@dataclass
class Tally:
    """Page loads, clicks and the slowest page, per role."""

    loads: Counter = field(default_factory=Counter)
    clicks: Counter = field(default_factory=Counter)
    slowest: dict[str, tuple[float, str]] = field(default_factory=dict)

    def timed(self, role: str, page, action) -> None:
        started = time.monotonic()
        action()
        page.wait_for_load_state()
        elapsed = time.monotonic() - started
        if elapsed > self.slowest.get(role, (0.0, ""))[0]:
            self.slowest[role] = (elapsed, page.url)

    def goto(self, role: str, page, url: str) -> None:
        self.timed(role, page, lambda: page.goto(url))

    def click(self, role: str, page, locator) -> None:
        self.clicks[role] += 1
        self.timed(role, page, locator.click)


def open_as(browser_page, tally: Tally, role: str):
    """A new browser context for ``role``, counting its top-level page loads."""
    page = browser_page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    page = page.new_page()
    page.set_default_timeout(20_000)
    page.on(
        "framenavigated",
        lambda frame: tally.loads.update([role]) if frame == page.main_frame else None,
    )
    return page


def log_in(tally: Tally, role: str, page, base: str, username: str, then: str) -> None:
    tally.goto(role, page, f"{base}/admin/login/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests")
    tally.click(role, page, page.locator("input[type=submit]"))


def test_the_whole_job_on_a_fresh_story(live_server, browser_page, staff, demo, settings, capsys):
    settings.NEWSROOM_SITE_URL = live_server.url
    base = live_server.url
    tally = Tally()

    # Editor: a story, two pasted sources, one click to draft.
    editor = open_as(browser_page, tally, "editor")
    log_in(tally, "editor", editor, base, "editor", "/admin/sources/story/add/")
    editor.fill("#id_title", "Morwenna ferry fire")
    tally.click("editor", editor, editor.locator("input[name=_save]"))
    assert "/admin/sources/story/" in editor.url and editor.url.endswith("/change/")
    for title, outlet, text in (
        ("Ferry fire forces evacuation", "Westhaven Harbour Authority", HARBOUR),
        ("Passengers flee burning Morwenna", "Pellan Island Gazette", GAZETTE),
    ):
        paste = editor.locator("form[action$='/admin/sources/source/add/']")
        paste.locator("[name=title]").fill(title)
        paste.locator("[name=outlet]").fill(outlet)
        paste.locator("[name=text]").fill(text)
        tally.click("editor", editor, paste.locator("[type=submit]"))
        assert editor.url.endswith("/change/") and "Added" in editor.inner_text(".messagelist")
    draft = editor.locator("form[action*='/from-story/'] [type=submit]")
    tally.click("editor", editor, draft)
    article = Article.objects.get(story__title="Morwenna ferry fire")
    assert editor.url.endswith(f"/admin/articles/article/{article.pk}/change/")
    article.refresh_from_db()
    assert article.headline and article.body, "the draft was applied"
    editor.locator("form[action$='/act/'] >> text=Send to fact-check").click()
    editor.wait_for_load_state()
    tally.clicks["editor"] += 1

    # Fact-checker: the flags beside the text in the article form, resolved in place, then
    # approval requested.
    flags = list(article.flags.filter(status=Flag.Status.OPEN))
    assert any(f.kind == "sources_disagree" for f in flags), [f.kind for f in flags]
    checker = open_as(browser_page, tally, "factchecker")
    change = f"/admin/articles/article/{article.pk}/change/"
    log_in(tally, "factchecker", checker, base, "factchecker", change)
    for done, item in enumerate(checker.locator("#nr-flags-in-place details.nr-flag").all()):
        item.locator("summary").click()
        form = item.locator("form.nr-resolve")
        form.locator("select[name=resolution]").select_option("confirmed")
        form.locator("textarea[name=note]").fill("Both figures are attributed in the copy.")
        form.locator("[type=submit]").click()
        tally.clicks["factchecker"] += 1
        checker.wait_for_selector(f".nr-resolved-note >> nth={done}")  # this one answered
    assert not article.flags.filter(status=Flag.Status.OPEN).exists()
    send = checker.locator("form[action$='/act/'] >> text=Send for approval")
    tally.click("factchecker", checker, send)
    article.refresh_from_db()
    assert article.status == Article.Status.AWAITING_APPROVAL, article.status

    # Managing editor: approve and publish.
    managing = open_as(browser_page, tally, "managing")
    log_in(tally, "managing", managing, base, "managing", change)
    publish = managing.locator("form[action$='/act/'] >> text=Approve and publish")
    tally.click("managing", managing, publish)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    happy = sum(tally.loads.values())  # story to published

    # Reader: the public page, and an error report.
    reader = open_as(browser_page, tally, "reader")
    tally.goto("reader", reader, base + article.get_absolute_url())
    page_text = reader.inner_text("body")
    for part in ("Written by", "Reviewed by", "Sources", "Westhaven Harbour Authority"):
        assert part in page_text, part
    tally.click("reader", reader, reader.locator("text=Report an error"))
    reader.fill("textarea[name=message]", "The ferry was built in 2008, not 2009.")
    tally.click("reader", reader, reader.locator("form:has(textarea[name=message]) [type=submit]"))
    report = ErrorReport.objects.get(article=article)

    # Moderator: accept the report from the queue.
    moderator = open_as(browser_page, tally, "moderator")
    log_in(tally, "moderator", moderator, base, "moderator", "/admin/queue/")
    tally.click("moderator", moderator, moderator.locator(f"a[href*='/errorreport/{report.pk}/']"))
    triage = moderator.locator("form[action$='/triage/']")
    triage.locator("textarea, input[type=text]").first.fill("Plausible; the editor will check.")
    tally.click("moderator", moderator, triage.locator("text=Accept"))

    # Managing editor: a correction that settles the report.
    tally.goto("managing", managing, f"{base}/admin/articles/article/{article.pk}/correct/")
    form = managing.locator("#content form").first
    form.locator("select[name=report]").select_option(str(report.pk))
    form.locator("textarea[name=note]").fill("An earlier version gave the wrong building year.")
    tally.click("managing", managing, form.locator("[type=submit]"))
    report.refresh_from_db()
    assert report.correction_id is not None
    tally.goto("reader", reader, base + article.get_absolute_url())
    tally.timed("reader", reader, reader.reload)  # a reload revalidates the browser's copy
    assert "An earlier version gave the wrong building year." in reader.inner_text("body")

    with capsys.disabled():
        print("\nThe whole job on a fresh story (page loads / clicks / slowest page):")
        for role in ("editor", "factchecker", "managing", "reader", "moderator"):
            seconds, url = tally.slowest.get(role, (0.0, ""))
            print(
                f"  {role:<12} {tally.loads[role]:>3} loads {tally.clicks[role]:>3} clicks  "
                f"slowest {seconds:.2f}s {url.removeprefix(base)}"
            )
        print(f"  happy path (story to published): {happy} page loads")
    assert happy <= 15, dict(tally.loads)
