"""The fact-check result model shared by every backend, and its JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# The verdict tiers, most urgent first (ENGINE.md, "Verdict tiers"):
# contradicted: aligned evidence disagrees on a typed slot (a figure, date, name, quote, speaker,
#   negation); sources_disagree: the sources give different values for the claim's slot, and
#   the editor decides; unsupported: a figure, name, quote or date no source gives, or a claim
#   whose only support is a sentence addressed to an AI; not_checkable: speculation or opinion
#   no source states; needs_review: the checker could not align the claim with evidence well
#   enough to judge (a low-priority flag); supported: every fact aligned and agreed.
SUPPORTED = "supported"
CONTRADICTED = "contradicted"
SOURCES_DISAGREE = "sources_disagree"
UNSUPPORTED = "unsupported"
NOT_CHECKABLE = "not_checkable"
NEEDS_REVIEW = "needs_review"
VERDICTS = (CONTRADICTED, SOURCES_DISAGREE, UNSUPPORTED, NOT_CHECKABLE, NEEDS_REVIEW, SUPPORTED)
# The verdicts that stop publication until a person resolves them; ``needs_review`` is a flag
# too, of low priority, and ``supported`` none.
FLAGS = (CONTRADICTED, SOURCES_DISAGREE, UNSUPPORTED, NOT_CHECKABLE)


def tier(verdicts: list[str]) -> str:
    """The most urgent of a sentence's or summary's verdicts: "flag", "review" or "pass"."""
    if any(v in FLAGS for v in verdicts):
        return "flag"
    return "review" if NEEDS_REVIEW in verdicts else "pass"


DIFFERENCES = (
    "",
    "number",
    "date",
    "name",
    "negation",
    "quote",
    "speaker",
    "comparison",
    "cause",
    "modality",
    "unsourced",
    "conflict",
)


@dataclass(frozen=True)
class Evidence:
    """A passage of one source; ``quote == source.text[start:end]`` exactly."""

    source: int
    quote: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "quote": self.quote, "start": self.start, "end": self.end}


@dataclass
class ClaimResult:
    """The verdict on one claim; ``start``/``end`` are offsets into the checked article text."""

    text: str
    start: int
    end: int
    verdict: str
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    difference: str = ""
    text_hash: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "verdict": self.verdict,
            "reason": self.reason,
            "evidence": [e.to_json() for e in self.evidence],
        }

    def moved(self, start: int, end: int) -> ClaimResult:
        """The same result at new offsets (the claim text is unchanged)."""
        return replace(self, start=start, end=end, evidence=list(self.evidence))


@dataclass(frozen=True)
class ArticleIssue:
    """An article-level problem. Offsets are into the body, or into the headline for
    ``kind == "headline"``."""

    kind: str
    message: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "start": self.start, "end": self.end}


@dataclass
class CheckReport:
    claims: list[ClaimResult]
    issues: list[ArticleIssue] = field(default_factory=list)
    backend: str = "offline"
    model: str = ""
    prompt_version: str = ""
    input_tokens: int | None = 0  # None: the model did not say
    output_tokens: int | None = 0
    latency_ms: int = 0

    @property
    def flagged(self) -> list[ClaimResult]:
        return [c for c in self.claims if c.verdict != SUPPORTED]

    def by_hash(self) -> dict[str, ClaimResult]:
        """The ``previous`` mapping for the next ``check_text`` run."""
        return {c.text_hash: c for c in self.claims if c.text_hash}

    def to_json(self) -> dict[str, Any]:
        """``claims`` in the shared shape; ``claim_details`` (same order) keeps the difference
        and text hash so :meth:`from_json` can rebuild the report."""
        return {
            "claims": [c.to_json() for c in self.claims],
            "claim_details": [
                {"difference": c.difference, "text_hash": c.text_hash} for c in self.claims
            ],
            "issues": [i.to_json() for i in self.issues],
            "backend": self.backend,
            "model": self.model,
            "prompt_version": self.prompt_version,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "latency_ms": self.latency_ms,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckReport:
        details = data.get("claim_details") or []
        claims = []
        for n, item in enumerate(data.get("claims") or []):
            extra = details[n] if n < len(details) else {}
            claims.append(
                ClaimResult(
                    text=item["text"],
                    start=item["start"],
                    end=item["end"],
                    verdict=item["verdict"],
                    reason=item["reason"],
                    evidence=[Evidence(**e) for e in item.get("evidence") or []],
                    difference=extra.get("difference", ""),
                    text_hash=extra.get("text_hash", ""),
                )
            )
        return cls(
            claims=claims,
            issues=[ArticleIssue(**i) for i in data.get("issues") or []],
            backend=data.get("backend", "offline"),
            model=data.get("model", ""),
            prompt_version=data.get("prompt_version", ""),
            input_tokens=data.get("input_tokens", 0),
            output_tokens=data.get("output_tokens", 0),
            latency_ms=data.get("latency_ms", 0),
        )
