"""Importing a source from a URL: fetch (SSRF-safe), extract, add; and import jobs."""

import logging
import re
from datetime import timedelta

from django.utils import timezone

from newsroom import queue

from . import dedup
from .errors import InputError
from .extract import Extracted, extract
from .fetch import fetch
from .models import ImportJob, Source, Story
from .services import AddResult, add_source, find_by_url
from .text import one_line

log = logging.getLogger(__name__)

PAGE_ACCEPT = ("text/html", "application/xhtml+xml")
STALE_AFTER = timedelta(minutes=20)  # longer than the queue's job timeout

# What an editor sees first for each error code (the detail follows).
HEADLINES = {
    "not_found": "Not found",
    "timeout": "Timed out",
    "not_html": "Not an HTML page",
    "too_large": "Too large",
    "address_refused": "Address refused",
    "no_text": "No article text found",
    "too_many_redirects": "Too many redirects",
    "http_error": "HTTP error",
    "connection": "Could not connect",
    "tls": "TLS error",
    "bad_url": "Invalid URL",
    "bad_scheme": "Unsupported URL scheme",
    "queue_unavailable": "Job queue unavailable",
    "internal": "Import failed",
}


_HEADED = re.compile(r"^[A-Z][A-Za-z ]{2,40}: ")  # "Redirect loop: ..." needs no headline


class ImportFailed(Exception):
    """A URL could not be imported; ``code`` says why (see ``HEADLINES``)."""

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.headline = HEADLINES.get(code, "Import failed")
        self.detail = one_line(detail)
        message = self.detail
        if not message.lower().startswith(self.headline.lower()) and not _HEADED.match(message):
            message = f"{self.headline}: {message}"
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


def fetch_article(url: str, *, timeout: float | None = None) -> Extracted:
    """Fetch a page and extract its article; raise ImportFailed with a precise code."""
    try:
        page = fetch(url, accept=PAGE_ACCEPT, timeout=timeout)
        return extract(page.content, page.final_url, charset=page.charset)
    except InputError as exc:
        raise ImportFailed(exc.code, str(exc)) from exc


def canonical_address(article: Extracted) -> str:
    """The page's canonical address, unless it points at a site's front page (mis-set)."""
    canonical = dedup.canonicalize_url(article.canonical_url or article.url)
    if canonical.rstrip("/").count("/") <= 2:  # "https://host/"
        return dedup.canonicalize_url(article.url)
    return canonical


def import_url(url: str, *, story: Story | None = None, user=None) -> AddResult:
    """Fetch ``url``, extract the article and add it as a source (unless already stored).

    Raises :class:`ImportFailed` when the address is refused or the page cannot be fetched or
    holds no article text; nothing is stored then.
    """
    url = url.strip()
    known = find_by_url(url)
    if known is not None:
        reason = f"the same address is already stored as “{known.title}”."
        return AddResult(known, created=False, reason=reason)
    article = fetch_article(url)
    return add_source(
        title=article.title,
        text=article.text,
        origin=Source.Origin.URL,
        outlet=article.outlet,
        author=article.author,
        url=url,
        canonical_url=canonical_address(article),
        published_at=article.published,
        fetched_at=timezone.now(),
        language=article.language,
        encoding=article.encoding,
        encoding_note=article.encoding_note,
        story=story,
        user=user,
    )


# ----------------------------------------------------------------------------- jobs


def start_import(url: str, *, story: Story | None = None, user=None) -> ImportJob:
    """Record an import and run it on the ``ingest`` queue (in-process without Redis).

    If the queue is down the job is stored as failed with that reason.
    """
    job = ImportJob.objects.create(
        url=url.strip(),
        story=story,
        requested_by=user if user is not None and user.is_authenticated else None,
    )
    try:
        job.rq_job_id = queue.enqueue("ingest", "sources.jobs.run_import", job.pk)
    except queue.QueueUnavailable as exc:
        _finish(job, failure=ImportFailed("queue_unavailable", str(exc)))
        return job
    ImportJob.objects.filter(pk=job.pk).update(rq_job_id=job.rq_job_id)
    return job


def expire_if_stale(job: ImportJob) -> bool:
    """Mark an import that has waited or run far too long (a lost job) as failed."""
    if job.finished or job.created_at > timezone.now() - STALE_AFTER:
        return False
    failure = ImportFailed("internal", "The import did not finish: the job was lost. Try again.")
    _finish(job, failure=failure)
    return True


def run_import_job(job_id: int) -> str:
    """Run one recorded import and store its outcome; returns the final status."""
    started = ImportJob.objects.filter(
        pk=job_id, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    ).update(status=ImportJob.Status.RUNNING, started_at=timezone.now())
    job = ImportJob.objects.select_related("story", "requested_by").get(pk=job_id)
    if not started:
        return job.status
    try:
        result = import_url(job.url, story=job.story, user=job.requested_by)
    except ImportFailed as failure:
        _finish(job, failure=failure)
    except Exception as exc:
        log.exception("Import job %s failed", job_id)
        _finish(job, failure=ImportFailed("internal", f"{type(exc).__name__}: {exc}"))
    else:
        _finish(job, result=result)
    return job.status


def _finish(
    job: ImportJob, *, result: AddResult | None = None, failure: ImportFailed | None = None
) -> None:
    job.finished_at = timezone.now()
    if failure is not None:
        job.status = ImportJob.Status.FAILED
        job.error_code, job.error = failure.code, failure.message
    elif result is not None:
        job.status = ImportJob.Status.DONE
        job.source, job.created_source, job.message = result.source, result.created, result.message
    job.save()
