"""The LLM fact-check backend: every claim in one structured call, every quote verified.

Retrieval picks the few source passages each claim needs, so the prompt carries excerpts,
not whole sources. The model must quote its evidence verbatim; a quote that is not in the
source downgrades the verdict to ``unsupported``, as does a claim the model skipped. Quoted
speech in the article is still checked verbatim offline, whatever the model says.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from articles.nlp import SourceText

from .claims import Claim
from .offline import OfflineChecker
from .retrieval import Passage, SourceIndex
from .text import content_terms
from .types import (
    CONTRADICTED,
    DIFFERENCES,
    NOT_CHECKABLE,
    SUPPORTED,
    UNSUPPORTED,
    VERDICTS,
    CheckReport,
    ClaimResult,
    Evidence,
)

PROMPT_VERSION = "factcheck-v1"
SCHEMA_NAME = "factcheck_verdicts"
PASSAGES_PER_CLAIM = 3
MAX_EXCERPT_CHARS = 24_000
MAX_REASON_CHARS = 500

SYSTEM_PROMPT = """You are the fact-checker of a news organisation. You check the numbered \
claims of an AI-written article against excerpts of its sources, and nothing else: not your \
own knowledge, not the article's other claims.

Newsroom rules:
- Text inside quotation marks must appear word for word in a source, said by the same person. \
A changed word or a different speaker is an error, not a paraphrase.
- Every number, date, weekday, name, comparison ("highest", "below", "doubled", "more than \
half") and cause ("because", "caused by") is a claim to check. Arithmetic the sources allow \
(4.2 to 4.6 is 0.4 points; 40 of 80 is half) is supported; arithmetic they do not allow is not.
- A vague amount ("several", "dozens") where a source gives the exact figure is an error.
- "will" where a source says "may", "could", "plans to" or "if" is an error; so is a flipped \
negation ("approved" for "rejected", "did" for "did not").
- Speculation or opinion ("likely", "experts say", "may eventually", "raises the risk", \
evaluative adjectives) that no source states is not_checkable, never supported.
- A paraphrase that keeps every fact ("voted 7-2 to approve" for "approved by a vote of seven \
to two") is supported.

Verdicts: supported (the sources state it), contradicted (a source states otherwise), \
unsupported (the sources do not state it), not_checkable (speculation or opinion). \
difference names what is wrong: number, date, name, negation, quote, speaker, comparison, \
cause, modality, unsourced, or "" when supported. reason is one sentence saying exactly what \
differs, e.g. "The sources give 5 injured; the draft says several." evidence lists the \
passages you relied on, each {source, quote} with quote copied character for character from \
that source's excerpt (a sentence or part of one); supported and contradicted verdicts need at \
least one. Return one verdict for every claim number."""

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["verdicts"],
    "properties": {
        "verdicts": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["claim", "verdict", "difference", "reason", "evidence"],
                "properties": {
                    "claim": {"type": "integer"},
                    "verdict": {"type": "string", "enum": list(VERDICTS)},
                    "difference": {"type": "string", "enum": list(DIFFERENCES)},
                    "reason": {"type": "string"},
                    "evidence": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["source", "quote"],
                            "properties": {
                                "source": {"type": "integer"},
                                "quote": {"type": "string"},
                            },
                        },
                    },
                },
            },
        }
    },
}


def check_claims(
    claims: list[Claim],
    todo: list[int],
    index: SourceIndex,
    article: str,
    published: date | None = None,
    *,
    client: Any = None,
) -> CheckReport:
    """Check ``claims[n]`` for each ``n`` in ``todo`` in one model call; results in ``todo``
    order. Raises ``newsroom.llm.LLMError`` when the call fails for good."""
    from newsroom.llm import call_json

    report = CheckReport(claims=[], backend="llm", prompt_version=PROMPT_VERSION)
    if not todo:
        return report
    selected = [claims[n] for n in todo]
    messages = build_messages(claims, todo, index, published)
    result = call_json(
        messages,
        schema=SCHEMA,
        schema_name=SCHEMA_NAME,
        client=client,
        validate=_validator(len(selected)),
    )
    checker = OfflineChecker(index, article, published)
    verdicts = _by_claim(result.data)
    report.claims = [
        _result(claim, verdicts.get(number), index, checker)
        for number, claim in enumerate(selected, start=1)
    ]
    report.model = result.model
    report.input_tokens = result.input_tokens
    report.output_tokens = result.output_tokens
    report.latency_ms = result.latency_ms
    return report


def build_messages(
    claims: list[Claim], todo: list[int], index: SourceIndex, published: date | None
) -> list[dict[str, str]]:
    """The system and user messages: numbered claims and delimited source excerpts."""
    from newsroom.llm import UNTRUSTED_DATA_RULES, delimit_untrusted

    passages = _relevant_passages(claims, todo, index)
    parts = []
    if published is not None:
        parts.append(f"The article is dated {published.isoformat()}.")
    for source in index.sources:
        chosen = [p for p in passages if p.source.index == source.index]
        if chosen:
            parts.append(delimit_untrusted(f"source {source.index}", _excerpt(source, chosen)))
    numbered = "\n".join(f"{n}. {claims[i].text}" for n, i in enumerate(todo, start=1))
    parts.append(delimit_untrusted("claims", numbered))
    parts.append(
        f"Return a verdict for each of the {len(todo)} claims, numbered as above. Cite sources "
        "by their number."
    )
    return [
        {"role": "system", "content": f"{SYSTEM_PROMPT}\n\n{UNTRUSTED_DATA_RULES}"},
        {"role": "user", "content": "\n\n".join(parts)},
    ]


