"""The LLM drafting backend: one structured-output call per draft, validated and retried once.

The prompts are versioned here (``PROMPT_VERSION``); change the version whenever a prompt
changes so that stored drafts say which prompt wrote them. Sources reach the model only inside
``delimit_untrusted`` blocks. The model's JSON is stripped of any HTML, parsed with
``Draft.from_json`` and checked with ``validate_draft`` (plus a check that every quotation is
found in a cited source) inside ``call_json``'s ``validate`` hook, so a bad draft costs exactly
one retry. The accepted draft then goes through ``finish_draft`` like an offline one (datelines
stripped, a copied headline rewritten, conflicting figures noted for the editor).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from articles.llm import UNTRUSTED_DATA_RULES, LLMOutputError, Model, call_json, delimit_untrusted
from articles.text.markup import html_to_text
from articles.text.source import SourceText
from articles.text.words import words

from .extract import quoted_passages
from .finish import finish_draft
from .types import DRAFT_JSON_SCHEMA, Draft, DraftResult, DraftValidationError, validate_draft

PROMPT_VERSION = "draft-v2"
SCHEMA_NAME = "news_draft"
MAX_SOURCE_CHARS = 20_000
MIN_CHECKED_QUOTE_WORDS = 5
LABEL = (
    "AI-written draft from {n} source{s}: every paragraph and key fact cites the sources it "
    "rests on."
)

SYSTEM_PROMPT = """\
You write news story drafts for a newsroom. An editor and a fact-checker review every draft \
against its sources before anything is published.

Newsroom rules:
1. Write only what the sources say. Every sentence must be supported by the sources you cite \
for it. Add no outside knowledge, speculation, predictions, analysis or opinion, and do not \
guess at causes, motives or consequences that no source states.
2. Cite every paragraph, bullet and key fact: "citations" lists the index of each source \
that supports it (the number in its SOURCE block). Cite only sources that do support it.
3. Quote people only with words that appear verbatim in a cited source, in double quotation \
marks, attributed to the speaker that source names.
4. Attribute claims ("police said"). Where sources give different values for the same fact \
(for example 1,200 or 1,250 residents evacuated), say so and give each value with its own \
source and citation, in the text and in key_facts; never pick one silently.
5. Neutral news style: past tense for what happened, no loaded adjectives, no clickbait.
6. Plain text in every field: no HTML, Markdown, links or emoji.
7. Leave out source furniture: datelines ("CITY, Aug 19 (Agency) -", "CITY —"), agency \
credits and "Reporting by ..." lines, bylines, "FOR IMMEDIATE RELEASE", media contacts, \
and the sources' own titles, subheads and update labels.
8. Every sentence stands on its own: never open a paragraph with a pronoun ("It", "They", \
"One of them") whose antecedent is not in the same paragraph.

Structure, like a published news story:
- headline: written for this story from the facts most sources agree on (who, what, where), \
in news style, at most 12 words. Never copy or lightly edit any source's title.
- dek: one sentence summarising the news.
- sections: the first has an empty heading and one opening paragraph with the news (who, \
what, where, when), built from facts two or more sources support and citing them. Then two \
to four sections with short subheads saying what they cover (for example what happened, \
reaction, background). Cover the facts that several sources report, those reported by the \
most sources first. Finish with a section headed "What comes next" only when the sources \
state planned or expected next steps, and report only those.
- Paragraphs of two or three sentences. Bullets only where the sources list items; otherwise \
an empty list.
- key_facts: three to eight rows of figures, dates, places and organisations the sources \
state. Each label names what is counted or measured ("Residents evacuated", "Clean-up \
cost"), never a bare noun ("Score", "Trains"); keep a hedge such as "preliminary", \
"estimated" or "expected" with the value. When sources disagree on a value, give one row \
per value, each with its own citations.

Answer with one JSON object that follows the news_draft schema.
"""

USER_PROMPT = """\
Write a news story draft from the {n} source{s} below, following the newsroom rules. Source \
indexes run from 0 to {last}. Each source is a block of untrusted data with its index, title, \
outlet and publication date, then its text.

