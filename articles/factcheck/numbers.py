"""Quantities in text (digits, number words, percentages, money, fractions, vague amounts) and
the arithmetic the fact-checker allows between them."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations

from articles.text.dates import MONTH_NAMES, WEEKDAYS
from articles.text.numbers import (
    COMPOUND_DURATION,
    CONVERTED_TOLERANCE,
    CURRENCY,
    FRACTION_PARTS,
    MONEY_SCALES,
    NEARLY_FLOOR,
    NUMBER_WORDS,
    NUMERAL,
    SCALES,
    UNIT_SIZES,
    UNITS,
    compound_duration,
    contended_over,
    number_value,
    number_words,
)
from articles.text.words import STOPWORDS

from .text import norm, tokens

COUNT = "count"
PERCENT = "percent"
MONEY = "money"
FRACTION = "fraction"
VAGUE = "vague"
TIME = "time"
MULTIPLE = "multiple"

_ONES = "|".join(number_words(1, 9))
_SMALL = "|".join(number_words(0, 19))
_TENS = "|".join(number_words(20, 90))

_TIME = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?|\b(\d{1,2}):(\d{2})\b", re.I
)  # "2:40 a.m.", "2.40am", "14:05"
_DIGITS = re.compile(
    rf"(?<![\w.,])(?P<cur>{CURRENCY})?(?P<num>{NUMERAL})(?![\d,]\d)"
    r"(?P<pct>\s*(?:%|percent\b|per\s+cent\b))?"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion)\b|(?(cur)(?P<abbr>bn|m|k)\b))?",
    re.I,
)
_WORDS = re.compile(
    rf"\b(?P<a>(?:{_TENS})(?:[- ](?:{_ONES}))?|{_SMALL}|a\s+dozen|dozen)\b"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion)\b)?",
    re.I,
)
_FRACTION = re.compile(
    rf"\b(?P<n>a|an|one|{_ONES})[\s-]+(?P<d>half|thirds?|quarters?|fifths?|sixth|eighths?|tenths?)\b"
    rf"|\b(?P<n2>one|two|three|\d+)\s+(?:in|out\s+of)\s+(?P<d2>{_SMALL}|{_TENS}|\d+)\b"
    r"|(?<![\w-])(?P<half>half)\b(?!-|\s+an?\s)|\b(?P<maj>majority)\b",
    re.I,
)
_HALF_UNIT = re.compile(r"\bhalf\s+an?\s+(?=[a-z])", re.I)
# "an hour and a half", "two miles and a quarter", "two and a half miles": a whole number of
# units and a part.
_AND_A_PART = re.compile(
    rf"\b(?P<n>a|an|one|{_ONES}|\d+)\s+(?:(?P<u>[a-z]+)\s+and\s+a\s+(?P<f>half|quarter)\b"
    r"|and\s+a\s+(?P<f2>half|quarter)\s+(?P<u2>[a-z]+))",
    re.I,
)
# "a quarter of an hour", "two-thirds of a mile": a part of one unit.
_PART_OF_UNIT = re.compile(
    rf"\b(?P<n>a|an|one|{_ONES})[\s-]+(?P<d>half|thirds?|quarters?|fifths?|tenths?)\s+of\s+an?\s+"
    r"(?P<u>[a-z]+)",
    re.I,
)
_POINT = re.compile(r"\ba\s+(?:full\s+)?percentage\s+point\b", re.I)
_MULTIPLE = re.compile(
    r"\b(?P<w>doubled|doubling|double\s+the|twice\s+(?:as|the)|tripled|tripling|triple\s+the"
    r"|halved|halving|(?P<n>three|four|five|ten)\s+times\s+(?:as|more|the))\b",
    re.I,
)
_VAGUE_RANGES = {
    "several hundred": (300, 999),
    "several thousand": (3000, 9999),
    "several dozen": (36, 119),
    "a few hundred": (200, 500),
    "a few thousand": (2000, 5000),
    "a few dozen": (24, 72),
    "tens of thousands": (20000, 99999),
    "several": (3, 9),
    "a few": (2, 5),
    "a handful": (2, 6),
    "a number of": (2, 1e12),  # any count: never contradicted, flagged for the figure
    "handful": (2, 6),
    "dozens": (24, 199),
    "scores": (40, 199),
    "hundreds": (200, 1999),
    "thousands": (2000, 19999),
    "millions": (2e6, 999e6),
}
_VAGUE = re.compile(
    r"\b(?:"
    + "|".join(sorted((k.replace(" ", r"\s+") for k in _VAGUE_RANGES), key=len)[::-1])
    + r")\b",
    re.I,
)
_QUALIFIERS = (
    (
        re.compile(
            r"\b(?:about|around|roughly|approximately|some|an\s+estimated|almost\s+exactly)\s*$"
        ),
        "about",
    ),
    (re.compile(r"\b(?:nearly|almost|just\s+under|close\s+to)\s*$"), "nearly"),
    (re.compile(r"\b(?:more\s+than|over|just\s+over|upwards\s+of|in\s+excess\s+of)\s*$"), "more"),
    (re.compile(r"\b(?:at\s+least|no\s+fewer\s+than|no\s+less\s+than)\s*$"), "atleast"),
    (re.compile(r"\b(?:less\s+than|fewer\s+than|under|below)\s*$"), "less"),
    (re.compile(r"\b(?:up\s+to|as\s+many\s+as|as\s+much\s+as)\s*$"), "upto"),
)
_CHANGE_BEFORE = re.compile(
    r"(?:\bby|\b(?:increase|rise|drop|decline|fall|gain|loss|cut|jump|difference|reduction)s?"
    r"\s+of|\bup|\bdown|\b(?:rose|fell|rises|falls|increased|decreased|dropped|climbed|jumped"
    r"|grew|declined|gained))"
    r"(?:\s+(?:almost|nearly|about|roughly|around|more\s+than|less\s+than|over|just\s+over"
    r"|just\s+under|up\s+to))?\s*$",
    re.I,
)
_CHANGE_AFTER = {
    "more",
    "fewer",
    "less",
    "higher",
    "lower",
    "above",
    "below",
    "larger",
    "smaller",
    "bigger",
    "greater",
    "points",
    "point",
    "increase",
    "decrease",
    "rise",
    "drop",
    "decline",
    "up",
    "down",
}
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|(?:percentage\s+)?points?\b)", re.I)
_UNIT_SKIP = frozenset(
    """of the a an percent per cent million billion thousand morning afternoon evening night
    today yesterday tomorrow tonight""".split()
    + [name.lower() for name in WEEKDAYS + MONTH_NAMES]
)

# Words that may stand between a figure and what it counts ("12 more buses", "9 other cars").
_UNIT_LEAD = frozenset("more other additional extra new such".split())


@dataclass(frozen=True)
class Quantity:
    """A quantity in text. ``value`` has the scale applied (``$6.2 million`` is 6.2e6);
    fractions are shares (0.5), vague amounts carry a ``low``–``high`` range, times are
    minutes after midnight."""

    value: float
    text: str
    start: int
    end: int
    kind: str
    qualifier: str = ""
    step: float = 1.0
    unit: tuple[str, ...] = ()
    change: bool = False
    low: float = 0.0
    high: float = math.inf
    spelled: bool = False


# A paragraph or list item's number ("2. On 11 March ..."): no figure, when it opens the text,
# a paragraph or a line after another numbered line (not "rose to\n40. It would ...").
_LIST_NUMBER = re.compile(r"(?m)^[ \t]*(\d{1,3}[.)])(?=[ \t]|$)")
_PARAGRAPH_START = re.compile(r"(?:\A|\n[ \t]*\n|\n[ \t]*\d{1,3}[.)][^\n]*\n)[ \t]*\Z")


def _list_numbers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [
        m.span(1)
        for m in _LIST_NUMBER.finditer(text, start, end)
        if _PARAGRAPH_START.search(text, max(0, m.start() - 400), m.start())
    ]


def find_quantities(
    text: str, start: int = 0, end: int | None = None, skip: Sequence[tuple[int, int]] = ()
) -> list[Quantity]:
    """Quantities in ``text[start:end]`` (offsets into ``text``), ignoring ``skip`` ranges."""
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = list(skip)
    taken += _list_numbers(text, start, end)
    found: list[Quantity] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    def add(q: Quantity) -> None:
        taken.append((q.start, q.end))
        found.append(q)

    for m in _TIME.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        if m.group(1):
            hours, minutes = int(m.group(1)) % 12, int(m.group(2) or 0)
            if m.group(3).lower() == "p":
                hours += 12
        else:
            hours, minutes = int(m.group(4)), int(m.group(5))
        add(Quantity(hours * 60 + minutes, m.group(), m.start(), m.end(), TIME))
    for m in _POINT.finditer(text, start, end):
        if free(m.start(), m.end()):
            add(_make(text, m, 1.0, PERCENT, start, step=1.0, spelled=True))
    for m in _VAGUE.finditer(text, start, end):
        if free(m.start(), m.end()):
            low, high = _VAGUE_RANGES[" ".join(m.group().lower().split())]
            q = _make(text, m, low, VAGUE, start)
            add(_with(q, low=low, high=high))
    for m in COMPOUND_DURATION.finditer(text, start, end):
        length = compound_duration(m)
        if length is not None and free(m.start(), m.end()):
            q = _make(text, m, length[0], COUNT, start, spelled=True)
            add(_with(q, unit=(norm(length[1]),)))  # "2 hours and 51 minutes": 171 minutes
    for m in _AND_A_PART.finditer(text, start, end):
        unit = norm(m["u"] or m["u2"])
        if free(m.start(), m.end()) and is_measure(unit):
            n = m["n"].lower()
            whole = 1.0 if n in ("a", "an") else number_value(n)
            part = 1 / FRACTION_PARTS[(m["f"] or m["f2"]).lower()]
            q = _make(text, m, whole + part, COUNT, start, step=0.25, spelled=True)
            add(_with(q, unit=(unit,)))
    for m in _PART_OF_UNIT.finditer(text, start, end):
        unit = norm(m["u"])
        if free(m.start(), m.end()) and is_measure(unit):
            n = m["n"].lower()
            part = 1.0 if n in ("a", "an") else number_value(n)
            value = part / FRACTION_PARTS[m["d"].lower()]
            q = _make(text, m, value, COUNT, start, step=0.05, spelled=True)
            add(_with(q, unit=(unit,)))
    for m in _FRACTION.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        if m.group("maj"):
            q = _make(text, m, 0.5, FRACTION, start)
            add(_with(q, qualifier=q.qualifier or "more"))
        elif m.group("half"):
            add(_make(text, m, 0.5, FRACTION, start))
        elif m.group("n2"):
            numerator, denominator = number_value(m.group("n2")), number_value(m.group("d2"))
            if denominator:
                add(_make(text, m, numerator / denominator, FRACTION, start))
        else:
            n = m.group("n").lower()
            numerator = 1 if n in ("a", "an") else NUMBER_WORDS[n]
            add(_make(text, m, numerator / FRACTION_PARTS[m.group("d").lower()], FRACTION, start))
    for m in _HALF_UNIT.finditer(text, start, end):
        if free(m.start(), m.end()):
            add(_make(text, m, 0.5, COUNT, start, step=0.1, spelled=True))
    for m in _MULTIPLE.finditer(text, start, end):
        if free(m.start(), m.end()):
            add(_make(text, m, _factor(m), MULTIPLE, start))
    for m in _DIGITS.finditer(text, start, end):
        if not free(m.start(), m.end()) or _is_year(m):
            continue
        decimals = m.group("num").partition(".")[2]
        value = number_value(m.group("num"))
        scale = SCALES.get((m.group("scale") or "").lower(), 1.0)
        scale *= MONEY_SCALES.get((m.group("abbr") or "").lower(), 1.0)  # "£2m"
        kind = MONEY if m.group("cur") else PERCENT if m.group("pct") else COUNT
        if kind == COUNT and _PERCENT_AFTER.match(text, m.end(), end):
            kind = PERCENT
        add(_make(text, m, value * scale, kind, start, step=scale * 10.0 ** -len(decimals)))
    for m in _WORDS.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        value = number_value(m.group("a"))
        if value == 1 or text[m.end() : m.end() + 5].lower() == "-time":
            continue
        scale = SCALES.get((m.group("scale") or "").lower(), 1)
        kind = PERCENT if _PERCENT_AFTER.match(text, m.end(), end) else COUNT
        add(_make(text, m, value * scale, kind, start, step=scale, spelled=True))
    return sorted(found, key=lambda q: q.start)


def _factor(m: re.Match[str]) -> float:
    """'doubled' -> 2, 'halved' -> 0.5, 'three times as' -> 3."""
    if m.group("n"):
        return NUMBER_WORDS[m.group("n").lower()]
    word = m.group("w").lower()
    return 0.5 if word.startswith("halv") else 3 if word.startswith("trip") else 2


def _is_year(m: re.Match[str]) -> bool:
    raw = m.group("num")
    if m.group("cur") or "." in raw or m.group("pct") or m.group("scale"):
        return False
    return len(raw) == 4 and 1900 <= int(raw) <= 2099


def _make(
    text: str,
    m: re.Match[str],
    value: float,
    kind: str,
    floor: int,
    *,
    step: float = 1.0,
    spelled: bool = False,
) -> Quantity:
    before = text[max(floor, m.start() - 40) : m.start()].lower()
    qualifier = ""
    for pattern, name in _QUALIFIERS:
        if pattern.search(before):
            qualifier = "" if name == "more" and contended_over(before) else name
            break
    following = re.split(r"[.;:!?]\s|[.;:!?]$|\n", text[m.end() : m.end() + 60])[0]
    unit = _unit(tokens(re.split(r"[,()]\s", following + " ")[0]))
    change = bool(_CHANGE_BEFORE.search(before)) or any(
        w in _CHANGE_AFTER for w in tokens(following)[:5]
    )
    return Quantity(
        value,
        m.group().strip(),
        m.start(),
        m.start() + len(m.group().rstrip()),
        kind,
        qualifier,
        step,
        unit,
        change,
        spelled=spelled,
    )


def _unit(after: list[str]) -> tuple[str, ...]:
    """What a figure counts: the noun phrase right after it ("seven families are staying" ->
    famili; "two games of pool" -> game, pool), ending at the first other function word, so
    "seven in a pool house" counts nothing named."""
    unit: list[str] = []
    for word in after:
        lower = word.lower()
        if lower in _UNIT_SKIP:
            continue
        if lower in STOPWORDS:
            if unit or lower not in _UNIT_LEAD:
                break
            continue
        term = norm(word)
        if not term[0].isdigit():
            unit.append(term)
        if len(unit) == 3:
            break
    if unit:  # "230 positions" are jobs, "14 night staff" workers; "staff officers" are not
        unit[-1] = _COUNT_NOUNS.get(unit[-1], unit[-1])
    return tuple(unit)


# Nouns news copy counts one thing by, folded when a figure counts that noun alone.
_COUNT_NOUNS = {
    norm(w): norm(to)
    for w, to in (
        ("posts", "jobs"),
        ("positions", "jobs"),
        ("roles", "jobs"),
        ("staff", "workers"),
    )
}


def _with(q: Quantity, **changes: object) -> Quantity:
    return Quantity(**{**q.__dict__, **changes})


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing."""
    if a.kind == TIME or b.kind == TIME:
        return a.kind == b.kind
    return a.kind == b.kind and a.kind in (COUNT, PERCENT, MONEY)


