import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from newsroom.roles import ROLES, apply_roles
from tests.browser import browser_page  # noqa: F401
from tests.fixture_server import fixture_http_server  # noqa: F401
from tests.llm_server import llm_server, llm_settings, sleeps  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory):
    """This test run's own file cache (shared with the processes it starts), so that parallel
    runs in one checkout never clear each other's cache."""
    from django.test.utils import override_settings

    location = str(tmp_path_factory.mktemp("cache"))
    default = {**django_settings.CACHES["default"]}
    if default["BACKEND"].endswith("FileCache"):
        default["LOCATION"] = location
    old = os.environ.get("NEWSROOM_CACHE_DIR")
    os.environ["NEWSROOM_CACHE_DIR"] = location
    with override_settings(CACHES={**django_settings.CACHES, "default": default}):
        yield
    if old is None:
        os.environ.pop("NEWSROOM_CACHE_DIR", None)
    else:
        os.environ["NEWSROOM_CACHE_DIR"] = old


@pytest.fixture(autouse=True)
def jobs_inline(settings):
    """Jobs queued without Redis run in the committing test, not in background threads
    (tests/test_background_jobs.py turns the threads on)."""
    settings.NEWSROOM_JOB_THREADS = 0


@pytest.fixture(autouse=True)
def site_url_from_request(settings):
    """Absolute URLs follow the test request's host, whatever the shell (``make`` exports
    ``NEWSROOM_SITE_URL``); tests of the setting set it themselves."""
    settings.NEWSROOM_SITE_URL = ""


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the database is rolled back; the cache is not)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db):
    """The role groups (a transactional test's flush removes what the data migration made)."""
    apply_roles(Group, Permission)
    return {name: Group.objects.get(name=name) for name in ROLES}


@pytest.fixture
def make_user(roles):
    def make(username: str, role: str | None = None, *, superuser: bool = False):
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User.objects.create_user(
            username=username,
            password="pw-for-tests",
            is_staff=True,
            is_superuser=superuser,
            first_name=username.title(),
            email=f"{username}@newsroom.test",
        )
        if role:
            user.groups.add(roles[role])
        return user

    return make


@pytest.fixture
def staff(make_user):
    """One user per role, plus a superuser."""
    return {
        "editor": make_user("editor", "Editor"),
        "factchecker": make_user("factchecker", "Fact-checker"),
        "managing": make_user("managing", "Managing editor"),
        "moderator": make_user("moderator", "Moderator"),
        "admin": make_user("admin", superuser=True),
    }


@pytest.fixture
def demo(roles):
    from articles.demo import load_demo

    return load_demo()


def point_rq_at(monkeypatch, settings, url: str) -> None:
    """Make the app's RQ queues use ``url`` (django-rq reads RQ_QUEUES once, at import)."""
    import django_rq.settings

    queues = {name: {"URL": url, "DEFAULT_TIMEOUT": 600} for name in settings.NEWSROOM_QUEUES}
    settings.RQ_QUEUES = queues
    monkeypatch.setattr(django_rq.settings, "QUEUES", queues)
    settings.REDIS_URL = url


@pytest.fixture
def redis_url(settings, monkeypatch):
    """A real Redis, flushed; the app is switched to RQ mode for the test."""
    if os.environ.get("NEWSROOM_TEST_REDIS", "1") != "1":
        pytest.skip("Redis not reachable (tests/run_suites.sh said so loudly)")
    import redis

    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis not reachable at {url}")
    client.flushdb()
    point_rq_at(monkeypatch, settings, url)
    yield url
    client.flushdb()


class WorkerProcess:
    """A real `manage.py rqworker --with-scheduler` process (its own process group)."""

    def __init__(self, env: dict[str, str]):
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "rqworker", "--with-scheduler",
             *django_settings.NEWSROOM_QUEUES],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )  # fmt: skip
        self.output = ""

    def kill(self) -> None:
        """SIGKILL the worker and its work horse (which RQ puts in a session of its own), as a
        crash or an OOM kill of the machine's workers would."""
        for pid in self.children():
            os.kill(pid, signal.SIGKILL)
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.output, _ = self.proc.communicate()

    def children(self) -> list[int]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.output, _ = self.proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.output, _ = self.proc.communicate()
        elif not self.output and self.proc.stdout:
            self.output = self.proc.stdout.read()


@pytest.fixture
def start_worker(transactional_db, settings):
    """Start real rqworker processes on the test database and the app's current Redis."""
    started: list[WorkerProcess] = []

    def start() -> WorkerProcess:
        db = django_settings.DATABASES["default"]
        env = {**os.environ, "REDIS_URL": settings.REDIS_URL,
               "DJANGO_SETTINGS_MODULE": "newsroom.settings"}  # fmt: skip
        if db["ENGINE"].endswith("sqlite3"):
            env["DATABASE_URL"] = f"sqlite:///{db['NAME']}"
        else:
            env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        for key in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "NEWSROOM_LLM_MODEL",
                    "NEWSROOM_LLM_TIMEOUT", "NEWSROOM_LLM_MAX_RETRIES"):  # fmt: skip
            value = getattr(django_settings, key)
            if value:
                env[key] = str(value)
        worker = WorkerProcess(env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
        print("---- rqworker output ----\n" + worker.output)


@pytest.fixture
def rq_worker(redis_url, start_worker):
    """One real worker on the test Redis."""
    return start_worker()


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.1):
    """Poll ``predicate`` until it returns something truthy or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {predicate}")


@pytest.fixture
def article(demo, staff):
    """An article of the demo's published story, with a working headline, to draft into."""
    from articles import editing
    from articles.models import Section

    return editing.create_article(
        staff["editor"], section=Section.objects.get(slug="local"), story=demo.published.story,
        headline="Working headline",
    )  # fmt: skip
