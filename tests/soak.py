"""Soak: 20 concurrent editors saving and moving articles on PostgreSQL through the real admin.

Serves a scratch PostgreSQL database with gunicorn on 127.0.0.1; 20 client processes (separate
from the server) log in and, for a bounded time, load an article, save an edit with a unique
marker, and now and then send it to fact-check and back. Afterwards every save the server
accepted must still be in the article's text and in a revision (no lost update), conflicts
must have been answered 409 with the editor's text kept, and nothing may have answered 500.

    make soak                     # 60 seconds, 20 editors
    python tests/soak.py --seconds 10 --editors 5
"""

import argparse
import html
import http.client
import http.cookies
import multiprocessing
import os
import random
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
DB_NAME = "newsroom_soak"
PASSWORD = "soak-password-1"
ARTICLES = 8


def db_url() -> str:
    parts = urllib.parse.urlsplit(PG)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{DB_NAME}"))


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": db_url(),
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
    }


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env(), check=True)


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database() -> None:
    import psycopg

    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


SETUP = """
from django.contrib.auth.models import Group, User
from articles import editing
from articles.models import Article, Section
from sources.models import Story
section = Section.objects.get(slug="local")
story = Story.objects.first()
group = Group.objects.get(name="Managing editor")
for n in range({editors}):
    user, _ = User.objects.get_or_create(username=f"soak{{n}}", defaults={{"is_staff": True}})
    user.set_password("{password}")
    user.save()
    user.groups.add(group)
for n in range({articles}):
    article = editing.create_article(
        None, section=section, story=story, headline=f"Soak article {{n}}",
        slug=f"soak-article-{{n}}", body="<p>Start.</p>", status=Article.Status.EDITING,
    )
    article.sources.set(story.sources.all())
print("ready")
"""


