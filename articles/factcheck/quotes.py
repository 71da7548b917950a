"""Direct quotes: finding them verbatim in the sources and working out who said them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from articles.text.source import SourceText
from articles.text.speech import QUOTED, SPEECH_VERB

from .claims import quote_ranges
from .names import NameRef, find_names
from .retrieval import Passage, SourceIndex
from .text import FoldedText, content_terms, fold

_SAY = rf"(?:told\s+\w+(?:\s+\w+)?|{SPEECH_VERB})"
_ABBR = r"(?:Dr|Mr|Mrs|Ms|Prof|St|Sen|Rep|Gov|Gen|Lt|Sgt|Capt|Col|Jr|Sr)\.\s+"
_WHO = rf"(?:{_ABBR}|[^,.;:!?\"“”])"
_AFTER = re.compile(rf"^[\s,]*{_SAY}\s+(?P<who>{_WHO}+)|^[\s,]*(?P<who2>{_WHO}+?)\s+{_SAY}\b")
# "Ailsa Frew, the airport's Chief Fire Officer, said:": the name before an appositive.
_BEFORE = re.compile(
    rf"(?P<who>{_WHO}+?)(?:,\s*(?P<also>[^,\"“”]{{1,80}}),)?\s+{_SAY}\b[^\"“”]{{0,60}}$"
)
_ONLY_A_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s*){1,4}")  # "Morag Ellison", "Cllr Tom Haddow"
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


@dataclass(frozen=True)
class Quote:
    """A quoted passage in the article: ``inner`` is the text between the quote marks."""

    inner: str
    start: int
    end: int


@dataclass(frozen=True)
class QuoteMatch:
    source: SourceText
    start: int
    end: int


def quotes_in(text: str, start: int, end: int) -> list[Quote]:
    """Quoted passages inside ``text[start:end]`` (offsets of the quoted words)."""
    out = []
    for a, b in quote_ranges(text, start, end):
        inner_start, inner_end = a + 1, b - 1 if text[b - 1] in '"”' else b
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and (text[inner_end - 1] in " ,.;:!?"):
            inner_end -= 1
        if inner_end > inner_start:
            out.append(Quote(text[inner_start:inner_end], inner_start, inner_end))
    return out


def find_verbatim(index: SourceIndex, inner: str) -> list[QuoteMatch]:
    """Every place a quote occurs in the sources, ignoring only curly quotes, case and spacing.
    An ellipsis inside the quote matches any gap between its pieces, in order. A match that
    touches a sentence addressed to an AI model (``index.instructions``) does not count."""
    return [
        m
        for m in _verbatim(index, inner)
        if index.instruction_at(m.source.index, m.start, m.end) is None
    ]


def instruction_quoted(index: SourceIndex, inner: str) -> Passage | None:
    """The instruction sentence a quote occurs in, for a quote :func:`find_verbatim` does not
    find anywhere else; None otherwise."""
    if not index.instructions:
        return None
    found = None
    for m in _verbatim(index, inner):
        passage = index.instruction_at(m.source.index, m.start, m.end)
        if passage is None:
            return None
        found = found or passage
    return found


def _verbatim(index: SourceIndex, inner: str) -> list[QuoteMatch]:
    pieces = [p.strip(" ,") for p in re.split(r"\s*(?:\.\.\.|…)\s*", inner) if p.strip(" ,")]
    if not pieces:
        return []
    matches: list[QuoteMatch] = []
    for source in index.sources:
        folded = index.folded[source.index]
        for first in folded.find_all(pieces[0]):
            last: tuple[int, int] | None = first
            for piece in pieces[1:]:
                last = folded.find(piece, _folded_pos(folded, last[1]))
                if last is None:
                    break
            if last is not None:
                matches.append(QuoteMatch(source, first[0], last[1]))
    return matches


def _folded_pos(folded: FoldedText, original_offset: int) -> int:
    """The folded position of an offset in the original text."""
    offsets = folded.offsets
    lo, hi = 0, len(offsets)
    while lo < hi:
        mid = (lo + hi) // 2
        if offsets[mid] < original_offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def closest(index: SourceIndex, inner: str) -> tuple[Passage, float] | None:
    """The source sentence most like a quote that was not found, and how alike (0-1)."""
    target = fold(inner)
    best: tuple[Passage, float] | None = None
    for passage, _ in index.search(content_terms(inner), k=8):
        candidate = fold(passage.span.text)
        matcher = difflib.SequenceMatcher(None, target, candidate, autojunk=False)
        blocks = sum(b.size for b in matcher.get_matching_blocks())
        score = blocks / max(1, len(target))
        if best is None or score > best[1]:
            best = (passage, score)
    return best


def claimed_speaker(text: str, sentence_start: int, sentence_end: int, quote: Quote) -> str:
    """Who the article says spoke the quote: '"…," Mayor Lena Ortiz said' -> 'Mayor Lena Ortiz'."""
    ranges = quote_ranges(text, sentence_start, sentence_end)
    after_end = next((b for a, b in ranges if a > quote.end), sentence_end)
    after = text[quote.end : after_end].lstrip(" ,.;:!?\"”'’")
    before_start = max((b for a, b in ranges if b <= quote.start), default=sentence_start)
    before = text[before_start : quote.start].rstrip('"“ ')
    speaker = _speaker_after(after) or _speaker_before(before)
    return "" if speaker == _PRONOUN else speaker


def source_speaker(index: SourceIndex, match: QuoteMatch) -> str:
    """Who said a quote in a source: the attribution next to its quote marks, or for a quote
    that continues an earlier one in the same paragraph, that one's attribution."""
    source = match.source
    ranges = _source_quotes(index, source)
    inside = [n for n, (a, b, _) in enumerate(ranges) if a <= match.start < b]
    if not inside:
        passage = index.at_offset(source.index, match.start)
        if passage is None:
            return ""
        speaker = _speaker_before(source.text[passage.span.start : match.start])
        return _last_person(index, passage, match.start) if speaker == _PRONOUN else speaker
    return _range_speaker(index, source, ranges, inside[0])


