"""Constraints of every model: what the database itself refuses."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import (
    AIAuthor,
    Article,
    Claim,
    Comment,
    Correction,
    ErrorReport,
    Flag,
    Revision,
    Run,
    Section,
)
from sources.models import Feed, Source, Story
from sources.services import add_source

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def section():
    return Section.objects.create(name="Local", slug="local")


@pytest.fixture
def article(section):
    return Article.objects.create(section=section, headline="A headline", slug="a-headline")


def test_section_name_and_slug_unique(section):
    refused(lambda: Section.objects.create(name="Local", slug="other"))
    refused(lambda: Section.objects.create(name="Other", slug="local"))


def test_ai_author_slug_unique():
    AIAuthor.objects.create(name="A", slug="a", bio="b", disclaimer="d")
    refused(lambda: AIAuthor.objects.create(name="B", slug="a", bio="b", disclaimer="d"))


def test_article_slug_unique(article, section):
    refused(lambda: Article.objects.create(section=section, headline="x", slug="a-headline"))


def test_published_article_needs_published_time(article):
    article.status = Article.Status.PUBLISHED
    refused(article.save)
    article.published_at = timezone.now()
    article.save()


def test_scheduled_article_needs_time(article):
    article.status = Article.Status.SCHEDULED
    refused(article.save)


def test_article_version_positive(article):
    article.version = 0
    refused(article.save)


def test_section_protected_while_articles_use_it(article, section):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        section.delete()


def test_text_hash_tracks_text(article):
    before = article.text_hash()
    article.body = "<p>Changed</p>"
    assert article.text_hash() != before
    article.checked_hash = article.text_hash()
    assert article.check_is_current


def test_revision_number_unique_per_article(article):
    Revision.objects.create(article=article, number=1, headline="h")
    refused(lambda: Revision.objects.create(article=article, number=1, headline="h"))
    refused(lambda: Revision.objects.create(article=article, number=0, headline="h"))


def test_claim_span_not_empty(article):
    refused(
        lambda: Claim.objects.create(
            article=article, text="x", start=5, end=5, text_hash="h", verdict="supported"
        )
    )


def test_flag_resolution_consistent(article):
    refused(
        lambda: Flag.objects.create(
            article=article, kind="unsupported", excerpt="x", reason="r", status="resolved"
        )
    )
    refused(
        lambda: Flag.objects.create(
            article=article, kind="unsupported", excerpt="x", reason="r", resolution="confirmed"
        )
    )
    Flag.objects.create(
        article=article,
        kind="unsupported",
        excerpt="x",
        reason="r",
        status="resolved",
        resolution="confirmed",
        resolved_at=timezone.now(),
    )


def test_failed_run_has_error(article):
    refused(lambda: Run.objects.create(article=article, kind="draft", status="failed"))
    Run.objects.create(article=article, kind="draft", status="failed", error="LLM down")


def test_correction_and_comment_need_text(article, make_user):
    refused(lambda: Correction.objects.create(article=article, note=""))
    user = make_user("c")
    refused(lambda: Comment.objects.create(article=article, author=user, text=""))


def test_error_report_decision_needs_reason(article):
    refused(
        lambda: ErrorReport.objects.create(
            article=article, message="m", status="dismissed", decided_at=timezone.now()
        )
    )


def test_feed_url_unique_and_interval_positive():
    Feed.objects.create(url="https://feeds.example/a.xml")
    refused(lambda: Feed.objects.create(url="https://feeds.example/a.xml"))
    refused(lambda: Feed.objects.create(url="https://feeds.example/b.xml", poll_interval=0))


def _source(**kw):
    defaults = {"title": "t", "text": "some text", "content_hash": "h1"}
    return Source.objects.create(**{**defaults, **kw})


def test_source_content_hash_unique():
    _source()
    refused(lambda: _source(title="other"))


def test_source_canonical_url_unique_when_set():
    _source(canonical_url="https://a.example/x", content_hash="1")
    refused(lambda: _source(canonical_url="https://a.example/x", content_hash="2"))
    _source(content_hash="3")
    _source(content_hash="4")


def test_source_feed_entry_unique_per_feed():
    feed = Feed.objects.create(url="https://feeds.example/a.xml")
    _source(feed=feed, feed_entry_id="guid-1", content_hash="1")
    refused(lambda: _source(feed=feed, feed_entry_id="guid-1", content_hash="2"))


def test_source_text_required():
    refused(lambda: _source(text=""))


def test_source_not_duplicate_of_itself():
    s = _source()
    s.duplicate_of = s
    refused(s.save)


def test_story_deletion_keeps_sources():
    story = Story.objects.create(title="S")
    s = _source(story=story)
    story.delete()
    s.refresh_from_db()
    assert s.story is None


def test_add_source_refuses_exact_duplicate_and_links_near_copy():
    text = (
        "The Lakemont council approved a repair of the Old Mill Bridge on Tuesday. "
        "The work will cost $4.2 million and begins on February 2. "
        "Mayor Lena Ortiz said the bridge carries the east side to the hospital. "
        "Two councillors voted against the plan, citing the need for a second opinion."
    )
    first = add_source(title="Bridge", text=text, url="https://a.example/bridge?utm_source=x")
    assert first.created
    again = add_source(title="Bridge", text="  " + text.replace(" ", "  ") + "\n")
    assert not again.created and again.source == first.source
    same_url = add_source(
        title="Other", text="Different words entirely.", url="https://a.example/bridge"
    )
    assert not same_url.created
    near = add_source(title="Bridge (syndicated)", text=text + " Share this article.", outlet="B")
    assert near.created
    assert near.source.duplicate_of == first.source


def test_story_updated_at_orders(db):
    old = Story.objects.create(title="old")
    Story.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=1))
    new = Story.objects.create(title="new")
    assert list(Story.objects.all()) == [new, old]


def test_feed_item_unique_per_feed_entry():
    from sources.models import FeedItem

    feed = Feed.objects.create(url="https://feeds.example/a.xml")
    FeedItem.objects.create(feed=feed, entry_key="guid-1")
    refused(lambda: FeedItem.objects.create(feed=feed, entry_key="guid-1"))
    other = Feed.objects.create(url="https://feeds.example/b.xml")
    FeedItem.objects.create(feed=other, entry_key="guid-1")


def test_section_slug_cannot_shadow_site_addresses():
    for slug in ("search", "feeds", "authors", "preview", "report", "admin"):
        refused(lambda slug=slug: Section.objects.create(name=slug.title(), slug=slug))


def test_import_job_defaults(make_user):
    from sources.models import ImportJob

    job = ImportJob.objects.create(url="https://example.test/a", requested_by=make_user("u"))
    assert job.status == ImportJob.Status.QUEUED and not job.finished


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.mark.parametrize(
    ("name", "content", "valid"),
    [
        ("face.png", PNG, True),
        ("face.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, True),
        ("face.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 40, True),
        # walkthrough of 2026-12-05: a ".png" holding SVG with a script was saved as an avatar
        (
            "face.png",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            False,
        ),
        ("face.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', False),
        ("face.html", PNG, False),
    ],
)
def test_an_avatar_must_be_an_image(name, content, valid):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    author = AIAuthor(name="A", slug="a", bio="b", disclaimer="d")
    author.avatar = SimpleUploadedFile(name, content)
    if valid:
        author.full_clean()
    else:
        with pytest.raises(ValidationError):
            author.full_clean()


def test_uploaded_media_are_served_while_debugging(client, settings, tmp_path):
    """The walkthrough's avatars linked /media/authors/... and got 404 from the dev server."""
    from django.urls import clear_url_caches

    (tmp_path / "authors").mkdir()
    (tmp_path / "authors" / "face.png").write_bytes(PNG)
    settings.MEDIA_ROOT = tmp_path
    clear_url_caches()
    response = client.get("/media/authors/face.png")
    assert response.status_code == 200
