"""Every URL pattern, for every kind of user, against an explicit table of expected outcomes.

The URLconf is walked recursively (``django.urls.get_resolver()``, admin and django-rq
included); each pattern is filled in from real objects (for a public article: the published
demo article and the non-public draft) and requested by an anonymous reader, each role and a
superuser. The outcome must be the one the table below says: it is written from
``newsroom/roles.py`` (which role may see, change, add or delete what) and from what each page
is for. A pattern the table does not know fails the test ("new URL pattern without an access
rule"), so a new URL cannot slip in without one. No request may end in a 500.

State-changing endpoints: those that only act on POST refuse GET (405), and no endpoint accepts
a POST without a CSRF token (403 with ``Client(enforce_csrf_checks=True)``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from articles import moderation
from articles.models import (
    AICall,
    Article,
    AuditEvent,
    Claim,
    Comment,
    Correction,
    ErrorReport,
    Flag,
    Revision,
    Run,
)
from articles.preview import make_preview_token
from newsroom.roles import ROLE_PERMISSIONS
from newsroom.roles import ROLES as ROLE_NAMES
from sources.models import Feed, FeedItem, ImportJob, Source
from tests.public_data import editor_path

pytestmark = pytest.mark.django_db

USERS = ("anon", "editor", "factchecker", "managing", "moderator", "admin")
ROLES = USERS[1:-1]

# Outcomes: an HTTP status, or LOGIN (a redirect to the admin login page), or REDIRECT (a
# redirect anywhere else).
LOGIN, REDIRECT = "login", "redirect"
OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405

# What each role may do with each model in the admin, from newsroom/roles.py: v(iew),
# c(hange), a(dd), d(elete). Superusers may do everything the ModelAdmin allows at all.
MODEL_ACCESS: dict[str, dict[str, str]] = {
    "auth.group": {},
    "auth.user": {},
    "sources.story": {"editor": "vca", "factchecker": "v", "managing": "vca"},
    "sources.source": {"editor": "vcad", "factchecker": "v", "managing": "vcad"},
    "sources.feed": {"editor": "vca", "factchecker": "v", "managing": "vca"},
    "sources.feeditem": {"editor": "v", "managing": "v"},
    "sources.importjob": {"editor": "v", "managing": "v"},
    "articles.section": {"editor": "v", "factchecker": "v", "managing": "vca"},
    "articles.aiauthor": {"editor": "v", "factchecker": "v", "managing": "vca"},
    "articles.article": {"editor": "vca", "factchecker": "vc", "managing": "vca", "moderator": "v"},
    "articles.revision": {"editor": "v", "factchecker": "v", "managing": "v"},
    "articles.run": {"editor": "v", "factchecker": "v", "managing": "v"},
    "articles.aicall": {"editor": "v", "factchecker": "v", "managing": "v"},
    "articles.claim": {"editor": "v", "factchecker": "v", "managing": "v"},
    "articles.flag": {"editor": "v", "factchecker": "v", "managing": "v"},
    "articles.correction": {"managing": "v", "moderator": "v"},
    "articles.comment": {r: "va" for r in ROLES},
    "articles.errorreport": {"managing": "v", "moderator": "vc"},
    "articles.auditevent": {"managing": "v", "moderator": "v"},
}
# What a ModelAdmin refuses to everyone, superusers included (records only services write).
ADMIN_REFUSES: dict[str, str] = {
    "sources.feeditem": "acd",
    "sources.importjob": "acd",
    "articles.revision": "acd",
    "articles.run": "acd",
    "articles.aicall": "acd",
    "articles.claim": "acd",
    "articles.flag": "acd",
    "articles.correction": "acd",
    "articles.comment": "acd",
    "articles.errorreport": "a",
    "articles.auditevent": "acd",
}

# The standard ModelAdmin URLs: route suffix -> the letter the page needs ("" = any staff).
MODEL_ROUTES = {
    "": "v",
    "add/": "a",
    "<path:object_id>/history/": "v",
    "<path:object_id>/delete/": "d",
    "<path:object_id>/change/": "v",
    "<path:object_id>/": "",
}


def everyone(outcome: Any, **overrides: Any) -> dict[str, Any]:
    """The same outcome for every user, except the ones named."""
    return {user: overrides.get(user, outcome) for user in USERS}


def staff(outcome: Any, **overrides: Any) -> dict[str, Any]:
    """An admin page: anonymous users are sent to log in; staff get ``outcome``."""
    return everyone(outcome, **{"anon": LOGIN, **overrides})


def holders(*roles: str, other: Any = FORBIDDEN) -> dict[str, Any]:
    """An admin page the given roles (and superusers) may open."""
    return staff(other, admin=OK, **dict.fromkeys(roles, OK))


def superuser_only(other: Any = FORBIDDEN) -> dict[str, Any]:
    return holders(other=other)


@dataclass
class Case:
    """One concrete request for a pattern, and the outcome each user must get."""

    label: str
    path: str
    expect: dict[str, Any]


# ----------------------------------------------------------------------------- the world


@dataclass
class Objects:
    """A real object of every model an admin URL can point at."""

    published: Article
    draft: Article
    by_model: dict[str, Any]
    preview_token: str


def make_objects(staff_users: dict, demo) -> Objects:
    published, draft = demo.published, demo.draft
    feed = Feed.objects.create(url="https://wire.example/rss.xml", title="Wire")
    source = Source.objects.order_by("pk").first()
    item = FeedItem.objects.create(
        feed=feed, entry_key="k", entry_id="e", title="Entry", status="new", source=source
    )
    job = ImportJob.objects.create(url="https://wire.example/a", requested_by=staff_users["editor"])
    correction = Correction.objects.create(
        article=published, note="A figure was wrong.", created_by=staff_users["managing"]
    )
    comment = Comment.objects.create(article=draft, author=staff_users["editor"], text="Check it")
    report = moderation.submit_report(published, message="The date is wrong.", ip="10.0.0.1")
    by_model = {
        "auth.group": Group.objects.get(name="Editor"),
        "auth.user": staff_users["editor"],
        "sources.story": published.story,
        "sources.source": source,
        "sources.feed": feed,
        "sources.feeditem": item,
        "sources.importjob": job,
        "articles.section": published.section,
        "articles.aiauthor": published.ai_author,
        "articles.article": draft,
        "articles.revision": Revision.objects.filter(article=draft).first(),
        "articles.run": Run.objects.filter(article=draft).first(),
        "articles.aicall": AICall.objects.create(
            article=draft, purpose="draft", attempt=1, status="ok", latency_ms=1
        ),
        "articles.claim": Claim.objects.filter(article=draft).first(),
        "articles.flag": Flag.objects.filter(article=draft).first(),
        "articles.correction": correction,
        "articles.comment": comment,
        "articles.errorreport": report,
        "articles.auditevent": AuditEvent.objects.order_by("pk").first(),
    }
    assert all(v is not None for v in by_model.values())
    return Objects(
        published=published,
        draft=draft,
        by_model=by_model,
        preview_token=make_preview_token(draft),
    )


# ----------------------------------------------------------------------------- the table


def model_rules(o: Objects) -> dict[str, list[Case]]:
    """The standard URLs of every registered ModelAdmin, from MODEL_ACCESS."""
    rules: dict[str, list[Case]] = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        if label not in MODEL_ACCESS:
            continue  # its URLs have no rule: test_every_url_pattern_has_an_access_rule fails
        access, refused = MODEL_ACCESS[label], ADMIN_REFUSES.get(label, "")
        obj = o.by_model[label]
        pk = str(obj.pk) if obj is not None else "1"  # no such object: the admin redirects
        base = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        for suffix, needs in MODEL_ROUTES.items():
            path = "/" + base + suffix.replace("<path:object_id>", pk)
            if not needs:
                change = reverse(f"admin:{label.replace('.', '_')}_change", args=[pk])
                expect = staff((REDIRECT, change))
            else:
                expect = {"anon": LOGIN}
                for user in (*ROLES, "admin"):
                    letters = "vcad" if user == "admin" else access.get(user, "")
                    # Change permission also lets one view; the ModelAdmin's refusals win.
                    allowed = needs in letters or (needs == "v" and "c" in letters)
                    expect[user] = OK if allowed and needs not in refused else FORBIDDEN
                if obj is None and "object_id" in suffix and expect["admin"] == OK:
                    expect["admin"] = (REDIRECT, "/admin/")
            rules[base + suffix] = [Case(f"{label} {suffix or 'list'}", path, expect)]
    return rules


def custom_rules(o: Objects) -> dict[str, list[Case]]:
    """Every other pattern: public pages, the site's own admin views, the admin site's own
    pages, django-rq. Keys are the full route as the resolver shows it."""
    pub, draft = o.published, o.draft
    art = "admin/articles/article/"
    flag = Flag.objects.filter(article=draft).first()
    number = draft.revisions.order_by("number").first().number
    story_field = {"app_label": "articles", "model_name": "article", "field_name": "story"}
    q = "?" + urlencode(story_field)
    # django-rq's pages (under admin/rq/ and again inside the admin): no role holds a queue
    # permission, so they are for superusers; the job pages need a real job id.
    jobs = "queues/0/"
    rq_cases: dict[str, tuple[str, Any]] = {
        "": ("", OK),
        "queues/<int:queue_index>/": (jobs, OK),
        "queues/<int:queue_index>/details/": ("queues/0/details/", OK),
        "queues/<int:queue_index>/finished/": ("queues/0/finished/", OK),
        "queues/<int:queue_index>/failed/": ("queues/0/failed/", OK),
        "queues/<int:queue_index>/failed/clear/": ("queues/0/failed/clear/", OK),
        "queues/<int:queue_index>/scheduled/": ("queues/0/scheduled/", OK),
        "queues/<int:queue_index>/started/": ("queues/0/started/", OK),
        "queues/<int:queue_index>/deferred/": ("queues/0/deferred/", OK),
        "queues/<int:queue_index>/empty/": ("queues/0/empty/", OK),
        "queues/<int:queue_index>/requeue-all/": ("queues/0/requeue-all/", OK),
        "queues/<int:queue_index>/<str:job_id>/": ("queues/0/{job}/", OK),
        "queues/<int:queue_index>/<str:job_id>/results/<str:result_id>/":
            ("queues/0/{job}/results/no-such-result/", NOT_FOUND),
        "queues/<int:queue_index>/<str:job_id>/delete/": ("queues/0/{job}/delete/", OK),
        "queues/<int:queue_index>/<str:job_id>/requeue/": ("queues/0/{job}/requeue/", OK),
        "queues/<int:queue_index>/<str:job_id>/enqueue/": ("queues/0/{job}/enqueue/", OK),
        "queues/<int:queue_index>/<str:job_id>/stop/": ("queues/0/{job}/stop/", NOT_ALLOWED),
        "queues/confirm-action/<int:queue_index>/": ("queues/confirm-action/0/", "jobs"),
        "queues/actions/<int:queue_index>/": ("queues/actions/0/", "jobs"),
        "workers/<int:queue_index>/": ("workers/0/", OK),
        "workers/<int:queue_index>/<str:key>/": ("workers/0/no-such-worker/", NOT_FOUND),
        "cron-schedulers/<int:connection_index>/<str:scheduler_name>/":
            ("cron-schedulers/0/no-such-scheduler/", NOT_FOUND),
        "cron-schedulers/<int:connection_index>/<str:scheduler_name>/jobs/<path:cron_job_name>/":
            ("cron-schedulers/0/no-such-scheduler/jobs/no-such-job/", NOT_FOUND),
    }  # fmt: skip
    rules: dict[str, list[Case]] = {
        # Public pages: readers see published articles only, whoever they are.
        "": [Case("home", "/", everyone(OK))],
        "search/": [Case("search", "/search/?q=bridge", everyone(OK))],
        "robots.txt": [Case("robots", "/robots.txt", everyone(OK))],
        "favicon.ico": [
            Case("favicon", "/favicon.ico", everyone((REDIRECT, "/static/favicon.svg")))
        ],
        "media/<path:path>": [
            Case("uploaded file (missing)", "/media/authors/none.png", everyone(NOT_FOUND)),
            Case("outside the media folder", "/media/../manage.py", everyone(400)),
        ],
        "sitemap.xml": [Case("sitemap", "/sitemap.xml", everyone(OK))],
        "news-sitemap.xml": [Case("news sitemap", "/news-sitemap.xml", everyone(OK))],
        "feeds/rss.xml": [Case("RSS", "/feeds/rss.xml", everyone(OK))],
        "feeds/atom.xml": [Case("Atom", "/feeds/atom.xml", everyone(OK))],
        "preview/<str:token>/": [
            Case("preview (signed link to the draft)", f"/preview/{o.preview_token}/",
                 everyone(OK)),
            Case("preview (forged link)", f"/preview/{draft.pk}:forged/", everyone(NOT_FOUND)),
        ],
        "report/<int:pk>/": [
            Case("report form (published)", f"/report/{pub.pk}/", everyone(OK)),
            Case("report form (draft)", f"/report/{draft.pk}/", everyone(NOT_FOUND)),
        ],
        "section/<slug:slug>/": [
            Case("section", pub.section.get_absolute_url(), everyone(OK)),
            Case("section (unknown)", "/section/no-such-section/", everyone(NOT_FOUND)),
        ],
        "section/<slug:slug>/rss.xml": [
            Case("section RSS", f"/section/{pub.section.slug}/rss.xml", everyone(OK))
        ],
        "section/<slug:slug>/atom.xml": [
            Case("section Atom", f"/section/{pub.section.slug}/atom.xml", everyone(OK))
        ],
        "authors/ai/<slug:slug>/": [
            Case("AI author", pub.ai_author.get_absolute_url(), everyone(OK))
        ],
        "authors/<slug:handle>/": [
            Case("editor page (a reviewer)", editor_path("managing"), everyone(OK)),
            Case("editor page (reviewed nothing public)", editor_path("moderator"),
                 everyone(NOT_FOUND)),
            Case("editor page (a login name)", "/authors/managing/", everyone(NOT_FOUND)),
        ],
        "<slug:section>/<slug:slug>/": [
            Case("article (published)", pub.get_absolute_url(), everyone(OK)),
            Case("article (draft)", f"/{draft.section.slug}/{draft.slug}/", everyone(NOT_FOUND)),
        ],
        # The admin site's own pages.
        "admin/": [Case("admin index", "/admin/", staff(OK))],
        "admin/login/": [Case("login", "/admin/login/", staff((REDIRECT, "/admin/"), anon=OK))],
        "admin/logout/": [
            Case("logout (GET)", "/admin/logout/",
                 everyone(NOT_ALLOWED, anon=(REDIRECT, "/admin/")))
        ],
        "admin/password_change/": [
            Case("password change", "/admin/password_change/", staff(OK))
        ],
        "admin/password_change/done/": [
            Case("password changed", "/admin/password_change/done/", staff(OK))
        ],
        "admin/autocomplete/": [
            Case("autocomplete (story for an article)", "/admin/autocomplete/" + q,
                 holders("editor", "factchecker", "managing")),
        ],
        "admin/jsi18n/": [Case("admin JavaScript catalog", "/admin/jsi18n/", staff(OK))],
        "admin/r/<path:content_type_id>/<path:object_id>/": [
            Case("view on site", _shortcut(pub), staff((REDIRECT, pub.get_absolute_url()))),
        ],
        "admin/^(?P<app_label>auth|sources|articles)/$": [
            Case("app index: auth", "/admin/auth/", superuser_only(NOT_FOUND)),
            Case("app index: sources", "/admin/sources/",
                 holders("editor", "factchecker", "managing", other=NOT_FOUND)),
            Case("app index: articles", "/admin/articles/", staff(OK)),
        ],
        "admin/(?P<url>.*)$": [
            Case("admin: unknown page", "/admin/no-such-page/", staff(NOT_FOUND)),
        ],
        "admin/queue/": [Case("my queue", "/admin/queue/", staff(OK))],
        # The newsroom's own admin views.
        art + "<int:pk>/act/": [
            Case("workflow action (GET)", f"/{art}{draft.pk}/act/", staff(NOT_ALLOWED))
        ],
        art + "<int:pk>/runs.json": [Case("run status", f"/{art}{draft.pk}/runs.json", staff(OK))],
        art + "<int:pk>/review/": [
            Case("fact-check review", f"/{art}{draft.pk}/review/", staff(OK)),
            Case("fact-check review (no such article)", f"/{art}999999/review/",
                 staff(NOT_FOUND)),
        ],
        art + "<int:pk>/review/flag/<int:flag_pk>/": [
            Case("resolve flag (GET)", f"/{art}{draft.pk}/review/flag/{flag.pk}/",
                 staff(NOT_ALLOWED)),
        ],
        art + "<int:pk>/revisions/": [
            Case("revisions", f"/{art}{draft.pk}/revisions/", staff(OK))
        ],
        art + "<int:pk>/revisions/<int:number>/restore/": [
            Case("restore revision (GET)", f"/{art}{draft.pk}/revisions/{number}/restore/",
                 staff(NOT_ALLOWED)),
        ],
        art + "<int:pk>/draft-review/": [
            Case("new AI draft review (none waiting: back to the article)",
                 f"/{art}{draft.pk}/draft-review/",
                 staff(FORBIDDEN, **dict.fromkeys(
                     ("editor", "factchecker", "managing", "admin"),
                     (REDIRECT, f"/{art}{draft.pk}/change/")))),
        ],
        art + "<int:pk>/comment/": [
            Case("comment (GET)", f"/{art}{draft.pk}/comment/", staff(NOT_ALLOWED))
        ],
        art + "from-story/<int:story_pk>/": [
            Case("draft from story (GET)", f"/{art}from-story/{pub.story.pk}/",
                 staff(NOT_ALLOWED)),
        ],
        art + "<int:pk>/correct/": [
            Case("correction form", f"/{art}{pub.pk}/correct/", holders("managing")),
        ],
        "admin/articles/errorreport/<int:pk>/triage/": [
            Case("triage (GET)", f"/admin/articles/errorreport/{_report(o).pk}/triage/",
                 staff(NOT_ALLOWED)),
        ],
        "admin/articles/auditevent/export.csv": [
            Case("audit CSV", "/admin/articles/auditevent/export.csv",
                 holders("managing", "moderator")),
        ],
        "admin/sources/source/import/": [
            Case("import from URL", "/admin/sources/source/import/", holders("editor", "managing"))
        ],
    }  # fmt: skip
    prefix = "admin/rq/"
    for route in (r"^stats.json/?$", r"^stats.json/(?P<token>[\w]+)?/?$"):
        rules[prefix + route] = [Case("RQ stats.json", f"/{prefix}stats.json/", superuser_only())]
    for route, (path, as_superuser) in rq_cases.items():
        if as_superuser == "jobs":
            as_superuser = (REDIRECT, f"/{prefix}{jobs}")
        rules[prefix + route] = [
            Case(f"RQ {path or 'dashboard'}", f"/{prefix}{path}",
                 superuser_only() | {"admin": as_superuser})
        ]  # fmt: skip
    rules["admin/auth/user/<id>/password/"] = [
        Case("set a user's password", f"/admin/auth/user/{o.by_model['auth.user'].pk}/password/",
             superuser_only()),
    ]  # fmt: skip
    return rules


def _shortcut(article: Article) -> str:
    from django.contrib.contenttypes.models import ContentType

    return f"/admin/r/{ContentType.objects.get_for_model(Article).pk}/{article.pk}/"


def _report(o: Objects) -> ErrorReport:
    return o.by_model["articles.errorreport"]


# ----------------------------------------------------------------------------- the walk


def url_patterns(patterns=None, prefix: str = "") -> Iterator[str]:
    """The full route of every pattern in the URLconf, includes followed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + str(pattern.pattern)


