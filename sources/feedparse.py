"""Safe parsing of RSS and Atom feeds.

The bytes are decoded by :func:`sources.charset.decode`, re-encoded as UTF-8 and checked
with defusedxml before feedparser sees them: entity declarations (billion laughs), external
entities and document type definitions with an internal subset are refused (the prolog is
inspected, not the content: markup inside CDATA is text), and the document must be
well-formed XML. Entries are capped in number and size, converted to plain text, and
an entry that fails to convert is skipped without losing the others.
"""

from __future__ import annotations

import hashlib
import html.entities
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from sources.charset import decode
from sources.errors import InputError
from sources.text import html_to_text, one_line, tidy

MAX_ENTRIES = 500
MAX_ENTRY_CHARS = 200_000
MAX_TITLE_CHARS = 1_000

logger = logging.getLogger(__name__)


class FeedError(InputError):
    """The feed could not be parsed; ``code`` is one of ``empty``, ``unsafe_xml``,
    ``invalid_xml`` or ``not_a_feed``."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item as plain text. ``content`` is set only when the feed carries the
    full article (``content:encoded`` or Atom ``content``)."""

    entry_id: str
    link: str
    title: str
    author: str
    published: datetime | None
    updated: datetime | None
    summary: str
    content: str
    truncated: bool = False

    @property
    def guid(self) -> str:
        return self.entry_id


@dataclass(frozen=True)
class ParsedFeed:
    url: str
    title: str
    link: str
    description: str
    language: str
    version: str
    encoding: str
    entries: list[FeedEntry] = field(default_factory=list)
    encoding_note: str = ""
    skipped: int = 0
    dropped: int = 0
    warnings: list[str] = field(default_factory=list)


