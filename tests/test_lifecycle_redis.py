"""An article's whole life on real services: draft and check run by a real rqworker on Redis,
flags resolved, approval, a scheduled publication executed by the worker's scheduler, then a
correction."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles import checking, editing, generation, moderation, workflow
from articles.models import Article, AuditEvent, Flag, Run, Section
from tests.conftest import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def runs_finished(article: Article, kind: str, count: int = 1) -> bool:
    done = article.runs.filter(kind=kind, status__in=("done", "failed"))
    return done.count() >= count


def test_whole_life_on_a_real_worker(rq_worker, staff, demo):
    editor, checker, chief = staff["editor"], staff["factchecker"], staff["managing"]
    article = editing.create_article(
        editor, section=Section.objects.get(slug="local"), story=demo.published.story,
        headline="Bridge repair: what happens next",
    )  # fmt: skip

    generation.request_draft(article, editor)
    wait_for(lambda: runs_finished(article, Run.Kind.DRAFT), timeout=60)
    wait_for(lambda: runs_finished(article, Run.Kind.FACTCHECK), timeout=60)
    article.refresh_from_db()
    assert article.runs.get(kind="draft").status == "done", article.runs.get(kind="draft").error
    assert article.runs.get(kind="factcheck").status == "done"
    assert article.status == Article.Status.EDITING
    assert article.body and article.sources.count() == 3
    assert article.claims.exists()
    assert article.check_is_current

    workflow.transition(article, editor, "submit_for_check")
    for flag in article.flags.filter(status=Flag.Status.OPEN):
        checking.resolve_flag(flag, checker, "confirmed", note="Checked against the sources.")
    workflow.transition(article, checker, "submit_for_approval")
    when = timezone.now() + timedelta(seconds=2)
    workflow.transition(article, chief, "schedule", when=when)
    assert article.status == Article.Status.SCHEDULED

    wait_for(
        lambda: Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED, timeout=30
    )
    article.refresh_from_db()
    assert {checker, chief} <= set(article.editors.all())
    assert AuditEvent.objects.filter(article=article, action="article.publish_scheduled").exists()
    assert Client().get(article.get_absolute_url()).status_code == 200

    moderation.add_correction(article, chief, "An earlier version gave the wrong start date.")
    wait_for(lambda: runs_finished(article, Run.Kind.FACTCHECK, 2), timeout=60)
    article.refresh_from_db()
    assert article.content_updated_at is not None
    assert article.corrections.count() == 1
    actions = set(AuditEvent.objects.filter(article=article).values_list("action", flat=True))
    required = {
        "article.created", "article.request_draft", "article.drafted", "article.checked",
        "article.submit_for_approval", "article.schedule", "article.publish_scheduled",
        "article.corrected",
    }  # fmt: skip
    if article.flags.exists():
        required.add("flag.resolved")
    assert required <= actions