def _range_speaker(
    index: SourceIndex, source: SourceText, ranges: list[tuple[int, int, int]], n: int
) -> str:
    text = source.text
    for step in range(n, max(-1, n - 3), -1):
        a, b, paragraph = ranges[step]
        if paragraph != ranges[n][2]:
            break
        after = index.at_offset(source.index, b - 1)
        if after is not None:
            speaker = _speaker_after(text[b : after.span.end])
            if speaker == _PRONOUN:
                return _last_person(index, after, a)
            if speaker:
                return speaker
        before = index.at_offset(source.index, a)
        if before is not None:
            speaker = _speaker_before(text[before.span.start : a])
            if speaker == _PRONOUN:
                return _last_person(index, before, a)
            if speaker:
                return speaker
    first = next(r[0] for r in ranges if r[2] == ranges[n][2])
    intro = _INTRO.search(text, max(0, first - _SPEAKER_REACH), first)
    if intro is not None:  # 'Director of rugby Owen Tremlett-Asante said:' and, below, the quote
        speaker = _speaker_before(intro.group(1))
        if speaker and speaker != _PRONOUN:
            return speaker
    return ""


# A line introducing the paragraph of quotation after it: "Chief executive Lisa Farrant said:".
_INTRO = re.compile(
    rf"(?m)^([^\n]*\b{_SAY}\s*:)[ \t]*\n(?:[ \t]*\n)?[ \t]*\Z"
)  # the speech verb last: not "said the club had been sent a warning by the league:"


# What an attribution by pronoun ("she said") returns, for the caller to resolve.
_PRONOUN = "\0pronoun"


def _last_person(index: SourceIndex, passage: Passage, offset: int) -> str:
    """Who a pronoun attribution refers to: the last person the text before the quote says
    spoke, in its sentence or the one before it in the same paragraph ("Councillor Ishbel
    Drummond ... said the council would ask for a review. '...,' she said."); "" when none
    is said to."""
    text = passage.source.text
    window = text[passage.span.start : offset]
    previous = index.neighbour(passage, -1)
    if previous is not None and "\n\n" not in text[previous.span.end : passage.span.start]:
        window = f"{previous.span.text} {window}"
    window = QUOTED.sub(" ", window)[-_SPEAKER_REACH:]  # bounds the search on hostile text
    speakers = [_name_in(m.group("who")) for m in _SUBJECT.finditer(window)]
    speakers = [name for name in speakers if name and name != _PRONOUN]
    if speakers:
        return speakers[-1]
    subjects = [m.group("who") for m in _NAMED_SUBJECT.finditer(window)]  # "Harriet Moyle, ..."
    return subjects[-1] if subjects else ""


_SPEAKER_REACH = 400  # characters before a quote read for who spoke it
# A person a sentence opens on, when none is said to speak: "Harriet Moyle, who leads the
# Independents group, voted against. 'Nobody ...,' she said."
_NAMED_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<who>[A-Z][a-z][\w'’-]*\s+[A-Z][a-z][\w'’-]*(?:-[A-Z][\w'’-]*)?)"
    r"(?=,|\s+(?:[a-z]+ed|has|had|was|is|says|voted|spoke)\b)"
)
# Who a sentence says spoke: "Superintendent Victor Hanlon said", "Owen Achterberg, a
# professor of chemistry, said" (not "Linden Street", named later in the sentence).
_SUBJECT = re.compile(rf"(?P<who>{_WHO}+?)(?:,\s*[^,\"“”]{{1,80}},)?\s+{_SAY}\b")


def _source_quotes(index: SourceIndex, source: SourceText) -> list[tuple[int, int, int]]:
    """Quote ranges of a source, paired within each paragraph, with a paragraph number."""
    key = ("quotes", source.index)
    if key not in index.cache:
        ranges = []
        for n, para in enumerate(re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", source.text)):
            ranges.extend((a, b, n) for a, b in quote_ranges(source.text, para.start(), para.end()))
        index.cache[key] = ranges
    return index.cache[key]


def _speaker_after(after: str) -> str:
    """The name in an attribution after a quote ('..., Drummond said'), :data:`_PRONOUN` for
    a pronoun, or ""."""
    m = _AFTER.match(after)
    if not m:
        return ""
    return _name_in(m.group("who") or m.group("who2") or "")


def _speaker_before(before: str) -> str:
    """The name in an attribution before a quote: "Ailsa Frew, the airport's fire chief,
    said:", or the name in the appositive after a role ("The group's vice-chair, Morag
    Ellison, said:")."""
    m = _BEFORE.search(before)
    if not m:
        return ""
    also = m.group("also")
    if also and _ONLY_A_NAME.fullmatch(also.strip()):
        return _name_in(m.group("who")) or _name_in(also)
    return _name_in(m.group("who"))


def _name_in(fragment: str) -> str:
    words = fragment.split()
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return _PRONOUN
    names: list[NameRef] = [n for n in find_names(fragment) if n.key_words and not n.is_common]
    if not names:
        return ""
    return names[-1].person
