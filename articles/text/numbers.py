"""Numbers as written in news text: what a number word is worth, how a numeral is written and
what "bn" scales by, decided once for the drafter and the fact-checker."""

from __future__ import annotations

import re

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
