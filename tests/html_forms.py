"""Filling in HTML forms as a browser would, for tests that submit them with the test client.

A form's controls are read from the rendered page with their initial values (``lxml.html``);
required controls left empty get a plausible value; ``submit`` sends the form with changes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import lxml.html
from django.test import Client

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


def submit(
    client: Client, path: str, changes: dict[str, str], *, action: str = "", button: str = ""
):
    """GET ``path``, take its largest POST form (or the one whose action ends with
    ``action``) as rendered, set ``changes`` and POST it; returns the response. ``button``
    names the submit button's value to send, when the form has several."""
    page = client.get(path)
    forms = post_forms(page.content.decode()) if page.status_code == 200 else []
    if action:
        forms = [f for f in forms if (f.get("action") or "").endswith(action)]
    if not forms:
        return page
    form = as_rendered(client, forms[0], path)
    data = [(k, v) for k, v in form.data if k not in changes] + list(changes.items())
    if button:
        named = next(b.get("name") for b in forms[0].iter("button") if b.get("value") == button)
        data = [(k, v) for k, v in data if k != named] + [(named, button)]
    return client.post(form.action, as_post(data))
