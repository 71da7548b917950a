"""Editorial comments, public corrections and reader error reports."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from newsroom.roles import MANAGING_EDITOR

from . import audit, editing, pages
from .checking import request_check
from .exceptions import ReportRefused, TransitionRefused
from .models import Article, Comment, Correction, ErrorReport, Revision
from .notifications import admin_link, display_name, notify, notify_assigned

log = logging.getLogger(__name__)

REPORTS_PER_HOUR = 5
REPORT_MAX_CHARS = ErrorReport._meta.get_field("message").max_length


def assign(article: Article, user, assignee, *, note: str = "") -> Article:
    """Give the article's current step to ``assignee`` and tell them."""
    editing.save_article(
        article, user, expected_version=article.version, assignee=assignee, note=note
    )
    notify_assigned(article, user, note)
    return article


def add_comment(article: Article, user, text: str, *, parent: Comment | None = None) -> Comment:
    text = text.strip()
    if not text:
        raise TransitionRefused("A comment cannot be empty.")
    editing.check_lengths(Comment, text=text)
    if parent is not None and parent.article_id != article.pk:
        raise TransitionRefused("That reply belongs to another article.")
    comment = Comment.objects.create(article=article, author=user, text=text, parent=parent)
    audit.record(user, "comment.added", article=article, target=comment)
    watchers = {article.assignee, parent.author if parent else None}
    watchers.discard(user)
    notify(
        watchers,
        f"New comment on {article.headline}",
        f"{display_name(user)} wrote:\n\n{text}\n\n{admin_link(article)}",
    )
    return comment


def add_correction(
    article: Article,
    user,
    note: str,
    *,
    kind: str = Correction.Kind.CORRECTION,
    changes: dict[str, str] | None = None,
    expected_version: int | None = None,
    report: ErrorReport | None = None,
) -> Correction:
    """A public correction or update note on a published article.

    Optionally changes the text in the same step; the note is stamped, the article's public
    "Updated" time moves, and the article is queued for fact-checking again. ``report``, an
    accepted reader report on this article not yet settled, is settled by the correction.
    """
    if not user.has_perm("articles.add_public_correction"):
        raise TransitionRefused("Only managing editors add public corrections.")
    if article.status != Article.Status.PUBLISHED:
        raise TransitionRefused("Corrections are for published articles.")
    if not note.strip():
        raise TransitionRefused("A correction needs a note readers can see.")
    editing.check_lengths(Correction, note=note.strip())
    if report is not None and not settleable_reports(article).filter(pk=report.pk).exists():
        raise TransitionRefused("That reader report is not an accepted, unsettled report on it.")
    with transaction.atomic():
        if changes:
            editing.save_article(
                article, user, reason=Revision.Reason.CORRECTION, note=note[:200],
                expected_version=expected_version if expected_version is not None
                else article.version,
                **changes,
            )  # fmt: skip
        correction = Correction.objects.create(
            article=article, kind=kind, note=note.strip(), created_by=user
        )
        now = timezone.now()
        Article.objects.filter(pk=article.pk).update(content_updated_at=now)
        audit.record(user, "article.corrected", article=article, target=correction, reason=note)
        if report is not None:
            ErrorReport.objects.filter(pk=report.pk).update(correction=correction)
            audit.record(user, "report.settled", article=article, target=report, reason=note)
        request_check(article, user)
        pages.published_changed(article)
    article.refresh_from_db()
    return correction


def settleable_reports(article: Article):
    """The accepted reader reports on ``article`` that no correction has settled yet."""
    return article.error_reports.filter(
        status=ErrorReport.Status.ACCEPTED, correction__isnull=True
    ).order_by("created_at")


def client_fingerprint(ip: str) -> str:
    """A keyed hash of the reader's address: enough to rate-limit, useless to anyone else."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()


def submit_report(
    article: Article, *, message: str, ip: str, name: str = "", email: str = ""
) -> ErrorReport | None:
    """A reader's error report into the moderation queue, rate-limited per address.

    Returns None for a report silently dropped (a bot that filled the honeypot is handled by
    the form); raises ReportRefused with a reader-facing message when over the limit.
    """
    if article.status != Article.Status.PUBLISHED:
        raise ReportRefused("This article is not published.")
    message = message.strip()
    if not message or len(message) > REPORT_MAX_CHARS:
        raise ReportRefused(f"Please describe the error in 1 to {REPORT_MAX_CHARS} characters.")
    fingerprint = client_fingerprint(ip)
    key = f"report-rate:{fingerprint}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > REPORTS_PER_HOUR:
        raise ReportRefused("Too many reports from your connection: please try again later.")
    report = ErrorReport.objects.create(
        article=article, message=message, name=name[:100], email=email, ip_hash=fingerprint
    )
    audit.record(None, "report.received", article=article, target=report)
    moderators = get_user_model().objects.filter(groups__name="Moderator", is_active=True)
    notify(moderators, f"Reader report on {article.headline}", message[:500])
    return report


def triage_report(report: ErrorReport, user, decision: str, reason: str) -> ErrorReport:
    """A moderator dismisses a report (with a reason) or accepts it, which opens a correction
    task for the managing editors (the article is assigned to one of them, and they are told)."""
    if not user.has_perm("articles.handle_report"):
        raise TransitionRefused("Only moderators triage reader reports.")
    if decision not in (ErrorReport.Status.DISMISSED, ErrorReport.Status.ACCEPTED):
        raise TransitionRefused("Decide to dismiss or accept.")
    if not reason.strip():
        raise TransitionRefused("Give a reason for the decision.")
    editing.check_lengths(ErrorReport, decision_note=reason.strip())
    with transaction.atomic():
        report = ErrorReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ErrorReport.Status.NEW:
            raise TransitionRefused("This report was already decided.")
        report.status, report.decision_note = decision, reason.strip()
        report.decided_by, report.decided_at = user, timezone.now()
        report.save()
        audit.record(
            user, f"report.{decision}", article=report.article, target=report, reason=reason
        )
        if decision == ErrorReport.Status.ACCEPTED:
            _open_correction_task(report, user)
    return report


def _open_correction_task(report: ErrorReport, user) -> None:
    article = report.article
    managing = list(get_user_model().objects.filter(groups__name=MANAGING_EDITOR, is_active=True))
    Comment.objects.create(
        article=article,
        author=user,
        text=f"Reader report accepted — correction needed:\n{report.message}\n\n"
        f"Moderator's note: {report.decision_note}",
    )
    if managing and article.assignee_id is None:
        Article.objects.filter(pk=article.pk).update(assignee=managing[0])
    notify(
        managing,
        f"Correction needed: {article.headline}",
        f"A reader report was accepted.\n\n{report.message}\n\n{admin_link(article)}",
    )
