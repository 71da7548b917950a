"""Drafting an article in the newsroom: runs, revisions, failures and retries."""

import pytest

from articles import editing, generation, runs, story_sources
from articles.drafting.llm import PROMPT_VERSION as DRAFT_PROMPT
from articles.exceptions import TransitionRefused
from articles.factcheck.llm import PROMPT_VERSION as CHECK_PROMPT
from articles.models import Article, Revision, Run, Section
from tests.llm_server import ok, status

pytestmark = pytest.mark.django_db


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
    llm_settings.NEWSROOM_LLM_PRICES = {"test-model": (1.0, 2.0)}
    llm_server.plan(*[status(500, retry_after=0)] * 3)
    run = request(article, staff["editor"], django_capture_on_commit_callbacks)
    run.refresh_from_db()
    article.refresh_from_db()
    assert run.status == Run.Status.FAILED
    assert run.error == "The language model kept returning errors (HTTP 500) after 3 attempts."
    assert (run.attempts, run.backend, run.prompt_version) == (3, "llm", DRAFT_PROMPT)
    assert (run.input_tokens, run.output_tokens, run.cost_usd) == (None, None, None)
    calls = list(run.calls.order_by("attempt"))
    assert [(c.attempt, c.status, c.http_status) for c in calls] == [
        (1, "server_error", 500),
        (2, "server_error", 500),
        (3, "server_error", 500),
    ]
    assert all(c.article_id == article.pk and c.purpose == "draft" for c in calls)
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
    assert (retried.attempts, retried.input_tokens, retried.output_tokens) == (1, 12, 8)
    assert str(retried.cost_usd) == "0.000028"
    call = retried.calls.get()
    assert (call.status, call.model, call.prompt_version) == ("ok", "test-model", DRAFT_PROMPT)
    assert "Lakemont" in call.request_preview and "Lakemont" in call.response_preview
    check = article.runs.get(kind=Run.Kind.FACTCHECK)
    assert check.status == Run.Status.FAILED and "no verdict for any claim" in check.error
    assert (check.attempts, check.backend, check.prompt_version) == (2, "llm", CHECK_PROMPT)
    assert check.calls.filter(status="invalid_output").exclude(raw_output="").count() == 2
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


def test_key_facts_table_header_is_not_a_claim(article, staff, django_capture_on_commit_callbacks):
    from articles.checking import article_text

    request(article, staff["editor"], django_capture_on_commit_callbacks)
    article.refresh_from_db()
    assert "<thead><tr><th" in article.body

    blocks = article_text(article).split("\n\n")

    assert "Fact: Detail" not in blocks
    assert any(": " in b and b.split(": ")[0] in article.body for b in blocks[2:])
    assert not article.claims.filter(text__startswith="Fact: Detail").exists()


def test_figures_the_sources_disagree_on_reach_the_editor(
    staff, django_capture_on_commit_callbacks
):
    from sources.models import Story
    from sources.services import add_source

    story = Story.objects.create(title="Tarrow Creek derailment")
    add_source(
        story=story, title="County statement", outlet="Tarrow County",
        text="A freight train derailed near Tarrow Creek on Sunday. A total of 1,200 residents "
        "were evacuated on Sunday after the derailment, the county emergency office said. "
        "Crews worked through the night to contain a solvent leak near the tracks.",
    )  # fmt: skip
    add_source(
        story=story, title="Ledger report", outlet="Tarrow Ledger",
        text="A freight train carrying solvent derailed near Tarrow Creek on Sunday evening. "
        "In all, 1,250 residents were evacuated on Sunday after the derailment, the fire "
        "service said. The rail line will stay closed while crews repair the damaged track.",
    )  # fmt: skip
    section, _ = Section.objects.get_or_create(slug="local", defaults={"name": "Local"})
    article = editing.create_article(staff["editor"], section=section, story=story, headline="")
    with django_capture_on_commit_callbacks(execute=True):
        generation.request_draft(article, staff["editor"])
    draft = article.revisions.get(reason=Revision.Reason.DRAFT)
    assert "1,200" in draft.note and "1,250" in draft.note, draft.note
    flags = article.flags.filter(kind="sources_disagree")
    assert flags.exists(), list(article.flags.values_list("kind", "reason"))


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


def test_a_reaped_run_stays_failed_when_its_job_finishes_late(article, staff):
    run = runs.queue_run(article, Run.Kind.DRAFT, staff["editor"])
    Run.objects.filter(pk=run.pk).update(status=Run.Status.FAILED, error="Timed out.")
    runs.finish_run(run, None)
    run.refresh_from_db()
    assert (run.status, run.error) == (Run.Status.FAILED, "Timed out.")


def test_citations_follow_their_sources_when_a_source_joins_the_story(
    article, staff, django_capture_on_commit_callbacks
):
    """Walkthrough of 2026-12-05: a fourth source pasted into the story renumbered the source
    list by date on the next draft request, while the editor's kept text still cited the old
    numbers, so "[3]" pointed at another outlet."""
    from django.utils import timezone

    from sources.services import add_source

    request(article, staff["editor"], django_capture_on_commit_callbacks)
    article.refresh_from_db()
    before = story_sources.drafting_sources(article)
    mine = article.body.replace("<p>", "<p>Edited. ", 1)
    editing.save_article(article, staff["editor"], expected_version=article.version, body=mine)
    cited = _cited_titles(article.body, before)
    add_source(
        title="Newest word on the story",
        text="A later report. " * 40,
        outlet="Late Gazette",
        published_at=timezone.now(),
        story=article.story,
    )
    request(article, staff["editor"], django_capture_on_commit_callbacks)
    article.refresh_from_db()
    after = story_sources.drafting_sources(article)
    assert len(after) == len(before) + 1 and after[0].title == "Newest word on the story"
    assert article.body.startswith("<p>Edited. ") or "Edited. " in article.body
    assert _cited_titles(article.body, after) == cited  # each marker names the same source


def _cited_titles(body: str, sources) -> list[str]:
    import re

    numbers = [int(n) for n in re.findall(r'href="#source-(\d+)"', body)]
    return [sources[n - 1].title for n in numbers]