def outcome(response) -> Any:
    """A response as the table states outcomes."""
    if response.status_code in (301, 302):
        target = response["Location"].removeprefix("http://testserver")
        if target.startswith("/admin/login/"):
            return LOGIN
        return (REDIRECT, target.split("?")[0])
    return response.status_code


def matches(got: Any, want: Any) -> bool:
    """``want`` is an outcome, or a set of acceptable ones."""
    return got in want if isinstance(want, frozenset) else got == want


def clients(staff_users: dict, **kwargs) -> dict[str, Client]:
    made = {"anon": Client(raise_request_exception=False, **kwargs)}
    for name in (*ROLES, "admin"):
        made[name] = Client(raise_request_exception=False, **kwargs)
        made[name].force_login(staff_users[name])
    return made


@dataclass
class RQ:
    """django-rq's pages need a reachable Redis and a job to show."""

    available: bool
    job_id: str = ""


@pytest.fixture
def rq(settings, monkeypatch) -> Iterator[RQ]:
    """Point django-rq's dashboard at the test Redis (jobs stay in-process) with one job."""
    import os

    import django_rq.settings
    import redis

    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    connection = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("NEWSROOM_TEST_REDIS", "1") == "1":
            pytest.fail(f"Redis not reachable at {url}")
        yield RQ(available=False)
        return
    connection.flushdb()
    queues = {name: {"URL": url, "DEFAULT_TIMEOUT": 600} for name in settings.NEWSROOM_QUEUES}
    settings.RQ_QUEUES = queues
    monkeypatch.setattr(django_rq.settings, "QUEUES", queues)
    import django_rq

    queue = django_rq.get_queue("default", commit_mode="auto")
    job = queue.enqueue("tests.jobs_for_tests.record_event", "matrix")
    yield RQ(available=True, job_id=job.id)
    connection.flushdb()


