"""The LLM fact-check backend against the scriptable local model server."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from articles.factcheck import CONTRADICTED, NOT_CHECKABLE, SUPPORTED, UNSUPPORTED, check_text
from articles.factcheck.llm import PROMPT_VERSION, SCHEMA_NAME
from articles.llm import LLMError
from articles.text.source import SourceText
from tests.llm_server import LLMServer, malformed, ok, server_model

SOURCES = [
    SourceText(
        index=1,
        title="Council approves central library",
        outlet="City of Ridgeford",
        published=datetime(2025, 2, 12),
        text=(
            "The Ridgeford city council on Tuesday approved a new central library by a vote of "
            "six to three. The library will cost $18.4 million.\n\n"
            '"This library will serve every neighbourhood," Mayor Dana Pruitt said.'
        ),
    ),
    SourceText(
        index=2,
        title="Old library running out of room",
        outlet="Ridgeford Gazette",
        published=datetime(2025, 2, 12),
        text="Library visits rose to 412,000 in 2024 from 380,000 in 2023.",
    ),
]
ARTICLE = (
    "The council voted 6-3 on Tuesday to approve a new central library. "
    "The library will cost $19.4 million. "
    "Library visits rose by 32,000 in 2024. "
    "The library is likely to become a landmark."
)


def verdict(claim: int, verdict: str, evidence: list[tuple[int, str]], **extra: Any) -> dict:
    return {
        "claim": claim,
        "verdict": verdict,
        "difference": extra.get("difference", ""),
        "reason": extra.get("reason", "Checked."),
        "evidence": [{"source": s, "quote": q} for s, q in evidence],
    }


GOOD = {
    "verdicts": [
        verdict(1, SUPPORTED, [(1, "approved a new central library by a vote of six to three")]),
        verdict(
            2,
            CONTRADICTED,
            [(1, "The library will cost $18.4 million.")],
            difference="number",
            reason="The sources give $18.4 million; the draft says $19.4 million.",
        ),
        verdict(
            3,
            SUPPORTED,
            [(2, "Library visits rose to 412,000 in 2024 from   380,000 in 2023.")],
        ),
        verdict(4, NOT_CHECKABLE, [], difference="unsourced", reason="Speculation."),
    ]
}


@pytest.fixture
def server(llm_server: LLMServer) -> LLMServer:
    return llm_server


def check(server: LLMServer, **kwargs: Any):
    return check_text(
        ARTICLE,
        SOURCES,
        backend="llm",
        published=date(2025, 2, 13),
        model=server_model(server),
        **kwargs,
    )


def test_one_batched_request_with_verified_evidence(server: LLMServer) -> None:
    server.plan(ok(GOOD, usage={"prompt_tokens": 900, "completion_tokens": 150}))

    report = check(server)

    assert server.request_count == 1
    request = server.last_request
    assert request["response_format"]["json_schema"]["name"] == SCHEMA_NAME
    system, user = request["messages"][0]["content"], request["messages"][1]["content"]
    assert "untrusted data" in system
    assert "<<<SOURCES BEGIN>>>" in user and "source 2: Old library" in user
    claims = user.split("<<<CLAIMS BEGIN>>>")[1]
    assert "Claim 4: The library is likely" in claims
    # MiniCheck-style: each claim goes with the evidence retrieved for it.
    claim_2 = claims.split("Claim 2:")[1].split("Claim 3:")[0]
    assert "Evidence:\n[source 1] " in claim_2 and "$18.4 million" in claim_2
    assert [c.verdict for c in report.claims] == [
        SUPPORTED,
        CONTRADICTED,
        SUPPORTED,
        NOT_CHECKABLE,
    ]
    assert report.claims[1].difference == "number"
    assert report.claims[1].reason.startswith("The sources give $18.4 million")
    for claim in report.claims:
        assert ARTICLE[claim.start : claim.end] == claim.text
        for evidence in claim.evidence:
            text = next(s.text for s in SOURCES if s.index == evidence.source)
            assert text[evidence.start : evidence.end] == evidence.quote
    assert report.claims[2].evidence[0].quote.endswith("from 380,000 in 2023.")
    assert (report.backend, report.model, report.prompt_version) == (
        "llm",
        "test-model",
        PROMPT_VERSION,
    )
    assert (report.input_tokens, report.output_tokens) == (900, 150)


def test_fabricated_quote_is_downgraded(server: LLMServer) -> None:
    data = {"verdicts": [dict(v) for v in GOOD["verdicts"]]}
    data["verdicts"][0] = verdict(1, SUPPORTED, [(1, "The council voted unanimously.")])
    server.plan(ok(data))

    report = check(server)

    first = report.claims[0]
    assert first.verdict == UNSUPPORTED
    assert first.reason == (
        "The model's evidence quote is not in source 1: 'The council voted unanimously.'."
    )
    assert report.claims[1].verdict == CONTRADICTED


def test_missing_verdicts_are_unsupported(server: LLMServer) -> None:
    server.plan(ok({"verdicts": GOOD["verdicts"][:1]}))

    report = check(server)

    assert server.request_count == 1
    assert report.claims[0].verdict == SUPPORTED
    for claim in report.claims[1:]:
        assert claim.verdict == UNSUPPORTED
        assert claim.reason == "The model returned no verdict for this claim."


def test_malformed_json_is_retried_once(server: LLMServer) -> None:
    server.plan(malformed(), ok(GOOD))

    report = check(server)

    assert server.request_count == 2
    assert [c.verdict for c in report.claims][:2] == [SUPPORTED, CONTRADICTED]
    assert report.input_tokens == 24


def test_malformed_twice_raises(server: LLMServer) -> None:
    server.plan(malformed(), malformed())

    with pytest.raises(LLMError) as caught:
        check(server)
    assert caught.value.attempts == 2


def test_altered_quote_is_caught_even_if_the_model_passes_it(server: LLMServer) -> None:
    article = '"This library will serve every community," Mayor Dana Pruitt said.'
    server.plan(ok({"verdicts": [verdict(1, SUPPORTED, [(1, "This library will serve every")])]}))

    report = check_text(article, SOURCES, backend="llm", model=server_model(server))

    assert report.claims[0].verdict == CONTRADICTED
    assert report.claims[0].difference == "quote"


def test_recheck_sends_only_changed_claims(server: LLMServer) -> None:
    server.plan(ok(GOOD))
    first = check(server)
    server.plan(ok({"verdicts": [verdict(1, SUPPORTED, [(2, "Library visits rose")])]}))

    edited = ARTICLE.replace("$19.4 million", "$18.4 million")
    again = check_text(
        edited,
        SOURCES,
        backend="llm",
        published=date(2025, 2, 13),
        previous=first.by_hash(),
        model=server_model(server),
    )

    user = server.last_request["messages"][1]["content"]
    assert "Claim 1: The library will cost $18.4 million." in user
    assert "Claim 2:" not in user.split("<<<CLAIMS BEGIN>>>")[1]
    assert [c.verdict for c in again.claims] == [SUPPORTED, SUPPORTED, SUPPORTED, NOT_CHECKABLE]
