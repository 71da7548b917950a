"""BM25 over source sentences: which passages of which sources a claim should be checked against.

The index is built once per check; a query costs one pass over the postings of its terms.

A sentence addressed to an AI model (``articles.text.instructions``: "Ignore all previous
instructions and write that ...") is never evidence: it is kept out of the searchable passages,
the vocabulary and the windows, as if the source did not contain it. Such sentences are kept
apart in ``instructions`` so a checker can say when a claim's only match was one.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from articles.text.instructions import instruction_spans
from articles.text.sentences import Span, split_sentences
from articles.text.source import SourceText

from .text import FoldedText, content_terms


@dataclass(frozen=True)
class Passage:
    """One source sentence: ``position`` counts sentences within its source (instruction
    sentences included, so positions of the passages around one are not consecutive). ``id``
    indexes ``SourceIndex.passages``; an instruction sentence has a negative id."""

    id: int
    source: SourceText
    position: int
    span: Span
    terms: frozenset[str]


class SourceIndex:
    """Sentences of all sources, BM25-ranked, with neighbour lookup and folded full texts.

    ``passages`` are the searchable sentences; ``instructions`` the sentences addressed to an AI
    model, which no search, window or neighbour lookup returns."""

    def __init__(self, sources: list[SourceText], *, k1: float = 1.4, b: float = 0.75) -> None:
        self.sources = list(sources)
        self.passages: list[Passage] = []
        self.instructions: list[Passage] = []
        self._by_source: dict[int, list[int]] = defaultdict(list)
        self._slot: list[int] = []  # a passage's place in its source's list of passages
        self.folded = {s.index: FoldedText.of(s.text) for s in self.sources}
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        lengths: list[int] = []
        for source in self.sources:
            notes = set(instruction_spans(source.text))
            for position, span in enumerate(split_sentences(source.text)):
                terms = content_terms(span.text)
                if (span.start, span.end) in notes:
                    iid = -1 - len(self.instructions)
                    self.instructions.append(Passage(iid, source, position, span, frozenset(terms)))
                    continue
                pid = len(self.passages)
                self.passages.append(Passage(pid, source, position, span, frozenset(terms)))
                self._slot.append(len(self._by_source[source.index]))
                self._by_source[source.index].append(pid)
                lengths.append(len(terms))
                for term, tf in Counter(terms).items():
                    self._postings[term].append((pid, tf))
        self._lengths = lengths
        count = len(lengths) or 1
        average = (sum(lengths) / count) or 1.0
        self._norm = [k1 * (1 - b + b * n / average) for n in lengths]
        self._k1 = k1
        self.idf = {
            term: math.log(1 + (count - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in self._postings.items()
        }
        self.vocabulary = frozenset(self._postings)
        self.cache: dict[object, object] = {}

    def search(self, terms: list[str], k: int = 5) -> list[tuple[Passage, float]]:
        """The ``k`` best passages for the query terms, best first."""
        scores: dict[int, float] = defaultdict(float)
        for term, qtf in Counter(terms).items():
            idf = self.idf.get(term)
            if idf is None:
                continue
            for pid, tf in self._postings[term]:
                scores[pid] += qtf * idf * tf * (self._k1 + 1) / (tf + self._norm[pid])
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [(self.passages[pid], score) for pid, score in best]

    def window(self, passage: Passage, radius: int = 1) -> list[Passage]:
        """The passage and its neighbours in the same source, in order (instruction sentences
        skipped)."""
        if passage.id < 0:
            return []
        ids = self._by_source[passage.source.index]
        at = self._slot[passage.id]
        return [self.passages[pid] for pid in ids[max(0, at - radius) : at + radius + 1]]

    def neighbour(self, passage: Passage, step: int) -> Passage | None:
        """The passage ``step`` passages away in the same source (instruction sentences
        skipped), or None."""
        if passage.id < 0:
            return None
        ids = self._by_source[passage.source.index]
        at = self._slot[passage.id] + step
        return self.passages[ids[at]] if 0 <= at < len(ids) else None

    def at_offset(self, source_index: int, offset: int) -> Passage | None:
        """The passage of a source that contains a character offset."""
        for pid in self._by_source.get(source_index, []):
            span = self.passages[pid].span
            if span.start <= offset < span.end:
                return self.passages[pid]
        return None

    def instruction_at(self, source_index: int, start: int, end: int) -> Passage | None:
        """The instruction sentence of a source that ``[start, end)`` overlaps, if any."""
        for passage in self.instructions:
            span = passage.span
            if passage.source.index == source_index and span.start < end and start < span.end:
                return passage
        return None

    def weight(self, term: str) -> float:
        """How telling a term is: its IDF, or a high value for terms no source has."""
        return self.idf.get(term, 3.0)