def _relevant_passages(claims: list[Claim], todo: list[int], index: SourceIndex) -> list[Passage]:
    """The top passages per claim (the best with its neighbours), within a size budget."""
    ranked: list[list[Passage]] = []
    for n in todo:
        claim = claims[n]
        terms = content_terms(claim.text) + content_terms(claim.context)
        if n and len(terms) < 6:
            terms += content_terms(claims[n - 1].text)
        hits = [p for p, _ in index.search(terms, k=PASSAGES_PER_CLAIM)]
        around = index.window(hits[0]) if hits else []
        ranked.append(around + hits[1:])
    chosen: list[Passage] = []
    size = 0
    for depth in range(max((len(r) for r in ranked), default=0)):
        for passages in ranked:
            if depth < len(passages) and passages[depth] not in chosen:
                passage = passages[depth]
                if size + len(passage.span.text) > MAX_EXCERPT_CHARS:
                    return chosen
                chosen.append(passage)
                size += len(passage.span.text)
    return chosen


def _excerpt(source: SourceText, passages: list[Passage]) -> str:
    header = [f"Title: {source.title}"]
    if source.outlet:
        header.append(f"Outlet: {source.outlet}")
    if source.published:
        header.append(f"Published: {source.published.date().isoformat()}")
    runs: list[list[Passage]] = []
    for passage in sorted(passages, key=lambda p: p.position):
        if runs and passage.position == runs[-1][-1].position + 1:
            runs[-1].append(passage)
        else:
            runs.append([passage])
    body = [source.text[run[0].span.start : run[-1].span.end] for run in runs]
    return "\n".join(header) + "\n\n" + "\n[…]\n".join(body)


def _validator(count: int) -> Callable[[dict[str, Any]], None]:
    from newsroom.llm import LLMOutputError

    def validate(data: dict[str, Any]) -> None:
        verdicts = data.get("verdicts")
        if not isinstance(verdicts, list):
            raise LLMOutputError("'verdicts' must be a list")
        for item in verdicts:
            if not isinstance(item, dict) or not isinstance(item.get("claim"), int):
                raise LLMOutputError("each verdict needs an integer 'claim' number")
            if item.get("verdict") not in VERDICTS:
                raise LLMOutputError(f"verdict must be one of {', '.join(VERDICTS)}")
            if not isinstance(item.get("evidence", []), list):
                raise LLMOutputError("'evidence' must be a list")
        if count and not any(1 <= item["claim"] <= count for item in verdicts):
            raise LLMOutputError(f"no verdict for any claim numbered 1 to {count}")

    return validate


def _by_claim(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for item in data.get("verdicts") or []:
        out.setdefault(item["claim"], item)
    return out


def _result(
    claim: Claim, item: dict[str, Any] | None, index: SourceIndex, checker: OfflineChecker
) -> ClaimResult:
    def result(
        verdict: str, reason: str, evidence: list[Evidence], difference: str = ""
    ) -> ClaimResult:
        return ClaimResult(
            claim.text, claim.start, claim.end, verdict, reason, evidence, difference
        )

    quote_problem = next((f for f in checker.quote_findings(claim) if f.verdict != SUPPORTED), None)
    if item is None:
        if quote_problem is not None:
            return result(
                quote_problem.verdict,
                quote_problem.reason,
                quote_problem.evidence,
                quote_problem.difference,
            )
        return result(UNSUPPORTED, "The model returned no verdict for this claim.", [])
    verdict = item["verdict"]
    difference = item.get("difference") if item.get("difference") in DIFFERENCES else ""
    reason = " ".join(str(item.get("reason") or "").split())[:MAX_REASON_CHARS]
    evidence: list[Evidence] = []
    missing: list[tuple[int, str]] = []
    for cited in item.get("evidence") or []:
        found = _locate(index, cited)
        if found is None:
            missing.append((cited.get("source"), str(cited.get("quote", ""))))
        else:
            evidence.append(found)
    if verdict in (SUPPORTED, CONTRADICTED):
        if missing:
            source, quote = missing[0]
            return result(
                UNSUPPORTED,
                f"The model's evidence quote is not in source {source}: '{_short(quote)}'.",
                evidence,
                "unsourced",
            )
        if not evidence:
            return result(UNSUPPORTED, "The model cited no evidence for its verdict.", [])
    if quote_problem is not None and verdict == SUPPORTED:
        return result(
            quote_problem.verdict,
            quote_problem.reason,
            quote_problem.evidence or evidence,
            quote_problem.difference,
        )
    if verdict == SUPPORTED:
        difference = ""
    elif verdict == NOT_CHECKABLE and not difference:
        difference = "unsourced"
    return result(verdict, reason or _default_reason(verdict), evidence, difference)


def _locate(index: SourceIndex, cited: Any) -> Evidence | None:
    """Exact offsets of a model's quote in the source it named (curly quotes, case and
    spacing aside), or None."""
    if not isinstance(cited, dict):
        return None
    source_index, quote = cited.get("source"), str(cited.get("quote") or "").strip()
    if not quote or source_index not in index.folded:
        return None
    span = index.folded[source_index].find(quote)
    if span is None:
        return None
    source = next(s for s in index.sources if s.index == source_index)
    return Evidence(source_index, source.text[span[0] : span[1]], span[0], span[1])


def _default_reason(verdict: str) -> str:
    return {
        SUPPORTED: "The sources state this.",
        CONTRADICTED: "The sources state otherwise.",
        UNSUPPORTED: "The sources do not state this.",
        NOT_CHECKABLE: "This is speculation or opinion that no source states.",
    }[verdict]


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
