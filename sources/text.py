"""Plain text: from HTML, on one line, in NFC, and how much of it there is in any script."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

# ----------------------------------------------------------------------------- HTML to text

_BLOCK_TAGS = frozenset(
    """address article aside blockquote div dl figcaption figure footer h1 h2 h3 h4 h5 h6
    header hr main nav ol p pre section table ul""".split()
)
_LINE_TAGS = frozenset({"br", "dd", "dt", "li", "tr"})
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in _LINE_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in _LINE_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def nfc(text: str) -> str:
    """The text in Unicode normalisation form C (composed: é is one code point, as typed)."""
    return unicodedata.normalize("NFC", text)


def one_line(text: str | None) -> str:
    """The text with every run of whitespace, line breaks included, made one space."""
    return " ".join((text or "").split())


# The longest source text stored (an extracted page is cut there; a pasted one is refused).
MAX_TEXT_CHARS = 500_000

_SPACE_BEFORE = re.compile(r"\s+(?=[,.)\]])")
_SPACE_AFTER = re.compile(r"(?<=[(\[])\s+")


def clean_line(text: str | None) -> str:
    """A title or name on one line, without the stray spaces markup leaves before commas, full
    stops and closing brackets or after opening ones ("homes , November 30"). Spaces before
    ``:;!?`` are kept: French typography puts them there."""
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", one_line(text)))


def tidy(text: str) -> str:
    """Collapse spaces within lines and runs of blank lines to one blank line."""
    lines = (one_line(line) for line in text.splitlines())
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    return "\n".join(out).strip()


def html_to_text(markup: str, limit: int | None = None) -> str:
    """Strip tags and decode entities; block elements become line breaks and scripts and
    styles are dropped. ``limit`` bounds the input parsed (with some slack for markup)."""
    if not markup:
        return ""
    if limit is not None and len(markup) > limit * 4:
        markup = markup[: limit * 4]
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return tidy("".join(parser.parts))


# ----------------------------------------------------------------------------- size

# Scripts written without spaces between words: their characters are counted, not words.
_UNSPACED = re.compile(
    "["
    "\u0e00-\u0eff"  # Thai, Lao
    "\u0f00-\u0fff"  # Tibetan
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u1950-\u19df\u1a20-\u1aaf"  # Tai Le, New Tai Lue, Tai Tham
    "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # Hiragana, Katakana
    "\u3100-\u312f\u31a0-\u31bf"  # Bopomofo
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # CJK ideographs
    "\ua000-\ua4cf"  # Yi
    "]"
)
# Characters of those scripts that stand for one word, for a minimum length: a Chinese word is
# one or two characters, a Japanese or Thai one more.
CHARS_PER_WORD = 2.5


@dataclass(frozen=True)
class TextSize:
    """Words of scripts written with spaces, and characters of those written without."""

    words: int
    chars: int

    @property
    def in_words(self) -> float:
        return self.words + self.chars / CHARS_PER_WORD

    def reaches(self, min_words: float) -> bool:
        return self.in_words >= min_words

    def shortfall(self, min_words: int) -> str:
        """E.g. "19 words extracted, at least 40 needed", in characters for text that is
        mostly in a script written without spaces."""
        if self.chars > self.words:
            needed = math.ceil(min_words * CHARS_PER_WORD)
            return f"{self.chars} characters extracted, at least {needed} needed"
        return f"{self.words} words extracted, at least {min_words} needed"


def text_size(text: str) -> TextSize:
    """How much text there is: a word is a space-separated token with a letter or digit."""
    chars = len(_UNSPACED.findall(text))
    tokens = _UNSPACED.sub(" ", text).split()
    return TextSize(sum(1 for t in tokens if any(c.isalnum() for c in t)), chars)
