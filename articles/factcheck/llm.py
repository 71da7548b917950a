"""The LLM fact-check backend: every claim in one structured call, every quote verified.

Retrieval picks the few source passages each claim needs, so the prompt carries excerpts,
not whole sources. The model must quote its evidence verbatim; a quote that is not in the
source downgrades the verdict to ``unsupported``, as does a claim the model skipped. Quoted
speech in the article is still checked verbatim offline, whatever the model says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, StrictInt, StrictStr, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass

from articles.llm import (
    UNTRUSTED_DATA_RULES,
    LLMOutputError,
    Model,
    call_json,
    delimit_untrusted,
    strict_schema,
    validation_errors,
)
from articles.text.source import SourceText

from .claims import Claim, is_row
from .offline import OfflineChecker, instruction_reason
from .retrieval import Passage, SourceIndex
from .text import content_terms
from .types import (
    CONTRADICTED,
    DIFFERENCES,
    NOT_CHECKABLE,
    SUPPORTED,
    UNSUPPORTED,
    CheckReport,
    ClaimResult,
    Evidence,
)

PROMPT_VERSION = "factcheck-v2"
# What the model may answer; the tiers it does not judge (sources_disagree, needs_review) come
# from the shared slot comparison and the offline checks.
MODEL_VERDICTS = (SUPPORTED, CONTRADICTED, UNSUPPORTED, NOT_CHECKABLE)
SCHEMA_NAME = "factcheck_verdicts"
PASSAGES_PER_CLAIM = 3
MAX_EXCERPT_CHARS = 32_000
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


def _known_difference(value: Any) -> Any:
    """A difference the model named outside the list reads as none, rather than failing the
    whole answer."""
    return value if value in DIFFERENCES else ""


@dataclass
class QuotedEvidence:
    source: StrictInt
    quote: StrictStr


@dataclass
class Verdict:
    claim: StrictInt
    verdict: Literal[MODEL_VERDICTS]  # type: ignore[valid-type]
    difference: Annotated[
        Literal[DIFFERENCES],  # type: ignore[valid-type]
        BeforeValidator(_known_difference),
    ] = ""
    reason: StrictStr = ""
    evidence: list[QuotedEvidence] = field(default_factory=list)


@dataclass
class Verdicts:
    verdicts: list[Verdict]


SCHEMA: dict[str, Any] = strict_schema(Verdicts)
_VERDICTS = TypeAdapter(Verdicts)


def check_claims(
    claims: list[Claim],
    todo: list[int],
    index: SourceIndex,
    article: str,
    published: date | None = None,
    *,
    model: Model,
) -> CheckReport:
    """Check ``claims[n]`` for each ``n`` in ``todo`` in one call to ``model``; results in
    ``todo`` order. Raises ``LLMError`` when the call fails for good."""
    report = CheckReport(claims=[], backend="llm", prompt_version=PROMPT_VERSION)
    if not todo:
        return report
    selected = [claims[n] for n in todo]
    messages = build_messages(claims, todo, index, published)
    result = call_json(
        messages,
        schema=SCHEMA,
        schema_name=SCHEMA_NAME,
        model=model,
        validate=_validator(len(selected)),
        prompt_version=PROMPT_VERSION,
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
    """The system and user messages, MiniCheck-style: a list of the sources, then each
    numbered claim with the evidence chunks retrieved for it, all delimited as untrusted."""
    evidence = _evidence_per_claim(claims, todo, index)
    parts = []
    if published is not None:
        parts.append(f"The article is dated {published.isoformat()}.")
    parts.append(delimit_untrusted("sources", "\n".join(_describe(s) for s in index.sources)))
    blocks = []
    for n, (i, chunks) in enumerate(zip(todo, evidence, strict=True), start=1):
        lines = [f"Claim {n}: {claims[i].text}", "Evidence:"]
        lines += [f"[source {c[0].source.index}] {_chunk_text(c)}" for c in chunks]
        if not chunks:
            lines.append("(no passage of any source matches this claim)")
        blocks.append("\n".join(lines))
    parts.append(delimit_untrusted("claims", "\n\n".join(blocks)))
    parts.append(
        f"Return a verdict for each of the {len(todo)} claims, numbered as above, judged on the "
        "evidence listed under it. Cite sources by their number and quote them word for word."
    )
    return [
        {"role": "system", "content": f"{SYSTEM_PROMPT}\n\n{UNTRUSTED_DATA_RULES}"},
        {"role": "user", "content": "\n\n".join(parts)},
    ]


def _evidence_per_claim(
    claims: list[Claim], todo: list[int], index: SourceIndex
) -> list[list[list[Passage]]]:
    """For each claim, its evidence chunks (runs of consecutive source sentences: the best
    passage with its neighbours, then the next best), best first. Claims are served in turns,
    one chunk each, until the size budget is spent, so every claim gets its best chunk."""
    ranked: list[list[list[Passage]]] = []
    for n in todo:
        claim = claims[n]
        terms = content_terms(claim.text) + content_terms(claim.context)
        if n and len(terms) < 6 and not is_row(claim):
            terms += content_terms(claims[n - 1].text)
        hits = [p for p, _ in index.search(terms, k=PASSAGES_PER_CLAIM)]
        chunks = [index.window(hits[0])] if hits else []
        chunks += [[p] for p in hits[1:] if not any(p in c for c in chunks)]
        ranked.append(chunks)
    chosen: list[list[list[Passage]]] = [[] for _ in todo]
    size = 0
    for depth in range(max((len(r) for r in ranked), default=0)):
        for mine, chunks in zip(chosen, ranked, strict=True):
            if depth < len(chunks):
                cost = sum(len(p.span.text) for p in chunks[depth])
                if size + cost > MAX_EXCERPT_CHARS:
                    return chosen
                mine.append(chunks[depth])
                size += cost
    return chosen


def _chunk_text(chunk: list[Passage]) -> str:
    """The chunk's sentences as in the source; a gap where a left-out sentence (one addressed
    to an AI model) stood is shown as "[…]"."""
    text = chunk[0].source.text
    runs: list[list[Passage]] = []
    for passage in chunk:
        if runs and passage.position == runs[-1][-1].position + 1:
            runs[-1].append(passage)
        else:
            runs.append([passage])
    return "\n[…]\n".join(
        " ".join(text[run[0].span.start : run[-1].span.end].split()) for run in runs
    )


def _describe(source: SourceText) -> str:
    parts = [f"source {source.index}: {source.title}"]
    if source.outlet:
        parts.append(source.outlet)
    if source.published:
        parts.append(f"published {source.published.date().isoformat()}")
    return " — ".join(parts)


def _validator(count: int) -> Callable[[dict[str, Any]], None]:
    def validate(data: dict[str, Any]) -> None:
        try:
            answer = _VERDICTS.validate_python(data)
        except ValidationError as exc:
            raise LLMOutputError("; ".join(validation_errors(exc, "answer"))) from exc
        if count and not any(1 <= v.claim <= count for v in answer.verdicts):
            raise LLMOutputError(f"no verdict for any claim numbered 1 to {count}")

    return validate


def _by_claim(data: dict[str, Any]) -> dict[int, Verdict]:
    out: dict[int, Verdict] = {}
    for item in _VERDICTS.validate_python(data).verdicts:
        out.setdefault(item.claim, item)
    return out


def _result(
    claim: Claim, item: Verdict | None, index: SourceIndex, checker: OfflineChecker
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
    verdict = item.verdict
    difference = item.difference
    reason = " ".join(item.reason.split())[:MAX_REASON_CHARS]
    evidence: list[Evidence] = []
    missing: list[tuple[int, str]] = []
    injected: list[Passage] = []
    for cited in item.evidence:
        found = _locate(index, cited)
        if found is None:
            missing.append((cited.source, cited.quote))
        elif isinstance(found, Passage):
            injected.append(found)
        else:
            evidence.append(found)
    if verdict in (SUPPORTED, CONTRADICTED):
        if injected:
            return result(
                UNSUPPORTED,
                instruction_reason(injected[0], "The model's evidence quote"),
                evidence,
                "unsourced",
            )
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


def _locate(index: SourceIndex, cited: QuotedEvidence) -> Evidence | Passage | None:
    """Exact offsets of a model's quote in the source it named (curly quotes, case and
    spacing aside); for a quote found only inside sentences addressed to an AI model, the
    first such sentence (no evidence); None when the quote is not in the source."""
    source_index, quote = cited.source, cited.quote.strip()
    if not quote or source_index not in index.folded:
        return None
    injected: Passage | None = None
    for start, end in index.folded[source_index].find_all(quote):
        inside = index.instruction_at(source_index, start, end)
        if inside is None:
            source = next(s for s in index.sources if s.index == source_index)
            return Evidence(source_index, source.text[start:end], start, end)
        injected = injected or inside
    return injected


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
