"""Language-model calls for the engine: plain Python on an injected client and model.

The app builds a :class:`Model` from its settings (``newsroom.llm.configured_model``); the
drafting and fact-check LLM backends take it as an argument and call :func:`call_json`.
"""

from .call import (
    MAX_RETRY_AFTER,
    UNTRUSTED_DATA_RULES,
    CallRecord,
    LLMError,
    LLMOutputError,
    LLMResult,
    Model,
    call_json,
    delimit_untrusted,
    parse_json_object,
)
from .schema import strict_schema, validation_errors

__all__ = [
    "MAX_RETRY_AFTER",
    "UNTRUSTED_DATA_RULES",
    "CallRecord",
    "LLMError",
    "LLMOutputError",
    "LLMResult",
    "Model",
    "call_json",
    "delimit_untrusted",
    "parse_json_object",
    "strict_schema",
    "validation_errors",
]
