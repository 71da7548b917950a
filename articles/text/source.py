"""A source as the engine sees it: plain data, no ORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SourceText:
    """One source article. ``index`` is its position in the list the engine was given."""

    index: int
    title: str
    text: str
    outlet: str = ""
    url: str = ""
    published: datetime | None = None
    source_id: int | None = None

    @property
    def number(self) -> int:
        """How people see it: sources are numbered from 1."""
        return self.index + 1
