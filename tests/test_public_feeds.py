"""RSS and Atom feeds, sitemap.xml, the Google News sitemap and robots.txt."""

from datetime import timedelta
from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree as ET
from django.utils import timezone

from articles.models import Article, Section
from tests.public_data import editor_path, make_article

pytestmark = pytest.mark.django_db

SITE = "https://news.example"
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


def fetch_xml(client, url: str, content_type: str) -> Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)


def test_rss_feed(client, demo):
    article = demo.published
    rss = fetch_xml(client, "/feeds/rss.xml", "application/rss+xml")
    channel = rss.find("channel")
    assert channel.findtext("title") == "Newsroom"
    assert channel.findtext("link") == f"{SITE}/"
    assert channel.find("atom:link", NS).get("href") == f"{SITE}/feeds/rss.xml"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [article.headline]
    item = items[0]
    url = f"{SITE}/local/{article.slug}/"
    assert item.findtext("link") == url and item.findtext("guid") == url
    assert item.findtext("dc:creator", namespaces=NS) == "Ledgerline"
    assert [c.text for c in item.findall("category")] == ["Local", "AI-generated"]
    assert item.findtext("pubDate") == "Thu, 19 Nov 2026 15:00:00 +0000"
    description = item.findtext("description")
    assert article.dek in description
    assert "Written by Ledgerline (AI). Reviewed by Maya Lindqvist and Farid Osei." in description
    assert (
        "Disclaimer: AI-generated with human review. This article was written by AI" in description
    )


def test_atom_feed(client, demo):
    article = demo.published
    atom = fetch_xml(client, "/feeds/atom.xml", "application/atom+xml")
    assert atom.find("atom:link[@rel='self']", NS).get("href") == f"{SITE}/feeds/atom.xml"
    entries = atom.findall("atom:entry", NS)
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext("atom:title", namespaces=NS) == article.headline
    assert entry.find("atom:link", NS).get("href") == f"{SITE}/local/{article.slug}/"
    assert entry.findtext("atom:author/atom:name", namespaces=NS) == "Ledgerline"
    assert entry.findtext("atom:author/atom:uri", namespaces=NS) == (
        f"{SITE}/authors/ai/ledgerline/"
    )
    assert [c.get("term") for c in entry.findall("atom:category", NS)] == [
        "Local",
        "AI-generated",
    ]
    assert entry.findtext("atom:published", namespaces=NS) == "2026-11-19T15:00:00+00:00"
    summary = entry.find("atom:summary", NS)
    assert summary.get("type") == "html" and "double-check any fact" in summary.text


def test_section_feeds_carry_only_that_section(client, demo):
    transport = Section.objects.get(slug="transport")
    make_article(section=transport, headline="Route 6 detour starts")
    rss = fetch_xml(client, "/section/transport/rss.xml", "application/rss+xml")
    assert rss.find("channel").findtext("title") == "Newsroom: Transport"
    assert [i.findtext("title") for i in rss.iter("item")] == ["Route 6 detour starts"]
    atom = fetch_xml(client, "/section/local/atom.xml", "application/atom+xml")
    titles = [e.findtext("atom:title", namespaces=NS) for e in atom.findall("atom:entry", NS)]
    assert titles == [demo.published.headline]
    assert client.get("/section/nowhere/rss.xml").status_code == 404
    site_wide = fetch_xml(client, "/feeds/rss.xml", "application/rss+xml")
    assert len(site_wide.findall("channel/item")) == 2


def test_feed_updated_date_follows_the_correction(client, demo):
    article = demo.published
    Article.objects.filter(pk=article.pk).update(
        content_updated_at=article.published_at + timedelta(days=1)
    )
    atom = fetch_xml(client, "/feeds/atom.xml", "application/atom+xml")
    updated = atom.find("atom:entry", NS).findtext("atom:updated", namespaces=NS)
    assert updated == "2026-11-20T15:00:00+00:00"


def test_sitemap(client, demo):
    urlset = fetch_xml(client, "/sitemap.xml", "application/xml")
    locs = {u.findtext("sm:loc", namespaces=NS): u for u in urlset.findall("sm:url", NS)}
    article_url = f"{SITE}/local/{demo.published.slug}/"
    assert set(locs) == {
        f"{SITE}/",
        article_url,
        f"{SITE}/section/local/",
        f"{SITE}/authors/ai/ledgerline/",
        f"{SITE}{editor_path('factchecker')}",
        f"{SITE}{editor_path('managing')}",
    }
    assert locs[article_url].findtext("sm:lastmod", namespaces=NS) == "2026-11-19"


def test_news_sitemap_lists_the_last_two_days(client, demo):
    now = timezone.now()
    Article.objects.filter(pk=demo.published.pk).update(published_at=now - timedelta(days=10))
    fresh = make_article(headline="Fresh & new <story>", published_at=now - timedelta(hours=3))
    make_article(headline="Three days old", published_at=now - timedelta(days=3))
    urlset = fetch_xml(client, "/news-sitemap.xml", "application/xml")
    urls = urlset.findall("sm:url", NS)
    assert len(urls) == 1
    url = urls[0]
    assert url.findtext("sm:loc", namespaces=NS) == f"{SITE}/local/{fresh.slug}/"
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Newsroom"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh & new <story>"
    assert news.findtext("news:publication_date", namespaces=NS) == (
        fresh.published_at.replace(microsecond=0).isoformat()
    )


def test_robots_txt(client, demo):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert {"Disallow: /admin/", "Disallow: /preview/", "Disallow: /search/"} <= set(lines)
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/news-sitemap.xml" in lines
