"""Sentences and paragraphs with exact character offsets into the original text, so a sentence
found here can be highlighted in the article or quoted from the source exactly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt ft gen gov sen rep col lt sgt capt cmdr adm rev hon "
    "inc ltd co corp dept univ assn bros no vol fig approx est vs etc al e.g i.e "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun u.s u.k".split()
)

_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+|$)""")


@dataclass(frozen=True)
class Span:
    """A piece of text and where it sits in the text it came from."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Split text into sentences with offsets; paragraphs (blank lines) always end a sentence.
    Cached: a check splits each source for its index, its conflicts and its instructions."""
    return list(_split_sentences(text))


@lru_cache(maxsize=256)
def _split_sentences(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for para in paragraphs(text):
        spans.extend(_split_paragraph(text, para.start, para.end))
    return tuple(spans)


def paragraphs(text: str) -> Iterator[Span]:
    """The non-blank paragraphs of ``text`` (runs of lines between blank lines)."""
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if match.group().strip():
            yield Span(match.group(), match.start(), match.end())


def _split_paragraph(text: str, start: int, end: int) -> Iterator[Span]:
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _is_abbreviation(text, cursor, match.start()) or _next_is_lowercase(text, match.end()):
            continue
        yield from _trimmed(text, cursor, match.end())
        cursor = match.end()
    if cursor < end:
        yield from _trimmed(text, cursor, end)


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"(?<!['’])([A-Za-z.]+)$", text[sentence_start:dot])
    if not word:
        return bool(re.search(r"\d$", text[sentence_start:dot]) and re.match(r"\.\d", text[dot:]))
    token = word.group(1).lower()
    return token in ABBREVIATIONS or len(token) == 1


def _next_is_lowercase(text: str, end: int) -> bool:
    following = text[end:].lstrip()
    return bool(following) and following[0].islower()


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Span(text[start:end], start, end)
