"""Articles and what keeps them honest: revisions, claims, flags, runs and the audit log."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from sources.models import Source, Story

User = settings.AUTH_USER_MODEL


RESERVED_SECTION_SLUGS = ("admin", "authors", "feeds", "preview", "report", "search", "section",
                          "static", "media")  # fmt: skip


class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Not one of: " + ", ".join(RESERVED_SECTION_SLUGS)
    )
    description = models.TextField(blank=True, max_length=1000)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_SECTION_SLUGS),
                name="section_slug_not_reserved",
                violation_error_message="That address is used by the site itself.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("public:section", args=[self.slug])


# The first bytes of the image formats a persona's avatar may be in, by file extension.
_IMAGE_MAGIC = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
}


def validate_image(upload) -> None:
    """An avatar is a PNG, JPEG, GIF or WebP image whose bytes say so: no SVG (it can carry
    script) and no other file named like an image."""
    name = (upload.name or "").rsplit(".", 1)
    kind = name[-1].lower() if len(name) == 2 else ""
    if kind not in _IMAGE_MAGIC:
        raise ValidationError("Upload a PNG, JPEG, GIF or WebP image.")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(_IMAGE_MAGIC[kind]) or (kind == "webp" and head[8:12] != b"WEBP"):
        raise ValidationError(f"This file is not a {kind.upper()} image.")


class AIAuthor(models.Model):
    """The AI persona an article is credited to, with the bio and disclaimer readers see."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    bio = models.TextField(max_length=3000)
    avatar = models.FileField(upload_to="authors/", blank=True, validators=[validate_image])
    avatar_alt = models.CharField(max_length=200, blank=True)
    disclaimer = models.TextField(
        max_length=1000, help_text="Default disclaimer for articles this persona writes."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "AI author"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("public:ai_author", args=[self.slug])


class Article(models.Model):
    class Status(models.TextChoices):
        COLLECTING = "collecting", "Collecting sources"
        DRAFTING = "drafting", "Drafting"
        EDITING = "editing", "Editing"
        FACT_CHECKING = "fact_checking", "Fact-checking"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    class Disclosure(models.TextChoices):
        AI_REVIEWED = "ai_reviewed", "AI-generated with human review"
        HUMAN_ASSISTED = "human_assisted", "Human-written with AI assistance"

    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    headline = models.CharField(
        max_length=300, blank=True, help_text="Left empty, the AI draft supplies it."
    )
    slug = models.SlugField(max_length=200, unique=True)
    dek = models.TextField("standfirst", blank=True, max_length=1000)
    body = models.TextField(blank=True, max_length=500_000, help_text="Sanitised HTML.")
    body_digest = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="sanitize.cleaned_digest of the body when it was cleaned on save.",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.COLLECTING)
    ai_author = models.ForeignKey(
        AIAuthor, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    is_ai_generated = models.BooleanField(
        default=True,
        help_text="AI wrote some or all of the text: a persona and disclaimer are required.",
    )
    disclaimer = models.TextField(blank=True, max_length=1000)
    disclosure = models.CharField(
        max_length=20,
        choices=Disclosure,
        default=Disclosure.AI_REVIEWED,
        editable=False,
        help_text="Derived on save and publish: who wrote most words (articles.provenance).",
    )
    pending_draft = models.ForeignKey(
        "Revision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A new AI draft not applied over the editor's text, waiting for review.",
    )
    editors = models.ManyToManyField(
        User, blank=True, related_name="reviewed_articles", help_text="Humans who reviewed it."
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="articles")
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignee = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_articles"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    content_updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Shown to readers as 'Updated' after a correction."
    )
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every save.")
    checked_hash = models.CharField(
        max_length=64, blank=True, help_text="Text hash at the last completed fact-check."
    )
    page = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The article's own part of its public page, rendered on write (articles.pages).",
    )

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_published"
            ),
            models.Index(fields=["assignee", "status"], name="article_assignee_status"),
            models.Index(fields=["status", "scheduled_at"], name="article_status_scheduled"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="article_version_positive"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(scheduled_at__isnull=False),
                name="article_scheduled_has_time",
            ),
        ]
        permissions = [
            ("request_draft", "Can request an AI draft"),
            ("run_factcheck", "Can run a fact-check"),
            ("approve_article", "Can approve an article for publication"),
            ("publish_article", "Can publish, schedule and unpublish"),
            ("add_public_correction", "Can add a public correction"),
        ]

    def __str__(self) -> str:
        return self.headline or f"Untitled article #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("public:article", args=[self.section.slug, self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def text_hash(self) -> str:
        """A hash of everything a fact-check reads; the publish gate compares it to checked_hash."""
        material = "\x1f".join((self.headline, self.dek, self.body))
        return hashlib.sha256(material.encode()).hexdigest()

    @property
    def check_is_current(self) -> bool:
        return bool(self.checked_hash) and self.checked_hash == self.text_hash()


