"""sources.feedparse: RSS/Atom parsing, hostile and malformed feeds, encodings, caps."""

from __future__ import annotations

import socket
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources import feedparse
from sources.feedparse import MAX_ENTRY_CHARS, FeedError, parse_feed
from sources.fetch import parse_content_type
from sources.text import html_to_text
from tests import intl_fixtures as intl

PAGES = Path(__file__).resolve().parent / "data" / "pages"
FEED_URL = "https://courier.example/feed.xml"


def feed(name: str) -> bytes:
    return (PAGES / name).read_bytes()


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("feed parsing tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def rss(items: str, head: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{head}<rss version="2.0"><channel>'
        f"<title>Test feed</title><link>https://t.example/</link>{items}</channel></rss>"
    ).encode()


# ----------------------------------------------------------------------------- valid feeds


def test_rss_feed():
    parsed = parse_feed(feed("feed_rss.xml"), FEED_URL)
    assert parsed.title == "Millbrook Courier – Local news"
    assert parsed.link == "https://courier.example/"
    assert parsed.language == "en-gb"
    assert parsed.version == "rss20"
    assert parsed.encoding == "utf-8"
    assert len(parsed.entries) == 4
    assert parsed.skipped == 0

    bridge, rail, show, library = parsed.entries
    assert bridge.entry_id == bridge.guid == "courier-2024-0314-bridge"
    assert bridge.link == "https://courier.example/news/2024/03/old-mill-bridge-repair-approved"
    assert bridge.author == "Harriet Okonjo-Vale"
    assert bridge.published == datetime(2024, 3, 14, 18, 30, tzinfo=UTC)
    assert bridge.summary == (
        "Councillors voted 7-2 to fund a £1.4m repair of the Old Mill Bridge.\n\n"
        "Work starts in May."
    )
    assert "alert" not in bridge.summary and "<" not in bridge.summary
    assert bridge.content.startswith("Millbrook Town Council voted on Thursday evening")
    assert "color" not in bridge.content

    assert rail.link == "https://courier.example/transport/2024/04/eastvale-late-trains"
    assert rail.entry_id == rail.link
    assert rail.published == datetime(2024, 4, 2, 10, 0, tzinfo=UTC)
    assert rail.summary == "Three extra services after 10pm on weekdays & a restored Sunday train."
    assert rail.content == ""

    assert show.published is None  # unparseable date
    assert show.summary == "Prize marrows and a brass band."

    assert library.title == "Library opening hours extended\xa0on Saturdays".replace("\xa0", " ")
    assert library.link == ""  # javascript: link dropped
    assert library.entry_id.startswith("sha256:")


def test_atom_feed():
    parsed = parse_feed(feed("feed_atom.xml"), "https://gazette.example/regional/atom.xml")
    assert parsed.version == "atom10"
    assert parsed.title == "Wend Valley Gazette: Regional"
    assert parsed.language == "en"  # from xml:lang
    first, second = parsed.entries
    assert first.title == "Millbrook council backs repair of Old Mill Bridge"
    assert first.entry_id == "tag:gazette.example,2024:millbrook-bridge"
    assert first.author == "Harriet Okonjo-Vale"
    assert first.published == datetime(2024, 3, 15, 7, 5, tzinfo=UTC)
    assert first.updated == datetime(2024, 3, 15, 8, 0, tzinfo=UTC)
    assert first.summary == "Councillors voted 7-2 for the <repair>."  # type="text" kept as is
    assert first.content == (
        "Millbrook Town Council voted on Thursday evening to fund a £1.4 million repair.\n\n"
        "Work is expected to begin in late May."
    )
    assert second.link == "https://gazette.example/regional/relative/kellsby-workshop"
    assert second.published == datetime(2024, 3, 12, 15, 30, tzinfo=UTC)
    assert (
        second.content == "The technical college in Kellsby has opened a new engineering workshop."
    )


def test_rss1_rdf_feed():
    content = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://t.example/"><title>RDF feed</title><link>https://t.example/</link>
