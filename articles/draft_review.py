"""A new AI draft over an editor's text, reviewed paragraph by paragraph.

When the editor has changed the text, a new draft is not applied: it waits as
``Article.pending_draft``. The review pairs each block of the current body (paragraph, list
item, key-fact row, heading) with the draft's, aligning them with ``SequenceMatcher`` on their
texts; the editor accepts or discards each change (headline and standfirst too). The merged
text is saved through ``editing.save_article``, so the version check and the revision apply,
and nothing the editor did not choose to replace is replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from itertools import groupby

from django.db import transaction

from . import audit, editing
from .exceptions import TransitionRefused
from .models import Article, Revision
from .text.blocks import Block, closing_tag, split_blocks
from .text.worddiff import word_diff
from .text.words import content_stems

FIELDS = (("headline", "Headline"), ("dek", "Standfirst"))
KINDS = {"li": "List item", "tr": "Table row", "h2": "Subheading", "h3": "Subheading",
         "h4": "Subheading", "caption": "Table caption"}  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One decision: ``old`` (the editor's) becomes ``new`` (the draft's) if accepted. Either
    side may be empty (a block added or removed by the draft)."""

    key: str
    label: str
    old: str
    new: str
    old_index: int | None = None
    new_block: Block | None = None
    anchor: int = -1  # for an added block: the current block it follows (-1: the first)

    @cached_property
    def pieces(self) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
        """The two sides word by word: (changed, text) pieces, changed words highlighted."""
        left: list[tuple[bool, str]] = []
        right: list[tuple[bool, str]] = []
        for op, text in word_diff(self.old, self.new):
            if op in ("equal", "delete"):
                left.append((op == "delete", text))
            if op in ("equal", "insert"):
                right.append((op == "insert", text))
        return left, right

    @property
    def left(self) -> list[tuple[bool, str]]:
        return self.pieces[0]

    @property
    def right(self) -> list[tuple[bool, str]]:
        return self.pieces[1]


@dataclass
class Row:
    """A run of unchanged blocks (collapsed on the page) or one change."""

    same: list[str] = field(default_factory=list)
    change: Change | None = None


@dataclass(frozen=True)
class DraftReview:
    article: Article
    draft: Revision
    fields: list[Change]
    rows: list[Row]

    @property
    def changes(self) -> list[Change]:
        return self.fields + [row.change for row in self.rows if row.change is not None]


def review(article: Article) -> DraftReview | None:
    """The pending draft of ``article`` against its current text, or None when none waits."""
    draft = article.pending_draft
    if draft is None:
        return None
    fields = [
        Change(key, label, getattr(article, key), getattr(draft, key))
        for key, label in FIELDS
        if getattr(article, key) != getattr(draft, key)
    ]
    return DraftReview(article, draft, fields, _body_rows(article.body, draft.body))


def _body_rows(current: str, new: str) -> list[Row]:
    old_blocks, new_blocks = split_blocks(current), split_blocks(new)
    matcher = SequenceMatcher(
        None, [b.text for b in old_blocks], [b.text for b in new_blocks], autojunk=False
    )
    rows: list[Row] = []
    count = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.append(Row(same=[b.text for b in old_blocks[i1:i2]]))
            continue
        after = i1 - 1  # the current block an added one follows
        for old_index, j in _pairs(old_blocks, new_blocks, i1, i2, j1, j2):
            new_block = new_blocks[j] if j is not None else None
            if old_index is not None:
                after = old_index
            count += 1
            rows.append(
                Row(
                    change=Change(
                        f"b{count}",
                        KINDS.get((new_block or old_blocks[old_index]).tag, "Paragraph"),
                        old_blocks[old_index].text if old_index is not None else "",
                        new_block.text if new_block else "",
                        old_index=old_index,
                        new_block=new_block,
                        anchor=after,
                    )
                )
            )
    return rows


# How alike (the share of content words) a draft block must be to an editor's block to be
# offered as its rewrite; below it, the editor's block is one the draft drops and the draft's
# one it adds. Two rewrites of one paragraph share its names and figures ("Lakemont",
# "council", "Tuesday", "bridge"); unrelated paragraphs next to each other share next to none.
_ALIKE = 0.3


def _pairs(
    old: list[Block], new: list[Block], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int | None, int | None]]:
    """The changed blocks ``old[i1:i2]`` and ``new[j1:j2]`` in order, each old block paired
    with the draft block most like it (in order, at least :data:`_ALIKE` alike), the others
    alone: a removal or an addition, never an unrelated replacement."""
    n, m = i2 - i1, j2 - j1
    alike = [[_likeness(old[i1 + a].text, new[j1 + b].text) for b in range(m)] for a in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]  # best total likeness of the suffixes
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            paired = alike[a][b] + best[a + 1][b + 1] if alike[a][b] >= _ALIKE else -1.0
            best[a][b] = max(paired, best[a + 1][b], best[a][b + 1])
    out: list[tuple[int | None, int | None]] = []
    a = b = 0
    while a < n and b < m:
        if alike[a][b] >= _ALIKE and best[a][b] == alike[a][b] + best[a + 1][b + 1]:
            out.append((i1 + a, j1 + b))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            out.append((i1 + a, None))
            a += 1
        else:
            out.append((None, j1 + b))
            b += 1
    out += [(i1 + k, None) for k in range(a, n)] + [(None, j1 + k) for k in range(b, m)]
    return out


