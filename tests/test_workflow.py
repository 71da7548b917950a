"""The moderation workflow: every transition for every role, the publish gate, conflicts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import editing, workflow
from articles.exceptions import TransitionRefused
from articles.models import AIAuthor, Article, AuditEvent, Flag, Revision, Section

pytestmark = pytest.mark.django_db

S = Article.Status
ROLES = ("editor", "factchecker", "managing", "moderator", "admin")

# transition -> roles allowed (superuser "admin" may do everything a human may)
ALLOWED = {
    "request_draft": {"editor", "managing", "admin"},
    "start_editing": {"editor", "factchecker", "managing", "admin"},
    "submit_for_check": {"editor", "factchecker", "managing", "admin"},
    "submit_for_approval": {"factchecker", "managing", "admin"},
    "send_back": {"factchecker", "managing", "admin"},
    "publish": {"managing", "admin"},
    "schedule": {"managing", "admin"},
    "unschedule": {"managing", "admin"},
    "unpublish": {"managing", "admin"},
    "reopen": {"managing", "admin"},
    "draft_ready": set(),
    "draft_failed": set(),
    "publish_scheduled": set(),
}


@pytest.fixture
def article(db):
    section = Section.objects.create(name="Local", slug="local")
    author = AIAuthor.objects.create(name="Bot", slug="bot", bio="b", disclaimer="AI wrote it.")
    article = editing.create_article(
        None, section=section, headline="Bridge repair approved", body="<p>Text.</p>",
        ai_author=author,
    )  # fmt: skip
    return article


def ready(article: Article, status: str) -> Article:
    """Put the article in ``status`` with a current fact-check and no open flags."""
    article.status = status
    article.checked_hash = article.text_hash()
    if status == S.SCHEDULED:
        article.scheduled_at = timezone.now() + timedelta(hours=1)
    if status == S.PUBLISHED:
        article.published_at = timezone.now()
    article.save()
    return article


def kwargs_for(name: str) -> dict:
    if name == "schedule":
        return {"when": timezone.now() + timedelta(hours=2)}
    if workflow.TRANSITIONS[name].needs_comment:
        return {"comment": "Needs a second source for the cost."}
    return {}


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_every_transition_for_every_role(staff, article, name, django_capture_on_commit_callbacks):
    spec = workflow.TRANSITIONS[name]
    source_state = sorted(spec.sources)[0]
    for role in ROLES:
        ready(article, source_state)
        if name in ALLOWED and role in ALLOWED[name]:
            with django_capture_on_commit_callbacks(execute=False):
                workflow.transition(article, staff[role], name, **kwargs_for(name))
            assert article.status == spec.target, (role, name)
        else:
            with pytest.raises(TransitionRefused, match="may not"):
                workflow.transition(article, staff[role], name, **kwargs_for(name))
            article.refresh_from_db()
            assert article.status == source_state


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_transition_from_wrong_state_is_refused(staff, article, name):
    spec = workflow.TRANSITIONS[name]
    wrong = next(s for s in S.values if s not in spec.sources)
    ready(article, wrong)
    with pytest.raises(TransitionRefused):
        workflow.transition(
            article, None if spec.permissions is None else staff["admin"], name, **kwargs_for(name)
        )
    article.refresh_from_db()
    assert article.status == wrong


def test_send_back_and_unpublish_need_a_comment(staff, article):
    ready(article, S.AWAITING_APPROVAL)
    with pytest.raises(TransitionRefused, match="needs a comment"):
        workflow.transition(article, staff["managing"], "send_back", comment="  ")
    workflow.transition(article, staff["managing"], "send_back", comment="Check the cost.")
    event = AuditEvent.objects.filter(action="article.send_back").get()
    assert event.reason == "Check the cost." and event.actor == staff["managing"]
    assert (event.from_state, event.to_state) == (S.AWAITING_APPROVAL, S.EDITING)


def test_publish_gate(staff, article):
    ready(article, S.AWAITING_APPROVAL)
    Flag.objects.create(article=article, kind="unsupported", excerpt="x", reason="r")
    with pytest.raises(TransitionRefused, match="1 open fact-check flag"):
        workflow.transition(article, staff["managing"], "publish")
    Flag.objects.update(status="resolved", resolution="confirmed", resolved_at=timezone.now())
    editing.save_article(
        article, staff["editor"], expected_version=article.version, body="<p>New</p>"
    )
    with pytest.raises(TransitionRefused, match="changed after the last fact-check"):
        workflow.transition(article, staff["managing"], "publish")
    ready(article, S.AWAITING_APPROVAL)
    article.disclaimer = ""
    article.save()
    with pytest.raises(TransitionRefused, match="no disclaimer"):
        workflow.transition(article, staff["managing"], "publish")
    article.disclaimer = "AI wrote it."
    article.ai_author = None
    article.save()
    with pytest.raises(TransitionRefused, match="no AI author"):
        workflow.transition(article, staff["managing"], "publish")


def test_publish_records_editor_and_time(staff, article, django_capture_on_commit_callbacks):
    ready(article, S.AWAITING_APPROVAL)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(article, staff["managing"], "publish")
    assert article.status == S.PUBLISHED and article.published_at is not None
    assert staff["managing"] in article.editors.all()
    assert AuditEvent.objects.filter(action="article.publish", actor=staff["managing"]).exists()


def test_publishing_derives_the_disclosure_level(staff, article):
    """An editor rewrote the AI draft: published, it says human-written, whatever the stored
    level said before."""
    editing.save_article(
        article,
        None,
        expected_version=article.version,
        reason=Revision.Reason.DRAFT,
        body="<p>The AI wrote this text.</p>",
    )
    editing.save_article(
        article,
        staff["editor"],
        expected_version=article.version,
        body="<p>An editor wrote every word of this new text instead.</p>",
    )
    Article.objects.filter(pk=article.pk).update(disclosure=Article.Disclosure.AI_REVIEWED)
    ready(article, S.AWAITING_APPROVAL)
    workflow.transition(article, staff["managing"], "publish")
    assert article.disclosure == Article.Disclosure.HUMAN_ASSISTED


def test_never_checked_article_cannot_be_published(staff, article):
    article.status = S.AWAITING_APPROVAL
    article.save()
    with pytest.raises(TransitionRefused, match="never been fact-checked"):
        workflow.transition(article, staff["managing"], "publish")


def test_schedule_needs_future_time(staff, article):
    ready(article, S.AWAITING_APPROVAL)
    with pytest.raises(TransitionRefused, match="future"):
        workflow.transition(
            article, staff["managing"], "schedule", when=timezone.now() - timedelta(minutes=1)
        )


def test_publish_due_publishes_only_due_and_is_idempotent(staff, article):
    ready(article, S.AWAITING_APPROVAL)
    when = timezone.now() + timedelta(minutes=5)
    workflow.transition(article, staff["managing"], "schedule", when=when)
    assert workflow.publish_due() == 0
    assert workflow.publish_due(now=when + timedelta(seconds=1)) == 0  # not yet, by the clock
    Article.objects.filter(pk=article.pk).update(scheduled_at=timezone.now() - timedelta(seconds=1))
    assert workflow.publish_due() == 1
    assert workflow.publish_due() == 0
    article.refresh_from_db()
    assert article.status == S.PUBLISHED


def test_scheduled_publish_that_fails_the_gate_goes_back(staff, article):
    ready(article, S.AWAITING_APPROVAL)
    workflow.transition(
        article, staff["managing"], "schedule", when=timezone.now() + timedelta(minutes=5)
    )
    Flag.objects.create(article=article, kind="unsupported", excerpt="x", reason="r")
    Article.objects.filter(pk=article.pk).update(scheduled_at=timezone.now())
    assert workflow.publish_due() == 0
    article.refresh_from_db()
    assert article.status == S.AWAITING_APPROVAL
    assert AuditEvent.objects.filter(action="article.schedule_failed").exists()


def test_second_save_conflicts_and_keeps_both_texts(staff, article):
    loaded_by_a = article.version
    loaded_by_b = article.version
    editing.save_article(article, staff["editor"], expected_version=loaded_by_a, body="<p>A</p>")
    with pytest.raises(editing.EditConflict) as conflict:
        editing.save_article(
            article, staff["managing"], expected_version=loaded_by_b, body="<p>B</p>"
        )
    assert conflict.value.attempted["body"] == "<p>B</p>"
    assert conflict.value.current.body == "<p>A</p>"
    article.refresh_from_db()
    assert article.body == "<p>A</p>"
    assert article.revisions.count() == 2


def test_every_save_stores_a_revision_and_restore_adds_one(staff, article):
    editing.save_article(article, staff["editor"], expected_version=article.version, headline="H2")
    first = article.revisions.get(number=1)
    editing.restore_revision(first, staff["editor"], expected_version=article.version)
    article.refresh_from_db()
    assert article.headline == "Bridge repair approved"
    reasons = list(article.revisions.order_by("number").values_list("reason", flat=True))
    assert reasons == [Revision.Reason.CREATED, Revision.Reason.EDIT, Revision.Reason.RESTORE]


def test_saved_body_is_sanitised(staff, article):
    editing.save_article(
        article, staff["editor"], expected_version=article.version,
        body='<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">l</a></p>',
    )  # fmt: skip
    assert "onclick" not in article.body and "<script" not in article.body
    assert "javascript:" not in article.body


def test_scheduled_publication_needs_a_human_approval(article):
    ready(article, S.SCHEDULED)
    Article.objects.filter(pk=article.pk).update(scheduled_at=timezone.now())
    article.refresh_from_db()
    assert not workflow.publish_scheduled(article.pk, article.scheduled_at.isoformat())
    article.refresh_from_db()
    assert article.status == S.AWAITING_APPROVAL
    event = AuditEvent.objects.get(action="article.schedule_failed")
    assert "No human editor has approved it" in event.reason