class Revision(models.Model):
    """An immutable snapshot of an article's text, stored on every save."""

    class Reason(models.TextChoices):
        CREATED = "created", "Created"
        EDIT = "edit", "Edit"
        DRAFT = "draft", "AI draft"
        REGENERATE = "regenerate", "Regenerated draft"
        AI_MERGE = "ai_merge", "AI draft changes accepted"
        RESTORE = "restore", "Restore"
        CORRECTION = "correction", "Correction"
        FLAG_EDIT = "flag_edit", "Edited while resolving a flag"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    headline = models.CharField(max_length=300)
    dek = models.TextField(blank=True, max_length=1000)
    body = models.TextField(blank=True, max_length=500_000)
    reason = models.CharField(max_length=20, choices=Reason, default=Reason.EDIT)
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.article} — revision {self.number}"


class Run(models.Model):
    """One drafting or fact-check run: what ran, how long it took, what it cost, how it ended."""

    class Kind(models.TextChoices):
        DRAFT = "draft", "Draft"
        FACTCHECK = "factcheck", "Fact-check"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    backend = models.CharField(max_length=20, blank=True)
    model = models.CharField(max_length=200, blank=True)
    prompt_version = models.CharField(max_length=50, blank=True)
    input_tokens = models.PositiveIntegerField(null=True, blank=True, help_text="Unknown: empty.")
    output_tokens = models.PositiveIntegerField(null=True, blank=True, help_text="Unknown: empty.")
    cost_usd = models.DecimalField(
        "cost (USD)", max_digits=12, decimal_places=6, null=True, blank=True
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Model calls made.")
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    job_id = models.CharField(max_length=100, blank=True)
    requested_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["article", "kind", "-created_at"], name="run_article_kind"),
            models.Index(fields=["status", "-created_at"], name="run_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="run_failure_has_error"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} run {self.pk} ({self.status})"


class AICall(models.Model):
    """One language-model call (one HTTP request): what was sent and returned, what it cost.

    Written by ``articles.runs`` from the engine's ``CallRecord``; ``run`` is empty for calls
    made by the ``draft_files`` and ``factcheck_files`` commands.
    """

    run = models.ForeignKey(
        Run, null=True, blank=True, on_delete=models.CASCADE, related_name="calls"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="ai_calls"
    )
    purpose = models.CharField(max_length=10, choices=Run.Kind)
    attempt = models.PositiveSmallIntegerField()
    model = models.CharField(max_length=200, blank=True, help_text="As reported by the server.")
    prompt_version = models.CharField(max_length=50, blank=True)
    mode = models.CharField(max_length=20, blank=True, help_text="Structured-output mode.")
    streamed = models.BooleanField(default=False)
    status = models.CharField(max_length=30, help_text="ok, or what went wrong.")
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    input_tokens = models.PositiveIntegerField(null=True, blank=True)
    output_tokens = models.PositiveIntegerField(null=True, blank=True)
    cost_usd = models.DecimalField(
        "cost (USD)", max_digits=12, decimal_places=6, null=True, blank=True
    )
    latency_ms = models.PositiveIntegerField()
    max_tokens = models.PositiveIntegerField(null=True, blank=True)
    finish_reason = models.CharField(max_length=30, blank=True)
    request_preview = models.TextField(blank=True)
    response_preview = models.TextField(blank=True)
    raw_output = models.TextField(blank=True, help_text="The whole answer, when it was unusable.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "AI call"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["article", "-created_at"], name="aicall_article"),
            models.Index(fields=["status", "-created_at"], name="aicall_status"),
        ]

    def __str__(self) -> str:
        return f"AI call {self.pk} ({self.status})"


class Claim(models.Model):
    """One checkable assertion in an article, with its verdict and evidence."""

    class Verdict(models.TextChoices):
        SUPPORTED = "supported", "Supported"
        CONTRADICTED = "contradicted", "Contradicted"
        SOURCES_DISAGREE = "sources_disagree", "Sources disagree"
        UNSUPPORTED = "unsupported", "Unsupported"
        NOT_CHECKABLE = "not_checkable", "Opinion or speculation"
        NEEDS_REVIEW = "needs_review", "Needs review"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    run = models.ForeignKey(Run, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text_hash = models.CharField(max_length=64)
    verdict = models.CharField(max_length=20, choices=Verdict)
    difference = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)
    evidence = models.JSONField(
        default=list, blank=True, help_text="[{source_id, source, quote, start, end}]"
    )
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["article", "verdict"], name="claim_article_verdict")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


