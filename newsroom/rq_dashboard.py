"""django-rq's queue dashboard, for superusers only.

Its pages show every job's arguments and errors and can empty queues and delete, requeue or
stop jobs; no newsroom role holds that power. Its JSON and metrics endpoints are superuser-only
too (no API token); the rq-scheduler page is left out (that package is not used: RQ's own
scheduler is).
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from django_rq.urls import get_admin_urlpatterns, get_api_urlpatterns

LEFT_OUT = {"scheduler_jobs"}


def superusers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_superuser:
            raise PermissionDenied
        try:
            return view(request, *args, **kwargs)
        except (AssertionError, ValueError) as missing:  # an unknown worker key
            raise Http404("No such worker.") from missing

    return admin.site.admin_view(wrapped)


def urlpatterns() -> list[URLPattern]:
    api = [
        URLPattern(p.pattern, superusers_only(p.callback), p.default_args, p.name)
        for p in get_api_urlpatterns()
    ]
    pages = get_admin_urlpatterns(view_wrapper=superusers_only)
    return [p for p in api + pages if p.name not in LEFT_OUT]
