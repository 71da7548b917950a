"""sources.fetch: SSRF refusals, redirects, limits, content types and conditional GET.

Only 127.0.0.1 is ever contacted: every refused address is refused before a connection is
opened (``no_connect`` makes sure of it).
"""

from __future__ import annotations

import gzip
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from sources import fetch as fetch_module
from sources.errors import InputError
from sources.fetch import (
    ERROR_CODES,
    FetchError,
    describe_address,
    fetch,
    parse_content_type,
    parse_ipv4_host,
)
from tests.fixture_server import FixtureServer


@pytest.fixture
def no_connect(monkeypatch):
    """Fail the test if fetch tries to open any connection."""

    def refuse(target, ip, timeout):
        raise AssertionError(f"fetch tried to connect to {ip} for {target.url}")

    monkeypatch.setattr(fetch_module, "_open_pool", refuse)


class FakeDNS(dict[str, list[str]]):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []


@pytest.fixture
def fake_dns(monkeypatch):
    """Map hostnames to addresses without touching the real resolver; records lookups."""
    table = FakeDNS()
    calls = table.calls

    def getaddrinfo(host, port, *args, **kwargs):
        calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        results = []
        for address in table[host]:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sockaddr = (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
            results.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
        return results

    monkeypatch.setattr(fetch_module, "_getaddrinfo", getaddrinfo)
    return table


def only_port(port: int):
    """An allow_private predicate allowing non-public addresses on one port only."""
    return lambda host, ip, p: p == port


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----------------------------------------------------------------------------- addresses

REFUSED = [
    ("http://127.0.0.1/", "a loopback address"),
    ("http://127.8.9.10:8080/x", "a loopback address"),
    ("http://10.0.0.1/", "a private address"),
    ("http://10.255.255.254/", "a private address"),
    ("http://172.16.0.1/", "a private address"),
    ("http://172.31.255.254/", "a private address"),
    ("http://192.168.1.1/", "a private address"),
    ("http://169.254.10.20/", "a link-local address"),
    ("http://169.254.169.254/latest/meta-data/", "a link-local (cloud metadata) address"),
    ("http://100.64.0.1/", "a shared (carrier-grade NAT) address"),
    ("http://100.127.255.254/", "a shared (carrier-grade NAT) address"),
    ("http://0.0.0.0/", "an unspecified address"),
    ("http://0.1.2.3/", "'this network'"),
    ("http://224.0.0.1/", "a multicast address"),
    ("http://239.255.255.250/", "a multicast address"),
    ("http://240.0.0.1/", "a reserved address"),
    ("http://255.255.255.255/", "a broadcast address"),
    ("http://192.0.2.10/", "special-purpose"),
    ("http://[::1]/", "a loopback address"),
    ("http://[::]/", "an unspecified address"),
    ("http://[fe80::1]/", "a link-local address"),
    ("http://[fc00::1]/", "a unique local (private) address"),
    ("http://[fd12:3456:789a::1]/", "a unique local (private) address"),
    ("http://[fec0::1]/", "a site-local address"),
    ("http://[ff02::1]/", "a multicast address"),
    ("http://[ff0e::1]/", "a multicast address"),
    ("http://[::ffff:127.0.0.1]/", "an IPv4-mapped form of a loopback address"),
    ("http://[::ffff:10.0.0.1]/", "an IPv4-mapped form of a private address"),
    ("http://[::ffff:169.254.169.254]/", "IPv4-mapped form of a link-local (cloud metadata)"),
    ("http://[::127.0.0.1]/", "an IPv4-compatible form of a loopback address"),
    ("http://[64:ff9b::7f00:1]/", "a NAT64 mapping of a loopback address"),
    ("http://[64:ff9b::a00:1]/", "a NAT64 mapping of a private address"),
    ("http://[2002:7f00:1::1]/", "a 6to4 form of a loopback address"),
    ("http://[2002:c0a8:101::1]/", "a 6to4 form of a private address"),
    ("http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/", "a Teredo form of a private address"),
    ("http://[2001:db8::1]/", "special-purpose"),
    # Alternate IPv4 notations, parsed like browsers and inet_aton do.
    ("http://2130706433/", "2130706433 (127.0.0.1) is a loopback address"),
    ("http://0177.0.0.1/", "0177.0.0.1 (127.0.0.1) is a loopback address"),
    ("http://0x7f.0.0.1/", "0x7f.0.0.1 (127.0.0.1) is a loopback address"),
    ("http://0x7f000001/", "(127.0.0.1) is a loopback address"),
    ("http://017700000001/", "(127.0.0.1) is a loopback address"),
    ("http://127.1/", "127.1 (127.0.0.1) is a loopback address"),
    ("http://127.0.1/", "(127.0.0.1) is a loopback address"),
    ("http://10.1/", "10.1 (10.0.0.1) is a private address"),
    ("http://0xa9.0xfe.0xa9.0xfe/", "(169.254.169.254) is a link-local (cloud metadata)"),
    ("http://0/", "(0.0.0.0) is an unspecified address"),
    ("http://127.0.0.1./", "a loopback address"),
    ("http://LOCALHOST.:8000/", "localhost resolves to"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_refuses_non_public_addresses(url, reason, no_connect):
    with pytest.raises(FetchError) as info:
        fetch(url, allow_private=False, timeout=2)
    assert info.value.code == "address_refused"
    assert reason in info.value.message
    assert info.value.message.startswith("Address refused: ")


def test_localhost_name_is_refused(no_connect):
    with pytest.raises(FetchError) as info:
        fetch("http://localhost:8000/admin/", allow_private=False, timeout=2)
    assert info.value.code == "address_refused"
    assert "localhost resolves to" in str(info.value)
    assert "a loopback address" in str(info.value)


def test_resolved_name_message(fake_dns, no_connect):
    fake_dns["example.test"] = ["127.0.0.1"]
    with pytest.raises(FetchError) as info:
        fetch("http://example.test/story", allow_private=False)
    assert info.value.code == "address_refused"
    assert (
        str(info.value) == "Address refused: example.test resolves to 127.0.0.1, a loopback address"
    )
    assert info.value.address == "127.0.0.1"


def test_any_private_resolved_address_refuses(fake_dns, no_connect):
    fake_dns["mixed.test"] = ["93.184.216.34", "2606:4700::6810:1", "10.1.2.3"]
    with pytest.raises(FetchError, match=r"mixed\.test resolves to 10\.1\.2\.3, a private") as info:
        fetch("https://mixed.test/", allow_private=False)
    assert info.value.code == "address_refused"


def test_dns_failure_is_a_connection_error(fake_dns, no_connect):
    with pytest.raises(FetchError) as info:
        fetch("http://nowhere.test/", allow_private=False)
    assert info.value.code == "connection"
    assert "Could not resolve host nowhere.test" in info.value.message


@pytest.mark.parametrize(
    "address",
    ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"],
)
def test_public_addresses_pass(address):
    assert describe_address(address) is None


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("192.168.257", "192.168.1.1"),
        ("example.com", None),
        ("1.2.3.example", None),
    ],
)
def test_parse_ipv4_host(host, expected):
    parsed = parse_ipv4_host(host)
    assert (str(parsed) if parsed else None) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://1.2.3.4.5/",
        "http://0x100000000/",
        "http://08.0.0.1/",
        "http://256.0.0.1/",
        "http://127..1/",
        "http://127.0x.0.1/",  # an empty hex part: inet_aton refuses it
    ],
)
def test_malformed_numeric_hosts_are_bad_urls(url, no_connect):
    with pytest.raises(FetchError) as info:
        fetch(url, allow_private=False)
    assert info.value.code == "bad_url"