# Open flags are worked in this order; article-level checks (dates, headline) rank just after
# a conflict between sources.
FLAG_PRIORITY = {
    "contradicted": 0,
    "sources_disagree": 1,
    "future_date": 2,
    "publish_date": 2,
    "headline": 2,
    "unsupported": 3,
    "not_checkable": 4,
    "needs_review": 5,
}


class Flag(models.Model):
    """Something a human must resolve before publication: a claim no source backs, or worse."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    class Resolution(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed with a note"
        EDITED = "edited", "Sentence edited"
        REMOVED = "removed", "Sentence removed"
        ACCEPTED = "accepted", "Accepted as attributed analysis"
        SUPERSEDED = "superseded", "Superseded by a re-check"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="flags")
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="flags"
    )
    kind = models.CharField(max_length=30, help_text="A verdict or an article-level check.")
    excerpt = models.TextField(help_text="The flagged text as it stood when flagged.")
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    resolution = models.CharField(max_length=20, choices=Resolution, blank=True)
    resolution_note = models.TextField(blank=True, max_length=2000)
    evidence_url = models.URLField(max_length=2000, blank=True)
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["status", "created_at"]
        indexes = [
            models.Index(fields=["article", "status"], name="flag_article_status"),
            models.Index(fields=["status", "created_at"], name="flag_status_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status="open", resolution="", resolved_at__isnull=True)
                    | (Q(status="resolved", resolved_at__isnull=False) & ~Q(resolution=""))
                ),
                name="flag_resolution_consistent",
            ),
        ]
        permissions = [("resolve_flag", "Can resolve fact-check flags")]

    def __str__(self) -> str:
        return f"{self.kind_label}: {self.shown_excerpt[:60]}"

    @property
    def priority(self) -> int:
        """Where an open flag stands in the fact-checker's work: contradictions and source
        conflicts first, "needs review" last (ENGINE.md, "Verdict tiers")."""
        return FLAG_PRIORITY.get(self.kind, FLAG_PRIORITY["unsupported"])

    @staticmethod
    def label_for(kind: str) -> str:
        """A flag kind as people read it: the verdict's name, or the article-level check's."""
        labels = {
            **dict(Claim.Verdict.choices),
            "future_date": "Date after publication",
            "publish_date": "Date disagrees with publication date",
            "headline": "Headline not backed by the body",
        }
        return labels.get(kind, kind.replace("_", " ").capitalize())

    @property
    def kind_label(self) -> str:
        return self.label_for(self.kind)

    @property
    def shown_excerpt(self) -> str:
        """The excerpt without the internal ``[kind]`` prefix an article-level flag is stored
        under (the stored excerpt is what re-checks match flags by)."""
        return self.excerpt.removeprefix(f"[{self.kind}] ")


class Correction(models.Model):
    """A public correction or update note, shown on the article page."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.CORRECTION)
    note = models.TextField(max_length=2000)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["article", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="correction_note_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.article}"


class Comment(models.Model):
    """An internal editorial comment; replies hang off a parent."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["article", "created_at"]
        indexes = [models.Index(fields=["article", "created_at"], name="comment_article_created")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="comment_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.article}"


class ErrorReport(models.Model):
    """A reader's report of an error in a published article."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        DISMISSED = "dismissed", "Dismissed"
        ACCEPTED = "accepted", "Accepted"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="error_reports")
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    message = models.TextField(max_length=2000)
    ip_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.NEW)
    decision_note = models.TextField(blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    correction = models.ForeignKey(
        "Correction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="The correction that settled an accepted report.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"], name="report_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="new") | (Q(decided_at__isnull=False) & ~Q(decision_note="")),
                name="report_decision_has_reason",
            ),
        ]
        permissions = [("handle_report", "Can triage reader error reports")]

    def __str__(self) -> str:
        return f"Report on {self.article} ({self.status})"


class AuditEvent(models.Model):
    """An append-only record of who did what, when and why."""

    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_repr = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=50)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=300, blank=True)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at"], name="audit_created"),
            models.Index(fields=["action", "-created_at"], name="audit_action_created"),
            models.Index(fields=["article", "-created_at"], name="audit_article_created"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr or 'system'} {self.action}"
