"""The LLM client factory: builds the engine's :class:`~articles.llm.Model` from settings,
decides once which backend "auto" means, and prices calls from the settings' table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

import openai
from django.conf import settings

from articles.llm import CallRecord, LLMError, Model

OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1"
API_KEY_PLACEHOLDER = "not-needed"


def llm_configured() -> bool:
    """True when a server (base URL or API key) and a model name are set."""
    has_server = bool(settings.OPENAI_BASE_URL or settings.OPENAI_API_KEY)
    return has_server and bool(settings.NEWSROOM_LLM_MODEL)


def resolve_backend(requested: str) -> str:
    """``"llm"`` or ``"offline"`` for a requested backend; ``"auto"`` (or empty) is ``"llm"``
    exactly when a model is configured."""
    if requested in ("", "auto"):
        return "llm" if llm_configured() else "offline"
    return requested


def get_client(*, timeout: float | None = None) -> openai.OpenAI:
    """An OpenAI client from settings, with SDK retries off (``call_json`` does its own).

    ``timeout`` overrides ``NEWSROOM_LLM_TIMEOUT`` (seconds). An empty API key is fine for local
    servers; a placeholder is sent instead.
    """
    base_url = settings.OPENAI_BASE_URL or ""
    api_key = settings.OPENAI_API_KEY or ""
    if not base_url and not api_key:
        raise LLMError(
            "No language model server is configured: set OPENAI_BASE_URL or OPENAI_API_KEY.",
            code="not_configured",
        )
    return openai.OpenAI(
        base_url=base_url or OPENAI_DEFAULT_BASE_URL,
        api_key=api_key or API_KEY_PLACEHOLDER,
        timeout=float(settings.NEWSROOM_LLM_TIMEOUT if timeout is None else timeout),
        max_retries=0,
    )


OnCall = Callable[[CallRecord], None]


@contextmanager
def configured_model(
    *, timeout: float | None = None, on_call: OnCall | None = None
) -> Iterator[Model]:
    """The configured model with a fresh client, closed on exit; raises ``LLMError``
    (``not_configured``) when settings name no server or no model. ``on_call`` receives a
    record of every model call."""
    if not settings.NEWSROOM_LLM_MODEL:
        raise LLMError(
            "No language model is configured: set NEWSROOM_LLM_MODEL.", code="not_configured"
        )
    deadline = float(settings.NEWSROOM_LLM_TIMEOUT if timeout is None else timeout)
    client = get_client(timeout=deadline)
    try:
        yield Model(
            client=client,
            name=settings.NEWSROOM_LLM_MODEL,
            max_attempts=int(settings.NEWSROOM_LLM_MAX_RETRIES),
            timeout=deadline,
            temperature=settings.NEWSROOM_LLM_TEMPERATURE,
            max_tokens=settings.NEWSROOM_LLM_MAX_TOKENS,
            seed=settings.NEWSROOM_LLM_SEED,
            on_call=on_call,
        )
    finally:
        client.close()


@contextmanager
def model_for(backend: str, *, on_call: OnCall | None = None) -> Iterator[Model | None]:
    """The configured model when ``backend`` is ``"llm"``, else None: what the engine's
    ``draft_sources`` and ``check_text`` take as ``model``."""
    if backend != "llm":
        yield None
        return
    with configured_model(on_call=on_call) as model:
        yield model


def estimate_cost(
    model: str, input_tokens: int | None, output_tokens: int | None
) -> Decimal | None:
    """USD for one call from ``NEWSROOM_LLM_PRICES`` (the longest name prefix that matches);
    None when the model has no price or the server reported no token counts."""
    if input_tokens is None and output_tokens is None:
        return None
    names = [name for name in settings.NEWSROOM_LLM_PRICES if model.startswith(name)]
    if not names:
        return None
    per_input, per_output = settings.NEWSROOM_LLM_PRICES[max(names, key=len)]
    cost = (Decimal(str(per_input)) * (input_tokens or 0)
            + Decimal(str(per_output)) * (output_tokens or 0)) / 1_000_000  # fmt: skip
    return cost.quantize(Decimal("0.000001"))
