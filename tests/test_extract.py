"""sources.extract: article text and metadata from fixture pages, offline."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources.extract import Extracted, ExtractionError, extract
from tests import intl_fixtures as intl

PAGES = Path(__file__).resolve().parent / "data" / "pages"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Extraction must never open a connection."""

    def refuse(*args, **kwargs):
        raise AssertionError("extraction tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_article_text_and_metadata():
    result = extract(page("article.html"), "https://courier.example/p?id=1")
    assert isinstance(result, Extracted)
    assert result.title == "Millbrook council approves repair of Old Mill Bridge"
    assert result.author == "Harriet Okonjo-Vale"
    assert result.published == datetime(2024, 3, 14, 18, 30, tzinfo=UTC)
    assert result.published.tzinfo is not None
    assert result.canonical_url == (
        "https://courier.example/news/2024/03/old-mill-bridge-repair-approved"
    )
    assert result.language == "en-gb"
    assert result.sitename == result.outlet == "Millbrook Courier"
    assert result.description.startswith("Councillors voted 7-2")
    assert result.summary == result.description
    assert result.url == "https://courier.example/p?id=1"
    assert result.encoding == "utf-8"
    assert "seeping into the arch" in result.text
    assert "drop-in session" in result.text
    assert result.word_count > 250
    for boilerplate in ("What's on", "Most read", "All rights reserved", "Privacy"):
        assert boilerplate not in result.text


def test_syndicated_copy_metadata():
    result = extract(page("article_syndicated.html"), "https://gazette.example/x")
    assert result.title == "Millbrook council backs repair of Old Mill Bridge"
    assert result.sitename == "Wend Valley Gazette"
    assert result.canonical_url == "https://gazette.example/regional/millbrook-bridge"
    assert result.published == datetime(2024, 3, 15, 7, 5, tzinfo=UTC)
    assert result.language == "en"


def test_canonical_defaults_to_the_url_and_z_suffix_dates():
    result = extract(page("article_same_event.html"), "https://radio.example/bridge")
    assert result.canonical_url == "https://radio.example/bridge"
    assert result.published == datetime(2024, 3, 15, 9, 40, tzinfo=UTC)
    assert result.author == "Tomasz Reinholt"


def test_offset_dates_stay_aware():
    result = extract(page("article_other_event.html"), "https://courier.example/rail")
    assert result.published == datetime(2024, 4, 2, 10, 0, tzinfo=UTC)
    assert result.published.utcoffset() is not None


def test_page_without_article_text():
    with pytest.raises(ExtractionError) as info:
        extract(page("nav_only.html"), "https://courier.example/sections")
    assert info.value.code == "no_text"
    assert "No article text found at https://courier.example/sections" in str(info.value)
    assert "at least 40 needed" in str(info.value)


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n", b"<html><body><p>Too short to be an article.</p></body></html>"],
)
def test_empty_and_short_pages(content):
    with pytest.raises(ExtractionError) as info:
        extract(content, "https://example.test/")
    assert info.value.code == "no_text"


def test_min_words_is_adjustable():
    html = b"<html><body><article><p>" + b"Short notice about a road. " * 3 + b"</p></article>"
    html += b"</body></html>"
    assert extract(html, "https://example.test/", min_words=5).word_count >= 5


def test_charset_from_meta_tag():
    result = extract(page("article_latin1.html"), "https://courrier.example/pont")
    assert "pont Saint-Éloi" in result.title
    assert "Réuni jeudi soir" in result.text
    assert "« C'est une décision attendue" in result.text
    assert result.author == "Zoë Müller-Garçon"
    assert result.language == "fr"
    assert result.encoding == "cp1252"
    assert result.published == datetime(2024, 3, 15, 7, 15, tzinfo=UTC)


def test_charset_from_content_type_header():
    result = extract(
        page("article_latin1.html"),
        "https://courrier.example/pont",
        content_type="text/html; charset=ISO-8859-1",
    )
    assert "Réuni jeudi soir" in result.text


def test_mislabelled_charset_falls_back():
    result = extract(page("article_latin1.html"), "https://courrier.example/pont", charset="utf-8")
    assert "Réuni jeudi soir" in result.text


def test_utf16_with_bom():
    content = page("article.html").decode("utf-8").encode("utf-16")
    result = extract(content, "https://courier.example/utf16")
    assert result.title == "Millbrook council approves repair of Old Mill Bridge"
    assert result.encoding == "utf-16"


def test_utf32_with_bom():
    content = page("article.html").decode("utf-8").encode("utf-32")
    result = extract(content, "https://courier.example/utf32")
    assert result.title == "Millbrook council approves repair of Old Mill Bridge"
    assert result.encoding == "utf-32" and result.encoding_note == ""


def test_undeclared_non_utf8_is_guessed():
    html = page("article_latin1.html").replace(
        b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', b""
    )
    result = extract(html, "https://courrier.example/pont")
    assert "Réuni jeudi soir" in result.text
    assert result.encoding == "cp1252"
    assert "detected by charset-normalizer" in result.encoding_note