# ----------------------------------------------------------------------------- URLs, schemes


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/_GET%20/",
        "ftp://example.com/file.txt",
        "data:text/html,<p>hi</p>",
        "javascript:alert(1)",
        "dict://127.0.0.1:11211/stat",
        "//example.com/no-scheme",
    ],
)
def test_refuses_other_schemes(url, no_connect):
    with pytest.raises(FetchError) as info:
        fetch(url, allow_private=True)
    assert info.value.code == "bad_scheme"


@pytest.mark.parametrize(
    "url",
    [
        "http://user:secret@example.com/",
        "http://example.com@127.0.0.1/",
        "http:///path-only",
        "http://exa mple.com/",
        "http://example.com:99999/",
    ],
)
def test_refuses_malformed_urls(url, no_connect):
    with pytest.raises(FetchError) as info:
        fetch(url, allow_private=True)
    assert info.value.code == "bad_url"


def test_error_codes_are_documented():
    """Every code the fetch client raises is in ERROR_CODES, and every listed code is raised."""
    raised = set(re.findall(r'code="([a-z_]+)"', Path(fetch_module.__file__).read_text()))
    assert raised == set(ERROR_CODES)


def test_one_error_class_on_the_common_base():
    """Fetch, extraction and feed errors share one base: (message, code, url)."""
    error = FetchError("Not found: x", code="not_found", url="https://x.example/", status=404)
    assert isinstance(error, InputError)
    assert (str(error), error.message, error.code, error.url) == (
        "Not found: x",
        "Not found: x",
        "not_found",
        "https://x.example/",
    )
    assert error.status == 404 and error.address is None
    assert not any(
        isinstance(value, type) and issubclass(value, Exception) and value is not FetchError
        for name, value in vars(fetch_module).items()
        if not name.startswith("_") and getattr(value, "__module__", "") == fetch_module.__name__
    )