def matches(claim: Quantity, value: float, source: Quantity | None = None) -> bool:
    """Whether a source value supports the claimed quantity, given its qualifier and rounding."""
    target = claim.value
    rounding = claim.step / 2 + 1e-9 * max(1.0, abs(target))
    if source is not None and source.qualifier and source.qualifier == claim.qualifier:
        return abs(value - target) <= rounding
    q = claim.qualifier
    if q == "about":
        return abs(value - target) <= max(rounding, 0.1 * abs(target))
    if q == "nearly":
        return NEARLY_FLOOR * target - rounding <= value <= target + rounding
    if q == "more":
        return value > target and (source is None or _same_unit(claim, source))
    if q == "atleast":
        return value >= target - rounding and (source is None or _same_unit(claim, source))
    if q == "less":
        return value < target and (source is None or _same_unit(claim, source))
    if q == "upto":
        return value <= target + rounding and (source is None or _same_unit(claim, source))
    return abs(value - target) <= rounding


# Units of measure as :func:`norm` leaves a figure's next word ("millimeters" -> "millim"),
# to the text layer's unit codes: one list of units, in ``articles.text.numbers``.
_MEASURES: dict[str, str] = {
    norm(word): code
    for word, code in UNITS.items()
    if code in UNIT_SIZES and " " not in word and not word.startswith("pound")
}  # "pounds" may be money: only "lb" is a weight here
_WEIGHED = {**_MEASURES, norm("pounds"): "lb", norm("pound"): "lb"}


