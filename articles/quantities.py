"""Numbers and dates as written in news text: the vocabulary and values shared by the drafting
and fact-check backends.

Each backend builds its own recognisers on these (the drafter compares canonical figure keys,
the fact-checker reasons about quantities and calendar days); what a number word is worth, how
a numeral is written, what "bn" scales by and which month "Sept." names are decided here once.
"""

from __future__ import annotations

import re
from datetime import date

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12,
}  # fmt: skip
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
# A numeral, with thousands separators or without: "4", "4.2", "1,200", "1,200.5".
NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CURRENCY = r"[$£€]"

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES = (
    "January February March April May June July August September October November December".split()
)
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# A month's name, in full or abbreviated ("Sept"; a following "." is left to the caller).
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

_WORD_SEPARATOR = re.compile(r"[- \s]+")


def number_words(low: int, high: int) -> list[str]:
    """The number words for ``low`` to ``high`` ("dozen" aside), smallest first."""
    return [w for w, v in NUMBER_WORDS.items() if low <= v <= high and w != "dozen"]


def number_value(text: str) -> float:
    """What a numeral or number words are worth: "1,200" -> 1200, "twenty-five" -> 25,
    "a dozen" -> 12."""
    if text[:1].isdigit():
        return float(text.replace(",", ""))
    parts = _WORD_SEPARATOR.split(text.lower())
    if parts[-1] == "dozen":
        return 12.0
    return float(sum(NUMBER_WORDS[p] for p in parts))


def month_number(name: str) -> int:
    """1 for "Jan", "January" or "jan."; a name :data:`MONTH` matched."""
    return MONTHS[name[:3].lower()]


def calendar_date(year: int, month: int, day: int) -> date | None:
    """The day, or None when there is no such day (February 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None
