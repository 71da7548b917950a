"""The moderation workflow: states, who may move an article between them, and the publish gate.

Every entry point (admin, jobs, views, commands) calls ``transition``; a forbidden move is
refused here with a clear message, whatever asked for it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from newsroom import queue

from . import audit, pages, provenance
from .exceptions import TransitionRefused
from .models import Article, Flag
from .notifications import notify_sent_back

S = Article.Status
SYSTEM = None
# A transition's comment (why an article is sent back or unpublished); the form says so too.
COMMENT_MAX_CHARS = 1000


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permissions: tuple[str, ...] | None
    """Any one of these permissions allows it; None means only the system (jobs) may."""
    needs_comment: bool = False

    def allowed_for(self, user) -> bool:
        if self.permissions is None:
            return user is SYSTEM
        if user is SYSTEM:
            return True
        return user.is_active and any(user.has_perm(p) for p in self.permissions)


def _t(name, label, sources, target, permissions, needs_comment=False) -> Transition:
    return Transition(name, label, frozenset(sources), target, permissions, needs_comment)


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        _t("request_draft", "Request AI draft", {S.COLLECTING, S.EDITING}, S.DRAFTING,
           ("articles.request_draft",)),
        _t("draft_ready", "Draft ready", {S.DRAFTING}, S.EDITING, None),
        _t("draft_failed", "Draft failed", {S.DRAFTING}, S.EDITING, None),
        _t("start_editing", "Start editing", {S.COLLECTING}, S.EDITING,
           ("articles.change_article",)),
        _t("submit_for_check", "Send to fact-check", {S.EDITING}, S.FACT_CHECKING,
           ("articles.change_article",)),
        _t("submit_for_approval", "Send for approval", {S.FACT_CHECKING}, S.AWAITING_APPROVAL,
           ("articles.resolve_flag",)),
        _t("send_back", "Send back to editing",
           {S.FACT_CHECKING, S.AWAITING_APPROVAL, S.SCHEDULED}, S.EDITING,
           ("articles.resolve_flag", "articles.approve_article"), needs_comment=True),
        _t("publish", "Approve and publish", {S.AWAITING_APPROVAL}, S.PUBLISHED,
           ("articles.publish_article",)),
        _t("schedule", "Approve and schedule", {S.AWAITING_APPROVAL}, S.SCHEDULED,
           ("articles.publish_article",)),
        _t("unschedule", "Cancel schedule", {S.SCHEDULED}, S.AWAITING_APPROVAL,
           ("articles.publish_article",)),
        _t("publish_scheduled", "Publish (scheduled)", {S.SCHEDULED}, S.PUBLISHED, None),
        _t("unpublish", "Unpublish", {S.PUBLISHED}, S.UNPUBLISHED,
           ("articles.publish_article",), needs_comment=True),
        _t("reopen", "Reopen for editing", {S.UNPUBLISHED}, S.EDITING,
           ("articles.publish_article",)),
    )
}  # fmt: skip

PUBLISHING = {"publish", "schedule", "publish_scheduled"}


def publish_blockers(article: Article, approver=None) -> list[str]:
    """Why ``article`` cannot be published now; empty when it can. ``approver`` is the human
    publishing or scheduling it, whose approval counts."""
    blockers = []
    if approver is None and not article.editors.exists():
        blockers.append("No human editor has approved it.")
    open_flags = article.flags.filter(status=Flag.Status.OPEN).count()
    if open_flags:
        blockers.append(f"{open_flags} open fact-check flag{'s' if open_flags > 1 else ''}.")
    if not article.checked_hash:
        blockers.append("It has never been fact-checked.")
    elif not article.check_is_current:
        blockers.append("The text changed after the last fact-check: run the check again.")
    if article.is_ai_generated:
        if article.ai_author_id is None:
            blockers.append("AI wrote it, but no AI author persona is set.")
        if not article.disclaimer.strip():
            blockers.append("AI wrote it, but it has no disclaimer.")
    if not article.headline.strip() or not article.body.strip():
        blockers.append("It has no headline or no body.")
    return blockers


def available(article: Article, user) -> list[Transition]:
    """The transitions ``user`` may start from the article's current state."""
    return [
        t
        for t in TRANSITIONS.values()
        if article.status in t.sources and t.permissions is not None and t.allowed_for(user)
    ]


