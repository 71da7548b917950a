"""Adding sources: de-duplication, near-duplicate linking and story suggestions and moves."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from articles.text.datelines import strip_dateline
from articles.text.instructions import instruction_spans
from articles.text.sentences import split_sentences

from . import dedup
from .models import Feed, Source, Story
from .text import MAX_TEXT_CHARS, clean_line, nfc

SUGGESTION_WINDOW = timedelta(days=3)
SUGGESTION_THRESHOLD = 0.35

# Near-duplicate lookup: 8-bit simhash bands give candidates (~94% of copies 6 bits apart share
# one, ~1 in 64 unrelated sources does); a Hamming bound keeps the close ones; the texts confirm.
NEAR_BAND_BITS = 8
NEAR_MAX_DISTANCE = 12
# Sources added in the last few days are also compared more loosely (a copy whose simhash moved
# further): a wide Hamming pre-filter, then text similarity and the near-duplicate test.
RECENT_WINDOW = timedelta(days=3)
RECENT_MAX_DISTANCE = 20
RECENT_SIMILARITY = 0.9
RECENT_LIMIT = 5000


@dataclass
class AddResult:
    """The outcome of adding a source: the new one, or the stored one it duplicates."""

    source: Source
    created: bool
    reason: str = ""

    @property
    def duplicate(self) -> bool:
        return not self.created

    @property
    def message(self) -> str:
        if self.created:
            linked = self.source.duplicate_of
            return f"Added “{self.source.title}”" + (
                f", linked as a near-copy of “{linked.title}”." if linked else "."
            )
        return f"Not added: {self.reason}"


def text_fields(text: str, fingerprint: int | None = None) -> dict[str, object]:
    """What is derived from a source's text and stored beside it: the content hash, the
    simhash bands, and the sentences addressed to an AI model (marked for the editor)."""
    return {
        "content_hash": dedup.content_hash(text),
        **simhash_fields(dedup.simhash(text) if fingerprint is None else fingerprint),
        "instructions": [list(span) for span in instruction_spans(text)],
    }


def simhash_fields(fingerprint: int) -> dict[str, int]:
    """The stored simhash and its lookup bands, as Source field values."""
    bands = dedup.simhash_bands(fingerprint, bits=NEAR_BAND_BITS)
    return {"simhash": fingerprint, **{f"simhash_b{i}": band for i, band in enumerate(bands)}}


def find_by_url(*urls: str) -> Source | None:
    """The stored source whose canonical address is any of ``urls`` (canonicalised here)."""
    canonical = {dedup.canonicalize_url(url) for url in urls if url and url.strip()}
    if not canonical:
        return None
    return Source.objects.filter(canonical_url__in=canonical).order_by("pk").first()


def find_duplicate(text: str, canonical_url: str = "", *urls: str) -> tuple[Source | None, str]:
    """The stored source that is the same article, and why; (None, "") when there is none.

    The same article is the same canonical address (``canonical_url`` or any of ``urls``) or
    the same text once whitespace, case, punctuation and boilerplate lines are folded away.
    """
    same_url = find_by_url(canonical_url, *urls)
    if same_url:
        return same_url, f"the same address is already stored as “{same_url.title}”."
    if text.strip():
        same_text = Source.objects.filter(content_hash=dedup.content_hash(text)).first()
        if same_text:
            return same_text, f"the same text is already stored as “{same_text.title}”."
    return None, ""


def find_near_duplicate(
    text: str, fingerprint: int | None = None, *, exclude_pk: int | None = None
) -> Source | None:
    """The earliest stored original this text is a lightly edited copy of, if any.

    Candidates share an 8-bit simhash band and lie within ``NEAR_MAX_DISTANCE`` bits, or were
    added within ``RECENT_WINDOW`` and lie within ``RECENT_MAX_DISTANCE`` bits; only their
    texts are loaded, and :func:`dedup.is_near_duplicate` decides.
    """
    fingerprint = dedup.simhash(text) if fingerprint is None else fingerprint
    if not fingerprint:
        return None
    bands = dedup.simhash_bands(fingerprint, bits=NEAR_BAND_BITS)
    match = Q()
    for i, band in enumerate(bands):
        match |= Q(**{f"simhash_b{i}": band})
    originals = Source.objects.filter(duplicate_of__isnull=True)
    if exclude_pk is not None:
        originals = originals.exclude(pk=exclude_pk)
    close = {
        pk
        for pk, other in originals.filter(match).order_by().values_list("pk", "simhash")
        if other is not None and dedup.hamming(other, fingerprint) <= NEAR_MAX_DISTANCE
    }
    recent_rows = (
        originals.filter(created_at__gte=timezone.now() - RECENT_WINDOW)
        .order_by("-created_at")
        .values_list("pk", "simhash")[:RECENT_LIMIT]
    )
    recent = {
        pk
        for pk, other in recent_rows
        if pk not in close
        and other is not None
        and dedup.hamming(other, fingerprint) <= RECENT_MAX_DISTANCE
    }
    if not close and not recent:
        return None
    candidates = (
        Source.objects.filter(pk__in=close | recent)
        .only("pk", "text", "title", "story_id", "created_at")
        .order_by("created_at", "pk")
    )
    vector = dedup.text_vector(text) if recent else {}
    for candidate in candidates:
        if candidate.pk in recent and (
            dedup.cosine(vector, dedup.text_vector(candidate.text)) < RECENT_SIMILARITY
        ):
            continue
        if dedup.is_near_duplicate(candidate.text, text):
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
    vector = dedup.text_vector(source.text)
    for other in recent:
        score = dedup.cosine(vector, dedup.text_vector(other.text))
        best[other.story_id] = max(best.get(other.story_id, 0.0), score)
    if not best:
        return None, 0.0
    story_id, score = max(best.items(), key=lambda item: item[1])
    if score < SUGGESTION_THRESHOLD:
        return None, score
    return Story.objects.get(pk=story_id), score


def _title_from(text: str) -> str:
    """A title for an untitled source: its first line without a dateline or agency credit,
    cut to its first sentence (a wire story's first line is its whole first paragraph), at
    most 200 characters on a word boundary."""
    line = strip_dateline(clean_line(text.split("\n", 1)[0]))
    sentences = split_sentences(line)
    title = (sentences[0].text if sentences else line).rstrip(".")
    if len(title) > 200:
        title = title[:200].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return title


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
    feed: Feed | None = None,
    feed_entry_id: str = "",
    fetch_note: str = "",
    encoding: str = "",
    encoding_note: str = "",
    user=None,
) -> AddResult:
    """Store a source unless it is already stored; link near-copies; suggest a story.

    Text, title, author and outlet are stored in Unicode NFC; title, author and outlet on one
    line without stray spaces before punctuation.
    """
    text = nfc(text).strip()[:MAX_TEXT_CHARS]
    title = clean_line(nfc(title)) or _title_from(text)
    author, outlet = clean_line(nfc(author)), clean_line(nfc(outlet))
    canonical = dedup.canonicalize_url(canonical_url or url) if (canonical_url or url) else ""
    existing, reason = find_duplicate(text, canonical, url)
    if existing:
        return AddResult(existing, created=False, reason=reason)
    fingerprint = dedup.simhash(text)
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
        fetch_note=fetch_note[:1000],
        encoding=encoding[:40],
        encoding_note=encoding_note[:500],
        added_by=user if user is not None and user.is_authenticated else None,
        **text_fields(text, fingerprint),
    )
    source.duplicate_of = find_near_duplicate(text, fingerprint)
    if story is None and source.duplicate_of is not None:
        source.story = source.duplicate_of.story
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        existing, reason = find_duplicate(text, canonical, url)
        if existing is None and feed is not None and feed_entry_id:
            existing = Source.objects.filter(feed=feed, feed_entry_id=feed_entry_id[:1000]).first()
            reason = f"this feed entry is already stored as “{existing.title}”." if existing else ""
        if existing:
            return AddResult(existing, created=False, reason=reason)
        raise
    if source.story is None:
        suggested, score = suggest_story(source)
        if suggested is not None:
            source.suggested_story, source.suggestion_score = suggested, score
            source.save(update_fields=["suggested_story", "suggestion_score"])
    return AddResult(source, created=True)


def _with_copies(sources: Iterable[Source]) -> list[int]:
    """The given sources' ids plus those of their near-duplicates (copies go with originals)."""
    ids = {s.pk for s in sources}
    ids |= set(Source.objects.filter(duplicate_of__in=ids).values_list("pk", flat=True))
    return sorted(ids)


def _touch(*stories: Story | None) -> None:
    ids = {s.pk for s in stories if s is not None}
    if ids:
        Story.objects.filter(pk__in=ids).update(updated_at=timezone.now())


@transaction.atomic
def create_story_from_sources(sources: list[Source], *, title: str = "", user=None) -> Story:
    """Start a story from the given sources (and their near-copies)."""
    if not sources:
        raise ValueError("A story needs at least one source.")
    sources = sorted(sources, key=lambda s: s.published_at or s.created_at or timezone.now())
    story = Story.objects.create(
        title=(title or sources[0].title)[:300],
        created_by=user if user is not None and user.is_authenticated else None,
    )
    Source.objects.filter(pk__in=_with_copies(sources)).update(
        story=story, suggested_story=None, suggestion_score=None
    )
    return story


def confirm_suggestion(source: Source) -> bool:
    """Move a source (and its near-copies) into the story it was suggested for.

    Returns False when the source has no suggestion.
    """
    if not source.suggested_story_id:
        return False
    story = Story.objects.get(pk=source.suggested_story_id)
    move_to_story([source], story)
    source.refresh_from_db(fields=["story", "suggested_story", "suggestion_score"])
    return True


@transaction.atomic
def move_to_story(sources: list[Source], story: Story) -> int:
    """Put the sources (and their near-copies) in ``story``; returns how many moved."""
    ids = _with_copies(sources)
    old = list(Story.objects.filter(sources__pk__in=ids).distinct())
    moved = Source.objects.filter(pk__in=ids).update(
        story=story, suggested_story=None, suggestion_score=None
    )
    _touch(story, *old)
    return moved


class SplitRefused(ValueError):
    """The selection cannot be split off into a story of its own."""


@transaction.atomic
def split_into_new_story(sources: list[Source], *, title: str = "", user=None) -> Story:
    """Take some sources of one story out into a new story of their own.

    Refused when the sources are not all in the same story, or are all of its sources.
    """
    story_ids = {s.story_id for s in sources}
    if not sources or len(story_ids) != 1 or None in story_ids:
        raise SplitRefused("Select sources that are all in the same story to split them off.")
    old = Story.objects.get(pk=story_ids.pop())
    moving = set(_with_copies(sources))
    if not old.sources.exclude(pk__in=moving).exists():
        raise SplitRefused(
            f"These are all the sources of “{old.title}”: there is nothing to split them from."
        )
    story = create_story_from_sources(sources, title=title, user=user)
    _touch(old)
    return story
