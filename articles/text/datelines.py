"""Datelines and agency credits at the start of a news paragraph ("MARLOW JUNCTION, Aug 19
(Meridian) - "), which are not news: one definition for the drafter and for source titles."""

from __future__ import annotations

import re

from .dates import MONTH

_CITY = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_DAY = rf"(?:{MONTH}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})"
# "MARLOW JUNCTION, Aug 19 (Meridian) - ", "BROOKFIELD — ", "PORTLAND, Oct. 6 - ",
# "(Nordwire) - ".
DATELINE = re.compile(
    rf"^\s*(?:{_CITY}(?:\s*,\s*{_DAY}(?:,?\s+\d{{4}})?)?(?:\s*\([^)\n]{{2,40}}\))?"
    rf"|\([A-Z][^)\n]{{1,40}}\))\s*[-—–]+\s+"
)


def strip_dateline(paragraph: str) -> str:
    """A draft paragraph without a leading dateline or agency credit, and without a trailing
    "Reporting by ..." credit."""
    text = DATELINE.sub("", paragraph, count=1)
    text = re.sub(r"\s*\(?(?:Reporting|Editing|Writing) by [^)]*\)?\s*$", "", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text.strip()