# ----------------------------------------------------------------------------- fetching


def test_fetches_a_page(fixture_http_server):
    result = fetch(fixture_http_server.url("/pages/article.html"), allow_private=True)
    assert result.status == 200
    assert result.final_url == result.url
    assert result.content_type == "text/html"
    assert result.charset is None
    assert b"Old Mill Bridge" in result.content
    assert result.headers["content-type"] == result.headers["Content-Type"] == "text/html"
    assert result.etag and result.last_modified
    assert result.redirects == ()
    assert result.address == "127.0.0.1"


def test_sends_identifying_headers_and_caller_headers(fixture_http_server):
    result = fetch(fixture_http_server.url("/echo"), allow_private=True, headers={"X-Trace": "abc"})
    body = result.text()
    assert "user-agent: NewsroomBot" in body
    assert f"host: 127.0.0.1:{fixture_http_server.port}" in body
    assert "x-trace: abc" in body
    assert "accept: text/html" in body


def test_connects_to_the_checked_address_without_a_second_lookup(fixture_http_server, fake_dns):
    fake_dns["news.example.test"] = ["127.0.0.1"]
    port = fixture_http_server.port
    result = fetch(f"http://news.example.test:{port}/echo", allow_private=True)
    assert f"host: news.example.test:{port}" in result.text()
    assert fake_dns.calls == ["news.example.test"]


def test_tries_the_next_address_when_one_refuses(fixture_http_server, fake_dns):
    fake_dns["dual.example.test"] = ["::1", "127.0.0.1"]
    result = fetch(f"http://dual.example.test:{fixture_http_server.port}/echo", allow_private=True)
    assert result.status == 200


def test_ipv6_literal(fixture_http_server):
    try:
        server = FixtureServer(host="::1").start()
    except OSError:
        pytest.skip("IPv6 loopback is not available")
    try:
        result = fetch(server.url("/echo"), allow_private=True)
        assert f"host: [::1]:{server.port}" in result.text()
        assert result.address == "::1"
    finally:
        server.stop()


def test_connection_refused():
    port = free_port()
    with pytest.raises(FetchError) as info:
        fetch(f"http://127.0.0.1:{port}/", allow_private=True, timeout=2)
    assert info.value.code == "connection"
    assert f"port {port}" in info.value.message


def test_settings_provide_defaults(fixture_http_server, settings):
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True
    assert fetch(fixture_http_server.url("/pages/nav_only.html")).status == 200
    settings.NEWSROOM_FETCH_MAX_BYTES = 100
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url("/pages/article.html"))
    assert info.value.code == "too_large"
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url("/pages/nav_only.html"))
    assert info.value.code == "address_refused"


# ----------------------------------------------------------------------------- redirects