def test_one_stray_byte_keeps_a_declared_utf8_page_utf8():
    """Issue #19: one 0xFC byte in a page declared UTF-8 garbled all of it (iso8859-10)."""
    original = intl.PAGES["en_utf8_bad_byte.html"]
    result = extract(intl.read("en_utf8_bad_byte.html"), "https://harbour.example/cafe")
    assert result.encoding == "utf-8"
    assert result.title == original["title"]
    assert result.text.count("\ufffd") == 1
    for paragraph in original["paragraphs"]:
        assert paragraph in result.text
    assert "1 undecodable byte sequence(s) replaced" in result.encoding_note


def test_accepts_str():
    result = extract(page("article.html").decode("utf-8"), "https://courier.example/s")
    assert result.author == "Harriet Okonjo-Vale"


def test_deterministic():
    first = extract(page("article.html"), "https://courier.example/a")
    second = extract(page("article.html"), "https://courier.example/a")
    assert first == second


def make_page(head: str, body_words: int = 60) -> bytes:
    paragraph = " ".join(
        ["The harbour committee reviewed the ferry timetable."] * (body_words // 7)
    )
    return (
        f"<!DOCTYPE html><html><head><title>Ferry review</title>{head}</head>"
        f"<body><article><h1>Ferry review</h1><p>{paragraph}</p></article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta name="date" content="2024-02-01">', datetime(2024, 2, 1, tzinfo=UTC)),
        (
            '<meta property="article:published_time" content="2024-02-01T09:15:00">',
            datetime(2024, 2, 1, 9, 15, tzinfo=UTC),
        ),
        (
            '<script type="application/ld+json">'
            '{"@type": "NewsArticle", "datePublished": "2024-02-03T12:00:00+02:00"}</script>',
            datetime(2024, 2, 3, 10, 0, tzinfo=UTC),
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
            '{"@type": "NewsArticle", "datePublished": "2024-02-04T08:00:00Z"}]}</script>',
            datetime(2024, 2, 4, 8, 0, tzinfo=UTC),
        ),
        ('<script type="application/ld+json">{not json</script>', None),
    ],
)
def test_publication_dates(head, expected):
    result = extract(make_page(head), "https://harbour.example/ferry")
    if expected is None:
        assert result.published is None or result.published.tzinfo is not None
    else:
        assert result.published == expected


def test_relative_canonical_is_resolved_and_non_http_ignored():
    relative = make_page('<link rel="canonical" href="/ferry-review">')
    assert extract(relative, "https://harbour.example/x?y=1").canonical_url == (
        "https://harbour.example/ferry-review"
    )
    bogus = make_page('<link rel="canonical" href="javascript:alert(1)">')
    assert extract(bogus, "https://harbour.example/x").canonical_url == "https://harbour.example/x"


@pytest.mark.parametrize(
    "name",
    [
        "zh_gb18030.html",
        "zh_gb18030_undeclared.html",
        "zh_big5.html",
        "ja_shift_jis.html",
        "ja_euc_jp.html",
        "th_tis620.html",
        "ko_euc_kr.html",
        "ru_koi8r.html",
        "ru_cp1251.html",
        "el_iso8859_7.html",
        "he_cp1255.html",
        "ar_utf8_undeclared.html",
        "de_cp1252.html",
    ],
)
def test_pages_in_every_script_and_encoding(name):
    """Issue #19: Chinese, Japanese and Thai pages were refused ("4 words extracted, at
    least 40 needed") because words were counted by spaces."""
    original = intl.PAGES[name]
    result = extract(
        intl.read(name), f"https://intl.example/{name}", content_type=original["content_type"]
    )
    assert result.title == original["title"]
    for paragraph in original["paragraphs"]:
        assert paragraph in result.text
    assert result.word_count >= 40


def test_chinese_login_wall_is_refused_for_its_length():
    with pytest.raises(ExtractionError) as info:
        extract(intl.read("zh_login_wall.html"), "https://intl.example/wall")
    assert "characters extracted, at least 100 needed" in str(info.value)


def test_short_text_in_a_script_without_spaces_is_still_refused():
    html = "<html><body><article><p>" + "渡轮恢复每小时一班。" * 8 + "</p></article></body></html>"
    with pytest.raises(ExtractionError) as info:
        extract(html.encode(), "https://intl.example/short")
    assert info.value.code == "no_text"
    assert "72 characters extracted, at least 100 needed" in str(info.value)


COMMENTED = (
    "<html><head><title>Ferry review</title></head><body><article><h1>Ferry review</h1>"
    + "".join(
        f"<p>The harbour committee reviewed the {n} ferry timetable on Tuesday evening and "
        f"agreed to keep the {n} sailing for the summer months.</p>"
        for n in ("first", "second", "third", "fourth", "fifth")
    )
    + '</article><section id="comments"><h2>Comments</h2><div class="comment"><p>Reader Alma'
    " Brook wrote: the early boat is always late on Mondays.</p></div></section></body></html>"
).encode()


def test_reader_comments_are_left_out_by_default():
    assert "Alma Brook" not in extract(COMMENTED, "https://harbour.example/ferry").text


def test_reader_comments_are_kept_after_the_article_when_the_setting_says_so(settings):
    settings.NEWSROOM_EXTRACT_COMMENTS = True
    result = extract(COMMENTED, "https://harbour.example/ferry")
    article, _, comments = result.text.partition("\n\nReader comments:\n")
    assert "ferry timetable" in article and "Alma Brook" not in article
    assert "Alma Brook wrote" in comments
    assert "Alma Brook" not in extract(COMMENTED, "https://h.example/f", comments=False).text
