"""Background jobs: thin wrappers that call services (RQ imports them by dotted path).

The database, not Redis, holds the truth about a run: a job that dies leaves its run queued or
running, and ``reap_stale_runs`` fails it so the editor can retry; nothing else is lost.
"""

from collections.abc import Callable
from datetime import timedelta

from django.db import DatabaseError, connection
from django.db.models import Q
from django.utils import timezone

from newsroom.queue import THREAD_JOB_PREFIX, thread_job_lost

from .models import Run

STALE_AFTER = timedelta(minutes=12)


def draft(run_id: int) -> None:
    from .generation import run_draft

    _guarded(run_draft, run_id)


def factcheck(run_id: int) -> None:
    from .checking import run_check

    _guarded(run_check, run_id)


def _guarded(service: Callable[[int], object], run_id: int) -> None:
    """Run a service; if the database connection breaks mid-way, reconnect and record the run
    as failed (retryable) instead of leaving it 'running'."""
    try:
        service(run_id)
    except DatabaseError:
        connection.close()
        error = "The database connection failed during this run. Retry it."
        unfinished = Run.objects.filter(
            pk=run_id, status__in=(Run.Status.QUEUED, Run.Status.RUNNING)
        )
        run = unfinished.select_related("article").first()
        if run is not None and unfinished.update(
            status=Run.Status.FAILED, finished_at=timezone.now(), error=error
        ):
            _release(run, error)
        raise


def _release(run: Run, error: str) -> None:
    """A failed draft run hands its article back to the editor."""
    if run.kind == Run.Kind.DRAFT:
        from .generation import draft_failed

        draft_failed(run.article, error)


def publish_scheduled(article_id: int, scheduled_for: str) -> bool:
    from .workflow import publish_scheduled as publish

    return publish(article_id, scheduled_for)


def publish_due() -> int:
    from .workflow import publish_due as publish

    return publish()


def reap_stale_runs(older_than: timedelta = STALE_AFTER) -> int:
    """Fail runs a dead worker left 'running' (or a lost job left 'queued') so they can be
    retried. A job times out after 10 minutes, so 12 minutes without an end means it is gone."""
    cutoff = timezone.now() - older_than
    return _fail_unfinished(
        Q(status=Run.Status.RUNNING, started_at__lt=cutoff)
        | Q(status=Run.Status.QUEUED, created_at__lt=cutoff),
        "The worker stopped before finishing this run. Retry it.",
    )


def fail_interrupted_runs() -> int:
    """Fail the queued or running runs held by the job threads of a server process on this
    host that has stopped (they died with it); run when a server's job threads start."""
    unfinished = Run.objects.filter(
        status__in=(Run.Status.QUEUED, Run.Status.RUNNING), job_id__startswith=THREAD_JOB_PREFIX
    )
    lost = [run.pk for run in unfinished.only("pk", "job_id") if thread_job_lost(run.job_id)]
    return _fail_unfinished(
        Q(pk__in=lost), "The server stopped before finishing this run. Retry it."
    )


def _fail_unfinished(which: Q, error: str) -> int:
    reaped = 0
    for run in Run.objects.filter(which).select_related("article"):
        if Run.objects.filter(pk=run.pk, status=run.status).update(
            status=Run.Status.FAILED, finished_at=timezone.now(), error=error
        ):
            reaped += 1
            _release(run, error)
    return reaped