<description>d</description></channel>
<item rdf:about="https://t.example/1"><title>One</title><link>https://t.example/1</link></item>
</rdf:RDF>"""
    parsed = parse_feed(content, "https://t.example/rdf")
    assert parsed.version.startswith("rss1")
    assert [e.link for e in parsed.entries] == ["https://t.example/1"]


# ----------------------------------------------------------------------------- hostile feeds


def test_invalid_xml():
    with pytest.raises(FeedError) as info:
        parse_feed(feed("feed_invalid.xml"), FEED_URL)
    assert info.value.code == "invalid_xml"
    assert "is not well-formed XML: mismatched tag at line 8" in str(info.value)


def test_billion_laughs_is_refused_quickly():
    started = time.monotonic()
    with pytest.raises(FeedError) as info:
        parse_feed(feed("feed_billion_laughs.xml"), FEED_URL)
    assert info.value.code == "unsafe_xml"
    assert "billion laughs" in str(info.value)
    assert time.monotonic() - started < 1


def test_external_entity_is_refused():
    with pytest.raises(FeedError) as info:
        parse_feed(feed("feed_external_entity.xml"), FEED_URL)
    assert info.value.code == "unsafe_xml"


def test_entities_in_utf16_without_a_bom_are_refused():
    with pytest.raises(FeedError) as info:
        parse_feed(intl.read("en_utf16be_nobom_entities.xml"), FEED_URL)
    assert info.value.code == "unsafe_xml"
    assert "declares XML entities" in str(info.value)


def test_bomb_in_utf16_is_refused():
    content = feed("feed_billion_laughs.xml").decode("utf-8").encode("utf-16")
    with pytest.raises(FeedError) as info:
        parse_feed(content, FEED_URL)
    assert info.value.code == "unsafe_xml"


def test_doctype_internal_subset_is_refused():
    content = rss("<item><title>x</title></item>", "<!DOCTYPE rss [ <!ELEMENT rss ANY> ]>")
    with pytest.raises(FeedError) as info:
        parse_feed(content, FEED_URL)
    assert info.value.code == "unsafe_xml"


def test_public_doctype_is_tolerated():
    head = (
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
    )
    parsed = parse_feed(rss("<item><title>Old style</title></item>", head), FEED_URL)
    assert parsed.entries[0].title == "Old style"
    assert "removed the document type declaration" in parsed.warnings


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ("<!DOCTYPE html><html><body><p>A whole page pasted in.</p></body></html>", "pasted"),
        ('<p>Declare one with <code><!ENTITY x "y"></code> in a DTD.</p>', "Declare one"),
        ("<!DOCTYPE note [<!ELEMENT note ANY>]><p>Old markup in an entry.</p>", "Old markup"),
        ('<!DOCTYPE x SYSTEM "file:///etc/passwd"><p>A system id as text.</p>', "system id"),
    ],
)
def test_declarations_inside_content_are_content(markup, kept):
    """Issue #19: a <!DOCTYPE or <!ENTITY inside CDATA got the whole feed refused."""
    content = rss(
        f"<item><title>One</title><description><![CDATA[{markup}]]></description></item>"
        "<item><title>Two</title><description>Plain.</description></item>"
    )
    parsed = parse_feed(content, FEED_URL)
    assert [e.title for e in parsed.entries] == ["One", "Two"]
    assert kept in parsed.entries[0].summary
    assert parsed.warnings == []


@pytest.mark.parametrize(
    "head",
    [
        '<!-- <rss> --><?xml-stylesheet href="s.xsl"?><!DOCTYPE rss [<!ENTITY a "b">]>',
        "<!DOCTYPE rss [\n<!ENTITY % ext SYSTEM 'https://evil.example/x.dtd'> %ext;\n]>",
        "<!doctype rss [<!ENTITY a 'b'>]>",
    ],
)
def test_entity_declarations_in_the_prolog_are_still_refused(head):
    with pytest.raises(FeedError) as info:
        parse_feed(rss("<item><title>x</title></item>", head), FEED_URL)
    assert info.value.code == "unsafe_xml"
    assert "declares XML entities" in str(info.value)


def test_a_doctype_after_the_root_element_starts_is_not_a_prolog_doctype():
    """Defence in depth: defusedxml still refuses any DTD that reaches the parser."""
    content = rss("<item><title>x</title></item>").replace(
        b"<channel>", b'<channel><!DOCTYPE rss [<!ENTITY a "b">]>'
    )
    with pytest.raises(FeedError) as info:
        parse_feed(content, FEED_URL)
    assert info.value.code in ("invalid_xml", "unsafe_xml")