def is_measure(term: str) -> bool:
    """Whether a normalised word is a unit of measure, which the figure check covers."""
    return term in _MEASURES


def converted(claim: Quantity, source: Quantity, weight: bool = False) -> float | None:
    """``source``'s value in the claim's unit of measure, when both name units of one kind
    and the units differ (60 metres is 196.9 feet); None otherwise. "Pounds" are a weight
    only when the claim says so (``weight``: "weighs about 1.4 pounds"), else maybe money."""
    if claim.kind != COUNT or source.kind != COUNT or not claim.unit or not source.unit:
        return None
    scales = _scale(claim), _scale(source)
    if scales == ("F", "C"):
        return source.value * 9 / 5 + 32  # "24C, about 75F"
    if scales == ("C", "F"):
        return (source.value - 32) * 5 / 9
    speeds = _speed(claim), _speed(source)
    if speeds[0] and speeds[1]:  # "a 20mph limit, about 32km/h"
        return source.value * UNIT_SIZES[speeds[1]][1] / UNIT_SIZES[speeds[0]][1]
    measures = _WEIGHED if weight else _MEASURES
    a, b = measures.get(claim.unit[0]), measures.get(source.unit[0])
    if a is None or b is None or UNIT_SIZES[a][0] != UNIT_SIZES[b][0]:
        return None  # ("millimetres" and "mm" are one unit: the value as it is)
    return source.value * UNIT_SIZES[b][1] / UNIT_SIZES[a][1]


