"""Hostile HTML and JavaScript in every place text enters, rendered in headless Chromium.

The corpus (``tests/data/xss_payloads.txt``, one payload per line) goes into every place text
enters the newsroom, through the function the product uses there: pasted sources, a source
imported from a URL and feed entries (both served by a local hostile server), the LLM's draft
and fact-check (the test LLM server), an editor's edit, the AI persona, editorial comments, a
correction note and reader reports. Every page that shows those values, public and admin, is
then opened in Chromium, where an init script has replaced alert/confirm/prompt/print and the
``document.title`` setter with recorders, and a DOM scan looks for what must never survive:
``on*`` attributes, ``javascript:``/``vbscript:``/``data:text/html`` URLs, scripts other than
the JSON-LD block and same-origin static files, frames, objects, ``<base>``, a meta refresh to
a URL. The site's Content Security Policy is on, as it ships: a script it blocks is reported by
a ``securitypolicyviolation`` listener, so it is a finding like a script that ran (the policy is a
second layer, and the test still demands the first).

Besides the services, every typed field is filled through the product's own HTTP forms, as the
role that uses each (``through_forms``): sections and personas, stories, feeds, flag notes and
evidence URLs, send-back comments, triage reasons, comments and correction notes; a refused or
failed submission is a finding. The admin's search (``?q=``) on every list, its preserved filters
(``_changelist_filters``) and the login page's ``next`` get hostile values too. A page that does
not answer as expected is recorded as a finding and the run goes on.

Batching keeps the page count low: a field holds every payload at once (the browser suite runs
on SQLite, which does not enforce VARCHAR lengths). Where the entry point itself caps a field
(every typed field has a length limit: a source's title, outlet and author, a headline and
standfirst, a comment, a correction note, a reader's name and message), the payloads are spread
over as many carriers as the cap needs: list pages show every carrier, and a page that shows
one object at a time is opened for the first carrier and for an aggregate holding every
carrier's stored value. Each stored value starts with a marker (``xss<place><field>``), so the
test also proves that each page really showed the values it is expected to show. Forms that
echo what was typed (paste, edit conflict, a refused reader report) are filled in the browser.

In the body all payloads share one article; a second test gives each payload a body of its
own, through the policy into Chromium's parser and a live page. A third removes the policy
and checks that the same detector then fires, so that these tests can fail. Feed entries, shown
as a naive reader would, are rendered one field at a time, so that a ``<plaintext>`` payload
(which swallows the rest of a document) cannot hide the entries after it.
"""

from __future__ import annotations

import html
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from xml.sax.saxutils import escape as xml_escape

import pytest
from django.contrib import admin as django_admin
from django.db import connection
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from articles import editing, generation, moderation, workflow
from articles.models import (
    AIAuthor,
    Article,
    AuditEvent,
    Claim,
    Comment,
    Correction,
    ErrorReport,
    Flag,
    Section,
)
from articles.preview import make_preview_url
from newsroom import sanitize
from sources import feeds, importing, services
from sources.models import Feed, FeedItem, ImportJob, Source, Story
from tests.fixture_server import FixtureServer
from tests.html_forms import form_errors, submit
from tests.llm_server import LLMServer, Planned, ok, status
from tests.public_data import editor_path

PAYLOADS_FILE = Path(__file__).parent / "data" / "xss_payloads.txt"
PAYLOADS: list[str] = [line for line in PAYLOADS_FILE.read_text().splitlines() if line]

needs_browser = pytest.mark.skipif(
    os.environ.get("NEWSROOM_TEST_BROWSER") == "0",
    reason="Chromium not available (NEWSROOM_TEST_BROWSER=0): browser tests skipped",
)

# Caps applied by the entry points themselves (services.add_source, moderation.submit_report).
SOURCE_CAPS = {"title": 500, "outlet": 200, "author": 300}
READER_NAME_CAP = 100
READER_MESSAGE_CAP = moderation.REPORT_MAX_CHARS

INIT_SCRIPT = """(() => {
  window.name = "";
  const hits = [];
  Object.defineProperty(window, "__xssHits", { value: hits });
  const recorder = (sink) => function (...args) {
    hits.push(sink + "(" + args.map(String).join(", ") + ")");
  };
  for (const sink of ["alert", "confirm", "prompt", "print"]) {
    Object.defineProperty(window, sink, { value: recorder(sink), configurable: false });
  }
  const title = Object.getOwnPropertyDescriptor(Document.prototype, "title");
  Object.defineProperty(Document.prototype, "title", {
    configurable: false,
    get: title.get,
    set(value) { hits.push("document.title=" + value); title.set.call(this, value); },
  });
  document.addEventListener("securitypolicyviolation", (e) => {
    hits.push("CSP blocked " + e.violatedDirective + " " + (e.blockedURI || "inline"));
  }, true);
})();"""

# The DOM scan: everything an attacker's markup could leave behind, whether or not it ran.
SCANNER = """function xssScan(root, origin) {
  const found = [];
  const url = (value) => value.replace(/[\\t\\n\\r]/g, "")
    .replace(/^[\\u0000-\\u0020]+|[\\u0000-\\u0020]+$/g, "").toLowerCase();
  const badUrl = (value) => /^(javascript|vbscript|livescript):/.test(value)
    || /^data:(text\\/html|application\\/xhtml|image\\/svg|text\\/xml)/.test(value)
    || /^data:(application\\/xml|text\\/javascript|application\\/javascript)/.test(value);
  const urlAttrs = new Set(["href", "src", "action", "formaction", "data", "background",
    "poster", "cite", "codebase", "dynsrc", "lowsrc", "ping", "values", "to", "from", "by"]);
  const show = (el) => el.outerHTML.slice(0, 160);
  const scan = (node) => {
    for (const el of node.querySelectorAll("*")) {
      const tag = el.localName.toLowerCase();
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = url(attr.value);
        if (name.startsWith("on")) found.push("handler " + name + ": " + show(el));
        if ((urlAttrs.has(name) || name.endsWith(":href")) && badUrl(value)) {
          found.push("script URL in " + name + ": " + show(el));
        }
        if (name === "srcdoc") found.push("srcdoc: " + show(el));
        if (name === "attributename" && /^(on|href$|xlink:href$)/.test(value)) {
          found.push("animation of " + value + ": " + show(el));
        }
        if (name === "style"
            && /expression\\s*\\(|javascript:|vbscript:|behavior\\s*:|-moz-binding/.test(value)) {
          found.push("script in style: " + show(el));
        }
      }
      if (["iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
           "isindex"].includes(tag)) {
        found.push("<" + tag + "> element: " + show(el));
      }
      if (tag === "meta" && (el.getAttribute("http-equiv") || "").toLowerCase() === "refresh"
          && /url\\s*=/i.test(el.getAttribute("content") || "")) {
        found.push("meta refresh to a URL: " + show(el));
      }
      if (tag === "link" && /import/i.test(el.getAttribute("rel") || "")) {
        found.push("link rel=import: " + show(el));
      }
      if (tag === "style"
          && /expression\\s*\\(|javascript:|vbscript:|@import|-moz-binding/i.test(el.textContent)) {
        found.push("script in a style sheet: " + show(el));
      }
      if (tag === "script") {
        const type = (el.getAttribute("type") || "").toLowerCase();
        const src = el.getAttribute("src");
        if (src !== null) {
          let allowed = false;
          try {
            const target = new URL(src, origin + "/");
            allowed = target.origin === origin && !el.textContent.trim()
              && (target.pathname.startsWith("/static/") || target.pathname === "/admin/jsi18n/");
          } catch (e) { allowed = false; }
          if (!allowed) found.push("script src: " + show(el));
        } else if (type === "application/ld+json") {
          try { JSON.parse(el.textContent); } catch (e) {
            found.push("broken JSON-LD: " + show(el));
          }
        } else {
          found.push("inline script: " + show(el));
        }
      }
      if (tag === "template") scan(el.content);
    }
  };
  scan(root);
  return found;
}"""

SCAN_SCRIPT = (
    "async (markers) => {\n"
    + SCANNER
    + """
  await new Promise((resolve) => setTimeout(resolve, 25));
  const found = xssScan(document, location.origin);
  if (window.name) found.push("window.name=" + window.name);
  const markup = document.documentElement.outerHTML.toLowerCase();
  return {
    found,
    hits: window.__xssHits ? [...window.__xssHits] : null,
    url: location.href,
    missing: markers.filter((marker) => !markup.includes(marker)),
  };
}"""
)

