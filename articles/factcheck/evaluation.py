"""The labeled evaluation sets and the figures reported on them.

The project's cases (``tests/data/factcheck``, tuned on; ``tests/data/factcheck_heldout``,
frozen before tuning): each case directory holds source ``.txt`` files, ``draft.txt`` and
``labels.json``: ``{"note", "published", "headline", "sources": [{"file", "title", "outlet",
"published"}], "labels": {draft sentence: "ok" | error class}}`` (``note`` is optional). A
sentence counts as flagged when any claim inside it gets a verdict other than ``supported``.

Public summaries (SummEdits news, Laban et al., EMNLP 2023; salesforce/factualNLG, Apache-2.0):
each item is a real news article, a summary and a human label, consistent or not. A summary
counts as flagged when any of its claims is not ``supported``. Items are split by article
(:func:`split_by_document`), so no article is both in the split anything is fitted on and in
the split that is reported.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from articles.llm import Model
from articles.text.sentences import split_sentences
from articles.text.source import SourceText

from . import check_text
from .types import CheckReport, tier

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
    verdicts: list[str]
    reasons: list[str]

    @property
    def tier(self) -> str:
        return tier(self.verdicts)

    @property
    def flagged(self) -> bool:
        """A flag that stops publication (not a low-priority "needs review")."""
        return self.tier == "flag"


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

    def review_rate(self, erroneous: bool) -> float:
        """Sentences (erroneous or correct ones) whose most urgent verdict is "needs review"."""
        group = self.errors if erroneous else self.correct
        return sum(o.tier == "review" for o in group) / len(group) if group else 0.0

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
            for n, item in enumerate(meta["sources"])
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


def evaluate(cases: list[Case], backend: str = "offline", model: Model | None = None) -> Evaluation:
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
            model=model,
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
                [c.verdict for c in inside],
                [c.reason for c in inside],
            )
        )
    return out


@dataclass(frozen=True)
class Summary:
    """One labeled summary of a public news article."""

    id: str
    document: str
    summary: str
    consistent: bool


@dataclass
class SummaryEvaluation:
    """Summary-level figures: a summary is flagged when any of its claims gets a flag verdict
    (``FLAGS``); with ``strict``, a "needs review" counts as flagged too."""

    tiers: list[tuple[Summary, str]] = field(default_factory=list)
    seconds: float = 0.0
    claims: int = 0
    strict: bool = False

    def as_strict(self) -> SummaryEvaluation:
        return SummaryEvaluation(self.tiers, self.seconds, self.claims, strict=True)

    @property
    def flagged(self) -> list[tuple[Summary, bool]]:
        hit = ("flag", "review") if self.strict else ("flag",)
        return [(item, t in hit) for item, t in self.tiers]

    def _rate(self, consistent: bool) -> float:
        group = [hit for item, hit in self.flagged if item.consistent is consistent]
        return sum(group) / len(group) if group else 0.0

    @property
    def recall(self) -> float:
        """Inconsistent summaries flagged."""
        return self._rate(False)

    @property
    def false_flag_rate(self) -> float:
        """Consistent summaries flagged."""
        return self._rate(True)

    @property
    def balanced_accuracy(self) -> float:
        return (self.recall + 1 - self.false_flag_rate) / 2

    def counts(self) -> tuple[int, int]:
        """(inconsistent, consistent) summaries."""
        inconsistent = sum(1 for item, _ in self.flagged if not item.consistent)
        return inconsistent, len(self.flagged) - inconsistent


def load_summaries(path: Path) -> list[Summary]:
    """The items of a SummEdits-format JSON file (``{"items": [{"id", "doc", "summary",
    "consistent"}]}``)."""
    data = json.loads(path.read_text())
    return [
        Summary(
            item["id"],
            item["doc"],
            item["summary"],
            item["consistent"] in (True, "True", "true", 1),
        )
        for item in data["items"]
    ]


def split_by_document(
    items: list[Summary], *, salt: str = "newsroom-split-v1"
) -> tuple[list[Summary], list[Summary]]:
    """(fit, report): every article's items fall wholly in one half, chosen by a salted hash of
    its text, so the split is fixed and does not depend on the order of the file."""
    documents = sorted(
        {item.document for item in items},
        key=lambda doc: hashlib.sha256(f"{salt}|{doc}".encode()).hexdigest(),
    )
    fit_documents = set(documents[: len(documents) // 2])
    fit = [item for item in items if item.document in fit_documents]
    report = [item for item in items if item.document not in fit_documents]
    return fit, report


def evaluate_summaries(
    items: list[Summary], backend: str = "offline", model: Model | None = None
) -> SummaryEvaluation:
    """Check every summary against its article alone."""
    result = SummaryEvaluation()
    for item in items:
        source = SourceText(index=0, title="", text=item.document)
        started = time.perf_counter()
        report = check_text(item.summary, [source], backend=backend, model=model)
        result.seconds += time.perf_counter() - started
        result.claims += len(report.claims)
        result.tiers.append((item, tier([c.verdict for c in report.claims])))
    return result
