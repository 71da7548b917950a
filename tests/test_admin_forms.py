"""Every admin add and change form, submitted as rendered by every user who can open it.

For each registered ModelAdmin and each user (every role and a superuser) the form page is
fetched; its fields are read from the HTML with their initial values (``lxml.html``, the
values a browser would send), required fields left empty get a plausible value, and the form
is POSTed back as it stands. No submission may end in a 5xx; an add form either creates an
object or shows a form error.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import lxml.html
import pytest
from django.contrib import admin
from django.test import Client

from tests.test_access_matrix import ADMIN_REFUSES, MODEL_ACCESS, ROLES, make_objects

pytestmark = pytest.mark.django_db

USERS = (*ROLES, "admin")


SERIAL = itertools.count(1)


def plausible(name: str, control: Any) -> str:
    """A value a person might type into an empty required control (unique where it could
    have to be)."""
    n = next(SERIAL)
    kind = (control.get("type") or "text").lower()
    css = control.get("class") or ""
    if kind == "email" or "email" in name:
        return f"someone{n}@newsroom.test"
    if kind == "url" or name.endswith("url"):
        return f"https://wire.example/story-{n}"
    if kind == "number":
        return "1"
    if "vDateField" in css:
        return "2026-11-30"
    if "vTimeField" in css:
        return "12:00:00"
    if kind == "password":
        return "A-plausible-passw0rd!"
    if name.endswith("slug") or name == "username":
        return f"plausible-value-{n}"
    return f"A plausible value {n}"


@dataclass
class Submission:
    action: str
    data: list[tuple[str, str]]
    filled: list[str]


def post_forms(html: str) -> list[Any]:
    """The page's POST forms (the header's log-out form aside), the main form first."""
    doc = lxml.html.fromstring(html)
    forms = [
        f
        for f in doc.forms
        if (f.get("method") or "").lower() == "post" and f.get("id") != "logout-form"
    ]
    return sorted(forms, key=lambda f: -len(f.inputs))


def as_rendered(client: Client, form: Any, path: str) -> Submission:
    """A form's controls as a browser would submit them, required blanks filled."""
    data = [(k, v) for k, v in form.form_values() if k]
    present = {k for k, v in data if v.strip()}
    filled = []
    for control in form.inputs:
        name = control.get("name")
        if not name or name in present or "__prefix__" in name:
            continue
        password = (control.get("type") or "").lower() == "password"
        if control.get("required") is None and not password:
            continue
        if control.tag == "select":
            value = first_choice(client, control)
        elif (control.get("type") or "").lower() in ("checkbox", "radio"):
            value = control.get("value") or "on"
        else:
            value = plausible(name, control)
        if value is None:
            continue
        data = [(k, v) for k, v in data if k != name] + [(name, value)]
        filled.append(name)
    buttons = [
        b for b in form.iter("button") if b.get("name") and (b.get("type") or "submit") == "submit"
    ]
    if buttons:
        data.append((buttons[0].get("name"), buttons[0].get("value") or ""))
    return Submission(action=form.get("action") or path, data=data, filled=filled)


def as_post(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data


def first_choice(client: Client, select: Any) -> str | None:
    """The first real option of a select; for an autocomplete, the first thing it offers."""
    options = [o.get("value") for o in select.iter("option") if o.get("value")]
    if options:
        return options[0]
    if select.get("data-field-name"):
        params = {
            "app_label": select.get("data-app-label"),
            "model_name": select.get("data-model-name"),
            "field_name": select.get("data-field-name"),
            "term": "",
        }
        response = client.get("/admin/autocomplete/", params)
        if response.status_code == 200 and response.json()["results"]:
            return response.json()["results"][0]["id"]
    return None


def form_errors(html: str) -> list[str]:
    """What the page says is wrong, with the field each message is about."""
    doc = lxml.html.fromstring(html)
    return [
        f"{(e.get('id') or 'form').removeprefix('id_').removesuffix('_error')}: {e.text_content()}"
        for e in doc.find_class("errorlist")
    ]


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
