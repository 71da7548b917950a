"""Benchmark the LLM path's cost in calls, and the editor's wait on "Request AI draft".

Run: ``.venv/bin/python bench/llm_calls.py [--latency S]``.

1. Calls per draft and per check: a 1,000-word draft from 10 generated sources, drafted and
   then fact-checked through the real ``openai`` client against the test server
   (``tests/llm_server.py``), counting HTTP requests. Budget: 1 per draft, at most 2 per check.
2. Time to first response on "Request AI draft" in the default setup (SQLite, no Redis, jobs in
   the web process's background threads): a throwaway database with the demo data, the
   editor's POST through Django's WSGI handler, the model answering after ``--latency``
   seconds. Budget: under 300 ms. Then the run's live status is polled until it is done.

Exits non-zero when a budget is missed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESPONSE_BUDGET_MS = 300.0


def draft_json(text: str, n_sources: int) -> dict[str, Any]:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return {
        "headline": "Generated story for the benchmark",
        "dek": "A one-sentence summary.",
        "sections": [
            {"heading": "" if i == 0 else f"Part {i}", "paragraphs": [
                {"text": p, "citations": list(range(n_sources))}
                for p in paragraphs[i * 4 : i * 4 + 4]
            ], "bullets": []}
            for i in range((len(paragraphs) + 3) // 4)
        ],
        "key_facts": [],
    }  # fmt: skip


def verdicts_for(request: dict[str, Any]) -> dict[str, Any]:
    """A verdict for every numbered claim in a fact-check request."""
    user = request["messages"][-1]["content"]
    block = user.split("<<<CLAIMS BEGIN>>>")[1].split("<<<CLAIMS END>>>")[0]
    numbers = [int(n) for n in re.findall(r"^Claim (\d+):", block, flags=re.M)]
    return {"verdicts": [{"claim": n, "verdict": "not_checkable"} for n in numbers]}


def responder(draft: dict[str, Any], latency: float = 0.0):
    from tests.llm_server import ok

    def answer(request: dict[str, Any]):
        if latency:
            time.sleep(latency)
        if "<<<CLAIMS BEGIN>>>" in request["messages"][-1]["content"]:
            return ok(verdicts_for(request))
        return ok(draft)

    return answer


def calls_per_draft_and_check() -> tuple[int, int, int]:
    from articles.drafting.llm import draft_llm
    from articles.factcheck import check_text
    from bench.factcheck import generated_draft, generated_sources
    from tests.llm_server import LLMServer, server_model

    sources = generated_sources(10, 1000)
    text = generated_draft(sources, 1000)
    server = LLMServer().start()
    try:
        server.default = responder(draft_json(text, len(sources)))
        model = server_model(server, timeout=30)
        draft_llm(sources, model=model)
        drafted = server.request_count
        report = check_text(text, sources, backend="llm", model=model)
        checked = server.request_count - drafted
    finally:
        server.stop()
    return drafted, checked, len(report.claims)


def editor_wait(latency: float) -> tuple[float, list[tuple[float, str]]]:
    """The editor's POST in the default setup, and the run's status over time."""
    workdir = tempfile.mkdtemp(prefix="newsroom-bench-")
    os.environ.update({
        "DATABASE_URL": f"sqlite:///{workdir}/db.sqlite3", "REDIS_URL": "",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings", "OPENAI_API_KEY": "bench",
        "NEWSROOM_LLM_MODEL": "bench-model", "NEWSROOM_LLM_TIMEOUT": "30",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    })  # fmt: skip
    from tests.llm_server import LLMServer

    server = LLMServer().start()
    os.environ["OPENAI_BASE_URL"] = server.base_url
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from articles import editing
    from articles.demo import load_demo
    from articles.models import Run, Section
    from newsroom import queue

    call_command("migrate", verbosity=0)
    demo = load_demo()
    from django.contrib.auth import get_user_model

    from newsroom.wsgi import application  # noqa: F401  (starts the job threads, as a server does)

    editor = get_user_model().objects.get(username="admin")
    article = editing.create_article(
        editor, section=Section.objects.get(slug="local"), story=demo.published.story,
        headline="Benchmark story",
    )  # fmt: skip
    server.default = responder(
        draft_json("The council approved the repair on Tuesday. It will cost $4.2 million.", 1),
        latency,
    )
    client = Client()
    client.force_login(editor)
    assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    started = time.monotonic()
    response = client.post(
        f"/admin/articles/article/{article.pk}/act/", {"action": "request_draft"}
    )
    waited = (time.monotonic() - started) * 1000
    assert response.status_code == 302, response.status_code
    timeline: list[tuple[float, str]] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        runs = client.get(f"/admin/articles/article/{article.pk}/runs.json").json()["runs"]
        status = " + ".join(f"{r['kind'].lower()} {r['status']}" for r in reversed(runs))
        if not timeline or timeline[-1][1] != status:
            timeline.append((time.monotonic() - started, status))
        if len(runs) == 2 and all(
            r["status"] in (Run.Status.DONE, Run.Status.FAILED) for r in runs
        ):
            break
        time.sleep(0.05)
    server.stop()
    if queue._pool is not None:
        queue._pool.shutdown(wait=True)
    return waited, timeline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency", type=float, default=2.0, help="model answer time, seconds")
    args = parser.parse_args()
    failed = False

    drafted, checked, claims = calls_per_draft_and_check()
    print(f"Calls per draft (1,000 words, 10 sources): {drafted}  (budget 1)")
    print(f"Calls per check ({claims} claims):            {checked}  (budget <= 2)")
    failed |= drafted != 1 or not 1 <= checked <= 2

    waited, timeline = editor_wait(args.latency)
    print(f'"Request AI draft" response, model answering in {args.latency:g} s: {waited:.0f} ms '
          f"(budget {RESPONSE_BUDGET_MS:.0f} ms)")  # fmt: skip
    print("Live status:")
    for at, status in timeline:
        print(f"  {at:5.2f} s  {status}")
    last = timeline[-1][1] if timeline else ""
    failed |= waited >= RESPONSE_BUDGET_MS or last != "draft done + fact-check done"
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
