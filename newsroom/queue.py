"""The queue glue: one way to run a background job.

With ``REDIS_URL`` set, jobs go to real RQ queues (``default``, ``drafting``, ``factcheck``,
``ingest``) served by ``manage.py rqworker --with-scheduler``; without it they run in a small
pool of background threads in this process (``NEWSROOM_JOB_THREADS``, started with the server
by ``newsroom.wsgi``) once the current transaction commits, so a fresh install needs no
services and the request that queued a job returns at once. With 0 threads a job runs in the
committing request itself (the test suite's setting).
Job functions are thin wrappers that call services and record their own outcome. Callers name
them by dotted path ("articles.jobs.draft_article"), so a service never imports its jobs module
and no import ring forms between the two.
"""

import contextlib
import logging
import os
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

# Run by the first background thread when the pool starts: jobs held by the threads of a server
# process that has since died died with it, and their records say so.
ON_START = "articles.jobs.fail_interrupted_runs"
THREAD_JOB_PREFIX = "thread:"

_pool: ThreadPoolExecutor | None = None
_pool_pid = 0
_pool_lock = threading.Lock()


class QueueUnavailable(Exception):
    """Redis could not take the job; nothing was enqueued."""


def redis_enabled() -> bool:
    return bool(settings.REDIS_URL)


def enqueue(queue: str, func: str, *args, job_id: str | None = None, **kwargs) -> str:
    """Run the job at dotted path ``func`` with ``(*args, **kwargs)`` on ``queue`` once the
    transaction commits.

    Returns the RQ job id; for a job in this process's threads, ``thread:HOST:PID`` (which
    process holds it, see :func:`thread_job_lost`); "" when the job runs inline. Raises
    QueueUnavailable when Redis is configured but unreachable, so callers can tell the editor
    and keep their data.
    """
    if queue not in settings.NEWSROOM_QUEUES:
        raise ValueError(f"Unknown queue {queue!r}")
    if not redis_enabled():
        job = partial(_run_inline, func, args, kwargs)
        if settings.NEWSROOM_JOB_THREADS <= 0:
            transaction.on_commit(job, robust=True)
            return ""
        transaction.on_commit(partial(_submit, job), robust=True)
        return f"{THREAD_JOB_PREFIX}{socket.gethostname()}:{os.getpid()}"
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


def start_background() -> ThreadPoolExecutor | None:
    """Start this process's job threads (once per process, a forked worker included) and have
    the first one fail the runs whose threads died with an earlier process; None when jobs go
    to Redis or run inline."""
    global _pool, _pool_pid
    if redis_enabled() or settings.NEWSROOM_JOB_THREADS <= 0:
        return None
    with _pool_lock:
        if _pool is None or _pool_pid != os.getpid():
            _pool = ThreadPoolExecutor(
                max_workers=settings.NEWSROOM_JOB_THREADS, thread_name_prefix="newsroom-job"
            )
            _pool_pid = os.getpid()
            _pool.submit(_in_thread, partial(_run_inline, ON_START, (), {}))
        return _pool


def thread_job_lost(job_id: str) -> bool:
    """True when ``job_id`` names the job threads of a process on this host that is gone."""
    prefix, _, owner = job_id.partition(THREAD_JOB_PREFIX)
    host, _, pid = owner.rpartition(":")
    if prefix or host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _submit(job) -> None:
    pool = start_background()
    if pool is None:  # settings changed to Redis or inline since the job was queued
        job()
    else:
        pool.submit(_in_thread, job)


def _in_thread(job) -> None:
    """Run ``job`` in a pool thread with its own database connection, closed afterwards."""
    close_old_connections()
    try:
        with contextlib.suppress(Exception):  # logged by _run_inline; the run records it
            job()
    finally:
        connection.close()


def _run_inline(func: str, args: tuple, kwargs: dict) -> None:
    try:
        import_string(func)(*args, **kwargs)
    except Exception:
        log.exception("In-process job %s failed", func)
        raise
