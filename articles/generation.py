"""Drafting an article from its story's sources (the Django side of ``articles.drafting``)."""

import logging

from django.db import transaction

from articles.llm import LLMError
from newsroom import queue
from newsroom.llm import model_for, resolve_backend
from sources.models import Source

from . import audit, editing, runs, workflow
from .checking import request_check
from .draft_html import render_draft, renumber_citations
from .drafting import draft_sources
from .exceptions import TransitionRefused
from .models import AIAuthor, Article, Revision, Run, Section
from .story_sources import as_source_texts, drafting_sources

log = logging.getLogger(__name__)

HUMAN_REASONS = {
    Revision.Reason.CREATED,
    Revision.Reason.EDIT,
    Revision.Reason.FLAG_EDIT,
    Revision.Reason.RESTORE,
    Revision.Reason.CORRECTION,
    Revision.Reason.AI_MERGE,
}


def request_draft(article: Article, user, *, backend: str = "auto") -> Run:
    """Queue a draft of ``article`` (moves it to Drafting). Refuses clearly; loses nothing."""
    if not drafting_sources(article):
        raise TransitionRefused("Add at least one source to the story before drafting.")
    if runs.active_runs(article).filter(kind=Run.Kind.DRAFT).exists():
        raise TransitionRefused("A draft is already queued or running for this article.")
    with transaction.atomic():
        run = runs.queue_run(article, Run.Kind.DRAFT, user)
        run.backend = backend
        run.save(update_fields=["backend"])

        def enqueue(_article: Article) -> None:
            run.job_id = queue.enqueue("drafting", "articles.jobs.draft", run.pk)
            run.save(update_fields=["job_id"])

        workflow.transition(article, user, "request_draft", effects=enqueue)
    return run


def draft_from_story(story, user, *, backend: str = "auto") -> Article:
    """One click on a story: a new article (no headline yet: the draft brings it) in the first
    section, credited to the active AI persona, with its draft queued. Nothing is kept if the
    draft cannot be queued."""
    section = Section.objects.order_by("position", "pk").first()
    if section is None:
        raise TransitionRefused("Create a section first: every article belongs to one.")
    with transaction.atomic():
        article = editing.create_article(
            user,
            headline="",
            section=section,
            story=story,
            ai_author=AIAuthor.objects.filter(is_active=True).first(),
        )
        request_draft(article, user, backend=backend)
    return article


def run_draft(run_id: int) -> Run | None:
    """The drafting job: draft, store as a new revision, then queue the fact-check."""
    run = runs.claim_run(run_id)
    if run is None:
        return None
    article = run.article
    sources = drafting_sources(article)
    texts = as_source_texts(sources)
    backend = run.backend = resolve_backend(run.backend)
    try:
        with model_for(backend, on_call=runs.call_recorder(Run.Kind.DRAFT, run=run)) as model:
            result = draft_sources(texts, backend=backend, model=model)
    except (LLMError, ValueError) as exc:
        runs.fail_run(run, str(exc), exc)
        draft_failed(article, str(exc))
        return run
    except Exception as exc:
        runs.fail_run(run, f"Unexpected error while drafting: {exc!r}")
        draft_failed(article, "Unexpected error while drafting.")
        raise
    try:
        applied = apply_draft(article, result.draft, texts, sources, user=run.requested_by)
    except TransitionRefused as refused:  # a draft longer than an article may be
        runs.fail_run(run, f"The draft could not be stored: {refused}")
        draft_failed(article, str(refused))
        return run
    runs.finish_run(run, result)
    audit.record(
        None,
        "article.drafted",
        article=article,
        reason="" if applied else "Kept the editor's text; the new draft is a revision to restore.",
        data={"run": run.pk, "backend": result.backend, "applied": applied},
    )
    workflow.transition(article, workflow.SYSTEM, "draft_ready")
    try:
        request_check(Article.objects.get(pk=article.pk), workflow.SYSTEM)
    except queue.QueueUnavailable as down:
        audit.record(None, "article.check_not_queued", article=article, reason=str(down))
    return run


def apply_draft(article: Article, draft, texts, sources, *, user=None) -> bool:
    """Make the draft the article's text, unless an editor has changed the text since the last
    AI draft: then the draft is stored as a revision and waits as ``pending_draft`` for the
    editor to review change by change (``draft_review``), and nothing is lost.
    Returns whether the draft became the current text."""
    body = render_draft(draft, texts)
    notes = " ".join(draft.notes)  # for the editor: the figures the sources disagree on
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        last = article.revisions.order_by("-number").first()
        human_edited = (
            bool(article.body.strip()) and last is not None and last.reason in HUMAN_REASONS
        )
        had_draft = article.revisions.filter(
            reason__in=(Revision.Reason.DRAFT, Revision.Reason.REGENERATE)
        ).exists()
        reason = Revision.Reason.REGENERATE if had_draft else Revision.Reason.DRAFT
        listed = list(article.sources.order_by(*Source._meta.ordering))
        if human_edited and [s.pk for s in listed] != [s.pk for s in sources]:
            editing.save_article(
                article,
                user,
                expected_version=article.version,
                note="Citation numbers follow the new list of sources.",
                body=renumber_citations(article.body, listed, sources),
            )  # fmt: skip  (an edit: the editor's text stays protected from the next draft)
        if human_edited:
            article.pending_draft = editing.add_revision(
                article, user, headline=editing.fit(Revision, "headline", draft.headline),
                dek=editing.fit(Revision, "dek", draft.dek), body=body, reason=reason,
                note=" ".join(
                    ("New AI draft not applied: the article has editor changes. Review its "
                     "changes from the article page.", notes)
                ).strip(),
            )  # fmt: skip
        else:
            named = (
                {}
                if article.headline.strip()
                else {"slug": editing.unique_slug(draft.headline, exclude_pk=article.pk)}
            )  # the slug of an untitled article
            editing.save_article(
                article, user, expected_version=article.version, reason=reason,
                note=notes[:500], headline=editing.fit(Article, "headline", draft.headline),
                dek=editing.fit(Article, "dek", draft.dek), body=body, **named,
            )  # fmt: skip
            article.pending_draft = None
        article.sources.set(sources)
        if article.ai_author_id is None:
            article.ai_author = AIAuthor.objects.filter(is_active=True).first()
        if article.ai_author and not article.disclaimer:
            article.disclaimer = article.ai_author.disclaimer
        article.is_ai_generated = True
        article.save(update_fields=["ai_author", "disclaimer", "is_ai_generated", "pending_draft"])
    return not human_edited


def draft_failed(article: Article, reason: str) -> None:
    try:
        workflow.transition(article, workflow.SYSTEM, "draft_failed", comment=reason)
    except TransitionRefused:
        log.warning("Draft failed for article %s, which is no longer drafting", article.pk)


def retry_run(run: Run, user) -> Run:
    """Queue a failed draft or fact-check again (a new run; the failed one stays on record)."""
    if run.status != Run.Status.FAILED:
        raise TransitionRefused("Only a failed run can be retried.")
    if run.kind == Run.Kind.DRAFT:
        return request_draft(run.article, user)
    return request_check(run.article, user)
