"""Read-side queries for the public site: only published articles, loaded in few queries."""

from django.db.models import Prefetch, QuerySet

from .models import Article, Correction


def published() -> QuerySet[Article]:
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .select_related("section", "ai_author")
        .order_by("-published_at")
    )


def article_page(section_slug: str, slug: str) -> Article:
    """The published article with everything its page shows, or Article.DoesNotExist."""
    return (
        published()
        .prefetch_related(
            "editors",
            "sources",
            Prefetch("corrections", queryset=Correction.objects.order_by("created_at")),
        )
        .get(section__slug=section_slug, slug=slug)
    )
