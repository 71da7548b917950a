"""Benchmark source collection: every language and encoding, extraction throughput and
de-duplication at 100,000 sources.

Run: ``.venv/bin/python bench/ingest.py [--sources N] [--rounds N] [--keep]``, or
``.venv/bin/python bench/ingest.py --multilingual`` for step 1 alone (on a scratch SQLite
database: no PostgreSQL needed).

1. Every language and encoding: the pages and feeds of tests/data/pages/intl/ (German, French,
   Russian in KOI8-R and windows-1251, Greek, Hebrew, Arabic, Chinese in GB18030 and Big5,
   Japanese in Shift_JIS and EUC-JP, Korean, Thai, UTF-16/32 with and without a BOM, a UTF-8
   page with one bad byte...) are served by the fixture server on 127.0.0.1 with their
   Content-Type, imported and polled into sources, and each stored text and title is compared
   with the known original (in NFC). Prints what was stored, stored garbled, refused (with
   the reason, and whether the fixture is meant to be refused) and crashed.
2. Extraction: the fixture pages in tests/data/pages/ extracted in a loop (sources/s), then
   fetched through a local fixture server on 127.0.0.1 and extracted (sources/s).
3. De-duplication on PostgreSQL (``DATABASE_URL``, default
   ``postgres://postgres@127.0.0.1:5432/test``): a scratch database ``newsroom_bench`` is
   created and migrated, N synthetic sources (default 100,000, added over a year) are
   bulk-inserted with their hashes, then ``find_duplicate`` + ``find_near_duplicate`` are timed
   for new sources: unrelated ones, syndicated copies (an added sentence and a changed word)
   of stored sources from the past week and from up to a year ago, and exact re-posts. Prints
   median and p95 ms and how many copies were found; the scratch database is dropped.

Exits non-zero when a multilingual source is stored garbled, crashes or is refused for a reason
other than the one its fixture is written for, when the median exceeds the 50 ms budget, an
exact re-post is missed or a source is linked to the wrong one.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sources import dedup  # noqa: E402 (no Django needed)

PAGES = ROOT / "tests" / "data" / "pages"
BUDGET_MS = 50.0
SCRATCH_DB = "newsroom_bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
BATCH = 5000
OUTLETS = [
    "Marrowby Echo", "Coastline Daily", "North Shore Times", "Harbour Radio News",
    "Estuary Post", "The Morning Ledger", "Regional Wire", "Valley Courier",
]  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# ----------------------------------------------------------------------------- languages


def _garbled(stored, title: str, texts: list[str], whole: bool) -> str:
    """Why a stored source does not match its original (in NFC), or ""."""

    def nfc(value: str) -> str:
        return unicodedata.normalize("NFC", value)

    if not unicodedata.is_normalized("NFC", stored.text + stored.title):
        return "not stored in NFC"
    if stored.title != nfc(title):
        return f"title {stored.title[:40]!r}"
    for text in texts:
        if (stored.text != nfc(text)) if whole else (nfc(text) not in stored.text):
            return f"text {stored.text[:40]!r}"
    return ""


def _import_page(server, item: dict) -> tuple[str, str, str]:
    """(outcome, reason, how the encoding was read) for one fixture page."""
    from sources.importing import ImportFailed, import_url

    url = server.url(f"/pages/intl/{item['file']}?type={quote(item['content_type'])}")
    try:
        result = import_url(url)
    except ImportFailed as failure:
        return "refused", failure.code, ""
    except Exception as exc:
        return "crashed", f"{type(exc).__name__}: {exc}", ""
    source = result.source
    if not result.created:
        return "refused", "duplicate", ""
    why = _garbled(source, item["title"], item["paragraphs"], whole=False)
    return ("garbled", why, "") if why else ("stored", "", _read_as(source))


def _read_as(source) -> str:
    return (
        f"{source.encoding} ({source.encoding_note})" if source.encoding_note else source.encoding
    )


def _poll_feed(server, item: dict) -> tuple[str, str, str]:
    """(outcome, reason, how the encoding was read) for one fixture feed."""
    from sources.feeds import poll_feed
    from sources.models import Feed, FeedItem, Source

    url = server.url(f"/pages/intl/{item['file']}?type={quote(item['content_type'])}")
    feed = Feed.objects.create(url=url)
    try:
        result = poll_feed(feed)
    except Exception as exc:
        return "crashed", f"{type(exc).__name__}: {exc}", ""
    if result.error_code == "internal":
        return "crashed", result.error, ""
    if result.error:
        return "refused", result.error_code, ""
    failed = FeedItem.objects.filter(feed=feed, status=FeedItem.Status.FAILED).first()
    if failed is not None:
        outcome = "crashed" if failed.error.startswith("Unexpected") else "refused"
        return outcome, failed.error, ""
    read = ""
    for entry in item["entries"]:
        title = unicodedata.normalize("NFC", entry["title"])
        stored = Source.objects.filter(feed=feed, title=title).first()
        if stored is None:
            titles = list(Source.objects.filter(feed=feed).values_list("title", flat=True))
            return "garbled", f"no entry titled {title!r} (stored: {titles})", ""
        why = _garbled(stored, entry["title"], [entry["text"]], whole=True)
        if why:
            return "garbled", why, ""
        read = _read_as(stored)
    return "stored", "", read


def bench_languages() -> bool:
    """Import every multilingual page and poll every multilingual feed; print the figures."""
    from django.test.utils import override_settings

    from tests import intl_fixtures
    from tests.fixture_server import FixtureServer

    kinds = (("page", intl_fixtures.ORIGINALS["pages"]), ("feed", intl_fixtures.ORIGINALS["feeds"]))
    totals: dict[str, Counter[str]] = {}
    reasons: dict[str, Counter[str]] = {}
    unexpected = 0
    with FixtureServer() as server, override_settings(NEWSROOM_FETCH_ALLOW_PRIVATE=True):
        for kind, items in kinds:
            totals[kind], reasons[kind] = Counter(), Counter()
            for item in items:
                run = _import_page if kind == "page" else _poll_feed
                outcome, reason, read = run(server, item)
                expected = item.get("expect")
                if outcome == "refused":
                    reasons[kind][reason if reason == expected else f"{reason} UNEXPECTED"] += 1
                    unexpected += reason != expected
                elif expected:
                    unexpected += 1
                    reason = f"meant to be refused ({expected})"
                totals[kind][outcome] += 1
                if kind == "feed" and outcome == "stored":
                    totals[kind]["entries"] += len(item["entries"])
                detail = read if outcome == "stored" else reason
                print(f"  {kind} {item['file']:<32} {outcome:<8} {detail[:110]}")
    for kind, _ in kinds:
        count = totals[kind]
        refused = ", ".join(f"{r}: {n}" for r, n in sorted(reasons[kind].items()))
        entries = f" ({count['entries']} entries)" if kind == "feed" else ""
        print(
            f"languages {kind}s:     {count['stored']} stored{entries}, {count['garbled']} stored "
            f"garbled, {count['refused']} refused ({refused or 'none'}; each one meant to be "
            f"unless marked UNEXPECTED), {count['crashed']} crashed"
        )
    broken = sum(totals[k]["garbled"] + totals[k]["crashed"] for k, _ in kinds)
    return broken == 0 and unexpected == 0


def run_languages_alone() -> int:
    """Step 1 on a scratch SQLite database."""
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", "--noinput", verbosity=0)
        try:
            ok = bench_languages()
        finally:
            from django.db import connections

            connections.close_all()
    return 0 if ok else 1


# ----------------------------------------------------------------------------- extraction


def bench_extract(rounds: int) -> None:
    from sources.extract import ExtractionError, extract

    pages = []
    for path in sorted(PAGES.glob("*.html")):
        try:
            extract(path.read_bytes(), f"https://bench.example/{path.name}")
        except ExtractionError:
            continue  # pages with no article (navigation only) are not sources
        pages.append(path)
    started = time.perf_counter()
    for _ in range(rounds):
        for path in pages:
            extract(path.read_bytes(), f"https://bench.example/{path.name}")
    elapsed = time.perf_counter() - started
    count = rounds * len(pages)
    print(f"extract only:        {count / elapsed:7.1f} sources/s ({len(pages)} fixture pages)")

    from sources.fetch import fetch
    from tests.fixture_server import FixtureServer

    with FixtureServer() as server:
        started = time.perf_counter()
        for _ in range(rounds):
            for path in pages:
                page = fetch(server.url(f"/pages/{path.name}"), allow_private=True)
                extract(page.content, page.final_url, charset=page.charset)
        elapsed = time.perf_counter() - started
    print(f"fetch + extract:     {count / elapsed:7.1f} sources/s (local fixture server)")


# ----------------------------------------------------------------------------- synthetic data

_VOCABULARY: list[str] = []
_CUMULATIVE: list[float] = []


def vocabulary() -> list[str]:
    if not _VOCABULARY:
        rng = random.Random(7)
        letters = "abcdefghijklmnopqrstuvwxyz"
        words = {
            "".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(30000)
        }
        _VOCABULARY.extend(sorted(words))
        rng.shuffle(_VOCABULARY)
        total = 0.0
        for rank in range(len(_VOCABULARY)):  # Zipf's law, as in English prose
            total += 1 / (rank + 1)
            _CUMULATIVE.append(total)
    return _VOCABULARY


def synthetic_text(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    picks = rng.choices(vocabulary(), cum_weights=_CUMULATIVE, k=words)
    sentences = [" ".join(picks[i : i + 16]).capitalize() + "." for i in range(0, words, 16)]
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


def age(seed: int) -> timedelta:
    """How long ago synthetic source ``seed`` was added: spread evenly over a year."""
    return timedelta(seconds=random.Random(seed * 7919).uniform(0, 365 * 86400))


def hashes(seed: int) -> tuple[int, str, str, int]:
    text = synthetic_text(seed)
    return seed, text, dedup.content_hash(text), dedup.simhash(text)


# ----------------------------------------------------------------------------- database


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def admin_connection(url: str):
    import psycopg

    return psycopg.connect(with_database(url, "postgres"), autocommit=True, connect_timeout=5)


def create_scratch(url: str) -> str:
    with admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{SCRATCH_DB}"')
    scratch = with_database(url, SCRATCH_DB)
    env = {**os.environ, "DATABASE_URL": scratch, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return scratch


def drop_scratch(url: str) -> None:
    with admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}" WITH (FORCE)')


def populate(count: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from sources.models import Source
    from sources.services import simhash_fields

    now = timezone.now()
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool() as pool:
        batch: list[Source] = []
        for seed, text, content_hash, fingerprint in pool.imap(hashes, range(count), 250):
            created = now - age(seed)
            url = f"https://news{seed % 97}.example/story/{seed}"
            batch.append(
                Source(
                    title=f"Synthetic report {seed}",
                    text=text,
                    origin=Source.Origin.FEED,
                    outlet=OUTLETS[seed % len(OUTLETS)],
                    url=url,
                    canonical_url=url,
                    published_at=created - timedelta(hours=2),
                    created_at=created,
                    content_hash=content_hash,
                    **simhash_fields(fingerprint),
                )
            )
            if len(batch) >= BATCH:
                Source.objects.bulk_create(batch)
                batch = []
        if batch:
            Source.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE sources_source")
    elapsed = time.perf_counter() - started
    print(f"stored:              {count:,} synthetic sources of 300 words in {elapsed:.0f}s")


def syndicated_copy(text: str, rng: random.Random) -> str:
    """A lightly edited copy: one word changed and one sentence added."""
    words = text.split(" ")
    index = rng.randrange(len(words))
    words[index] = rng.choice(vocabulary())
    added = synthetic_text(rng.randrange(10**9), words=16)
    return " ".join(words) + "\n\n" + added


def bench_dedup(count: int, samples: int) -> bool:
    from sources.models import Source
    from sources.services import RECENT_WINDOW, find_duplicate, find_near_duplicate

    rng = random.Random(5)
    recent_seeds = [s for s in range(count) if age(s) < RECENT_WINDOW - timedelta(hours=1)]
    older_seeds = rng.sample(range(count), samples * 2)
    older_seeds = [s for s in older_seeds if s not in set(recent_seeds)][:samples]
    recent_seeds = rng.sample(recent_seeds, min(samples, len(recent_seeds)))
    cases: list[tuple[str, str, int | None]] = []
    for i in range(samples):
        cases.append(("unrelated", synthetic_text(count + 1000 + i), None))
    for seed in older_seeds:
        cases.append(("copy (old)", syndicated_copy(synthetic_text(seed), rng), seed))
    for seed in recent_seeds:
        cases.append(("copy (week)", syndicated_copy(synthetic_text(seed), rng), seed))
    for seed in older_seeds[: samples // 2]:
        cases.append(("exact", "Advertisement\n" + synthetic_text(seed).upper(), seed))
    rng.shuffle(cases)
    titles = [f"Synthetic report {s}" for s in older_seeds + recent_seeds]
    pk_by_seed = {
        int(title.rsplit(" ", 1)[1]): pk
        for pk, title in Source.objects.filter(title__in=titles).values_list("pk", "title")
    }
    find_near_duplicate(synthetic_text(count + 999))  # warm the connection and caches
    timings: dict[str, list[float]] = {}
    found_right: dict[str, int] = {}
    false_links = 0
    for kind, text, seed in cases:
        started = time.perf_counter()
        same, _ = find_duplicate(text, f"https://new.example/{rng.randrange(10**9)}")
        near = None if same else find_near_duplicate(text)
        timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        got = (same or near).pk if (same or near) else None
        expected = pk_by_seed.get(seed) if seed is not None else None
        if got is not None and got != expected:
            false_links += 1
            print(f"  false link for a {kind} source: expected {expected}, found {got}")
        found_right[kind] = found_right.get(kind, 0) + (got is not None and got == expected)
    for kind, values in timings.items():
        found = "" if kind == "unrelated" else f", found {found_right[kind]}/{len(values)}"
        print(
            f"dedup {kind:<12}   median {statistics.median(values):6.2f} ms, "
            f"p95 {percentile(values, 0.95):6.2f} ms ({len(values)} sources{found})"
        )
    every = [t for values in timings.values() for t in values]
    median = statistics.median(every)
    print(
        f"dedup vs {count:,}: median {median:.2f} ms, p95 {percentile(every, 0.95):.2f} ms "
        f"per new source (budget {BUDGET_MS:.0f} ms); {false_links} false links"
    )
    exact_ok = found_right.get("exact", 0) == len(timings.get("exact", []))
    return median <= BUDGET_MS and false_links == 0 and exact_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=100_000, help="stored sources")
    parser.add_argument("--samples", type=int, default=40, help="new sources per kind")
    parser.add_argument("--rounds", type=int, default=10, help="extraction rounds")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--multilingual", action="store_true", help="only step 1, on a scratch SQLite database"
    )
    args = parser.parse_args()
    if args.multilingual:
        return run_languages_alone()

    base_url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not base_url.startswith(("postgres://", "postgresql://")):
        print(f"DATABASE_URL must be PostgreSQL for this benchmark, not {base_url}")
        return 2
    scratch = create_scratch(base_url)
    os.environ["DATABASE_URL"] = scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    ok = False
    try:
        languages_ok = bench_languages()
        from sources.models import Feed, Source

        Source.objects.all().delete()
        Feed.objects.all().delete()
        bench_extract(args.rounds)
        populate(args.sources)
        ok = bench_dedup(args.sources, args.samples) and languages_ok
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_scratch(base_url)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