def _truncate(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ", limit - 200)
    return (cut[:space] if space > 0 else cut).rstrip() + " …", True


# ----------------------------------------------------------------------------- XML safety

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_DOCTYPE = re.compile(r"""<!DOCTYPE\b(?:[^"'\[>]|"[^"]*"|'[^']*')*(?P<end>[\[>])""", re.IGNORECASE)
_SUBSET_END = re.compile(r"\]\s*>")
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


def _entity_to_reference(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    codepoints = html.entities.html5.get(name + ";")
    if codepoints is None:
        return match.group(0)
    return "".join(f"&#{ord(c)};" for c in codepoints)


def _prolog_doctype(text: str) -> re.Match[str] | None:
    """The document type declaration of the prolog (before the root element), if any. Markup
    after the root element starts, in CDATA or comments, is content and is left alone."""
    position = 0
    while item := _PROLOG_ITEM.match(text, position):
        position = item.end()
    return _DOCTYPE.match(text, position)


def _prepare(text: str, url: str, warnings: list[str]) -> bytes:
    """Neutralise the prolog and return UTF-8 bytes safe to hand to an XML parser.

    A DOCTYPE with an internal subset is refused, naming entity declarations when it has
    some; one without is removed. defusedxml then refuses any DTD or entity declaration that
    is still there.
    """
    doctype = _prolog_doctype(text)
    if doctype and doctype.group("end") == "[":
        subset_end = _SUBSET_END.search(text, doctype.end())
        subset = text[doctype.end() : subset_end.start() if subset_end else None]
        if _ENTITY_DECL.search(subset):
            raise FeedError(
                f"Refusing feed {url}: it declares XML entities (<!ENTITY>), a pattern used "
                "for entity-expansion (billion laughs) and external-entity attacks",
                code="unsafe_xml",
                url=url,
            )
        raise FeedError(
            f"Refusing feed {url}: its DOCTYPE has an internal subset, which feeds never need",
            code="unsafe_xml",
            url=url,
        )
    if doctype:
        text = text[: doctype.start()] + text[doctype.end() :]
        warnings.append("removed the document type declaration")
    text = _XML_DECL.sub("", text, count=1)
    if _CONTROL_CHARS.search(text):
        text = _CONTROL_CHARS.sub("", text)
        warnings.append("removed control characters not allowed in XML")
    text = _NAMED_ENTITY.sub(_entity_to_reference, text)
    return ('<?xml version="1.0" encoding="utf-8"?>' + text).encode("utf-8")


def _check_xml(data: bytes, url: str) -> str:
    """Parse with defusedxml (no DTDs, entities or external references); return the root's
    local name."""
    try:
        root = defusedxml.ElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise FeedError(
            f"Refusing feed {url}: unsafe XML construct ({type(exc).__name__})",
            code="unsafe_xml",
            url=url,
        ) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":", 1)[0]
        raise FeedError(
            f"Feed {url} is not well-formed XML: {reason} at line {line}, column {column + 1}",
            code="invalid_xml",
            url=url,
        ) from None
    return root.tag.rsplit("}", 1)[-1].lower()


# ----------------------------------------------------------------------------- entries


def _datetime(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _http_url(base: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    absolute = urljoin(base, value.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else ""


def _detail_text(value: str, detail: Any, limit: int) -> str:
    kind = (detail or {}).get("type", "text/html") if isinstance(detail, dict) else "text/html"
    if kind == "text/plain":
        return tidy(value[: limit * 4])
    return html_to_text(value, limit)


_EMAIL_THEN_NAME = re.compile(r"\S+@\S+\s*\((?P<name>[^()]+)\)")
_NAME_THEN_EMAIL = re.compile(r"(?P<name>[^<>]+?)\s*<\S+@\S+>")


def _author(raw: Any) -> str:
    """The author's name; RSS ``email (Name)`` and ``Name <email>`` forms give the name."""
    author = (raw.get("author") or "").strip()
    if not author and raw.get("authors"):
        author = (raw["authors"][0].get("name") or "").strip()
    match = _EMAIL_THEN_NAME.fullmatch(author) or _NAME_THEN_EMAIL.fullmatch(author)
    if match:
        author = match.group("name")
    return one_line(html_to_text(author, MAX_TITLE_CHARS))[:MAX_TITLE_CHARS]


def _entry(raw: Any, base: str) -> FeedEntry:
    link = _http_url(base, raw.get("link"))
    if not link:
        for candidate in raw.get("links") or []:
            if candidate.get("rel", "alternate") == "alternate":
                link = _http_url(base, candidate.get("href"))
                if link:
                    break
    title = _detail_text(raw.get("title") or "", raw.get("title_detail"), MAX_TITLE_CHARS)
    title = one_line(title)[:MAX_TITLE_CHARS]
    author = _author(raw)

    summary = _detail_text(raw.get("summary") or "", raw.get("summary_detail"), MAX_ENTRY_CHARS)
    contents = [
        _detail_text(item.get("value") or "", item, MAX_ENTRY_CHARS)
        for item in raw.get("content") or []
    ]
    content = max(contents, key=len, default="")
    summary, cut_summary = _truncate(summary, MAX_ENTRY_CHARS)
    content, cut_content = _truncate(content, MAX_ENTRY_CHARS)

    published = _datetime(raw.get("published_parsed")) or _datetime(raw.get("created_parsed"))
    # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed.
    updated = _datetime(dict.get(raw, "updated_parsed"))
    entry_id = (raw.get("id") or "").strip()[:2000] or link
    if not entry_id:
        digest = hashlib.sha256(f"{title}\n{summary[:2000]}".encode()).hexdigest()
        entry_id = f"sha256:{digest}"
    return FeedEntry(
        entry_id=entry_id,
        link=link,
        title=title,
        author=author,
        published=published or updated,
        updated=updated,
        summary=summary,
        content=content,
        truncated=cut_summary or cut_content,
    )


def parse_feed(
    content: bytes,
    url: str,
    *,
    charset: str | None = None,
    max_entries: int = MAX_ENTRIES,
) -> ParsedFeed:
    """Parse RSS/Atom bytes fetched from ``url`` into plain-text entries.

    ``charset`` is the HTTP-declared charset, if any. Raises :class:`FeedError` for empty,
    unsafe (entity declarations, DTD subsets) or malformed XML and for non-feed documents.
    """
    if not content or not content.strip():
        raise FeedError(f"Feed {url} is empty", code="empty", url=url)
    warnings: list[str] = []
    decoded = decode(content, charset)
    data = _prepare(decoded.text, url, warnings)
    root = _check_xml(data, url)
    if root not in ("rss", "feed", "rdf"):
        raise FeedError(
            f"Document at {url} is not an RSS or Atom feed (root element <{root}>)",
            code="not_a_feed",
            url=url,
        )
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={
            "content-location": url,
            "content-type": "application/xml; charset=utf-8",
        },
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    if not parsed.get("version"):
        raise FeedError(
            f"Document at {url} is not a recognisable RSS or Atom feed",
            code="not_a_feed",
            url=url,
        )
    feed = parsed.get("feed", {})
    raw_entries = parsed.get("entries", [])
    entries: list[FeedEntry] = []
    skipped = 0
    for index, raw in enumerate(raw_entries[:max_entries]):
        try:
            entries.append(_entry(raw, url))
        except Exception as exc:  # one bad entry must not lose the others
            skipped += 1
            warnings.append(f"skipped entry {index + 1}: {type(exc).__name__}: {exc}")
            logger.warning("Skipped entry %s of feed %s: %s", index + 1, url, exc)
    dropped = max(0, len(raw_entries) - max_entries)
    if dropped:
        warnings.append(f"kept the first {max_entries} entries, dropped {dropped}")
    title = one_line(html_to_text(feed.get("title") or "", MAX_TITLE_CHARS))
    description = html_to_text(feed.get("subtitle") or "", MAX_ENTRY_CHARS)
    return ParsedFeed(
        url=url,
        title=title[:MAX_TITLE_CHARS],
        link=_http_url(url, feed.get("link")),
        description=_truncate(description, 10_000)[0],
        language=(feed.get("language") or "").strip().lower()[:35],
        version=parsed.get("version", ""),
        encoding=decoded.encoding,
        encoding_note=decoded.note if decoded.uncertain else "",
        entries=entries,
        skipped=skipped,
        dropped=dropped,
        warnings=warnings,
    )
