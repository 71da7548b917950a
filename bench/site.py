"""Bench-only URLs and middleware (``bench/settings.py``); never part of the product.

* ``/__bench__/floor/``: the framework's floor, a minimal Django view that returns the bytes of
  a real article page from memory (read once from ``BENCH_FLOOR_FILE``), through the same
  middleware as every other page;
* ``worker_header``: the outermost middleware, naming the gunicorn worker that answered, so the
  bench can show that every worker serves the new text after a publish or correction.
"""

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@cache
def _floor_bytes() -> bytes:
    return Path(os.environ["BENCH_FLOOR_FILE"]).read_bytes()


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_floor_bytes(), content_type="text/html; charset=utf-8")


def worker_header(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response["X-Bench-Worker"] = str(os.getpid())
        return response

    return middleware


urlpatterns = [
    path("__bench__/floor/", floor),
    path("", include("newsroom.urls")),
]
