"""Speed: the page cache and its invalidation, conditional GET, and constant query counts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import cache as page_cache
from articles.middleware import PublicPageCacheMiddleware
from articles.models import Article, Section
from sources.models import Source
from tests.public_data import (
    add_correction,
    editor_path,
    make_article,
    make_source,
    make_user,
)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

CACHED_URLS = [
    "/",
    "/section/local/",
    "/authors/ai/ledgerline/",
    "{managing}",  # the reviewer's page: see pages()
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/section/local/rss.xml",
    "/section/local/atom.xml",
    "/sitemap.xml",
]


def pages(urls: list[str]) -> list[str]:
    """``urls`` with the reviewer's page, whose address holds the user's number, filled in."""
    return [editor_path("managing") if url == "{managing}" else url for url in urls]


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_cached_pages_run_no_queries(client, demo, django_assert_num_queries):
    urls = [demo.published.get_absolute_url(), *pages(CACHED_URLS), "/news-sitemap.xml"]
    for url in urls:
        body(client, url)
    with django_assert_num_queries(0):
        for url in urls:
            body(client, url)


def test_invalidate_article_refreshes_every_public_page(client, demo):
    article = demo.published
    old_url = article.get_absolute_url()
    urls = [old_url, *pages(CACHED_URLS)]
    for url in urls:
        assert article.slug in body(client, url), url
    Article.objects.filter(pk=article.pk).update(headline="Repair approved", slug="repair-approved")
    for url in urls:  # a queryset update sends no signal: every page is still the cached one
        assert article.slug in body(client, url), url
    page_cache.invalidate_article(article)
    assert client.get(old_url).status_code == 404
    for url in ["/local/repair-approved/", *pages(CACHED_URLS)]:
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
            assignee=staff["managing"],
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


def count_queries(client, url: str) -> int:
    """Queries for an uncached render of ``url`` with every cache empty."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_article_page_query_count_is_constant(client, demo):
    """The article, the story's related articles, and (cached for the generation, so once per
    section) the section's newest and the navigation; when the article's own part is rendered
    and stored (``articles.pages``), also whether a human edited it, its editors, sources and
    corrections, and the store."""
    url = demo.published.get_absolute_url()
    small, small_stored = count_queries(client, url), count_queries(client, url)
    big_article(demo, sources=30, editors=8, corrections=12, related=10)
    assert Source.objects.count() > 30
    large, large_stored = count_queries(client, url), count_queries(client, url)
    assert small == large == 9
    assert small_stored == large_stored == 4
    html = client.get(url).content.decode()
    assert html.count('<li id="source-') == 3 + 30 + 10
    assert "Correction 11." in html and "Number7" in html


def through_middleware(view):
    return PublicPageCacheMiddleware(view)


def test_responses_that_set_cookies_are_not_shared(rf, demo):
    calls = []

    @page_cache.cache_public
    def view(request):
        calls.append(1)
        response = HttpResponse("personal")
        response.set_cookie("session", "x")
        return response

    handler = through_middleware(view)
    handler(rf.get("/personal/"))
    handler(rf.get("/personal/"))
    assert len(calls) == 2


def test_unmarked_views_are_never_cached(rf):
    calls = []

    def view(request):
        calls.append(1)
        return HttpResponse("not a public page")

    handler = through_middleware(view)
    handler(rf.get("/other/"))
    response = handler(rf.get("/other/"))
    assert len(calls) == 2 and not response.has_header("ETag")


def test_a_hit_runs_nothing_below_the_middleware(rf):
    """Sessions, auth, CSRF, the view and the database are below it: a hit reaches none."""
    calls = []

    @page_cache.cache_public
    def view(request):
        calls.append(request.method)
        response = HttpResponse("<p>public</p>")
        response["Content-Security-Policy"] = "default-src 'self'"
        response["Last-Modified"] = "Wed, 02 Dec 2026 10:00:00 GMT"
        return response

    handler = through_middleware(view)
    first = handler(rf.get("/page/"))
    for request in (rf.get("/page/"), rf.head("/page/"), rf.get("/page/?utm_source=x")):
        hit = handler(request)
        assert hit.status_code == 200 and hit.content == b"<p>public</p>"
        assert hit["ETag"] == first["ETag"]
        assert hit["Content-Security-Policy"] == "default-src 'self'"
        assert hit["Last-Modified"] == "Wed, 02 Dec 2026 10:00:00 GMT"
    assert calls == ["GET"]
    assert handler(rf.get("/page/", headers={"if-none-match": first["ETag"]})).status_code == 304
    assert calls == ["GET"]


def test_requests_with_a_session_cookie_or_credentials_are_never_served_from_cache(rf):
    calls = []

    @page_cache.cache_public
    def view(request):
        calls.append(1)
        return HttpResponse(f"render {len(calls)}")

    handler = through_middleware(view)
    handler(rf.get("/page/"))  # stored
    session = rf.get("/page/")
    session.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert handler(session).content == b"render 2"
    authorised = rf.get("/page/", headers={"authorization": "Basic eDp5"})
    assert handler(authorised).content == b"render 3"
    assert handler(rf.get("/page/")).content == b"render 1"  # theirs were not stored either
    assert handler(rf.post("/page/")).content == b"render 4"


def test_a_page_rendered_during_a_publish_is_not_stored_as_current(rf):
    """The view read the old data, then a publish moved the generation on: what it rendered
    must not be served as the new generation's page."""
    calls = []

    @page_cache.cache_public
    def view(request):
        calls.append(1)
        page_cache.invalidate_article()  # another process publishes mid-render
        return HttpResponse("old data")

    handler = through_middleware(view)
    handler(rf.get("/page/"))
    handler(rf.get("/page/"))
    assert len(calls) == 2


def test_logged_in_readers_see_the_current_page_not_the_cached_one(client, admin_client, demo):
    url = demo.published.get_absolute_url()
    assert demo.published.headline in body(client, url)
    Article.objects.filter(pk=demo.published.pk).update(headline="Fresh for editors")
    assert "Fresh for editors" in body(admin_client, url)
    assert "Fresh for editors" not in body(client, url)  # anonymous: the cached page


def test_hits_keep_the_security_headers_and_proxy_cache_headers(client, demo):
    url = demo.published.get_absolute_url()
    miss, hit = client.get(url), client.get(url)
    for name in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Type",
        "Last-Modified",
    ):
        assert hit[name] == miss[name], name
    assert not hit.cookies
    control = hit["Cache-Control"]
    assert "public" in control and "s-maxage=60" in control
    assert "stale-while-revalidate=300" in control


def test_an_invalidation_in_another_process_reaches_this_one(client, demo):
    """Without Redis the page cache is the file cache every process shares: a publish or a
    correction made by a job worker or a second gunicorn worker is seen here at once."""
    url = demo.published.get_absolute_url()
    body(client, url)
    Article.objects.filter(pk=demo.published.pk).update(headline="Seen by every worker")
    assert "Seen by every worker" not in body(client, url)
    code = "import django; django.setup(); from articles.cache import invalidate_article; "
    code += "invalidate_article()"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=os.environ.copy())
    assert "Seen by every worker" in body(client, url)


def test_a_page_is_built_under_the_generation_read_at_its_start(client, demo):
    """The values an uncached page is built from are read under its own generation, and the
    request leaves no generation behind."""
    start = page_cache.generation()
    body(client, demo.published.get_absolute_url())
    assert page_cache._request_generation.get() is None
    assert cache.get(f"{page_cache.KEY_PREFIX}:{start}:value:nav-sections") is not None
    page_cache.invalidate_article()
    assert page_cache.generation() > start
