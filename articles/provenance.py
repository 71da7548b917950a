"""Who wrote which words of an article, and the disclosure that follows.

The reader-visible text (headline, standfirst, then the body block by block) is compared word
by word with the AI drafts stored as revisions (the newest few, not the one still waiting for
review): words the current text keeps from a draft, in runs of at least ``MIN_RUN`` words,
are the AI's; every other word a human wrote or changed. Most words from the AI makes the
article "AI-generated with human review", otherwise "Human-written with AI assistance".
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Article, Revision
from .text.blocks import split_blocks
from .text.worddiff import tokens, word_diff

AI_REASONS = (Revision.Reason.DRAFT, Revision.Reason.REGENERATE)
DRAFTS_COMPARED = 5
MIN_RUN = 3  # shorter matches ("the", "said that") are chance, not kept AI text
MAX_TOKENS = 8000  # beyond this the changed middle counts as human (word_diff's bound)


@dataclass(frozen=True)
class Provenance:
    """The body's blocks as (written_by_ai, text) pieces, and the word counts."""

    blocks: list[list[tuple[bool, str]]]
    ai_words: int
    words: int

    @property
    def ai_percent(self) -> int:
        return round(100 * self.ai_words / self.words) if self.words else 0

    @property
    def level(self) -> str:
        if not self.words or self.ai_words * 2 > self.words:
            return Article.Disclosure.AI_REVIEWED
        return Article.Disclosure.HUMAN_ASSISTED


def _units(headline: str, dek: str, body: str) -> list[str]:
    return [headline, dek, *(b.text for b in split_blocks(body))]


def _is_word(token: str) -> bool:
    return token[:1].isalnum() or token[:1] == "_"


def _words(text: str) -> int:
    return sum(1 for t in tokens(text) if _is_word(t))


def provenance(article: Article) -> Provenance:
    """Which words of ``article``'s current text the AI wrote."""
    drafts = (
        article.revisions.filter(reason__in=AI_REASONS)
        .exclude(pk=article.pending_draft_id)
        .order_by("-number")[:DRAFTS_COMPARED]
    )
    units = _units(article.headline, article.dek, article.body)
    current = "\n".join(units)
    from_ai = bytearray(len(current))
    for draft in drafts:
        old = "\n".join(_units(draft.headline, draft.dek, draft.body))
        position = 0
        for op, text in word_diff(old, current, max_tokens=MAX_TOKENS):
            if op == "delete":
                continue
            if op == "equal" and _words(text) >= MIN_RUN:
                from_ai[position : position + len(text)] = b"\x01" * len(text)
            position += len(text)
    pieces_by_unit: list[list[tuple[bool, str]]] = []
    ai_words = words = offset = 0
    for unit in units:
        pieces: list[tuple[bool, str]] = []
        state = False
        for token in tokens(unit):
            if _is_word(token):
                state = bool(from_ai[offset])
                words += 1
                ai_words += state
            if pieces and pieces[-1][0] == state:
                pieces[-1] = (state, pieces[-1][1] + token)
            else:
                pieces.append((state, token))
            offset += len(token)
        pieces_by_unit.append(pieces)
        offset += 1  # the newline between units
    return Provenance(pieces_by_unit[2:], ai_words, words)


def update_disclosure(article: Article) -> str:
    """Compute and store ``article.disclosure``; returns it."""
    level = provenance(article).level
    if level != article.disclosure:
        Article.objects.filter(pk=article.pk).update(disclosure=level)
        article.disclosure = level
    return level
