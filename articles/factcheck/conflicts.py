"""Sources that disagree: a claim about a figure the sources give differently is flagged
``sources_disagree`` with every passage, for the editor to decide. The slot comparison is
``articles.text.slots``, the one the drafter uses for its notes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from articles.text.slots import (
    AlignedSentences,
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
from articles.text.words import content_stems

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
        self.aligned = AlignedSentences(sources)
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
                    values.append((q, content_stems(passage)))
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
        claimed_slots, words = slots(text), content_stems(text)
        for disputed in self.conflicts:
            if not disputed.sided_with(claimed, claimed_slots, words):
                continue
            if _reports_every_value(sentence, [q for q, _ in disputed.values]):
                return result
            return self._disagree(result, disputed.conflict)
        aligned = self.aligned.disagreement(text)
        if aligned is not None and not _reports_every_value(
            sentence, [q for _, _, value in aligned.passages for q in quantities(value)]
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


def _reports_every_value(sentence: str, stated: list[Quantity]) -> bool:
    """Whether the sentence gives every value the sources give ("the county said 1,200, the
    fire service counted 1,250"): it reports the disagreement rather than siding with one."""
    given = quantities(sentence)
    return all(any(values_agree(q, s) for q in given) for s in stated)
