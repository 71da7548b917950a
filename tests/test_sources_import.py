"""URL import: the service, its precise errors, SSRF refusals and the import_url command."""

from functools import partial
from urllib.parse import quote

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from sources import importing
from sources.fetch import fetch
from sources.importing import ImportFailed, import_url
from sources.models import ImportJob, Source, Story
from tests import fixture_server

fixture_http_server = fixture_server.fixture_http_server
pytestmark = pytest.mark.django_db
CANONICAL = "https://courier.example/news/2024/03/old-mill-bridge-repair-approved"


@pytest.fixture
def private_ok(settings):
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True
    settings.NEWSROOM_FETCH_TIMEOUT = 2.0


@pytest.fixture
def public_only(settings):
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = False
    settings.NEWSROOM_FETCH_TIMEOUT = 2.0


def test_import_stores_the_article(private_ok, fixture_http_server):
    story = Story.objects.create(title="Old Mill Bridge")
    result = import_url(fixture_http_server.url("/pages/article.html"), story=story)
    assert result.created
    source = result.source
    assert source.origin == Source.Origin.URL
    assert source.title == "Millbrook council approves repair of Old Mill Bridge"
    assert source.outlet == "Millbrook Courier"
    assert source.author == "Harriet Okonjo-Vale"
    assert source.canonical_url == CANONICAL
    assert source.url == fixture_http_server.url("/pages/article.html")
    assert source.published_at.isoformat() == "2024-03-14T18:30:00+00:00"
    assert source.fetched_at is not None and source.language == "en-gb"
    assert source.story == story
    assert "Old Mill Bridge" in source.text and "Most read" not in source.text


def test_same_page_with_tracking_parameters_is_not_imported_twice(private_ok, fixture_http_server):
    first = import_url(fixture_http_server.url("/pages/article.html")).source
    again = import_url(fixture_http_server.url("/pages/article.html?utm_source=x&fbclid=y"))
    assert not again.created and again.source == first
    assert "same address" in again.reason
    # A URL equal to a stored canonical address is recognised without fetching.
    before = len(fixture_http_server.requests)
    assert import_url(CANONICAL + "?utm_medium=email").source == first
    assert len(fixture_http_server.requests) == before


def test_syndicated_page_is_linked_to_the_original(private_ok, fixture_http_server):
    original = import_url(fixture_http_server.url("/pages/article.html")).source
    copy = import_url(fixture_http_server.url("/pages/article_syndicated.html"))
    assert copy.created and copy.source.duplicate_of == original


@pytest.mark.parametrize(
    ("path", "code", "headline"),
    [
        ("/status/404", "not_found", "Not found"),
        ("/slow?delay=3", "timeout", "Timed out"),
        ("/type?ct=application/pdf", "not_html", "Not an HTML page"),
        ("/huge?size=300000", "too_large", "Too large"),
        ("/pages/nav_only.html", "no_text", "No article text found"),
        ("/loop/a", "too_many_redirects", "Redirect loop"),
        ("/status/500", "http_error", "HTTP error"),
    ],
)
def test_import_errors_are_precise(settings, fixture_http_server, path, code, headline):
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True
    settings.NEWSROOM_FETCH_TIMEOUT = 0.5
    settings.NEWSROOM_FETCH_MAX_BYTES = 100_000
    with pytest.raises(ImportFailed) as info:
        import_url(fixture_http_server.url(path))
    assert info.value.code == code
    assert str(info.value).startswith(headline)
    assert "\n" not in str(info.value)
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("2130706433", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a link-local (cloud metadata) address"),
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("0.0.0.0", "an unspecified address"),
        ("100.64.0.1", "a shared (carrier-grade NAT) address"),
        ("[::1]", "a loopback address"),
        ("[::ffff:10.0.0.1]", "an IPv4-mapped form of a private address"),
        ("[fd00::1]", "a unique local (private) address"),
        ("[fe80::1]", "a link-local address"),
        ("[ff02::1]", "a multicast address"),
    ],
)
def test_refused_addresses_store_nothing(public_only, host, reason):
    with pytest.raises(ImportFailed) as info:
        import_url(f"http://{host}/news/story")
    assert info.value.code == "address_refused"
    assert str(info.value).startswith("Address refused:")
    assert reason in str(info.value)
    assert not Source.objects.exists()


def test_dns_name_resolving_to_loopback_is_refused(public_only, fixture_http_server):
    with pytest.raises(ImportFailed) as info:
        import_url(f"http://localhost:{fixture_http_server.port}/pages/article.html")
    assert info.value.code == "address_refused"
    assert "localhost resolves to" in str(info.value)
    assert "loopback" in str(info.value)
    assert not Source.objects.exists()


