"""Background jobs: thin wrappers that call services (RQ imports them by dotted path)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import Run


def draft(run_id: int) -> None:
    from .generation import run_draft

    run_draft(run_id)


def factcheck(run_id: int) -> None:
    from .checking import run_check

    run_check(run_id)


def publish_scheduled(article_id: int, scheduled_for: str) -> bool:
    from .workflow import publish_scheduled as publish

    return publish(article_id, scheduled_for)


def publish_due() -> int:
    from .workflow import publish_due as publish

    return publish()


STALE_AFTER = timedelta(minutes=15)


def reap_stale_runs() -> int:
    """Fail runs a dead worker left 'running' (or a lost job left 'queued') so they can be
    retried; a job times out after 10 minutes, so 15 minutes without an end means it is gone."""
    from .generation import draft_failed

    cutoff = timezone.now() - STALE_AFTER
    stale = Run.objects.filter(
        Q(status=Run.Status.RUNNING, started_at__lt=cutoff)
        | Q(status=Run.Status.QUEUED, created_at__lt=cutoff)
    ).select_related("article")
    reaped = 0
    for run in stale:
        error = "The worker stopped before finishing this run. Retry it."
        if Run.objects.filter(pk=run.pk, status=run.status).update(
            status=Run.Status.FAILED, finished_at=timezone.now(), error=error
        ):
            reaped += 1
            if run.kind == Run.Kind.DRAFT:
                draft_failed(run.article, error)
    return reaped
