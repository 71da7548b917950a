"""Source articles, the feeds they come from, and the stories that group them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .text import MAX_TEXT_CHARS


class Story(models.Model):
    """A cluster of sources about one event; an article is drafted from a story."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True, max_length=5000)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["status", "-updated_at"], name="story_status_updated")]

    def __str__(self) -> str:
        return self.title

    def get_admin_url(self) -> str:
        return reverse("admin:sources_story_change", args=[self.pk])


class Feed(models.Model):
    """An RSS or Atom feed polled for new sources."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    poll_interval = models.PositiveIntegerField(default=30, help_text="Minutes between polls.")
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    error_count = models.PositiveIntegerField(default=0)
    next_poll_at = models.DateTimeField(default=timezone.now)
    last_result = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "url"]
        indexes = [models.Index(fields=["is_active", "next_poll_at"], name="feed_due")]
        constraints = [
            models.CheckConstraint(condition=Q(poll_interval__gte=1), name="feed_poll_interval_min")
        ]

    def __str__(self) -> str:
        return self.title or self.url


class Source(models.Model):
    """One source article: pasted, imported from a URL, or pulled from a feed."""

    class Origin(models.TextChoices):
        PASTE = "paste", "Pasted"
        URL = "url", "Imported from URL"
        FEED = "feed", "Feed entry"

    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    suggested_story = models.ForeignKey(
        Story,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_sources",
        help_text="An open story this source seems to be about; an editor confirms or moves it.",
    )
    suggestion_score = models.FloatField(null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="near_duplicates",
        help_text="A syndicated or lightly edited copy of this earlier source: not independent.",
    )
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.PASTE)
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    feed_entry_id = models.CharField(max_length=1000, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(max_length=MAX_TEXT_CHARS)
    content_hash = models.CharField(max_length=64, editable=False)
    simhash = models.BigIntegerField(null=True, blank=True, editable=False)
    # The low 8 bits of each 16-bit quarter of the simhash (dedup.simhash_bands(h, bits=8)):
    # near-duplicate candidates come from four indexed equality lookups (~94% of copies 6 bits
    # apart share a band, ~1 in 64 unrelated sources does), then a Hamming bound and a text check.
    simhash_b0 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    simhash_b1 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    simhash_b2 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    simhash_b3 = models.PositiveIntegerField(null=True, blank=True, editable=False)
    language = models.CharField(max_length=20, blank=True)
    instructions = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="[start, end] offsets of sentences addressed to an AI model (prompt "
        "injection): never drafted from and never evidence.",
    )
    fetch_note = models.CharField(
        max_length=1000,
        blank=True,
        help_text="How the text was obtained when it is not the full page (e.g. a feed summary).",
    )
    encoding = models.CharField(
        max_length=40, blank=True, help_text="The character encoding the page or feed was read in."
    )
    encoding_note = models.CharField(
        max_length=500,
        blank=True,
        help_text="How the encoding was guessed, or how many bytes were unreadable, when so.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["story", "-published_at"], name="source_story_published"),
            models.Index(fields=["outlet", "-published_at"], name="source_outlet_published"),
            models.Index(fields=["-created_at"], name="source_created"),
            models.Index(fields=["simhash_b0"], name="source_simhash_b0"),
            models.Index(fields=["simhash_b1"], name="source_simhash_b1"),
            models.Index(fields=["simhash_b2"], name="source_simhash_b2"),
            models.Index(fields=["simhash_b3"], name="source_simhash_b3"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="source_unique_content"),
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=~Q(canonical_url=""),
                name="source_unique_canonical_url",
            ),
            models.UniqueConstraint(
                fields=["feed", "feed_entry_id"],
                condition=~Q(feed_entry_id=""),
                name="source_unique_feed_entry",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="source_text_not_empty"),
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True) | ~Q(duplicate_of=models.F("pk")),
                name="source_not_duplicate_of_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.outlet})" if self.outlet else self.title

    @property
    def instruction_sentences(self) -> list[str]:
        """The sentences addressed to an AI model, as marked at ingest."""
        return [self.text[start:end] for start, end in self.instructions]

    @property
    def link(self) -> str:
        return self.canonical_url or self.url


class FeedItem(models.Model):
    """What became of one feed entry: the record that makes later polls skip it."""

    class Status(models.TextChoices):
        NEW = "new", "Added as a source"
        DUPLICATE = "duplicate", "Already stored"
        FAILED = "failed", "Failed"

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    entry_key = models.CharField(max_length=64, help_text="SHA-256 of the entry id.")
    entry_id = models.TextField()
    link = models.CharField(max_length=2000, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_items"
    )
    error = models.TextField(blank=True, help_text="Why the entry failed, or what was degraded.")
    attempts = models.PositiveSmallIntegerField(default=1)
    first_seen_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "entry_key"], name="feeditem_unique_entry")
        ]

    def __str__(self) -> str:
        return self.title or self.link or self.entry_id[:100]


class ImportJob(models.Model):
    """One URL import requested by an editor: its progress and outcome."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    url = models.CharField(max_length=2000)
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_source = models.BooleanField(default=False)
    message = models.TextField(blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)
    rq_job_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.url} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