def test_html_entities_and_control_characters():
    parsed = parse_feed(
        rss("<item><title>Caf&eacute;&nbsp;reopens\x0b &mdash; at last</title></item>"), FEED_URL
    )
    assert parsed.entries[0].title == "Café reopens — at last"
    assert "removed control characters not allowed in XML" in parsed.warnings


def test_undefined_entity_is_invalid_xml():
    with pytest.raises(FeedError) as info:
        parse_feed(rss("<item><title>&notanentity;</title></item>"), FEED_URL)
    assert info.value.code == "invalid_xml"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"  \n ", "empty"),
        (b"https://127.0.0.1:1/feed.xml", "invalid_xml"),
        (b"/etc/passwd", "invalid_xml"),
        (b"not xml at all", "invalid_xml"),
        (b'<?xml version="1.0"?><sitemap><loc>x</loc></sitemap>', "not_a_feed"),
    ],
)
def test_not_feeds(content, code):
    with pytest.raises(FeedError) as info:
        parse_feed(content, FEED_URL)
    assert info.value.code == code


def test_not_a_feed_file_and_html_page():
    with pytest.raises(FeedError) as info:
        parse_feed(feed("feed_not_a_feed.xml"), FEED_URL)
    assert info.value.code == "not_a_feed"
    assert "root element <sitemap>" in str(info.value)
    with pytest.raises(FeedError):
        parse_feed(feed("article.html"), FEED_URL)


# ----------------------------------------------------------------------------- encodings


def test_iso_8859_1_declared():
    parsed = parse_feed(feed("feed_latin1.xml"), "https://courrier.example/rss")
    assert parsed.encoding == "cp1252"  # browsers read an ISO-8859-1 label as windows-1252
    assert parsed.title == "Le Courrier de Vallée-Fontaine"
    entry = parsed.entries[0]
    assert entry.title == "Le conseil municipal approuve la rénovation du pont Saint-Éloi"
    assert entry.author == "Zoë Müller-Garçon"
    assert entry.summary == (
        "Les élus ont voté à l'unanimité ; coût estimé : 850 000 francs, travaux dès mai."
    )


def test_mislabelled_encoding_is_recovered():
    assert b'encoding="UTF-8"' in feed("feed_latin1_mislabelled.xml")
    parsed = parse_feed(feed("feed_latin1_mislabelled.xml"), "https://courrier.example/rss")
    assert parsed.encoding == "cp1252"
    assert parsed.entries[0].title == (
        "Le conseil municipal approuve la rénovation du pont Saint-Éloi"
    )


def test_http_charset_wins_over_the_declaration():
    content = feed("feed_latin1_mislabelled.xml")
    parsed = parse_feed(content, "https://courrier.example/rss", charset="iso-8859-1")
    assert parsed.encoding == "cp1252"
    assert "Éloi" in parsed.entries[0].title


def test_windows_1252_quotes_in_a_feed_labelled_iso_8859_1():
    content = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>\x93Late trains\x94 \x96 caf\xe9 update</title></item></channel></rss>"
    )
    assert parse_feed(content, FEED_URL).entries[0].title == "“Late trains” – café update"


def intl_entries(name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    """What the fixture feed ``name`` yields and what it must yield, and its encoding."""
    original = intl.FEEDS[name]
    charset = parse_content_type(original["content_type"])[1]
    parsed = parse_feed(intl.read(name), f"https://feeds.example/{name}", charset=charset)
    got = [(e.title, e.summary) for e in parsed.entries]
    expected = [(e["title"], e["text"]) for e in original["entries"]]
    assert parsed.title == original["title"]
    return got, expected, parsed.encoding


@pytest.mark.parametrize(
    "name",
    [
        "zh_utf16le_nobom.xml",
        "ko_utf16be_nobom.xml",
        "ar_utf32le_nobom.xml",
        "he_utf32be_nobom.xml",
        "ja_utf16le_bom.xml",
        "ru_utf16be_bom.xml",
        "el_utf32le_bom.xml",
    ],
)
def test_utf16_and_utf32_feeds_with_and_without_a_bom(name):
    """Issue #19: without a BOM these were read as UTF-8 and refused ("XML or text
    declaration not at start of entity")."""
    got, expected, encoding = intl_entries(name)
    assert got == expected
    assert encoding.startswith(("utf-16", "utf-32"))


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("ja_euc_jp.xml", "euc_jp"),
        ("ja_shift_jis.xml", "cp932"),
        ("ko_euc_kr.xml", "cp949"),
        ("ru_koi8r.xml", "koi8-r"),
        ("th_tis620.xml", "cp874"),
        ("he_cp1255.xml", "cp1255"),
        ("ru_cp1251_undeclared.xml", "cp1251"),
    ],
)
def test_undeclared_legacy_feeds_are_detected(name, encoding):
    """Issue #19: these were decoded as windows-1252 and stored garbled."""
    got, expected, used = intl_entries(name)
    assert got == expected
    assert used == encoding


