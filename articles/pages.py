"""The article's own part of its public page, rendered once on write and stored on the article.

Everything on an article page that changes only when something is written (the head tags and
JSON-LD, headline block, byline and "Reviewed by", dates, body, disclaimer, corrections,
sources, author box) is rendered by ``render`` and kept in ``Article.page`` with a ``key``.
The key covers the article's own row (every field the page shows, and ``updated_at``, which
every save moves), the fragment templates and the settings the HTML carries (site URL,
name, language, time zone, sanitising policy): a change to any of them re-renders on the next
view. Changes to the rows the page shows beside the article (its editors, sources and what
they copy, corrections, persona, section, a revision that makes the text a human/AI
composite) clear the stored page through ``forget``, called by the services that make them and
by the receivers in ``articles.apps`` for writes made elsewhere (the admin, the sources app).

The per-request article page is then one query for the article, the stored part, the site
chrome and the related block. Dates are absolute (no "3 hours ago"), so a stored page never
goes stale by the clock. The body is the sealed, sanitised one (``article_body``); every other
value is escaped by the template.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from newsroom import sanitize
from newsroom.site import site_url

from . import cache, queries, seo
from .models import Article

HEAD_TEMPLATE = "articles/_article_head.html"
MAIN_TEMPLATE = "articles/_article_main.html"
TEASER_TEMPLATE = "articles/_teaser.html"
_TEMPLATES = ("_article_head.html", "_article_main.html", "_avatar.html")
_TEMPLATE_DIR = Path(settings.BASE_DIR) / "templates" / "articles"
# A change to a fragment template re-renders every stored page (read once per process, as the
# cached template loader reads the templates themselves once).
TEMPLATE_DIGEST = hashlib.sha256(
    b"\x1f".join((_TEMPLATE_DIR / name).read_bytes() for name in _TEMPLATES)
).hexdigest()[:16]


# The article's own fields its page shows (or that every save moves): a change to any of them,
# through a service or a queryset ``update`` around it, re-renders the page.
ROW_FIELDS = (
    "status", "version", "updated_at", "published_at", "content_updated_at", "slug",
    "section_id", "ai_author_id", "is_ai_generated", "disclosure", "headline", "dek",
    "disclaimer", "body",
)  # fmt: skip


def key(article: Article) -> str:
    """What the stored page of ``article`` was rendered from, as far as its own row tells."""
    parts = (
        TEMPLATE_DIGEST,
        sanitize.POLICY,
        site_url(),
        seo.site_name(),
        settings.LANGUAGE_CODE,
        settings.TIME_ZONE,
        *(getattr(article, name) for name in ROW_FIELDS),
    )
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]


def context(article: Article, *, preview: bool = False) -> dict[str, Any]:
    """Everything the article's own part shows, in a fixed number of queries."""
    data = queries.page_data(article)
    editors, sources, corrections = data.editors, data.sources, data.corrections
    description = seo.description(article)
    ctx: dict[str, Any] = {
        "article": article,
        "editors": editors,
        "sources": queries.source_entries(sources),
        "corrections": corrections,
        "updated_at": queries.updated_at(article),
        "modified_at": queries.modified_at(article),
        "disclaimer": queries.disclaimer(article),
        "digital_source_type": seo.digital_source_type(article),
        "ai_disclosure": queries.ai_disclosure(article),
        "description": description,
        "report_error_url": report_error_url(article),
        "preview": preview,
        "site_name": seo.site_name(),
    }
    if not preview:
        ctx["canonical_url"] = seo.absolute_url(article.get_absolute_url())
        ctx["og_locale"] = seo.language().replace("-", "_")
        ctx["jsonld"] = seo.article_jsonld(
            article, editors=editors, sources=sources, corrections=corrections
        )
        if article.ai_author_id:
            ctx["author_url"] = seo.absolute_url(article.ai_author.get_absolute_url())
            if article.ai_author.avatar:
                ctx["og_image"] = seo.absolute_url(article.ai_author.avatar.url)
    return ctx


def report_error_url(article: Article) -> str:
    return reverse("public:report_error", args=[article.pk])


def render(article: Article, *, preview: bool = False) -> dict[str, Any]:
    """The article's own part of its page: ``head``, ``main``, ``description`` and
    ``modified`` (when it last changed, a timestamp, for ``Last-Modified``)."""
    ctx = context(article, preview=preview)
    times = [article.updated_at, article.published_at, article.content_updated_at]
    times += [c.created_at for c in ctx["corrections"]]
    return {
        "key": key(article),
        "head": render_to_string(HEAD_TEMPLATE, ctx),
        "main": render_to_string(MAIN_TEMPLATE, ctx),
        "description": ctx["description"],
        "modified": max(t for t in times if t is not None).timestamp(),
    }


def page(article: Article) -> dict[str, Any]:
    """The stored part of a published article's page, rendered and stored first when it is
    missing or out of date."""
    stored = article.page
    if stored and stored.get("key") == key(article):
        return stored
    fresh = render(queries.published().get(pk=article.pk))
    # Stored only over the row it was rendered from: a save in between wins.
    Article.objects.filter(pk=article.pk, updated_at=article.updated_at).update(page=fresh)
    article.page = fresh
    return fresh


