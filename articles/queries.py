"""Read-side queries for the public site: only published articles, loaded in few queries.

Every public list, page, feed and sitemap starts from ``published()``; nothing else may reach a
reader. The article page is one query for the article (with its section and persona and its
stored page, see ``articles.pages``); rendering that page takes one each for whether a human
edited the text, editors, sources and corrections, however many of each there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.text import slugify

from sources.models import Source

from .models import AIAuthor, Article, Correction, Section

RELATED_LIMIT = 4
SEARCH_MAX_CHARS = 200
SEARCH_MAX_TERMS = 10
DEFAULT_DISCLAIMER = (
    "This article was written by AI from the sources listed with it. AI can make mistakes: "
    "double-check any fact you intend to rely on."
)
HUMAN_ASSISTED_DISCLAIMER = (
    "Journalists wrote most of this article; parts of it come from an AI draft made from the "
    "sources listed with it."
)

_SOURCE_FIELDS = ("title", "outlet", "url", "canonical_url", "published_at", "created_at")


def published() -> QuerySet[Article]:
    """Every article a reader may see, newest first, with its section and AI persona."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .select_related("section", "ai_author")
        .order_by("-published_at", "-pk")
    )


def listing() -> QuerySet[Article]:
    """Published articles for teasers, feeds and sitemaps: without the body."""
    return published().defer("body", "body_digest", "checked_hash", "page")


def editors_queryset() -> QuerySet:
    return (
        get_user_model()
        .objects.only("username", "first_name", "last_name")
        .order_by("last_name", "first_name", "username")
    )


def sources_queryset() -> QuerySet[Source]:
    """Sources in the drafter's order (citation [N] is the N-th), with what they copy."""
    dup_fields = [f"duplicate_of__{name}" for name in _SOURCE_FIELDS]
    return (
        Source.objects.select_related("duplicate_of")
        .only(*_SOURCE_FIELDS, "duplicate_of", *dup_fields)
        .order_by(*Source._meta.ordering, "pk")
    )


def article_page(section_slug: str, slug: str) -> Article:
    """The published article its page shows, with its stored page (``articles.pages``), or
    Article.DoesNotExist. Only its row: what its page shows beside it (section, persona,
    whether a human edited the text) is read when the page is rendered."""
    return Article.objects.get(
        status=Article.Status.PUBLISHED, section__slug=section_slug, slug=slug
    )


def article_for_preview(pk: int) -> Article:
    """Any article, whatever its state, loaded like ``article_page`` (Article.DoesNotExist)."""
    qs = Article.objects.select_related("section", "ai_author")
    return qs.get(pk=pk)


@dataclass(frozen=True)
class PageData:
    editors: list
    sources: list[Source]
    corrections: list[Correction]


def page_data(article: Article) -> PageData:
    """The article page's editors, sources and corrections: one plain query each (a third of
    the cost of building the same through ``prefetch_related``)."""
    return PageData(
        editors=list(editors_queryset().filter(reviewed_articles=article)),
        sources=list(sources_queryset().filter(articles=article)),
        corrections=list(Correction.objects.filter(article=article).order_by("created_at", "pk")),
    )


def _newest_first(article: Article) -> tuple[float, int]:
    published = article.published_at.timestamp() if article.published_at else 0.0
    return (-published, -article.pk)


def story_newest(story_id: int, count: int) -> list[Article]:
    """The story's ``count`` newest published articles (a story has few)."""
    # Unordered in SQL, sorted here: with an ORDER BY, SQLite walks the status/date index
    # through every published article instead of the story's few rows.
    return sorted(listing().filter(story_id=story_id).order_by(), key=_newest_first)[:count]


def section_newest(section_id: int, count: int) -> list[Article]:
    return list(listing().filter(section_id=section_id)[:count])


def pick_related[T](
    pk: int, on_story: list[T], newest: list[T], limit: int = RELATED_LIMIT
) -> list[T]:
    """What the Related block shows beside article ``pk``: the story's newest first, then the
    section's; never the article itself, none twice, at most ``limit``."""
    story = [item for item in on_story if item.pk != pk][:limit]
    shown = {pk, *(item.pk for item in story)}
    return (story + [item for item in newest if item.pk not in shown])[:limit]


def latest_by_section(per_section: int = 3) -> list[tuple[Section, list[Article]]]:
    """The newest ``per_section`` published articles of every section that has any (1 query)."""
    rows = (
        listing()
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("section_id")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_section)
        .order_by("section__position", "section__name", "-published_at", "-pk")
    )
    groups: dict[int, tuple[Section, list[Article]]] = {}
    for article in rows:
        groups.setdefault(article.section_id, (article.section, []))[1].append(article)
    return list(groups.values())


