"""The public page cache.

Every cached public response (article pages, home, sections, author pages, feeds, sitemaps) is
stored under a key that includes one global *public generation* counter. ``invalidate_article``
bumps it, so one cache operation makes every public page stale at once (the article itself, the
lists and related blocks that show it, feeds and sitemaps); stale entries expire on their own.

Call ``invalidate_article(article)`` after a publish, a correction or update, an unpublish, or
any change to published text, once the transaction has committed (``transaction.on_commit``).

Responses carry a strong ``ETag`` (a hash of the body) and, where the view sets one, a
``Last-Modified``; conditional GETs get 304 even on a cache hit, without touching the database.

With the default LocMemCache each process has its own cache, so an invalidation reaches only the
process that made it; the others serve their copy until ``NEWSROOM_PUBLIC_CACHE_SECONDS`` pass.
Use a shared cache (Redis, as configured when ``REDIS_URL`` is set) in production.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

from . import seo

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
    """``Cache-Control: max-age`` for browsers and proxies (``NEWSROOM_PUBLIC_MAX_AGE``)."""
    return int(getattr(settings, "NEWSROOM_PUBLIC_MAX_AGE", 60))


def generation() -> int:
    """The current public generation. A lost counter restarts from the clock, so it can never
    return to a value whose pages are still cached."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY) or time.time_ns()
    return int(value)


def invalidate_article(article: Any = None) -> None:
    """Make every cached public page stale: the article's page, home, sections, authors, feeds
    and sitemaps. ``article`` is accepted for the callers' clarity; the whole public generation
    moves on, because one article appears on many pages."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


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
    parts = [seo.site_url(), request.path]  # pages carry absolute URLs of their origin
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
    patch_cache_control(response, public=True, max_age=max_age())
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    """A response that sets a cookie (a CSRF token, a session) is someone's: never shared."""
    return bool(response.cookies) or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def cache_public(view: View) -> View:
    """Cache a public GET view's 200 responses for the current generation, with ETag and
    conditional GET. Anything else (404s, redirects, other methods, responses that set cookies)
    passes through uncached. The view must not vary by user: every reader gets the same bytes."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _page_key(request) if timeout() > 0 else None
        entry = cache.get(key) if key else None
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code != 200 or response.streaming or _personal(request, response):
                return response
            entry = _freeze(response)
            if key:
                cache.set(key, entry, timeout())
        return _thaw(request, entry)

    return wrapped
