"""Real-server behaviours (OpenAI, vLLM, Ollama, llama.cpp) through the real openai client.

Each mode asserts what the editor sees (the result or the error message), how many calls
were made, and what each call reported to ``Model.on_call``.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from articles.llm import CallRecord, LLMError, call_json
from tests.engine.test_llm_call import GOOD, MESSAGES, SCHEMA
from tests.llm_server import (
    DEFAULT_USAGE,
    LLMServer,
    Planned,
    Sleeps,
    dropped,
    ok,
    refusal,
    server_model,
    slow,
    status,
    trickle,
)


class Calls(list[CallRecord]):
    def __call__(self, record: CallRecord) -> None:
        self.append(record)

    @property
    def statuses(self) -> list[str]:
        return [c.status for c in self]


def run(
    server: LLMServer, calls: Calls, *, timeout: float = 5.0, sleep: Any = None, **options: Any
):
    model = server_model(server, timeout=timeout, on_call=calls, **options)
    return call_json(
        MESSAGES,
        schema=SCHEMA,
        schema_name="headline",
        model=model,
        sleep=Sleeps() if sleep is None else sleep,
        prompt_version="test-v1",
    )


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.mark.parametrize("server_kind", ["llama.cpp", "vllm"])
def test_schema_rejected_falls_back_to_json_object_and_is_remembered(
    llm_server: LLMServer, calls: Calls, server_kind: str
) -> None:
    llm_server.rejects = server_kind
    llm_server.default = lambda request: ok(GOOD)

    result = run(llm_server, calls)

    assert result.data == GOOD
    assert result.mode == "json_object"
    assert llm_server.request_count == 2
    assert calls.statuses == ["schema_rejected", "ok"]
    assert calls[0].http_status == 400 and "json_object" in calls[0].error
    second = llm_server.requests[1]
    assert second["response_format"] == {"type": "json_object"}
    assert '"headline"' in second["messages"][0]["content"]
    assert second["messages"][1:] == MESSAGES[1:]

    again = Calls()
    run(llm_server, again)
    assert llm_server.request_count == 3
    assert again.statuses == ["ok"]
    assert llm_server.last_request["response_format"] == {"type": "json_object"}


def test_no_response_format_at_all_falls_back_to_plain_prompt(
    llm_server: LLMServer, calls: Calls
) -> None:
    llm_server.rejects = "all"
    llm_server.default = lambda request: ok(GOOD)

    result = run(llm_server, calls)

    assert (result.data, result.mode) == (GOOD, "plain")
    assert calls.statuses == ["schema_rejected", "schema_rejected", "ok"]
    assert "response_format" not in llm_server.last_request


@pytest.mark.parametrize(
    "content",
    [
        'Here is the JSON you asked for: {"headline": "H", "claims": []} Hope this helps!',
        '<think>The answer needs {"headline": ...} first.</think>\n{"headline": "H", "claims": []}',
        '{"headline": "H", "claims": []}\n\nNote: I kept the headline short.',
        'Sure.\n```json\n{"headline": "H", "claims": []}\n```\nAnything else?',
    ],
    ids=["prose-around", "think-block", "trailing-text", "fenced"],
)
def test_json_is_found_in_prose(llm_server: LLMServer, calls: Calls, content: str) -> None:
    llm_server.plan(ok(content))

    assert run(llm_server, calls).data == {"headline": "H", "claims": []}
    assert llm_server.request_count == 1
    assert calls.statuses == ["ok"]
    assert calls[0].raw_output == ""


def test_stall_fails_within_the_deadline(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.plan(slow(10, then=ok(GOOD)))
    started = time.monotonic()

    with pytest.raises(LLMError) as info:
        run(llm_server, calls, timeout=0.5)

    assert time.monotonic() - started < 1.5
    assert info.value.code == "timeout"
    assert str(info.value) == "The language model did not answer within 0.5 s (1 attempt)."
    assert llm_server.request_count == 1
    assert calls.statuses == ["timeout"]


def test_trickle_cannot_hold_the_call_past_its_deadline(
    llm_server: LLMServer, calls: Calls
) -> None:
    llm_server.plan(trickle(10, then=ok(GOOD)))
    started = time.monotonic()

    with pytest.raises(LLMError) as info:
        run(llm_server, calls, timeout=0.5)

    assert time.monotonic() - started < 1.5
    assert info.value.code == "timeout"
    assert llm_server.request_count == 1
    assert calls.statuses == ["timeout"]


def test_rate_limit_with_retry_after(llm_server: LLMServer, calls: Calls) -> None:
    sleeps = Sleeps()
    llm_server.plan(status(429, retry_after=2), ok(GOOD))

    assert run(llm_server, calls, sleep=sleeps, timeout=30).data == GOOD
    assert sleeps == [2.0]
    assert calls.statuses == ["rate_limited", "ok"]


def test_rate_limit_without_retry_after_backs_off(llm_server: LLMServer, calls: Calls) -> None:
    sleeps = Sleeps()
    llm_server.plan(status(429), status(429), status(429))

    with pytest.raises(LLMError) as info:
        run(llm_server, calls, sleep=sleeps, timeout=30)

    assert str(info.value) == (
        "The language model kept rate-limiting requests (HTTP 429) after 3 attempts."
    )
    assert info.value.code == "rate_limited"
    assert sleeps == [1.0, 2.0]
    assert calls.statuses == ["rate_limited"] * 3


def test_retry_after_beyond_the_deadline_fails_now(llm_server: LLMServer, calls: Calls) -> None:
    sleeps = Sleeps()
    llm_server.plan(status(429, retry_after=40))

    with pytest.raises(LLMError) as info:
        run(llm_server, calls, sleep=sleeps, timeout=10)

    assert "asked to wait 40 s" in str(info.value)
    assert sleeps == []
    assert llm_server.request_count == 1


def test_insufficient_quota_is_not_retried(llm_server: LLMServer, calls: Calls) -> None:
    body = {
        "error": {
            "message": "You exceeded your current quota, please check your plan and billing.",
            "type": "insufficient_quota",
            "param": None,
            "code": "insufficient_quota",
        }
    }
    llm_server.plan(Planned(status=429, body=json.dumps(body).encode()))

    with pytest.raises(LLMError) as info:
        run(llm_server, calls)

    assert info.value.code == "quota"
    assert str(info.value) == (
        "The language model account has run out of quota or credit (insufficient_quota). "
        "Check the plan and billing of the API key."
    )
    assert "exceeded your current quota" in info.value.detail
    assert llm_server.request_count == 1
    assert calls.statuses == ["quota"]


def test_refusal_field(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.plan(refusal("I can't help with that request."))

    with pytest.raises(LLMError) as info:
        run(llm_server, calls)

    assert info.value.code == "refusal"
    assert str(info.value) == (
        "The language model refused to answer: I can't help with that request."
    )
    assert llm_server.request_count == 1
    assert calls.statuses == ["refusal"]


def test_plain_text_refusal(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.plan(ok("I'm sorry, but I cannot assist with writing this article."))

    with pytest.raises(LLMError) as info:
        run(llm_server, calls)

    assert info.value.code == "refusal"
    assert "I cannot assist" in str(info.value)
    assert llm_server.request_count == 1
    assert calls[0].raw_output.startswith("I'm sorry")


def test_content_filter(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.plan(ok("", finish_reason="content_filter"))

    with pytest.raises(LLMError) as info:
        run(llm_server, calls)

    assert info.value.code == "content_filter"
    assert llm_server.request_count == 1


def test_truncation_retries_with_more_output_tokens(llm_server: LLMServer, calls: Calls) -> None:
    cut = json.dumps(GOOD)[:30]
    llm_server.plan(
        ok(cut, usage={"prompt_tokens": 50, "completion_tokens": 1000}, finish_reason="length"),
        ok(GOOD),
    )

    result = run(llm_server, calls, max_tokens=1000)

    assert result.data == GOOD
    assert calls.statuses == ["truncated_json", "ok"]
    assert calls[0].raw_output == cut
    assert [r["max_tokens"] for r in llm_server.requests] == [1000, 4096]
    assert llm_server.requests[1]["messages"] == MESSAGES


def test_sampling_settings_are_sent(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.plan(ok(GOOD))

    run(llm_server, calls, temperature=0.2, max_tokens=900, seed=7)

    body = llm_server.last_request
    assert (body["temperature"], body["max_tokens"], body["seed"]) == (0.2, 900, 7)


def test_stream_only_server(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.stream_only = True
    llm_server.default = lambda request: ok(GOOD)

    result = run(llm_server, calls)

    assert result.data == GOOD
    assert calls.statuses == ["stream_required", "ok"]
    assert calls[1].stream and (calls[1].input_tokens, calls[1].output_tokens) == (12, 8)
    assert llm_server.last_request["stream"] is True
    again = Calls()
    run(llm_server, again)
    assert again.statuses == ["ok"] and again[0].stream


def test_sse_reply_to_a_plain_request(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.sse_only = True
    llm_server.plan(ok(GOOD))

    result = run(llm_server, calls)

    assert result.data == GOOD
    assert llm_server.request_count == 1
    assert calls.statuses == ["ok"]
    assert (result.input_tokens, result.output_tokens) == (None, None)


def test_connection_dropped_mid_body(llm_server: LLMServer, calls: Calls) -> None:
    sleeps = Sleeps()
    llm_server.plan(dropped(GOOD), dropped(GOOD))

    with pytest.raises(LLMError) as info:
        run(llm_server, calls, sleep=sleeps, max_attempts=2, timeout=30)

    assert info.value.code == "dropped"
    assert str(info.value) == (
        "The language model server closed the connection mid-reply (2 attempts)."
    )
    assert calls.statuses == ["dropped", "dropped"]


def test_dropped_then_good(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.plan(dropped(GOOD), ok(GOOD))

    assert run(llm_server, calls, timeout=30).data == GOOD
    assert calls.statuses == ["dropped", "ok"]


def test_no_usage_block_gives_unknown_tokens(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.plan(ok(GOOD, usage=None))

    result = run(llm_server, calls)

    assert (result.input_tokens, result.output_tokens) == (None, None)
    assert (calls[0].input_tokens, calls[0].output_tokens) == (None, None)


def test_call_record_describes_the_call(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.plan(ok("not json at all"), ok(GOOD, usage=DEFAULT_USAGE))

    run(llm_server, calls)

    first, second = calls
    assert (first.attempt, first.status) == (1, "malformed_json")
    assert first.raw_output == "not json at all"
    assert (second.attempt, second.status, second.raw_output) == (2, "ok", "")
    assert second.model == "test-model" and second.prompt_version == "test-v1"
    assert (second.input_tokens, second.output_tokens) == (12, 8)
    assert "[user] Write one." in first.request_preview
    assert second.response_preview == json.dumps(GOOD)
    assert second.latency_ms >= 0 and second.mode == "json_schema"


def test_connection_closed_before_the_reply(llm_server: LLMServer, calls: Calls) -> None:
    llm_server.plan(dropped(before_reply=True), ok(GOOD))

    assert run(llm_server, calls, timeout=30).data == GOOD
    assert calls.statuses == ["dropped", "ok"]
    assert "closed the connection before replying" in calls[0].error