@pytest.fixture
def table(staff, demo, rq) -> dict[str, list[Case]]:
    objects = make_objects(staff, demo)
    rules = {**model_rules(objects), **custom_rules(objects)}
    for cases in rules.values():
        for case in cases:
            case.path = case.path.format(job=rq.job_id)
    return rules


def is_rq(route: str) -> bool:
    return route.startswith("admin/rq/")


def test_the_model_table_is_newsroom_roles(roles):
    """MODEL_ACCESS says what newsroom/roles.py grants: a change there shows up here."""
    names = dict(zip(ROLES, ROLE_NAMES, strict=True))
    actions = {"v": "view", "c": "change", "a": "add", "d": "delete"}
    for label, access in MODEL_ACCESS.items():
        app, model = label.split(".")
        for role in ROLES:
            granted = ROLE_PERMISSIONS[names[role]].get(app, [])
            letters = "".join(k for k, action in actions.items() if f"{action}_{model}" in granted)
            assert sorted(access.get(role, "")) == sorted(letters), (label, role, letters)


def test_every_url_pattern_has_an_access_rule(table):
    routes = list(url_patterns())
    missing = [r for r in routes if r not in table]
    assert missing == [], f"new URL pattern without an access rule: {missing}"
    stale = sorted(set(table) - set(routes))
    assert stale == [], f"access rules for URL patterns that no longer exist: {stale}"


