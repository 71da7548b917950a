"""Middleware for the public site."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import cache


class PublicPageCacheMiddleware:
    """Answer anonymous GET/HEAD requests for public pages from the page cache, before the
    middleware below it (sessions, auth, CSRF, messages) runs; store what the views marked
    with ``cache_public``. Place it right after SecurityMiddleware and WhiteNoise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            hit = cache.cached_response(request)
            if hit is not None:
                return hit
            return cache.store_response(request, self.get_response(request))
        finally:
            cache.end_request(request)