{blocks}
"""

_EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_ELLIPSIS = re.compile(r"\.\.\.|…|\[[^\]]*\]")
_SCRIPT_URL = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)


def build_messages(sources: list[SourceText]) -> list[dict[str, str]]:
    """The chat messages for one draft: rules in the system message, sources as data."""
    n = len(sources)
    blocks = "\n\n".join(_source_block(i, source) for i, source in enumerate(sources))
    return [
        {"role": "system", "content": f"{SYSTEM_PROMPT}\n{UNTRUSTED_DATA_RULES}"},
        {
            "role": "user",
            "content": USER_PROMPT.format(
                n=n, s="" if n == 1 else "s", last=n - 1, blocks=blocks
            ).rstrip(),
        },
    ]


def _source_block(index: int, source: SourceText) -> str:
    text = (source.text or "").strip()
    if len(text) > MAX_SOURCE_CHARS:
        text = text[:MAX_SOURCE_CHARS].rsplit(" ", 1)[0] + " [source text truncated]"
    published = source.published.isoformat() if source.published else "unknown"
    header = (
        f"index: {index}\ntitle: {source.title or ''}\noutlet: {source.outlet or ''}\n"
        f"published: {published}"
    )
    return delimit_untrusted(f"SOURCE {index}", f"{header}\n\n{text}")


def draft_llm(
    sources: list[SourceText],
    *,
    model: Model,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> DraftResult:
    """Draft with ``model``; raises ``articles.llm.LLMError`` on failure.

    ``backoff`` and ``sleep`` go to ``call_json``.
    """
    if not sources:
        raise ValueError("A draft needs at least one source.")
    accepted: list[Draft] = []

    def validate(data: dict[str, Any]) -> None:
        try:
            draft = Draft.from_json(plain_json(data))
            draft.provenance = {}
            validate_draft(draft, len(sources))
            check_quotes(draft, sources)
        except DraftValidationError as exc:
            raise LLMOutputError(f"the draft breaks the newsroom rules: {exc}") from exc
        accepted.append(draft)

    result = call_json(
        build_messages(sources),
        schema=DRAFT_JSON_SCHEMA,
        schema_name=SCHEMA_NAME,
        model=model,
        backoff=backoff,
        sleep=sleep,
        validate=validate,
        prompt_version=PROMPT_VERSION,
    )
    draft = finish_draft(accepted[-1], sources)
    n = len(sources)
    draft.provenance = {
        "backend": "llm",
        "method": "abstractive",
        "label": LABEL.format(n=n, s="" if n == 1 else "s"),
        "sources": n,
        "model": result.model,
        "prompt_version": PROMPT_VERSION,
        "attempts": result.attempts,
    }
    return DraftResult(
        draft=draft,
        backend="llm",
        model=result.model,
        prompt_version=PROMPT_VERSION,
        input_tokens=result.input_tokens,
        output_tokens=result.output_tokens,
        latency_ms=result.latency_ms,
        attempts=result.attempts,
    )


def plain_text(text: str) -> str:
    """Model text reduced to plain text: tags (even entity-escaped ones) and event-handler or
    script-URL fragments removed, whitespace collapsed."""
    for _ in range(3):
        stripped = html_to_text(text)
        if stripped == text:
            break
        text = stripped
    text = _SCRIPT_URL.sub("", _EVENT_HANDLER.sub("", text))
    text = text.replace("<", "‹").replace(">", "›") if re.search(r"<[A-Za-z/!]", text) else text
    return " ".join(text.split())


def plain_json(value: Any) -> Any:
    """``value`` with every string passed through :func:`plain_text`."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, list):
        return [plain_json(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_json(v) for k, v in value.items()}
    return value


def check_quotes(draft: Draft, sources: list[SourceText]) -> None:
    """Raise DraftValidationError when a quotation (each part of it, around any ellipsis) of
    five or more words is not found, word for word, in one of the sources its paragraph cites."""
    texts = [f" {_quote_words(s.text or '')} " for s in sources]
    errors = []
    for i, section in enumerate(draft.sections):
        for j, item in enumerate([*section.paragraphs, *section.bullets]):
            cited = [texts[c] for c in item.citations if 0 <= c < len(texts)]
            for quote in quoted_passages(item.text):
                for part in _ELLIPSIS.split(quote):
                    quoted = _quote_words(part)
                    if len(quoted.split()) < MIN_CHECKED_QUOTE_WORDS:
                        continue
                    if not any(f" {quoted} " in text for text in cited):
                        errors.append(
                            f"section {i + 1} paragraph {j + 1} quotes words not found verbatim "
                            f"in its cited sources: {part.strip()[:80]!r}"
                        )
    if errors:
        raise DraftValidationError(errors)


def _quote_words(text: str) -> str:
    return " ".join(words(text.replace("’", "'").replace("‘", "'")))