def test_redirect_to_a_refused_address_is_refused(public_only, fixture_http_server, monkeypatch):
    # The fixture server itself is allowed (by port); the hop it redirects to is not.
    port = fixture_http_server.port
    monkeypatch.setattr(
        importing, "fetch", partial(fetch, allow_private=lambda host, ip, p: p == port)
    )
    target = "http://169.254.169.254/latest/meta-data/"
    with pytest.raises(ImportFailed) as info:
        import_url(fixture_http_server.url(f"/redirect-to?url={quote(target, safe='')}"))
    assert info.value.code == "address_refused"
    assert "169.254.169.254 is a link-local (cloud metadata) address" in str(info.value)
    assert not Source.objects.exists()


def test_import_job_records_success_and_failure(private_ok, fixture_http_server):
    job = ImportJob.objects.create(url=fixture_http_server.url("/pages/article.html"))
    assert importing.run_import_job(job.pk) == "done"
    job.refresh_from_db()
    assert job.created_source and job.source.canonical_url == CANONICAL
    assert job.message.startswith("Added “Millbrook council")
    assert job.started_at and job.finished_at

    bad = ImportJob.objects.create(url=fixture_http_server.url("/status/404"))
    assert importing.run_import_job(bad.pk) == "failed"
    bad.refresh_from_db()
    assert bad.error_code == "not_found" and bad.error.startswith("Not found")
    # A finished job is not run again.
    assert importing.run_import_job(bad.pk) == "failed"


def test_start_import_runs_in_process_without_redis(
    private_ok, fixture_http_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = importing.start_import(fixture_http_server.url("/pages/article.html"))
        assert job.status == "queued" and job.rq_job_id == ""
    job.refresh_from_db()
    assert job.status == "done" and job.source is not None


# ----------------------------------------------------------------------------- command


@pytest.fixture
def keep_connections(monkeypatch):
    """run_from_argv closes every connection when done, which would end the test's."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


def run_command(*argv: str) -> int:
    """Run manage.py in this process (test database), returning its exit status."""
    try:
        ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_command_success_prints_one_line(keep_connections, private_ok, fixture_http_server, capsys):
    story = Story.objects.create(title="Bridge")
    url = fixture_http_server.url("/pages/article.html")
    assert run_command("import_url", url, "--story", str(story.pk)) == 0
    out = capsys.readouterr().out.strip()
    source = Source.objects.get()
    assert out == (
        f"Source #{source.pk} in story #{story.pk}: Added “Millbrook council approves repair "
        "of Old Mill Bridge”."
    )
    assert run_command("import_url", url) == 0
    assert capsys.readouterr().out.strip().startswith(f"Source #{source.pk}: Not added: the same")


def test_command_refused_address_exits_1_and_stores_nothing(keep_connections, public_only, capsys):
    assert run_command("import_url", "http://127.0.0.1:8000/admin/") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert lines == [
        "CommandError: Address refused: 127.0.0.1 is a loopback address "
        "(http://127.0.0.1:8000/admin/)"
    ]
    assert not Source.objects.exists()


def test_command_errors(keep_connections, private_ok, fixture_http_server, capsys):
    assert run_command("import_url", fixture_http_server.url("/status/404")) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("CommandError: Not found:") and "\n" not in err
    with pytest.raises(CommandError, match="No story with id 999"):
        call_command("import_url", fixture_http_server.url("/pages/article.html"), story=999)
    with pytest.raises(CommandError, match="No article text found"):
        call_command("import_url", fixture_http_server.url("/pages/nav_only.html"))


def test_import_records_how_the_encoding_was_decided(private_ok, fixture_http_server):
    """A declared UTF-8 page with one stray byte: stored UTF-8 with the repair noted."""
    source = import_url(fixture_http_server.url("/pages/intl/en_utf8_bad_byte.html")).source
    assert source.encoding == "utf-8"
    assert "1 undecodable byte sequence(s) replaced" in source.encoding_note
    assert source.text.count("\ufffd") == 1
    clean = import_url(fixture_http_server.url("/pages/article.html")).source
    assert (clean.encoding, clean.encoding_note) == ("utf-8", "")


def test_decomposed_page_is_stored_in_nfc(private_ok, fixture_http_server):
    from tests import intl_fixtures as intl

    original = intl.PAGES["fr_utf8_nfd.html"]
    assert intl.nfc(original["title"]) != intl.read("fr_utf8_nfd.html").decode()  # NFD bytes
    source = import_url(fixture_http_server.url("/pages/intl/fr_utf8_nfd.html")).source
    assert source.title == intl.nfc(original["title"])
    for paragraph in original["paragraphs"]:
        assert intl.nfc(paragraph) in source.text
