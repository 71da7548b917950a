"""``sitemap.xml`` (articles, sections, author pages, home) and the Google News sitemap.

Only published articles appear, and only the sections and authors that have some. URLs are
absolute, on ``seo.site_url()`` (``NEWSROOM_SITE_URL``, else the request's host).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import queries, seo
from .models import AIAuthor, Article, Section

NEWS_WINDOW = timedelta(days=2)
NEWS_MAX_URLS = 1000


class SiteSitemap(Sitemap):
    """A sitemap whose URLs use ``seo.site_url()``'s scheme and host."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(seo.site_url()).scheme or "https"

    def get_domain(self, site=None) -> str:
        parts = urlsplit(seo.site_url())
        return parts.netloc + parts.path.rstrip("/")


class ArticleSitemap(SiteSitemap):
    limit = 5000

    def items(self):
        return (
            queries.published()
            .select_related(None)
            .select_related("section")
            .only("slug", "section__slug", "published_at", "content_updated_at")
        )

    def lastmod(self, item: Article) -> datetime | None:
        return queries.modified_at(item)


class SectionSitemap(SiteSitemap):
    def items(self):
        latest = Max("articles__published_at", filter=Q(articles__status=Article.Status.PUBLISHED))
        return (
            Section.objects.annotate(latest=latest)
            .filter(latest__isnull=False)
            .order_by("position", "name")
        )

    def lastmod(self, item: Section) -> datetime | None:
        return item.latest


class AuthorSitemap(SiteSitemap):
    """AI personas and human editors with at least one published article."""

    def items(self) -> list[str]:
        published = Article.objects.filter(status=Article.Status.PUBLISHED)
        personas = AIAuthor.objects.filter(
            Exists(published.filter(ai_author=OuterRef("pk")))
        ).order_by("slug")
        editors = (
            get_user_model()
            .objects.filter(Exists(published.filter(editors=OuterRef("pk"))))
            .order_by("pk")
        )
        return [p.get_absolute_url() for p in personas] + [queries.editor_url(u) for u in editors]

    def location(self, item: str) -> str:
        return item


class HomeSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self) -> list[str]:
        return ["public:home"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
}


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """Google News sitemap: articles published in the last two days."""
    since = timezone.now() - NEWS_WINDOW
    articles = queries.listing().filter(published_at__gte=since)[:NEWS_MAX_URLS]
    entries = [
        {
            "loc": seo.absolute_url(a.get_absolute_url()),
            "published": seo.iso(a.published_at),
            "title": a.headline,
        }
        for a in articles
    ]
    response = TemplateResponse(
        request,
        "sitemaps/news.xml",
        {
            "entries": entries,
            "publication": seo.site_name(),
            "language": seo.language().split("-")[0].lower(),
        },
        content_type="application/xml; charset=utf-8",
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
