"""Benchmark the public article page under gunicorn: uncached, cached, the framework's floor,
304s, and an invalidation seen by every worker.

Run: ``.venv/bin/python bench/public_pages.py [--articles N] [--requests N] [--clients N]``.

Builds a throwaway site in a temp dir (a fresh SQLite database, or ``DATABASE_URL`` when set),
loads the demo data plus ``--articles`` realistic published articles (sources, syndicated
copies, editors, corrections, related stories), runs ``collectstatic`` and serves it with
gunicorn (2 sync workers, ``DEBUG=0``, REDIS_URL unset: the file cache shared by the workers)
on 127.0.0.1, with the bench-only settings ``bench/settings.py`` (the product plus a floor view
and a worker header). Separate load-generating processes (one keep-alive ``http.client``
connection each) then request:

* uncached: every seeded article once, in random order: each request misses the page cache
  (each article's own part is stored, as publishing leaves it: ``articles.pages``);
* cached: a small hot set, first warmed, then ``--requests`` times;
* floor: ``--requests`` times a minimal Django view returning the same bytes from memory;
* 304: the hot set with each page's ETag in ``If-None-Match``, ``--requests`` times;

then a second process adds a correction to a hot article (through the moderation service) and
the bench fetches the page over concurrent connections until both workers have answered: each
must show the correction at once. Prints requests/s and p50/p99 latency for each phase, then
stops gunicorn. Exits non-zero when a request fails, a page lacks its byline, or a worker
serves the old text after the correction.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import multiprocessing
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
HOST = "127.0.0.1"
EXPECT = b"Written by"
REQUEST_TIMEOUT = 15.0
PHASE_DEADLINE = 300.0


# ---- seeding (runs in a child process with Django set up) -------------------------------------


def seed(count: int, paths_file: Path) -> None:
    """Add ``count`` published articles that look like real ones; write their paths."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from articles import pages
    from articles.editing import clean_body
    from articles.models import AIAuthor, Article, Correction, Section
    from sources.models import Source, Story

    existing = Article.objects.filter(slug__startswith="bench-").select_related("section")
    if existing.exists():
        paths_file.write_text("\n".join(a.get_absolute_url() for a in existing[:count]))
        return
    body = (ROOT / "articles/fixtures/demo/published-body.html").read_text()
    sections = list(Section.objects.all())
    author = AIAuthor.objects.get(slug="ledgerline")
    editors = list(get_user_model().objects.filter(username__in=["factchecker", "managing"]))
    now = timezone.now()
    rng = random.Random(7)
    with transaction.atomic():
        stories = Story.objects.bulk_create(
            [Story(title=f"Bench story {i}") for i in range(count // 4 + 1)]
        )
        articles = Article.objects.bulk_create(
            [
                Article(
                    section=sections[i % len(sections)],
                    story=stories[i // 4],
                    headline=f"Bench article {i}: council approves repair number {i}",
                    slug=f"bench-{i}",
                    dek=f"The standfirst of benchmark article {i}, about a bridge repair.",
                    **clean_body(
                        body + f"<p>Article {i} ends with its own paragraph {i * 7919}.</p>"
                    ),
                    status=Article.Status.PUBLISHED,
                    ai_author=author,
                    disclaimer=author.disclaimer,
                    published_at=now - timedelta(minutes=10 * i + 5),
                    content_updated_at=now - timedelta(minutes=10 * i) if i % 5 == 0 else None,
                )
                for i in range(count)
            ]
        )
        per_article: list[list[Source]] = []
        for i, article in enumerate(articles):
            own = []
            for j in range(rng.randint(3, 6)):
                text = f"Benchmark source {i}.{j}: the council voted on repair number {i}. " * 20
                own.append(
                    Source(
                        title=f"Report {j} on repair {i}",
                        outlet=f"Outlet {j}",
                        url=f"https://outlet{j}.example/repair-{i}",
                        published_at=article.published_at - timedelta(hours=j + 1),
                        text=text,
                        content_hash=hashlib.sha256(text.encode()).hexdigest(),
                        story=article.story,
                    )
                )
            per_article.append(own)
        sources = [source for own in per_article for source in own]
        Source.objects.bulk_create(sources, batch_size=2000)
        copies = []
        for own in per_article[::3]:  # a syndicated copy among every third article's sources
            own[-1].duplicate_of = own[0]
            copies.append(own[-1])
        Source.objects.bulk_update(copies, ["duplicate_of"], batch_size=2000)
        source_links = Article.sources.through
        editor_links = Article.editors.through
        links, reviews, corrections = [], [], []
        for i, (article, own) in enumerate(zip(articles, per_article, strict=True)):
            links += [source_links(article_id=article.pk, source_id=s.pk) for s in own]
            reviews += [editor_links(article_id=article.pk, user_id=u.pk) for u in editors]
            if i % 5 == 0:
                corrections.append(
                    Correction(article=article, note=f"Corrected the cost in article {i}.")
                )
        source_links.objects.bulk_create(links, batch_size=5000)
        editor_links.objects.bulk_create(reviews, batch_size=5000)
        Correction.objects.bulk_create(corrections)
    for article in articles:  # as publishing does: the article's own part is stored
        pages.prepare(article.pk)
    paths_file.write_text("\n".join(a.get_absolute_url() for a in articles))
    print(f"Seeded {len(articles)} articles, {len(sources)} sources ({len(copies)} syndicated).")


# ---- load generation (runs in separate processes) --------------------------------------------


@dataclass
class Result:
    latencies: list[float]
    errors: int
    server_cpu: float = 0.0  # CPU seconds the gunicorn workers spent in the phase


def workers_cpu(master_pid: int) -> float:
    """CPU seconds (user + system) used so far by the gunicorn master's worker processes: a
    per-request cost that, unlike req/s, other load on the machine does not inflate much."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    try:
        pids = children.read_text().split()
    except OSError:
        return 0.0
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def client(port: int, items: list[tuple[str, str]]) -> tuple[list[float], int]:
    """Request each ``(path, etag)`` in order over one keep-alive connection: with an ETag the
    answer must be 304, without one a 200 page with its byline. Latencies in seconds."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    latencies, errors = [], 0
    deadline = time.monotonic() + PHASE_DEADLINE
    for path, etag in items:
        if time.monotonic() > deadline:
            errors += 1
            continue
        headers = {"Host": HOST, "Connection": "keep-alive"}
        if etag:
            headers["If-None-Match"] = etag
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            errors += 1
            continue
        latencies.append(time.perf_counter() - start)
        ok = response.status == 304 if etag else response.status == 200 and EXPECT in body
        if not ok:
            errors += 1
    conn.close()
    return latencies, errors


def run_phase(
    port: int,
    paths: list[str],
    clients: int,
    etags: dict | None = None,
    server_pid: int | None = None,
):
    """Spread ``paths`` over ``clients`` processes; with ``etags``, send them (expect 304s).
    With ``server_pid`` (gunicorn's master), also measure its workers' CPU time."""
    items = [(path, (etags or {}).get(path, "")) for path in paths]
    chunks = [items[i::clients] for i in range(clients)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(clients) as pool:
        cpu = workers_cpu(server_pid) if server_pid else 0.0
        start = time.perf_counter()
        outcomes = pool.starmap(client, [(port, chunk) for chunk in chunks])
        elapsed = time.perf_counter() - start
        cpu = (workers_cpu(server_pid) - cpu) if server_pid else 0.0
    latencies = [t for lat, _ in outcomes for t in lat]
    return Result(latencies, sum(e for _, e in outcomes), cpu), elapsed


def fetch(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path, headers={"Host": HOST})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def fetch_from_every_worker(port: int, path: str, workers: int) -> dict[str, list[bytes]]:
    """Fetch ``path`` over ``workers`` connections at once, round after round, until every
    worker has answered at least once (a sync worker serves one connection at a time, so
    concurrent connections reach different workers). Bodies by worker pid."""
    seen: dict[str, list[bytes]] = {}
    for _ in range(50):
        conns = [
            http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT) for _ in range(workers)
        ]
        for conn in conns:
            conn.request("GET", path, headers={"Host": HOST})
        for conn in conns:
            response = conn.getresponse()
            seen.setdefault(response.getheader("X-Bench-Worker", "?"), []).append(response.read())
            conn.close()
        if len(seen) >= workers:
            break
    return seen


def correct(path: str, marker: str) -> None:
    """Add a public correction (note and text) to the article at ``path``, as the managing
    editor, through the moderation service: what the newsroom does (runs in its own process)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from articles import moderation
    from articles.models import Article

    article = Article.objects.get(slug=path.strip("/").split("/")[-1])
    managing = get_user_model().objects.get(username="managing")
    moderation.add_correction(
        article,
        managing,
        f"Bench correction {marker}.",
        changes={"body": article.body + f"<p>Corrected text {marker}.</p>"},
    )


def demonstrate_invalidation(port: int, path: str, workers: int, env: dict[str, str]) -> bool:
    """Every worker serves the old page, a second process corrects it, and every worker
    serves the corrected page on its next request. Returns whether that held."""
    marker = hashlib.sha256(os.urandom(8)).hexdigest()[:10]
    before = fetch_from_every_worker(port, path, workers)
    start = time.perf_counter()
    subprocess.run([PYTHON, __file__, "--correct", path, "--marker", marker], env=env, check=True)
    corrected_at = time.perf_counter()
    after = fetch_from_every_worker(port, path, workers)
    first = time.perf_counter() - corrected_at
    stale = {pid: sum(marker.encode() not in b for b in bodies) for pid, bodies in after.items()}
    ok = (
        len(after) >= workers
        and not any(stale.values())
        and all(marker.encode() not in b for bodies in before.values() for b in bodies)
    )
    print(
        f"Correction from a second process ({corrected_at - start:.1f} s incl. start-up), then "
        f"every worker fetched within {first * 1000:.0f} ms: "
        + ", ".join(
            f"worker {pid}: {len(bodies) - stale[pid]}/{len(bodies)} corrected"
            for pid, bodies in sorted(after.items())
        )
        + (" -> OK" if ok else " -> STALE PAGES SERVED")
    )
    return ok


def report(label: str, result: Result, elapsed: float) -> None:
    lat = sorted(result.latencies)
    n = len(lat)
    if not n:
        print(f"{label}: no successful requests ({result.errors} errors)")
        return
    p50 = statistics.median(lat) * 1000
    p99 = lat[min(n - 1, int(n * 0.99))] * 1000
    cpu = f", server CPU {result.server_cpu / n * 1000:.2f} ms/req" if result.server_cpu else ""
    print(
        f"{label}: {n} requests, {result.errors} errors, {elapsed:.1f} s, "
        f"{n / elapsed:,.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms{cpu}"
    )


# ---- orchestration -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited early")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/robots.txt", headers={"Host": HOST})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="seeded published articles")
    parser.add_argument("--requests", type=int, default=3000, help="cached-phase requests")
    parser.add_argument("--hot", type=int, default=20, help="articles in the cached hot set")
    parser.add_argument("--clients", type=int, default=4, help="load-generating processes")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--paths-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--correct", help=argparse.SUPPRESS)
    parser.add_argument("--marker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        seed(args.seed, args.paths_file)
        return 0
    if args.correct:
        correct(args.correct, args.marker)
        return 0
    if args.articles < 2000 or args.requests < 2000:
        parser.error("use at least 2,000 articles (cold) and 2,000 requests (cached)")

    tmp = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + hashlib.sha256(os.urandom(16)).hexdigest(),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}",
        "NEWSROOM_SITE_URL": f"http://{HOST}:{port}",
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),  # honoured once settings read it from the env
        "NEWSROOM_CACHE_DIR": str(tmp / "cache"),
        "BENCH_FLOOR_FILE": str(tmp / "floor.html"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
    }
    env.pop("REDIS_URL", None)  # no Redis: the workers share the file cache
    server = None
    try:
        print(f"Preparing the site in {tmp} ...")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo")
        paths_file = tmp / "paths.txt"
        subprocess.run(
            [PYTHON, __file__, "--seed", str(args.articles), "--paths-file", str(paths_file)],
            env=env,
            check=True,
        )
        manage(env, "collectstatic", "--noinput", "-v", "0")
        log = (tmp / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [GUNICORN, "newsroom.wsgi", "-w", str(args.workers), "-b", f"{HOST}:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_ready(port, server)
        print(
            f"gunicorn: {args.workers} sync workers on {HOST}:{port}, DEBUG=0, "
            f"{args.clients} client processes, {os.cpu_count()} CPUs"
        )

        paths = paths_file.read_text().split()
        random.Random(1).shuffle(paths)
        cold, cold_time = run_phase(port, paths, args.clients, server_pid=server.pid)
        report("Article page, uncached (each article once)", cold, cold_time)

        hot = paths[: args.hot]
        run_phase(port, hot * 10, args.clients)  # warm the cache
        hot_paths = [hot[i % len(hot)] for i in range(args.requests)]
        _, _, page = fetch(port, hot[0])
        Path(env["BENCH_FLOOR_FILE"]).write_bytes(page)
        floor_paths = ["/__bench__/floor/"] * args.requests
        run_phase(port, floor_paths[:200], args.clients)  # warm
        # Cached and floor alternate, twice each: the machine's other load hits both alike.
        best: dict[str, float] = {}
        errors = 0
        for _ in range(2):
            for label, phase_paths in (
                ("Article page, cached (hot set)", hot_paths),
                ("Floor: minimal Django view, same bytes", floor_paths),
            ):
                result, elapsed = run_phase(port, phase_paths, args.clients, server_pid=server.pid)
                report(label, result, elapsed)
                errors += result.errors
                best[label] = max(best.get(label, 0.0), len(result.latencies) / elapsed)
        cached_rate, floor_rate = best.values()
        print(
            f"Cached page vs floor (best of 2 each): {cached_rate:,.0f} / {floor_rate:,.0f} req/s"
            f" = {cached_rate / floor_rate:.2f}x"
        )

        etags = {path: fetch(port, path)[1]["ETag"] for path in hot}
        not_modified, nm_time = run_phase(
            port, hot_paths, args.clients, etags, server_pid=server.pid
        )
        report("Article page, 304 (If-None-Match)", not_modified, nm_time)

        fresh = demonstrate_invalidation(port, hot[0], args.workers, env)
        failed = cold.errors or errors or not_modified.errors
        return 1 if failed or not fresh else 0
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
