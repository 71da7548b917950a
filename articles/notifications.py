"""Email notifications: who hears about an article's assignment, send-back or reports."""

import logging

from django.core.mail import send_mail
from django.urls import reverse

from newsroom.site import site_url

from .models import Article

log = logging.getLogger(__name__)


def notify(users, subject: str, message: str) -> int:
    """Email each user with an address; failures are logged, never raised to the caller."""
    recipients = sorted({u.email for u in users if u is not None and u.email})
    if not recipients:
        return 0
    try:
        return send_mail(f"[Newsroom] {subject}", message, None, recipients)
    except Exception:
        log.exception("Could not send notification %r", subject)
        return 0


def admin_link(article: Article) -> str:
    """An absolute link to the article in the admin (``newsroom.site.site_url``)."""
    return site_url() + reverse("admin:articles_article_change", args=[article.pk])


def notify_assigned(article: Article, user, note: str = "") -> None:
    """Tell the article's assignee that the current step is now theirs."""
    if article.assignee is not None and article.assignee != user:
        notify(
            [article.assignee],
            f"Assigned to you: {article.headline}",
            f"{display_name(user)} assigned “{article.headline}” ({article.get_status_display()}) "
            f"to you.\n{note}\n\n{admin_link(article)}",
        )


def notify_sent_back(article: Article, user, comment: str) -> None:
    """The people who worked on the article learn it was sent back, and why."""
    people = {article.assignee, article.created_by}
    people.discard(user)
    notify(
        people,
        f"Sent back: {article.headline}",
        f"{display_name(user)} sent “{article.headline}” back to editing:\n\n{comment}\n\n"
        f"{admin_link(article)}",
    )


def display_name(user) -> str:
    if user is None:
        return "The system"
    return user.get_full_name() or user.get_username()
