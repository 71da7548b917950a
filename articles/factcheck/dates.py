"""Dates, weekdays and relative day words in text, and resolving them against a reference day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from articles.text.dates import (
    MONTH,
    MONTH_NAMES,
    RELATIVE_DAYS,
    WEEKDAYS,
    calendar_date,
    month_number,
)

_MONTH = rf"(?P<month>{MONTH})"
_WEEKDAY = rf"(?P<weekday>{'|'.join(WEEKDAYS)})"
_PATTERNS = (
    re.compile(
        rf"(?:{_WEEKDAY},?\s+)?\b{_MONTH}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
        r"(?:,?\s+(?P<year>\d{4})\b)?"
    ),
    re.compile(
        rf"(?:{_WEEKDAY},?\s+)?\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b"
        r"(?:,?\s+(?P<year>\d{4})\b)?"
    ),
    re.compile(rf"\b{_MONTH}\s+(?P<year>\d{{4}})\b"),
    re.compile(
        r"(?i:\b(?:in|since|until|by|from|of|during|before|after|early|late|mid|next|last|this)"
        rf"[\s-]+)(?P<month>{'|'.join(MONTH_NAMES)})\b(?!\s+[A-Z])"
    ),
    re.compile(rf"\b{_WEEKDAY}s?\b"),
    re.compile(r"(?<![$\d,.])\b(?P<year>(?:19|20)\d\d)(?:-(?P<year2>\d\d)\b)?(?![\d,.]\d)"),
    re.compile(
        r"(?i)\b(?P<relative>today|tonight|yesterday|tomorrow|last night|this morning"
        r"|this afternoon|this evening)\b"
    ),
)


@dataclass(frozen=True)
class DateRef:
    """A date-ish mention. ``weekday`` is 0 for Monday; ``relative`` is a day offset word."""

    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: str = ""
    year_range: str = ""

    @property
    def is_day(self) -> bool:
        return self.day is not None or self.weekday is not None or bool(self.relative)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateRef]:
    """Date mentions in ``text[start:end]``, most specific first where they overlap."""
    end = len(text) if end is None else end
    found: list[DateRef] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < r.end and r.start < m.end() for r in found):
                continue
            ref = _ref(m)
            if ref is not None:
                found.append(ref)
    return sorted(found, key=lambda r: r.start)


def _ref(m: re.Match[str]) -> DateRef | None:
    groups = m.groupdict()
    month = month_number(groups["month"]) if groups.get("month") else None
    weekday = WEEKDAYS.index(groups["weekday"]) if groups.get("weekday") else None
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    relative = (groups.get("relative") or "").lower()
    year_range = f"{groups['year']}-{groups['year2']}" if groups.get("year2") else ""
    return DateRef(m.group(), m.start(), m.end(), year, month, day, weekday, relative, year_range)


# How far ahead a day said in the past tense may be (a wrong publish date, to be flagged)
# before it is read as the year before's.
_TENSE_SLACK = 90


def resolve(
    ref: DateRef, anchor: date | None, *, future: bool = False, past: bool = False
) -> date | None:
    """The calendar day a mention refers to, if it can be known from ``anchor`` (the day the
    text was written). A day and month without a year is the nearest such day, but not one
    months ahead in a ``past`` statement ("provided a sample on 11 March", written in
    September). Bare weekdays are the latest such day on
    or before the anchor, or the next one on or after it for ``future`` statements."""
    if ref.day is not None and ref.month is not None:
        if ref.year is not None:
            return calendar_date(ref.year, ref.month, ref.day)
        if anchor is None:
            return None
        options = [
            calendar_date(y, ref.month, ref.day)
            for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        ]
        valid = [d for d in options if d is not None]
        if past:
            valid = [d for d in valid if (d - anchor).days <= _TENSE_SLACK] or valid
        return min(valid, key=lambda d: abs((d - anchor).days)) if valid else None
    if anchor is None:
        return None
    if ref.relative:
        return anchor + timedelta(days=RELATIVE_DAYS[ref.relative])
    if ref.weekday is not None:
        if future:
            return anchor + timedelta(days=(ref.weekday - anchor.weekday()) % 7)
        return anchor - timedelta(days=(anchor.weekday() - ref.weekday) % 7)
    return None


def describe(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]}, {MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"