def _terms(text: str) -> set[str]:
    return content_stems(text) | set(re.findall(r"\d[\d.,:]*\d|\d", text))


def _likeness(a: str, b: str) -> float:
    """The share of the shorter block's content words and figures the other has too."""
    words_a, words_b = _terms(a), _terms(b)
    if not words_a or not words_b:
        return float(a.strip() == b.strip())
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def merged(draft_review: DraftReview, accepted: set[str]) -> dict[str, str]:
    """The text fields that change when the ``accepted`` changes are applied."""
    article, draft = draft_review.article, draft_review.draft
    result = {c.key: c.new for c in draft_review.fields if c.key in accepted}
    body_changes = [c for c in draft_review.changes if c.key.startswith("b")]
    if body_changes and all(c.key in accepted for c in body_changes):
        result["body"] = draft.body
    elif any(c.key in accepted for c in body_changes):
        result["body"] = _merge_body(article.body, [c for c in body_changes if c.key in accepted])
    return result


def _merge_body(current: str, accepted: list[Change]) -> str:
    """``current`` with the accepted blocks swapped in, removed or added; the rest, and the
    markup between blocks, exactly as it was."""
    blocks = split_blocks(current)
    edits: list[tuple[int, int, str]] = []
    added: dict[int, list[Block]] = {}
    for change in accepted:
        if change.old_index is not None:
            old = blocks[change.old_index]
            edits.append((old.start, old.end, change.new_block.html if change.new_block else ""))
        elif change.new_block is not None:
            added.setdefault(change.anchor, []).append(change.new_block)
    for anchor, new in added.items():
        for container, run in groupby(new, key=lambda b: b.container):
            position, inside = _insertion_point(current, blocks, anchor, container)
            edits.append((position, position, _wrapped(list(run), container, inside)))
    out, cursor = [], 0
    for start, end, html in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(current[cursor:start] + html)
        cursor = end
    out.append(current[cursor:])
    return "".join(out)


def _insertion_point(
    current: str, blocks: list[Block], anchor: int, container: str
) -> tuple[int, str]:
    """Where blocks added after block ``anchor`` (-1: before the first) go, and the list or
    table they land in: outside the anchor's list or table unless they are items like its."""
    if not blocks:
        return len(current), ""
    block = blocks[max(anchor, 0)]
    if block.container and block.container != container:
        if anchor < 0:
            found = current.rfind(block.container, 0, block.start)
            if found >= 0:
                return found, ""
        else:
            close = closing_tag(block.container)
            found = current.find(close, block.end)
            if found >= 0:
                return found + len(close), ""
    return (block.start if anchor < 0 else block.end), block.container


def _wrapped(run: list[Block], container: str, inside: str) -> str:
    """Added blocks of one kind: list items or rows wrapped in their list or table unless they
    land in one like it."""
    html = "".join(b.html for b in run)
    if container and container != inside:
        return f"{container}{html}{closing_tag(container)}"
    return html


def resolve(
    article: Article,
    user,
    *,
    draft_number: int,
    expected_version: int,
    accepted: Iterable[str] = (),
    accept_all: bool = False,
) -> int:
    """Apply the ``accepted`` changes of the pending draft (or all of them; none: discard the
    draft) and clear it. Returns how many changes were accepted.

    Raises EditConflict when the article was saved since ``expected_version`` (nothing is
    changed; the draft keeps waiting) and TransitionRefused when the draft is no longer the one
    waiting or the article is published (its text changes only through a correction).
    """
    with transaction.atomic():
        article = (
            Article.objects.select_for_update(of=("self",))
            .select_related("pending_draft")
            .get(pk=article.pk)
        )
        draft_review = review(article)
        if draft_review is None or draft_review.draft.number != draft_number:
            raise TransitionRefused("This AI draft is no longer waiting for review.")
        if article.version != expected_version:
            raise editing.EditConflict(article, {})
        keys = {c.key for c in draft_review.changes}
        chosen = keys if accept_all else set(accepted) & keys
        if chosen and article.status == Article.Status.PUBLISHED:
            raise TransitionRefused("Published text changes only through a correction.")
        fields = merged(draft_review, chosen)
        if fields:
            note = (
                f"Accepted {len(chosen)} of {len(keys)} changes from AI draft revision "
                f"{draft_number}; the editor's other text kept."
            )
            editing.save_article(
                article, user, expected_version=expected_version,
                reason=Revision.Reason.AI_MERGE, note=note, **fields,
            )  # fmt: skip
        Article.objects.filter(pk=article.pk).update(pending_draft=None)
        if not chosen:
            audit.record(
                user, "article.draft_discarded", article=article,
                reason=f"AI draft revision {draft_number} discarded.",
            )  # fmt: skip
    return len(chosen)
