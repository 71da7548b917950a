"""HTML to plain text."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote section article".split()
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The text of ``markup`` on one line: tags removed (their text kept), entities decoded,
    whitespace collapsed."""
    parser = _Text()
    parser.feed(markup or "")
    parser.close()
    return " ".join("".join(parser.parts).split())