def _speed(q: Quantity) -> str | None:
    """The unit of a speed ("20mph", "32 km/h", "kilometres per hour"), as a unit code."""
    first, second = q.unit[:1], q.unit[1:2]
    if first == ("mph",) or (first == (norm("miles"),) and second == ("hour",)):
        return "mph"
    if first == ("kph",) or (
        first in (("km",), (norm("kilometres"),)) and second in (("h",), ("hour",))
    ):
        return "km/h"
    return None


def _scale(q: Quantity) -> str | None:
    """The temperature scale a figure is in: "24C", "13 degrees Celsius", "75F"."""
    unit = q.unit[1:2] if q.unit[:1] == ("degr",) else q.unit[:1]
    return {"c": "C", "celsiu": "C", "f": "F", "fahren": "F"}.get(unit[0] if unit else "")


def matches_converted(claim: Quantity, value: float) -> bool:
    """Whether a converted source figure supports the claim: as :func:`matches`, or within
    3 percent (a conversion of a rounded figure is rounded again)."""
    return matches(claim, value) or abs(value - claim.value) <= CONVERTED_TOLERANCE * abs(
        claim.value
    )


def same_money(a: Quantity, b: Quantity) -> bool:
    """ "£400,000" and "400,000 pounds": one sum, written with the sign or the word."""
    for money, count in ((a, b), (b, a)):
        if money.kind == MONEY and count.kind == COUNT and count.unit[:1] == ("pound",):
            return money.text.lstrip(" ~").startswith("£") and money.value == count.value
    return False