def ai_author_articles(author: AIAuthor) -> QuerySet[Article]:
    return listing().filter(ai_author=author)


def reviewed_articles(user) -> QuerySet[Article]:
    """Published articles ``user`` reviewed: what their public page lists."""
    return listing().filter(editors=user)


def public_name(user) -> str:
    """How readers see a human reviewer: the full name, never the login name."""
    return user.get_full_name() or "A newsroom editor"


def editor_handle(user) -> str:
    """A reviewer's public address part, "maya-lindqvist-3": the name and the user's number,
    so that no login name is published (a login form plus login names helps guessing)."""
    return f"{slugify(user.get_full_name()) or 'editor'}-{user.pk}"


def editor_url(user) -> str:
    return reverse("public:editor", args=[editor_handle(user)])


def public_editor(handle: str):
    """The user of that handle if they reviewed at least one published article, else None."""
    number = handle.rsplit("-", 1)[-1]
    if not number.isdigit():
        return None
    reviewed = Article.objects.filter(
        status=Article.Status.PUBLISHED, editors=OuterRef("pk")
    ).values("pk")[:1]
    user = get_user_model().objects.filter(pk=int(number)).filter(Exists(reviewed)).first()
    return user if user is not None and editor_handle(user) == handle else None


def search(q: str) -> QuerySet[Article]:
    """Published articles matching ``q``: PostgreSQL full-text with ranking, else icontains."""
    q = " ".join(q.split())[:SEARCH_MAX_CHARS]
    if not q:
        return listing().none()
    if connection.vendor == "postgresql":
        config = getattr(settings, "NEWSROOM_SEARCH_CONFIG", "english")
        vector = (
            SearchVector("headline", weight="A", config=config)
            + SearchVector("dek", weight="B", config=config)
            + SearchVector("body", weight="C", config=config)
        )
        query = SearchQuery(q, search_type="websearch", config=config)
        return (
            listing()
            .annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "-published_at", "-pk")
        )
    match = Q()
    for term in q.split()[:SEARCH_MAX_TERMS]:
        match &= Q(headline__icontains=term) | Q(dek__icontains=term) | Q(body__icontains=term)
    return listing().filter(match)


def updated_at(article: Article) -> datetime | None:
    """The reader-facing 'Updated' time, or None. The one place that decides it.

    It is ``content_updated_at`` (set when a correction or update changes the text), shown
    only when it is later than publication: an 'Updated' date can never precede 'Published'.
    """
    changed = article.content_updated_at
    if changed is None:
        return None
    if article.published_at is not None and changed <= article.published_at:
        return None
    return changed


def modified_at(article: Article) -> datetime | None:
    """``updated_at`` or, when never updated, the publication time (dateModified, lastmod)."""
    return updated_at(article) or article.published_at


def ai_disclosure(article: Article) -> str:
    """The article's disclosure level as readers read it, or '' when no AI wrote any of it."""
    return article.get_disclosure_display() if article.is_ai_generated else ""


def disclaimer(article: Article) -> str:
    """The article's disclaimer; an AI-written article always has one, led by its disclosure
    level. A mostly human-written article does not repeat a persona's "written by AI" text."""
    if not article.is_ai_generated:
        return article.disclaimer
    persona = article.ai_author.disclaimer if article.ai_author_id else ""
    if article.disclosure == Article.Disclosure.HUMAN_ASSISTED:
        own = article.disclaimer if article.disclaimer != persona else ""
        detail = own or HUMAN_ASSISTED_DISCLAIMER
    else:
        detail = article.disclaimer or persona or DEFAULT_DISCLAIMER
    return f"{ai_disclosure(article)}. {detail}"


@dataclass(frozen=True)
class SourceEntry:
    """One line of the Sources list: independent sources first, numbered as the drafter cites
    them; then syndicated copies, each pointing at what it copies."""

    number: int
    source: Source
    copy_of: Source | None = None
    copy_of_number: int | None = None


def source_entries(sources: list[Source]) -> list[SourceEntry]:
    independent = [s for s in sources if s.duplicate_of_id is None]
    copies = [s for s in sources if s.duplicate_of_id is not None]
    numbers = {s.pk: n for n, s in enumerate(independent + copies, start=1)}
    return [
        SourceEntry(
            number=numbers[s.pk],
            source=s,
            copy_of=s.duplicate_of if s.duplicate_of_id else None,
            copy_of_number=numbers.get(s.duplicate_of_id) if s.duplicate_of_id else None,
        )
        for s in independent + copies
    ]
