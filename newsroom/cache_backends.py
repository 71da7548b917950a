"""The cache shared between processes when Redis is not configured."""

import random

from django.core.cache.backends.filebased import FileBasedCache

# Django's file cache lists its whole directory on every ``set`` to see whether it is full; a
# page miss then costs milliseconds more per thousand cached files. Checking on one ``set`` in
# CULL_EVERY (at random, so every process takes its share) keeps the bound within a few entries.
CULL_EVERY = 50


class SharedFileCache(FileBasedCache):
    """Django's file-based cache, seen by every process on the machine (gunicorn workers, job
    workers, management commands), with the fullness check sampled instead of on every set."""

    def _cull(self) -> None:
        if random.randrange(CULL_EVERY) == 0:
            super()._cull()