def _same_unit(a: Quantity, b: Quantity) -> bool:
    return bool(a.unit and b.unit and a.unit[0] == b.unit[0])


@dataclass(frozen=True)
class Derivation:
    """How a figure follows from two source figures: ``a - b``, the change from one to the
    other in percent, or the share ``a / b``."""

    value: float
    a: Quantity
    b: Quantity
    operation: str
    base_is_larger: bool = False

    def result(self, like: Quantity | None = None) -> str:
        """The computed figure, written like ``like``."""
        if self.operation == "percent":
            return f"{fmt(self.value)}%"
        if self.operation == "share":
            return self.a.text
        if self.operation == "ratio":
            return f"{fmt(self.value * 100)}%"
        return render(self.value, like or self.a)

    def working(self) -> str:
        """How it was computed from the source figures."""
        if self.operation == "percent":
            low, high = sorted((self.a, self.b), key=lambda q: q.value)
            start, end = (high, low) if self.base_is_larger else (low, high)
            return f"the change from {start.text} to {end.text}"
        if self.operation == "share":
            return "as stated"
        if self.operation == "ratio":
            return f"{self.a.text} of {self.b.text}"
        if self.operation == "rate":
            return f"{self.a.text} over {self.b.text}"
        if self.operation == "total":
            return f"{self.a.text} times {self.b.text}"
        return f"{self.a.text} minus {self.b.text}"

    def describe(self, like: Quantity | None = None) -> str:
        """For a reason: '0.5 (3.4 minus 2.9)'."""
        if self.operation == "share":
            return self.a.text
        return f"{self.result(like)} ({self.working()})"

    def note(self, like: Quantity | None = None) -> str:
        """For a supported claim: '3.4 minus 2.9 is 0.5'."""
        return f"{self.working()} is {self.result(like)}"


