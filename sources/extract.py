"""Article extraction from fetched HTML bytes with trafilatura (offline, deterministic).

Bytes are decoded by :func:`sources.charset.decode`. Metadata that trafilatura reduces (the
publication time, the page language, the canonical link) is read from the page's own markup
first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from sources.charset import decode
from sources.conf import setting
from sources.errors import InputError
from sources.fetch import parse_content_type
from sources.text import MAX_TEXT_CHARS, clean_line, one_line, text_size

MIN_WORDS = 40
# Reader comments (trafilatura finds them apart from the article) are kept after the article
# text only when settings.NEWSROOM_EXTRACT_COMMENTS is True.
COMMENTS_SETTING = "NEWSROOM_EXTRACT_COMMENTS"


class ExtractionError(InputError):
    """No usable article could be extracted (``no_text``, ``not_html``)."""

    def __init__(self, message: str, *, code: str = "no_text", url: str = "") -> None:
        super().__init__(message, code=code, url=url)


@dataclass(frozen=True)
class Extracted:
    """An extracted article. Missing string fields are empty strings. ``encoding_note`` says
    how the encoding was guessed or which bytes were replaced, when either happened."""

    url: str
    title: str
    author: str
    published: datetime | None
    canonical_url: str
    language: str
    text: str
    description: str
    sitename: str
    encoding: str
    encoding_note: str = ""

    @property
    def summary(self) -> str:
        return self.description

    @property
    def outlet(self) -> str:
        return self.sitename

    @property
    def word_count(self) -> int:
        """Words, counting characters of scripts written without spaces (Chinese, Japanese,
        Thai...) as :data:`sources.text.CHARS_PER_WORD` to a word."""
        return round(text_size(self.text).in_words)


# ----------------------------------------------------------------------------- metadata

_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)


def _parse_datetime(value: str | None) -> datetime | None:
    """Parse an ISO 8601 date or date-time; naive values are taken as UTC."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.combine(date.fromisoformat(value), time(0, 0), tzinfo=UTC)
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "T", 1) if " " in value else value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (
            meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        ).strip().lower() or (meta.get("http-equiv") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in values:
            values[key] = content
    return values


def _json_ld_nodes(tree: HtmlElement) -> list[dict]:
    """Every object in the page's JSON-LD blocks, nested ones included."""
    found: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.append(node)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            walk(json.loads(script.text))
        except ValueError:
            continue
    return found


def _names(value: object) -> list[str]:
    """The names in a JSON-LD ``author`` or ``publisher`` value (a name, an object, a list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [value["name"]] if isinstance(value.get("name"), str) else []
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _json_ld_dates(tree: HtmlElement) -> list[str]:
    nodes = _json_ld_nodes(tree)
    return [n["datePublished"] for n in nodes if isinstance(n.get("datePublished"), str)]


_HOST_LIKE = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def _site_name(tree: HtmlElement, meta: dict[str, str], fallback: str | None) -> str:
    """The outlet's name as the page gives it (``og:site_name``, the JSON-LD publisher,
    ``application-name``); never a host name, which says nothing the URL does not."""
    candidates = [meta.get("og:site_name")]
    candidates += [name for n in _json_ld_nodes(tree) for name in _names(n.get("publisher"))]
    candidates += [meta.get("application-name"), fallback]
    for candidate in candidates:
        name = clean_line(candidate)
        if name and not _HOST_LIKE.fullmatch(name):
            return name
    return ""


def _plausible_name(name: str, site: str) -> bool:
    """Whether a byline part reads as a person's name: no digits, addresses or links, not
    the outlet, a few words, and more than one word in scripts that separate words with
    spaces ("Town" or "Office" alone are page furniture, not authors)."""
    if not name or len(name) > 80 or name.casefold() == site.casefold():
        return False
    if re.search(r"\d|@|://|[|<>]", name):
        return False
    words = name.split()
    if len(words) > 6:
        return False
    return len(words) > 1 or not any(c.isascii() and c.isalpha() for c in name)


def _author(tree: HtmlElement, fallback: str | None, site: str) -> str:
    """The article's author(s): the JSON-LD authors if any are names, else the byline
    trafilatura found, each part kept only if it reads as a person's name."""
    structured = [
        clean_line(name)
        for n in _json_ld_nodes(tree)
        if isinstance(n.get("author"), str | dict | list)
        for name in _names(n["author"])
    ]
    for candidates in (structured, re.split(r"[;,]", fallback or "")):
        names = [clean_line(c) for c in candidates]
        names = list(dict.fromkeys(n for n in names if _plausible_name(n, site)))
        if names:
            return ", ".join(names)
    return ""


