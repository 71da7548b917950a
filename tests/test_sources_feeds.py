"""Feed polling: RSS and Atom, conditional GET, seen entries, full pages, hostile input, backoff."""

import socket
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from sources import feeds, fetch
from sources.feeds import next_poll_delay, poll_feed
from sources.models import Feed, FeedItem, Source
from tests import fixture_server

fixture_http_server = fixture_server.fixture_http_server
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_only(settings, monkeypatch):
    """Fixture server allowed; names other than localhost do not resolve (no real network)."""
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True
    settings.NEWSROOM_FETCH_TIMEOUT = 0.5
    real = fetch._getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == "localhost":
            return real(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(fetch, "_getaddrinfo", resolve)


def make_feed(server, path: str, **fields) -> Feed:
    return Feed.objects.create(url=server.url(path), **fields)


def item(feed: Feed, entry_id: str) -> FeedItem:
    return FeedItem.objects.get(feed=feed, entry_id=entry_id)


def test_rss_poll_stores_entries_and_records_each_outcome(fixture_http_server):
    feed = make_feed(fixture_http_server, "/pages/poll_rss.xml", poll_interval=30)
    result = poll_feed(feed)
    assert result.ok, result.error
    assert (result.new, result.duplicate, result.failed) == (5, 0, 1)
    assert result.summary == "5 new, 0 duplicate, 1 failed"

    feed.refresh_from_db()
    assert feed.title == "Wend Valley Wire"
    assert feed.last_success_at and feed.last_error == "" and feed.error_count == 0
    assert feed.last_result == "5 new, 0 duplicate, 1 failed"
    assert feed.next_poll_at > timezone.now() + timedelta(minutes=29)
    # The entry with a failing entry keeps the validators unset, so it is retried in full.
    assert feed.etag == ""

    full = item(feed, "wire-harbour").source
    assert full.origin == Source.Origin.FEED and full.feed == feed
    assert full.feed_entry_id == "wire-harbour"
    assert full.author == "Tomasz Reinholt" and full.outlet == "Wend Valley Wire"
    assert full.fetched_at is None and full.fetch_note == ""
    assert "rubble core" in full.text

    # A summary-only entry: the full page was fetched and extracted.
    page = item(feed, "wire-bridge").source
    assert page.fetched_at is not None and page.fetch_note == ""
    assert (
        page.canonical_url == "https://courier.example/news/2024/03/old-mill-bridge-repair-approved"
    )
    assert "Ashgrove estate" in page.text and len(page.text.split()) > 200

    # Pages that fail fall back to the summary, and say so on the source and the entry.
    for entry_id, why in [
        ("wire-slow", "Timed out"),
        ("wire-loop", "Redirect loop"),
        ("wire-nav-only", "No article text found"),
    ]:
        record = item(feed, entry_id)
        assert record.status == FeedItem.Status.NEW
        assert why in record.error and "Stored the feed's summary" in record.error
        assert record.source.fetch_note == record.error
        assert record.source.text.split()[0] in {"Parking", "The", "Two"}

    failed = item(feed, "wire-empty-404")
    assert failed.status == FeedItem.Status.FAILED and failed.source is None
    assert failed.error.startswith("The entry has no text and its page failed. Not found")


def test_seen_entries_are_skipped_and_failed_ones_retried(fixture_http_server):
    feed = make_feed(fixture_http_server, "/pages/poll_rss.xml")
    poll_feed(feed)
    second = poll_feed(feed)
    assert (second.new, second.duplicate, second.failed, second.seen) == (0, 0, 1, 5)
    assert item(feed, "wire-empty-404").attempts == 2
    poll_feed(feed)
    third = poll_feed(feed)  # the failing entry has had its attempts
    assert (third.failed, third.seen) == (0, 6)
    assert Source.objects.count() == 5


def test_atom_poll_fetches_pages_and_conditional_get_answers_304(fixture_http_server):
    feed = make_feed(fixture_http_server, "/pages/poll_atom.xml", outlet="Wend Valley Radio")
    result = poll_feed(feed)
    assert (result.new, result.failed) == (2, 0), result.summary
    feed.refresh_from_db()
    assert feed.etag.startswith('"') and feed.last_modified.endswith("GMT")
    trains = Source.objects.get(feed_entry_id="tag:radio.example,2024:eastvale-late-trains")
    assert trains.outlet == "Wend Valley Radio" and trains.author == "Ruth Abernathy-Lowe"
    assert "Fennick Cross" in trains.text

    again = poll_feed(feed)
    assert again.not_modified and again.summary == "not modified"
    request = fixture_http_server.requests_to("/pages/poll_atom.xml")[-1]
    assert request.headers["if-none-match"] == feed.etag
    assert request.headers["if-modified-since"] == feed.last_modified
    feed.refresh_from_db()
    assert feed.last_result == "not modified" and feed.error_count == 0


def test_entry_already_stored_from_elsewhere_is_a_duplicate(fixture_http_server):
    from sources.importing import import_url

    imported = import_url(fixture_http_server.url("/pages/article_same_event.html")).source
    feed = make_feed(fixture_http_server, "/pages/poll_atom.xml")
    result = poll_feed(feed)
    assert (result.new, result.duplicate) == (1, 1)
    record = item(feed, "tag:radio.example,2024:bridge-drivers")
    assert record.status == FeedItem.Status.DUPLICATE and record.source == imported
    assert "already stored" in record.error


@pytest.mark.parametrize(
    ("path", "code", "message"),
    [
        ("/pages/feed_invalid.xml", "invalid_xml", "is not well-formed XML"),
        ("/pages/feed_billion_laughs.xml", "unsafe_xml", "declares XML entities"),
        ("/pages/feed_external_entity.xml", "unsafe_xml", "Refusing feed"),
        ("/pages/feed_not_a_feed.xml", "not_a_feed", "not an RSS or Atom feed"),
        ("/slow?delay=3", "timeout", "Timed out"),
        ("/loop/a", "too_many_redirects", "Redirect loop"),
        ("/status/404", "not_found", "Not found"),
        ("/type?ct=application/pdf", "not_html", "Unsupported content type"),
    ],
)
def test_bad_feeds_store_a_clear_error(fixture_http_server, path, code, message):
    feed = make_feed(fixture_http_server, path)
    result = poll_feed(feed)
    assert not result.ok and result.error_code == code
    assert message in result.error
    feed.refresh_from_db()
    assert message in feed.last_error and feed.error_count == 1
    assert feed.last_result.startswith("error: ")
    assert not Source.objects.exists()


def test_huge_entry_is_cut_and_the_other_entry_kept(fixture_http_server):
    feed = make_feed(fixture_http_server, "/pages/feed_huge_entry.xml")
    result = poll_feed(feed)
    assert (result.new, result.failed) == (2, 0), result.summary
    huge = FeedItem.objects.get(feed=feed, entry_id__endswith="/minutes-full")
    assert len(huge.source.text) <= 200_010
    assert "cut to the size limit" in huge.error
    short = FeedItem.objects.get(feed=feed, entry_id__endswith="/minutes-summary")
    assert short.source.text == "A short summary of the board meeting."
    assert "Could not resolve host board.example" in short.error


def test_mislabelled_encoding_is_decoded(fixture_http_server):
    feed = make_feed(fixture_http_server, "/pages/feed_latin1_mislabelled.xml")
    result = poll_feed(feed)
    assert result.new == 1, result.summary
    source = Source.objects.get()
    assert "élus ont voté à l'unanimité" in source.text
    assert source.author == "Zoë Müller-Garçon"


def test_backoff_grows_with_errors_and_resets_on_success(fixture_http_server):
    assert next_poll_delay(30, 0) == timedelta(minutes=30)
    assert next_poll_delay(30, 1) == timedelta(minutes=60)
    assert next_poll_delay(30, 3) == timedelta(minutes=240)
    assert next_poll_delay(30, 12) == timedelta(hours=24)
    assert next_poll_delay(2000, 5) == timedelta(minutes=2000)

    feed = make_feed(fixture_http_server, "/status/503", poll_interval=10)
    waits = []
    for _ in range(3):
        before = timezone.now()
        poll_feed(feed)
        feed.refresh_from_db()
        waits.append(round((feed.next_poll_at - before).total_seconds() / 60))
    assert waits == [20, 40, 80]
    assert feed.error_count == 3 and "HTTP error 503" in feed.last_error

    feed.url = fixture_http_server.url("/pages/poll_atom.xml")
    feed.save()
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.error_count == 0 and feed.last_error == ""
    assert timezone.now() + timedelta(minutes=9) < feed.next_poll_at


def test_due_feeds_are_claimed_once_and_polled_in_process(
    fixture_http_server, django_capture_on_commit_callbacks
):
    due = make_feed(fixture_http_server, "/pages/poll_atom.xml")
    broken = make_feed(fixture_http_server, "/pages/feed_invalid.xml")
    later = make_feed(
        fixture_http_server,
        "/pages/poll_rss.xml",
        next_poll_at=timezone.now() + timedelta(hours=1),
    )
    make_feed(fixture_http_server, "/pages/feed_atom.xml", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert feeds.poll_due_feeds() == 2
        assert feeds.claim_due_feeds() == []  # claimed: not handed out twice
    due.refresh_from_db()
    broken.refresh_from_db()
    later.refresh_from_db()
    assert due.last_result == "2 new, 0 duplicate, 0 failed"
    assert broken.error_count == 1 and "not well-formed" in broken.last_error
    assert later.last_polled_at is None
    assert Source.objects.count() == 2


def test_poll_feeds_command_shows_progress(fixture_http_server):
    good = make_feed(fixture_http_server, "/pages/poll_atom.xml", title="Radio")
    bad = make_feed(fixture_http_server, "/pages/feed_billion_laughs.xml", title="Bomb")
    make_feed(
        fixture_http_server,
        "/pages/feed_rss.xml",
        title="Not due",
        next_poll_at=timezone.now() + timedelta(hours=1),
    )
    out = StringIO()
    call_command("poll_feeds", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[1/2] Radio — 2 new, 0 duplicate, 0 failed (")
    assert lines[1].startswith("[2/2] Bomb — error: Refusing feed")
    assert lines[2] == "2 feeds: 2 new, 0 duplicate, 0 failed entries; 1 feed could not be polled"

    out = StringIO()
    call_command("poll_feeds", feed=[good.pk], stdout=out)
    assert out.getvalue().splitlines()[0].startswith("[1/1] Radio — not modified")

    out = StringIO()
    call_command("poll_feeds", stdout=out)
    assert out.getvalue().strip() == "No feeds are due."

    out = StringIO()
    Feed.objects.exclude(pk__in=[good.pk, bad.pk]).delete()
    call_command("poll_feeds", "--all", stdout=out)
    assert out.getvalue().splitlines()[0].startswith("[1/2] Radio — not modified")

    with pytest.raises(CommandError, match="No feed with id 999"):
        call_command("poll_feeds", feed=[999])


def test_entries_over_the_page_budget_wait_for_the_next_poll(fixture_http_server, monkeypatch):
    monkeypatch.setattr(feeds, "PAGE_FETCH_LIMIT", 2)
    feed = make_feed(fixture_http_server, "/pages/poll_rss.xml")
    feed.etag = '"stale"'
    feed.save()
    first = poll_feed(feed)
    assert (first.new, first.deferred) == (3, 3), first.summary
    assert first.summary.endswith("3 left for the next poll")
    feed.refresh_from_db()
    assert feed.etag == ""  # the next poll must get the whole feed again
    second = poll_feed(feed)
    assert (second.new, second.failed, second.deferred, second.seen) == (2, 0, 1, 3)
    third = poll_feed(feed)
    assert (third.failed, third.deferred) == (1, 0)
    assert Source.objects.count() == 5


def test_utf16_feed_without_a_bom_is_stored_with_its_encoding(fixture_http_server):
    feed = make_feed(fixture_http_server, "/pages/intl/zh_utf16le_nobom.xml")
    result = poll_feed(feed)
    assert (result.new, result.failed) == (2, 0), result.summary
    source = Source.objects.get(title="渡轮恢复每小时一班")
    assert source.text.startswith("从五月一日起，凯尔斯比与马罗比之间的渡轮恢复每小时一班。")
    assert source.encoding == "utf-16-le"
    assert "NUL bytes" in source.encoding_note


@pytest.mark.parametrize(
    "content_type", ["text/rss+xml", "text/atom+xml", "application/xml-dtd", "text/xml"]
)
def test_feeds_served_with_any_xml_feed_type_are_read(fixture_http_server, content_type):
    """Issue #19: text/rss+xml, text/atom+xml and application/xml-dtd were refused (not_html)."""
    path = f"/pages/intl/de_rss_text_type.xml?type={content_type.replace('+', '%2B')}"
    result = poll_feed(make_feed(fixture_http_server, path))
    assert result.ok, result.error
    assert result.new == 2
    assert Source.objects.filter(title="Stadtbad öffnet nach Umbau").exists()