def test_follows_redirects(fixture_http_server):
    result = fetch(fixture_http_server.url("/redirect/3"), allow_private=True)
    assert result.status == 200
    assert result.final_url == fixture_http_server.url("/pages/article.html")
    assert len(result.redirects) == 3
    assert result.redirects[0] == fixture_http_server.url("/redirect/3")


def test_five_redirects_allowed_six_refused(fixture_http_server):
    assert len(fetch(fixture_http_server.url("/redirect/5"), allow_private=True).redirects) == 5
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url("/redirect/6"), allow_private=True)
    assert info.value.code == "too_many_redirects"
    assert "more than 5" in info.value.message


def test_redirect_loop(fixture_http_server):
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url("/loop/a"), allow_private=True)
    assert info.value.code == "too_many_redirects"
    assert "Redirect loop" in info.value.message


def test_redirect_without_location(fixture_http_server):
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url("/no-location"), allow_private=True)
    assert info.value.code == "http_error"
    assert info.value.status == 302


def test_redirect_to_another_local_port_is_refused(fixture_http_server):
    with FixtureServer() as other:
        target = other.url("/echo")
        url = fixture_http_server.url(f"/redirect-to?url={quote(target, safe='')}")
        with pytest.raises(FetchError) as info:
            fetch(url, allow_private=only_port(fixture_http_server.port))
        assert info.value.code == "address_refused"
        assert "127.0.0.1 is a loopback address" in info.value.message
        assert info.value.url == target
        assert other.requests == []
        # With private addresses allowed the same chain works.
        result = fetch(url, allow_private=True)
        assert result.final_url == target
        assert len(other.requests) == 1


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://10.0.0.1/", "10.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[::ffff:10.0.0.1]/", "IPv4-mapped form of a private address"),
        ("http://0x7f000001/", "loopback"),
    ],
)
def test_redirect_to_private_address_is_refused(fixture_http_server, monkeypatch, target, reason):
    opened = []
    real_open_pool = fetch_module._open_pool

    def recording_open_pool(t, ip, timeout):
        opened.append(str(ip))
        return real_open_pool(t, ip, timeout)

    monkeypatch.setattr(fetch_module, "_open_pool", recording_open_pool)
    url = fixture_http_server.url(f"/redirect-to?url={quote(target, safe='')}")
    with pytest.raises(FetchError) as info:
        fetch(url, allow_private=only_port(fixture_http_server.port))
    assert info.value.code == "address_refused"
    assert reason in info.value.message
    assert opened == ["127.0.0.1"]


@pytest.mark.parametrize("target", ["file:///etc/passwd", "gopher://127.0.0.1:70/_x"])
def test_redirect_to_other_scheme_is_refused(fixture_http_server, target):
    url = fixture_http_server.url(f"/redirect-to?url={quote(target, safe='')}")
    with pytest.raises(FetchError) as info:
        fetch(url, allow_private=True)
    assert info.value.code == "bad_scheme"


def test_credentials_are_not_forwarded_across_hosts(fixture_http_server, fake_dns):
    fake_dns["other.example.test"] = ["127.0.0.1"]
    port = fixture_http_server.port
    target = f"http://other.example.test:{port}/echo"
    url = fixture_http_server.url(f"/redirect-to?url={quote(target, safe='')}")
    result = fetch(
        url, allow_private=True, headers={"Authorization": "Bearer t0ken", "X-Keep": "1"}
    )
    body = result.text()
    assert "authorization" not in body
    assert "x-keep: 1" in body
    assert f"host: other.example.test:{port}" in body


# ----------------------------------------------------------------------------- limits


def test_content_length_over_the_cap_is_refused_early(fixture_http_server):
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(
            fixture_http_server.url("/huge?size=50000000"),
            allow_private=True,
            max_bytes=100_000,
        )
    assert info.value.code == "too_large"
    assert "50000000 bytes" in info.value.message
    assert time.monotonic() - started < 2


def test_streamed_body_over_the_cap_is_cut(fixture_http_server):
    with pytest.raises(FetchError) as info:
        fetch(
            fixture_http_server.url("/huge?size=3000000&length=0"),
            allow_private=True,
            max_bytes=200_000,
        )
    assert info.value.code == "too_large"
    assert "exceeds the limit of 200000 bytes" in info.value.message


