"""The public site's origin, for absolute URLs: ``NEWSROOM_SITE_URL`` when set, else the host
of the request being served."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Absolute URLs made outside a request (jobs, commands) when NEWSROOM_SITE_URL is not set.
FALLBACK_SITE_URL = "http://127.0.0.1:8000"
_request_origin: ContextVar[str] = ContextVar("newsroom_request_origin", default="")


def site_url() -> str:
    """The public site's origin without a trailing slash: ``NEWSROOM_SITE_URL`` when set, else
    the scheme and host of the request being served (a host ``ALLOWED_HOSTS`` accepted)."""
    configured = getattr(settings, "NEWSROOM_SITE_URL", "")
    return (configured or _request_origin.get() or FALLBACK_SITE_URL).rstrip("/")


class RequestOriginMiddleware:
    """Makes the request's origin what ``site_url`` falls back to while the request is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_origin.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_origin.reset(token)