def check_routes(table, staff_users, routes: list[str]) -> tuple[list[str], int]:
    """Request every case of ``routes`` as every user; the mismatches, and how many ran."""
    users = clients(staff_users)
    wrong, checked = [], 0
    for route in routes:
        for case in table[route]:
            for user in USERS:
                response = users[user].get(case.path)
                got, want = outcome(response), case.expect[user]
                checked += 1
                if response.status_code >= 500 or not matches(got, want):
                    wrong.append(f"{case.label} [{case.path}] as {user}: got {got}, want {want}")
    return wrong, checked


def test_access_matrix(table, staff, capsys):
    """Every pattern (but django-rq's, below) x every user: the outcome in the table, and
    never a 500."""
    routes = [r for r in url_patterns() if r in table and not is_rq(r)]
    wrong, checked = check_routes(table, staff, routes)
    cases = sum(len(table[r]) for r in routes)
    with capsys.disabled():
        print(
            f"\naccess matrix: {len(routes)} URL patterns, {cases} URLs x {len(USERS)} users = "
            f"{checked} requests"
        )
    assert wrong == [], "\n".join(wrong)


def test_queue_dashboard_is_for_superusers(table, staff, rq, capsys):
    """django-rq's pages show every job's arguments and errors and can empty queues and
    delete, requeue or stop jobs; no role in newsroom/roles.py holds a queue permission, so
    only superusers may open them, and none of them may end in a 500."""
    if not rq.available:
        pytest.skip("Redis not reachable (tests/run_suites.sh said so loudly)")
    routes = [r for r in url_patterns() if is_rq(r)]
    wrong, checked = check_routes(table, staff, routes)
    cases = sum(len(table[r]) for r in routes)
    with capsys.disabled():
        print(f"\nqueue dashboard: {len(routes)} URL patterns, {cases} URLs, {checked} requests")
    assert wrong == [], f"{len(wrong)} wrong outcomes:\n" + "\n".join(wrong)


