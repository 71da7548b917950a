"""Faults on real services: a worker killed mid-draft, Redis stopped mid-job, the database
connection dropped. Each time the editor sees a clear state, the run can be retried, and no
text, revision, flag or audit entry is lost or duplicated."""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from django.db import connection

from articles import checking, editing, generation
from articles.jobs import reap_stale_runs
from articles.models import Article, AuditEvent, Revision, Run, Section
from newsroom.queue import QueueUnavailable
from tests.conftest import point_rq_at, wait_for
from tests.llm_server import ok, slow

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

DRAFT = {
    "headline": "Lakemont approves bridge repair",
    "dek": "The council voted 7-2.",
    "sections": [{"heading": "", "paragraphs": [{
        "text": "The Lakemont town council voted 7-2 on Tuesday to approve a $4.2 million "
                "repair of the Old Mill Bridge.", "citations": [0]}], "bullets": []}],
    "key_facts": [{"label": "Cost", "value": "$4.2 million", "citations": [0]}],
}  # fmt: skip
CHECK = {"verdicts": []}


@pytest.fixture
def article(staff, demo):
    return editing.create_article(
        staff["editor"], section=Section.objects.get(slug="local"), story=demo.published.story,
        headline="Working headline", body="<p>The editor's own first paragraph.</p>",
    )  # fmt: skip


def run_of(article, kind=Run.Kind.DRAFT):
    return article.runs.filter(kind=kind).order_by("-created_at").first()


def answer(llm_server, *, slow_draft: float = 0.0):
    """The fake model: drafts (slowly if asked) and checks."""

    def respond(request):
        is_check = "verdicts" in str(request.get("response_format", ""))
        reply = ok(CHECK if is_check else DRAFT)
        return slow(slow_draft, then=reply) if slow_draft and not is_check else reply

    llm_server.default = respond


def assert_nothing_lost(article, editor_body):
    article.refresh_from_db()
    revisions = list(article.revisions.order_by("number"))
    numbers = [r.number for r in revisions]
    assert numbers == list(range(1, len(numbers) + 1)), "revision numbers must be contiguous"
    assert revisions[0].body == editor_body, "the editor's first text is kept"
    drafted = [
        r for r in revisions if r.reason in (Revision.Reason.DRAFT, Revision.Reason.REGENERATE)
    ]
    assert len(drafted) <= 1, "a draft is never stored twice"
    assert AuditEvent.objects.filter(article=article, action="article.drafted").count() == len(
        drafted
    )


def test_worker_killed_during_a_draft(
    llm_settings, llm_server, redis_url, start_worker, article, staff
):
    llm_settings.NEWSROOM_LLM_TIMEOUT = 30
    worker = start_worker()
    answer(llm_server, slow_draft=20)
    body = article.body
    generation.request_draft(article, staff["editor"])
    wait_for(lambda: run_of(article).status == Run.Status.RUNNING, timeout=30)
    time.sleep(1)
    worker.kill()

    run = run_of(article)
    assert run.status == Run.Status.RUNNING
    assert reap_stale_runs(older_than=timedelta(0)) == 1
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.status == Run.Status.FAILED and "Retry" in run.error
    assert article.status == Article.Status.EDITING and article.body == body

    answer(llm_server)
    start_worker()
    retried = generation.retry_run(run, staff["editor"])
    wait_for(lambda: Run.objects.get(pk=retried.pk).status == Run.Status.DONE, timeout=60)
    article.refresh_from_db()
    assert article.body == body, "a regenerated draft never overwrites the editor's text"
    assert_nothing_lost(article, body)


@pytest.fixture
def own_redis(settings, monkeypatch):
    """A private redis-server we may stop and restart."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server binary not found")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no"]  # fmt: skip

    class Server:
        proc = None

        def start(self):
            self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
            wait_for(lambda: _ping(port), timeout=10)

        def stop(self):
            self.proc.terminate()
            self.proc.wait(timeout=10)

    server = Server()
    server.start()
    point_rq_at(monkeypatch, settings, f"redis://127.0.0.1:{port}/0")
    yield server
    if server.proc.poll() is None:
        server.stop()


def _ping(port: int) -> bool:
    import redis

    try:
        return redis.Redis(port=port, socket_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


def test_redis_stopped_mid_job_and_restarted(
    llm_settings, llm_server, own_redis, start_worker, article, staff
):
    llm_settings.NEWSROOM_LLM_TIMEOUT = 30
    answer(llm_server, slow_draft=3)
    body = article.body
    worker = start_worker()
    generation.request_draft(article, staff["editor"])
    wait_for(lambda: run_of(article).status == Run.Status.RUNNING, timeout=30)
    own_redis.stop()

    checks_before = article.runs.filter(kind=Run.Kind.FACTCHECK).count()
    with pytest.raises(QueueUnavailable, match="unavailable"):
        checking.request_check(Article.objects.get(pk=article.pk), staff["editor"])
    assert article.runs.filter(kind=Run.Kind.FACTCHECK).count() == checks_before
    time.sleep(4)
    own_redis.start()
    worker.stop()
    start_worker()

    reap_stale_runs(older_than=timedelta(0))
    run = run_of(article)
    assert run.status in (Run.Status.DONE, Run.Status.FAILED), run.status
    if run.status == Run.Status.FAILED:
        retried = generation.retry_run(run, staff["editor"])
        wait_for(lambda: Run.objects.get(pk=retried.pk).status == Run.Status.DONE, timeout=60)
    assert Article.objects.get(pk=article.pk).status == Article.Status.EDITING
    assert_nothing_lost(article, body)


@pytest.mark.postgres_only
def test_database_connection_dropped_mid_job(
    llm_settings, llm_server, redis_url, start_worker, article, staff
):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: runs in the PostgreSQL suite")
    llm_settings.NEWSROOM_LLM_TIMEOUT = 30
    start_worker()
    answer(llm_server, slow_draft=3)
    body = article.body
    generation.request_draft(article, staff["editor"])
    wait_for(lambda: run_of(article).status == Run.Status.RUNNING, timeout=30)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    wait_for(lambda: run_of(article).status != Run.Status.RUNNING, timeout=30)
    run = run_of(article)
    assert run.status == Run.Status.FAILED and "database connection" in run.error
    answer(llm_server)
    retried = generation.retry_run(run, staff["editor"])
    wait_for(lambda: Run.objects.get(pk=retried.pk).status == Run.Status.DONE, timeout=60)
    assert_nothing_lost(article, body)
