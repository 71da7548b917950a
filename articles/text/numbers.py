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
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
}  # fmt: skip
# Scales written against a sum of money: "£2m", "$800k", "€3.5bn".
MONEY_SCALES = {"bn": SCALES["bn"], "m": 1e6, "k": 1e3}
# A numeral, with thousands separators or without: "4", "4.2", "1,200", "1,200.5".
NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CURRENCY = r"[$£€]"
# Units as written, by the code a figure carries ("12 metres" -> "m"); time units too.
UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "percentage points": "pt", "points": "pt",
    "km/h": "km/h", "kph": "km/h", "mph": "mph", "kilometres per hour": "km/h",
    "miles per hour": "mph", "km": "km", "kilometres": "km", "kilometers": "km",
    "kilometre": "km", "kilometer": "km", "miles": "mile", "mile": "mile", "metres": "m",
    "meters": "m", "metre": "m", "meter": "m", "feet": "ft", "foot": "ft", "ft": "ft",
    "inches": "in", "inch": "in", "cm": "cm", "mm": "mm", "millimetres": "mm",
    "millimeters": "mm", "centimetres": "cm", "centimeters": "cm", "kg": "kg",
    "kilograms": "kg", "tonnes": "t", "tons": "t", "pounds": "lb", "lb": "lb", "degrees": "deg",
    "hectares": "ha", "acres": "acre", "litres": "l", "liters": "l", "gallons": "gal",
    "megawatts": "MW", "mw": "MW", "years": "year", "year": "year", "months": "month",
    "month": "month", "weeks": "week", "week": "week", "days": "day", "day": "day",
    "hours": "hour", "hour": "hour", "minutes": "minute", "minute": "minute",
    "seconds": "second", "second": "second", "yards": "yd", "yard": "yd",
    "decades": "decade", "decade": "decade", "ton": "t", "tonne": "t", "kilogram": "kg",
    "pound": "lb", "degree": "deg", "hectare": "ha", "acre": "acre", "litre": "l", "liter": "l",
    "gallon": "gal", "grams": "g", "gram": "g", "nautical miles": "nmi", "nautical mile": "nmi",
    "cubic meters": "m3", "cubic metres": "m3", "cubic meter": "m3", "cubic metre": "m3",
}  # fmt: skip
# What a unit of measure measures and its size in one base unit (metres, kilograms, litres,
# square metres, years), for figures a writer converts ("58mm, about 2.3 inches"). A ton is taken
# as a tonne and a gallon as a US gallon: the fact-checker's tolerance covers the others.
UNIT_SIZES: dict[str, tuple[str, float]] = {
    "mm": ("length", 0.001), "cm": ("length", 0.01), "m": ("length", 1.0),
    "km": ("length", 1000.0), "in": ("length", 0.0254), "ft": ("length", 0.3048),
    "yd": ("length", 0.9144), "mile": ("length", 1609.344), "nmi": ("length", 1852.0),
    "g": ("mass", 0.001), "kg": ("mass", 1.0), "lb": ("mass", 0.4536), "t": ("mass", 1000.0),
    "l": ("volume", 1.0), "gal": ("volume", 3.785), "m3": ("volume", 1000.0),
    "ha": ("area", 10000.0), "acre": ("area", 4046.86),
    "year": ("duration", 1.0), "decade": ("duration", 10.0), "month": ("duration", 1 / 12),
    "week": ("duration", 7 / 365.25), "day": ("duration", 1 / 365.25),
    "hour": ("duration", 1 / 8766), "minute": ("duration", 1 / 525960),
    "mph": ("speed", 0.44704), "km/h": ("speed", 1 / 3.6),
}  # fmt: skip


def said_to_weigh(text: str, start: int) -> bool:
    """Whether the words just before ``start`` say the figure there is a weight ("weighs
    about 1.4 pounds", "Approximate weight of stolen food: 12,000 pounds"): its pounds are then
    not money."""
    return bool(_WEIGHS.search(text, max(0, start - 40), start))


_WEIGHS = re.compile(r"\bweigh", re.IGNORECASE)

# How far a figure converted from another unit may be from one given in it: the writer
# rounded the converted figure again (60 metres is 196.9 feet, written "about 200 feet").
CONVERTED_TOLERANCE = 0.03

# The parts a fraction word names: "a third" is one of 3, "three-quarters" three of 4.
FRACTION_PARTS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}  # fmt: skip

# Words that qualify a figure ("About 300", "Nearly 40"): a capitalised one before a number
# does not make it part of a name ("Route 7").
QUALIFIER_WORDS = frozenset(
    "about around approximately roughly some estimated nearly almost over under".split()
)

# How far below its figure "nearly" (or "almost", "just under") reaches: "nearly 11 hours" is
# 9.9 hours or more, not 9.4.
NEARLY_FLOOR = 0.9

# "Over" after a word of contention is a preposition, not "more than": "a court fight over
# nine votes", "the row over 40 jobs".
_CONTENDED_OVER = re.compile(
    r"\b(?:fights?|fought|rows?|disputes?|disputed|battles?|battled|arguments?|argued?|arguing"
    r"|clash(?:es|ed)?|feuds?|stand-?offs?|concerns?|worr(?:y|ies|ied)|anger|fury|outrage"
    r"|uproar|protests?|protested|talks|split|rift|tensions?|controversy|lawsuits?|sued|suing"
    r"|wrangl(?:e|es|ed|ing)|quarrel(?:s|led|ed)?|fuss|fears?|furore?|strikes?|walkouts?"
    r"|deadlock|impasse)\s+over\s*$",
    re.IGNORECASE,
)


def contended_over(before: str) -> bool:
    """Whether the text before a figure ends on "over" as a preposition ("a fight over nine
    votes"), which is no bound on the figure."""
    return bool(_CONTENDED_OVER.search(before))


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


# "2 hours and 51 minutes", "three years and four months": a length of time in two units, as
# a number of the smaller unit (171 minutes, 40 months).
_TENS_WORDS = "|".join(number_words(20, 50))
_ONES_WORDS = "|".join(number_words(1, 9))
_TIME_WORD = (
    rf"(?:\d{{1,3}}|an?|(?:{_TENS_WORDS})(?:[- ](?:{_ONES_WORDS}))?"
    rf"|{'|'.join(sorted(number_words(1, 19), key=len, reverse=True))})"
)
COMPOUND_DURATION = re.compile(
    rf"\b(?P<a>{_TIME_WORD})\s+(?P<ua>years?|weeks?|hours?|minutes?)\s+(?:and\s+)?"
    rf"(?P<b>{_TIME_WORD})\s+(?P<ub>months?|days?|minutes?|seconds?)\b(?!\s+respectively)",
    re.IGNORECASE,
)
_SMALLER = {
    "year": ("month", 12),
    "week": ("day", 7),
    "hour": ("minute", 60),
    "minute": ("second", 60),
}


def compound_duration(match: re.Match[str]) -> tuple[float, str] | None:
    """The length of time a :data:`COMPOUND_DURATION` match gives, in its smaller unit
    ("2 hours and 51 minutes" -> (171, "minute")), or None for units that do not nest."""
    big, small = match["ua"].lower().rstrip("s"), match["ub"].lower().rstrip("s")
    unit, size = _SMALLER.get(big, ("", 0))
    if unit != small:
        return None
    whole = 1.0 if match["a"].lower() in ("a", "an") else number_value(match["a"])
    part = number_value(match["b"])
    if part >= size:
        return None  # "four years and 30 months": two lengths of time
    return whole * size + part, small
