"""Split an article into checkable claims: sentences, and clauses where a sentence asserts
several things. Offsets always point into the article text exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.text.sentences import Span, split_sentences

from .text import content_terms, tokens

# "…, and the first engine arrived", "…; the state has", "…, but Sato said", "… because …"
_SEPARATOR = re.compile(r";\s+|,\s+(?:and|but|while|although|though|whereas)\s+|\s+because\s+")
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|did|does|do|must|"
    r"said|says|spoke|rose|fell|began|ran|took|lost|won|paid|drew|grew|held|led|made|met|sold|"
    r"built|fought|found|gave|went|came|kept|told|left|cut|set|\w{3,}ed)\b",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(r"^(?:that|this|it|they|these|those|he|she|the\s+figure|the\s+total)\b", re.I)
# "Label: value" on a line of its own, with no sentence end.
_ROW = re.compile(r"^[^:.!?\n\"“”]{1,80}:\s+[^\n]*[^.!?\s\"”]$")  # no quote in the label
# A missed sentence end in the shared splitter: "… this year's. Spending …".
_POSSESSIVE_END = re.compile(r"(?<=[a-z]['’]s[.!?])\s+(?=[\"“A-Z])")


@dataclass(frozen=True)
class Claim:
    """One checkable part of the article. ``context`` is the text of the sentence before this
    part (for "because …" clauses, the effect the cause is claimed for)."""

    text: str
    start: int
    end: int
    sentence: Span
    context: str = ""
    is_cause: bool = False


def is_row(claim: Claim) -> bool:
    """A key-fact row or table row as the app writes it ("Residents evacuated: 1,200"): a
    label and a value, checked on its own."""
    return bool(_ROW.match(claim.text))


def row_as_sentence(text: str) -> str:
    """A key-fact row read as prose, figure first: "Residents evacuated: 1,250" -> "1,250
    residents evacuated" (how sources write a count); other text unchanged."""
    m = _ROW.match(text)
    if not m:
        return text
    label, _, value = text.partition(":")
    return f"{value.strip()} {label.strip()[:1].lower()}{label.strip()[1:]}"


def leans_on_context(claim: Claim) -> bool:
    """Whether a claim needs the text before it to be understood ("That is a third of …",
    "because …", or too short to say much alone). A key-fact row never does."""
    if is_row(claim):
        return False
    return (
        bool(_ANAPHOR.match(claim.text))
        or claim.is_cause
        or len(set(content_terms(claim.text))) < 4
    )


def extract_claims(text: str) -> list[Claim]:
    """Every sentence with content, split into independent clauses where it makes sense."""
    claims: list[Claim] = []
    for sentence in _sentences(text):
        if not tokens(sentence.text):
            continue
        claims.extend(_split(text, sentence))
    return claims


def _sentences(text: str) -> list[Span]:
    out: list[Span] = []
    for span in split_sentences(text):
        cursor = span.start
        for match in _POSSESSIVE_END.finditer(text, span.start, span.end):
            out.append(Span(text[cursor : match.start()], cursor, match.start()))
            cursor = match.end()
        out.append(Span(text[cursor : span.end], cursor, span.end))
    return out


def quote_ranges(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets of quoted passages (straight or curly double quotes), quote marks included."""
    end = len(text) if end is None else end
    ranges: list[tuple[int, int]] = []
    opening: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch == "“" or (ch == '"' and opening is None):
            opening = i
        elif (ch == "”" or ch == '"') and opening is not None:
            ranges.append((opening, i + 1))
            opening = None
    if opening is not None:
        ranges.append((opening, end))
    return ranges


def _split(text: str, sentence: Span) -> list[Claim]:
    quotes = quote_ranges(text, sentence.start, sentence.end)
    cuts: list[tuple[int, int, bool]] = []
    for match in _SEPARATOR.finditer(text, sentence.start, sentence.end):
        if any(a <= match.start() < b for a, b in quotes):
            continue
        because = match.group().strip() == "because"
        part_start = match.start() + len(match.group()) - len(match.group().lstrip())
        tail_start = part_start if because else match.end()
        before = text[(cuts[-1][1] if cuts else sentence.start) : match.start()]
        after = text[tail_start : sentence.end]
        if not _is_clause(before, need_verb=not because) or not _is_clause(after, not because):
            continue
        cuts.append((match.start(), tail_start, because))
    if not cuts:
        return [Claim(sentence.text, sentence.start, sentence.end, sentence)]
    claims: list[Claim] = []
    cursor = sentence.start
    cause_next = False
    for cut_start, cut_end, because in [*cuts, (sentence.end, sentence.end, False)]:
        part_start, part_end = _trim(text, cursor, cut_start)
        claims.append(
            Claim(
                text[part_start:part_end],
                part_start,
                part_end,
                sentence,
                context=text[sentence.start : cursor].strip(),
                is_cause=cause_next,
            )
        )
        cursor = cut_end
        cause_next = because
    return claims


def _is_clause(text: str, need_verb: bool) -> bool:
    count = len(tokens(text))
    if count < 3:
        return False
    return not need_verb or count >= 5 or bool(_FINITE.search(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end