# Each payload alone, as the article page would show it, parsed by Chromium (DOMParser, then
# scanned) and inserted into the live page (handlers fire; the recorders see them).
ISOLATED_SCRIPT = (
    "async (bodies) => {\n"
    + SCANNER
    + """
  const found = [];
  const host = document.createElement("div");
  host.className = "article-body";
  document.body.append(host);
  bodies.forEach((body, i) => {
    const doc = new DOMParser().parseFromString(
      "<!doctype html><html><body><div class=article-body>" + body + "</div></body></html>",
      "text/html");
    for (const problem of xssScan(doc, location.origin)) found.push((i + 1) + ": " + problem);
    const box = document.createElement("div");
    box.innerHTML = body;
    host.append(box);
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const problem of xssScan(host, location.origin)) found.push("live: " + problem);
  return { found, hits: window.__xssHits ? [...window.__xssHits] : null };
}"""
)


def token(place: str, field_name: str) -> str:
    """The marker a stored value starts with: survives escaping, case folding, truncation."""
    return "xss" + re.sub(r"[^a-z]", "", (place + field_name).lower())


def pack(marker: str, payloads: list[str] = PAYLOADS, sep: str = " ") -> str:
    return marker + sep + sep.join(payloads)


def packed(marker: str, cap: int, payloads: list[str] = PAYLOADS) -> list[str]:
    """``marker`` plus the payloads, in as few values of at most ``cap`` characters as fit.

    A payload longer than the cap travels alone (the entry point cuts it, as it would anyone's).
    """
    values: list[str] = []
    current = marker
    for payload in payloads:
        if len(current) + 1 + len(payload) <= cap:
            current += " " + payload
        else:
            values.append(current)
            current = marker + " " + payload
    values.append(current)
    return values


def pick(values: list[str], k: int) -> str:
    return values[k % len(values)]


# Between payloads in an HTML body: end every state a payload can leave the parser in (tag,
# attribute, comment, CDATA, raw text, foreign content), so each one starts from plain text.
RESET = (
    "\"'>-->]]></script></style></xmp></iframe></noembed></noframes></noscript></title>"
    "</textarea></template></select></option></table></svg></math></form></a></p>"
)


def hostile_body(marker: str) -> str:
    """Every payload as raw HTML, each in its own paragraph after a visible label."""
    return "".join(f"<p>{marker} [{n}] {p}{RESET}</p>\n" for n, p in enumerate(PAYLOADS, 1))


# ----------------------------------------------------------------------------- the LLM


def hostile_draft() -> dict[str, Any]:
    """A news_draft carrying every payload in its headline, standfirst and subhead, and each
    payload once more in the body: as a paragraph, a bullet or a key fact, in turn."""
    cite = [0]
    numbered = list(enumerate(PAYLOADS, 1))
    return {
        "headline": pack(token("llm", "headline")),
        "dek": pack(token("llm", "dek")),
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    {"text": f"{token('llm', 'paragraph')} {n}: {p}", "citations": cite}
                    for n, p in numbered[0::3]
                ],
                "bullets": [],
            },
            {
                "heading": pack(token("llm", "heading")),
                "paragraphs": [{"text": "The sources say so.", "citations": cite}],
                "bullets": [
                    {"text": f"{token('llm', 'bullet')} {n}: {p}", "citations": cite}
                    for n, p in numbered[1::3]
                ],
            },
        ],
        "key_facts": [
            {"label": f"{token('llm', 'fact')} {n}", "value": f"{n}: {p}", "citations": cite}
            for n, p in numbered[2::3]
        ],
    }


def rule_breaking_draft() -> dict[str, Any]:
    """A draft whose key facts have hostile labels and no values (refused, with the labels)."""
    draft = hostile_draft()
    draft["key_facts"] = [
        {"label": f"{token('llm', 'error')} {n}: {p}", "value": "", "citations": [0]}
        for n, p in enumerate(PAYLOADS, 1)
    ]
    return draft


_EVIDENCE_LINE = re.compile(r"^\[source (\d+)\] (.*)$", re.M)  # a claim's evidence chunk
_CLAIM_COUNT = re.compile(r"Return a verdict for each of the (\d+) claims")


def hostile_verdicts(request: dict[str, Any]) -> dict[str, Any]:
    """Fact-check verdicts whose reasons are payloads and whose evidence quotes hostile text
    that is really in the cited source (so the review page shows it with the source's title)."""
    prompt = request["messages"][-1]["content"]
    count = int(_CLAIM_COUNT.search(prompt).group(1))
    quotable = [
        (int(index), payload)
        for index, text in _EVIDENCE_LINE.findall(prompt)
        for payload in PAYLOADS[:40]
        if payload in text
    ]
    verdicts = []
    for number in range(1, count + 1):
        payload = PAYLOADS[(number - 1) % len(PAYLOADS)]
        reason = f"{token('llm', 'reason')} {payload}"
        if quotable and number % 2:
            index, quote = quotable[number % len(quotable)]
            evidence = [{"source": index, "quote": quote}]
            verdict, difference = "contradicted", "number"
        else:
            evidence, verdict, difference = [], "unsupported", "unsourced"
        verdicts.append(
            {"claim": number, "verdict": verdict, "difference": difference, "reason": reason,
             "evidence": evidence}
        )  # fmt: skip
    return {"verdicts": verdicts}


def hostile_llm(request: dict[str, Any]) -> Planned:
    name = (request.get("response_format") or {}).get("json_schema", {}).get("name")
    if name == "news_draft":
        return ok(hostile_draft())
    if name == "factcheck_verdicts":
        return ok(hostile_verdicts(request))
    return status(418, message=f"unexpected schema {name!r}")


# ----------------------------------------------------------------------------- hostile web


WORDS = (
    "bridge council budget river harbour ferry school clinic market tram depot library mill "
    "quarry orchard canal tunnel station museum stadium reservoir bakery foundry pier lighthouse "
    "granary chapel archive theatre garden meadow vineyard observatory"
).split()


def filler(k: int, words: int) -> str:
    """``words`` words of plain prose, different for each ``k`` (so that carriers are not
    near-copies of each other, which would only make the de-duplication slow)."""
    picked = [WORDS[(k * 7 + i * (k % 5 + 3)) % len(WORDS)] for i in range(words)]
    return " ".join(f"The {w} report {k}-{i} was read." for i, w in enumerate(picked[::5]))


def article_page(k: int, title: str, outlet: str, author: str, paragraphs: list[str]) -> str:
    """A news page whose metadata and paragraphs are hostile text (escaped, so that the
    extracted strings are the payloads themselves), plus the raw payloads as markup."""
    e = html.escape
    body = "".join(f"<p>{e(p)}</p>\n" for p in paragraphs)
    raw = "".join(f"<div>{p}</div>\n" for p in PAYLOADS) if k == 0 else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f'<meta property="og:title" content="{e(title)}">'
        f'<meta property="og:site_name" content="{e(outlet)}">'
        f'<meta name="author" content="{e(author)}">'
        '<link rel="canonical" href="javascript://x/y/z/alert(0)"></head><body><article>'
        f"<h1>{e(title)}</h1><p>{e(filler(k, 60))}</p>{body}{raw}</article></body></html>"
    )


def feed_document(base: str, k: int, feed_title: str, title: str, author: str, text: str) -> str:
    """An RSS feed with one hostile entry (its title, author and text escaped once for HTML,
    as feeds carry them); the first feed's entry also carries the raw payloads as markup, a
    link, and a second entry linking to ``javascript:``. Entries without a link are stored
    from their own text (a short entry with a link would have its page fetched)."""
    e = html.escape
    description = f"<p>{e(text)}</p>"
    link = extra = ""
    if k == 0:
        description += f"<p>{e(filler(k, 160))}</p>" + "".join(PAYLOADS)
        link = f"<link>{base}/entry/{k}</link>"
        extra = (
            "<item><title>Script link</title><link>javascript:alert(0)</link>"
            "<guid>urn:xss:script-link</guid>"
            f"<description>{xml_escape(filler(99, 160))}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{xml_escape(e(feed_title))}</title><link>{base}/</link>"
        "<description>Hostile wire</description>"
        f"<item><title>{xml_escape(e(title))}</title>{link}"
        f"<guid>urn:xss:{k}</guid><dc:creator>{xml_escape(e(author))}</dc:creator>"
        f"<pubDate>Mon, 16 Nov 2026 10:00:00 +0000</pubDate>"
        f"<description>{xml_escape(description)}</description></item>{extra}"
        "</channel></rss>"
    )


# ----------------------------------------------------------------------------- the world


@dataclass
class Page:
    """A page to open, and the markers whose values it must show."""

    label: str
    path: str
    markers: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    admin: bool = False
    kind: str = "html"  # "html", "feed" (XML, rendered as a naive reader would), "xml", "json"
    status: int = 200


@dataclass
class Form:
    """A form filled in and sent in the browser; the page that answers is checked."""

    label: str
    path: str
    fill: dict[str, str]
    markers: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    before_send: Callable[[], object] | None = None
    send: str = "[name=_save]"
    admin: bool = True