def render(value: float, like: Quantity) -> str:
    """A computed figure written the way ``like`` is: '$2.5 million', '0.4 points'."""
    prefix = next((c for c in like.text if c in "$£€"), "$") if like.kind == MONEY else ""
    for scale, word in ((1e9, " billion"), (1e6, " million")):
        if abs(value) >= scale and like.step >= scale / 1000:
            return f"{prefix}{fmt(value / scale)}{word}"
    suffix = " points" if like.kind == PERCENT else ""
    return f"{prefix}{fmt(value)}{suffix}"


def derivations(claim: Quantity, pool: list[Quantity]) -> list[Derivation]:
    """Differences and percentage changes between pairs of source figures, where the claimed
    figure is stated as a change ("by 0.4 points", "an increase of 220,000")."""
    out: list[Derivation] = []
    for a, b in permutations(pool, 2):
        if a.value <= b.value or not compatible(a, b) or a.kind in (VAGUE, TIME):
            continue
        if a.kind == claim.kind or compatible(a, claim):
            out.append(Derivation(a.value - b.value, a, b, "difference"))
        if claim.kind == PERCENT and a.kind != PERCENT and b.value:
            out.append(Derivation((a.value - b.value) / b.value * 100, a, b, "percent"))
            out.append(Derivation((a.value - b.value) / a.value * 100, a, b, "percent", True))
    return out


def rates(pool: list[Quantity]) -> list[Derivation]:
    """Amounts per unit ("$1.2 million over ten years" is $120,000 a year): a / b."""
    return [
        Derivation(a.value / b.value, a, b, "rate")
        for a, b in permutations(pool, 2)
        if a.kind in (COUNT, MONEY) and b.kind == COUNT and b.value > 1 and a.value > b.value
    ]


_PERIODS = (("year",), ("month",), ("week",), ("day",))


def totals(claim: Quantity, found: Sequence[Quantity], each: bool = False) -> list[Derivation]:
    """A sum a year times a number of years ("£270,000 a year for the 35 years ..., about
    £9.45 million in all"), from figures the claim gives and the sources support; with
    ``each``, so much each times how many ("twelve stallholders will each get £250, £3,000 in
    all")."""
    return [
        Derivation(a.value * b.value, a, b, "total")
        for a, b in permutations(found, 2)
        if a.kind == claim.kind in (MONEY, COUNT)
        and b.kind == COUNT
        and b.value > 1
        and (each or (b.unit[:1] in _PERIODS and a.unit[:1] == b.unit[:1]))
    ]


def remainders(pool: Sequence[Quantity], found: Sequence[Quantity]) -> list[Derivation]:
    """What is left of a source's whole once a part the claim gives is taken away ("the
    remaining £145,000" of £175,000 with £30,000 paid)."""
    return [
        Derivation(whole.value - part.value, whole, part, "difference")
        for whole in pool
        for part in found
        if whole.value > part.value
        and whole.kind == part.kind
        and whole.kind not in (VAGUE, TIME, PERCENT)
        and compatible(whole, part)
    ]


def ratios(numerators: list[Quantity], pool: list[Quantity]) -> list[Derivation]:
    """Shares a/b (a < b) between compatible figures, plus stated "N percent of" shares."""
    out: list[Derivation] = []
    for a in numerators:
        for b in pool:
            if b is a or not compatible(a, b) or a.kind in (PERCENT, VAGUE, TIME) or b.value <= 0:
                continue
            if 0 < a.value < b.value:
                out.append(Derivation(a.value / b.value, a, b, "ratio"))
    return out


def fraction_holds(claim: Quantity, share: float) -> bool:
    """Whether a share satisfies a claimed fraction such as "more than a third"."""
    target = claim.value
    q = claim.qualifier
    if q in ("more", "atleast"):
        return share > target - (0.0 if q == "more" else 1e-9)
    if q == "less":
        return share < target
    if q == "nearly":
        return target - 0.07 <= share <= target + 0.005
    if q == "about":
        return abs(share - target) <= 0.06
    return abs(share - target) <= 0.04


def fmt(value: float) -> str:
    """A figure for a reason sentence: 220000 -> '220,000', 0.4000001 -> '0.4'."""
    if abs(value - round(value)) < 1e-6:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
