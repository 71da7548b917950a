"""Real-server behaviours end to end: the editor's draft request, the run's error sentence and
the AI call rows stored for it."""

import json

import pytest

from articles import generation
from articles.drafting.llm import PROMPT_VERSION as DRAFT_PROMPT
from articles.models import Article, Run
from tests.llm_server import ONE_PARAGRAPH_DRAFT, Planned, ok, refusal, status

pytestmark = pytest.mark.django_db

DRAFT = ONE_PARAGRAPH_DRAFT
QUOTA = json.dumps(
    {
        "error": {
            "message": "You exceeded your current quota.",
            "type": "insufficient_quota",
            "code": "insufficient_quota",
        }
    }
)


def draft(article, staff, capture):
    with capture(execute=True):
        run = generation.request_draft(article, staff["editor"])
    run.refresh_from_db()
    return run


def answers(request):
    if "<<<CLAIMS BEGIN>>>" in request["messages"][-1]["content"]:
        return ok({"verdicts": [{"claim": 1, "verdict": "not_checkable"}]})
    return ok(DRAFT)


@pytest.mark.parametrize(
    ("setup", "statuses"),
    [
        (lambda s: setattr(s, "rejects", "llama.cpp"), ["schema_rejected", "ok"]),
        (lambda s: setattr(s, "rejects", "vllm"), ["schema_rejected", "ok"]),
        (lambda s: setattr(s, "stream_only", True), ["stream_required", "ok"]),
        (lambda s: setattr(s, "sse_only", True), ["ok"]),
        (lambda s: s.plan(ok("Here is the draft:\n" + json.dumps(DRAFT) + "\nDone.")), ["ok"]),
    ],
    ids=["llama.cpp", "vllm", "stream-only", "sse-only", "prose"],
)
def test_modes_that_still_draft(
    article, staff, llm_settings, llm_server, django_capture_on_commit_callbacks, setup, statuses
):
    llm_server.default = answers
    setup(llm_server)

    run = draft(article, staff, django_capture_on_commit_callbacks)

    assert run.status == Run.Status.DONE, run.error
    assert list(run.calls.order_by("attempt").values_list("status", flat=True)) == statuses
    assert run.attempts == len(statuses)
    article.refresh_from_db()
    assert "voted 7-2" in article.body


@pytest.mark.parametrize(
    ("planned", "error", "statuses"),
    [
        (
            [Planned(status=429, body=QUOTA.encode())],
            "The language model account has run out of quota or credit (insufficient_quota). "
            "Check the plan and billing of the API key.",
            ["quota"],
        ),
        (
            [refusal("I can't write about this.")],
            "The language model refused to answer: I can't write about this.",
            ["refusal"],
        ),
        (
            [ok("I'm sorry, I cannot help with that.")],
            "The language model refused to answer: I'm sorry, I cannot help with that.",
            ["refusal"],
        ),
        (
            [status(401, message="Incorrect API key provided.")],
            "The language model rejected the request (HTTP 401): Incorrect API key provided. "
            "Check OPENAI_API_KEY.",
            ["http_error"],
        ),
    ],
    ids=["quota", "refusal-field", "plain-text-refusal", "bad-key"],
)
def test_failures_are_named_for_the_editor_and_logged(
    article, staff, llm_settings, llm_server, django_capture_on_commit_callbacks,
    planned, error, statuses,
):  # fmt: skip
    llm_server.plan(*planned)

    run = draft(article, staff, django_capture_on_commit_callbacks)

    assert run.status == Run.Status.FAILED
    assert run.error == error
    calls = list(run.calls.order_by("attempt"))
    assert [c.status for c in calls] == statuses
    assert (run.attempts, run.backend, run.prompt_version) == (len(statuses), "llm", DRAFT_PROMPT)
    assert llm_server.request_count == len(statuses)
    article.refresh_from_db()
    assert article.status == Article.Status.EDITING
