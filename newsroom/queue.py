"""The queue glue: one way to run a background job.

With ``REDIS_URL`` set, jobs go to real RQ queues (``default``, ``drafting``, ``factcheck``,
``ingest``) served by ``manage.py rqworker --with-scheduler``; without it they run in this
process once the current transaction commits, so a fresh install needs no services.
Job functions are thin wrappers that call services and record their own outcome. Callers name
them by dotted path ("articles.jobs.draft_article"), so a service never imports its jobs module
and no import ring forms between the two.
"""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class QueueUnavailable(Exception):
    """Redis could not take the job; nothing was enqueued."""


def redis_enabled() -> bool:
    return bool(settings.REDIS_URL)


def enqueue(queue: str, func: str, *args, job_id: str | None = None, **kwargs) -> str:
    """Run the job at dotted path ``func`` with ``(*args, **kwargs)`` on ``queue`` once the
    transaction commits.

    Returns the RQ job id, or "" when the job runs in-process. Raises QueueUnavailable when
    Redis is configured but unreachable, so callers can tell the editor and keep their data.
    """
    if queue not in settings.NEWSROOM_QUEUES:
        raise ValueError(f"Unknown queue {queue!r}")
    if not redis_enabled():
        transaction.on_commit(partial(_run_inline, func, args, kwargs), robust=True)
        return ""
    import django_rq
    from redis.exceptions import RedisError

    try:
        rq_queue = django_rq.get_queue(queue, commit_mode="auto")
        rq_queue.connection.ping()
    except RedisError as exc:
        raise QueueUnavailable(f"The job queue is unavailable ({exc}).") from exc
    if job_id is None:
        import uuid

        job_id = uuid.uuid4().hex
    transaction.on_commit(partial(_enqueue_now, rq_queue, func, args, kwargs, job_id), robust=False)
    return job_id


def enqueue_at(
    when: datetime, queue: str, func: str, *args, job_id: str | None = None, **kwargs
) -> str:
    """Run a job at ``when`` through RQ's scheduler; in-process mode leaves it to the ticker.

    Without Redis, scheduled work is picked up by ``manage.py run_periodic`` (started by
    ``make run``), which calls the same services on an interval.
    """
    if not redis_enabled():
        if when <= timezone.now():
            return enqueue(queue, func, *args, **kwargs)
        return ""
    import django_rq
    from redis.exceptions import RedisError

    # RQ's scheduler keeps whole seconds and may run a job up to a second early: round up.
    if when.microsecond:
        when = when.replace(microsecond=0) + timedelta(seconds=1)
    try:
        rq_queue = django_rq.get_queue(queue, commit_mode="auto")
        job = rq_queue.enqueue_at(when, func, *args, job_id=job_id, **kwargs)
    except RedisError as exc:
        raise QueueUnavailable(f"The job queue is unavailable ({exc}).") from exc
    return job.id


def _enqueue_now(rq_queue, func: str, args: tuple, kwargs: dict, job_id: str) -> None:
    rq_queue.enqueue(func, *args, job_id=job_id, **kwargs)


def _run_inline(func: str, args: tuple, kwargs: dict) -> None:
    try:
        import_string(func)(*args, **kwargs)
    except Exception:
        log.exception("In-process job %s failed", func)
        raise
