"""The sources a story's article is drafted and checked against, as the engine sees them."""

from sources.models import Source

from .models import Article
from .text.source import SourceText


def drafting_sources(article: Article) -> list[Source]:
    """The independent sources a draft rests on: the story's, without syndicated copies."""
    if article.story_id:
        sources = article.story.sources.filter(duplicate_of__isnull=True)
    else:
        sources = article.sources.filter(duplicate_of__isnull=True)
    return list(sources.order_by(*Source._meta.ordering))


def as_source_texts(sources: list[Source]) -> list[SourceText]:
    return [
        SourceText(
            index=i,
            title=s.title,
            text=s.text,
            outlet=s.outlet,
            url=s.link,
            published=s.published_at,
            source_id=s.pk,
        )
        for i, s in enumerate(sources)
    ]
