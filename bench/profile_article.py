"""Profile the uncached public article page in-process (cProfile).

Run: ``.venv/bin/python bench/profile_article.py [--articles N] [--requests N] [--top N]``.

Builds a throwaway SQLite site like ``bench/public_pages.py`` (demo data plus ``--articles``
seeded articles), then renders ``--requests`` different article pages through Django's test
client with ``DEBUG=0``, each one a page-cache miss, under cProfile. Prints the time per page
and the functions that take the most cumulative time.

Each article's own part of its page is rendered on write and stored (``articles.pages``), so
the seeded articles are stored as publishing leaves them; ``--cold`` measures the first view
instead (rendering and storing it, as after a template change).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.public_pages import PYTHON, manage  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--no-profile", action="store_true", help="time only, no cProfile")
    parser.add_argument("--cold", action="store_true", help="the first view of each article")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsroom-profile-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "profile-only",
        "ALLOWED_HOSTS": "testserver",
        "NEWSROOM_SITE_URL": "http://testserver",  # the seeded pages are stored for this origin
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp / 'profile.sqlite3'}",
        "NEWSROOM_CACHE_DIR": str(tmp / "cache"),
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    env.pop("REDIS_URL", None)
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo")
        paths_file = tmp / "paths.txt"
        seed = [PYTHON, str(ROOT / "bench/public_pages.py"), "--seed", str(args.articles)]
        subprocess.run([*seed, "--paths-file", str(paths_file)], env=env, check=True)
        manage(env, "collectstatic", "--noinput", "-v", "0")
        os.environ.update(env)
        import django

        django.setup()
        from django.test import Client

        from articles.cache import invalidate_article
        from articles.models import Article

        paths = paths_file.read_text().split()[: args.requests]
        client = Client()
        for path in paths[:5]:  # warm imports, templates, connections
            assert client.get(path).status_code == 200
        if args.cold:
            Article.objects.update(page={})
        invalidate_article()
        profiler = cProfile.Profile()
        start, cpu_start = time.perf_counter(), time.process_time()
        if not args.no_profile:
            profiler.enable()
        for path in paths:
            assert client.get(path).status_code == 200
        profiler.disable()
        if args.no_profile:
            wall = (time.perf_counter() - start) / len(paths) * 1000
            cpu = (time.process_time() - cpu_start) / len(paths) * 1000
            kind = "first views of" if args.cold else "uncached"
            print(f"{len(paths)} {kind} article pages: {wall:.2f} ms each, {cpu:.2f} ms CPU")
            return 0
        profiler.dump_stats(os.environ.get("PROFILE_OUT", str(tmp / "profile.pstats")))
        elapsed = time.perf_counter() - start
        print(f"{len(paths)} uncached article pages: {elapsed / len(paths) * 1000:.2f} ms each")
        stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
        stats.print_stats(args.top)
        stats.sort_stats("tottime").print_stats(25)
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
