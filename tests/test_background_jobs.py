"""Without Redis, jobs run in the web process's background threads: the editor's request
returns at once and the live status goes queued → running → done."""

import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from articles import editing
from articles.jobs import fail_interrupted_runs
from articles.models import Article, Run, Section
from newsroom import queue
from tests.llm_server import ok

pytestmark = pytest.mark.django_db(transaction=True)

GOOD = {
    "headline": "Lakemont approves bridge repair",
    "sections": [{"heading": "", "paragraphs": [
        {"text": "The Lakemont town council voted 7-2 on Tuesday to approve a $4.2 million "
                 "repair of the Old Mill Bridge.", "citations": [0]}], "bullets": []}],
}  # fmt: skip


@pytest.fixture
def threads(settings):
    settings.REDIS_URL = ""
    settings.NEWSROOM_JOB_THREADS = 2
    yield
    pool, queue._pool = queue._pool, None
    if pool is not None:
        pool.shutdown(wait=True)


def poll(client, article, *, until: str, timeout: float = 10.0) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = client.get(f"/admin/articles/article/{article.pk}/runs.json").json()["runs"]
        draft = next(r for r in runs if r["kind"] == "Draft")
        if not seen or seen[-1] != draft["status"]:
            seen.append(draft["status"])
        if draft["status"] == until:
            return seen
        time.sleep(0.02)
    raise AssertionError(f"draft never reached {until}: {seen}")


def test_request_draft_returns_at_once_and_progress_is_live(
    threads, demo, staff, client, llm_settings, llm_server
):
    release = threading.Event()

    def answer(request):
        release.wait(5)
        return ok({"verdicts": []} if "verdicts" in str(request["messages"][0]) else GOOD)

    llm_server.default = answer
    article = editing.create_article(
        staff["editor"], section=Section.objects.get(slug="local"), story=demo.published.story,
        headline="Working headline",
    )  # fmt: skip
    client.force_login(staff["editor"])

    started = time.monotonic()
    response = client.post(
        f"/admin/articles/article/{article.pk}/act/", {"action": "request_draft"}
    )
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 0.3
    run = article.runs.get(kind=Run.Kind.DRAFT)
    assert run.status in (Run.Status.QUEUED, Run.Status.RUNNING)
    assert run.job_id == f"thread:{socket.gethostname()}:{os.getpid()}"
    seen = poll(client, article, until="running")
    release.set()
    seen += poll(client, article, until="done")[1:]
    assert seen[-2:] == ["running", "done"]
    run.refresh_from_db()
    assert run.calls.filter(status="ok").count() == 1
    article.refresh_from_db()
    assert "voted 7-2" in article.body


def test_runs_left_by_a_stopped_server_are_failed_on_start(demo, staff):
    article = editing.create_article(
        staff["editor"], section=Section.objects.get(slug="local"), story=demo.published.story,
        headline="Working headline",
    )  # fmt: skip
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFTING)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    host = socket.gethostname()

    def held_by(job_id: str, status: str = Run.Status.RUNNING) -> Run:
        return Run.objects.create(
            article=article, kind=Run.Kind.DRAFT, status=status, job_id=job_id
        )

    stuck = held_by(f"thread:{host}:{gone.pid}")
    queued = held_by(f"thread:{host}:{gone.pid}", Run.Status.QUEUED)
    live = held_by(f"thread:{host}:{os.getpid()}")
    elsewhere = held_by(f"thread:other-host:{gone.pid}")
    on_redis = held_by("0f3c9a")

    assert fail_interrupted_runs() == 2

    for run in (stuck, queued, live, elsewhere, on_redis):
        run.refresh_from_db()
    assert stuck.status == queued.status == Run.Status.FAILED
    assert stuck.error == "The server stopped before finishing this run. Retry it."
    assert live.status == elsewhere.status == on_redis.status == Run.Status.RUNNING
    article.refresh_from_db()
    assert article.status == Article.Status.EDITING
