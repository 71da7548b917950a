"""Adding sources: de-duplication, near-duplicate linking and story suggestions."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from . import dedup
from .models import Source, Story

SUGGESTION_WINDOW = timedelta(days=3)
SUGGESTION_THRESHOLD = 0.35


@dataclass
class AddResult:
    source: Source
    created: bool
    reason: str = ""

    @property
    def message(self) -> str:
        if self.created:
            linked = self.source.duplicate_of
            return f"Added “{self.source.title}”" + (
                f", linked as a near-copy of “{linked.title}”." if linked else "."
            )
        return f"Not added: {self.reason}"


def find_duplicate(text: str, canonical_url: str = "") -> tuple[Source | None, str]:
    """The stored source that is the same article, and why; (None, "") when there is none."""
    if canonical_url:
        same_url = Source.objects.filter(canonical_url=canonical_url).first()
        if same_url:
            return same_url, f"the same address is already stored as “{same_url.title}”."
    same_text = Source.objects.filter(content_hash=dedup.content_hash(text)).first()
    if same_text:
        return same_text, f"the same text is already stored as “{same_text.title}”."
    return None, ""


def find_near_duplicate(text: str, fingerprint: int | None = None) -> Source | None:
    """An earlier source this text is a lightly edited copy of (syndication), if any."""
    fingerprint = dedup.simhash(text) if fingerprint is None else fingerprint
    bands = dedup.simhash_bands(fingerprint)
    match = Q()
    for i, band in enumerate(bands):
        match |= Q(**{f"simhash_b{i}": band})
    candidates = (
        Source.objects.filter(match, duplicate_of__isnull=True)
        .only("pk", "simhash", "text", "title")
        .order_by("created_at")
    )
    for candidate in candidates:
        if candidate.simhash is None:
            continue
        if dedup.hamming(candidate.simhash, fingerprint) <= 3 or dedup.is_near_duplicate(
            candidate.text, text
        ):
            return candidate
    return None


def suggest_story(source: Source) -> tuple[Story | None, float]:
    """The open story whose recent sources are most like ``source``, above a threshold."""
    moment = source.published_at or source.created_at
    recent = (
        Source.objects.filter(
            story__status=Story.Status.OPEN,
            duplicate_of__isnull=True,
        )
        .filter(
            Q(published_at__range=(moment - SUGGESTION_WINDOW, moment + SUGGESTION_WINDOW))
            | Q(published_at__isnull=True, created_at__gte=moment - SUGGESTION_WINDOW)
        )
        .exclude(pk=source.pk)
        .only("story_id", "text")[:500]
    )
    best: dict[int, float] = {}
    for other in recent:
        score = dedup.text_similarity(source.text, other.text)
        best[other.story_id] = max(best.get(other.story_id, 0.0), score)
    if not best:
        return None, 0.0
    story_id, score = max(best.items(), key=lambda item: item[1])
    if score < SUGGESTION_THRESHOLD:
        return None, score
    return Story.objects.get(pk=story_id), score


def add_source(
    *,
    title: str,
    text: str,
    origin: str = Source.Origin.PASTE,
    outlet: str = "",
    author: str = "",
    url: str = "",
    canonical_url: str = "",
    published_at: datetime | None = None,
    fetched_at: datetime | None = None,
    language: str = "",
    story: Story | None = None,
    feed=None,
    feed_entry_id: str = "",
    user=None,
) -> AddResult:
    """Store a source unless it is already stored; link near-copies; suggest a story."""
    text = text.strip()
    title = title.strip() or text.split("\n", 1)[0][:200]
    canonical = dedup.canonicalize_url(canonical_url or url) if (canonical_url or url) else ""
    existing, reason = find_duplicate(text, canonical)
    if existing:
        return AddResult(existing, created=False, reason=reason)
    fingerprint = dedup.simhash(text)
    bands = dedup.simhash_bands(fingerprint)
    source = Source(
        title=title[:500],
        text=text,
        origin=origin,
        outlet=outlet[:200],
        author=author[:300],
        url=url,
        canonical_url=canonical,
        published_at=published_at,
        fetched_at=fetched_at,
        language=language[:20],
        story=story,
        feed=feed,
        feed_entry_id=feed_entry_id[:1000],
        added_by=user if user is not None and user.is_authenticated else None,
        content_hash=dedup.content_hash(text),
        simhash=fingerprint,
        **{f"simhash_b{i}": band for i, band in enumerate(bands)},
    )
    source.duplicate_of = find_near_duplicate(text, fingerprint)
    if story is None and source.duplicate_of is not None:
        source.story = source.duplicate_of.story
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        existing, reason = find_duplicate(text, canonical)
        if existing:
            return AddResult(existing, created=False, reason=reason)
        raise
    if source.story is None:
        suggested, score = suggest_story(source)
        if suggested is not None:
            source.suggested_story, source.suggestion_score = suggested, score
            source.save(update_fields=["suggested_story", "suggestion_score"])
    return AddResult(source, created=True)


@transaction.atomic
def create_story_from_sources(sources: list[Source], *, title: str = "", user=None) -> Story:
    """Start a story from the given sources (an editor's admin action)."""
    sources = sorted(sources, key=lambda s: s.published_at or s.created_at or timezone.now())
    story = Story.objects.create(
        title=(title or sources[0].title)[:300],
        created_by=user if user is not None and user.is_authenticated else None,
    )
    Source.objects.filter(pk__in=[s.pk for s in sources]).update(
        story=story, suggested_story=None, suggestion_score=None
    )
    return story


def confirm_suggestion(source: Source) -> None:
    """Move a source into the story it was suggested for."""
    if source.suggested_story_id:
        source.story_id, source.suggested_story_id = source.suggested_story_id, None
        source.suggestion_score = None
        source.save(update_fields=["story", "suggested_story", "suggestion_score"])