def test_decompressed_size_counts(fixture_http_server):
    small = fetch(fixture_http_server.url("/gzip?size=1000"), allow_private=True)
    assert small.content == b"<p>" + b"a" * 997
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url("/gzip?size=5000000"), allow_private=True, max_bytes=100_000)
    assert info.value.code == "too_large"
    assert len(gzip.compress(b"a" * 5_000_000)) < 100_000  # the cap is on decoded bytes


def test_slow_server_times_out(fixture_http_server):
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url("/slow?delay=3"), allow_private=True, timeout=0.4)
    assert info.value.code == "timeout"
    assert time.monotonic() - started < 1.5


def test_dripping_body_hits_the_total_deadline(fixture_http_server):
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(
            fixture_http_server.url("/drip?interval=0.05&count=200"),
            allow_private=True,
            timeout=0.5,
        )
    assert info.value.code == "timeout"
    assert time.monotonic() - started < 1.5


# ----------------------------------------------------------------------------- responses


@pytest.mark.parametrize("status", [404, 410])
def test_not_found(fixture_http_server, status):
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url(f"/status/{status}"), allow_private=True)
    assert info.value.code == "not_found"
    assert info.value.status == status


@pytest.mark.parametrize("status", [400, 403, 429, 500, 503])
def test_http_errors(fixture_http_server, status):
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url(f"/status/{status}"), allow_private=True)
    assert info.value.code == "http_error"
    assert info.value.status == status
    assert f"HTTP error {status}" in info.value.message


@pytest.mark.parametrize(
    "content_type",
    ["image/png", "application/json", "application/pdf", "application/xml+zip", "text/css"],
)
def test_wrong_content_type(fixture_http_server, content_type):
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url(f"/type?ct={quote(content_type)}"), allow_private=True)
    assert info.value.code == "not_html"
    assert content_type in info.value.message


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html",
        "application/xhtml+xml",
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "text/plain",
        "TEXT/HTML; Charset=UTF-8",
        # Every XML and feed type feedparser accepts (issue #19: these were refused).
        "text/rss+xml",
        "text/atom+xml",
        "application/rdf+xml",
        "application/feed+xml",
        "application/xml-dtd",
        "application/xml-external-parsed-entity",
        "text/xml-external-parsed-entity",
    ],
)
def test_accepted_content_types(fixture_http_server, content_type):
    result = fetch(fixture_http_server.url(f"/type?ct={quote(content_type)}"), allow_private=True)
    assert result.content_type == content_type.split(";")[0].lower()


def test_accept_header_lists_concrete_types_only(fixture_http_server):
    body = fetch(fixture_http_server.url("/echo"), allow_private=True).text()
    accept = next(line for line in body.splitlines() if line.startswith("accept: "))
    assert "text/rss+xml" not in accept and "*+xml" not in accept
    assert "application/rss+xml" in accept and accept.endswith("*/*;q=0.1")


def test_accept_is_configurable(fixture_http_server):
    url = fixture_http_server.url("/type?ct=application/json&body=%7B%7D")
    assert fetch(url, allow_private=True, accept=("application/json",)).content == b"{}"
    with pytest.raises(FetchError) as info:
        fetch(
            fixture_http_server.url("/type?ct=text/html"),
            allow_private=True,
            accept=("application/json",),
        )
    assert info.value.code == "not_html"


def test_missing_content_type_is_sniffed(fixture_http_server):
    assert fetch(fixture_http_server.url("/type?ct=none"), allow_private=True).content_type == (
        "text/html"
    )
    with pytest.raises(FetchError) as info:
        fetch(fixture_http_server.url("/type?ct=none&body=PK%03%04zip"), allow_private=True)
    assert info.value.code == "not_html"


@pytest.mark.parametrize(
    "name", ["intl/zh_utf16le_nobom.xml", "intl/ja_utf16le_bom.xml", "intl/he_utf32be_nobom.xml"]
)
def test_missing_content_type_of_utf16_and_utf32_xml_is_sniffed(fixture_http_server, name):
    result = fetch(fixture_http_server.url(f"/pages/{name}?type=none"), allow_private=True)
    assert result.content_type == "application/xml"