def transition(
    article: Article,
    user,
    name: str,
    *,
    comment: str = "",
    when: datetime | None = None,
    effects: Callable[[Article], None] | None = None,
) -> Article:
    """Move ``article`` along transition ``name`` as ``user`` (None for the system).

    Locks the row, re-reads the state, checks permission, comment and the publish gate, applies
    the change and writes the audit entry in one transaction. ``effects`` runs inside it, so
    a failure there (say, the job queue is down) leaves the article where it was.
    """
    try:
        spec = TRANSITIONS[name]
    except KeyError:
        raise TransitionRefused(f"Unknown action “{name}”.") from None
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        _check(spec, locked, user, comment, when)
        before = locked.status
        locked.status = spec.target
        if name in ("publish", "schedule") and user is not SYSTEM:
            locked.editors.add(user)
        if name == "submit_for_approval":
            locked.editors.add(user)
        if name == "publish" or name == "publish_scheduled":
            locked.published_at = locked.published_at or timezone.now()
            locked.disclosure = provenance.provenance(locked).level
            locked.scheduled_at = None
        if name == "schedule":
            locked.scheduled_at = when
        if name == "unschedule":
            locked.scheduled_at = None
        locked.save()
        audit.record(
            user,
            f"article.{name}",
            article=locked,
            from_state=before,
            to_state=locked.status,
            reason=comment,
            data={"scheduled_at": when.isoformat()} if when else None,
        )
        if effects is not None:
            effects(locked)
    _after_commit(locked, name, user, comment)
    article.refresh_from_db()
    return article


def _check(spec: Transition, article: Article, user, comment: str, when) -> None:
    if not spec.allowed_for(user):
        who = "The system" if user is SYSTEM else "You"  # said to the one who asked
        raise TransitionRefused(f"{who} may not “{spec.label}”: that needs another role.")
    if article.status not in spec.sources:
        raise TransitionRefused(
            f"Cannot “{spec.label}” an article that is {article.get_status_display().lower()}."
        )
    if spec.needs_comment and not comment.strip():
        raise TransitionRefused(f"“{spec.label}” needs a comment saying why.")
    if len(comment) > COMMENT_MAX_CHARS:
        raise TransitionRefused(f"The comment is too long: at most {COMMENT_MAX_CHARS} characters.")
    if spec.name == "schedule" and (when is None or when <= timezone.now()):
        raise TransitionRefused("Choose a publication time in the future.")
    if spec.name in PUBLISHING:
        blockers = publish_blockers(article, approver=user)
        if blockers:
            raise TransitionRefused("Cannot publish yet: " + " ".join(blockers))
    if spec.name == "submit_for_approval":
        blockers = [b for b in publish_blockers(article) if "flag" in b or "check" in b]
        if blockers:
            raise TransitionRefused("Not ready for approval: " + " ".join(blockers))


def _after_commit(article: Article, name: str, user, comment: str) -> None:
    """Side effects that must only happen once the new state is committed."""
    if name == "send_back":
        transaction.on_commit(lambda: notify_sent_back(article, user, comment))

    if name == "schedule":
        queue.enqueue_at(
            article.scheduled_at, "default", "articles.jobs.publish_scheduled", article.pk,
            article.scheduled_at.isoformat(),
        )  # fmt: skip
    if name in {"publish", "publish_scheduled", "unpublish"}:
        pages.published_changed(article)


def publish_due(now: datetime | None = None) -> int:
    """Publish every scheduled article whose time has come (the clock's safety net)."""
    now = now or timezone.now()
    published = 0
    for article in Article.objects.filter(status=S.SCHEDULED, scheduled_at__lte=now):
        if publish_scheduled(article.pk, article.scheduled_at.isoformat()):
            published += 1
    return published


def publish_scheduled(article_id: int, scheduled_for: str) -> bool:
    """Publish a scheduled article if it is still scheduled for that time; else do nothing.

    Idempotent: the RQ scheduler and the periodic safety net may both call it. If the gate
    fails at publication time, the article goes back to awaiting approval, with the reason.
    """
    article = Article.objects.filter(pk=article_id).first()
    if (
        article is None
        or article.status != S.SCHEDULED
        or article.scheduled_at is None
        or article.scheduled_at.isoformat() != scheduled_for
        or article.scheduled_at > timezone.now()
    ):
        return False
    try:
        transition(article, SYSTEM, "publish_scheduled")
    except TransitionRefused as refused:
        with transaction.atomic():
            Article.objects.filter(pk=article.pk, status=S.SCHEDULED).update(
                status=S.AWAITING_APPROVAL, scheduled_at=None
            )
            audit.record(
                SYSTEM,
                "article.schedule_failed",
                article=article,
                from_state=S.SCHEDULED,
                to_state=S.AWAITING_APPROVAL,
                reason=str(refused),
            )
        return False
    return True
