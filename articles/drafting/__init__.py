"""Drafting: turn a story's sources into one news draft whose every paragraph cites its sources.

``draft_sources`` is the entry point. Backends: ``offline`` (extractive, no model) and ``llm``
(structured output from the configured language model); ``auto`` picks ``llm`` when
``newsroom.llm.llm_configured()`` is true. Citations are positions in the ``sources`` list.
"""

from __future__ import annotations

import time

from articles.nlp import SourceText

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

BACKENDS = ("auto", "offline", "llm")

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


def draft_sources(sources: list[SourceText], *, backend: str = "auto") -> DraftResult:
    """Draft one story from ``sources`` with the chosen backend.

    Raises ValueError for an unknown backend or sources with nothing to draft from, and
    ``newsroom.llm.LLMError`` when the language model fails for good (no silent fallback).
    """
    if backend not in BACKENDS:
        raise ValueError(f"Unknown drafting backend {backend!r}; use one of {', '.join(BACKENDS)}.")
    if backend == "auto":
        backend = "llm" if _llm_configured() else "offline"
    if backend == "llm":
        from .llm import draft_llm

        return draft_llm(sources)
    started = time.monotonic()
    draft = draft_offline(sources)
    return DraftResult(
        draft=draft,
        backend="offline",
        prompt_version=METHOD_VERSION,
        latency_ms=int((time.monotonic() - started) * 1000),
        attempts=1,
    )


def _llm_configured() -> bool:
    from django.core.exceptions import ImproperlyConfigured

    try:
        from newsroom.llm import llm_configured

        return llm_configured()
    except ImproperlyConfigured:
        return False
