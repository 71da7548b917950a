"""Tense: whether a sentence talks about something still to come, or something done."""

from __future__ import annotations

import re

from .speech import TRAILING_ATTRIBUTION

FUTURE = re.compile(
    r"\b(?:will|won't|shall)\b|\bwould\s+be\b|"
    r"\b(?:is|are|was|were)\s+(?:expected|due|scheduled|set|likely|planning|going)\s+to\b|"
    r"\b(?:is|are)\s+(?:expected|due|scheduled)\b|"
    r"\b(?P<intent>plans?|intends?|aims?|hopes?|expects?)\s+to\b|\bplanned\b|"
    r"\bnext\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\blater\s+(?:this|next)\s+(?:week|month|year)\b|\bupcoming\b|"
    r"\bshould\s+(?!have\b|not\s+have\b)[a-z]+",
    re.IGNORECASE,
)
_NOUN_BEFORE = re.compile(r"(?:\b(?:a|the|its|their|million|billion)|['’]s?)\s+$", re.IGNORECASE)


def is_future(text: str) -> bool:
    """True for a sentence about what is to come; "a plan to" is a noun, not an intention."""
    for match in FUTURE.finditer(text):
        start = match.start()
        if not match["intent"] or not _NOUN_BEFORE.search(text, max(0, start - 9), start):
            return True
    return False


PAST = re.compile(
    r"\b(?:[Ww]as|[Ww]ere|[Dd]id|[Hh]ad|said|told|took|began|ended|happened"
    r"|(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)[a-z]{3,}ed)\b"
)  # "is listed for 14 August" is present


def is_past(text: str) -> bool:
    """True for a sentence that reports what was done ("provided a sample on 11 March"), by
    a past verb outside a trailing attribution ("opens on 14 August, the coroner said" is not)."""
    text = TRAILING_ATTRIBUTION.sub("", text.rstrip())
    return not is_future(text) and PAST.search(text) is not None