@dataclass(frozen=True)
class Teaser:
    """An article in a Related block: its teaser, rendered, and when it last changed."""

    pk: int
    html: str
    updated_at: float


def _teasers(articles: list[Article]) -> list[Teaser]:
    return [
        Teaser(
            a.pk, render_to_string(TEASER_TEMPLATE, {"a": a, "level": 3}), a.updated_at.timestamp()
        )
        for a in articles
    ]


def related(article: Article, limit: int = queries.RELATED_LIMIT) -> list[Teaser]:
    """The article's Related block (``queries.pick_related``). The story's and the section's
    newest are rendered once per public generation and shared by every article page of the
    story and of the section."""
    count = limit + 1
    on_story: list[Teaser] = []
    if article.story_id:
        on_story = cache.cached(
            f"story-teasers:{article.story_id}:{count}",
            lambda: _teasers(queries.story_newest(article.story_id, count)),
        )
    newest = cache.cached(
        f"section-teasers:{article.section_id}:{count}",
        lambda: _teasers(queries.section_newest(article.section_id, count)),
    )
    return queries.pick_related(article.pk, on_story, newest, limit)


def related_html(teasers: list[Teaser]) -> SafeString:
    """The teasers' HTML, rendered by ``_teasers`` from the teaser template."""
    return mark_safe("".join(t.html for t in teasers))


def parts(stored: dict[str, Any]) -> tuple[SafeString, SafeString]:
    """The stored head and main HTML, safe to output: rendered by ``render`` from escaped
    values and the sealed body."""
    return mark_safe(stored["head"]), mark_safe(stored["main"])


def forget(articles: Q | Iterable[int]) -> int:
    """Clear the stored page of the matching published articles (a ``Q`` or primary keys) so
    the next view renders it again, and make cached public pages stale when any was cleared.
    Returns how many were cleared."""
    match = articles if isinstance(articles, Q) else Q(pk__in=list(articles))
    pks = list(
        Article.objects.filter(match, status=Article.Status.PUBLISHED)
        .values_list("pk", flat=True)
        .distinct()
    )
    if not pks:
        return 0
    cleared = Article.objects.filter(pk__in=pks).update(page={})
    transaction.on_commit(cache.invalidate_article)
    return cleared


def _saved(build, *, new_rows: bool = False):
    """A ``post_save``/``pre_delete`` receiver clearing the pages ``build(instance)`` matches;
    a new row (no page shows it yet, unless ``new_rows``) and a login's ``last_login`` stamp
    clear nothing."""

    def receiver(sender, instance, created: bool = False, update_fields=None, **kwargs) -> None:
        if (created and not new_rows) or (
            update_fields is not None and set(update_fields) == {"last_login"}
        ):
            return
        forget(build(instance))

    return receiver


def _m2m(field: str):
    """An ``m2m_changed`` receiver for ``Article.<field>``, from either side."""

    def receiver(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs) -> None:
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if not reverse:
            forget([instance.pk])
        elif action == "pre_clear":
            forget(Q(**{field: instance}))
        else:
            forget(pk_set or ())

    return receiver


def connect() -> None:
    """Clear stored pages when a row they show changes, whoever writes it (services, the
    admin, the sources app, which may not import ``articles``)."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_save, pre_delete

    from sources.models import Source

    from .models import AIAuthor, Correction, Section

    def by_article(instance) -> list[int]:
        return [instance.article_id]

    receivers = [
        (Source, lambda s: Q(sources=s) | Q(sources__duplicate_of=s)),
        (get_user_model(), lambda u: Q(editors=u)),
        (AIAuthor, lambda a: Q(ai_author=a)),
        (Section, lambda s: Q(section=s)),
    ]
    for model, build in receivers:
        receiver = _saved(build)
        post_save.connect(receiver, sender=model, weak=False)
        pre_delete.connect(receiver, sender=model, weak=False)
    correction = _saved(by_article, new_rows=True)
    post_save.connect(correction, sender=Correction, weak=False)
    pre_delete.connect(correction, sender=Correction, weak=False)

    m2m_changed.connect(_m2m("editors"), sender=Article.editors.through, weak=False)
    m2m_changed.connect(_m2m("sources"), sender=Article.sources.through, weak=False)


def published_changed(article: Article) -> None:
    """After a publish, a correction, an edit of published text or an unpublish, once the
    transaction commits: make cached public pages stale and render the article's own part
    now, so that its first reader does not wait for it (a failure there is logged; the page
    is rendered on its first view instead)."""
    transaction.on_commit(lambda: cache.invalidate_article(article))
    transaction.on_commit(lambda: prepare(article.pk), robust=True)


def prepare(pk: int) -> None:
    """Render and store the page of article ``pk`` if it is published and not stored yet."""
    article = queries.published().filter(pk=pk).first()
    if article is not None:
        page(article)
