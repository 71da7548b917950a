"""The one HTTP client for every outbound fetch: SSRF-safe, bounded and redirect-aware.

Every hop of a fetch is checked before any connection is made:

* only ``http`` and ``https`` URLs without credentials are fetched;
* the host is resolved once, and the fetch is refused if *any* resolved address is not a
  public unicast address (loopback, private, link-local, multicast, reserved, shared,
  unspecified, broadcast, and IPv6 forms that embed such an IPv4 address);
* the connection goes to the checked address itself (no second DNS lookup, so DNS rebinding
  cannot swap it), with the original ``Host`` header and, for https, SNI and certificate
  verification against the original hostname;
* redirects are followed by hand, at most ``max_redirects`` times, re-checking every hop.

The body is streamed and capped at ``max_bytes``; the whole fetch, redirects included, has a
single deadline of ``timeout`` seconds.
"""

from __future__ import annotations

import concurrent.futures
import fnmatch
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as Urllib3TimeoutError
from urllib3.util import Timeout

from sources.charset import codec_name
from sources.conf import setting
from sources.errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPredicate = Callable[[str, IPAddress, int], bool]

# The XML media types feedparser reads feeds from (RFC 3023/7303): ``*`` matches any subtype
# part. Patterns are matched, never sent in the Accept header.
XML_TYPES: tuple[str, ...] = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/*+xml",
    "text/*+xml",
    "application/xml-dtd",
    "application/xml-external-parsed-entity",
    "text/xml-external-parsed-entity",
)
DEFAULT_ACCEPT: tuple[str, ...] = ("text/html", "application/xhtml+xml", *XML_TYPES, "text/plain")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0
MAX_REDIRECTS = 5
USER_AGENT = "NewsroomBot/0.1 (+editorial source collection)"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})

_getaddrinfo = socket.getaddrinfo
_resolver_pool = concurrent.futures.ThreadPoolExecutor(
    max_workers=8, thread_name_prefix="newsroom-dns"
)


# --------------------------------------------------------------------------- errors


class FetchError(InputError):
    """A fetch that did not produce a usable response.

    ``code`` is one of :data:`ERROR_CODES`; ``status`` is the HTTP status when a response
    was received, and ``address`` the IP address that was refused or could not be reached.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        url: str = "",
        status: int | None = None,
        address: str | None = None,
    ) -> None:
        super().__init__(message, code=code, url=url)
        self.status = status
        self.address = address


ERROR_CODES: tuple[str, ...] = (
    "address_refused",
    "bad_scheme",
    "bad_url",
    "not_found",
    "http_error",
    "timeout",
    "too_large",
    "not_html",
    "too_many_redirects",
    "connection",
    "tls",
)


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class FetchResult:
    """A completed fetch.

    ``url`` is the URL asked for and ``final_url`` the one that answered; ``redirects`` lists
    the URLs that answered with a redirect, in order. ``headers`` is case-insensitive.
    ``content`` is decoded from any Content-Encoding (gzip/deflate) and empty for a 304.
    ``content_type`` is the lowercased media type (sniffed when the header is missing) and
    ``charset`` the codec of the declared charset (see :func:`parse_content_type`), or None.
    ``address`` is the IP address the final response came from.
    """

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    content_type: str
    charset: str | None
    redirects: tuple[str, ...] = ()
    address: str = ""
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("Last-Modified")

    @property
    def encoding(self) -> str | None:
        """Alias of ``charset``: the charset declared in the Content-Type header."""
        return self.charset

    def text(self, errors: str = "replace") -> str:
        """The body decoded with the declared charset (UTF-8 when none is declared)."""
        return self.content.decode(self.charset or "utf-8", errors)


# --------------------------------------------------------------------------- addresses

_SHARED = ipaddress.IPv4Network("100.64.0.0/10")
_THIS_NETWORK = ipaddress.IPv4Network("0.0.0.0/8")
_RFC1918 = tuple(
    ipaddress.IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
)
_BROADCAST = ipaddress.IPv4Address("255.255.255.255")
_METADATA = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPAT = ipaddress.IPv6Network("::/96")
_SITE_LOCAL = ipaddress.IPv6Network("fec0::/10")
_UNIQUE_LOCAL = ipaddress.IPv6Network("fc00::/7")
_TEREDO = ipaddress.IPv6Network("2001::/32")
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")


def _describe_v4(ip: ipaddress.IPv4Address) -> str | None:
    if ip.is_unspecified:
        return "an unspecified address"
    if ip in _THIS_NETWORK:
        return "a 'this network' (0.0.0.0/8) address"
    if ip.is_loopback:
        return "a loopback address"
    if ip in _METADATA:
        return "a link-local (cloud metadata) address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip == _BROADCAST:
        return "a broadcast address"
    if ip in _SHARED:
        return "a shared (carrier-grade NAT) address"
    if any(ip in net for net in _RFC1918):
        return "a private address"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "a special-purpose (non-global) address"
    return None


def _describe_v6(ip: ipaddress.IPv6Address) -> str | None:
    embedded: ipaddress.IPv4Address | None = None
    form = ""
    if ip.ipv4_mapped is not None:
        embedded, form = ip.ipv4_mapped, "an IPv4-mapped form of"
    elif ip in _NAT64:
        embedded, form = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "a NAT64 mapping of"
    elif ip in _SIX_TO_FOUR and ip.sixtofour is not None:
        embedded, form = ip.sixtofour, "a 6to4 form of"
    elif ip in _TEREDO and ip.teredo is not None:
        embedded, form = ip.teredo[1], "a Teredo form of"
    if embedded is not None:
        inner = _describe_v4(embedded)
        if inner is not None:
            return f"{form} {inner} ({embedded})"
        if ip in _NAT64 or ip.ipv4_mapped is not None:
            return None
        return f"{form} an IPv4 address (tunnelled addresses are not fetched)"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip in _METADATA:
        return "a unique local (cloud metadata) address"
    if ip.is_link_local:
        return "a link-local address"
    if ip in _SITE_LOCAL:
        return "a site-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip in _UNIQUE_LOCAL:
        return "a unique local (private) address"
    if ip in _IPV4_COMPAT:
        inner = _describe_v4(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        return f"an IPv4-compatible form of {inner or 'an IPv4 address'} (deprecated)"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "a special-purpose (non-global) address"
    return None


def describe_address(ip: IPAddress | str) -> str | None:
    """Why ``ip`` must not be fetched (e.g. ``"a loopback address"``), or None if public."""
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip)
    if isinstance(ip, ipaddress.IPv4Address):
        return _describe_v4(ip)
    return _describe_v6(ip)


def is_public_address(ip: IPAddress | str) -> bool:
    return describe_address(ip) is None


_NUMBER = re.compile(r"0[xX][0-9a-fA-F]*|[0-9]+")
_IPV4_CHARS = re.compile(r"[0-9a-fA-FxX.]+")


def parse_ipv4_host(host: str) -> ipaddress.IPv4Address | None:
    """Parse a host the way browsers and ``inet_aton`` do (decimal ``2130706433``, octal
    ``0177.0.0.1``, hex ``0x7f.0.0.1``, short ``127.1``); None if it does not end in a number.

    A host that ends in a number but is not an address raises ValueError (browsers refuse it
    too). Only digits, dots and hex notation reach ``inet_aton``, which would otherwise accept
    anything after a space.
    """
    numeric = host.removesuffix(".")
    if not _NUMBER.fullmatch(numeric.rsplit(".", 1)[-1]):
        return None
    if _IPV4_CHARS.fullmatch(numeric):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(numeric))
        except OSError:
            pass
    raise ValueError(f"host {host!r} ends in a number but is not a valid IPv4 address")


# --------------------------------------------------------------------------- URLs


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    raw_host: str  # as written in the URL
    host: str  # ASCII (IDNA) hostname or IP literal, no brackets
    port: int
    request_target: str  # path + query
    host_header: str
    literal: IPAddress | None


def _parse_url(url: str) -> _Target:
    if any(ord(c) < 0x21 or c == "\x7f" for c in url):
        raise FetchError(
            f"Invalid URL {url!r}: contains whitespace or control characters",
            code="bad_url",
            url=url,
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"Invalid URL {url!r}: {exc}", code="bad_url", url=url) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = scheme or "(none)"
        raise FetchError(
            f"Unsupported URL scheme {shown!r} in {url!r}: only http and https are fetched",
            code="bad_scheme",
            url=url,
        )
    if parts.username is not None or parts.password is not None:
        raise FetchError(
            f"Refusing URL with embedded credentials: {url!r}", code="bad_url", url=url
        )
    raw_host = parts.hostname
    if not raw_host:
        raise FetchError(f"Invalid URL {url!r}: no host", code="bad_url", url=url)
    literal: IPAddress | None
    try:
        literal = ipaddress.ip_address(raw_host)
    except ValueError:
        try:
            literal = parse_ipv4_host(raw_host)
        except ValueError as exc:
            raise FetchError(f"Invalid URL {url!r}: {exc}", code="bad_url", url=url) from None
    if literal is not None:
        host = str(literal)
    else:
        try:
            host = raw_host.rstrip(".").encode("idna").decode("ascii")
        except UnicodeError:
            raise FetchError(
                f"Invalid URL {url!r}: bad hostname {raw_host!r}", code="bad_url", url=url
            ) from None
        if not host or not re.fullmatch(r"[a-z0-9_.-]+", host):
            raise FetchError(
                f"Invalid URL {url!r}: bad hostname {raw_host!r}", code="bad_url", url=url
            )
    default_port = 443 if scheme == "https" else 80
    port = port or default_port
    shown_host = f"[{host}]" if isinstance(literal, ipaddress.IPv6Address) else host
    host_header = shown_host if port == default_port else f"{shown_host}:{port}"
    path = parts.path or "/"
    target = f"{path}?{parts.query}" if parts.query else path
    return _Target(url, scheme, raw_host, host, port, target, host_header, literal)


# --------------------------------------------------------------------------- resolution


def _resolve(target: _Target, deadline: float) -> list[IPAddress]:
    if target.literal is not None:
        return [target.literal]
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(
            f"Timed out before resolving {target.host}", code="timeout", url=target.url
        )
    future = _resolver_pool.submit(_getaddrinfo, target.host, target.port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=remaining)
    except concurrent.futures.TimeoutError:
        raise FetchError(
            f"Timed out resolving {target.host} after {remaining:.1f}s",
            code="timeout",
            url=target.url,
        ) from None
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(
            f"Could not resolve host {target.host}: {exc}", code="connection", url=target.url
        ) from None
    addresses: list[IPAddress] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchError(
            f"Host {target.host} has no IP addresses", code="connection", url=target.url
        )
    return addresses


def _check_addresses(
    target: _Target, addresses: Iterable[IPAddress], allow_private: bool | AddressPredicate
) -> None:
    for ip in addresses:
        reason = describe_address(ip)
        if reason is None:
            continue
        if allow_private is True:
            continue
        if callable(allow_private) and allow_private(target.host, ip, target.port):
            continue
        if target.literal is not None:
            subject = (
                target.raw_host if target.raw_host == target.host else f"{target.raw_host} ({ip})"
            )
            message = f"Address refused: {subject} is {reason}"
        else:
            message = f"Address refused: {target.host} resolves to {ip}, {reason}"
        raise FetchError(message, code="address_refused", url=target.url, address=str(ip))


# --------------------------------------------------------------------------- HTTP


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into (media type, codec of its charset); an unknown charset
    is None. Charset labels are read as :func:`sources.charset.codec_name` reads them."""
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = codec_name(val)
    return media.strip().lower(), charset


def _ssl_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _open_pool(target: _Target, ip: IPAddress, timeout: Timeout) -> urllib3.HTTPConnectionPool:
    common = {"timeout": timeout, "maxsize": 1, "retries": False, "block": False}
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            str(ip),
            target.port,
            cert_reqs="CERT_REQUIRED",
            ssl_context=_ssl_context(),
            server_hostname=target.host,
            assert_hostname=target.host,
            **common,
        )
    return urllib3.HTTPConnectionPool(str(ip), target.port, **common)


def _request_headers(
    target: _Target,
    accept: tuple[str, ...],
    headers: Mapping[str, str] | None,
    cross_origin: bool,
) -> dict[str, str]:
    out = {
        "User-Agent": str(setting("NEWSROOM_FETCH_USER_AGENT", USER_AGENT)),
        "Accept": ", ".join(a for a in accept if "*" not in a) + ", */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    for key, value in (headers or {}).items():
        lowered = key.lower()
        if lowered in ("host", "accept-encoding", "content-length", "transfer-encoding"):
            continue
        if cross_origin and lowered in _CREDENTIAL_HEADERS:
            continue
        out[key] = value
    out["Host"] = target.host_header
    return out


