"""Work that runs on a clock: one list, served by RQ's cron (Redis) or run_periodic (in-process)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class PeriodicTask:
    path: str
    queue: str
    every_seconds: int

    @property
    def func(self) -> Callable[[], object]:
        return import_string(self.path)


TASKS: tuple[PeriodicTask, ...] = (
    PeriodicTask("articles.jobs.publish_due", "default", 60),
    PeriodicTask("articles.jobs.reap_stale_runs", "default", 300),
    PeriodicTask("sources.jobs.poll_due_feeds", "ingest", 60),
    PeriodicTask("sources.jobs.expire_stale_imports", "ingest", 300),
)
