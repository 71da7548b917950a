"""Who wrote which words of an article, and the disclosure that follows.

The reader-visible text (headline, standfirst, then the body block by block) is compared with
the AI drafts stored as revisions (the newest few, not the one still waiting for review):
block by block, then word by word inside the blocks that changed. Words the current text keeps
from a draft, in runs of at least ``MIN_RUN`` words, are the AI's; every other word a human
wrote or changed. Most words from the AI makes the article "AI-generated with human review",
otherwise "Human-written with AI assistance". With no AI draft on record (text imported or
pasted, as the demo's is) nothing contradicts the article's own "AI generated" setting, and the
level stays "AI-generated with human review".
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .models import Article, Revision
from .text.blocks import split_blocks
from .text.worddiff import tokens, word_diff

AI_REASONS = (Revision.Reason.DRAFT, Revision.Reason.REGENERATE)
DRAFTS_COMPARED = 5
MIN_RUN = 3  # shorter matches ("the", "said that") are chance, not kept AI text
MAX_TOKENS = 4000  # changed blocks longer than this count as human (word_diff's bound)


@dataclass(frozen=True)
class Provenance:
    """The body's blocks as (written_by_ai, text) pieces, and the word counts."""

    blocks: list[list[tuple[bool, str]]]
    ai_words: int
    words: int
    drafts: int

    @property
    def ai_percent(self) -> int:
        return round(100 * self.ai_words / self.words) if self.words else 0

    @property
    def level(self) -> str:
        if not self.drafts or not self.words or self.ai_words * 2 > self.words:
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
    drafts = list(
        article.revisions.filter(reason__in=AI_REASONS)
        .exclude(pk=article.pending_draft_id)
        .order_by("-number")[:DRAFTS_COMPARED]
    )
    units = _units(article.headline, article.dek, article.body)
    starts = [0]
    for unit in units:
        starts.append(starts[-1] + len(unit) + 1)  # units are joined by a newline
    from_ai = bytearray(starts[-1])
    for draft in drafts:
        _mark_kept(_units(draft.headline, draft.dek, draft.body), units, starts, from_ai)
    pieces_by_unit: list[list[tuple[bool, str]]] = []
    ai_words = words = 0
    for unit, offset in zip(units, starts, strict=False):
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
    return Provenance(pieces_by_unit[2:], ai_words, words, len(drafts))


def _mark_kept(old: list[str], new: list[str], starts: list[int], from_ai: bytearray) -> None:
    """Mark in ``from_ai`` the words of ``new`` kept from ``old``: whole blocks first (cheap),
    then word by word only inside the blocks that changed."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            from_ai[starts[j1] : starts[j2]] = b"\x01" * (starts[j2] - starts[j1])
        elif tag == "replace":
            position = starts[j1]
            pieces = word_diff("\n".join(old[i1:i2]), "\n".join(new[j1:j2]), max_tokens=MAX_TOKENS)
            for op, text in pieces:
                if op == "delete":
                    continue
                if op == "equal" and _words(text) >= MIN_RUN:
                    from_ai[position : position + len(text)] = b"\x01" * len(text)
                position += len(text)


def update_disclosure(article: Article) -> str:
    """Compute and store ``article.disclosure``; returns it."""
    level = provenance(article).level
    if level != article.disclosure:
        Article.objects.filter(pk=article.pk).update(disclosure=level)
        article.disclosure = level
    return level
