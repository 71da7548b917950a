"""Every admin add and change form, submitted as rendered by every user who can open it.

For each registered ModelAdmin and each user (every role and a superuser) the form page is
fetched; its fields are read from the HTML with their initial values (``lxml.html``, the
values a browser would send), required fields left empty get a plausible value, and the form
is POSTed back as it stands. No submission may end in a 5xx; an add form either creates an
object or shows a form error.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import Client

from tests.html_forms import as_post, as_rendered, post_forms
from tests.test_access_matrix import ADMIN_REFUSES, MODEL_ACCESS, ROLES, make_objects

pytestmark = pytest.mark.django_db

USERS = (*ROLES, "admin")


def allowed(label: str, user: str, letter: str) -> bool:
    if letter in ADMIN_REFUSES.get(label, ""):
        return False
    return user == "admin" or letter in MODEL_ACCESS[label].get(user, "")


def form_pages(objects) -> list[tuple[str, str, str, Any]]:
    """(label, kind, path, model) for every add and change form of every registered model."""
    pages = []
    for model in admin.site._registry:
        label = model._meta.label_lower
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        pages.append((label, "a", base + "add/", model))
        pages.append((label, "c", f"{base}{objects.by_model[label].pk}/change/", model))
    return pages


def test_every_admin_form_submits_without_a_server_error(staff, demo, capsys):
    objects = make_objects(staff, demo)
    clients = {}
    for user in USERS:
        clients[user] = Client(raise_request_exception=False)
        clients[user].force_login(staff[user])
    failures, submitted, created = [], 0, 0
    unknown = [p[0] for p in form_pages(objects) if p[0] not in MODEL_ACCESS]
    assert unknown == [], f"registered models the access table does not know: {unknown}"
    for label, kind, path, model in form_pages(objects):
        for user in USERS:
            if not allowed(label, user, kind):
                continue
            client = clients[user]
            page = client.get(path)
            if page.status_code != 200:
                failures.append(f"GET {path} as {user}: {page.status_code}")
                continue
            forms = post_forms(page.content.decode())
            if not forms or b'type="submit"' not in page.content:
                continue  # a read-only page: nothing to submit
            form = as_rendered(client, forms[0], path)
            before = model._default_manager.count()
            response = client.post(form.action, as_post(form.data))
            submitted += 1
            where = f"POST {form.action} as {user} (filled {form.filled})"
            if response.status_code >= 500:
                failures.append(f"{where}: {response.status_code}")
            elif kind == "a":
                made = model._default_manager.count() - before
                shows_error = response.status_code == 200 and b"errornote" in response.content
                if made == 1:
                    created += 1
                elif not shows_error:
                    failures.append(f"{where}: {response.status_code}, nothing created, no error")
            elif response.status_code not in (200, 302):
                failures.append(f"{where}: {response.status_code}")
    with capsys.disabled():
        print(f"\nadmin forms: {submitted} submissions, {created} objects created")
    assert failures == [], "\n".join(failures)


def other_form_pages(objects) -> list[str]:
    """The newsroom's own admin pages with forms, and the change pages' secondary forms."""
    pub, draft = objects.published, objects.draft
    art = "/admin/articles/article/"
    return [
        f"{art}{draft.pk}/change/",
        f"{art}{pub.pk}/change/",
        f"{art}{draft.pk}/review/",
        f"{art}{draft.pk}/revisions/",
        f"{art}{pub.pk}/correct/",
        f"/admin/articles/errorreport/{objects.by_model['articles.errorreport'].pk}/change/",
        f"/admin/sources/story/{pub.story.pk}/change/",
        "/admin/sources/source/import/",
        "/admin/queue/",
    ]


def test_every_form_on_the_newsroom_pages_submits_without_a_server_error(staff, demo, capsys):
    """Each POST form on each page (workflow actions, comments, corrections, flag
    resolutions, triage, restores, imports), submitted as rendered by every user who sees it."""
    objects = make_objects(staff, demo)
    failures, submitted = [], 0
    for user in USERS:
        client = Client(raise_request_exception=False)
        client.force_login(staff[user])
        for path in other_form_pages(objects):
            page = client.get(path)
            if page.status_code >= 500:
                failures.append(f"GET {path} as {user}: {page.status_code}")
            if page.status_code != 200:
                continue
            count = len(post_forms(page.content.decode()))
            for index in range(count):
                page = client.get(path)  # fresh versions and tokens for each submission
                forms = post_forms(page.content.decode()) if page.status_code == 200 else []
                if index >= len(forms):
                    break
                form = as_rendered(client, forms[index], path)
                response = client.post(form.action, as_post(form.data))
                submitted += 1
                if response.status_code >= 500:
                    failures.append(
                        f"POST {form.action} (form {index} of {path}) as {user}, "
                        f"filled {form.filled}: {response.status_code}"
                    )
    with capsys.disabled():
        print(f"\nnewsroom page forms: {submitted} submissions")
    assert failures == [], "\n".join(failures)
