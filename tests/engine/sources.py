"""The fictional drafting fixture sources in tests/data/drafting."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from articles.text.source import SourceText

DATA = Path(__file__).parent.parent / "data" / "drafting"


def load_sources(*names: str) -> list[SourceText]:
    """The fictional fixture sources (a header of ``key: value`` lines, a blank line, text)."""
    paths = [DATA / name for name in names] if names else sorted(DATA.glob("*.txt"))
    sources = []
    for index, path in enumerate(paths):
        header, text = path.read_text().split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in header.splitlines())
        sources.append(
            SourceText(
                index=index,
                title=meta["title"],
                text=text,
                outlet=meta["outlet"],
                url=meta["url"],
                published=datetime.fromisoformat(meta["published"]),
            )
        )
    return sources