def _remaining(deadline: float, url: str, total: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"Timed out after {total:g}s fetching {url}", code="timeout", url=url)
    return remaining


def _send(
    target: _Target,
    addresses: list[IPAddress],
    headers: dict[str, str],
    deadline: float,
    total: float,
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse, IPAddress]:
    last_error: FetchError | None = None
    for ip in addresses:
        remaining = _remaining(deadline, target.url, total)
        pool = _open_pool(target, ip, Timeout(connect=remaining, read=remaining))
        try:
            response = pool.urlopen(
                "GET",
                target.request_target,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=True,
                assert_same_host=False,
            )
        except NewConnectionError as exc:  # subclasses ConnectTimeoutError: must come first
            pool.close()
            last_error = FetchError(
                f"Could not connect to {_where(target, ip)} port {target.port}: {_reason(exc)}",
                code="connection",
                url=target.url,
                address=str(ip),
            )
            continue
        except (ConnectTimeoutError, ReadTimeoutError, Urllib3TimeoutError):
            pool.close()
            raise FetchError(
                f"Timed out after {total:g}s waiting for {target.url} ({ip})",
                code="timeout",
                url=target.url,
            ) from None
        except SSLError as exc:
            pool.close()
            raise FetchError(
                f"TLS error talking to {_where(target, ip)}: {exc}", code="tls", url=target.url
            ) from None
        except (ProtocolError, OSError) as exc:
            pool.close()
            raise FetchError(
                f"Connection to {_where(target, ip)} failed: {_reason(exc)}",
                code="connection",
                url=target.url,
                address=str(ip),
            ) from None
        return pool, response, ip
    assert last_error is not None
    raise last_error


