"""The public pages: article, home, sections, author pages, search; markup rules on all of them."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import AIAuthor, Article, Section
from sources.models import Source, Story
from tests.public_data import (
    add_correction,
    check_markup,
    editor_path,
    make_article,
    make_source,
    make_user,
)

pytestmark = pytest.mark.django_db


def get_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_article_page_shows_authorship_sources_and_disclaimer(client, demo):
    article = demo.published
    html = get_html(client, article.get_absolute_url())
    check_markup(html)
    text = text_of(html)
    assert '<p class="section-label"><a href="/section/local/">Local</a></p>' in html
    assert f'<h1 id="headline">{article.headline}</h1>' in html.replace("&#x27;", "'")
    assert article.dek in text
    assert "Written by Ledgerline AI" in text
    assert "Reviewed by Maya Lindqvist and Farid Osei" in text
    assert f'<a href="{editor_path("managing")}">Maya Lindqvist</a>' in html
    assert f'<a href="{editor_path("factchecker")}">Farid Osei</a>' in html
    published = '<time datetime="2026-11-19T15:00:00+00:00">November 19, 2026, 15:00 UTC</time>'
    assert f"Published {published}" in html
    assert "Updated" not in text
    # The body's key-facts table and list, through the sanitiser.
    assert '<table class="key-facts">' in html and "<li>Work is scheduled" in html
    # Sources: outlet, linked title, date, in the drafter's citation order (newest first).
    sources = re.findall(r'<li id="source-(\d)"><span class="outlet">([^<]+)</span>', html)
    assert sources == [
        ("1", "Riverside Radio 4"),
        ("2", "Valley Courier"),
        ("3", "Lakemont Ledger"),
    ]
    assert (
        '<a href="https://ledger.example/news/old-mill-bridge-repair" rel="external noopener">'
        "Council approves $4.2 million repair of Old Mill Bridge</a>, "
        '<time datetime="2026-11-18T19:30:00+00:00">November 18, 2026</time>'
    ) in html
    # Disclaimer above the sources it mentions; author box with the initial disc.
    assert html.index('class="disclaimer"') < html.index('id="sources-h"')
    assert "double-check any fact you intend to rely on" in text
    assert '<span class="avatar" aria-hidden="true">L</span>' in html
    assert "Ledgerline is the newsroom" in text and "AI author" in text
    assert f'<a href="/report/{demo.published.pk}/">Report an error</a>' in html


def test_body_goes_through_the_one_html_policy(client, demo):
    Article.objects.filter(pk=demo.published.pk).update(
        body='<p onclick="x()" style="color:red">Safe <script>alert(1)</script>text</p>'
        '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">link</a>'
    )
    html = get_html(client, demo.published.get_absolute_url())
    check_markup(html)  # no script, no handler, no inline style survived
    assert "javascript:" not in html and "<img" not in html
    assert "<p>Safe alert(1)text</p>" in html


HOSTILE_BODY = '<p onclick="x()">Kept <script>alert(1)</script>text</p><img src=x onerror=y>'


def test_bodies_are_cleaned_once_on_write_and_shown_without_cleaning_again(
    client, demo, staff, monkeypatch
):
    from articles import editing
    from newsroom import sanitize

    article = editing.save_article(
        demo.published, staff["editor"], expected_version=demo.published.version,
        body=HOSTILE_BODY,
    )  # fmt: skip
    assert article.body == "<p>Kept alert(1)text</p>"
    assert article.body_digest == sanitize.cleaned_digest(article.body)
    calls = []
    real = sanitize.clean_html
    monkeypatch.setattr(sanitize, "clean_html", lambda html: calls.append(html) or real(html))
    html = get_html(client, article.get_absolute_url())
    assert '<div class="article-body"><p>Kept alert(1)text</p></div>' in html
    assert calls == []


def test_a_body_changed_around_the_service_is_cleaned_when_shown(client, demo):
    """The seal covers the text: a body written without ``editing.clean_body`` (a queryset
    update, a fixture, a policy change) no longer matches it and is cleaned on the way out."""
    assert demo.published.body_digest
    Article.objects.filter(pk=demo.published.pk).update(body=HOSTILE_BODY)
    html = get_html(client, demo.published.get_absolute_url())
    check_markup(html)
    assert '<div class="article-body"><p>Kept alert(1)text</p></div>' in html


def test_the_migration_cleans_and_seals_stored_bodies(demo):
    import importlib

    from django.apps import apps

    from newsroom import sanitize

    Article.objects.filter(pk=demo.published.pk).update(body=HOSTILE_BODY, body_digest="")
    migration = importlib.import_module("articles.migrations.0006_body_digest")
    migration.clean_bodies(apps, None)
    stored = Article.objects.get(pk=demo.published.pk)
    assert stored.body == "<p>Kept alert(1)text</p>"
    assert stored.body_digest == sanitize.cleaned_digest(stored.body)


def test_correction_note_and_updated_date_come_from_the_data(client, demo):
    article = demo.published
    corrected_at = article.published_at + timedelta(days=2, hours=3)
    add_correction(article, "An earlier version gave the wrong vote count.")
    Article.objects.filter(pk=article.pk).update(content_updated_at=corrected_at)
    html = get_html(client, article.get_absolute_url())
    check_markup(html)
    assert (
        '· Updated <time datetime="2026-11-21T18:00:00+00:00">November 21, 2026, 18:00 UTC</time>'
    ) in html
    assert 'Published <time datetime="2026-11-19T15:00:00+00:00">' in html
    assert "Corrections and updates" in html
    assert "An earlier version gave the wrong vote count." in html


def test_updated_date_never_precedes_published(client, demo):
    article = demo.published
    Article.objects.filter(pk=article.pk).update(
        content_updated_at=article.published_at - timedelta(days=1)
    )
    assert "Updated" not in text_of(get_html(client, article.get_absolute_url()))


def test_syndicated_copies_are_listed_and_marked(client, demo):
    article = demo.published
    ledger = Source.objects.get(outlet="Lakemont Ledger")
    copy = make_source(
        title="Council backs bridge repair", outlet="Wire Service", duplicate_of=ledger
    )
    outside = make_source(title="Original elsewhere", outlet="Far Gazette")
    copy_of_outside = make_source(title="Copy", outlet="Echo", duplicate_of=outside)
    article.sources.add(copy, copy_of_outside)
    html = get_html(client, article.get_absolute_url())
    text = text_of(html)
    assert re.findall(r'<li id="source-(\d)">', html) == ["1", "2", "3", "4", "5"]
    assert (
        "syndicated copy of "
        '<a href="#source-3">[3]</a> Lakemont Ledger: “Council approves $4.2 million repair'
    ) in html
    assert "syndicated copy of Far Gazette: “Original elsewhere”" in text
    assert html.index("Wire Service") > html.index("Lakemont Ledger</span>")


def test_avatar_image_with_alt_text(client, demo):
    AIAuthor.objects.filter(slug="ledgerline").update(avatar="authors/ledgerline.png")
    html = get_html(client, demo.published.get_absolute_url())
    check_markup(html)
    assert (
        '<img class="avatar" src="/media/authors/ledgerline.png" '
        'alt="Ledgerline&#x27;s avatar: a stylised open notebook"'
    ) in html
    assert 'property="og:image" content="http://testserver/media/authors/ledgerline.png"' in (html)


def test_related_articles_same_story_first_then_section_max_four(client, demo):
    article = demo.published
    local, transport = Section.objects.get(slug="local"), Section.objects.get(slug="transport")
    other_story = Story.objects.create(title="Another story")
    make_article(section=transport, story=article.story, headline="Same story")
    section_only = [
        make_article(section=local, story=other_story, headline=f"Local item {i}") for i in range(4)
    ]
    make_article(section=transport, headline="Unrelated transport item")
    make_article(section=local, story=article.story, status="editing", headline="Draft twin")
    html = get_html(client, article.get_absolute_url())
    related = html[html.index('id="related-h"') :]
    titles = re.findall(r'class="teaser-title"><a href="[^"]+">([^<]+)</a>', related)
    assert titles == ["Same story", *[a.headline for a in section_only][:3]]
    assert article.headline not in titles and "Draft twin" not in html


def test_home_latest_and_by_section(client, demo):
    transport = Section.objects.get(slug="transport")
    newest = make_article(section=transport, headline="Buses return to route 6")
    html = get_html(client, "/")
    check_markup(html)
    latest = html[: html.index("by-section")]
    assert latest.index(newest.headline) < latest.index(demo.published.headline)
    by_section = html[html.index("by-section") :]
    assert by_section.index('id="section-local-h"') < by_section.index('id="section-transport-h"')
    assert "section-breaking-h" not in html  # no published article there
    assert demo.draft.headline not in html


def test_home_is_paginated_and_bad_pages_are_404(client, demo):
    for i in range(21):
        make_article(headline=f"Filler {i}")
    first = get_html(client, "/")
    assert 'rel="next" href="?page=2"' in first and "Page 1 of 2" in first
    second = get_html(client, "/?page=2")
    assert "Page 2 of 2" in second and 'rel="prev" href="?page=1"' in second
    assert "by-section" not in second
    assert client.get("/?page=3").status_code == 404
    assert client.get("/?page=abc").status_code == 404


def test_section_page(client, demo):
    make_article(section=Section.objects.get(slug="transport"), headline="Transport only")
    html = get_html(client, "/section/local/")
    check_markup(html)
    assert '<h1 class="page-title">Local</h1>' in html
    assert demo.published.headline in html and "Transport only" not in html
    assert 'href="/section/local/rss.xml"' in html and 'href="/section/local/atom.xml"' in html
    assert client.get("/section/nowhere/").status_code == 404


def test_ai_author_page(client, demo):
    html = get_html(client, "/authors/ai/ledgerline/")
    check_markup(html)
    assert '<h1 class="page-title">Ledgerline</h1>' in html
    assert "software, not a person" in html and demo.published.headline in html
    assert demo.draft.headline not in html
    AIAuthor.objects.create(name="Quiet", slug="quiet", bio="-", disclaimer="-")
    assert client.get("/authors/ai/quiet/").status_code == 404
    assert client.get("/authors/ai/nobody/").status_code == 404


def test_editor_pages_only_for_reviewers_of_published_articles(client, demo):
    html = get_html(client, editor_path("managing"))
    check_markup(html)
    assert '<h1 class="page-title">Maya Lindqvist</h1>' in html
    assert demo.published.headline in html and "Articles reviewed" in html
    assert "managing@" not in html  # no e-mail address leaks
    assert client.get(editor_path("editor")).status_code == 404  # reviewed nothing published
    assert client.get("/authors/no-such-user/").status_code == 404
    assert client.get("/authors/managing/").status_code == 404  # no page at a login name
    wrong_name = editor_path("managing").replace("maya", "mara")
    assert client.get(wrong_name).status_code == 404
    odd = make_user("ann.lee+news@x", "Ann", "Lee")
    make_article(editors=[odd], headline="Reviewed by Ann")
    assert "Reviewed by Ann" in get_html(client, editor_path("ann.lee+news@x"))
    assert "ann.lee" not in get_html(client, "/")


def test_search_finds_published_articles_only(client, demo):
    html = get_html(client, "/search/?q=bridge")
    check_markup(html)
    assert "1 result for “bridge”" in html and demo.published.headline in html
    assert demo.draft.headline not in html
    assert demo.published.headline in get_html(client, "/search/?q=Fenwick")  # body text
    assert "0 results" in get_html(client, "/search/?q=zeppelin")
    empty = get_html(client, "/search/")
    assert "result" not in text_of(empty[empty.index("<main") :])
    assert client.get("/search/?q=bridge").headers["X-Robots-Tag"] == "noindex"


def test_search_pagination_keeps_the_query(client, demo):
    for i in range(21):
        make_article(headline=f"Ferry timetable change {i}")
    html = get_html(client, "/search/?q=ferry+timetable")
    assert "21 results" in html
    assert 'href="?q=ferry%20timetable&amp;page=2"' in html
    assert "Page 2 of 2" in get_html(client, "/search/?q=ferry+timetable&page=2")


def test_not_found_page_is_friendly_and_accessible(client, demo):
    response = client.get("/local/no-such-article/")
    assert response.status_code == 404
    html = response.content.decode()
    check_markup(html)
    assert "Page not found" in html


def test_section_lists_newest_first(client, demo):
    older = make_article(headline="Older", published_at=timezone.now() - timedelta(days=30))
    html = get_html(client, "/section/local/")
    assert html.index(demo.published.headline) < html.index(older.headline)


@pytest.mark.postgres_only
def test_postgres_search_ranks_headline_matches_first_and_stems(client, demo):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search: runs in the PostgreSQL suite")
    body_only = make_article(headline="Council news", body="<p>The ferries were late.</p>")
    in_headline = make_article(headline="Ferry services cut", body="<p>Fewer boats.</p>")
    html = get_html(client, "/search/?q=ferry")  # stemming: 'ferries' matches 'ferry'
    assert "2 results" in html
    assert html.index(in_headline.headline) < html.index(body_only.headline)
    assert "0 results" in get_html(client, "/search/?q=ferry+-boats+-late")


def test_cleaned_bodies_are_cached_by_content(monkeypatch):
    from articles.templatetags import newsroom as tags
    from newsroom import sanitize

    calls = []
    real = sanitize.clean_html
    monkeypatch.setattr(sanitize, "clean_html", lambda html: calls.append(html) or real(html))
    assert tags.sanitized('<p onclick="x()">Hi</p>') == "<p>Hi</p>"
    assert tags.sanitized('<p onclick="x()">Hi</p>') == "<p>Hi</p>"
    assert tags.sanitized("<p>Other</p>") == "<p>Other</p>"
    assert len(calls) == 2