def _published(tree: HtmlElement, meta: dict[str, str], fallback: str | None) -> datetime | None:
    candidates = [meta.get(key) for key in _DATE_META]
    candidates += _json_ld_dates(tree)
    candidates += [t.get("datetime") for t in tree.iter("time")]
    for candidate in candidates:
        parsed = _parse_datetime(candidate)
        if parsed is not None:
            return parsed
    return _parse_datetime(fallback)


def _language(tree: HtmlElement, meta: dict[str, str]) -> str:
    root = tree.getroottree().getroot()
    value = (
        root.get("lang")
        or root.get("{http://www.w3.org/XML/1998/namespace}lang")
        or meta.get("content-language", "").split(",")[0]
        or meta.get("og:locale", "")
    )
    value = value.strip().replace("_", "-").lower()
    return value if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{1,8})*", value) else ""


def _canonical(tree: HtmlElement, meta: dict[str, str], url: str) -> str:
    hrefs = [
        link.get("href")
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    hrefs.append(meta.get("og:url"))
    for href in hrefs:
        if not href or not href.strip():
            continue
        absolute = urljoin(url, href.strip())
        if urlsplit(absolute).scheme in ("http", "https"):
            return absolute
    return url


# ----------------------------------------------------------------------------- extract


def extract(
    content: bytes | str,
    url: str,
    *,
    content_type: str | None = None,
    charset: str | None = None,
    min_words: int = MIN_WORDS,
    comments: bool | None = None,
) -> Extracted:
    """Extract the main article text and metadata from an HTML page.

    ``charset`` (or the charset parameter of ``content_type``) is the HTTP-declared
    encoding. Raises :class:`ExtractionError` (code ``no_text``) if the page holds less than
    ``min_words`` words of article text (in scripts written without spaces,
    :data:`~sources.text.CHARS_PER_WORD` characters make a word), or (code ``not_html``) if
    it cannot be parsed. ``comments`` (default: ``settings.NEWSROOM_EXTRACT_COMMENTS``,
    False) keeps the readers' comments after the article text, under a "Reader comments:"
    line; they do not count towards the minimum.
    """
    if comments is None:
        comments = bool(setting(COMMENTS_SETTING, False))
    if charset is None and content_type:
        charset = parse_content_type(content_type)[1]
    if isinstance(content, bytes):
        decoded = decode(content, charset)
        html, encoding = decoded.text, decoded.encoding
        encoding_note = decoded.note if decoded.uncertain else ""
    else:
        html, encoding, encoding_note = content, "utf-8", ""
    if not html.strip():
        raise ExtractionError(f"Empty page: {url}", code="no_text", url=url)
    tree = load_html(html)
    if tree is None:
        raise ExtractionError(f"Could not parse HTML from {url}", code="not_html", url=url)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=comments,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    text = (getattr(document, "text", None) or "").strip()
    size = text_size(text)
    if document is None or not size.reaches(min_words):
        raise ExtractionError(
            f"No article text found at {url}: {size.shortfall(min_words)} (the page may be "
            "navigation, a paywall or a script-rendered app)",
            code="no_text",
            url=url,
        )
    if comments and getattr(document, "comments", None):
        text = f"{text}\n\nReader comments:\n{document.comments.strip()}"
    meta = _meta_values(tree)
    site = _site_name(tree, meta, document.sitename)
    return Extracted(
        url=url,
        title=clean_line(document.title),
        author=_author(tree, document.author, site),
        published=_published(tree, meta, document.date),
        canonical_url=_canonical(tree, meta, url),
        language=_language(tree, meta),
        text=text[:MAX_TEXT_CHARS],
        description=one_line(document.description),
        sitename=site,
        encoding=encoding,
        encoding_note=encoding_note,
    )
