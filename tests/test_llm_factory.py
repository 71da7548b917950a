"""The app-side LLM factory: settings to an engine model, and which backend "auto" means."""

from __future__ import annotations

from typing import Any

import pytest

from articles.llm import LLMError, call_json
from newsroom import llm
from newsroom.llm import configured_model, get_client, llm_configured, resolve_backend
from tests.llm_server import LLMServer, ok, status

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"headline": {"type": "string"}},
    "required": ["headline"],
    "additionalProperties": False,
}
GOOD = {"headline": "Council approves budget"}
MESSAGES = [{"role": "user", "content": "Write one."}]


def call(**kwargs: Any) -> Any:
    with configured_model() as model:
        return call_json(MESSAGES, schema=SCHEMA, schema_name="headline", model=model, **kwargs)


def test_max_attempts_come_from_settings(llm_settings: Any, llm_server: LLMServer) -> None:
    llm_settings.NEWSROOM_LLM_MAX_RETRIES = 2
    llm_server.plan(status(503), status(502), ok(GOOD))

    with pytest.raises(LLMError) as info:
        call(sleep=lambda _: None)

    assert info.value.attempts == 2
    assert "(HTTP 502) after 2 attempts" in str(info.value)
    assert llm_server.pending == 1


def test_models_endpoint(llm_settings: Any, llm_server: LLMServer) -> None:
    client = get_client()
    try:
        assert [m.id for m in client.models.list()] == ["test-model"]
    finally:
        client.close()


def test_llm_configured_and_auto(settings: Any) -> None:
    settings.OPENAI_BASE_URL = ""
    settings.OPENAI_API_KEY = ""
    settings.NEWSROOM_LLM_MODEL = "m"
    assert not llm_configured()
    assert resolve_backend("auto") == "offline"
    with pytest.raises(LLMError) as info:
        get_client()
    assert info.value.code == "not_configured"
    settings.OPENAI_BASE_URL = "http://127.0.0.1:1/v1"
    assert llm_configured()
    assert resolve_backend("auto") == resolve_backend("") == "llm"
    assert resolve_backend("offline") == "offline"
    settings.NEWSROOM_LLM_MODEL = ""
    assert not llm_configured()
    with pytest.raises(LLMError, match="NEWSROOM_LLM_MODEL"):
        call()


def test_empty_api_key_sends_placeholder(settings: Any, llm_server: LLMServer) -> None:
    settings.OPENAI_BASE_URL = llm_server.base_url
    settings.OPENAI_API_KEY = ""
    settings.NEWSROOM_LLM_MODEL = "local-model"
    llm_server.plan(ok(GOOD))

    call()

    assert llm_server.request_headers[0]["authorization"] == f"Bearer {llm.API_KEY_PLACEHOLDER}"
    assert llm_server.last_request["model"] == "local-model"