# Views that change state on POST and must refuse GET (the rest show a form or a confirmation
# page on GET and act only on POST).
POST_ONLY = (
    "admin/articles/article/<int:pk>/act/",
    "admin/articles/article/<int:pk>/review/flag/<int:flag_pk>/",
    "admin/articles/article/<int:pk>/revisions/<int:number>/restore/",
    "admin/articles/article/<int:pk>/comment/",
    "admin/articles/article/from-story/<int:story_pk>/",
    "admin/articles/errorreport/<int:pk>/triage/",
    "admin/logout/",
)


def test_post_only_endpoints_refuse_get(table, staff):
    superuser = clients(staff)["admin"]
    for route in POST_ONLY:
        assert route in table, f"{route} is no longer in the URLconf"
        for case in table[route]:
            assert superuser.get(case.path).status_code == NOT_ALLOWED, case.path


def test_no_post_without_a_csrf_token(table, staff, rq, capsys):
    """Every URL refuses a POST without a CSRF token, signed in or not (no view is exempt):
    the forms, the workflow actions, the report form, login, admin actions, django-rq."""
    users = clients(staff, enforce_csrf_checks=True)
    accepted, checked = [], 0
    for route, cases in table.items():
        if is_rq(route) and not rq.available:
            continue
        for case in cases:
            for user in ("anon", "admin"):
                response = users[user].post(case.path, {"action": "delete_selected"})
                checked += 1
                if response.status_code != FORBIDDEN:
                    accepted.append(f"{case.path} as {user}: {response.status_code}")
    with capsys.disabled():
        print(f"\nCSRF: {checked} token-less POSTs")
    assert accepted == [], accepted


