"""The body editor in headless Chromium: it starts under the CSP, an editor types into it and
saves, and a citation chip survives a Backspace next to it."""

import os

import pytest

from articles import editing
from tests.browser import ARTIFACTS
from tests.test_editor_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("NEWSROOM_TEST_BROWSER") == "0",
        reason="Chromium not available (NEWSROOM_TEST_BROWSER=0): browser tests skipped",
    ),
]

LINKED = '<sup class="cite"><a href="#source-2" title="Gazette: Bridge">[2]</a></sup>'
FACTS = (
    '<table class="key-facts"><caption>Key facts</caption>'
    '<thead><tr><th scope="col">Fact</th><th scope="col">Detail</th></tr></thead><tbody>'
    f'<tr><th scope="row">Cost</th><td>$4.2 million {LINKED}</td></tr></tbody></table>'
)


def test_typing_saving_and_backspace_next_to_a_citation_chip(
    live_server, browser_page, staff, demo
):
    page, base = browser_page, live_server.url
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
    )
    article = editing.save_article(
        demo.draft, staff["editor"], expected_version=demo.draft.version,
        body=demo.draft.body + f"<p>The council approved it. {LINKED}</p>{FACTS}",
    )  # fmt: skip
    cites = article.body.count('<sup class="cite">')
    assert cites
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector(".prose-editor .tiptap")
    chips = page.locator(".prose-editor .tiptap .nr-cite-chip")
    assert chips.count() == cites

    chips.first.click()  # selects the chip
    page.keyboard.press("ArrowRight")  # the caret just after it
    page.keyboard.press("Backspace")  # selects the chip, deletes nothing
    assert chips.count() == cites
    page.keyboard.press("ArrowRight")
    page.keyboard.type(" Typed in the browser.")
    assert chips.count() == cites
    page.click("button[title='cite a source']")  # a new citation, after the typed text
    page.locator("dialog input").first.fill("3")
    page.click("dialog button[type=submit]")
    assert chips.count() == cites + 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "body-editor.png"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")

    article.refresh_from_db()
    assert "Typed in the browser." in article.body
    assert article.body.count('<sup class="cite">') == cites + 1
    new_cite = '<sup class="cite"><a href="#source-3">[3]</a></sup>'
    assert f"Typed in the browser.{new_cite}" in article.body
    assert '<sup class="cite">[1]</sup>' in article.body and LINKED in article.body
    assert '<table class="key-facts"><caption>Key facts</caption>' in article.body
    assert f'<th scope="row"><p>Cost</p></th><td><p>$4.2 million {LINKED}</p></td>' in article.body
    assert "Key facts</p>" not in article.body  # the caption did not become a row
    assert problems == []


def test_go_to_the_sentence_from_a_flag_highlights_it(live_server, browser_page, staff, demo):
    page, base = browser_page, live_server.url
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    flag = demo.draft.flags.get(status="open")
    assert flag.claim_id
    log_in(page, base, "factchecker")
    for where in ("review/", "change/"):
        page.goto(f"{base}/admin/articles/article/{demo.draft.pk}/{where}")
        page.click(f"a.nr-goto[href='#claim-{flag.claim_id}']")
        page.wait_for_function("document.querySelector(':target') !== null")
        target = page.locator(":target")
        assert target.get_attribute("id") == f"claim-{flag.claim_id}"
        assert flag.claim.text in target.inner_text()
        assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.screenshot(path=str(ARTIFACTS / "flags-in-place.png"), full_page=True)
    assert problems == []
