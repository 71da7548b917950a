"""Structured data: JSON-LD NewsArticle, AI disclosure, OpenGraph and Twitter tags."""

import re
from datetime import timedelta

import pytest

from articles.models import Article, Correction
from articles.seo import IPTC_AI, IPTC_AI_COMPOSITE, jsonld_script
from tests.public_data import add_correction, editor_path, jsonld

pytestmark = pytest.mark.django_db

SITE = "https://news.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE + "/"
    settings.NEWSROOM_SITE_NAME = "Lakemont News"


def page(client, article: Article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def meta(html: str, key: str) -> str:
    found = re.findall(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)">', html)
    assert len(found) == 1, (key, found)
    return found[0]


def test_jsonld_news_article(client, demo):
    article = demo.published
    url = f"{SITE}/local/{article.slug}/"
    data = jsonld(page(client, article))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline and data["description"] == article.dek
    assert data["url"] == url and data["mainEntityOfPage"]["@id"] == url
    assert data["datePublished"] == data["dateModified"] == "2026-11-19T15:00:00+00:00"
    assert data["articleSection"] == "Local" and data["inLanguage"] == "en-US"
    assert data["author"] == {
        "@type": "Organization",
        "additionalType": "https://schema.org/SoftwareApplication",
        "@id": f"{SITE}/authors/ai/ledgerline/#persona",
        "name": "Ledgerline",
        "url": f"{SITE}/authors/ai/ledgerline/",
        "description": article.ai_author.bio,
        "parentOrganization": {"@id": f"{SITE}/#publisher"},
    }
    assert data["editor"] == [
        {"@type": "Person", "name": "Maya Lindqvist", "url": f"{SITE}{editor_path('managing')}"},
        {"@type": "Person", "name": "Farid Osei", "url": f"{SITE}{editor_path('factchecker')}"},
    ]
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["publisher"]["name"] == "Lakemont News"
    assert data["publisher"]["@id"] == f"{SITE}/#publisher"
    assert data["isBasedOn"] == [
        "https://radio4.example/local/old-mill-bridge",
        "https://courier.example/lakemont/bridge-closure",
        "https://ledger.example/news/old-mill-bridge-repair",
    ]
    assert "correction" not in data
    assert data["digitalSourceType"] == IPTC_AI


def test_ai_disclosure_meta_tag_matches_jsonld(client, demo):
    html = page(client, demo.published)
    assert meta(html, "digital-source-type") == jsonld(html)["digitalSourceType"] == IPTC_AI


@pytest.mark.parametrize(
    "level, source_type, wording",
    [
        (Article.Disclosure.AI_REVIEWED, IPTC_AI,
         "AI-generated with human review. This article was written by AI from the sources"),
        (Article.Disclosure.HUMAN_ASSISTED, IPTC_AI_COMPOSITE,
         "Human-written with AI assistance. Journalists wrote most of this article; parts of "
         "it come from an AI draft"),
    ],
)  # fmt: skip
def test_disclosure_level_sets_source_type_meta_tag_and_disclaimer(
    client, demo, level, source_type, wording
):
    Article.objects.filter(pk=demo.published.pk).update(disclosure=level)
    html = page(client, demo.published)
    assert jsonld(html)["digitalSourceType"] == source_type
    assert meta(html, "digital-source-type") == source_type
    assert meta(html, "ai-disclosure") == Article.Disclosure(level).label
    disclaimer = re.search(r'<aside class="disclaimer"[^>]*><p>(.*?)</p>', html).group(1)
    assert disclaimer.startswith(wording)


def test_human_written_article_has_no_ai_source_type(client, demo):
    Article.objects.filter(pk=demo.published.pk).update(is_ai_generated=False)
    html = page(client, demo.published)
    assert "digitalSourceType" not in jsonld(html)
    assert 'name="digital-source-type"' not in html
    assert 'name="ai-disclosure"' not in html


def test_corrections_and_modified_date(client, demo):
    article = demo.published
    fix = add_correction(article, "The vote was 7-2, not 6-3.")
    add_correction(article, "Added the date of the public meeting.", kind=Correction.Kind.UPDATE)
    Article.objects.filter(pk=article.pk).update(
        content_updated_at=article.published_at + timedelta(days=1)
    )
    html = page(client, article)
    data = jsonld(html)
    assert data["dateModified"] == "2026-11-20T15:00:00+00:00"
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The vote was 7-2, not 6-3.",
            "datePublished": fix.created_at.replace(microsecond=0).isoformat(),
        }
    ]
    assert meta(html, "article:modified_time") == data["dateModified"]


def test_every_date_on_the_page_agrees(client, demo):
    article = demo.published
    Article.objects.filter(pk=article.pk).update(
        content_updated_at=article.published_at + timedelta(hours=5)
    )
    html = page(client, article)
    data = jsonld(html)
    published = re.search(r'Published <time datetime="([^"]+)"', html).group(1)
    updated = re.search(r'Updated <time datetime="([^"]+)"', html).group(1)
    assert published == data["datePublished"] == meta(html, "article:published_time")
    assert updated == data["dateModified"] == meta(html, "article:modified_time")


def test_open_graph_and_twitter_tags(client, demo):
    article = demo.published
    html = page(client, article)
    url = f"{SITE}/local/{article.slug}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:url") == url
    assert meta(html, "og:title") == article.headline
    assert meta(html, "og:description") == article.dek
    assert meta(html, "og:site_name") == "Lakemont News"
    assert meta(html, "og:locale") == "en_US"
    assert meta(html, "article:section") == "Local"
    assert meta(html, "article:author") == f"{SITE}/authors/ai/ledgerline/"
    assert meta(html, "twitter:card") == "summary"
    assert meta(html, "twitter:title") == article.headline
    assert meta(html, "twitter:description") == article.dek


def test_jsonld_cannot_be_broken_out_of(client, demo):
    hostile = 'Bridge </script><script>alert("x")</script> & <!-- more'
    Article.objects.filter(pk=demo.published.pk).update(headline=hostile)
    html = page(client, demo.published)
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert jsonld(html)["headline"] == hostile
    rendered = str(jsonld_script({"x": "</script>"}))
    assert rendered == '<script type="application/ld+json">{"x": "\\u003C/script\\u003E"}</script>'