def test_conditional_get_with_etag(fixture_http_server):
    url = fixture_http_server.url("/conditional")
    first = fetch(url, allow_private=True)
    assert first.status == 200 and first.etag == '"v1"'
    second = fetch(url, allow_private=True, headers={"If-None-Match": first.etag})
    assert second.status == 304
    assert second.not_modified
    assert second.content == b""
    assert second.etag == '"v1"'


def test_conditional_get_with_last_modified(fixture_http_server):
    url = fixture_http_server.url("/pages/feed_rss.xml")
    first = fetch(url, allow_private=True)
    assert first.content_type == "application/rss+xml"
    again = fetch(url, allow_private=True, headers={"If-Modified-Since": first.last_modified})
    assert again.status == 304 and again.content == b""
    changed = fetch(url, allow_private=True, headers={"If-None-Match": '"something-else"'})
    assert changed.status == 200 and changed.content == first.content


def test_declared_charset(fixture_http_server):
    content_type = quote("text/html; charset=ISO-8859-1")
    result = fetch(
        fixture_http_server.url(f"/pages/article_latin1.html?type={content_type}"),
        allow_private=True,
    )
    assert result.charset == "cp1252" == result.encoding  # as browsers read ISO-8859-1
    assert "pont Saint-Éloi" in result.text()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text/html; charset=utf-8", ("text/html", "utf-8")),
        ('Text/HTML; Charset="ISO-8859-1"', ("text/html", "cp1252")),
        ("text/html; charset=x-sjis", ("text/html", "cp932")),
        ("text/html; charset=UTF-8; foo=bar", ("text/html", "utf-8")),
        ("application/xml;charset=bogus-enc", ("application/xml", None)),
        ("", ("", None)),
        (None, ("", None)),
    ],
)
def test_parse_content_type(value, expected):
    assert parse_content_type(value) == expected


# ----------------------------------------------------------------------------- https

CERT_CONFIG = """
[req]
distinguished_name = dn
x509_extensions = ext
prompt = no
[dn]
CN = news.example.test
[ext]
subjectAltName = DNS:news.example.test
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,keyCertSign
extendedKeyUsage = serverAuth
"""


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    (folder / "openssl.cnf").write_text(CERT_CONFIG)
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(folder / "key.pem"),
            "-out",
            str(folder / "cert.pem"),
            "-config",
            str(folder / "openssl.cnf"),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    server_names: list[str | None] = []
    server_context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    with FixtureServer(tls_context=server_context) as server:
        server.server_names = server_names  # type: ignore[attr-defined]
        server.cafile = str(folder / "cert.pem")  # type: ignore[attr-defined]
        yield server


@pytest.fixture
def trust_tls_server(tls_server, monkeypatch):
    def context():
        ctx = ssl.create_default_context(cafile=tls_server.cafile)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        return ctx

    monkeypatch.setattr(fetch_module, "_ssl_context", context)
    return tls_server


def test_https_uses_sni_and_verifies_the_hostname(trust_tls_server, fake_dns):
    fake_dns["news.example.test"] = ["127.0.0.1"]
    port = trust_tls_server.port
    result = fetch(f"https://news.example.test:{port}/echo", allow_private=True, timeout=5)
    assert result.status == 200
    assert f"host: news.example.test:{port}" in result.text()
    assert "news.example.test" in trust_tls_server.server_names


def test_https_certificate_for_another_name_fails(trust_tls_server, fake_dns):
    fake_dns["wrong.example.test"] = ["127.0.0.1"]
    with pytest.raises(FetchError) as info:
        fetch(
            f"https://wrong.example.test:{trust_tls_server.port}/echo",
            allow_private=True,
            timeout=5,
        )
    assert info.value.code == "tls"


def test_https_untrusted_certificate_fails(tls_server, fake_dns):
    fake_dns["news.example.test"] = ["127.0.0.1"]
    with pytest.raises(FetchError) as info:
        fetch(f"https://news.example.test:{tls_server.port}/", allow_private=True, timeout=5)
    assert info.value.code == "tls"
    assert "certificate verify failed" in info.value.message.lower()
