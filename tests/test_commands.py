"""The draft_files and factcheck_files commands."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.demo import FIXTURES, read_source_file


@pytest.fixture
def source_files(tmp_path):
    paths = []
    for name in ("source-ledger.txt", "source-courier.txt", "source-radio.txt"):
        fields = read_source_file(FIXTURES / name)
        path = tmp_path / name
        path.write_text(f"{fields['title']}\n{fields['text']}\n")
        paths.append(str(path))
    return paths


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_draft_files_json_shape(source_files):
    args = ["draft_files", "--backend", "offline"]
    for path in source_files:
        args += ["--source", path]
    data = json.loads(run(*args))
    assert set(data) >= {"headline", "dek", "sections", "key_facts", "provenance"}
    paragraphs = [p for s in data["sections"] for p in s["paragraphs"]]
    assert paragraphs and all(p["citations"] for p in paragraphs)
    assert all(0 <= c < 3 for p in paragraphs for c in p["citations"])
    assert data["provenance"]["backend"] == "offline"


def test_draft_files_html(source_files):
    html = run("draft_files", "--source", source_files[0], "--format", "html")
    assert "<p>" in html and "<script" not in html


def test_draft_files_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("draft_files", "--source", str(tmp_path / "missing.txt"))


def test_factcheck_files_json(source_files, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The Lakemont town council voted 7-2 on Tuesday to approve a $4.2 million repair of the "
        "Old Mill Bridge.\n\nThe state transport fund will pay $3.5 million of the cost."
    )
    args = ["factcheck_files", "--draft", str(draft)]
    for path in source_files:
        args += ["--source", path]
    data = json.loads(run(*args))
    text = draft.read_text()
    claims = data["claims"]
    assert len(claims) >= 2
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert set(claim) >= {"text", "start", "end", "verdict", "reason", "evidence"}
    assert claims[0]["verdict"] == "supported"
    ev = claims[0]["evidence"][0]
    source_text = Path(source_files[ev["source"]]).read_text().partition("\n")[2]
    assert source_text[ev["start"] : ev["end"]] == ev["quote"]
    wrong = next(c for c in claims if "3.5 million" in c["text"])
    assert wrong["verdict"] == "contradicted"


@pytest.mark.django_db
@pytest.mark.parametrize("record", [True, False])
def test_llm_commands_record_their_calls_when_asked(
    source_files, tmp_path, llm_settings, llm_server, record
):
    from articles.models import AICall
    from tests.llm_server import ok

    draft = {
        "headline": "Lakemont approves bridge repair",
        "sections": [{"heading": "", "paragraphs": [
            {"text": "The Lakemont town council voted 7-2 to approve the repair.",
             "citations": [0]}], "bullets": []}],
    }  # fmt: skip
    llm_server.plan(ok(draft), ok({"verdicts": [{"claim": 1, "verdict": "not_checkable"}]}))
    flag = ["--record"] if record else []
    sources = [arg for path in source_files for arg in ("--source", path)]
    data = json.loads(run("draft_files", "--backend", "llm", *sources, *flag))
    text = tmp_path / "draft.txt"
    text.write_text("Critics say the repair is likely to run late.")
    run("factcheck_files", "--backend", "llm", "--draft", str(text), *sources, *flag)

    assert data["provenance"]["input_tokens"] == 12
    assert llm_server.request_count == 2
    calls = list(AICall.objects.order_by("pk").values_list("purpose", "status", "run", "article"))
    assert calls == (
        [("draft", "ok", None, None), ("factcheck", "ok", None, None)] if record else []
    )
