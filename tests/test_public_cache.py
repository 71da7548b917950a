"""Speed: the page cache and its invalidation, conditional GET, and constant query counts."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from articles import cache as page_cache
from articles.models import Article, Section
from sources.models import Source
from tests.public_data import (
    add_correction,
    make_article,
    make_source,
    make_user,
)

pytestmark = pytest.mark.django_db

CACHED_URLS = [
    "/",
    "/section/local/",
    "/authors/ai/ledgerline/",
    "/authors/managing/",
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/section/local/rss.xml",
    "/section/local/atom.xml",
    "/sitemap.xml",
]


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_cached_pages_run_no_queries(client, demo, django_assert_num_queries):
    urls = [demo.published.get_absolute_url(), *CACHED_URLS, "/news-sitemap.xml"]
    for url in urls:
        body(client, url)
    with django_assert_num_queries(0):
        for url in urls:
            body(client, url)


def test_invalidate_article_refreshes_every_public_page(client, demo):
    article = demo.published
    old_url = article.get_absolute_url()
    urls = [old_url, *CACHED_URLS]
    for url in urls:
        assert article.slug in body(client, url), url
    Article.objects.filter(pk=article.pk).update(headline="Repair approved", slug="repair-approved")
    for url in urls:  # a queryset update sends no signal: every page is still the cached one
        assert article.slug in body(client, url), url
    page_cache.invalidate_article(article)
    assert client.get(old_url).status_code == 404
    for url in ["/local/repair-approved/", *CACHED_URLS]:
        html = body(client, url)
        assert "repair-approved" in html and article.slug not in html, url
        if not url.startswith("/sitemap"):
            assert "Repair approved" in html, url


def test_correction_invalidation_updates_the_article_page(client, demo):
    article = demo.published
    url = article.get_absolute_url()
    first = client.get(url)
    add_correction(article, "The vote was 7-2.")
    Article.objects.filter(pk=article.pk).update(content_updated_at=timezone.now())
    page_cache.invalidate_article(article)
    second = client.get(url)
    assert "The vote was 7-2." in second.content.decode()
    assert second["ETag"] != first["ETag"]


def test_publishing_shows_up_after_invalidation(client, demo):
    html = body(client, "/")
    assert demo.draft.headline not in html
    Article.objects.filter(pk=demo.draft.pk).update(status="published", published_at=timezone.now())
    page_cache.invalidate_article(demo.draft)
    assert demo.draft.headline in body(client, "/")
    assert body(client, f"/transport/{demo.draft.slug}/")


def test_generation_is_never_reused_after_the_cache_loses_it(client, demo):
    before = page_cache.generation()
    page_cache.invalidate_article()
    after = page_cache.generation()
    assert after > before
    cache.delete(page_cache.GENERATION_KEY)
    assert page_cache.generation() > after


def test_cache_can_be_disabled(client, demo, settings):
    settings.NEWSROOM_PUBLIC_CACHE_SECONDS = 0
    url = demo.published.get_absolute_url()
    body(client, url)
    Article.objects.filter(pk=demo.published.pk).update(headline="Uncached headline")
    assert "Uncached headline" in body(client, url)


def test_junk_query_parameters_share_the_cache_entry(client, demo, django_assert_num_queries):
    body(client, "/")
    with django_assert_num_queries(0):
        body(client, "/?utm_source=x")
        body(client, "/?page=1")


def test_conditional_get_on_article_pages(client, demo):
    url = demo.published.get_absolute_url()
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"stale"'}).status_code == 200
    page_cache.invalidate_article(demo.published)  # re-rendered, same content: same ETag
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_conditional_get_on_feeds_and_sitemaps(client, demo):
    for url in ("/feeds/rss.xml", "/sitemap.xml", "/"):
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304, url


def test_changes_to_published_content_invalidate(
    demo, staff, admin_client, django_capture_on_commit_callbacks
):
    from articles import editing, moderation

    start = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        editing.save_article(
            demo.draft,
            staff["editor"],
            expected_version=demo.draft.version,
            headline="Still a draft",
        )
    assert page_cache.generation() == start
    with django_capture_on_commit_callbacks(execute=True):
        editing.save_article(
            demo.published,
            staff["managing"],
            expected_version=demo.published.version,
            disclaimer="AI wrote it.",
        )
    assert page_cache.generation() > start
    start = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.add_correction(demo.published, staff["managing"], "Fixed.")
    assert page_cache.generation() > start
    start = page_cache.generation()
    section = Section.objects.get(slug="local")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/articles/section/{section.pk}/change/",
            {"name": "Local news", "slug": "local", "position": 1},
        )
    assert page_cache.generation() > start


def big_article(demo, *, sources: int, editors: int, corrections: int, related: int) -> Article:
    article = demo.published
    originals = [make_source() for _ in range(sources)]
    copies = [make_source(duplicate_of=originals[i]) for i in range(0, sources, 3)]
    article.sources.add(*originals, *copies)
    article.editors.add(*[make_user(f"ed{i}", "Ed", f"Number{i}") for i in range(editors)])
    for i in range(corrections):
        add_correction(article, f"Correction {i}.")
    section = Section.objects.get(slug="local")
    for i in range(related):
        make_article(section=section, story=article.story if i % 2 else None, headline=f"R {i}")
    return article


def count_queries(client, url: str, django_assert_max_num_queries) -> int:
    cache.clear()
    with django_assert_max_num_queries(6) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_article_page_query_count_is_constant(client, demo, django_assert_max_num_queries):
    url = demo.published.get_absolute_url()
    small = count_queries(client, url, django_assert_max_num_queries)
    big_article(demo, sources=30, editors=8, corrections=12, related=10)
    assert Source.objects.count() > 30
    large = count_queries(client, url, django_assert_max_num_queries)
    assert small == large <= 6
    html = client.get(url).content.decode()
    assert html.count('<li id="source-') == 3 + 30 + 10
    assert "Correction 11." in html and "Number7" in html


def test_responses_that_set_cookies_are_not_shared(rf, demo):
    calls = []

    @page_cache.cache_public
    def view(request):
        calls.append(1)
        response = HttpResponse("personal")
        response.set_cookie("session", "x")
        return response

    view(rf.get("/personal/"))
    view(rf.get("/personal/"))
    assert len(calls) == 2
