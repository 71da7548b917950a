"""The foundation: demo data, settings, public pages and the admin answer."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from articles.models import Article, Flag
from newsroom import queue
from sources.models import Source
from tests import jobs_for_tests
from tests.conftest import point_rq_at

pytestmark = pytest.mark.django_db


def test_load_demo_is_complete_and_idempotent(demo):
    from articles.demo import load_demo

    counts = (Source.objects.count(), Article.objects.count(), Flag.objects.count())
    load_demo()
    load_demo()
    assert (Source.objects.count(), Article.objects.count(), Flag.objects.count()) == counts
    assert demo.published.status == Article.Status.PUBLISHED
    assert demo.published.story.sources.count() >= 3
    assert demo.published.ai_author and demo.published.disclaimer
    assert demo.draft.flags.filter(status=Flag.Status.OPEN).exists()
    assert {u for u, _ in demo.logins} >= {
        "admin",
        "editor",
        "factchecker",
        "managing",
        "moderator",
    }


def test_load_demo_command_prints_logins(roles, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "newsroom-demo" in out and "managing" in out


def test_home_and_article_pages(client, demo):
    home = client.get("/")
    assert home.status_code == 200
    assert demo.published.headline in home.content.decode()
    page = client.get(demo.published.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Written by" in html and "Ledgerline" in html
    assert "Sources" in html and "Lakemont Ledger" in html
    assert "double-check" in html


def test_draft_is_not_public(client, demo):
    assert client.get(f"/{demo.draft.section.slug}/{demo.draft.slug}/").status_code == 404


def test_admin_login_page(client):
    assert client.get("/admin/login/").status_code == 200


def test_admin_changelists_for_superuser(admin_client, demo):
    for url in (
        "/admin/sources/source/",
        "/admin/sources/story/",
        "/admin/sources/feed/",
        "/admin/articles/article/",
        "/admin/articles/revision/",
        "/admin/articles/run/",
        "/admin/articles/claim/",
        "/admin/articles/flag/",
        "/admin/articles/correction/",
        "/admin/articles/comment/",
        "/admin/articles/errorreport/",
        "/admin/articles/auditevent/",
        "/admin/articles/section/",
        "/admin/articles/aiauthor/",
        f"/admin/articles/article/{demo.published.pk}/change/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_jobs_run_in_process_without_redis(settings, django_capture_on_commit_callbacks):
    settings.REDIS_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        assert queue.enqueue("default", "tests.jobs_for_tests.remember", "ran") == ""
    assert jobs_for_tests.REMEMBERED == ["ran"]


def test_unknown_queue_refused():
    with pytest.raises(ValueError):
        queue.enqueue("nope", "builtins.print")


def test_redis_down_is_reported(settings, monkeypatch):
    point_rq_at(monkeypatch, settings, "redis://127.0.0.1:1/0")
    with pytest.raises(queue.QueueUnavailable):
        queue.enqueue("default", "builtins.print")


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 64 + "-production-secret-for-the-check-only",
        "ALLOWED_HOSTS": "news.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_missing_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_favicon_ico_answers_with_the_site_icon(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/favicon.svg"
    assert finders.find("favicon.svg")
