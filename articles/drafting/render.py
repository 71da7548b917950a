"""Turn a draft into article-body HTML (through the one sanitising policy) or plain text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string

from articles.nlp import SourceText
from newsroom.sanitize import clean_html

from .types import Draft

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


def draft_to_text(draft: Draft) -> str:
    """The draft as plain text for the fact-checker: headline, dek, every paragraph and bullet,
    then one ``Label: value`` line per key fact, each block separated by a blank line.
    Subheads are left out: they state no facts."""
    blocks = [draft.headline, draft.dek]
    for section in draft.sections:
        blocks.extend(p.text for p in section.paragraphs)
        blocks.extend(b.text for b in section.bullets)
    blocks.extend(f"{fact.label}: {fact.value}" for fact in draft.key_facts)
    return "\n\n".join(" ".join(block.split()) for block in blocks if block and block.strip())
