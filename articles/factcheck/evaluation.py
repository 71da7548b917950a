"""The labeled evaluation set (tests/data/factcheck) and the figures reported on it.

Each case directory holds source ``.txt`` files, ``draft.txt`` and ``labels.json``:
``{"note", "published", "headline", "sources": [{"file", "title", "outlet", "published"}],
"labels": {draft sentence: "ok" | error class}}`` (``note`` is optional). A sentence counts as
flagged when any claim inside it gets a verdict other than ``supported``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from articles.text.sentences import split_sentences
from articles.text.source import SourceText

from . import check_text
from .types import SUPPORTED, CheckReport

OK = "ok"


@dataclass
class Case:
    name: str
    sources: list[SourceText]
    draft: str
    published: date | None
    headline: str
    labels: dict[str, str]
    note: str = ""


@dataclass
class Outcome:
    case: str
    sentence: str
    label: str
    flagged: bool
    verdicts: list[str]
    reasons: list[str]


@dataclass
class Evaluation:
    outcomes: list[Outcome] = field(default_factory=list)
    claims: int = 0
    seconds: float = 0.0

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.label != OK]

    @property
    def correct(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.label == OK]

    @property
    def recall(self) -> float:
        errors = self.errors
        return sum(o.flagged for o in errors) / len(errors) if errors else 1.0

    @property
    def false_flag_rate(self) -> float:
        correct = self.correct
        return sum(o.flagged for o in correct) / len(correct) if correct else 0.0

    def per_class(self) -> dict[str, tuple[int, int]]:
        """Error class -> (flagged, total)."""
        total = Counter(o.label for o in self.errors)
        hit = Counter(o.label for o in self.errors if o.flagged)
        return {label: (hit[label], total[label]) for label in sorted(total)}


def load_cases(root: Path) -> list[Case]:
    cases = []
    for directory in sorted(p for p in root.iterdir() if (p / "labels.json").exists()):
        meta = json.loads((directory / "labels.json").read_text())
        sources = [
            SourceText(
                index=n,
                title=item.get("title", item["file"]),
                text=(directory / item["file"]).read_text(),
                outlet=item.get("outlet", ""),
                published=datetime.fromisoformat(item["published"])
                if item.get("published")
                else None,
            )
            for n, item in enumerate(meta["sources"], start=1)
        ]
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        cases.append(
            Case(
                directory.name,
                sources,
                (directory / "draft.txt").read_text(),
                published,
                meta.get("headline", ""),
                meta["labels"],
                meta.get("note", ""),
            )
        )
    return cases


def evaluate(cases: list[Case], backend: str = "offline") -> Evaluation:
    """Check every draft and score each labeled sentence."""
    result = Evaluation()
    for case in cases:
        started = time.perf_counter()
        report = check_text(
            case.draft,
            case.sources,
            backend=backend,
            published=case.published,
            headline=case.headline,
        )
        result.seconds += time.perf_counter() - started
        result.claims += len(report.claims)
        result.outcomes.extend(_score(case, report))
    return result


def _score(case: Case, report: CheckReport) -> list[Outcome]:
    sentences = split_sentences(case.draft)
    texts = {s.text for s in sentences}
    unknown = [t for t in case.labels if t not in texts]
    if unknown:
        raise ValueError(f"{case.name}: labels for sentences not in the draft: {unknown}")
    out = []
    for sentence in sentences:
        label = case.labels.get(sentence.text)
        if label is None:
            raise ValueError(f"{case.name}: unlabeled sentence {sentence.text!r}")
        inside = [c for c in report.claims if c.start >= sentence.start and c.end <= sentence.end]
        out.append(
            Outcome(
                case.name,
                sentence.text,
                label,
                any(c.verdict != SUPPORTED for c in inside),
                [c.verdict for c in inside],
                [c.reason for c in inside],
            )
        )
    return out
