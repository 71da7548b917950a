"""The one charset decision for fetched pages and feeds.

Order: a byte-order mark; the UTF-16/32 layout of NUL bytes (documents without a mark); the
charset in the HTTP header; the document's own declaration (the XML declaration, or a
``<meta>`` charset in an HTML document); then detection: valid UTF-8, else charset-normalizer
among the encodings browsers read, else windows-1252.

A declared charset is kept when only a few bytes do not fit it (one stray byte in a UTF-8
page becomes one U+FFFD, the rest stays right); a declaration that most non-ASCII bytes
contradict is a mislabel and the next source of truth is tried. Labels are read as browsers
read them: Latin-1 and ASCII as windows-1252, GB2312 as GB18030, Shift_JIS as windows-31J,
EUC-KR as windows-949, TIS-620 as windows-874.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# A declared charset survives this many undecodable bytes, or one per 100 decoded non-ASCII
# characters if that is more.
STRAY_BYTES = 3
_SAMPLE = 4096
_DETECT_SAMPLE = 200_000

_BOMS = (  # UTF-32LE's mark starts with UTF-16LE's: test it first
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# Browser readings of labels (WHATWG Encoding Standard): the superset a label means in practice.
_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
_EXTRA_LABELS = {
    "windows-874": "cp874",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "x-euc-jp": "euc_jp",
    "unicode-1-1-utf-8": "utf-8",
}
# Detection only considers the encodings browsers read (the WHATWG Encoding Standard's legacy
# encodings): code pages no browser uses (mac_latin2, cp775, hp_roman8...) otherwise win on
# short texts. An exact tie goes to the one listed first: multi-byte encodings (random bytes
# rarely decode in them), then the single-byte ones, most used on the web first.
_WEB_ENCODINGS = (
    "utf_8", "gb18030", "big5", "shift_jis", "euc_jp", "iso2022_jp", "euc_kr", "cp1252",
    "cp1251", "cp1250", "iso8859_2", "iso8859_15", "cp1253", "cp1254", "cp1255", "cp1256",
    "cp1257", "cp1258", "cp874", "koi8_r", "koi8_u", "cp866", "iso8859_3", "iso8859_4",
    "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_10", "iso8859_13",
    "iso8859_14", "iso8859_16", "mac_roman", "mac_cyrillic",
)  # fmt: skip
_WEB_RANK = {name: rank for rank, name in enumerate(_WEB_ENCODINGS)}
_WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml\b[^>]*?\?>""")
_XML_ENCODING = re.compile(rb"""encoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)""")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_C1_HANDLER = "newsroom-c1"
# windows-1252 leaves five bytes undefined; browsers read them as the C1 controls.
codecs.register_error(_C1_HANDLER, lambda e: (e.object[e.start : e.end].decode("latin-1"), e.end))


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the Python codec chosen, how it was chosen and how many undecodable
    byte sequences became U+FFFD. ``decided_by`` is ``bom``, ``http``, ``document``,
    ``utf-8`` (undeclared, valid UTF-8), ``detected`` or ``fallback``; ``note`` says it in
    words."""

    text: str
    encoding: str
    decided_by: str
    note: str
    replaced: int = 0

    @property
    def uncertain(self) -> bool:
        """True when the encoding was guessed or bytes were replaced: worth showing."""
        return self.decided_by in ("detected", "fallback") or self.replaced > 0


def codec_name(label: str | None) -> str | None:
    """The Python codec a charset label means, as a browser reads it; None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").strip().lower()
    try:
        name = _EXTRA_LABELS.get(label) or codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _wide_layout(sample: bytes) -> str | None:
    """UTF-16/32 without a byte-order mark, recognised by where its NUL bytes fall (the
    markup is ASCII, so every other or three in four bytes are NUL)."""
    sample = sample[: len(sample) // 4 * 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    units = len(sample) // 4
    zeros = [sample[k::4].count(0) / units for k in range(4)]
    if zeros[3] > 0.95 and zeros[2] > 0.5 and zeros[0] < 0.05:
        return "utf-32-le"
    if zeros[0] > 0.95 and zeros[1] > 0.5 and zeros[3] < 0.05:
        return "utf-32-be"
    odd, even = (zeros[1] + zeros[3]) / 2, (zeros[0] + zeros[2]) / 2
    if odd > 0.2 and even < 0.02:
        return "utf-16-le"
    if even > 0.2 and odd < 0.02:
        return "utf-16-be"
    return None


def _document_label(content: bytes) -> str | None:
    """The charset the document declares: its XML declaration when it has one (an XML
    document without an encoding there is UTF-8), else a ``<meta>`` charset."""
    head = content[:_SAMPLE]
    declaration = _XML_DECLARATION.match(head)
    if declaration:
        encoding = _XML_ENCODING.search(declaration.group(0))
        return encoding.group(1).decode("ascii") if encoding else None
    meta = _META_CHARSET.search(head)
    return meta.group(1).decode("ascii") if meta else None


def _attempt(content: bytes, encoding: str) -> tuple[str, int, int]:
    """Decode with replacement; return the text, how many byte sequences were replaced and
    how many non-ASCII characters were decoded."""
    if encoding == "cp1252":
        text = content.decode(encoding, _C1_HANDLER)
        return text, 0, _non_ascii(text)
    text = content.decode(encoding, "replace")
    if "\ufffd" not in text:
        return text, 0, _non_ascii(text)
    replaced = len(text) - len(content.decode(encoding, "ignore"))
    return text, replaced, _non_ascii(text) - text.count("\ufffd")


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _detect(sample: bytes) -> str | None:
    """charset-normalizer's pick among the web's encodings, exact ties (cp1252 and cp1250 on
    a short French text, EUC-KR and windows-874 on Korean) going to the one listed first."""
    matches = from_bytes(sample, cp_isolation=list(_WEB_ENCODINGS))
    best = matches.best()
    if best is None:
        return None
    tied = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return codec_name(min(tied, key=lambda name: _WEB_RANK.get(name, len(_WEB_RANK))))


def decode(content: bytes, declared: str | None = None) -> Decoded:
    """Decode a fetched page or feed; ``declared`` is the charset from the HTTP header."""
    for bom, codec, name in _BOMS:
        if content.startswith(bom):
            text, replaced, _ = _attempt(content, codec)
            return Decoded(text, name, "bom", "byte-order mark", replaced)
    wide = _wide_layout(content[:_SAMPLE])
    if wide is not None:
        text, replaced, _ = _attempt(content, wide)
        note = "recognised by where its NUL bytes fall; no byte-order mark"
        return Decoded(text, wide, "detected", note, replaced)

    utf8_text, utf8_replaced, utf8_non_ascii = _attempt(content, "utf-8")
    mislabels: dict[str, str] = {}
    for label, decided_by, where in (
        (declared, "http", "the HTTP header"),
        (_document_label(content), "document", "the document"),
    ):
        codec = codec_name(label)
        if codec is None or codec in _WIDE or codec in mislabels:
            continue
        if codec != "utf-8" and not utf8_replaced and utf8_non_ascii:
            note = f"{label} declared in {where}, but the bytes are valid UTF-8"
            return Decoded(utf8_text, "utf-8", "detected", note)
        if codec == "utf-8":
            text, replaced, non_ascii = utf8_text, utf8_replaced, utf8_non_ascii
        else:
            text, replaced, non_ascii = _attempt(content, codec)
        if replaced <= max(STRAY_BYTES, non_ascii // 100):
            note = f"declared in {where}"
            if replaced:
                note += f"; {replaced} undecodable byte sequence(s) replaced with U+FFFD"
            return Decoded(text, codec, decided_by, note, replaced)
        mislabels[codec] = f"{label} declared in {where} does not fit the bytes"

    why = "; ".join(mislabels.values()) or "nothing declared"
    if not utf8_replaced:
        if mislabels:
            return Decoded(utf8_text, "utf-8", "detected", f"valid UTF-8; {why}")
        return Decoded(utf8_text, "utf-8", "utf-8", "valid UTF-8, nothing declared")
    if utf8_replaced * 100 <= utf8_non_ascii:
        note = f"UTF-8 with a few undecodable byte sequences; {why}"
        return Decoded(utf8_text, "utf-8", "detected", note, utf8_replaced)
    guess = _detect(content[:_DETECT_SAMPLE])
    if guess is not None:
        text, replaced, _ = _attempt(content, guess)
        return Decoded(text, guess, "detected", f"detected by charset-normalizer; {why}", replaced)
    text, _, _ = _attempt(content, "cp1252")
    return Decoded(text, "cp1252", "fallback", f"read as windows-1252, nothing fits; {why}")