@pytest.mark.parametrize(
    "name", ["zh_big5.xml", "zh_gb18030.xml", "de_rss_text_type.xml", "fr_cdata_markup.xml"]
)
def test_declared_feeds(name):
    got, expected, _ = intl_entries(name)
    assert got == expected


def test_utf8_bom():
    parsed = parse_feed(b"\xef\xbb\xbf" + feed("feed_rss.xml"), FEED_URL)
    assert len(parsed.entries) == 4


# ----------------------------------------------------------------------------- limits


def test_enormous_entry_is_capped():
    started = time.monotonic()
    parsed = parse_feed(feed("feed_huge_entry.xml"), "https://board.example/rss")
    assert time.monotonic() - started < 3
    big, small = parsed.entries
    assert len(feed("feed_huge_entry.xml")) > 300_000
    assert big.truncated
    assert len(big.summary) <= MAX_ENTRY_CHARS + 2
    assert big.summary.endswith(" …")
    assert not small.truncated
    assert small.summary == "A short summary of the board meeting."


def test_number_of_entries_is_capped():
    items = "".join(
        f"<item><title>Item {i}</title><link>https://t.example/{i}</link></item>"
        for i in range(620)
    )
    parsed = parse_feed(rss(items), FEED_URL)
    assert len(parsed.entries) == 500
    assert parsed.dropped == 120
    assert parsed.entries[-1].title == "Item 499"
    assert parse_feed(rss(items), FEED_URL, max_entries=10).dropped == 610


def test_one_bad_entry_does_not_lose_the_others(monkeypatch):
    real_entry = feedparse._entry

    def flaky(raw, base):
        if raw.get("title") == "Two":
            raise ValueError("boom")
        return real_entry(raw, base)

    monkeypatch.setattr(feedparse, "_entry", flaky)
    items = "".join(f"<item><title>{t}</title></item>" for t in ("One", "Two", "Three"))
    parsed = parse_feed(rss(items), FEED_URL)
    assert [e.title for e in parsed.entries] == ["One", "Three"]
    assert parsed.skipped == 1
    assert "skipped entry 2: ValueError: boom" in parsed.warnings


def test_sparse_and_odd_entries():
    items = (
        "<item></item>"
        "<item><title>   </title><description><![CDATA[<div><p>Only a summary</p></div>]]>"
        "</description></item>"
        "<item><guid isPermaLink='false'>g-3</guid><pubDate>Mon, 99 Foo 2024</pubDate>"
        "<link>ftp://x/</link></item>"
        "<item><title>Dated</title><pubDate>2024-03-14T18:30:00+02:00</pubDate></item>"
    )
    parsed = parse_feed(rss(items), FEED_URL)
    assert len(parsed.entries) == 4
    empty, summary_only, odd, dated = parsed.entries
    assert empty.entry_id.startswith("sha256:") and empty.title == "" and empty.link == ""
    assert summary_only.summary == "Only a summary"
    assert odd.entry_id == "g-3" and odd.published is None and odd.link == ""
    assert dated.published == datetime(2024, 3, 14, 16, 30, tzinfo=UTC)


# ----------------------------------------------------------------------------- html_to_text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("Line<br>break", "Line\nbreak"),
        ("<b>bold</b> and <i>it</i>&amp;c", "bold and it&c"),
        ("<script>var x = '<p>';</script><style>p{}</style>Kept", "Kept"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("  lots   of\n\n\n\n   space  ", "lots of\n\nspace"),
        ("&lt;not a tag&gt;", "<not a tag>"),
        ("", ""),
    ],
)
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text
