"""The cache shared between processes when Redis is not configured."""

import pickle
import random
import zlib

from django.core.cache.backends.filebased import FileBasedCache

# Django's file cache lists its whole directory on every ``set`` to see whether it is full; a
# page miss then costs milliseconds more per thousand cached files. Checking on one ``set`` in
# CULL_EVERY (at random, so every process takes its share) keeps the bound within a few entries.
# A cull may drop the public generation too: it then restarts from the clock (articles.cache),
# which makes every page stale once.
CULL_EVERY = 50
# zlib's fastest level: a cached page is written on every miss and compresses well at any level.
COMPRESS_LEVEL = 1


class SharedFileCache(FileBasedCache):
    """Django's file-based cache, seen by every process on the machine (gunicorn workers, job
    workers, management commands): the fullness check sampled instead of done on every set,
    and the fastest compression. Reads are Django's own."""

    def _cull(self) -> None:
        if random.randrange(CULL_EVERY) == 0:
            super()._cull()

    def _write_content(self, file, timeout, value) -> None:
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), COMPRESS_LEVEL))
