"""The public page cache.

Every cached public response (article pages, home, sections, author pages, feeds, sitemaps) is
stored under a key that includes one global *public generation* counter. ``invalidate_article``
moves it on, so one cache operation makes every public page stale at once (the article itself,
the lists and related blocks that show it, feeds and sitemaps); stale entries expire on their own.

Call ``invalidate_article(article)`` after a publish, a correction or update, an unpublish, or
any change to published text, once the transaction has committed (``transaction.on_commit``);
the article services do so through ``pages.published_changed``, which also renders the
article's stored page.

Views opt in with ``cache_public``; ``PublicPageCacheMiddleware`` (near the top of MIDDLEWARE)
does the rest through ``cached_response`` and ``store_response``: an anonymous GET or HEAD
without a session cookie is answered from the cache before sessions, auth, CSRF or the database
are touched, with the headers the inner middleware added when the page was stored (CSP,
X-Frame-Options). Responses carry a strong ``ETag`` (a hash of the body), ``Last-Modified``
where the view sets one, and ``Cache-Control`` with ``s-maxage`` and ``stale-while-revalidate``
for shared proxies; conditional GETs get 304.

The cache must be shared by every process that serves pages, or an invalidation reaches only
the process that made it: Redis when ``REDIS_URL`` is set, else the file-based cache in
``NEWSROOM_CACHE_DIR`` (see settings).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

from newsroom.site import site_url

GENERATION_KEY = "newsroom:public:generation"
KEY_PREFIX = "newsroom:public"
# Query parameters that change a cacheable response; any other parameter is ignored.
PAGE_PARAMS = ("page", "p")
_SKIP_HEADERS = {"set-cookie", "vary", "cache-control", "expires", "etag", "content-length"}

View = Callable[..., HttpResponse]


def timeout() -> int:
    """Seconds a public page stays cached (``NEWSROOM_PUBLIC_CACHE_SECONDS``, 0 disables)."""
    return int(getattr(settings, "NEWSROOM_PUBLIC_CACHE_SECONDS", 300))


def max_age() -> int:
    """``Cache-Control: max-age`` for browsers (``NEWSROOM_PUBLIC_MAX_AGE``)."""
    return int(getattr(settings, "NEWSROOM_PUBLIC_MAX_AGE", 60))


def s_maxage() -> int:
    """``Cache-Control: s-maxage`` for shared proxies (``NEWSROOM_PUBLIC_S_MAXAGE``)."""
    return int(getattr(settings, "NEWSROOM_PUBLIC_S_MAXAGE", 60))


def stale_while_revalidate() -> int:
    """Seconds a proxy may serve a stale page while it revalidates it in the background
    (``NEWSROOM_PUBLIC_STALE_WHILE_REVALIDATE``)."""
    return int(getattr(settings, "NEWSROOM_PUBLIC_STALE_WHILE_REVALIDATE", 300))


# The generation an anonymous request's page is keyed under, read once at its start: the
# values the page is built from (``cached``) are read under the same generation.
_request_generation: ContextVar[int | None] = ContextVar("public_generation", default=None)


def generation() -> int:
    """The current public generation (the one read at the start of the anonymous request
    being served, if any). A lost counter restarts from the clock, so it can never return to
    a value whose pages are still cached."""
    pinned = _request_generation.get()
    if pinned is not None:
        return pinned
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY) or time.time_ns()
    return int(value)


def invalidate_article(article: Any = None) -> None:
    """Make every cached public page stale: the article's page, home, sections, authors, feeds
    and sitemaps. ``article`` is accepted for the callers' clarity; the whole public generation
    moves on, because one article appears on many pages.

    The new generation is the clock in nanoseconds (or one past the old one, should the clock
    lag): a plain ``set``, so two processes invalidating at once still end on a value that
    neither's stale pages were stored under, on backends without an atomic ``incr`` too."""
    value = max(time.time_ns(), generation() + 1)
    cache.set(GENERATION_KEY, value, None)
    if _request_generation.get() is not None:
        _request_generation.set(value)


def cached(key: str, compute: Callable[[], Any]) -> Any:
    """A value cached for the current generation (e.g. the navigation's sections)."""
    if timeout() <= 0:
        return compute()
    full_key = f"{KEY_PREFIX}:{generation()}:value:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout())
    return value


def _page_key(request: HttpRequest) -> str | None:
    """The cache key for ``request``, or None when it must not be cached (a page parameter that
    is not a small number). Other query parameters do not change the page and are ignored."""
    parts = [site_url(), request.path]  # pages carry absolute URLs of their origin
    for name in PAGE_PARAMS:
        value = request.GET.get(name)
        if value is None:
            continue
        if not (value.isdigit() and len(value) <= 6):
            return None
        if int(value) != 1:
            parts.append(f"{name}={int(value)}")
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation()}:page:{digest}"


def _freeze(response: HttpResponse) -> dict[str, Any]:
    content = response.content
    return {
        "status": response.status_code,
        "content": content,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in _SKIP_HEADERS],
        "etag": '"' + hashlib.sha256(content).hexdigest()[:40] + '"',
    }


def _thaw(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return conditional(request, response, etag=entry["etag"])


def conditional(request: HttpRequest, response: HttpResponse, *, etag: str) -> HttpResponse:
    """Set ETag and public Cache-Control; answer 304 when the client's copy is current."""
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=max_age(),
        s_maxage=s_maxage(),
        stale_while_revalidate=stale_while_revalidate(),
    )
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def _anonymous(request: HttpRequest) -> bool:
    """A GET or HEAD that carries no session and no credentials: it may share a cached page."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and timeout() > 0
    )


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    """A response that sets a cookie (a CSRF token, a session) is someone's: never shared."""
    return bool(response.cookies) or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def cached_response(request: HttpRequest) -> HttpResponse | None:
    """The stored page for an anonymous GET or HEAD (a 304 when the client's copy is current),
    or None: then the request goes on through the middleware to the view.

    The key is taken here, before the view reads anything, and kept on the request for
    ``store_response``: a page rendered while a publish moved the generation on is stored
    under the old generation, never under the new one."""
    key = _page_key(request) if _anonymous(request) else None
    request._public_cache_key = key
    if key:
        request._public_generation = _request_generation.set(generation())
    entry = cache.get(key) if key else None
    return None if entry is None else _thaw(request, entry)


def store_response(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Store a public page's 200 response, with every header the inner middleware added, when
    the request is anonymous and the response sets no cookie; give it ETag and Cache-Control.
    Responses of views not marked with ``cache_public``, errors and redirects pass unchanged."""
    if (
        not getattr(response, "public_page", False)
        or response.status_code != 200
        or response.streaming
        or _personal(request, response)
    ):
        return response
    entry = _freeze(response)
    key = getattr(request, "_public_cache_key", None)
    if key:
        cache.set(key, entry, timeout())
    return _thaw(request, entry)


def end_request(request: HttpRequest) -> None:
    """Forget the generation ``cached_response`` read for ``request``."""
    token = getattr(request, "_public_generation", None)
    if token is not None:
        _request_generation.reset(token)


def cache_public(view: View) -> View:
    """Mark a public view's GET and HEAD responses as shareable pages: the same bytes for every
    reader, never varying by user. ``PublicPageCacheMiddleware`` caches and serves them."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            response.public_page = True
        return response

    return wrapped