def prepare(editors: int) -> list[dict]:
    recreate_database()
    manage("migrate", "--noinput", "-v0")
    manage("load_demo")
    script = SETUP.format(editors=editors, password=PASSWORD, articles=ARTICLES)
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env(), check=True
    )
    fields = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "import json; from articles.models import Article; print(json.dumps(list("
         "Article.objects.filter(slug__startswith='soak-').values("
         "'pk','headline','slug','section_id','story_id','ai_author_id'))))"],
        cwd=ROOT, env=env(), check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    import json

    return json.loads(fields.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """A tiny cookie-keeping HTTP client for one editor."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: list[tuple[str, str]] | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        conn.close()
        return response.status, text

    def csrf(self, page: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return match.group(1) if match else self.cookies.get("csrftoken", "")


def editor(n: int, port: int, articles: list[dict], seconds: float, results) -> None:
    rng = random.Random(n)
    client = Client(port)
    stats = {"requests": 0, "saved": [], "conflicts": 0, "transitions": 0, "errors": []}
    _, page = client.request("GET", "/admin/login/")
    status, _ = client.request(
        "POST", "/admin/login/",
        [("csrfmiddlewaretoken", client.csrf(page)), ("username", f"soak{n}"),
         ("password", PASSWORD), ("next", "/admin/")],
    )  # fmt: skip
    stats["requests"] += 2
    if status != 302:
        stats["errors"].append(f"login failed: {status}")
        results.put(stats)
        return
    deadline = time.monotonic() + seconds
    counter = 0
    while time.monotonic() < deadline:
        article = rng.choice(articles)
        path = f"/admin/articles/article/{article['pk']}/change/"
        status, page = client.request("GET", path)
        stats["requests"] += 1
        if status != 200:
            stats["errors"].append(f"GET {path}: {status}")
            continue
        version = re.search(r'name="version" value="(\d+)"', page)
        body = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', page, re.S)
        if not version or not body:
            stats["transitions"] += _transition(client, article, page, stats)
            continue
        counter += 1
        marker = f"soak-{n}-{counter}"
        time.sleep(rng.uniform(0, 0.05))
        data = [
            ("csrfmiddlewaretoken", client.csrf(page)), ("headline", article["headline"]),
            ("slug", article["slug"]), ("dek", ""),
            ("body", html.unescape(body.group(1)).strip() + f"\n<p>{marker}</p>"),
            ("section", str(article["section_id"])), ("story", str(article["story_id"] or "")),
            ("ai_author", str(article["ai_author_id"] or "")), ("disclaimer", "AI wrote it."),
            ("is_ai_generated", "on"), ("assignee", ""), ("version", version.group(1)),
            ("flags-TOTAL_FORMS", "0"), ("flags-INITIAL_FORMS", "0"),
        ]  # fmt: skip
        status, reply = client.request("POST", path, data)
        stats["requests"] += 1
        if status == 302:
            stats["saved"].append((article["pk"], marker))
        elif status == 409:
            stats["conflicts"] += 1
            if marker not in reply:
                stats["errors"].append(f"conflict page lost the editor's text ({marker})")
        else:
            stats["errors"].append(f"POST {path}: {status}")
        if rng.random() < 0.15:
            stats["transitions"] += _transition(client, article, page, stats)
    results.put(stats)


def _transition(client: Client, article: dict, page: str, stats: dict) -> int:
    """Send to fact-check, or back to editing, whichever the page offers."""
    for action, comment in (("submit_for_check", ""), ("send_back", "Soak: back to editing.")):
        if f'value="{action}"' in page:
            status, _ = client.request(
                "POST", f"/admin/articles/article/{article['pk']}/act/",
                [("csrfmiddlewaretoken", client.csrf(page)), ("action", action),
                 ("comment", comment)],
            )  # fmt: skip
            stats["requests"] += 1
            if status != 302:
                stats["errors"].append(f"transition {action}: {status}")
            return 1
    return 0


VERIFY = """
import json, sys
from articles.models import Article, Revision
saved = json.load(open({path!r}))
revisions = Revision.objects.filter(article__slug__startswith="soak-")
final = {{a.pk: a.body for a in Article.objects.filter(slug__startswith="soak-")}}
# Every editor appends a marker to the text they loaded: with no lost update, the final text
# of each article holds every marker the server accepted for it, and so does a revision.
missing = [m for pk, m in saved if m not in final[pk]
           or not revisions.filter(article_id=pk, body__contains=m).exists()]
stale = [a.pk for a in Article.objects.filter(slug__startswith="soak-")
         if a.body != a.revisions.order_by("-number").first().body]
print(json.dumps({{"missing": missing, "stale": stale, "revisions": revisions.count()}}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    articles = prepare(args.editors)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-w", str(args.workers),
         "-b", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env(),
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        results: multiprocessing.Queue = multiprocessing.Queue()
        editors = [
            multiprocessing.Process(target=editor, args=(n, port, articles, args.seconds, results))
            for n in range(args.editors)
        ]
        started = time.monotonic()
        for p in editors:
            p.start()
        stats = [results.get(timeout=args.seconds + 120) for _ in editors]
        for p in editors:
            p.join(timeout=10)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    saved = [s for st in stats for s in st["saved"]]
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(saved, f)
    verify = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", VERIFY.format(path=f.name)],
        cwd=ROOT, env=env(), check=True, capture_output=True, text=True,
    )  # fmt: skip
    check = json.loads(verify.stdout.strip().splitlines()[-1])
    drop_database()

    requests = sum(st["requests"] for st in stats)
    errors = [e for st in stats for e in st["errors"]]
    print(f"Soak: {args.editors} editors, {elapsed:.0f} s, gunicorn with {args.workers} workers")
    print(f"  requests served: {requests} ({requests / elapsed:.0f}/s)")
    print(f"  saves accepted: {len(saved)}, conflicts refused with 409: "
          f"{sum(st['conflicts'] for st in stats)}, transitions: "
          f"{sum(st['transitions'] for st in stats)}")  # fmt: skip
    print(f"  revisions stored: {check['revisions']}")
    print(f"  lost updates: {len(check['missing'])}, articles whose text != last revision: "
          f"{len(check['stale'])}, errors (500s and others): {len(errors)}")  # fmt: skip
    for line in errors[:10]:
        print("   ", line)
    ok = not check["missing"] and not check["stale"] and not errors and saved
    print("SOAK PASSED" if ok else "SOAK FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
