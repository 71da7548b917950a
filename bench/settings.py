"""The product's settings plus the bench-only URLs and worker header (see ``bench/site.py``)."""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import MIDDLEWARE

ROOT_URLCONF = "bench.site"
MIDDLEWARE = ["bench.site.worker_header", *MIDDLEWARE]