# ----------------------------------------------------------------------------- side doors


def admin_form_data(client: Client, path: str, **changes: Any) -> dict[str, Any]:
    """The admin form at ``path`` as the browser would send it, with ``changes``."""
    form = client.get(path).context["adminform"].form
    data: dict[str, Any] = {}
    for name, bound in form.fields.items():
        value = form.initial.get(name, bound.initial)
        if hasattr(value, "pk"):
            value = value.pk
        data.update((bound.widget.format_value(value) and {name: value}) or {})
    for name, value in changes.items():
        data[name] = value
    return {k: v for k, v in data.items() if v is not None}


def test_admin_comment_form_cannot_sign_in_someone_elses_name(staff, demo):
    """A comment is the signed-in person's: the generic admin form must not post one as the
    managing editor (or backdate it)."""
    editor = Client()
    editor.force_login(staff["editor"])
    editor.post(
        "/admin/articles/comment/add/",
        {"article": demo.draft.pk, "author": staff["managing"].pk, "text": "Approved. — M.",
         "created_at_0": "2020-01-01", "created_at_1": "09:00:00"},
    )  # fmt: skip
    forged = Comment.objects.filter(text="Approved. — M.", author=staff["managing"])
    assert not forged.exists(), "an editor posted a comment as the managing editor"


