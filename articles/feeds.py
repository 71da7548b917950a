"""RSS 2.0 and Atom feeds, site-wide and per section.

Each item carries the AI persona as author (``dc:creator`` in RSS, ``<author>`` in Atom), the
section and an AI-generated category, and a description with the dek, the byline (written by,
reviewed by) and the disclaimer. Every URL is absolute, on ``seo.site_url()``.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from . import queries, seo
from .models import Article, Section

FEED_SIZE = 30
AI_CATEGORY = "AI-generated"


class LatestArticlesFeed(Feed):
    """The newest published articles; with a section slug, that section's."""

    feed_type = Rss201rev2Feed
    url_names = ("public:rss", "public:section_rss")

    def get_object(self, request, slug: str | None = None) -> Section | None:
        return get_object_or_404(Section, slug=slug) if slug else None

    def title(self, obj: Section | None) -> str:
        return f"{seo.site_name()}: {obj.name}" if obj else seo.site_name()

    def description(self, obj: Section | None) -> str:
        what = f"{obj.name} stories" if obj else "Stories"
        return f"{what} drafted by AI from the sources each one lists, reviewed by human editors."

    subtitle = description

    def link(self, obj: Section | None) -> str:
        return seo.absolute_url(obj.get_absolute_url() if obj else reverse("public:home"))

    def feed_url(self, obj: Section | None) -> str:
        site_wide, per_section = self.url_names
        path = reverse(per_section, args=[obj.slug]) if obj else reverse(site_wide)
        return seo.absolute_url(path)

    def items(self, obj: Section | None) -> QuerySet[Article]:
        qs = queries.listing().prefetch_related(
            Prefetch("editors", queryset=queries.editors_queryset())
        )
        if obj is not None:
            qs = qs.filter(section=obj)
        return qs[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return escape(item.headline)

    def item_description(self, item: Article) -> str:
        return render_to_string(
            "feeds/item_description.html",
            {
                "article": item,
                "editors": list(item.editors.all()),
                "disclaimer": queries.disclaimer(item),
            },
        )

    def item_link(self, item: Article) -> str:
        return seo.absolute_url(item.get_absolute_url())

    def item_guid_is_permalink(self, item: Article) -> bool:
        return True

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime | None:
        return queries.modified_at(item)

    def item_author_name(self, item: Article) -> str:
        return item.ai_author.name if item.ai_author_id else seo.site_name()

    def item_author_link(self, item: Article) -> str:
        if item.ai_author_id:
            return seo.absolute_url(item.ai_author.get_absolute_url())
        return seo.absolute_url(reverse("public:home"))

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, AI_CATEGORY] if item.is_ai_generated else [item.section.name]


class LatestArticlesAtom(LatestArticlesFeed):
    feed_type = Atom1Feed
    url_names = ("public:atom", "public:section_atom")
