"""Ingest jobs on a real Redis, executed by a real rqworker process."""

import pytest

from sources import feeds, importing
from sources.models import Feed, ImportJob, Source
from tests import fixture_server
from tests.conftest import wait_for

fixture_http_server = fixture_server.fixture_http_server
pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def private_ok(settings, monkeypatch):
    """The fixture server is on 127.0.0.1: allow it here and in the worker's environment."""
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True
    monkeypatch.setenv("NEWSROOM_FETCH_ALLOW_PRIVATE", "1")


def test_url_import_and_feed_poll_run_on_the_ingest_queue(rq_worker, fixture_http_server):
    job = importing.start_import(fixture_http_server.url("/pages/article.html"))
    assert job.rq_job_id  # enqueued on Redis, not run in this process
    wait_for(lambda: ImportJob.objects.get(pk=job.pk).finished)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.error
    assert job.source.title == "Millbrook council approves repair of Old Mill Bridge"

    feed = Feed.objects.create(url=fixture_http_server.url("/pages/poll_atom.xml"))
    assert feeds.poll_due_feeds() == 1
    wait_for(lambda: Feed.objects.get(pk=feed.pk).last_polled_at)
    feed.refresh_from_db()
    assert feed.last_result == "2 new, 0 duplicate, 0 failed", feed.last_error
    assert Source.objects.filter(feed=feed).count() == 2
