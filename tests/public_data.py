"""Helpers for the public-site tests: ORM factories and a markup checker."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from datetime import timedelta
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import AIAuthor, Article, Correction, Section
from sources.models import Source, Story

NON_PUBLIC = [s for s in Article.Status if s != Article.Status.PUBLISHED]
_counter = itertools.count(1)


def make_source(**fields) -> Source:
    n = next(_counter)
    fields.setdefault("title", f"Source report {n}")
    fields.setdefault("outlet", f"Outlet {n}")
    fields.setdefault("url", f"https://outlet{n}.example/report-{n}")
    fields.setdefault("published_at", timezone.now() - timedelta(hours=n % 48 + 1))
    fields.setdefault("text", f"Report number {n}: the facts as this outlet told them.")
    fields["content_hash"] = hashlib.sha256(fields["text"].encode()).hexdigest()
    return Source.objects.create(**fields)


def make_user(username: str, first: str = "", last: str = ""):
    return get_user_model().objects.create_user(
        username=username, password="pw-for-tests", first_name=first, last_name=last
    )


def make_article(
    *,
    section: Section | None = None,
    status: str = Article.Status.PUBLISHED,
    story: Story | None = None,
    ai_author: AIAuthor | None = None,
    editors=(),
    sources=(),
    published_at=None,
    **fields,
) -> Article:
    """An article straight through the ORM, in any state (the workflow is not under test)."""
    n = next(_counter)
    section = section or Section.objects.get_or_create(slug="local", defaults={"name": "Local"})[0]
    fields.setdefault("headline", f"Test headline number {n}")
    fields.setdefault("slug", f"test-article-{n}")
    fields.setdefault("dek", f"The standfirst of article {n}.")
    fields.setdefault("body", f"<p>Body text of article {n}.</p>")
    fields.setdefault("disclaimer", "Written by AI; reviewed by editors.")
    if status == Article.Status.PUBLISHED or (status == Article.Status.UNPUBLISHED):
        published_at = published_at or timezone.now() - timedelta(minutes=n)
    if status == Article.Status.SCHEDULED:
        fields.setdefault("scheduled_at", timezone.now() + timedelta(days=1))
    article = Article.objects.create(
        section=section,
        status=status,
        story=story,
        ai_author=ai_author,
        published_at=published_at,
        **fields,
    )
    if editors:
        article.editors.set(editors)
    if sources:
        article.sources.set(sources)
    return article


def add_correction(article: Article, note: str, *, kind: str = Correction.Kind.CORRECTION):
    return Correction.objects.create(article=article, note=note, kind=kind)


def jsonld(html: str) -> dict:
    """The page's JSON-LD block, parsed."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, f"expected one JSON-LD block, found {len(blocks)}"
    return json.loads(blocks[0])


class MarkupChecker(HTMLParser):
    """Collects what the CSP and accessibility rules forbid or require."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.html_lang = ""
        self.h1 = 0
        self.skip_link = False
        self.viewport = False
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, _ in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline event handler {name} on <{tag}>")
            if name == "style":
                self.problems.append(f"inline style on <{tag}>")
        if "id" in attributes:
            self.ids.append(attributes["id"] or "")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and attributes.get("type") != "application/ld+json":
            self.problems.append(f"script of type {attributes.get('type')!r}")
        if tag == "script" and attributes.get("src"):
            self.problems.append("external script")
        if tag == "img" and attributes.get("alt") is None:
            self.problems.append(f"img without alt: {attributes.get('src')}")
        if tag == "html":
            self.html_lang = attributes.get("lang") or ""
        if tag == "h1":
            self.h1 += 1
        if tag == "a" and attributes.get("href") == "#main":
            self.skip_link = True
        if tag == "meta" and attributes.get("name") == "viewport":
            self.viewport = True


def check_markup(html: str) -> MarkupChecker:
    """Assert the page is CSP-ready and has the accessibility basics; return the checker."""
    checker = MarkupChecker()
    checker.feed(html)
    assert not checker.problems, checker.problems
    assert checker.html_lang.startswith("en")
    assert checker.h1 == 1, f"{checker.h1} <h1> elements"
    assert checker.skip_link and checker.viewport
    assert len(checker.ids) == len(set(checker.ids)), "duplicate ids"
    assert 'id="main"' in html
    return checker


def editor_path(username: str) -> str:
    """A reviewer's public page, addressed by name and number (never the login name)."""
    from django.contrib.auth import get_user_model

    from articles.queries import editor_url

    return editor_url(get_user_model().objects.get(username=username))
