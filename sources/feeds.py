"""Polling RSS/Atom feeds: conditional GET, new entries become sources, errors back off.

A poll never raises for bad input: a feed that cannot be fetched or parsed stores its error
on the feed (and polls less often while it keeps failing); an entry that cannot be stored
stores its error on its :class:`FeedItem` without affecting the other entries.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from newsroom import queue

from .conf import setting
from .errors import InputError
from .extract import Extracted
from .feedparse import FeedEntry, ParsedFeed, parse_feed
from .fetch import DEFAULT_TIMEOUT, fetch
from .importing import ImportFailed, canonical_address, fetch_article
from .models import Feed, FeedItem, Source
from .services import add_source, find_by_url
from .text import one_line, text_size

log = logging.getLogger(__name__)

FULL_TEXT_MIN_WORDS = 150  # an entry with less text is a summary: fetch its page
PAGE_FETCH_LIMIT = 30  # pages fetched per poll; the rest wait for the next poll
PAGE_FETCH_BUDGET = 120.0  # seconds of page fetching per poll
MAX_ENTRY_ATTEMPTS = 3  # a failing entry is retried on this many polls
MAX_BACKOFF = timedelta(hours=24)
CLAIM_LEASE = timedelta(minutes=15)


@dataclass
class PollResult:
    """What one poll of one feed did."""

    feed_id: int
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    seen: int = 0
    deferred: int = 0
    not_modified: bool = False
    error: str = ""
    error_code: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def summary(self) -> str:
        if self.error:
            return f"error: {self.error}"
        if self.not_modified:
            return "not modified"
        text = f"{self.new} new, {self.duplicate} duplicate, {self.failed} failed"
        if self.seen:
            text += f", {self.seen} already seen"
        if self.deferred:
            text += f", {self.deferred} left for the next poll"
        return text


def next_poll_delay(poll_interval: int, error_count: int) -> timedelta:
    """The wait before the next poll: the interval, doubled for each consecutive error."""
    interval = timedelta(minutes=max(1, poll_interval))
    if error_count <= 0:
        return interval
    return max(interval, min(interval * 2 ** min(error_count, 16), MAX_BACKOFF))


def entry_key(entry_id: str) -> str:
    return hashlib.sha256(entry_id.encode("utf-8", "replace")).hexdigest()


def _words(text: str) -> float:
    return text_size(text).in_words


class _Budget:
    def __init__(self, limit: int, seconds: float) -> None:
        self.left = limit
        self.deadline = time.monotonic() + seconds

    def take(self) -> float | None:
        """Seconds allowed for one more page fetch, or None when the budget is spent."""
        remaining = self.deadline - time.monotonic()
        if self.left <= 0 or remaining < 1:
            return None
        self.left -= 1
        return remaining


def poll_feed(feed: Feed) -> PollResult:
    """Fetch ``feed`` (conditionally) and turn its new entries into sources."""
    started = time.monotonic()
    result = PollResult(feed_id=feed.pk)
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        response = fetch(feed.url, headers=headers)
        if response.not_modified:
            result.not_modified = True
            parsed = None
        else:
            parsed = parse_feed(response.content, response.final_url, charset=response.charset)
    except InputError as exc:
        result.error, result.error_code = one_line(str(exc)), exc.code
    except Exception as exc:
        log.exception("Polling feed %s failed", feed.pk)
        result.error = f"Unexpected error: {type(exc).__name__}: {exc}"
        result.error_code = "internal"
    if result.error:
        result.seconds = time.monotonic() - started
        _record_failure(feed, result)
        return result
    validators = {}
    if parsed is not None:
        result.warnings = list(parsed.warnings)
        _take_entries(feed, parsed, result)
        # Entries left for later (failed, or over the page budget) need the full feed again.
        complete = not result.deferred and not result.failed
        validators = {
            "etag": (response.etag or "")[:500] if complete else "",
            "last_modified": (response.last_modified or "")[:100] if complete else "",
        }
        if not feed.title and parsed.title:
            validators["title"] = parsed.title[:300]
    result.seconds = time.monotonic() - started
    _record_success(feed, result, validators)
    return result


def _record_failure(feed: Feed, result: PollResult) -> None:
    now = timezone.now()
    error_count = feed.error_count + 1
    _update(
        feed,
        last_polled_at=now,
        last_error=result.error,
        error_count=error_count,
        last_result=result.summary[:500],
        next_poll_at=now + next_poll_delay(feed.poll_interval, error_count),
    )


def _record_success(feed: Feed, result: PollResult, extra: dict) -> None:
    now = timezone.now()
    summary = result.summary
    if result.warnings:
        summary += "; warnings: " + "; ".join(result.warnings)
    _update(
        feed,
        last_polled_at=now,
        last_success_at=now,
        last_error="",
        error_count=0,
        last_result=summary[:500],
        next_poll_at=now + next_poll_delay(feed.poll_interval, 0),
        **extra,
    )


def _update(feed: Feed, **fields) -> None:
    """Save only the poll's own fields, so an editor's concurrent edit is not overwritten."""
    Feed.objects.filter(pk=feed.pk).update(**fields)
    for name, value in fields.items():
        setattr(feed, name, value)


def _take_entries(feed: Feed, parsed: ParsedFeed, result: PollResult) -> None:
    entries = list(reversed(parsed.entries))  # oldest first: originals before their copies
    keys = {entry_key(e.entry_id): e for e in entries}
    known = {
        item.entry_key: item for item in FeedItem.objects.filter(feed=feed, entry_key__in=keys)
    }
    budget = _Budget(PAGE_FETCH_LIMIT, PAGE_FETCH_BUDGET)
    outlet = feed.outlet or feed.title or parsed.title
    for key, entry in keys.items():
        item = known.get(key)
        if item is not None and (
            item.status != FeedItem.Status.FAILED or item.attempts >= MAX_ENTRY_ATTEMPTS
        ):
            result.seen += 1
            continue
        try:
            status = _take_entry(feed, entry, key, item, outlet, parsed, budget)
        except Exception as exc:  # one bad entry must not lose the others
            log.exception("Feed %s: entry %s failed", feed.pk, entry.entry_id)
            status = FeedItem.Status.FAILED
            error = f"Unexpected error: {type(exc).__name__}: {exc}"
            try:
                _save_item(feed, entry, key, item, status, None, error)
            except Exception:
                log.exception("Feed %s: could not record entry %s", feed.pk, entry.entry_id)
        if status is None:
            result.deferred += 1
        elif status == FeedItem.Status.NEW:
            result.new += 1
        elif status == FeedItem.Status.DUPLICATE:
            result.duplicate += 1
        else:
            result.failed += 1


def _take_entry(
    feed: Feed,
    entry: FeedEntry,
    key: str,
    item: FeedItem | None,
    outlet: str,
    parsed: ParsedFeed,
    budget: _Budget,
) -> str | None:
    """Store one entry; returns its FeedItem status, or None when it must wait a poll."""
    text = entry.content if _words(entry.content) >= _words(entry.summary) else entry.summary
    notes = []
    if entry.truncated:
        notes.append("The entry's text was cut to the size limit.")
    if entry.link:
        existing = find_by_url(entry.link)
        if existing is not None:
            reason = f"The same address is already stored as “{existing.title}”."
            return _save_item(feed, entry, key, item, FeedItem.Status.DUPLICATE, existing, reason)
    article: Extracted | None = None
    if entry.link and _words(text) < FULL_TEXT_MIN_WORDS:
        allowed = budget.take()
        if allowed is None:
            return None
        try:
            timeout = min(allowed, float(setting("NEWSROOM_FETCH_TIMEOUT", DEFAULT_TIMEOUT)))
            article = fetch_article(entry.link, timeout=timeout)
        except ImportFailed as failure:
            if not text.strip():
                error = f"The entry has no text and its page failed. {failure}"
                return _save_item(feed, entry, key, item, FeedItem.Status.FAILED, None, error)
            notes.append(f"Stored the feed's summary: the full page failed. {failure}")
    if article is None and not text.strip():
        error = "The entry has no text and no link to fetch it from."
        return _save_item(feed, entry, key, item, FeedItem.Status.FAILED, None, error)
    note = " ".join(notes)
    with transaction.atomic():
        added = add_source(
            title=entry.title or (article.title if article else ""),
            text=article.text if article else text,
            origin=Source.Origin.FEED,
            outlet=outlet or (article.outlet if article else ""),
            author=entry.author or (article.author if article else ""),
            url=entry.link,
            canonical_url=canonical_address(article) if article else "",
            published_at=entry.published or (article.published if article else None),
            fetched_at=timezone.now() if article else None,
            language=(article.language if article else "") or parsed.language,
            encoding=article.encoding if article else parsed.encoding,
            encoding_note=article.encoding_note if article else parsed.encoding_note,
            feed=feed,
            feed_entry_id=entry.entry_id,
            fetch_note=note,
        )
        if added.created:
            status = FeedItem.Status.NEW
        else:
            status = FeedItem.Status.DUPLICATE
            note = (note + " " if note else "") + added.reason[:1].upper() + added.reason[1:]
        return _save_item(feed, entry, key, item, status, added.source, note)


def _save_item(
    feed: Feed,
    entry: FeedEntry,
    key: str,
    item: FeedItem | None,
    status: str,
    source: Source | None,
    error: str,
) -> str:
    if item is None:
        item = FeedItem(feed=feed, entry_key=key, attempts=0)
    item.entry_id = entry.entry_id
    item.link = entry.link[:2000]
    item.title = entry.title[:1000]
    item.status = status
    item.source = source
    item.error = error
    item.attempts += 1
    item.save()
    return status


# ----------------------------------------------------------------------------- scheduling


def due_feeds(now: datetime | None = None):
    """Active feeds whose next poll time has come, most overdue first."""
    now = now or timezone.now()
    return Feed.objects.filter(is_active=True, next_poll_at__lte=now).order_by("next_poll_at")


def claim_due_feeds(limit: int = 200) -> list[int]:
    """Take due feeds for polling (pushing their next poll past a lease) and return their ids.

    A claim is a conditional update, so concurrent schedulers never poll one feed twice; a
    poll that dies leaves the feed due again when the lease ends.
    """
    now = timezone.now()
    claimed = []
    for pk, due in due_feeds(now).values_list("pk", "next_poll_at")[:limit]:
        if Feed.objects.filter(pk=pk, next_poll_at=due).update(next_poll_at=now + CLAIM_LEASE):
            claimed.append(pk)
    return claimed


def poll_due_feeds() -> int:
    """Claim the due feeds and queue one poll job each on ``ingest``; returns how many."""

    claimed = claim_due_feeds()
    for pk in claimed:
        queue.enqueue("ingest", "sources.jobs.poll_feed", pk)
    return len(claimed)


def enqueue_polls(feeds: list[Feed]) -> int:
    """Queue an immediate poll of each feed on ``ingest`` (the admin's "Poll now")."""

    for feed in feeds:
        queue.enqueue("ingest", "sources.jobs.poll_feed", feed.pk)
    return len(feeds)


def poll_feeds_now(
    feeds: list[Feed], progress: Callable[[int, int, Feed, PollResult], None] | None = None
) -> list[PollResult]:
    """Poll the feeds one after another in this process, reporting each result."""
    results = []
    for index, feed in enumerate(feeds, start=1):
        result = poll_feed(feed)
        results.append(result)
        if progress is not None:
            progress(index, len(feeds), feed, result)
    return results