@dataclass
class World:
    """Everything the hostile data went into, and what each place stored."""

    stored: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    form_findings: list[str] = field(default_factory=list)
    posts: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    _clock: float = field(default_factory=time.monotonic)

    def lap(self, name: str) -> None:
        """Note how long the step that just ended took."""
        now = time.monotonic()
        self.seconds[name], self._clock = now - self._clock, now

    def store(self, place: str, field_name: str, *values: str) -> None:
        self.stored.setdefault((place, field_name), []).extend(values)

    def markers(self, *keys: tuple[str, str]) -> tuple[str, ...]:
        """The markers of the given (place, field)s that survived their entry point."""
        found = []
        for place, field_name in keys:
            marker = token(place, field_name)
            values = self.stored.get((place, field_name), [])
            if any(marker in v.lower() for v in values):
                found.append(marker)
        return tuple(found)


PLACES = {
    "paste": "pasted source (title, outlet, author, text)",
    "import": "URL-imported source (title, outlet, author, text)",
    "feed": "feed entry (feed title, which becomes the outlet; title, author, text)",
    "llm": "LLM output (headline, dek, subhead, paragraphs, bullets, key facts, fact-check "
    "reasons, the error quoting a refused draft)",
    "edit": "editor's edit (headline, dek, body)",
    "persona": "AI persona (name, bio, disclaimer)",
    "comment": "editorial comment and reply",
    "correction": "correction note",
    "report": "reader report (name, message)",
    "section": "section (name, description), admin form, managing editor",
    "personaform": "AI persona (name, bio, disclaimer), admin form, managing editor",
    "story": "story (title, summary), admin form, editor",
    "feedform": "feed (URL, title, outlet), admin form, editor",
    "flag": "flag resolution (note, evidence URL), review form, fact-checker",
    "sendback": "send-back comment, workflow form, fact-checker",
    "triage": "triage reason, report form, moderator",
    "commentform": "comment, article page form, every role",
    "correctionform": "correction note, correction form, managing editor",
    "query": "admin ?q= and _changelist_filters, the login page's next",
}
SOURCE_FIELDS = ("title", "outlet", "author", "text")


def source_keys(place: str, *fields: str) -> list[tuple[str, str]]:
    return [(place, f) for f in (fields or SOURCE_FIELDS)]


def add_sources(world: World, place: str, make: Callable[[int, dict[str, str]], Source]) -> None:
    """Carriers for one source place: field k of carrier k, every payload in each field."""
    values = {
        f: packed(token(place, f), cap) for f, cap in SOURCE_CAPS.items()
    }  # fmt: skip
    carriers = max(len(v) for v in values.values())
    made = []
    for k in range(carriers):
        fields = {f: pick(v, k) for f, v in values.items()}
        if k == 0:
            fields["text"] = pack(token(place, "text"), sep="\n")
        else:
            fields["text"] = f"{token(place, 'text')} carrier {k}: {fields['outlet']}"
        made.append(make(k, fields))
    for source in made:
        for f in SOURCE_FIELDS:
            world.store(place, f, getattr(source, f))
    aggregate = Source.objects.create(
        title=" ".join(s.title for s in made),
        outlet=" ".join(s.outlet for s in made),
        author=" ".join(s.author for s in made),
        text="\n".join(s.text for s in made) + f"\naggregate of {place}",
        origin=made[0].origin,
        content_hash=f"aggregate-{place}",
    )
    world.objects[f"{place}_sources"] = made
    world.objects[f"{place}_aggregate"] = aggregate


def build_world(staff, demo, llm_server: LLMServer, tmp_path: Path) -> Iterator[World]:
    """Write the corpus into every place, through the product's own entry points."""
    world = World()
    editor, managing, admin = staff["editor"], staff["managing"], staff["admin"]
    local = Section.objects.get(slug="local")
    llm_server.default = hostile_llm

    persona = AIAuthor.objects.create(
        name=pack(token("persona", "name")),
        slug="hostile-persona",
        bio=pack(token("persona", "bio")),
        disclaimer=pack(token("persona", "disclaimer")),
    )
    for f in ("name", "bio", "disclaimer"):
        world.store("persona", f, getattr(persona, f))
    world.lap("persona")

    pasted = Story.objects.create(title="Pasted sources", created_by=editor)
    add_sources(
        world,
        "paste",
        lambda k, f: services.add_source(
            origin=Source.Origin.PASTE, story=pasted, user=editor,
            url=f"https://pasted.example/{k}", **f,
        ).source,
    )  # fmt: skip

    world.lap("pasted sources")
    site = tmp_path / "site"
    site.mkdir()
    server = FixtureServer(pages_dir=site).start()
    try:
        imported = Story.objects.create(title="Imported sources", created_by=editor)
        jobs: list[ImportJob] = []

        def import_one(k: int, f: dict[str, str]) -> Source:
            paragraphs = f["text"].split("\n")
            (site / f"article-{k}.html").write_text(
                article_page(k, f["title"], f["outlet"], f["author"], paragraphs)
            )
            job = importing.start_import(
                server.url(f"/pages/article-{k}.html"), story=imported, user=admin
            )
            job.refresh_from_db()
            assert job.status == ImportJob.Status.DONE and job.source, (job.error_code, job.error)
            jobs.append(job)
            return job.source

        add_sources(world, "import", import_one)
        world.objects["import_job_aggregate"] = ImportJob.objects.create(
            url=server.url("/pages/article-0.html"),
            requested_by=admin,
            status=ImportJob.Status.DONE,
            source=world.objects["import_aggregate"],
            created_source=True,
            message=" ".join(j.message for j in jobs),
            finished_at=timezone.now(),
        )
        world.objects["import_jobs"] = jobs
        world.lap("URL imports")

        polled: list[Feed] = []

        def feed_one(k: int, f: dict[str, str]) -> Source:
            (site / f"feed-{k}.xml").write_text(
                feed_document(server.base_url, k, f["outlet"], f["title"], f["author"], f["text"])
            )
            feed = Feed.objects.create(url=server.url(f"/pages/feed-{k}.xml"))
            result = feeds.poll_feed(feed)
            assert result.ok and result.new >= 1, result.summary
            polled.append(feed)
            return FeedItem.objects.get(feed=feed, entry_id=f"urn:xss:{k}").source

        add_sources(world, "feed", feed_one)
        for feed in polled:
            feed.refresh_from_db()
            world.store("feed", "outlet", feed.title)
        items = list(FeedItem.objects.filter(feed__in=polled))
        assert not any(i.link.lower().startswith("javascript") for i in items)
        aggregate_feed = Feed.objects.create(
            url=server.url("/pages/aggregate.xml"), title=" ".join(f.title for f in polled)
        )
        world.objects["aggregate_item"] = FeedItem.objects.create(
            feed=aggregate_feed,
            entry_key="aggregate",
            entry_id="aggregate",
            title=" ".join(i.title for i in items),
            link=items[0].link,
            status=FeedItem.Status.NEW,
            error=" ".join(i.error for i in items),
        )
        world.objects["feeds"] = polled
        world.objects["aggregate_feed"] = aggregate_feed
        world.lap("feed polls")
    finally:
        server.stop()

    # The LLM drafts an article from the pasted sources, and checks it.
    llm_article = editing.create_article(
        editor, section=local, story=pasted, headline="Working headline", ai_author=persona
    )
    generation.request_draft(llm_article, editor)
    llm_article.refresh_from_db()
    runs = list(llm_article.runs.values_list("kind", "status", "error"))
    assert token("llm", "headline") in llm_article.headline.lower(), runs
    assert [r[:2] for r in runs] == [("factcheck", "done"), ("draft", "done")], runs
    for f in ("headline", "dek"):
        world.store("llm", f, getattr(llm_article, f))
    for f in ("paragraph", "heading", "bullet", "fact"):
        world.store("llm", f, llm_article.body)
    world.store("llm", "reason", *Claim.objects.values_list("reason", flat=True))

    # A draft the newsroom rules reject twice: the run's error quotes the model's text.
    failed = editing.create_article(
        editor, section=local, story=pasted, headline="Failed draft", ai_author=persona
    )
    llm_server.plan(ok(rule_breaking_draft()), ok(rule_breaking_draft()))
    generation.request_draft(failed, editor)
    failed_run = failed.runs.get()
    assert failed_run.status == "failed", failed_run.status
    world.store("llm", "error", failed_run.error)
    world.objects.update(failed=failed, failed_run=failed_run)
    world.lap("LLM draft and check")

    # An editor writes every payload into a headline, a standfirst and a body; and into the
    # headline of an article that stays in the newsroom.
    edited = editing.create_article(
        editor, section=local, headline="Editor's working headline", ai_author=persona
    )
    headlines = packed(token("edit", "headline"), Article._meta.get_field("headline").max_length)
    deks = packed(token("edit", "dek"), Article._meta.get_field("dek").max_length - 12)
    edited = editing.save_article(
        edited, editor, expected_version=edited.version, headline=headlines[0], dek=deks[0],
        body=hostile_body(token("edit", "body")),
    )  # fmt: skip
    edited.sources.set([*world.objects["import_sources"], *world.objects["feed_sources"]])
    for f in ("headline", "dek", "body"):
        world.store("edit", f, getattr(edited, f))
    # The other carriers of the capped fields, each an article that stays in the newsroom.
    for k in range(1, max(len(headlines), len(deks))):
        carrier = editing.create_article(editor, section=local, headline="Draft", ai_author=persona)
        carrier = editing.save_article(
            carrier, editor, expected_version=carrier.version, headline=pick(headlines, k),
            dek=pick(deks, k),
        )  # fmt: skip
        world.store("edit", "headline", carrier.headline)
        world.store("edit", "dek", carrier.dek)
    wip = editing.create_article(editor, section=local, headline="Draft", ai_author=persona)
    wip = editing.save_article(wip, editor, expected_version=wip.version, headline=headlines[0])

    world.lap("editor edits")
    now = timezone.now()
    for minutes, article in ((30, llm_article), (20, edited)):
        Article.objects.filter(pk=article.pk).update(
            status=Article.Status.PUBLISHED, published_at=now - timedelta(minutes=minutes)
        )
        article.editors.set([managing, staff["factchecker"]])
        article.refresh_from_db()

    # A correction (changing the standfirst), comments, reader reports.
    notes = packed(token("correction", "note"), Correction._meta.get_field("note").max_length)
    correction = None
    for k, note in enumerate(notes):
        edited.refresh_from_db()
        made = moderation.add_correction(
            edited, managing, note, expected_version=edited.version,
            changes={"dek": deks[0] + " (corrected)"} if k == 0 else None,
        )  # fmt: skip
        correction = correction or made
        world.store("correction", "note", made.note)
    limit = Comment._meta.get_field("text").max_length
    texts = packed(token("comment", "text"), limit)
    first = moderation.add_comment(edited, editor, texts[0].replace(" ", "\n"))
    world.store("comment", "text", first.text)
    for text in texts[1:]:
        world.store("comment", "text", moderation.add_comment(edited, editor, text).text)
    replies = packed(token("comment", "reply"), limit)
    reply = moderation.add_comment(edited, admin, replies[0], parent=first)
    world.store("comment", "reply", reply.text)
    for text in replies[1:]:
        more = moderation.add_comment(edited, admin, text, parent=first)
        world.store("comment", "reply", more.text)
    world.lap("correction and comments")

    names = packed(token("report", "name"), READER_NAME_CAP)
    messages = packed(token("report", "message"), READER_MESSAGE_CAP)
    reports = []
    for k in range(max(len(names), len(messages))):
        report = moderation.submit_report(
            edited, message=pick(messages, k), name=pick(names, k),
            email=f"reader{k}@example.com", ip=f"10.9.{k // 200}.{k % 200}",
        )  # fmt: skip
        reports.append(report)
        world.store("report", "name", report.name)
        world.store("report", "message", report.message)
    moderation.triage_report(reports[0], staff["moderator"], "accepted", "A correction is due.")
    world.objects["report_aggregate"] = ErrorReport.objects.create(
        article=edited,
        name=" ".join(r.name for r in reports),
        message="\n".join(r.message for r in reports),
        email="aggregate@example.com",
    )

    for article in (llm_article, wip, edited):
        article.refresh_from_db()
    world.objects.update(
        persona=persona, llm_article=llm_article, wip=wip, edited=edited, pasted=pasted,
        imported=imported, correction=correction, comment=first, reply=reply, reports=reports,
        report_comment=Comment.objects.filter(article=edited, author=staff["moderator"]).get(),
    )  # fmt: skip
    world.lap("reader reports")
    through_forms(world, staff)
    world.lap("HTTP forms")
    world.pages = page_table(world)
    world.forms = form_table(world)
    yield world


