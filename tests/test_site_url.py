"""Absolute URLs follow the request's host, or NEWSROOM_SITE_URL when it is set."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.preview import make_preview_url

pytestmark = pytest.mark.django_db

HOST = "news.example.test:8123"
ORIGIN = f"http://{HOST}"


@pytest.fixture
def on_host(settings):
    settings.NEWSROOM_SITE_URL = ""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "news.example.test", "other.test"]
    return Client(HTTP_HOST=HOST)


def pages(demo) -> list[str]:
    article = demo.published
    return [
        article.get_absolute_url(),
        "/",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        f"/section/{article.section.slug}/rss.xml",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        article.ai_author.get_absolute_url(),
    ]


def test_every_absolute_url_is_on_the_requests_host(on_host, demo):
    for path in pages(demo):
        body = on_host.get(path).content.decode()
        assert ":8000" not in body and "127.0.0.1" not in body, path
        if path not in ("/", "/news-sitemap.xml", demo.published.ai_author.get_absolute_url()):
            assert ORIGIN in body, path  # (those pages have no absolute URL to show)
    article = on_host.get(demo.published.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{ORIGIN}{demo.published.get_absolute_url()}"' in article
    assert f'"url": "{ORIGIN}{demo.published.get_absolute_url()}"' in article  # JSON-LD


def test_preview_link_in_the_admin_is_on_the_requests_host(on_host, demo, staff):
    on_host.force_login(staff["editor"])
    page = on_host.get(reverse("admin:articles_article_change", args=[demo.draft.pk]))
    links = re.findall(r'href="(http[^"]*/preview/[^"]*)"', page.content.decode())
    assert links and all(link.startswith(ORIGIN + "/preview/") for link in links)
    assert on_host.get(links[0].removeprefix(ORIGIN)).status_code == 200


def test_hosts_do_not_share_cached_pages(on_host, demo):
    path = demo.published.get_absolute_url()
    assert ORIGIN in on_host.get(path).content.decode()
    other = Client(HTTP_HOST="other.test").get(path).content.decode()
    assert "http://other.test/" in other and HOST not in other


def test_configured_site_url_wins(on_host, demo, settings):
    settings.NEWSROOM_SITE_URL = "https://newsroom.example/"
    body = on_host.get("/feeds/rss.xml").content.decode()
    assert "https://newsroom.example/" in body and HOST not in body
    assert make_preview_url(demo.draft).startswith("https://newsroom.example/preview/")


def test_outside_a_request_the_fallback_is_the_default_address(settings, demo):
    settings.NEWSROOM_SITE_URL = ""
    assert make_preview_url(demo.draft).startswith("http://127.0.0.1:8000/preview/")
