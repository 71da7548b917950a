"""Fact-checking an article against its sources, on plain data (no ORM).

``check_text`` splits the article into claims, checks each against the sources with the chosen
backend and adds article-level issues (dates against the publish date, headline against body).
Pass ``previous`` (``report.by_hash()`` of an earlier run) to reuse verdicts for claims whose
text, context and sources have not changed.
"""

from __future__ import annotations

import hashlib
import time
from datetime import date

from articles.llm import Model
from articles.text.source import SourceText

from .article import article_issues
from .calibration import CALIBRATION
from .claims import Claim, extract_claims, leans_on_context
from .conflicts import Disagreements
from .llm import PROMPT_VERSION, check_claims
from .offline import OfflineChecker
from .retrieval import SourceIndex
from .types import (
    CONTRADICTED,
    NEEDS_REVIEW,
    NOT_CHECKABLE,
    SOURCES_DISAGREE,
    SUPPORTED,
    UNSUPPORTED,
    ArticleIssue,
    CheckReport,
    ClaimResult,
    Evidence,
)

__all__ = [
    "CONTRADICTED",
    "NEEDS_REVIEW",
    "NOT_CHECKABLE",
    "SOURCES_DISAGREE",
    "SUPPORTED",
    "UNSUPPORTED",
    "ArticleIssue",
    "CheckReport",
    "ClaimResult",
    "Evidence",
    "check_text",
]

BACKENDS = ("offline", "llm")


def check_text(
    text: str,
    sources: list[SourceText],
    *,
    backend: str = "offline",
    published: date | None = None,
    headline: str | None = None,
    previous: dict[str, ClaimResult] | None = None,
    model: Model | None = None,
) -> CheckReport:
    """Check every claim of ``text`` against ``sources``.

    The ``llm`` backend needs ``model`` and raises ``articles.llm.LLMError`` when the call
    fails for good.
    """
    if backend not in BACKENDS:
        raise ValueError(f"Unknown fact-check backend {backend!r}; use one of {BACKENDS}.")
    if backend == "llm" and model is None:
        raise ValueError("The llm fact-check backend needs a model.")
    started = time.monotonic()
    claims = extract_claims(text)
    fingerprint = _fingerprint(sources, published, backend)
    hashes = [
        _claim_hash(claim, claims[n - 1] if n else None, fingerprint)
        for n, claim in enumerate(claims)
    ]
    previous = previous or {}
    reused = {
        n: previous[h].moved(claim.start, claim.end)
        for n, (claim, h) in enumerate(zip(claims, hashes, strict=True))
        if h in previous and previous[h].text == claim.text
    }
    todo = [n for n in range(len(claims)) if n not in reused]
    index = SourceIndex(sources)
    if backend == "llm":
        report = check_claims(claims, todo, index, text, published, model=model)
    else:
        checker = OfflineChecker(index, text, published)
        results = {n: checker.check(claims[n], claims[n - 1] if n else None) for n in todo}
        report = CheckReport(claims=[], backend="offline")
        report.claims = [results[n] for n in todo]
    if todo:  # a re-check that reuses every verdict need not look for conflicts again
        disagreements = Disagreements(sources)
        report.claims = [
            disagreements.apply(result, claims[n].sentence.text)
            for n, result in zip(todo, report.claims, strict=True)
        ]
    fresh = dict(zip(todo, report.claims, strict=True))
    ordered = []
    for n, h in enumerate(hashes):
        result = reused.get(n) or fresh[n]
        result.text_hash = h
        ordered.append(result)
    report.claims = ordered
    report.issues = article_issues(text, index, published=published, headline=headline)
    if backend == "offline":
        report.latency_ms = int((time.monotonic() - started) * 1000)
    return report


# Bumped whenever the checking changes what it says about the same text, so that a re-check
# after an upgrade does not reuse verdicts the older checker gave.
CHECKER_VERSION = "2026-12-03"


def _fingerprint(sources: list[SourceText], published: date | None, backend: str) -> str:
    version = PROMPT_VERSION if backend == "llm" else f"{CHECKER_VERSION}|{CALIBRATION}"
    digest = hashlib.sha256(f"{version}|{backend}|{published}".encode())
    for source in sources:
        digest.update(f"\0{source.index}\0{source.published}\0".encode())
        digest.update(source.text.encode())
    return digest.hexdigest()


def _claim_hash(claim: Claim, before: Claim | None, fingerprint: str) -> str:
    """A hash of what a verdict depends on: the claim text, the sources, the publish date, and
    for a claim that leans on what comes before it, that text too."""
    digest = hashlib.sha256(fingerprint.encode())
    parts = [claim.text]
    if leans_on_context(claim):
        parts += [claim.context, before.text if before else ""]
    for part in parts:
        digest.update(b"\0" + " ".join(part.split()).encode())
    return digest.hexdigest()[:32]