# ----------------------------------------------------------------------------- HTTP forms


def cap(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def url_carriers(base: str, limit: int = 1900) -> list[str]:
    """Every payload in the query strings of http(s) URLs no longer than ``limit``, plus the
    scheme tricks a URL field must refuse (kept as their own carriers)."""
    urls, current = [], []
    for payload in PAYLOADS:
        candidate = [*current, payload]
        if current and len(base) + len(urlencode({"q": " ".join(candidate)})) + 8 > limit:
            urls.append(current)
            current = [payload]
        else:
            current = candidate
    urls.append(current)
    made = [f"{base}{k}?{urlencode({'q': ' '.join(chunk)})}" for k, chunk in enumerate(urls)]
    return [*made, "javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>"]


def through_forms(world: World, staff) -> None:
    """Every typed field the services above did not fill, through the product's HTTP forms,
    as the role that uses each one: sections and personas (managing editor), stories and
    feeds (editor), flag notes and evidence URLs and send-back comments (fact-checker), triage
    reasons (moderator), comments (every role), correction notes (managing editor). Values are
    spread over carriers that fit each field's limit; a refused or failed submission is a
    finding. Aggregates hold every carrier's value for the pages that show one object."""
    clients = {}
    for role in ("editor", "factchecker", "managing", "moderator"):
        clients[role] = Client()
        clients[role].force_login(staff[role])
    o = world.objects

    def send(role: str, path: str, changes: dict[str, str], *, refused_ok: bool = False,
             **kwargs) -> Any:  # fmt: skip
        response = submit(clients[role], path, changes, **kwargs)
        world.posts += 1
        body = response.content.decode(errors="replace") if response.status_code == 200 else ""
        refused = "errornote" in body  # a form shown again with its errors
        if response.status_code == 302:  # refusals are reported as messages on the next page
            body = clients[role].get(response["Location"]).content.decode(errors="replace")
            refused = '<li class="error">' in body
        if response.status_code not in (200, 302) or (refused and not refused_ok):
            world.form_findings.append(
                f"{role} {path} {kwargs.get('action', '')}: {response.status_code} "
                f"{(form_errors(body) or re.findall(r'<li class=.error.>(.*?)</li>', body))[:3]}"
            )
        return response

    def carriers(place: str, fields: dict[str, int]) -> list[dict[str, str]]:
        """Each field's values; a payload longer than the field is cut, as its typist must."""
        values = {f: packed(token(place, f), limit) for f, limit in fields.items()}
        return [
            {f: pick(v, k)[: fields[f]] for f, v in values.items()}
            for k in range(max(len(v) for v in values.values()))
        ]

    sections = carriers("section", {"name": cap(Section, "name"),
                                    "description": cap(Section, "description")})  # fmt: skip
    for k, values in enumerate(sections):
        send("managing", "/admin/articles/section/add/", {**values, "slug": f"xss-{k}"})
    made = list(Section.objects.filter(slug__startswith="xss-").order_by("pk"))
    for f in ("name", "description"):
        world.store("section", f, *(getattr(x, f) for x in made))
    o["form_sections"] = made

    personas = carriers("personaform", {"name": cap(AIAuthor, "name"),
                                        "bio": cap(AIAuthor, "bio"),
                                        "disclaimer": cap(AIAuthor, "disclaimer")})  # fmt: skip
    for k, values in enumerate(personas):
        send("managing", "/admin/articles/aiauthor/add/", {**values, "slug": f"xss-persona-{k}"})
    made = list(AIAuthor.objects.filter(slug__startswith="xss-persona-").order_by("pk"))
    for f in ("name", "bio", "disclaimer"):
        world.store("personaform", f, *(getattr(x, f) for x in made))
    o["form_personas"] = made

    for values in carriers("story", {"title": cap(Story, "title"),
                                     "summary": cap(Story, "summary")}):  # fmt: skip
        send("editor", "/admin/sources/story/add/", values)
    made = list(Story.objects.filter(title__startswith=token("story", "title")).order_by("pk"))
    for f in ("title", "summary"):
        world.store("story", f, *(getattr(x, f) for x in made))
    o["form_stories"] = made

    urls = url_carriers(f"https://feeds.example/{token('feedform', 'url')}/")
    feed_values = carriers("feedform", {"title": cap(Feed, "title"),
                                        "outlet": cap(Feed, "outlet")})  # fmt: skip
    for k in range(max(len(urls), len(feed_values))):
        url = urls[k] if k < len(urls) else f"https://feeds.example/{token('feedform', 'url')}/{k}"
        send("editor", "/admin/sources/feed/add/", {**pick(feed_values, k), "url": url},
             refused_ok=not url.startswith("https:"))  # fmt: skip
    made = list(Feed.objects.filter(url__contains=token("feedform", "url")).order_by("pk"))
    assert not Feed.objects.filter(url__startswith="javascript").exists()
    for f in ("title", "outlet", "url"):
        world.store("feedform", f, *(getattr(x, f) for x in made))
    o["form_feeds"] = made

    # Flags to resolve and articles to send back, on an article in fact-checking.
    local = Section.objects.get(slug="local")
    checked = editing.create_article(
        staff["editor"], section=local, headline="Flagged article", ai_author=o["persona"],
        body="<p>The bridge closes on Monday.</p>",
    )  # fmt: skip
    notes = [n[: cap(Flag, "resolution_note")] for n in packed(token("flag", "note"), 2000)]
    evidence = url_carriers(f"https://evidence.example/{token('flag', 'evidenceurl')}/")
    for k in range(max(len(notes), len(evidence))):
        flag = Flag.objects.create(
            article=checked, kind="unsupported", excerpt=f"Claim {k}.", reason="No source."
        )
        url = pick(evidence, k)
        send("factchecker", f"/admin/articles/article/{checked.pk}/review/",
             {"resolution": "confirmed", "note": pick(notes, k), "evidence_url": url},
             action=f"/review/flag/{flag.pk}/",
             refused_ok=not url.startswith("https:"))  # fmt: skip
    resolved = list(checked.flags.filter(status=Flag.Status.RESOLVED).order_by("pk"))
    world.store("flag", "note", *(f.resolution_note for f in resolved))
    world.store("flag", "evidenceurl", *(f.evidence_url for f in resolved))
    assert not any(f.evidence_url.startswith(("javascript", "data")) for f in resolved)

    limit = workflow.COMMENT_MAX_CHARS
    for text in (t[:limit] for t in packed(token("sendback", "comment"), limit)):
        Article.objects.filter(pk=checked.pk).update(status=Article.Status.FACT_CHECKING)
        send("factchecker", f"/admin/articles/article/{checked.pk}/change/",
             {"action": "send_back", "comment": text}, action="/act/")  # fmt: skip
    sent_back = list(AuditEvent.objects.filter(action="article.send_back").order_by("pk"))
    world.store("sendback", "comment", *(e.reason for e in sent_back))
    o.update(checked=checked, sent_back=sent_back)

    reasons = packed(token("triage", "reason"), cap(ErrorReport, "decision_note"))
    triaged = []
    for k, reason in enumerate(reasons):
        report = moderation.submit_report(
            o["edited"], message=f"Report {k}.", ip=f"10.8.0.{k}", name="Reader"
        )
        send("moderator", f"/admin/articles/errorreport/{report.pk}/change/",
             {"reason": reason}, action="/triage/", button="dismissed")  # fmt: skip
        triaged.append(ErrorReport.objects.get(pk=report.pk))
    world.store("triage", "reason", *(r.decision_note for r in triaged))

    roles = ("editor", "factchecker", "managing", "moderator")
    texts = packed(token("commentform", "text"), cap(Comment, "text"))
    for k in range(max(len(texts), len(roles))):
        send(roles[k % len(roles)], f"/admin/articles/article/{checked.pk}/change/",
             {"text": pick(texts, k)}, action="/comment/")  # fmt: skip
    comments = Comment.objects.filter(article=checked, text__startswith=token("commentform", ""))
    world.store("commentform", "text", *comments.values_list("text", flat=True))

    for note in packed(token("correctionform", "note"), cap(Correction, "note")):
        send("managing", f"/admin/articles/article/{o['llm_article'].pk}/correct/",
             {"note": note})  # fmt: skip
    world.store(
        "correctionform", "note",
        *Correction.objects.filter(article=o["llm_article"]).values_list("note", flat=True),
    )  # fmt: skip

    # Aggregates: every carrier's stored value on the one-object pages.
    def joined(items, name: str) -> str:
        return " ".join(getattr(x, name) for x in items)

    o["section_aggregate"] = Section.objects.create(
        name=joined(o["form_sections"], "name"), slug="xss-aggregate",
        description=joined(o["form_sections"], "description"), position=99,
    )  # fmt: skip
    o["persona_aggregate"] = AIAuthor.objects.create(
        name=joined(o["form_personas"], "name"), slug="xss-persona-aggregate",
        bio=joined(o["form_personas"], "bio"), disclaimer=joined(o["form_personas"], "disclaimer"),
    )  # fmt: skip
    o["story_aggregate"] = Story.objects.create(
        title=joined(o["form_stories"], "title"), summary=joined(o["form_stories"], "summary")
    )
    o["feedform_aggregate"] = Feed.objects.create(
        url=f"https://feeds.example/{token('feedform', 'url')}/aggregate",
        title=joined(o["form_feeds"], "title"), outlet=joined(o["form_feeds"], "outlet"),
    )  # fmt: skip
    o["flag_aggregate"] = Flag.objects.create(
        article=checked, kind="unsupported", excerpt="Aggregate.", reason="No source.",
        status=Flag.Status.RESOLVED, resolution=Flag.Resolution.CONFIRMED,
        resolution_note=joined(resolved, "resolution_note"), resolved_at=timezone.now(),
        evidence_url=resolved[0].evidence_url if resolved else "",
    )  # fmt: skip
    o["triage_aggregate"] = ErrorReport.objects.create(
        article=o["edited"], message="Aggregate.", status=ErrorReport.Status.DISMISSED,
        decision_note=joined(triaged, "decision_note"), decided_at=timezone.now(),
    )  # fmt: skip
    o["sendback_aggregate"] = AuditEvent.objects.create(
        action="article.send_back", article=checked, reason=joined(sent_back, "reason")
    )
    # A published article in the aggregate section by the aggregate persona (their public
    # pages list only sections and personas with published articles).
    shown = editing.create_article(
        staff["editor"], section=o["section_aggregate"], headline="Form-made persona's article",
        ai_author=o["persona_aggregate"], body="<p>The bridge reopened.</p>",
    )  # fmt: skip
    Article.objects.filter(pk=shown.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(minutes=10)
    )
    shown.editors.set([staff["managing"]])
    o["form_article"] = shown


def form_page_table(world: World, search_q: str) -> list[Page]:
    """The pages that show what went in through the HTTP forms, and the admin's search,
    preserved filters and the login page's ``next`` with hostile values."""
    o, m = world.objects, world.markers
    sec, persona = o["section_aggregate"], o["persona_aggregate"]
    section_all = m(("section", "name"), ("section", "description"))
    persona_all = m(("personaform", "name"), ("personaform", "bio"), ("personaform", "disclaimer"))
    story_all = m(("story", "title"), ("story", "summary"))
    feed_all = m(("feedform", "title"), ("feedform", "outlet"))
    flag_all = m(("flag", "note"), ("flag", "evidenceurl"))
    first_flag = o["checked"].flags.filter(status=Flag.Status.RESOLVED).order_by("pk").first()
    first_report = ErrorReport.objects.filter(decision_note__startswith=token("triage", "reason"))
    hostile_q = urlencode({"q": search_q})
    kept = urlencode({"_changelist_filters": urlencode({"q": search_q, "o": "-1"})})
    pages = [
        Page("article page (form-made section and persona)", o["form_article"].get_absolute_url(),
             section_all[:1] + persona_all, ("section", "personaform")),
        Page("section page (form)", sec.get_absolute_url(), section_all, ("section",)),
        Page("home (form-made sections)", "/", m(("section", "name")), ("section",)),
        Page("AI author page (form)", persona.get_absolute_url(), persona_all[:2],
             ("personaform",)),
        Page("article page (form corrections)", o["llm_article"].get_absolute_url(),
             m(("correctionform", "note")), ("correctionform",)),
        Page("section list", "/admin/articles/section/", m(("section", "name")), ("section",),
             admin=True),
        Page("section change (aggregate)", f"/admin/articles/section/{sec.pk}/change/",
             section_all, ("section",), admin=True),
        Page("AI author list (form)", "/admin/articles/aiauthor/", m(("personaform", "name")),
             ("personaform",), admin=True),
        Page("AI author change (form aggregate)",
             f"/admin/articles/aiauthor/{persona.pk}/change/", persona_all, ("personaform",),
             admin=True),
        Page("story list", "/admin/sources/story/", m(("story", "title")), ("story",),
             admin=True),
        Page("story change (form)", f"/admin/sources/story/{o['form_stories'][0].pk}/change/",
             story_all, ("story",), admin=True),
        Page("story change (aggregate)", f"/admin/sources/story/{o['story_aggregate'].pk}/change/",
             story_all, ("story",), admin=True),
        Page("feed list (form)", "/admin/sources/feed/?q=" + token("feedform", "url"),
             feed_all, ("feedform",), admin=True),
        Page("feed change (form)", f"/admin/sources/feed/{o['form_feeds'][0].pk}/change/",
             feed_all + m(("feedform", "url")), ("feedform",), admin=True),
        Page("feed change (form aggregate)",
             f"/admin/sources/feed/{o['feedform_aggregate'].pk}/change/", feed_all, ("feedform",),
             admin=True),
        Page("fact-check review (form flags)", f"/admin/articles/article/{o['checked'].pk}/review/",
             m(("flag", "note")), ("flag",), admin=True),
        Page("flag change (form)", f"/admin/articles/flag/{first_flag.pk}/change/", flag_all,
             ("flag",), admin=True),
        Page("flag change (form aggregate)",
             f"/admin/articles/flag/{o['flag_aggregate'].pk}/change/", m(("flag", "note")),
             ("flag",), admin=True),
        Page("article change (form comments)", f"/admin/articles/article/{o['checked'].pk}/change/",
             m(("commentform", "text")), ("commentform",), admin=True),
        Page("audit event (send-back)",
             f"/admin/articles/auditevent/{o['sent_back'][0].pk}/change/",
             m(("sendback", "comment")), ("sendback",), admin=True),
        Page("audit event (send-back aggregate)",
             f"/admin/articles/auditevent/{o['sendback_aggregate'].pk}/change/",
             m(("sendback", "comment")), ("sendback",), admin=True),
        Page("error report (triaged)", f"/admin/articles/errorreport/{first_report[0].pk}/change/",
             m(("triage", "reason")), ("triage",), admin=True),
        Page("error report (triage aggregate)",
             f"/admin/articles/errorreport/{o['triage_aggregate'].pk}/change/",
             m(("triage", "reason")), ("triage",), admin=True),
        Page("correction list (form)", "/admin/articles/correction/?q="
             + token("correctionform", "note"), m(("correctionform", "note")),
             ("correctionform",), admin=True),
    ]  # fmt: skip
    for model in django_admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        pages.append(Page(f"{model._meta.label_lower} list (hostile ?q=)", f"{base}?{hostile_q}",
                          (), ("query",), admin=True))  # fmt: skip
    for label, obj in (
        ("article", o["edited"]),
        ("source", o["paste_sources"][0]),
        ("story", o["pasted"]),
        ("section", sec),
        ("feed", o["form_feeds"][0]),
    ):
        path = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/?{kept}"
        pages.append(Page(f"{label} change (hostile _changelist_filters)", path, (), ("query",),
                          admin=True))  # fmt: skip
    for k, target in enumerate((
        "javascript:alert(document.domain)", "//evil.example/", "https://evil.example/",
        "\"><script>alert(1)</script>", "/admin/\" onmouseover=\"alert(1)",
        "data:text/html,<script>alert(1)</script>",
    )):  # fmt: skip
        pages.append(
            Page(
                f"login (hostile next {k + 1})",
                "/admin/login/?" + urlencode({"next": target}),
                (),
                ("query",),
            )
        )
    return pages


def page_table(world: World) -> list[Page]:
    """Every page that shows the hostile values, with the markers each must show."""
    o = world.objects
    m = world.markers
    llm, wip, edited = o["llm_article"], o["wip"], o["edited"]
    persona_all = m(("persona", "name"), ("persona", "bio"), ("persona", "disclaimer"))
    teaser = ("llm", "headline"), ("llm", "dek"), ("edit", "headline"), ("persona", "name")
    llm_text = ("llm", "headline"), ("llm", "dek"), ("llm", "paragraph"), ("llm", "bullet")
    llm_body = (*llm_text, ("llm", "heading"), ("llm", "fact"))
    edit_text = ("edit", "headline"), ("edit", "dek"), ("edit", "body")
    listed = ("title", "outlet")
    report = o["reports"][0]
    search_q = " ".join(p for p in PAYLOADS if p[:1] in "\"'")[:200]
    for origin in Source.Origin:
        assert Source.objects.filter(origin=origin).count() <= 200, "one list page shows 200"
    correction_event = (
        AuditEvent.objects.filter(
            action="article.corrected", reason__startswith=token("correction", "note")
        )
        .order_by("pk")
        .first()
    )
    flag = Flag.objects.filter(article=llm).first()
    admin = "/admin/articles/article/"
    pages = [
        Page("article page (LLM)", llm.get_absolute_url(),
             m(*llm_body, *source_keys("paste", *listed), ("edit", "headline")) + persona_all,
             ("llm", "persona", "paste", "edit")),
        Page("article page (edited)", edited.get_absolute_url(),
             m(*edit_text, ("correction", "note"), *source_keys("import", *listed),
               *source_keys("feed", *listed), ("llm", "headline")) + persona_all,
             ("edit", "persona", "correction", "import", "feed", "llm")),
        Page("home", "/", m(*teaser), ("llm", "edit", "persona")),
        Page("section", edited.section.get_absolute_url(), m(*teaser), ("llm", "edit", "persona")),
        Page("AI author page", o["persona"].get_absolute_url(),
             m(*teaser, ("persona", "bio")), ("llm", "edit", "persona")),
        Page("editor page", editor_path("managing"), m(*teaser), ("llm", "edit", "persona")),
        Page("search results", "/search/?q=" + token("edit", "headline"),
             m(("edit", "headline"), ("edit", "dek")), ("edit", "persona")),
        Page("search (hostile query)", "/search/?" + _query(search_q), (), ()),
        Page("preview (draft)", _path(make_preview_url(wip)), m(("edit", "headline")) + persona_all,
             ("edit", "persona")),
        Page("preview (published)", _path(make_preview_url(edited)),
             m(*edit_text, ("correction", "note")) + persona_all,
             ("edit", "persona", "correction", "import", "feed")),
        Page("report form", f"/report/{edited.pk}/", m(("edit", "headline")), ("edit",)),
        Page("not found (hostile path)", "/authors/ai/%3Cscript%3Ealert(0)%3C%2Fscript%3E/",
             status=404),
        Page("RSS", "/feeds/rss.xml", m(*teaser, ("persona", "disclaimer")),
             ("llm", "edit", "persona"), kind="feed"),
        Page("Atom", "/feeds/atom.xml", m(*teaser, ("persona", "disclaimer")),
             ("llm", "edit", "persona"), kind="feed"),
        Page("section RSS", "/section/local/rss.xml", m(*teaser), ("llm", "edit", "persona"),
             kind="feed"),
        Page("news sitemap", "/news-sitemap.xml", m(("edit", "headline")), ("llm", "edit"),
             kind="xml"),
        # Admin.
        Page("article list", admin, m(("llm", "headline"), ("edit", "headline")),
             ("llm", "edit", "persona"), admin=True),
        Page("article list (hostile search)", admin + "?" + _query(search_q), (), (),
             admin=True),
        Page("article change (failed draft)", f"{admin}{o['failed'].pk}/change/",
             m(("llm", "error")), ("llm", "persona"), admin=True),
        Page("run status JSON", f"{admin}{o['failed'].pk}/runs.json", m(("llm", "error")),
             ("llm",), admin=True, kind="json"),
        Page("run view", f"/admin/articles/run/{o['failed_run'].pk}/change/",
             m(("llm", "error")), ("llm",), admin=True),
        Page("article change (LLM)", f"{admin}{llm.pk}/change/",
             m(*llm_body, *source_keys("paste", *listed), ("persona", "name")),
             ("llm", "paste", "persona"), admin=True),
        Page("article change (draft)", f"{admin}{wip.pk}/change/",
             m(("edit", "headline"), ("persona", "name")), ("edit", "persona"), admin=True),
        Page("article change (edited)", f"{admin}{edited.pk}/change/",
             m(*edit_text, ("comment", "text"), ("comment", "reply"), ("report", "message"),
               *source_keys("import", *listed), *source_keys("feed", *listed)),
             ("edit", "comment", "report", "import", "feed", "persona"), admin=True),
        Page("fact-check review (LLM)", f"{admin}{llm.pk}/review/",
             m(*llm_text, ("llm", "reason"), *source_keys("paste", *listed)),
             ("llm", "paste"), admin=True),
        Page("fact-check review (edited)", f"{admin}{edited.pk}/review/",
             m(*edit_text, ("llm", "reason")), ("edit", "llm", "import", "feed"), admin=True),
        Page("revisions (LLM)", f"{admin}{llm.pk}/revisions/", m(*llm_text), ("llm",),
             admin=True),
        Page("revisions (edited)", f"{admin}{edited.pk}/revisions/",
             m(*edit_text, ("correction", "note")), ("edit", "correction"), admin=True),
        Page("correction form", f"{admin}{edited.pk}/correct/?report={report.pk}",
             m(*edit_text, ("report", "message")), ("edit", "report"), admin=True),
        Page("revision list", "/admin/articles/revision/", m(("edit", "headline")),
             ("llm", "edit"), admin=True),
        Page("claim list", "/admin/articles/claim/?q=" + token("llm", "paragraph"),
             m(("llm", "paragraph")), ("llm",), admin=True),
        Page("flag list", "/admin/articles/flag/?q=" + token("llm", "reason"),
             m(("llm", "reason")), ("llm",), admin=True),
        Page("flag change", f"/admin/articles/flag/{flag.pk}/change/", m(("llm", "reason")),
             ("llm",), admin=True),
        Page("AI author list", "/admin/articles/aiauthor/?q=" + token("persona", "name"),
             m(("persona", "name")), ("persona",),
             admin=True),
        Page("AI author change", f"/admin/articles/aiauthor/{o['persona'].pk}/change/",
             persona_all, ("persona",), admin=True),
        Page("comment list", "/admin/articles/comment/", m(("edit", "headline")),
             ("comment", "edit"), admin=True),
        Page("comment change", f"/admin/articles/comment/{o['comment'].pk}/change/",
             m(("comment", "text")), ("comment", "edit"), admin=True),
        Page("comment change (reply)", f"/admin/articles/comment/{o['reply'].pk}/change/",
             m(("comment", "reply")), ("comment", "edit"), admin=True),
        Page("comment change (accepted report)",
             f"/admin/articles/comment/{o['report_comment'].pk}/change/",
             m(("report", "message")), ("report", "edit"), admin=True),
        Page("correction list", "/admin/articles/correction/", m(("edit", "headline")),
             ("correction", "edit"), admin=True),
        Page("correction change",
             f"/admin/articles/correction/{o['correction'].pk}/change/",
             m(("correction", "note")), ("correction", "edit"), admin=True),
        Page("error report list", "/admin/articles/errorreport/", m(("edit", "headline")),
             ("report", "edit"), admin=True),
        Page("error report change", f"/admin/articles/errorreport/{report.pk}/change/",
             m(("report", "name"), ("report", "message")), ("report", "edit"), admin=True),
        Page("error report change (aggregate)",
             f"/admin/articles/errorreport/{o['report_aggregate'].pk}/change/",
             m(("report", "name"), ("report", "message")), ("report", "edit"), admin=True),
        Page("my queue", "/admin/queue/", m(("report", "message"), ("edit", "headline")),
             ("report", "edit", "llm"), admin=True),
        Page("audit log", "/admin/articles/auditevent/", m(("edit", "headline")),
             ("edit", "comment", "report", "correction"), admin=True),
        Page("audit event change", f"/admin/articles/auditevent/{correction_event.pk}/change/",
             m(("correction", "note")), ("correction", "edit"), admin=True),
        *[
            Page(f"source list ({place})", f"/admin/sources/source/?origin__exact={origin}&all=",
                 m(*source_keys(place, *listed)), (place,), admin=True)
            for place, origin in (("paste", "paste"), ("import", "url"), ("feed", "feed"))
        ],
        Page("story change (pasted)", f"/admin/sources/story/{o['pasted'].pk}/change/",
             m(*source_keys("paste", *listed)), ("paste",), admin=True),
        Page("story change (imported)", f"/admin/sources/story/{o['imported'].pk}/change/",
             m(*source_keys("import", *listed)), ("import",), admin=True),
        Page("feed list", "/admin/sources/feed/", m(("feed", "outlet")), ("feed",), admin=True),
        Page("feed change", f"/admin/sources/feed/{o['feeds'][0].pk}/change/",
             m(("feed", "outlet"), ("feed", "title")), ("feed",), admin=True),
        Page("feed change (aggregate)",
             f"/admin/sources/feed/{o['aggregate_feed'].pk}/change/",
             m(("feed", "outlet"), ("feed", "title")), ("feed",), admin=True),
        Page("feed item list", "/admin/sources/feeditem/?q=" + token("feed", "title"),
             m(("feed", "title")), ("feed",), admin=True),
        Page("feed item view (aggregate)",
             f"/admin/sources/feeditem/{o['aggregate_item'].pk}/change/", m(("feed", "title")),
             ("feed",), admin=True),
        Page("import job list", "/admin/sources/importjob/",
             m(("import", "title"), ("import", "outlet")), ("import",), admin=True),
        Page("import job view (aggregate)",
             f"/admin/sources/importjob/{o['import_job_aggregate'].pk}/change/",
             m(("import", "title")), ("import",), admin=True),
        Page("import page", f"/admin/sources/source/import/?job={o['import_jobs'][0].pk}",
             m(("import", "title")), ("import",), admin=True),
        Page("import page (aggregate)",
             f"/admin/sources/source/import/?job={o['import_job_aggregate'].pk}",
             m(("import", "title")), ("import",), admin=True),
    ]  # fmt: skip
    pages += form_page_table(world, search_q)
    for place in ("paste", "import", "feed"):
        keys = source_keys(place)
        first = o[f"{place}_sources"][0]
        kept = tuple(token(p, f) for p, f in keys if token(p, f) in getattr(first, f).lower())
        pages.append(
            Page(f"source change ({place})", f"/admin/sources/source/{first.pk}/change/",
                 kept, (place,), admin=True)
        )  # fmt: skip
        pages.append(
            Page(f"source change ({place}, aggregate)",
                 f"/admin/sources/source/{o[f'{place}_aggregate'].pk}/change/",
                 m(*keys), (place,), admin=True)
        )  # fmt: skip
    return pages


def form_table(world: World) -> list[Form]:
    """Forms whose answer echoes what was typed: the admin's paste form (added, then refused as
    a duplicate), the article form when someone else saved first, the public report form
    refusing a name that is too long."""
    o, m = world.objects, world.markers
    paste = {
        "#id_title": packed(token("paste", "title"), SOURCE_CAPS["title"])[0],
        "#id_outlet": packed(token("paste", "outlet"), SOURCE_CAPS["outlet"])[0],
        "#id_author": packed(token("paste", "author"), SOURCE_CAPS["author"])[0],
        "#id_text": pack(token("paste", "text"), sep="\n") + "\nPasted through the form.",
    }
    wip = o["wip"]
    edits = {
        "#id_headline": packed(token("edit", "headline"), 300)[0],
        "#id_dek": packed(token("edit", "dek"), 1000)[0],
        "#id_body": hostile_body(token("edit", "body")),
    }
    report = {
        "#id_message": packed(token("report", "message"), READER_MESSAGE_CAP)[0],
        "#id_name": packed(token("report", "name"), 3 * READER_NAME_CAP)[0],
    }
    return [
        Form("paste form: added (back to the source list)", "/admin/sources/source/add/", paste,
             m(("paste", "title"), ("paste", "outlet")), ("paste",),
             send="#content-main [type=submit]"),
        Form("paste form: duplicate", "/admin/sources/source/add/", paste,
             m(("paste", "title"), ("paste", "outlet"), ("paste", "text")), ("paste",),
             send="#content-main [type=submit]"),
        Form("article form: edit conflict", f"/admin/articles/article/{wip.pk}/change/", edits,
             m(("edit", "headline"), ("edit", "dek"), ("edit", "body")), ("edit",),
             before_send=lambda: Article.objects.filter(pk=wip.pk).update(
                 version=wip.version + 1)),
        Form("report form: refused", f"/report/{o['edited'].pk}/", report,
             m(("report", "name"), ("report", "message"), ("edit", "headline")),
             ("report", "edit"), send="[name=submit]", admin=False),
    ]  # fmt: skip


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _query(q: str) -> str:
    return urlencode({"q": q})


# ----------------------------------------------------------------------------- the browser


@dataclass
class Report:
    """What the browser saw: every finding, every marker a page failed to show, and counts."""

    findings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    loads: int = 0
    checked: dict[str, tuple[str, ...]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(
        self, label: str, path: str, places: tuple[str, ...], problems: list[str],
        missing: list[str], started: float,
    ) -> None:  # fmt: skip
        self.findings += [f"{label} ({path[:80]}): {p}" for p in problems]
        self.missing += [f"{label}: {marker}" for marker in missing]
        self.checked[label] = places
        self.seconds[label] = time.monotonic() - started


class Visitor:
    """Opens pages in one Chromium page with the recorders installed, and scans each."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.events: list[str] = []
        page.add_init_script(INIT_SCRIPT)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.events.append(f"page error: {error}"))
        page.on("popup", lambda popup: self.events.append(f"popup: {popup.url}"))
        page.context.set_default_navigation_timeout(30_000)

    def _dialog(self, dialog) -> None:
        self.events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def log_in(self, username: str) -> None:
        self.page.goto(f"{self.base}/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", "pw-for-tests")
        self.page.click("input[type=submit]")
        self.page.wait_for_url(f"{self.base}/admin/")

    def scan(
        self, expected_url: str | None = None, markers: tuple[str, ...] = ()
    ) -> tuple[list[str], list[str]]:
        """Scan the page the browser shows now (with the events since the last scan); returns
        the problems and the markers the page does not show."""
        result = self.page.evaluate(SCAN_SCRIPT, list(markers))
        problems = list(result["found"])
        if result["hits"] is None:
            problems.append("the recorders were not installed")
        else:
            problems += [f"recorder fired: {h}" for h in result["hits"]]
        if expected_url and result["url"] != expected_url:
            problems.append(f"navigated away to {result['url']}")
        problems += self.events
        self.events = []
        problems += [f"frame: {frame.url}" for frame in self.page.frames[1:]]
        return problems, result["missing"]

    def visit(self, page: Page, report: Report) -> None:
        url = self.base + page.path
        started = time.monotonic()
        try:
            response = self.page.goto(url)
        except PlaywrightError as error:
            report.add(page.label, page.path, page.places, [f"did not load: {error}"], [], started)
            return
        report.loads += 1
        status = response.status if response is not None else None
        if status != page.status:  # a finding; the other pages are still checked
            problems = [f"answered {status}, expected {page.status}"]
            report.add(page.label, page.path, page.places, problems, [], started)
            return
        if page.kind == "html":
            problems, missing = self.scan(url, page.markers)
        else:
            text = response.text()
            missing = [marker for marker in page.markers if marker not in text.lower()]
            if page.kind == "json":
                problems = self._check_json(response) + self.scan(url)[0]
            else:
                problems = self._check_xml(page, text)
        report.add(page.label, page.path, page.places, problems, missing, started)

    def submit(self, form: Form, report: Report) -> None:
        started = time.monotonic()
        try:
            self.page.goto(self.base + form.path)
            for selector, value in form.fill.items():
                # As a client that ignores maxlength would send it.
                self.page.eval_on_selector(selector, "el => el.removeAttribute('maxlength')")
                if self.page.is_visible(selector):
                    self.page.fill(selector, value)
                else:  # the body's textarea, hidden by the rich-text editor: sent as is
                    self.page.eval_on_selector(selector, "(el, v) => { el.value = v; }", value)
            if form.before_send is not None:
                form.before_send()
            with self.page.expect_navigation() as navigation:
                self.page.click(form.send)
        except PlaywrightError as error:
            report.add(form.label, form.path, form.places, [f"failed: {error}"], [], started)
            return
        report.loads += 2
        response = navigation.value
        if response is not None and response.status >= 500:
            problems = [f"answered {response.status}"]
            report.add(form.label, form.path, form.places, problems, [], started)
            return
        problems, missing = self.scan(None, form.markers)
        report.add(form.label, form.path, form.places, problems, missing, started)

    @staticmethod
    def _check_json(response) -> list[str]:
        headers = response.headers
        json.loads(response.text())
        problems = []
        if not headers.get("content-type", "").startswith("application/json"):
            problems.append(f"JSON served as {headers.get('content-type')}")
        if headers.get("x-content-type-options") != "nosniff":
            problems.append("JSON without X-Content-Type-Options: nosniff")
        return problems

    def _check_xml(self, page: Page, text: str) -> list[str]:
        """Feeds and sitemaps: well-formed XML without foreign elements; for feeds, each item
        rendered as a naive reader would (HTML constructs as HTML, RSS titles too, the rest as
        text), then scanned like any page."""
        root = ET.fromstring(text)  # noqa: S314 - our own server's feed, parsed to check it
        problems = [
            f"unexpected element {el.tag}"
            for el in root.iter()
            if el.tag.rsplit("}", 1)[-1].lower() in FOREIGN_ELEMENTS
        ]
        if page.kind != "feed":
            return problems
        parts = []
        for el in root.iter():
            name = el.tag.rsplit("}", 1)[-1]
            if not el.text or not el.text.strip() or len(el):
                continue
            kind = el.get("type") or ("html" if root.tag == "rss" and name == "title" else "text")
            as_html = name in ("description", "content") or (
                name in ("summary", "title") and kind == "html"
            )
            parts.append(el.text if as_html else html.escape(el.text))
        # Each part alone, as a reader shows one entry's field (a <plaintext> in one part must
        # not swallow the others).
        self.page.goto(f"{self.base}/robots.txt")
        result = self.page.evaluate(ISOLATED_SCRIPT, parts)
        hits = [f"recorder fired: {h}" for h in result["hits"] or []]
        events, self.events = self.events, []
        return problems + result["found"] + hits + events


FOREIGN_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "img", "style", "a", "p"}


def run_pages(visitor: Visitor, world: World) -> Report:
    """Public pages and forms as a reader, then admin pages and forms as a superuser."""
    report = Report()
    for admin in (False, True):
        if admin:
            visitor.log_in("admin")
            report.loads += 1
        for page in world.pages:
            if page.admin == admin:
                visitor.visit(page, report)
        for form in world.forms:
            if form.admin == admin:
                visitor.submit(form, report)
    return report


def summary(world: World, report: Report, seconds: float) -> str:
    per_place = {place: 0 for place in PLACES}
    for places in report.checked.values():
        for place in places:
            per_place[place] += 1
    fields = sorted(world.stored)
    dropped = [f"{p} {f}" for p, f in fields if not world.markers((p, f))]
    lines = [
        f"{len(PAYLOADS)} payloads x {len(PLACES)} places x {len(report.checked)} pages "
        f"({report.loads} page loads, {seconds:.1f}s); payload-place-page checks: "
        f"{len(PAYLOADS) * sum(per_place.values())}",
        *[f"  {PLACES[p]}: shown on {n} pages" for p, n in per_place.items()],
        "  carriers: "
        + ", ".join(
            f"{p} {len(world.objects[p + '_sources'])}" for p in ("paste", "import", "feed")
        )
        + f", reader reports {len(world.objects['reports'])}",
        f"  fields written: {len(fields)}; values stored: "
        f"{sum(len(v) for v in world.stored.values())}; marker lost at entry: "
        + (", ".join(dropped) or "none"),
        "  setup: " + ", ".join(f"{k} {v:.1f}s" for k, v in world.seconds.items()),
        "  slowest pages: "
        + ", ".join(
            f"{k} {v:.2f}s" for k, v in sorted(report.seconds.items(), key=lambda i: -i[1])[:8]
        ),
    ]
    return "\n".join(lines)


@pytest.fixture
def hostile_world(live_server, staff, demo, settings, llm_settings, llm_server, tmp_path):
    """The corpus in every place, with the Content Security Policy the site ships (a blocked
    script is reported by the recorders: a finding like any other); private fetches allowed,
    the LLM server scripted."""
    if connection.vendor != "sqlite":
        pytest.skip("packs every payload into one value, longer than VARCHAR columns allow")
    assert settings.SECURE_CSP, "the site's CSP is on"
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True
    settings.NEWSROOM_SITE_URL = live_server.url
    yield from build_world(staff, demo, llm_server, tmp_path)


def rendered_body(markup: str) -> str:
    """What the article page shows for a body an editor saved: cleaned once, on save."""
    from articles.editing import clean_body
    from articles.models import Article
    from articles.templatetags.newsroom import article_body

    return str(article_body(Article(**clean_body(markup))))


def isolated(page, base: str) -> tuple[list[str], list[str]]:
    """Run every payload alone through the policy and into Chromium; (findings, recorder hits)."""
    page.goto(f"{base}/robots.txt")
    result = page.evaluate(ISOLATED_SCRIPT, [rendered_body(p) for p in PAYLOADS])
    return result["found"], result["hits"] or []


@pytest.mark.browser
@needs_browser
def test_each_payload_alone_through_the_html_policy(live_server, browser_page, settings):
    """Every payload as a whole article body, one at a time: nothing survives to run (with the
    site's CSP on: a blocked script is reported too)."""
    visitor = Visitor(browser_page, live_server.url)
    found, hits = isolated(browser_page, live_server.url)
    assert visitor.events == [] and hits == [] and found == [], (visitor.events, hits, found)


@pytest.mark.browser
@needs_browser
def test_hostile_text_in_every_place_on_every_page(
    hostile_world, live_server, browser_page, capsys
):
    """Every payload in every place, every page that shows it: no script, handler or
    script URL survives, and every page shows the values it should."""
    started = time.monotonic()
    report = run_pages(Visitor(browser_page, live_server.url), hostile_world)
    with capsys.disabled():
        print("\nXSS: " + summary(hostile_world, report, time.monotonic() - started))
        print(f"  HTTP form submissions: {hostile_world.posts}")
    findings = hostile_world.form_findings + report.findings
    assert findings == [], "\n".join(findings[:80])
    assert report.missing == [], "\n".join(report.missing)


@pytest.mark.browser
@needs_browser
def test_detector_catches_the_payloads_without_the_sanitiser(
    live_server, browser_page, staff, demo, settings, monkeypatch
):
    """With the one policy patched away the same detector fires on the article page (and in
    the isolated run): the suite above can fail."""
    settings.SECURE_CSP = {}
    monkeypatch.setattr(sanitize._cleaner, "clean", lambda markup: markup)
    article = editing.create_article(
        staff["editor"], section=Section.objects.get(slug="local"), headline="Unprotected",
        body=hostile_body(token("edit", "body")), ai_author=demo.published.ai_author,
    )  # fmt: skip
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    visitor = Visitor(browser_page, live_server.url)
    report = Report()
    visitor.visit(Page("article page", article.get_absolute_url()), report)
    text = "\n".join(report.findings)
    assert "handler onerror" in text and "inline script" in text and "script URL in href" in text
    assert "recorder fired: alert(" in text and "recorder fired: document.title=" in text
    found, hits = isolated(browser_page, live_server.url)
    assert len({f.split(":")[0] for f in found}) > len(PAYLOADS) // 2
    assert any(h.startswith("alert(") for h in hits)
