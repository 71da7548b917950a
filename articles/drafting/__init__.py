"""Drafting: turn a story's sources into one news draft whose every paragraph cites its sources.

``draft_sources`` is the entry point. Backends: ``offline`` (extractive, no model) and ``llm``
(structured output from the injected :class:`articles.llm.Model`). Which one to use is the
app's choice (``newsroom.llm.resolve_backend``). Citations are positions in the ``sources``
list.
"""

from __future__ import annotations

import time

from articles.llm import Model
from articles.text.source import SourceText

from .llm import draft_llm
from .offline import METHOD_VERSION, draft_offline
from .types import (
    DRAFT_JSON_SCHEMA,
    Draft,
    DraftResult,
    DraftValidationError,
    KeyFact,
    Paragraph,
    Section,
    validate_draft,
)

BACKENDS = ("offline", "llm")

__all__ = [
    "BACKENDS",
    "DRAFT_JSON_SCHEMA",
    "Draft",
    "DraftResult",
    "DraftValidationError",
    "KeyFact",
    "Paragraph",
    "Section",
    "draft_sources",
    "validate_draft",
]


def draft_sources(
    sources: list[SourceText], *, backend: str = "offline", model: Model | None = None
) -> DraftResult:
    """Draft one story from ``sources`` with the chosen backend (``llm`` needs ``model``).

    Raises ValueError for an unknown backend, a missing model or sources with nothing to draft
    from, and ``articles.llm.LLMError`` when the model fails for good (no silent fallback).
    """
    if backend not in BACKENDS:
        raise ValueError(f"Unknown drafting backend {backend!r}; use one of {', '.join(BACKENDS)}.")
    if backend == "llm":
        if model is None:
            raise ValueError("The llm drafting backend needs a model.")
        return draft_llm(sources, model=model)
    started = time.monotonic()
    draft = draft_offline(sources)
    return DraftResult(
        draft=draft,
        backend="offline",
        prompt_version=METHOD_VERSION,
        latency_ms=int((time.monotonic() - started) * 1000),
        attempts=1,
    )