def test_admin_flag_form_cannot_resolve_a_flag_behind_the_review(staff, demo):
    """Flags are resolved on the review page (checking.resolve_flag: audited, by the signed-in
    fact-checker); the generic change form must not resolve one, let alone in another's name."""
    flag = Flag.objects.filter(article=demo.draft, status="open").first()
    checker = Client()
    checker.force_login(staff["factchecker"])
    path = f"/admin/articles/flag/{flag.pk}/change/"
    data = admin_form_data(
        checker, path, status="resolved", resolution="confirmed", resolution_note="Fine.",
        resolved_by=staff["managing"].pk, resolved_at_0="2020-01-01", resolved_at_1="09:00:00",
    )  # fmt: skip
    data.update(created_at_0="2026-01-01", created_at_1="09:00:00")
    checker.post(path, data)
    flag.refresh_from_db()
    audited = AuditEvent.objects.filter(action="flag.resolved", target_id=str(flag.pk)).exists()
    assert flag.status == "open" or (flag.resolved_by == staff["factchecker"] and audited), (
        f"flag resolved by {flag.resolved_by} without the review (audited: {audited})"
    )


def test_admin_correction_form_cannot_sign_in_someone_elses_name(staff, demo):
    """A public correction is the signed-in managing editor's, stamped now."""
    managing = Client()
    managing.force_login(staff["managing"])
    managing.post(
        "/admin/articles/correction/add/",
        {"article": demo.published.pk, "kind": "correction", "note": "Backdated note.",
         "created_by": staff["editor"].pk, "created_at_0": "2020-01-01",
         "created_at_1": "09:00:00"},
    )  # fmt: skip
    forged = Correction.objects.filter(note="Backdated note.").exclude(created_by=staff["managing"])
    assert not forged.exists(), "a correction was published in another editor's name"
