"""Drafting an article in the newsroom: runs, revisions, failures and retries."""

import pytest

from articles import editing, generation, runs, story_sources
from articles.exceptions import TransitionRefused
from articles.models import Article, Revision, Run, Section
from tests.llm_server import ok, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(demo, staff):
    return editing.create_article(
        staff["editor"], section=Section.objects.get(slug="local"), story=demo.published.story,
        headline="Working headline",
    )  # fmt: skip


def request(article, user, capture):
    with capture(execute=True):
        return generation.request_draft(article, user)


def test_offline_draft_fills_article_and_queues_check(
    article, staff, django_capture_on_commit_callbacks
):
    run = request(article, staff["editor"], django_capture_on_commit_callbacks)
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.status == Run.Status.DONE and run.backend == "offline" and run.latency_ms is not None
    assert article.status == Article.Status.EDITING
    assert article.body.count("<p>") >= 2 and 'class="cite"' in article.body
    assert article.ai_author and article.disclaimer
    assert article.revisions.filter(reason=Revision.Reason.DRAFT).exists()
    assert article.runs.filter(kind=Run.Kind.FACTCHECK).exists()


def test_only_editors_request_drafts(article, staff):
    for role in ("factchecker", "moderator"):
        with pytest.raises(TransitionRefused):
            generation.request_draft(article, staff[role])
    assert not article.runs.exists()


def test_story_without_sources_is_refused(staff):
    article = editing.create_article(
        staff["editor"], section=Section.objects.create(name="X", slug="x"), headline="Empty"
    )
    with pytest.raises(TransitionRefused, match="at least one source"):
        generation.request_draft(article, staff["editor"])


def test_regenerating_never_overwrites_editor_text(
    article, staff, django_capture_on_commit_callbacks
):
    request(article, staff["editor"], django_capture_on_commit_callbacks)
    article.refresh_from_db()
    mine = "<p>My own careful lead paragraph.</p>"
    editing.save_article(article, staff["editor"], expected_version=article.version, body=mine)
    request(article, staff["editor"], django_capture_on_commit_callbacks)
    article.refresh_from_db()
    assert article.body == mine
    newest = article.revisions.order_by("-number").first()
    assert newest.reason == Revision.Reason.REGENERATE and "not applied" in newest.note
    assert newest.body != mine


def test_llm_failure_is_recorded_and_retry_succeeds(
    article, staff, llm_settings, llm_server, django_capture_on_commit_callbacks
):
    llm_server.plan(status(500), status(500), status(500))
    run = request(article, staff["editor"], django_capture_on_commit_callbacks)
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.status == Run.Status.FAILED
    assert "500" in run.error and run.attempts == 3
    assert article.status == Article.Status.EDITING
    assert article.body == ""

    sources = story_sources.as_source_texts(story_sources.drafting_sources(article))
    llm_server.plan(
        ok({
            "headline": "Lakemont approves bridge repair",
            "dek": "The council voted 7-2.",
            "sections": [{"heading": "", "paragraphs": [
                {"text": "The Lakemont town council voted 7-2 on Tuesday to approve a $4.2 "
                         "million repair of the Old Mill Bridge.", "citations": [0, 1]}],
                "bullets": []}],
            "key_facts": [{"label": "Cost", "value": "$4.2 million", "citations": [0]}],
        })
    )  # fmt: skip
    llm_server.default = lambda request: ok({"verdicts": []})
    with django_capture_on_commit_callbacks(execute=True):
        retried = generation.retry_run(run, staff["editor"])
    retried.refresh_from_db()
    assert retried.status == Run.Status.DONE, retried.error
    assert retried.backend == "llm" and retried.model and retried.input_tokens > 0
    article.refresh_from_db()
    assert "voted 7-2" in article.body and len(sources) == 3


def test_duplicate_request_refused_while_running(article, staff):
    run = runs.queue_run(article, Run.Kind.DRAFT, staff["editor"])
    with pytest.raises(TransitionRefused, match="already queued"):
        generation.request_draft(article, staff["editor"])
    assert runs.claim_run(run.pk) is not None
    assert runs.claim_run(run.pk) is None


def test_stale_runs_are_reaped(article, staff):
    from datetime import timedelta

    from django.utils import timezone

    from articles.jobs import reap_stale_runs

    article.status = Article.Status.DRAFTING
    article.save()
    run = runs.queue_run(article, Run.Kind.DRAFT, staff["editor"])
    runs.claim_run(run.pk)
    Run.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(hours=1))
    assert reap_stale_runs() == 1
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.status == Run.Status.FAILED and "worker stopped" in run.error
    assert article.status == Article.Status.EDITING


def test_a_draft_longer_than_an_article_fails_its_run_cleanly(
    article, staff, llm_settings, llm_server, django_capture_on_commit_callbacks
):
    paragraph = "The Lakemont town council voted 7-2 on Tuesday to approve the repair. " * 400
    llm_server.plan(
        ok({
            "headline": "Lakemont approves bridge repair", "dek": "The council voted 7-2.",
            "sections": [{"heading": "", "bullets": [], "paragraphs": [
                {"text": paragraph, "citations": [0]} for _ in range(20)]}],
            "key_facts": [],
        })
    )  # fmt: skip
    run = request(article, staff["editor"], django_capture_on_commit_callbacks)
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.status == Run.Status.FAILED and "Body is too long" in run.error
    assert article.status == Article.Status.EDITING and article.body == ""
