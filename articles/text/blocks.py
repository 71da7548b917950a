"""An article body as reader-visible blocks (paragraphs, list items, table rows, headings) with
their exact place in the HTML, so that one block can be compared, shown or swapped alone.

Works on HTML already cleaned by the one policy (well formed: every block is closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from .markup import html_to_text

BLOCK_TAGS = frozenset({"p", "li", "tr", "h2", "h3", "h4", "blockquote", "caption", "figcaption"})
# Elements with no end tag ("<br>"): they open nothing.
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
CONTAINER_TAGS = frozenset({"ul", "ol", "table"})


@dataclass(frozen=True)
class Block:
    """``html[start:end]`` of the body is this block; ``container`` is the opening tag of the
    list or table around it ('' when none)."""

    start: int
    end: int
    tag: str
    container: str
    html: str
    text: str


class _Splitter(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.markup = markup
        self.line_starts = [0]
        for n, char in enumerate(markup):
            if char == "\n":
                self.line_starts.append(n + 1)
        self.containers: list[tuple[str, str]] = []
        self.open: tuple[str, int, int, str] | None = None  # tag, start, depth, container
        self.depth = 0
        self.blocks: list[Block] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CONTAINER_TAGS and self.open is None:
            self.containers.append((tag, self.get_starttag_text() or f"<{tag}>"))
        if tag in BLOCK_TAGS and self.open is None:
            container = self.containers[-1][1] if self.containers else ""
            self.open = (tag, self._offset(), self.depth, container)
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<br/>``: no depth either way."""

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth -= 1
        if self.open is not None and tag == self.open[0] and self.depth == self.open[2]:
            start = self.open[1]
            end = self.markup.find(">", self._offset()) + 1 or len(self.markup)
            self._add(start, end)
        elif self.open is None and self.containers and tag == self.containers[-1][0]:
            self.containers.pop()

    def _add(self, start: int, end: int) -> None:
        tag, _, _, container = self.open
        html = self.markup[start:end]
        self.blocks.append(Block(start, end, tag, container, html, html_to_text(html)))
        self.open = None

    def finish(self) -> list[Block]:
        self.close()
        if self.open is not None:
            self._add(self.open[1], len(self.markup))
        return self.blocks


def split_blocks(markup: str) -> list[Block]:
    """The blocks of ``markup`` in order; text outside any block (rare) is one block of its
    own only when the body has no blocks at all."""
    splitter = _Splitter(markup or "")
    splitter.feed(markup or "")
    blocks = [b for b in splitter.finish() if b.text]
    if not blocks and html_to_text(markup):
        return [Block(0, len(markup), "", "", markup, html_to_text(markup))]
    return blocks


def closing_tag(opening: str) -> str:
    """``</ul>`` for ``<ul class="x">``."""
    name = opening[1:].split(None, 1)[0].rstrip(">").lower()
    return f"</{name}>"
