"""Turn a draft into article-body HTML (through the one sanitising policy) or plain text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
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


# A citation marker as render_draft writes it; attributes in any order after an editor's save.
_CITATION = re.compile(
    r'<a\b(?P<attrs>[^>]*?\bhref="#source-(?P<n>\d+)"[^>]*)>\[(?P<shown>\d+)\]</a>'
)
_TITLE = re.compile(r'\s*\btitle="[^"]*"')


def renumber_citations(body: str, old: Sequence[Any], new: Sequence[Any]) -> str:
    """``body`` with each citation pointing at the same source in the ``new`` list: "[3]" of
    the old list is "[4]" once a newer source comes first. ``old`` and ``new`` are the source
    lists (anything with ``pk`` and ``title``) in the order the numbers count. A citation of a
    source no longer listed is dropped rather than left pointing at another."""
    number = {source.pk: n for n, source in enumerate(new, 1)}
    titles = {n: source.title for n, source in enumerate(new, 1)}
    moved = {n: number.get(source.pk) for n, source in enumerate(old, 1)}

    def one(m: re.Match[str]) -> str:
        n = moved.get(int(m["n"]))
        if n is None:
            return ""
        attrs = _TITLE.sub("", m["attrs"]).replace(f'"#source-{m["n"]}"', f'"#source-{n}"')
        return f'<a{attrs} title="{escape(titles[n])}">[{n}]</a>'

    renumbered = _CITATION.sub(one, body)
    return re.sub(r'<sup class="cite">\s*</sup>', "", renumbered)
