"""Structured data for the public site: absolute URLs, JSON-LD ``NewsArticle`` and AI disclosure.

Authorship in JSON-LD: schema.org's ``author`` takes a Person or an Organization. The AI persona
is not a person, and calling it one would assert the very human authorship the disclosure
denies, so it is an ``Organization`` whose ``additionalType`` is SoftwareApplication, whose
``description`` is its bio, and whose ``parentOrganization`` is the publisher. The humans who
reviewed the article are ``editor``: a list of ``Person``.

AI disclosure: ``digitalSourceType`` carries the IPTC code, chosen by the article's disclosure
level (``articles.provenance``: who wrote most of the words). "AI-generated with human review"
is ``trainedAlgorithmicMedia``; "Human-written with AI assistance", a mix of human-written and
AI-generated parts, is ``compositeWithTrainedAlgorithmicMedia``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from newsroom.site import site_url

from . import queries
from .models import Article, Correction
from .text.markup import html_to_text

IPTC = "https://cv.iptc.org/newscodes/digitalsourcetype/"
IPTC_AI = IPTC + "trainedAlgorithmicMedia"
IPTC_AI_COMPOSITE = IPTC + "compositeWithTrainedAlgorithmicMedia"
SOFTWARE_TYPE = "https://schema.org/SoftwareApplication"

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_name() -> str:
    return getattr(settings, "NEWSROOM_SITE_NAME", "Newsroom")


def absolute_url(path: str) -> str:
    """``path`` on the public site (see ``site_url``)."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + "/" + path.lstrip("/")


def language() -> str:
    """The site's language as a BCP 47 tag (``en-US``)."""
    lang, _, region = settings.LANGUAGE_CODE.partition("-")
    return f"{lang}-{region.upper()}" if region else lang


def iso(value: datetime | None) -> str:
    """The one machine-readable form of a time, in the site's time zone, to the second."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


def digital_source_type(article: Article) -> str:
    """The IPTC digital source type for the article's text, or '' when no AI wrote it."""
    if not article.is_ai_generated:
        return ""
    if article.disclosure == Article.Disclosure.HUMAN_ASSISTED:
        return IPTC_AI_COMPOSITE
    return IPTC_AI


def text(markup: str) -> str:
    """Plain text from stored HTML (for descriptions)."""
    return html_to_text(markup)


def description(article: Article) -> str:
    return article.dek or text(article.body)[:300]


def publisher() -> dict[str, Any]:
    return {
        "@type": "NewsMediaOrganization",
        "@id": site_url() + "/#publisher",
        "name": site_name(),
        "url": site_url() + "/",
    }


def person(user) -> dict[str, Any]:
    return {
        "@type": "Person",
        "name": queries.public_name(user),
        "url": absolute_url(queries.editor_url(user)),
    }


def ai_author(article: Article) -> dict[str, Any] | None:
    persona = article.ai_author
    if persona is None:
        return None
    return {
        "@type": "Organization",
        "additionalType": SOFTWARE_TYPE,
        "@id": absolute_url(persona.get_absolute_url()) + "#persona",
        "name": persona.name,
        "url": absolute_url(persona.get_absolute_url()),
        "description": persona.bio,
        "parentOrganization": {"@id": site_url() + "/#publisher"},
    }


def article_jsonld(
    article: Article,
    *,
    editors: list,
    sources: list,
    corrections: list[Correction],
) -> dict[str, Any]:
    """The schema.org ``NewsArticle`` for a published article."""
    url = absolute_url(article.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url + "#article",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.headline,
        "description": description(article),
        "articleSection": article.section.name,
        "inLanguage": language(),
        "datePublished": iso(article.published_at),
        "dateModified": iso(queries.modified_at(article)),
        "publisher": publisher(),
        "isAccessibleForFree": True,
    }
    author = ai_author(article)
    data["author"] = author or {"@id": site_url() + "/#publisher"}
    if editors:
        data["editor"] = [person(user) for user in editors]
    based_on = [s.link for s in sources if s.link]
    if based_on:
        data["isBasedOn"] = based_on
    fixes = [c for c in corrections if c.kind == Correction.Kind.CORRECTION]
    if fixes:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.note, "datePublished": iso(c.created_at)}
            for c in fixes
        ]
    source_type = digital_source_type(article)
    if source_type:
        data["digitalSourceType"] = source_type
    return data


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """``data`` as a ``<script type="application/ld+json">`` block that no string can end early:
    ``<``, ``>`` and ``&`` become JSON unicode escapes, as in Django's ``json_script``."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_SCRIPT_ESCAPES)),
    )
