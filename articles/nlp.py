"""Small, dependency-free text primitives shared by the drafting and fact-check backends.

Everything works on character offsets into the original text, so a sentence found here can be
highlighted in the article or quoted from the source exactly.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt ft gen gov sen rep col lt sgt capt cmdr adm rev hon "
    "inc ltd co corp dept univ assn bros no vol fig approx est vs etc al e.g i.e "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun u.s u.k".split()
)

_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+|$)""")
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,'’-][A-Za-z0-9]+)*")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say
    told according""".split()
)


@dataclass(frozen=True)
class SourceText:
    """A source as the drafting and fact-check backends see it: plain data, no ORM."""

    index: int
    title: str
    text: str
    outlet: str = ""
    url: str = ""
    published: datetime | None = None
    source_id: int | None = None


@dataclass(frozen=True)
class Span:
    """A piece of text and where it sits in the text it came from."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Split text into sentences with offsets; paragraphs (blank lines) always end a sentence."""
    spans: list[Span] = []
    for para in _paragraphs(text):
        spans.extend(_split_paragraph(text, para.start, para.end))
    return spans


def _paragraphs(text: str) -> Iterator[Span]:
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


def words(text: str) -> list[str]:
    """Lower-cased word tokens (numbers included, internal punctuation kept: 4.2, 1,200)."""
    return [w.lower() for w in _WORD.findall(text)]


def content_words(text: str) -> list[str]:
    """Word tokens without stopwords: what a sentence is about."""
    return [w for w in words(text) if w not in STOPWORDS]


def stem(word: str) -> str:
    """A crude suffix stripper, enough to match 'repairs'/'repaired'/'repairing'."""
    for suffix in ("ingly", "edly", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word
