"""Turn a draft into article-body HTML (through the one sanitising policy) or plain text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string

from articles.drafting import Draft
from articles.text.source import SourceText
from newsroom.sanitize import clean_html

TEMPLATE = "articles/draft_body.html"


def render_draft(draft: Draft, sources: Sequence[SourceText]) -> str:
    """The article body: subheaded sections, cited paragraphs, bullets and a key-facts table.

    Citation markers read ``[N]`` with N = source index + 1 and link to ``#source-N``. The
    template escapes every text; the result then passes through ``clean_html``.
    """

    def cites(citations: list[int]) -> list[dict[str, Any]]:
        result = []
        for index in sorted(set(citations)):
            source = sources[index] if 0 <= index < len(sources) else None
            title = ""
            if source is not None:
                title = ": ".join(part for part in (source.outlet, source.title) if part)
            result.append({"number": index + 1, "title": title})
        return result

    sections = [
        {
            "heading": section.heading,
            "paragraphs": [
                {"text": p.text, "cites": cites(p.citations)} for p in section.paragraphs
            ],
            "bullets": [{"text": b.text, "cites": cites(b.citations)} for b in section.bullets],
        }
        for section in draft.sections
    ]
    key_facts = [
        {"label": f.label, "value": f.value, "cites": cites(f.citations)} for f in draft.key_facts
    ]
    html = render_to_string(
        TEMPLATE,
        {
            "sections": sections,
            "key_facts": key_facts,
            "facts_after": min(2, len(sections)),
        },
    )
    return clean_html(html).strip()