def _where(target: _Target, ip: IPAddress) -> str:
    return target.host if target.host == str(ip) else f"{target.host} ({ip})"


def _reason(exc: BaseException) -> str:
    text = str(exc)
    match = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    return match.group(1).strip() if match else text


def _read_body(
    response: urllib3.BaseHTTPResponse,
    url: str,
    max_bytes: int,
    deadline: float,
    total: float,
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    sock = getattr(getattr(response, "connection", None), "sock", None)
    try:
        while True:
            remaining = _remaining(deadline, url, total)
            if sock is not None:
                sock.settimeout(remaining)
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(
                    f"Response from {url} exceeds the limit of {max_bytes} bytes",
                    code="too_large",
                    url=url,
                )
            chunks.append(chunk)
    except (ReadTimeoutError, TimeoutError):
        raise FetchError(
            f"Timed out after {total:g}s reading {url}", code="timeout", url=url
        ) from None
    except urllib3.exceptions.DecodeError as exc:
        raise FetchError(
            f"Could not decode the body of {url}: {exc}", code="connection", url=url
        ) from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(
            f"Connection broken while reading {url}: {exc}", code="connection", url=url
        ) from None
    return b"".join(chunks)


def _accepted(media_type: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(media_type, pattern) for pattern in patterns)


def _sniff_type(body: bytes) -> str:
    start = body[:400].replace(b"\x00", b"")  # UTF-16/32 markup: ASCII bytes between NULs
    start = start.lstrip(b"\xef\xbb\xbf\xfe\xff \t\r\n")[:100].lower()
    if start.startswith(b"<?xml"):
        return "application/xml"
    if start.startswith(b"<"):
        return "text/html"
    return "application/octet-stream"


def fetch(
    url: str,
    *,
    allow_private: bool | AddressPredicate | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    accept: tuple[str, ...] = DEFAULT_ACCEPT,
    headers: Mapping[str, str] | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchResult:
    """GET ``url`` safely and return the final response; raise :class:`FetchError` otherwise.

    ``allow_private`` (default: ``settings.NEWSROOM_FETCH_ALLOW_PRIVATE``) skips the address
    class check when True; it may also be a predicate ``(host, ip, port) -> bool`` deciding
    per hop whether a non-public address is allowed. ``accept`` lists the media types taken,
    ``*`` matching any part of one (``application/*+xml``). ``timeout`` is the deadline for the
    whole fetch, redirects included. Pass ``If-None-Match``/``If-Modified-Since`` in
    ``headers`` for a conditional GET: a 304 comes back as a result with empty content.
    """
    if allow_private is None:
        allow_private = bool(setting("NEWSROOM_FETCH_ALLOW_PRIVATE", False))
    if max_bytes is None:
        max_bytes = int(setting("NEWSROOM_FETCH_MAX_BYTES", DEFAULT_MAX_BYTES))
    if timeout is None:
        timeout = float(setting("NEWSROOM_FETCH_TIMEOUT", DEFAULT_TIMEOUT))
    patterns = [a.lower() for a in accept]
    started = time.monotonic()
    deadline = started + timeout

    current = url
    origin: tuple[str, str, int] | None = None
    redirects: list[str] = []
    seen = {url.split("#", 1)[0]}
    while True:
        target = _parse_url(current)
        origin = origin or (target.scheme, target.host, target.port)
        addresses = _resolve(target, deadline)
        _check_addresses(target, addresses, allow_private)
        request_headers = _request_headers(
            target,
            accept,
            headers,
            cross_origin=origin != (target.scheme, target.host, target.port),
        )
        pool, response, ip = _send(target, addresses, request_headers, deadline, timeout)
        try:
            status = response.status
            if status in REDIRECT_STATUSES:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(
                        f"HTTP {status} redirect from {current} without a Location header",
                        code="http_error",
                        url=current,
                        status=status,
                    )
                next_url = urljoin(current, location.strip()).split("#", 1)[0]
                redirects.append(current)
                if next_url in seen:
                    raise FetchError(
                        f"Redirect loop: {current} redirects back to {next_url}",
                        code="too_many_redirects",
                        url=url,
                        status=status,
                    )
                if len(redirects) > max_redirects:
                    raise FetchError(
                        f"Too many redirects: more than {max_redirects} starting at {url}",
                        code="too_many_redirects",
                        url=url,
                        status=status,
                    )
                seen.add(next_url)
                current = next_url
                continue
            result_headers = urllib3.HTTPHeaderDict(response.headers)
            media_type, charset = parse_content_type(result_headers.get("Content-Type"))
            if status == 304:
                return FetchResult(
                    url=url,
                    final_url=current,
                    status=status,
                    headers=result_headers,
                    content=b"",
                    content_type=media_type,
                    charset=charset,
                    redirects=tuple(redirects),
                    address=str(ip),
                    elapsed=time.monotonic() - started,
                )
            if status in (404, 410):
                raise FetchError(
                    f"Not found: {current} answered HTTP {status}",
                    code="not_found",
                    url=current,
                    status=status,
                )
            if not 200 <= status < 300:
                reason = getattr(response, "reason", "") or ""
                raise FetchError(
                    f"HTTP error {status} {reason}".rstrip() + f" from {current}",
                    code="http_error",
                    url=current,
                    status=status,
                )
            if media_type and not _accepted(media_type, patterns):
                raise FetchError(
                    f"Unsupported content type {media_type!r} from {current}; expected one "
                    f"of: {', '.join(accept)}",
                    code="not_html",
                    url=current,
                    status=status,
                )
            length = result_headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > max_bytes:
                raise FetchError(
                    f"Response from {current} is {int(length)} bytes, over the limit of "
                    f"{max_bytes} bytes",
                    code="too_large",
                    url=current,
                    status=status,
                )
            body = _read_body(response, current, max_bytes, deadline, timeout)
            if not media_type:
                media_type = _sniff_type(body)
                if not _accepted(media_type, patterns):
                    raise FetchError(
                        f"No content type from {current} and the body does not look like markup",
                        code="not_html",
                        url=current,
                        status=status,
                    )
            return FetchResult(
                url=url,
                final_url=current,
                status=status,
                headers=result_headers,
                content=body,
                content_type=media_type,
                charset=charset,
                redirects=tuple(redirects),
                address=str(ip),
                elapsed=time.monotonic() - started,
            )
        finally:
            response.release_conn()
            response.close()
            pool.close()
