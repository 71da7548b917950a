"""sources.charset: the one charset decision for pages and feeds."""

from __future__ import annotations

import codecs

import pytest

from sources.charset import codec_name, decode

TEXT = "Grüße aus Kellsby — 凯尔斯比 — Келсби"
XML = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{TEXT}</title></channel></rss>'


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    ],
)
def test_byte_order_mark_wins(bom, codec, encoding):
    result = decode(bom + XML.encode(codec), "iso-8859-1")
    assert (result.text, result.encoding, result.decided_by) == (XML, encoding, "bom")
    assert not result.uncertain


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_a_mark_are_recognised_by_their_nul_bytes(codec):
    """Issue #19: a UTF-16/32 feed without a BOM was read as UTF-8 with NULs stripped."""
    result = decode(XML.encode(codec), "utf-8")
    assert (result.text, result.encoding, result.decided_by) == (XML, codec, "detected")
    assert "NUL bytes" in result.note and result.uncertain


def test_one_stray_byte_keeps_a_declared_utf8_page_utf8():
    """Issue #19: one 0xFC in a page declared UTF-8 made it iso8859-10 (or hp-roman8)."""
    page = f'<meta charset="utf-8"><p>{TEXT}: the café’s terrace, £12,000.</p>'.encode()
    broken = page.replace(b"terrace", b"ter\xfcrace")
    result = decode(broken)
    assert result.encoding == "utf-8" and result.decided_by == "document"
    assert result.replaced == 1 and result.text.count("\ufffd") == 1
    assert result.text.replace("\ufffd", "") == page.decode()
    assert result.uncertain and "1 undecodable byte sequence(s)" in result.note


def test_stray_bytes_in_an_undeclared_utf8_page_stay_utf8():
    page = ("<p>" + "Ελληνικά και русский текст. " * 20 + "\ufffd</p>").encode()
    result = decode(page.replace("\ufffd".encode(), b"\xff"))
    assert result.encoding == "utf-8" and result.replaced == 1
    assert result.decided_by == "detected"


def test_a_declaration_most_bytes_contradict_is_a_mislabel():
    latin = "<p>" + "Réuni à l'unanimité, le conseil a voté ; coût estimé élevé. " * 5 + "</p>"
    result = decode(latin.encode("cp1252"), "utf-8")
    assert result.text == latin
    assert result.decided_by == "detected" and result.replaced == 0
    assert "utf-8 declared in the HTTP header does not fit the bytes" in result.note


def test_http_header_comes_before_the_document():
    body = '<meta charset="koi8-r"><p>Новости</p>'.encode("cp1251")
    result = decode(body, "windows-1251")
    assert (result.encoding, result.decided_by) == ("cp1251", "http")
    assert "Новости" in result.text and not result.uncertain
    assert decode(body.replace(b"koi8-r", b"cp1251")).decided_by == "document"


def test_xml_declaration_is_the_documents_declaration():
    feed = '<?xml version="1.0" encoding="KOI8-R"?><rss><title>Новости</title></rss>'
    result = decode(feed.encode("koi8-r"))
    assert (result.encoding, result.decided_by) == ("koi8-r", "document")
    assert "Новости" in result.text


def test_meta_charset_in_feed_content_is_not_a_declaration():
    """An XML document declares its encoding in its XML declaration only (default UTF-8)."""
    feed = (
        '<?xml version="1.0"?><rss><description><![CDATA[<meta charset="koi8-r">'
        f"<p>{TEXT}</p>]]></description></rss>"
    )
    result = decode(feed.encode())
    assert (result.text, result.encoding, result.decided_by) == (feed, "utf-8", "utf-8")


def test_latin1_labels_are_read_as_windows_1252():
    body = b"<p>\x93Quoted\x94 \x80 caf\xe9 \x81</p>"
    result = decode(body, "ISO-8859-1")
    assert result.encoding == "cp1252"
    assert result.text == "<p>“Quoted” € café \x81</p>"  # 0x81 is undefined: a C1 control
    assert result.replaced == 0


def test_legacy_declaration_of_valid_utf8_is_a_mislabel():
    body = f"<p>{TEXT}</p>".encode()
    result = decode(body, "iso-8859-1")
    assert (result.text, result.encoding, result.decided_by) == (
        f"<p>{TEXT}</p>",
        "utf-8",
        "detected",
    )
    assert "but the bytes are valid UTF-8" in result.note


def test_wide_declaration_in_ascii_bytes_is_ignored():
    feed = f'<?xml version="1.0" encoding="UTF-16"?><rss><title>{TEXT}</title></rss>'
    result = decode(feed.encode(), "utf-16")
    assert (result.text, result.encoding) == (feed, "utf-8")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Городской совет одобрил ремонт старого каменного моста через реку. " * 4, "koi8-r"),
        ("市立図書館は来月から日曜日も開館する。利用者からの要望が多かった。" * 3, "shift_jis"),
        ("시민 수영장이 토요일부터 다시 문을 연다. 탈의실도 새로 꾸몄다. " * 3, "euc_kr"),
        ("สระว่ายน้ำของเทศบาลจะกลับมาเปิดให้บริการตั้งแต่วันเสาร์นี้ " * 3, "tis-620"),
        # Without the browsers' short list, charset-normalizer read these as cp1251 and cp1257.
        (
            "Από τη Δευτέρα θα λειτουργεί νέα λεωφορειακή γραμμή προς το νοσοκομείο. " * 3,
            "iso8859-7",
        ),
        ("Réuni à l'unanimité, le conseil a voté ; coût estimé élevé. " * 5, "cp1252"),
    ],
)
def test_undeclared_legacy_encodings_are_detected(text, codec):
    result = decode(f"<?xml version='1.0'?><rss><title>{text}</title></rss>".encode(codec))
    assert text in result.text
    assert result.decided_by == "detected" and "charset-normalizer" in result.note


def test_undeclared_valid_utf8_is_not_a_guess():
    result = decode(f"<p>{TEXT}</p>".encode())
    assert (result.encoding, result.decided_by, result.replaced) == ("utf-8", "utf-8", 0)
    assert not result.uncertain


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("ISO-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("gb2312", "gb18030"),
        ("Shift_JIS", "cp932"),
        ("x-sjis", "cp932"),
        ("EUC-KR", "cp949"),
        ("TIS-620", "cp874"),
        ("windows-874", "cp874"),
        ("big5", "big5hkscs"),
        ('"UTF-8"', "utf-8"),
        ("koi8-r", "koi8-r"),
        ("no-such-charset", None),
        ("", None),
        (None, None),
    ],
)
def test_codec_name(label, codec):
    assert codec_name(label) == codec
