"""The fictional drafting fixture sources (tests/data/drafting) and multi-source stories
(tests/data/stories)."""

from __future__ import annotations

import json
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


STORIES = Path(__file__).parent.parent / "data" / "stories"


def story_names() -> list[str]:
    """The multi-source stories in tests/data/stories, in order."""
    return sorted(path.name for path in STORIES.iterdir() if (path / "story.json").exists())


def load_story(name: str) -> tuple[list[SourceText], dict]:
    """A story's sources (title on the first line, a blank line, the body) and its story.json."""
    meta = json.loads((STORIES / name / "story.json").read_text())
    sources = []
    for index, entry in enumerate(meta["sources"]):
        title, text = (STORIES / name / entry["file"]).read_text().split("\n\n", 1)
        sources.append(
            SourceText(
                index=index,
                title=title.strip(),
                text=text,
                outlet=entry["outlet"],
                url=f"https://example.test/{name}/{entry['file']}",
                published=datetime.fromisoformat(entry["published"]),
            )
        )
    return sources, meta
