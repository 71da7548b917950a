"""Sources that disagree: a claim about a figure the sources give differently is flagged
``sources_disagree`` with every passage, for the editor to decide. The slot comparison is
``articles.text.slots``, the one the drafter uses for its notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from articles.text.instructions import instruction_spans
from articles.text.sentences import split_sentences
from articles.text.slots import (
    Conflict,
    Quantity,
    Slot,
    find_conflicts,
    quantities,
    same_slot,
    slots,
    values_agree,
)
from articles.text.source import SourceText
from articles.text.words import content_words, stem

from .claims import row_as_sentence
from .types import CONTRADICTED, SOURCES_DISAGREE, ClaimResult, Evidence


@dataclass(frozen=True)
class _Disputed:
    """A conflict read once: the slots its passages state, and each stated figure with the
    stems of its passage."""

    conflict: Conflict
    stated: list[Slot]
    values: list[tuple[Quantity, set[str]]]

    def sided_with(
        self, claimed: list[Quantity], claimed_slots: list[Slot], words: set[str]
    ) -> bool:
        """Whether a claim states one of the values about the same thing: the same slot, the
        same counted noun ("1,250 residents" where the sources give 1,200 or an estimated
        1,250 residents), or the value in words it shares with that value's passage (figures
        no slot names)."""
        if any(
            (same_slot(mine, s) or mine.counted & s.counted)
            and values_agree(mine.quantity, s.quantity)
            for mine in claimed_slots
            for s in self.stated
        ):
            return True
        return any(
            values_agree(mine, q) and len(words & stems) >= _SHARED_WORDS
            for mine in claimed
            for q, stems in self.values
        )


class Disagreements:
    """The conflicts among one set of sources, found once per check."""

    def __init__(self, sources: list[SourceText]) -> None:
        self.sources = {s.index: s for s in sources}
        self.sentences: list[tuple[int, str]] = []
        self.postings: dict[str, list[int]] = {}  # stem -> the sentences holding it
        for source in sources:
            notes = set(instruction_spans(source.text))
            for span in split_sentences(source.text):
                if (span.start, span.end) in notes:
                    continue
                for word in _stems(span.text):
                    self.postings.setdefault(word, []).append(len(self.sentences))
                self.sentences.append((source.index, span.text))
        self.conflicts: list[_Disputed] = []
        for conflict in find_conflicts(sources):
            stated = [
                slot
                for _, sentence, value in conflict.passages
                for slot in slots(sentence)
                if slot.quantity.text == value
            ]
            values = []
            for _, passage, value in conflict.passages:
                q = next((q for q in quantities(passage) if q.text == value), None)
                if q is not None:
                    values.append((q, _stems(passage)))
            self.conflicts.append(_Disputed(conflict, stated, values))

    def apply(self, result: ClaimResult, sentence: str) -> ClaimResult:
        """``result``, or a ``sources_disagree`` verdict when the claim states a figure the
        sources give differently and agrees with one of them (a figure none gives stays
        contradicted), unless its ``sentence`` reports every value."""
        if result.verdict == CONTRADICTED:
            return result
        text = row_as_sentence(result.text)
        claimed = quantities(text)
        if not claimed:
            return result
        claimed_slots, words = slots(text), _stems(text)
        for disputed in self.conflicts:
            if not disputed.sided_with(claimed, claimed_slots, words):
                continue
            if _reports_every_value(sentence, [q for q, _ in disputed.values]):
                return result
            return self._disagree(result, disputed.conflict)
        aligned = self._aligned_disagreement(text, claimed, words)
        if aligned is not None and not _reports_every_value(
            sentence, [q for _, passage, value in aligned.passages for q in quantities(value)]
        ):
            return self._disagree(result, aligned)
        return result

    def _disagree(self, result: ClaimResult, conflict: Conflict) -> ClaimResult:
        return replace(
            result,
            verdict=SOURCES_DISAGREE,
            reason=conflict.note(),
            evidence=self._evidence(conflict),
            difference="conflict",
        )

    def _aligned_disagreement(
        self, text: str, claimed: list[Quantity], words: set[str]
    ) -> Conflict | None:
        """Two sources saying what the claim says in their own sentence, one with the claim's
        figure and one with another for the same noun ("About 18,000 customers ... remained
        under a boil-water advisory" against "Roughly 16,500 customers on the east side ...
        were under a boil-water advisory"): the conflict finder's slots can miss what the
        claim lines up."""
        if len(words) < _ALIGNED_WORDS:
            return None
        shared: dict[int, int] = {}
        for word in words:
            for at in self.postings.get(word, ()):
                shared[at] = shared.get(at, 0) + 1
        best: dict[int, tuple[float, str]] = {}
        for at, count in shared.items():
            score = count / len(words)
            index, sentence = self.sentences[at]
            if score >= _ALIGNED_SHARE and score > best.get(index, (0.0, ""))[0]:
                best[index] = (score, sentence)
        if len(best) < 2:
            return None
        for mine in claimed:
            noun = _noun_after(text, mine)
            if noun is None:
                continue
            agreeing, other = [], []
            for index, (_, sentence) in best.items():
                theirs = [q for q in quantities(sentence) if _noun_after(sentence, q) == noun]
                same = next((q for q in theirs if values_agree(mine, q)), None)
                if same is not None:
                    agreeing.append((index, sentence, same.text))
                    continue
                rival = next(
                    (q for q in theirs if q.unit == mine.unit and _within_twofold(q, mine)), None
                )
                if rival is not None:
                    other.append((index, sentence, rival.text))
            if agreeing and other:
                label = _WORD_AFTER.match(text, mine.end)
                return Conflict(label.group(1) if label else noun, tuple(sorted(agreeing + other)))
        return None

    def _evidence(self, conflict: Conflict) -> list[Evidence]:
        evidence = []
        for index, sentence, _ in conflict.passages:
            source = self.sources.get(index)
            start = source.text.find(sentence) if source is not None else -1
            if start >= 0:
                evidence.append(Evidence(index, sentence, start, start + len(sentence)))
        return evidence


# Content words a claim must share with a passage to side with its figure (no slot names it).
_SHARED_WORDS = 3
# A source sentence says what the claim says when it has this share of the claim's content
# words, of at least this many.
_ALIGNED_SHARE = 0.6
_ALIGNED_WORDS = 4


def _noun_after(text: str, q: Quantity) -> str | None:
    """The stem of the word right after a figure ("customers" of "18,000 customers"), if it is
    a content word."""
    m = _WORD_AFTER.match(text, q.end)
    if m is None:
        return None
    found = content_words(m.group(1))
    return stem(found[0]) if found else None


_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w'’-]*)")


def _within_twofold(a: Quantity, b: Quantity) -> bool:
    low, high = sorted((abs(a.low), abs(b.low)))
    return low > 0 and high <= 2 * low


def _stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text) if not w[:1].isdigit()}


def _reports_every_value(sentence: str, stated: list[Quantity]) -> bool:
    """Whether the sentence gives every value the sources give ("the county said 1,200, the
    fire service counted 1,250"): it reports the disagreement rather than siding with one."""
    given = quantities(sentence)
    return all(any(values_agree(q, s) for q in given) for s in stated)
