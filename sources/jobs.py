"""Job functions for the ``ingest`` queue: thin wrappers that call the services.

Each records its own outcome (on the feed, its items, or the import job) and never raises
for bad input, so a hostile feed or page cannot kill a worker.
"""

from . import feeds, importing
from .models import Feed


def poll_due_feeds() -> int:
    """Periodic: queue a poll of every due feed; returns how many were queued."""
    return feeds.poll_due_feeds()


def poll_feed(feed_id: int) -> str:
    """Poll one feed; returns the poll summary (also stored on the feed)."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return "feed deleted"
    return feeds.poll_feed(feed).summary


def run_import(job_id: int) -> str:
    """Run one recorded URL import; returns its final status."""
    return importing.run_import_job(job_id)


def expire_stale_imports() -> int:
    """Periodic: fail imports whose job was lost (worker killed, Redis restarted)."""
    from .models import ImportJob

    unfinished = ImportJob.objects.filter(
        status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    )
    return sum(importing.expire_if_stale(job) for job in unfinished)
