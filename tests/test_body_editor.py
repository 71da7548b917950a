"""The article body's rich-text editor: the change form renders it CSP-safe, and whatever HTML it
(or anyone posting the form) sends is stored only as the one sanitising policy leaves it."""

import re

import pytest

from articles import editing
from newsroom.sanitize import clean_html
from tests.test_admin_articles import change_url, form_data

pytestmark = pytest.mark.django_db

CITE = '<sup class="cite"><a href="#source-1" title="Gazette: Bridge">[1]</a></sup>'
EDITED = (
    '<section class="draft-section"><h2>What happened</h2>'
    f'<p class="lead">The bridge <strong>reopened</strong> on Monday. {CITE}</p>'
    '<p onclick="alert(1)">Injected <script>alert(2)</script><img src=x onerror=alert(3)>text.</p>'
    '<p><a href="javascript:alert(4)">bad link</a> and <a href="https://example.org/">good</a></p>'
    "</section>"
    '<table class="key-facts"><tbody><tr><th scope="row">Cost</th>'
    f"<td>£2m {CITE}</td></tr></tbody></table>"
)


def test_change_form_renders_the_editor_without_inline_script(client, staff, demo):
    client.force_login(staff["editor"])
    response = client.get(change_url(demo.draft))
    page = response.content.decode()
    assert "data-django-prose-editor-newsroom" in page
    assert '<script src="/static/articles/body_editor.js" type="module">' in page
    assert "&quot;Citation&quot;:true" in page
    # No inline scripts (an import map would be one): every <script> has a src.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("who", ["editor", "managing", "admin"])
def test_body_edited_in_the_editor_is_stored_sanitised_with_citations(client, staff, demo, who):
    article = demo.draft
    client.force_login(staff[who])
    response = client.post(change_url(article), form_data(article, body=EDITED))
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.body == clean_html(EDITED)
    for bad in ("onclick", "<script", "onerror", "<img", "javascript:"):
        assert bad not in article.body
    assert article.body.count(CITE) == 2
    assert '<table class="key-facts">' in article.body
    assert "<strong>reopened</strong>" in article.body
    assert article.revisions.filter(reason="edit", created_by=staff[who]).exists()


def test_editor_that_loaded_an_old_version_still_gets_the_conflict_page(client, staff, demo):
    article = demo.draft
    stale = form_data(article, body=EDITED)
    editing.save_article(
        article, staff["managing"], expected_version=article.version, body="<p>First.</p>"
    )
    client.force_login(staff["editor"])
    response = client.post(change_url(article), stale)
    assert response.status_code == 409
    article.refresh_from_db()
    assert article.body == "<p>First.</p>"


def test_form_sent_back_with_errors_gives_the_editor_only_cleaned_html(client, staff, demo):
    """The editor parses its textarea in the live page: a re-rendered form must not carry the
    raw HTML that was posted."""
    article = demo.draft
    client.force_login(staff["editor"])
    too_long = form_data(article, headline="x" * 5000, body=EDITED)
    response = client.post(change_url(article), too_long)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ensure this value has at most" in page
    start = page.index('<textarea name="body"')
    textarea = page[start : page.index("</textarea>", start)]
    for bad in ("onclick", "&lt;script", "onerror", "&lt;img", "javascript:"):
        assert bad not in textarea
    assert "&lt;strong&gt;reopened&lt;/strong&gt;" in textarea
