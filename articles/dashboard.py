"""The "My queue" page: what waits for each person, by role."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .models import Article, ErrorReport, Run

S = Article.Status


@dataclass
class QueueSection:
    title: str
    items: QuerySet
    kind: str  # "articles" or "reports"

    @property
    def count(self) -> int:
        return len(self.items)


def _articles(*states: str) -> QuerySet[Article]:
    return (
        Article.objects.filter(status__in=states)
        .select_related("section", "assignee")
        .annotate(open_flags=Count("flags", filter=Q(flags__status="open")))
        .order_by("updated_at")
    )


def my_queue(user) -> list[QueueSection]:
    """The sections of the user's queue, most urgent first; empty sections are kept (count 0)."""
    sections: list[QueueSection] = []
    mine = Q(assignee=user) | Q(assignee__isnull=True)
    if user.has_perm("articles.resolve_flag"):
        sections.append(
            QueueSection("Fact-checking: flags to resolve",
                         _articles(S.FACT_CHECKING).filter(mine)[:50], "articles")
        )  # fmt: skip
    if user.has_perm("articles.publish_article"):
        sections.append(
            QueueSection("Awaiting your approval", _articles(S.AWAITING_APPROVAL)[:50], "articles")
        )
        sections.append(QueueSection("Scheduled", _articles(S.SCHEDULED)[:50], "articles"))
        sections.append(
            QueueSection(
                "Accepted reader reports needing a correction",
                ErrorReport.objects.filter(
                    status="accepted", correction__isnull=True
                ).select_related("article")[:50],
                "reports",
            )
        )
    if user.has_perm("articles.request_draft"):
        sections.append(
            QueueSection("Editing: yours or unassigned",
                         _articles(S.COLLECTING, S.EDITING).filter(mine)[:50], "articles")
        )  # fmt: skip
        sections.append(
            QueueSection(
                "Failed drafts and checks to retry",
                _articles(S.COLLECTING, S.DRAFTING, S.EDITING, S.FACT_CHECKING)
                .filter(runs__status=Run.Status.FAILED)
                .distinct()[:50],
                "articles",
            )
        )
    if user.has_perm("articles.handle_report"):
        sections.append(
            QueueSection(
                "New reader reports",
                ErrorReport.objects.filter(status="new").select_related("article")[:50],
                "reports",
            )
        )
    return sections
