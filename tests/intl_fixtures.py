"""Pages and feeds in many languages and encodings: tests/data/pages/intl/.

``originals.json`` there holds each file's text and how it is encoded and served; the encoded
files are written from it by ``python -m tests.intl_fixtures`` and committed, so the tests and
the ingest bench read fixed bytes and compare what is stored with the known original.
"""

from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent / "data" / "pages" / "intl"
_BOMS = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def load() -> dict:
    return json.loads((HERE / "originals.json").read_text(encoding="utf-8"))


ORIGINALS = load()
PAGES = {item["file"]: item for item in ORIGINALS["pages"]}
FEEDS = {item["file"]: item for item in ORIGINALS["feeds"]}


def read(name: str) -> bytes:
    return (HERE / name).read_bytes()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def page_bytes(item: dict) -> bytes:
    meta = ""
    if item["declared"] == "meta":
        meta = f'<meta charset="{item.get("meta_label", item["encoding"])}">\n'
    direction = f' dir="{item["dir"]}"' if "dir" in item else ""
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in item["paragraphs"])
    markup = (
        f'<!DOCTYPE html>\n<html lang="{item["lang"]}"{direction}>\n<head>\n{meta}'
        f"<title>{escape(item['title'])}</title>\n</head>\n<body>\n"
        '<nav><a href="/">Home</a> <a href="/local">Local</a></nav>\n'
        f"<article>\n<h1>{escape(item['title'])}</h1>\n{paragraphs}\n</article>\n"
        "<footer>Fixture page for the ingest tests</footer>\n</body>\n</html>\n"
    )
    if "normalization" in item:
        markup = unicodedata.normalize(item["normalization"], markup)
    data = markup.encode(item["encoding"])
    if "bad_byte" in item:  # the text's U+FFFD stands for one stray byte
        data = data.replace("\ufffd".encode(), bytes.fromhex(item["bad_byte"]), 1)
    return data


def _description(item: dict, text: str) -> str:
    """The entry text, escaped, or as HTML in CDATA after the item's ``cdata_prefix``."""
    if "cdata_prefix" in item:
        return f"<![CDATA[{item['cdata_prefix']}<p>{escape(text)}</p>]]>"
    return escape(text)


def feed_bytes(item: dict) -> bytes:
    declaration = item.get("declaration")
    prolog = (
        f'<?xml version="1.0" encoding="{declaration}"?>\n'
        if declaration
        else '<?xml version="1.0"?>\n'
    ) + item.get("prolog", "")
    if item.get("atom"):
        entries = "".join(
            f"<entry><id>urn:fixture:{item['file']}:{i}</id><title>{escape(e['title'])}</title>"
            f"<updated>2024-03-1{i}T09:00:00Z</updated>"
            f"<summary>{escape(e['text'])}</summary></entry>\n"
            for i, e in enumerate(item["entries"], start=1)
        )
        body = (
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{item["lang"]}">\n'
            f"<title>{escape(item['title'])}</title><id>urn:fixture:{item['file']}</id>\n"
            f"<updated>2024-03-15T09:00:00Z</updated>\n{entries}</feed>\n"
        )
    else:
        entries = "".join(
            f'<item><guid isPermaLink="false">{item["file"]}#{i}</guid>'
            f"<title>{escape(e['title'])}</title>"
            f"<pubDate>Thu, 1{i} Mar 2024 09:00:00 +0000</pubDate>"
            f"<description>{_description(item, e['text'])}</description></item>\n"
            for i, e in enumerate(item["entries"], start=1)
        )
        body = (
            f'<rss version="2.0"><channel>\n<title>{escape(item["title"])}</title>\n'
            f"<link>https://feeds.example/{item['file']}</link>\n"
            f"<language>{item['lang']}</language>\n{entries}</channel></rss>\n"
        )
    data = (prolog + body).encode(item["encoding"])
    if item.get("bom"):
        data = _BOMS[item["encoding"]] + data
    return data


def main() -> None:
    for item in ORIGINALS["pages"]:
        (HERE / item["file"]).write_bytes(page_bytes(item))
    for item in ORIGINALS["feeds"]:
        (HERE / item["file"]).write_bytes(feed_bytes(item))


if __name__ == "__main__":
    main()
