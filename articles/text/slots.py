"""Slots: a quantity with its unit and the thing it counts, and how two of them compare.

One implementation for the drafter (key facts, conflicting figures) and the fact-checker
(does a claimed figure match a source's). A *quantity* is one number as written: a numeral or
number words ("seven", "twenty-three"), a range ("12 to 18", "between 12 and 18"), a fraction
of a unit ("half a mile", "a year and a half"), with its scale ("$2.4 million"), unit ("%",
"km/h", "year") and qualifier ("about", "more than"). Vague words ("several", "dozens") are
not quantities. A *slot* is a quantity with what it counts ("1,200 residents" evacuated,
"75 firefighters"), read off the words around it; a quantity with nothing named after or
around it ("seven", "Route 7") makes no slot.

Two slots are the same slot when they count the same thing (the same noun phrase, folded for
common equivalents: "homes and businesses" without power are "customers"), in compatible units,
and say the same thing happened to it ("evacuated", "without power", "injured", "jobs lost").
A figure no known event ties to anything is matched by its context instead: two content words
its clause shares with the other's ("households under a boil-water notice", "households told
to boil their water"), and only when each source gives one value for what it counts. Two values
agree when their ranges overlap once rounding and qualifiers are allowed for: "about 1,200"
covers 1,180 but not 1,250; "more than 48,000" covers 48,200.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from .dates import CALENDAR, MONTH, MONTH_NAMES, MONTHS, WEEKDAYS
from .instructions import instruction_spans
from .numbers import (
    COMPOUND_DURATION,
    CONVERTED_TOLERANCE,
    CURRENCY,
    FRACTION_PARTS,
    NEARLY_FLOOR,
    NUMBER_WORDS,
    NUMERAL,
    QUALIFIER_WORDS,
    SCALES,
    UNIT_SIZES,
    UNITS,
    compound_duration,
    contended_over,
    number_value,
    number_words,
    said_to_weigh,
)
from .sentences import split_sentences
from .source import SourceText
from .words import (
    AUXILIARIES,
    PLURAL_NOUNS,
    STOPWORDS,
    Vector,
    content_stems,
    content_words,
    stem,
    to_unit,
)

_NUMBER_WORD = "|".join(sorted(number_words(2, 90), key=len, reverse=True))
_WORD_NUMBER = (
    rf"(?:{_NUMBER_WORD})(?:[- ](?:{'|'.join(number_words(1, 9))}))?|a\s+dozen|two\s+dozen|"
    r"three\s+dozen"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion|bn|m)\b"
_UNITS = UNITS
_UNIT_WORDS = "|".join(sorted((re.escape(u) for u in _UNITS if u != "%"), key=len, reverse=True))
_TIME_UNITS = frozenset("decade year month week day hour minute second".split())
_CURRENCY_NAMES = {"$": "$", "£": "£", "€": "€", "dollars": "$", "pounds": "£", "euros": "€"}
_APPROX = re.compile(
    r"\b(?:about|around|approximately|roughly|some|an\s+estimated|estimated|nearly|almost|"
    r"close\s+to|just\s+over|just\s+under|more\s+than|over|at\s+least|up\s+to|as\s+many\s+as|"
    r"fewer\s+than|less\s+than|under|upwards\s+of|in\s+excess\s+of)\s+$",
    re.IGNORECASE,
)
_ABOVE = re.compile(
    r"\b(?:more\s+than|over|at\s+least|just\s+over|upwards\s+of|in\s+excess\s+of)\s+$", re.I
)
_BELOW = re.compile(r"\b(?:up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|under)\s+$", re.I)
_NEARLY = re.compile(r"\b(?:nearly|almost|just\s+under|close\s+to)\s+$", re.I)
_EXCEEDED = re.compile(r"\b(?:topped|topping|exceeded|exceeding|surpassed|passed)\s+$", re.I)

_FRACTION = re.compile(
    # "a year and a half", "half a mile", "one and a half years"
    rf"\b(?:(?P<fw>a|an|one|{_NUMBER_WORD}|\d+)\s+(?P<fu>{_UNIT_WORDS})\s+and\s+a\s+"
    rf"(?P<ff>half|quarter)|(?P<fw2>a|one|{_NUMBER_WORD}|\d+)\s+and\s+a\s+(?P<ff2>half|quarter)"
    rf"\s+(?P<fu2>{_UNIT_WORDS})|(?P<ff3>half|a\s+quarter|quarter)\s+(?:of\s+)?an?\s+"
    rf"(?P<fu3>{_UNIT_WORDS}))\b",
    re.IGNORECASE,
)
# Where a number may start: a digit (after a currency sign) or a number word.
_ANCHOR = re.compile(rf"(?<![\w.,/:-])[$£€]?\d|\b(?:{_NUMBER_WORD}|a\s+dozen)\b", re.IGNORECASE)
# "$2.4 million", "12 to 18", "twenty-three", "45 percent", matched at an anchor.
_NUMBER_PATTERN = (
    rf"(?P<cur>{CURRENCY})?"
    rf"(?P<a>{NUMERAL}|\b(?i:{_WORD_NUMBER})\b)(?![\d,]\d)"
    rf"(?:\s*(?P<sa>(?i:{_SCALE})))?"
    r"(?:\s*(?P<sep>{sep})\s*"
    rf"{CURRENCY}?(?P<b>{NUMERAL}|\b(?i:{_WORD_NUMBER})\b)"
    rf"(?![\d,]\d)(?:\s*(?P<sb>(?i:{_SCALE})))?)?"
    rf"(?P<unit>\s*%|\s+(?i:{_UNIT_WORDS})\b|\s+(?i:dollars|pounds|euros)\b)?"
)
_NUMBER = re.compile(_NUMBER_PATTERN.replace("{sep}", r"-|–|\s(?i:to|and|or)\s"))
_SINGLE_NUMBER = re.compile(_NUMBER_PATTERN.replace("{sep}", "(?!)"))  # no range
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AGE = re.compile(r"^[- ](?:year|month|week|day)s?[- ]old\b", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"^\s*(?::\d\d|[ap]\.?m\b|o'clock|GMT|UTC)", re.IGNORECASE)
_YEARS = re.compile(r"^(?:19|20)\d\d$")
_FISCAL = re.compile(r"^\d\d$")
# An emergency telephone number in use: "911 calls", "the 999 service".
_EMERGENCY_NUMBER = re.compile(
    r"(?:911|999)\s+(?:calls?|callers?|service|system|lines?|centers?|centres?|"
    r"dispatch\w*|operators?|outages?|reliability|network|number)\b",
    re.IGNORECASE,
)
_IDENTIFIERS = frozenset(
    """route routes no no. number highway interstate exit channel radio phase stage level grade
    category class section article chapter page version item unit ward apartment flat suite
    block lot plot pier terminal platform gate flight bus line room case file form model series
    type size tier zone district lane bay row seat ticket statement notice update day round
    game match lap season episode act""".split()
)
_ADDRESS = re.compile(
    r"^\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Dr|Boulevard|Blvd|"
    r"Way|Place|Court|Crescent|Terrace|Highway|Square)\b\.?"
)
_NOT_COUNTED = (
    frozenset(
        """a.m p.m am pm times percent per more most other others new additional extra further
    same several many few remaining total first last next previous former latest who which
    that than of in on at to from by for with and or but as into its their his her our the a
    an count counts""".split()
    )
    | AUXILIARIES
)
# Nouns folded together when they count the same thing in news copy.
_EQUIVALENT = {
    "home": "custom", "household": "custom", "member": "custom", "busi": "custom",
    "properti": "custom", "premis": "custom", "account": "custom", "meter": "custom",
    "person": "peopl", "individu": "peopl", "resid": "peopl", "inhabit": "peopl",
    "kid": "children", "child": "children", "pupil": "student",
}  # fmt: skip
# Words for homes, folded before stemming: "residences" and "residents" share a stem.
_HOMES = dict.fromkeys(
    "residence residences dwelling dwellings house houses household households".split(), "home"
)
# Nouns that count the same jobs when the figure is about jobs lost ("340 jobs", "340
# employees will lose their jobs", "400 people out of work"), and only then.
_JOB_NOUNS = frozenset("job employe worker staff peopl person posit post role".split())
# What happened to the thing counted, as a canonical event.
_EVENTS = (
    ("evacuated", r"evacuat|ordered\s+(?:to\s+)?(?:leave|out)|forc\w*\s+(?:\S+\s+){0,3}from|"
     r"fled|flee|displaced|left\s+their\s+homes|moved\s+(?:out\s+)?from\s+their\s+homes|"
     r"(?:left|abandoned|escaped(?:\s+from)?)\s+(?:the|their|a)\s+(?:[a-z-]+\s+){0,2}?"
     r"(?:ship|ferry|vessel|boat|plane|aircraft|train|bus|building|tower|plant|area|town|"
     r"village|homes?|houses?)\b"),
    ("killed", r"\bkill|\bdied\b|\bdead\b|\bdeaths?\b|fatal"),
    ("taken to hospital", r"hospitali[sz]ed|"
     r"(?:(?:sent|sending|taken|transported|rushed|brought|airlifted|flown|went)\s+"
     r"(?:\S+\s+){0,2}?to|treated\s+(?:at|in))\s+(?:the\s+)?(?:hospitals?\b|"
     r"(?-i:(?:[A-Z][\w'’-]*\s+){1,4}(?:Hospital|Medical\s+Cent(?:er|re)|Infirmary))\b)"),
    ("injured", r"injur|\bhurt\b|wounded|\btreated\b"),
    ("without power", r"without\s+(?:power|electricity)|power\s+(?:to|cut|outages?)|"
     r"\boutages?\b|lost\s+power|knock\w*\s+out\s+power"),
    ("power restored", r"power\s+(?:\w+\s+){0,3}restored|restored\s+(?:power\s+)?to"),
    ("derailed", r"derail"),
    ("arrested", r"arrest"),
    ("rescued", r"rescu"),
    ("destroyed", r"destroy"),
    ("damaged", r"damag"),
    ("flooded", r"flood"),
    ("on strike", r"\bstrik|walk\w*\s+out|picket"),
    ("voted", r"\bvot"),
    ("sentenced", r"sentenc|jail|prison"),
    ("jobs lost", r"\blos[et]\w*\s+(?:\w+\s+)?jobs?\b|\bcost\w*\s+(?:\S+\s+){1,3}their\s+jobs\b|"
     r"\bjob\s+(?:cuts|losses)|\blayoffs?\b|"
     r"(?:cut|cutting|eliminat\w*|shed\w*|axe\w*|axing)\s+(?:\S+\s+){0,3}?"
     r"(?:jobs|positions|posts|roles)|\blaid\s+off|\blay\w*\s+off|\bredundan|"
     r"\bout\s+of\s+work|\b(?:jobs|positions|posts|roles)\s+(?:\w+\s+){0,2}?(?:would|will|are\s+to|"
     r"set\s+to|to)\s+go\b(?!\s+to\b)"),
    ("cancelled", r"\bcancel|\bscrap(?:ped|ping)\b|\bto\s+scrap\b|called\s+off"),
    ("off sick", r"\boff\s+(?:sick|work|ill)\b|\bsick\s+leave|\bcalled\s+in\s+sick|\babsent\b"),
)  # fmt: skip
_EVENT_PATTERNS = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _EVENTS)
_HOSPITAL = dict(_EVENT_PATTERNS)["taken to hospital"]


def _to_next_figure(text: str, start: int) -> int:
    """How far after ``start`` the next figure in ``text`` begins (its length when none): a
    figure's own words end where another's begin ("Two people were killed and four
    hospitalised")."""
    m = _ANCHOR.search(text, start)
    return (m.start() if m else len(text)) - start


# Letters one of the event patterns needs, to skip a text quickly that names no event.
_EVENT_HINTS = (
    "evacu order forc fled flee displac left moved kill died dead death fatal injur hurt wound "
    "treat hospital medical transport power without outage restor derail arrest rescu destroy "
    "damag flood strik walk abandon escap "
    "picket vot sentenc jail prison job laid lay redundan work cancel scrap called posit post "
    "role off sick absent"
).split()
# Figures that move (a count "still" without power) are not compared across sources.
_RUNNING = re.compile(r"\b(?:still|remain(?:s|ed|ing)?|as\s+of|so\s+far)\b", re.IGNORECASE)
# ... and a count given "by Monday afternoon", unless that is a deadline ("will cut ... by").
_BY_TIME = re.compile(
    rf"\bby\s+(?:late\s+|early\s+)?(?:{'|'.join(WEEKDAYS)}|noon|midnight|dawn|nightfall|"
    rf"\d{{1,2}}(?::\d\d)?\s*[ap]\.?m\b|(?:this|that|the)\s+(?:morning|afternoon|evening|weekend))",
    re.IGNORECASE,
)
_DEADLINE = re.compile(r"\b(?:will|would|shall|must|should|to|plans?|expects?)\b", re.I)
_CHANGE = re.compile(
    r"\b(?:by|from|up|down|rose|fell|increased|decreased|dropped|climbed|jumped|grew|"
    r"declined|increase\s+of|rise\s+of|drop\s+of|fall\s+of|cut\s+of)\s+(?:about\s+|nearly\s+|"
    r"almost\s+|around\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
# An increment, not a total: "another 60 jobs", "a further 200 homes".
_INCREMENT = re.compile(
    r"\b(?:another|a\s+further|an\s+additional|an\s+extra)\s+(?:about\s+|nearly\s+|almost\s+|"
    r"around\s+|more\s+than\s+|up\s+to\s+)?$",
    re.IGNORECASE,
)

# A figure naming a category or a place, not an amount: "a speed limit of 20 km/h or
# below", "people aged 65 or over", "at the 35 km mark".
_CATEGORY_AFTER = re.compile(
    r"\s+(?:or\s+(?:below|less|fewer|under|more|above|over|higher|lower|longer|shorter)"
    r"|mark(?:er)?)\b",
    re.IGNORECASE,
)
# Time per day or week is a schedule ("open five days a week", "104 hours a week"): two of
# them in different units are different measures, so they are not converted.
_RATE_AFTER = re.compile(
    r"\s+(?:[a-z][\w'’-]*\s+){1,3}?(?:a|an|per|each|every)\s+(?:day|night|week|weekday|month|"
    r"year)\b",
    re.IGNORECASE,
)
_PER_TIME = re.compile(r"\s+(?:a|an|per|each|every)\s+(?:day|night|week|month|year)\b", re.I)


def _increment(before: str, quantity: Quantity) -> bool:
    """Whether a count is an increment ("another 60 jobs"); time a detour or a delay adds ("an
    extra 12 minutes") is a figure of its own."""
    return quantity.unit not in _TIME_UNITS and bool(_INCREMENT.search(before[-40:]))


# Words that hedge a figure, the first listed winning when a clause has several.
_HEDGES = {
    "estimate": r"estimat\w*",
    "preliminary": r"preliminary",
    "provisional": r"provisional",
    "expected": r"expected|projected|forecast",
    "unconfirmed": r"unconfirmed",
}
_HEDGE = re.compile(
    r"\b(?:" + "|".join(f"(?P<{name}>{words})" for name, words in _HEDGES.items()) + r")\b",
    re.IGNORECASE,
)
_HEDGE_ORDER = list(_HEDGES)
_MONEY_NOUNS = frozenset(
    """cost costs bill budget fine fines settlement grant loan deal damages compensation fee
    fees award price payout contract bid funding fund investment repairs repair clean-up
    cleanup loss losses revenue deficit""".split()
)
_CLAUSE_END = re.compile(r"[;:()\"“”]|,\s|\s[-–—]\s|\b(?:and|but|while|which|who)\b")


@dataclass(frozen=True)
class Quantity:
    """One number in a sentence: ``low`` to ``high`` (equal unless a range), scale applied."""

    low: float
    high: float
    unit: str | None
    approx: bool
    text: str
    start: int
    end: int
    bound: str | None = None  # "above" ("more than", "at least"), "below" ("up to"), "nearly"
    step: float = 1.0  # the rounding the figure is written to: 100 for "about 1,200"
    written_in: str | None = None  # the unit it was written in, once converted (_in_base)


@dataclass(frozen=True)
class Slot:
    """A quantity and what it counts or measures."""

    quantity: Quantity
    counted: frozenset[str]
    label: str
    hedge: str | None
    sentence: str
    events: frozenset[str] = frozenset()
    running: bool = False  # a figure that moves ("still without power")
    peak: bool = False  # "at the height of the fire", "at its peak"
    partitive: bool = False  # "four of the derailed cars": a part of another count
    action: str | None = None  # a verb naming what happened when no known event does
    context: frozenset[str] = frozenset()  # stems of what else the sentence says of it
    scope: str | None = None  # the place a figure is given for: "In Kessel Township, ..."


@dataclass(frozen=True)
class Conflict:
    """Different values for the same slot in different sources."""

    label: str
    passages: tuple[tuple[int, str, str], ...]  # (source index, sentence, value as written)

    @property
    def values(self) -> list[str]:
        """The values, one per distinct number ("Eleven", "eleven" and "11" are one, written as
        first seen), in passage order."""
        return [value for value, _ in self.by_value()]

    def by_value(self) -> list[tuple[str, list[int]]]:
        """Each distinct value as first written, with the sources giving it in any form."""
        groups: dict[tuple | str, tuple[str, list[int]]] = {}
        for index, _, value in self.passages:
            found = quantities(value)
            key = (found[0].low, found[0].high, found[0].unit, found[0].bound) if found else value
            _, cited = groups.setdefault(key, (value, []))
            if index not in cited:
                cited.append(index)
        return list(groups.values())

    def note(self, names: Sequence[str] = ()) -> str:
        """For the editor: 'Sources disagree on residents evacuated: about 1,200 (Meridian
        News Service) or 1,250 (Marlow Junction Courier).' ``names`` name the sources by index
        (an outlet); without them sources are numbered from 1."""
        parts = []
        for value, cited in self.by_value():
            if names:
                who = ", ".join(names[i] if i < len(names) else f"source {i + 1}" for i in cited)
            else:
                who = f"source{'s' if len(cited) > 1 else ''} " + ", ".join(
                    str(i + 1) for i in cited
                )
            parts.append(f"{value} ({who})")
        return f"Sources disagree on {self.label.lower()}: {' or '.join(parts)}."


def quantities(sentence: str) -> list[Quantity]:
    """The numbers in ``sentence``; not years, times of day, identifiers ("Route 7") or vague
    amounts ("several")."""
    return list(_quantities(sentence))


@lru_cache(maxsize=8192)
def _quantities(sentence: str) -> tuple[Quantity, ...]:
    """:func:`quantities`, kept: the drafter, the conflict finder and the checker each read
    the same sentences' numbers."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    lower = sentence.lower()
    if " and " in lower or " hour" in lower or " year" in lower:
        for m in COMPOUND_DURATION.finditer(sentence):  # "2 hours and 51 minutes"
            length = compound_duration(m)
            if length is not None:
                found.append(_compound(sentence, m, *length))
                taken.append(m.span())
    if "half" in lower or "quarter" in lower:
        for m in _FRACTION.finditer(sentence):
            found.append(_fraction(m))
            taken.append(m.span())
    if " in " in lower or " out of " in lower:
        for m in _ONE_IN.finditer(sentence):  # "one in five": "one" is no anchor
            whole = _ratio_whole(m["whole"])
            if whole < 1:
                continue
            found.append(_share(sentence, m.start(), m.end(), 1.0, whole))
            taken.append(m.span())
    if " of " in lower:
        for m in _WORD_SHARE.finditer(sentence):  # "a third of the hens", "half of them"
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if _ORDINAL_BEFORE.search(sentence, 0, m.start()):
                continue  # "the first half of the year": a part of a time, no share
            whole = FRACTION_PARTS[(m["d"] or "half").lower()]
            n = (m["n"] or "one").lower()
            part = 1.0 if n in ("a", "an", "one") else number_value(n)
            if part < whole:
                end = m.end("d") if m["d"] else m.end("half")
                found.append(_share(sentence, m.start(), end, part, whole))
                taken.append(m.span())
    end = 0
    for anchor in _ANCHOR.finditer(sentence):
        start = anchor.start()
        if start < end or any(a <= start < b for a, b in taken):
            continue
        m = _NUMBER.match(sentence, start)
        if m is None:
            continue
        if m["sep"] and m["sep"].strip().lower() == "or" and not _close(m["a"], m["b"]):
            m = _SINGLE_NUMBER.match(sentence, start)  # "either 12 or 20": two figures
        end = m.end()
        between = _BETWEEN.search(sentence, max(0, start - 10), start)
        quantity = _number(sentence, m, between.start() if between else None)
        if quantity is not None:
            found.append(quantity)
    return tuple(sorted(found, key=lambda q: q.start))


def _close(a: str, b: str) -> bool:
    """Whether "a or b" is a rough range ("four or five days", "10 or 12 people"): b a little
    above a."""
    low, high = number_value(a), number_value(b)
    return low < high <= low + max(2.0, low / 2)


def _compound(sentence: str, m: re.Match[str], value: float, unit: str) -> Quantity:
    """A length of time in two units as one figure in the smaller ("nearly 2 hours and 51
    minutes": 171 minutes), with its qualifier."""
    at, bound = _qualified(sentence[: m.start()])
    start = m.start() if at is None else at
    text = sentence[start : m.end()]
    return Quantity(value, value, _UNITS[unit], at is not None, text, start, m.end(), bound=bound)


def _fraction(m: re.Match[str]) -> Quantity:
    whole_word = m["fw"] or m["fw2"] or ""  # a fraction match
    part = (m["ff"] or m["ff2"] or m["ff3"] or "").split()[-1].lower()
    unit_word = (m["fu"] or m["fu2"] or m["fu3"]).lower()
    whole = 0.0
    if whole_word:
        whole = 1.0 if whole_word.lower() in ("a", "an", "one") else number_value(whole_word)
    value = whole + 1 / FRACTION_PARTS[part]
    text = m.group().strip()
    return Quantity(value, value, _UNITS[unit_word], False, text, m.start(), m.end(), step=0.25)


def _number(sentence: str, m: re.Match[str], between: int | None) -> Quantity | None:
    """The number ``m`` matched, ``between`` the offset of a "between" just before it."""
    a, b = m["a"], m["b"]
    rest = sentence[m.end("a") :]
    before = sentence[: m.start()]
    if not m["cur"] and not m["unit"] and _YEARS.match(a) and (not b or _FISCAL.match(b)):
        return None  # a year, or a fiscal year ("2027-28")
    if re.search(rf"\b{MONTH}\.?\s+$", before):
        return None  # "Oct. 12": a day of the month
    if _AGE.match(rest):
        return None  # "a 71-year-old man": an age, not a length of time
    if _TIME_OF_DAY.match(rest) or (b and _TIME_OF_DAY.match(sentence[m.end("b") :])):
        return None
    previous = before.split()[-1:] if before[-1:].isspace() else []
    word = previous[0].strip("(\"“'‘").lower() if previous else ""
    if word in _IDENTIFIERS or before.endswith(("#", "No. ", "no. ")):
        return None
    named = previous and previous[0][:1].isupper() and previous[0].isalpha()
    if named and not m["cur"] and previous[0].lower() not in STOPWORDS | QUALIFIER_WORDS:
        return None  # "Radio 4", "Platform 9"
    if not m["cur"] and not b and _ADDRESS.match(rest):
        return None  # "400 Lincoln Street"
    if not b and _EMERGENCY_NUMBER.match(sentence, m.start()):
        return None  # "911 service", "a 999 call": a telephone number
    hyphened_word = re.match(r"^-\w", rest) and not b
    if hyphened_word and not re.match(rf"^-(?:{_UNIT_WORDS})\b", rest, re.IGNORECASE):
        return None  # "7-Eleven" (but "a 12-hour shift" counts)
    if between is not None and not b:
        return None
    if b and b[0] == "0" and "-" in sentence[m.end("a") : m.start("b")]:
        return None  # "555-0148": a telephone number
    if not b and not m["unit"] and _RATIO_END.search(before[-30:]):
        return None  # the "five" of "two in five": read with the "two"
    ratio = _RATIO.match(sentence, m.end()) if not b and not m["unit"] else None
    whole = _ratio_whole(ratio["whole"]) if ratio else 0.0
    if ratio and 0 < number_value(a) <= whole:  # "two in five"
        return _share(sentence, m.start(), ratio.end(), number_value(a), whole)
    unit_text = (m["unit"] or "").strip().lower()
    unit = _CURRENCY_NAMES.get(m["cur"] or "") or _CURRENCY_NAMES.get(unit_text)
    if (
        unit == "£"
        and not m["cur"]
        and (_WEIGHED.match(sentence, m.end()) or said_to_weigh(sentence, m.start()))
    ):
        unit = "lb"  # "6,200 pounds of dead fish", "weight of food: 12,000 pounds"
    if unit is None and unit_text:
        unit = _UNITS.get(unit_text) or _UNITS.get(" ".join(unit_text.split()))
    if unit is None and re.match(r"^\s*(?:per\s+cent|percent)\b", rest, re.IGNORECASE):
        unit = "%"
    if unit is None and (hyphened := re.match(rf"^-({_UNIT_WORDS})\b", rest, re.IGNORECASE)):
        unit = _UNITS[hyphened.group(1).lower()]
    scale_a = _scale(m["sa"], m["cur"] or unit)
    scale_b = _scale(m["sb"], m["cur"] or unit) if b else 1.0
    if b and scale_b != 1.0 and scale_a == 1.0:
        scale_a = scale_b
    if (m["sa"] or "").lower() == "m" and not m["cur"]:
        return None  # "12 m" is metres, handled as a unit only when spelt out
    low = number_value(a) * scale_a
    high = number_value(b) * scale_b if b else low
    if low > high:
        if between is None and b and _looks_like_tally(sentence, m):
            return None  # "won 3-1", "voted 7-2": a tally, not a range
        low, high = high, low
    elif b and between is None and _looks_like_tally(sentence, m):
        return None
    at, bound = _qualified(before)
    qualified = at is not None
    if bound is None and _EXCEEDED.search(before[-20:]):
        bound = "above"  # "gusts topped 60 mph": more than 60
    start = at if qualified else m.start()
    if between is not None:
        start = between
    end = m.end()
    text = sentence[start:end].strip()
    start = start + (len(sentence[start:end]) - len(sentence[start:end].lstrip()))
    step = _step(a, scale_a, approximate=qualified or bool(m["sa"]))
    return Quantity(
        low, high, unit, qualified, text, start, start + len(text), bound=bound, step=step
    )


def _qualified(before: str) -> tuple[int | None, str | None]:
    """Where the qualifier ending the text before a figure ("about", "more than") starts in
    ``before`` (None without one), and the bound it puts on the figure; "over" after a word
    of contention is none ("a fight over nine votes")."""
    tail = before[-30:]
    qualifier = _APPROX.search(tail)
    if qualifier is None or contended_over(before):
        return None, None
    return len(before) - len(tail) + qualifier.start(), _bound(before)


def _bound(before: str) -> str | None:
    """The bound the words just before a figure put on it ("more than", "up to", "nearly")."""
    tail = before[-30:]
    if _ABOVE.search(tail):
        return "above"
    if _NEARLY.search(tail):  # "just under half" before "under half"
        return "nearly"
    return "below" if _BELOW.search(tail) else None


def _share(sentence: str, start: int, end: int, part: float, whole: float) -> Quantity:
    """A share written as a ratio or in words ("two in five", "a third of"), as a percentage
    with its qualifier ("nearly nine in ten"). It is a rounding, give or take half a part but
    never more than five points: "a third" is 28 to 38 percent, "one in a hundred" 0.5 to 1.5."""
    at, bound = _qualified(sentence[:start])
    start = start if at is None else at
    share = 100 * part / whole
    text = sentence[start:end]
    return Quantity(
        share, share, "%", True, text, start, end, bound=bound, step=min(10.0, 100 / whole)
    )


_RATIO_COUNT = rf"(?:\d{{1,3}}|(?i:{_NUMBER_WORD}|one))"
_RATIO_NUMBER = rf"(?:(?:{_RATIO_COUNT}|(?i:a))\s+(?i:hundred|thousand)|{_RATIO_COUNT})"
_RATIO = re.compile(
    rf"\s+(?:in|out\s+of)\s+(?P<whole>{_RATIO_NUMBER})(?![\w,.%-]|\s+(?i:{_UNIT_WORDS})\b)"
)
# "a third of", "two-thirds of", "half of": a share in words (not "a quarter of a mile", nor
# "half of it", a share of nothing named).
_WORD_SHARE = re.compile(
    rf"\b(?:(?P<n>a|an|{'|'.join(number_words(1, 9))})[\s-]+"
    rf"(?P<d>{'|'.join(sorted(FRACTION_PARTS, key=len, reverse=True))})|(?P<half>half))"
    rf"\s+of\s+(?!an?\s+(?i:{_UNIT_WORDS}|hundred|thousand|million|billion)\b"
    r"|(?i:it|them|this|that|these|those|which)\b)",
    re.IGNORECASE,
)
_ORDINAL_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|final|last|latter|other|back|front|top|bottom|upper|lower|"
    r"inner|outer|left|right|(?:north|south|east|west)(?:ern)?)[\s-]+$",
    re.IGNORECASE,
)
_ONE_IN = re.compile(
    rf"\b(?i:one)\s+(?:in|out\s+of)\s+(?P<whole>{_RATIO_NUMBER})(?![\w,.%-]|\s+(?i:{_UNIT_WORDS})\b)"
)
_RATIO_END = re.compile(rf"(?<![\w,.]){_RATIO_NUMBER}\s+(?:in|out\s+of)\s+$")
# "pounds of fish", not "pounds of funding": pounds that weigh something.
_SPENT = _MONEY_NOUNS | frozenset(
    """damage money savings cash debt debts spending profit profits tax taxes income aid
    support donations sales fraud""".split()
)
_WEIGHED = re.compile(rf"\s+of\s+(?!(?:[\w']+\s+)?(?:{'|'.join(_SPENT)})\b)[a-z]", re.I)


def _ratio_whole(text: str) -> float:
    """The whole of a share: "five", "10", "one hundred", "a thousand"."""
    count, _, scale = text.lower().rpartition(" ")
    if count:
        count = count.strip()
        return (1.0 if count in ("a", "one") else number_value(count)) * SCALES[scale]
    return number_value(scale)


def _scale(word: str | None, money: str | None) -> float:
    if not word:
        return 1.0
    lower = word.lower()
    if lower == "m":
        return 1e6 if money else 1.0
    return SCALES[lower]


def _step(numeral: str, scale: float, *, approximate: bool) -> float:
    """The rounding a figure is written to: its last decimal place, scaled ("2.4 million" ->
    100,000); for an approximate whole number also its trailing zeros ("about 1,200" -> 100)."""
    if not numeral[:1].isdigit():
        return scale
    digits = numeral.replace(",", "")
    whole, _, decimals = digits.partition(".")
    if decimals:
        return scale * 10.0 ** -len(decimals)
    if not approximate:
        return scale
    zeros = len(whole) - len(whole.rstrip("0"))
    return scale * 10.0 ** min(zeros, max(0, len(whole) - 1))


def _looks_like_tally(sentence: str, m: re.Match[str]) -> bool:
    """'7-2' after a vote or a score is a tally, not a range."""
    joiner = sentence[m.end("a") : m.start("b")]
    if "to" not in joiner.lower() and "-" not in joiner and "–" not in joiner:
        return False
    context = sentence[max(0, m.start() - 60) : m.end() + 30].lower()
    return bool(re.search(r"\bvot|\bwon\b|\bbeat|\blost\b|\bdefeat|\bscore|\bwin\b", context))


def values_agree(a: Quantity, b: Quantity) -> bool:
    """Whether two figures for the same slot can both be right: their ranges overlap once the
    rounding of an approximate figure ("about 1,200": 1,150 to 1,250, exclusive) and bounds
    ("more than 48,000", "up to 20", "nearly 500") are allowed for."""
    exact = not (a.approx or b.approx or a.bound or b.bound) and a.step <= 1 and b.step <= 1
    if exact and a.low == a.high and b.low == b.high:  # two exact figures, the common case
        return abs(a.low - b.low) <= 1e-9 * max(1.0, abs(a.low))
    a_low, a_high = _interval(a)
    b_low, b_high = _interval(b)
    if a_low == a_high and b_low == b_high:
        return abs(a_low - b_low) <= 1e-9 * max(1.0, abs(a_low))
    if a_low == a_high:
        return _inside(a_low, b, b_low, b_high)
    if b_low == b_high:
        return _inside(b_low, a, a_low, a_high)
    if a.low == a.high and b.low == b.high and not (a.bound or b.bound):
        # two rounded figures: one must be what the other rounds, half up ("$2.25 million"
        # is "$2.3 million"; "about 1,200" and "an estimated 1,250" are two counts, though
        # both could be 1,249)
        return _rounds_to(a.low, b_low, b_high) or _rounds_to(b.low, a_low, a_high)
    return max(a_low, b_low) < min(a_high, b_high) or (a_low == b_low and a_high == b_high)


def _rounds_to(value: float, low: float, high: float) -> bool:
    """Whether ``value`` rounds, half up, to the figure whose rounding interval is ``low`` to
    ``high``."""
    eps = 1e-9 * max(1.0, abs(value))
    return low - eps <= value < high - eps


def _inside(value: float, q: Quantity, low: float, high: float) -> bool:
    closed = q.bound == "above" and not q.approx
    if low < value < high:
        return True
    return (closed and value == low) or (q.low != q.high and low <= value <= high)


def _interval(q: Quantity) -> tuple[float, float]:
    tolerance = q.step / 2 if q.approx or q.step > 1 else 0.0
    if q.bound == "above":
        return q.low, float("inf")
    if q.bound == "below":
        return 0.0, q.high + tolerance
    if q.bound == "nearly":
        return NEARLY_FLOOR * q.low, q.high + tolerance
    return q.low - tolerance, q.high + tolerance


def slots(sentence: str) -> list[Slot]:
    """The quantities in ``sentence`` that count or measure something named near them."""
    return list(_slots(sentence))


@lru_cache(maxsize=4096)
def _slots(sentence: str) -> tuple[Slot, ...]:
    """:func:`slots`, cached: the drafter reads the same sentences for key facts and for
    conflicts."""
    found: list[Slot] = []
    scope = _scope(sentence)
    for quantity in quantities(sentence):
        if _change(sentence, quantity):
            continue
        if quantity.unit is None and _RATE_AFTER.match(sentence, quantity.end):
            continue  # "about 900 passengers a day": a rate, not a count of the event
        if quantity.unit in ("$", "£", "€", "%"):
            counted_words = _counted_before(sentence, quantity) or _counted_after(
                sentence, quantity
            )
        else:
            counted_words = _counted_after(sentence, quantity)
        labelled = LINE_LABEL.match(sentence)
        if not counted_words and quantity.unit is None and labelled:
            counted_words = _label_counted(sentence, labelled, quantity)
        if not counted_words:
            continue
        clause = _clause(sentence, quantity)
        events = (  # what happened to a count, not to a distance or a sum
            _event(_near(clause, sentence, quantity), quantity.text)
            if quantity.unit is None
            else frozenset()
        )
        if quantity.unit is None and not events and labelled and quantity.start >= labelled.end():
            events = _event(labelled["label"], "")  # "Structures destroyed: 14 residences"
        power = bool(events & _POWER)
        jobs = "jobs lost" in events
        money = quantity.unit in ("$", "£", "€")
        counted = _counted(counted_words, power=power, jobs=jobs, money=money)
        if _EACH.search(clause):
            counted |= {"each"}  # "the counts each carry a maximum of five years"
            counted_words = [*counted_words, "each"]
        action = (
            None
            if events or counted & _DIMENSION_SLOTS
            else _action(sentence, quantity, len(counted_words))
        )  # "15 metres deep" is the depth, whatever opened
        hedge = _hedge(clause)
        found.append(
            Slot(
                quantity,
                counted,
                _label(counted_words, events or frozenset(filter(None, [action])), quantity),
                hedge,
                sentence,
                events,
                running=_running(clause),
                peak=bool(_PEAK.search(sentence)),
                partitive=bool(_PARTITIVE.match(sentence, quantity.end))
                or bool(_INCLUDING.search(sentence, 0, quantity.start))
                or bool(_REMAINDER.search(sentence, 0, quantity.start)),
                action=action,
                context=_context(sentence, quantity, counted_words),
                scope=scope,
            )
        )
    return tuple(found)


# A labelled line and its label, read from the line's start: "Structures destroyed: 14
# residences, 9 outbuildings", "- Retail trade: -260".
LINE_LABEL = re.compile(r"[ \t]*[-•*]?[ \t]*(?P<label>[A-Z][^:\n]{1,60}):[ \t]*")


def _label_counted(line: str, labelled: re.Match[str], quantity: Quantity) -> list[str]:
    """What a labelled line's first figure counts, named by its label ("Households evacuated:
    1,460" counts households; "Estimated number of fish escaped: 58,300" fish): the label's
    nouns up to its verb, words that only qualify a count left out."""
    if line[labelled.end() : quantity.start].strip(" ~(") not in _LABEL_QUALIFIERS:
        return []  # not the line's own figure: "Date: 14 July, 1,200 ..."
    nouns: list[str] = []
    for word in re.findall(r"[A-Za-z][\w'’-]*", labelled["label"]):
        lower = word.lower()
        if lower in _LABEL_QUALIFIERS or (lower == "of" and not nouns):
            continue  # "Estimated number of fish escaped"
        if lower in _NOT_COUNTED or lower.endswith(("ed", "ing")) or lower in _UNCOUNTED_LABELS:
            break
        nouns.append(word)
    return nouns[-2:] if nouns else []


# Words of a label that say how a count was made, not what it counts.
_LABEL_QUALIFIERS = frozenset(
    "approx approx. approximate approximately about around estimated estimate number total "
    "confirmed reported provisional latest".split()
) | {""}
# Labels that name no thing counted: a date, a reference, a time.
_UNCOUNTED_LABELS = frozenset(
    "date dates time times case reference ref no number tel phone contact updated issued".split()
)


def _change(sentence: str, quantity: Quantity) -> bool:
    """Whether a figure is a change or the value before one ("rose by 50", "up from 4.2
    percent", "3.1 percent larger", "another 60 jobs"), or a limit ("when winds exceed 25
    mph"), not a figure of its own."""
    before = sentence[: quantity.start]
    return bool(
        _CHANGE.search(before[-40:])
        or _increment(before, quantity)
        or _COMPARED.match(sentence, quantity.end)
        or _CATEGORY_AFTER.match(sentence, quantity.end)
        or _LIMIT.search(before[-80:])
    )


# A threshold in a condition, not something that happened: "when winds exceed 25 mph".
_LIMIT = re.compile(
    r"\b(?:when|whenever|if|unless|once)\b[^,.;]{0,60}\b(?:exceeds?|reach(?:es)?|tops?|"
    r"(?:is|are|goes|go|rises?|gets?)\s+(?:above|over|below|under))\s+$",
    re.IGNORECASE,
)  # present tense only: "when the fire reached 3,000 acres" is what happened


def _moved(sentence: str, quantity: Quantity) -> bool:
    """Whether a figure is either end of a change ("up from 3,100 acres", "from $58,200 to
    about $63,600"), what it adds ("three more cases"), a limit ("when winds exceed 25
    mph"), a capacity ("which carries 28 cars") or a cap ("caps of 28 students"), which
    comparing facts leaves out ("120 feet down a slope" is a figure)."""
    before = sentence[: quantity.start]
    return bool(
        _CHANGE.search(before[-60:])
        or _increment(before, quantity)
        or _CATEGORY_AFTER.match(sentence, quantity.end)
        or _FROM_TO.search(before[-60:])
        or _MORE.match(sentence, quantity.end)
        or _LIMIT.search(before[-80:])
        or _CAPACITY.search(before[-40:])
        or _CAP.search(before[-90:])
    )


# A figure set as a cap, limit or target ("caps of 28 students in elementary classrooms and
# 32 in high school", "a target of 95 percent"): a rule, not something that happened.
_CAP = re.compile(
    r"\b(?:caps?|capped|limits?|limited|ceilings?|maximum|minimum|thresholds?|targets?)\s+"
    r"(?:of|at|to)\s"
    r"[^.;:]{0,80}$",
    re.IGNORECASE,
)
_MORE = re.compile(r"\s+(?:more|fewer|additional|extra|new|further)\b", re.I)


_FROM_TO = re.compile(r"\bfrom\s+[$£€]?\d[\d,.]*(?:\s+\w+)?\s+to\s+(?:about\s+|nearly\s+)?$", re.I)


_LEADING_PLACE = re.compile(
    r"^(?:In|At)\s+(?:the\s+)?(?P<place>[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,3}),"
)


def _scope(sentence: str) -> str | None:
    """The place a sentence's figures are given for, when it opens on one: "In Kessel
    Township, three homes were destroyed"."""
    leading = _LEADING_PLACE.match(sentence)
    return leading["place"] if leading and leading["place"] not in CALENDAR else None


def _context(sentence: str, q: Quantity, counted_words: list[str]) -> frozenset[str]:
    """Stems of the content words of a figure's clause, other than the figure and what it
    counts: how two figures that no known event ties together ("households under a
    boil-water advisory", "households told to boil their water") are matched."""
    skip = {stem(w) for w in counted_words}
    clause = _clause(sentence, q)
    start = sentence.find(clause)
    if start > 0 and q.start - start < 20:  # an apposition: "..., approximately 9,000 homes"
        clause = _CLAUSE_BREAK.split(sentence[:start].rstrip(" ,;:-–—"))[-1] + " " + clause
    found = set()
    for word in re.findall(r"[A-Za-z][a-z]+", clause.replace(q.text, " ")):  # "boil", "water"
        word_stem = stem(word.lower())
        if _says_what(word.lower()) and word_stem not in skip and len(word_stem) > 2:
            found.add(word_stem)
    return frozenset(found)


def _says_what(word: str) -> bool:
    """Whether a lower-case word can say what a figure is (not a stopword, a number word or
    who said it)."""
    return not (
        word in STOPWORDS
        or word in _NOT_COUNTED
        or word in _GENERIC_CONTEXT
        or word in NUMBER_WORDS
        or len(word) < 3
    )


# Words that say who said a figure, how or when, not what it counts.
_GENERIC_CONTEXT = frozenset(
    """city town county officials official spokesperson spokesman spokeswoman statement
    announced added approximately around roughly nearly almost some estimated figures figure
    number numbers total people thousand million billion trillion today yesterday away long
    longer""".split()
    + [name.lower() for name in (*MONTH_NAMES, *WEEKDAYS)]
    + list(MONTHS)
)


# What a sum is the cost of, said either way: "will cost $6.4 million", "the price of the
# project at $7.2 million", "a $7.2 million project".
_COST = frozenset("cost price bill project scheme upgrad renov replac expans construct".split())
_WORKS = _COST - {"cost", "price", "bill"}
# Heads that add nothing to the noun before them: "23 branch locations" are 23 branches.
_GENERIC_HEADS = frozenset("locat site unit facil".split())


def _counted(counted_words: list[str], *, power: bool, jobs: bool, money: bool) -> frozenset[str]:
    """What a figure counts, as folded stems: "costs" and "price" of a sum are its cost."""
    words = [w.lower() for w in counted_words]
    stems = [_fold(_HOMES.get(w) or stem(w), power=power, jobs=jobs) for w in words]
    if len(stems) > 1 and stems[-1] in _GENERIC_HEADS:
        stems = stems[:-1]
    if money and stems and stems[-1] in _COST:
        return frozenset({"cost"})
    return frozenset(stems)


def _running(clause: str) -> bool:
    """Whether a figure moves: "still without power", "so far", "19 by Monday afternoon"."""
    if _RUNNING.search(clause):
        return True
    return bool(_BY_TIME.search(clause)) and not _DEADLINE.search(clause)


def _fold(word_stem: str, *, power: bool, jobs: bool = False) -> str:
    """A counted noun folded with its equivalents; homes, businesses and members count the same
    thing (customers) only for power cuts, and employees, workers and people count jobs only
    when jobs are lost."""
    if jobs and word_stem in _JOB_NOUNS:
        return "job"
    folded = _EQUIVALENT.get(word_stem, word_stem)
    return folded if power or folded != "custom" else word_stem


_POWER = frozenset({"without power", "power restored"})


def _counted_after(sentence: str, q: Quantity) -> list[str]:
    """The noun phrase after the number: "1,200 residents", "four ethanol tank cars", "75
    firefighters", "112 millimetres of rain", "23 of the train's 96 cars"."""
    rest = sentence[q.end :]
    if q.unit in _SPEEDS:
        return [q.unit]
    if q.unit and q.unit not in ("$", "£", "€", "%") and q.unit not in _TIME_UNITS:
        of = re.match(r"\s+of\s+(?!the\b|a\b|an\b)((?:[a-z][\w'’-]*\s*){1,2})", rest)
        if of:
            nouns = []
            for word in of.group(1).split():
                if word.lower() in _NOT_COUNTED or word.endswith(("ed", "ing")):
                    break  # "3 tons of ammonia leaked": the verb is no part of what is counted
                nouns.append(word)
            return nouns[:2]
        if re.match(r"\s+(?:away|from)\b", rest):
            return ["distance"]  # "22 miles away": matched to another by its context
        dimension = re.match(r"\s+(long|deep|wide|across|high|tall)\b", rest)
        if dimension:  # "15 metres deep", "20 metres across"
            return [DIMENSIONS[dimension.group(1)]]
        return []
    if q.unit in _TIME_UNITS:
        return _what_lasts(sentence, q)
    if q.unit == "%":
        of = re.match(r"\s+of\s+(?:the\s+|its\s+|their\s+)?((?:[a-z][\w'’-]*\s*){1,2})", rest)
        return _noun_phrase(of.group(1).split()) if of else []
    partitive = re.match(
        r"\s+of\s+(?:the|its|their|his|her|those|these|our)\s+(?:[\w'’-]+['’]s\s+)?"
        r"(?:\d[\d,]*\s+|(?P<first>[a-z]+-?[a-z]*)\s+)?(?P<noun>[a-z][\w-]*)",
        rest,
    )
    if partitive:
        noun = partitive["noun"]
        if partitive["first"] and _VERB_NEXT.match(" " + noun):
            noun = partitive["first"]  # "3,400 of those visits took place"
        if noun.lower() not in _NOT_COUNTED:
            return [noun]
    fronted = _FRONTED_PART.search(sentence, 0, q.start)
    if fronted and (not rest.strip()[:1].isalpha() or _VERB_NEXT.match(rest)):
        return [fronted.group(1)]  # "Of those visits, 4,100 came ..." counts visits
    members = re.match(
        r"\s+members\s+of\s+(?:(?:the|his|her|their|its|our|my|same)\s+)*([a-z][\w-]*)", rest
    )
    if members:
        return [members.group(1)]  # "31 members of staff" counts staff
    tokens = re.findall(r"[A-Za-z][\w'’-]*|[^\sA-Za-z]", rest)[:5]
    return _noun_phrase(tokens)


# "Of those visits, 4,100 came ...": what a figure counts, said before it.
_FRONTED_PART = re.compile(
    r"\b(?i:of)\s+(?:the|those|these|them|its|their)\s+(?:[\w'’-]+\s+)?([a-z][\w-]*),\s+"
    r"(?:(?:about|around|some|nearly|almost|roughly|approximately)\s+)?$"
)
_VERB_NEXT = re.compile(r"\s+(?:[a-z]+ed|came|were|was|had|have|went|took|left|got)\b")
# Time a detour or a delay adds: "adds 12 minutes", "an extra 12 minutes", "15 minutes longer".
_EXTRA_TIME = re.compile(
    r"\b(?:add|adds|added|adding|extra|additional)\s+(?:an?\s+)?(?:about\s+|around\s+|"
    r"roughly\s+|some\s+|up\s+to\s+)?(?:extra\s+)?$",
    re.IGNORECASE,
)
_LONGER = re.compile(r"\s+(?:longer|more|extra)\b", re.IGNORECASE)


def _what_lasts(sentence: str, q: Quantity) -> list[str]:
    """What a length of time is the length of: "adds 12 minutes" -> extra time, "a detour of
    about eight minutes" -> detour,
    "closed for seven months" -> closure, "up to five years in prison" -> prison; nothing
    when the sentence does not say."""
    before = sentence[max(0, q.start - 60) : q.start]
    if _EXTRA_TIME.search(before[-30:]) or _LONGER.match(sentence, q.end):
        return ["extra", "time"]
    of = re.search(r"\b([a-z]{4,})\s+of\s+$", before)
    if of and of.group(1) not in STOPWORDS and of.group(1) not in _NOT_COUNTED:
        return [of.group(1)]
    if re.search(
        r"\b(?:close|closes|closed|closing|shut|shuts)\b(?:\s+[\w'’-]+){0,5}?\s+for\s+$", before
    ):
        return ["closure"]
    place = re.match(r"\s+(?:in|behind)\s+(prison|jail)\b", sentence[q.end :])
    return [place.group(1)] if place else []


def _noun_phrase(tokens: list[str]) -> list[str]:
    """Up to three words ending in a plural noun ("homes and businesses" is kept whole)."""
    picked: list[str] = []
    for index, token in enumerate(tokens):
        lower = token.lower()
        if (
            not token[0].isalpha()
            or lower in _NOT_COUNTED
            or lower in STOPWORDS
            or lower.endswith("ly")
        ):
            break
        picked.append(lower)
        plural = (lower.endswith("s") and not lower.endswith("ss")) or lower in PLURAL_NOUNS
        if plural:
            more = tokens[index + 1 : index + 3]
            if len(more) == 2 and more[0].lower() == "and" and more[1].lower().endswith("es"):
                picked.append(more[1].lower())
            return picked
        if len(picked) == 3:
            break
    return []


def _counted_before(sentence: str, q: Quantity) -> list[str]:
    """For a sum or a percentage: the noun before it ("the clean-up cost of about $2.4
    million", "turnout was 45%")."""
    if q.unit not in ("$", "£", "€", "%"):
        return []
    before = sentence[max(0, q.start - 60) : q.start]
    before = _CLAUSE_END.split(before)[-1]
    tokens = re.findall(r"[A-Za-z][\w'’-]*", before)
    nouns = [
        t.lower()
        for t in tokens
        if t.lower() not in STOPWORDS
        and t.lower() not in _NOT_COUNTED
        and not t.lower().endswith("ly")
        and t[0].islower()
    ]
    money_nouns = [n for n in nouns if n in _MONEY_NOUNS]
    if q.unit != "%" and money_nouns:
        last = money_nouns[-1]
        if last in ("cost", "costs", "bill") and len(money_nouns) > 1:
            return [money_nouns[-2], "cost"]  # "the clean-up is expected to cost"
        return [last]
    if q.unit != "%":
        after = re.match(r"\s+([a-z][\w-]*)", sentence[q.end :])
        if after and (after.group(1) in _MONEY_NOUNS or stem(after.group(1)) in _COST):
            return [after.group(1)]
        return []
    level = re.search(
        r"([a-z][\w-]*)\s+(?:was|is|of|at|stood\s+at|reached)\s+$", before, re.IGNORECASE
    )
    noun = level.group(1).lower() if level else ""
    return [noun] if noun and noun not in STOPWORDS else []


def _clause(sentence: str, q: Quantity) -> str:
    """The clause a quantity stands in: what happened to it ("forcing about 1,200 residents
    from their homes")."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, q.start)]
    if len(starts) > 1 and re.match(r"\s*(?:which|who|that)\b", sentence[starts[-1] :]):
        starts.pop()  # "The evacuation order, which covered about 1,200 people"
    start = max(starts[-1] if starts else 0, q.start - 80)
    after = _CLAUSE_BREAK.search(sentence, q.end)
    end = min(after.start() if after else len(sentence), q.end + 60)
    return sentence[start:end]


def _hedge(clause: str) -> str | None:
    """The hedge on a figure ("estimate", "preliminary", "expected", ...), if its clause has one."""
    found = {str(m.lastgroup) for m in _HEDGE.finditer(clause)}
    return min(found, key=_HEDGE_ORDER.index) if found else None


def _action(sentence: str, q: Quantity, n_counted: int) -> str | None:
    """A verb saying what happened to the thing counted, for its label when no known event
    does: "cleared 20 to 30 fallen trees" -> cleared, "40 homes were damaged" -> damaged."""
    before = re.search(r"\b([a-z]{3,}ed)\s+$", sentence[: q.start])
    if before and before.group(1) not in _NOT_ACTIONS:
        return before.group(1)
    after = re.match(
        rf"(?:\s+of)?(?:\s+[\w'’-]+){{{n_counted}}}\s+"
        r"(?:(?:was|were|had|have|has|been|being|would|will|could|may|might)\s+(?:be\s+)?){0,2}"
        r"([a-z]{3,}ed)\b",
        sentence[q.end :],
    )
    if after and after.group(1) not in _NOT_ACTIONS:
        return after.group(1)
    return None


_NOT_ACTIONS = frozenset("used need needed based called named aged expected estimated".split())
_COMPARED = re.compile(
    r"\s+(?:larger|smaller|higher|lower|more|less|fewer|bigger|greater|up|down)\b", re.I
)


def _event(near: str, value: str) -> frozenset[str]:
    """What happened to the thing counted: the event named nearest the figure."""
    lower = near.lower()
    if not any(hint in lower for hint in _EVENT_HINTS):
        return frozenset()
    at = near.find(value)
    own = near[at : at + len(value) + _to_next_figure(near, at + len(value))]
    if _HOSPITAL.search(own):
        return frozenset({"taken to hospital"})  # "hurt and taken to hospital": the narrower
    best: tuple[int, str] | None = None
    for name, pattern in _EVENT_PATTERNS:
        for m in pattern.finditer(near):
            distance = abs(m.start() - at) if m.start() < at else m.start() - at - len(value)
            if best is None or distance < best[0]:
                best = (distance, name)
    return frozenset({best[1]}) if best else frozenset()


def _near(clause: str, sentence: str, q: Quantity) -> str:
    """The words right around a quantity in its clause (up to six before, from its own conjunct,
    and seven after, up to a relative clause): where what happened to the thing counted is
    said."""
    start = sentence.find(clause)
    before = clause[: max(0, q.start - start)].split()[-6:]
    conjunct = [i for i, word in enumerate(before) if word.lower() in ("and", "or", "but")]
    if conjunct and conjunct[-1] < len(before) - 1:
        before = before[conjunct[-1] + 1 :]  # "flooding streets and leaving 9,000 households"
    after = clause[max(0, q.end - start) :]
    cut = _RELATIVE.search(after)
    words = (after[: cut.start()] if cut else after).split()
    end = 7
    while 0 < end < len(words) and words[end - 1][:1].isupper() and words[end][:1].isupper():
        end += 1  # a name is read whole: "to Brockhallow General Hospital"
    return " ".join([*before, q.text, *words[:end]])


_RELATIVE = re.compile(r"\b(?:who|which|that|when|as|after|because|while|before|where)\b")
_CLAUSE_BREAK = re.compile(r"[;:()]|,\s|\s[-–—]\s|\n")
_EACH = re.compile(r"\b(?:each|apiece|per\s+(?:count|person|head|household))\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+which)\s+$", re.I)
# What something can take, not what it took: "the Corran Bell, which carries 28 cars", "a hall
# that seats 400".
_CAPACITY = re.compile(
    r"\b(?:carries|can\s+carry|holds|can\s+hold|seats|can\s+seat|sleeps|has\s+room\s+for"
    r"|(?:a|its|the)\s+capacity\s+of|built\s+to\s+(?:carry|hold))\s+(?:up\s+to\s+|about\s+)?$",
    re.IGNORECASE,
)
# What is left of a count once a part is told: "The other 11 students went by ambulance".
_REMAINDER = re.compile(r"\b(?:the|its|their)\s+(?:other|remaining)\s+$", re.IGNORECASE)
_PEAK = re.compile(r"\b(?:peak|height)\b", re.IGNORECASE)
# A part that belongs to someone: "about 2,900 of its passengers" (one airline's); a share of
# it is what it says of the whole ("55 percent of its roof").
_OWN_PART = re.compile(r"\s+of\s+(?:its|their|his|her|our)\s", re.IGNORECASE)
_PARTITIVE = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|my|our|your|them|those|these|us)\b", re.IGNORECASE
)


_SPEEDS = frozenset({"mph", "km/h"})
_EVENT_LABELS = {"power restored": "with power restored"}


def _label(counted_words: list[str], events: frozenset[str], q: Quantity) -> str:
    """A key-fact label naming what is counted: "Residents evacuated", "Clean-up cost"."""
    if len(counted_words) > 1 and all(w.endswith("s") for w in counted_words[-2:]):
        counted_words = [*counted_words[:-2], f"{counted_words[-2]} and {counted_words[-1]}"]
    noun = " ".join(counted_words)
    if q.unit in _SPEEDS:
        noun = "speed"
    elif q.unit in _TIME_UNITS:
        noun = {"prison": "prison term", "jail": "jail term"}.get(noun, noun)
    if q.unit in ("$", "£", "€") and counted_words and stem(counted_words[-1]) in _WORKS:
        noun = f"{noun} cost"  # "a $7.2 million project": the project's cost
    event = next((name for name, _ in _EVENTS if name in events), "") or next(iter(events), "")
    if event == "jobs lost":
        return "Jobs lost"  # employees, workers or people: what is counted is jobs
    event = _EVENT_LABELS.get(event, event)
    label = f"{noun} {event}" if event and event[:5] not in noun else noun
    if q.unit == "%" and label:
        label = f"{label} (%)"  # "Starters finished (%)"
    return label[:1].upper() + label[1:]


def same_slot(a: Slot, b: Slot) -> bool:
    """Whether two slots count the same thing: the same noun phrase (folded), compatible units
    and, where either says what happened (evacuated, injured, ...), the same happening."""
    if a.counted != b.counted:
        return False
    if not _units_compatible(a.quantity.unit, b.quantity.unit):
        return False
    if not (_in_scope(a, b) and _in_scope(b, a)):
        return False
    if _other_days(a.sentence, a.quantity, b.sentence, b.quantity):
        return False
    if _by_event(a) or _by_event(b):
        return a.events == b.events
    if a.counted in _STORY_SLOTS:
        # The cost, the time a detour adds: one a story when each source gives one.
        return _within_twofold(a.quantity, b.quantity)
    return len(a.context & b.context) >= _SHARED_CONTEXT


def _other_days(sentence_a: str, a: Quantity, sentence_b: str, b: Quantity) -> bool:
    """Whether two counts are given for different days ("about 38,000 passengers on Friday",
    "about 41,000 passengers on Saturday"): each clause names a weekday, none the same. Not
    measures: a sinkhole "about 12 metres deep" on Tuesday and "15 metres deep" on Wednesday
    are two reports of one depth."""
    if a.unit is not None or b.unit is not None:
        return False
    days_a = _DAY.findall(_clause(sentence_a, a))
    days_b = _DAY.findall(_clause(sentence_b, b))
    return bool(days_a and days_b and not set(days_a) & set(days_b))


_DAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")


def _in_scope(a: Slot, b: Slot) -> bool:
    """Whether ``b`` can count what ``a`` does given where ``a`` is scoped: a figure given for
    one place ("In Kessel Township, three homes were destroyed") is a part of the story's,
    not the same slot as a figure whose sentence does not name that place."""
    return a.scope is None or a.scope in b.sentence


# Context stems two figures with no known event must share to be the same slot.
_SHARED_CONTEXT = 2


def _units_compatible(a: str | None, b: str | None) -> bool:
    """The same unit: values are compared as written ("2 days" and "48 hours" are not)."""
    return a == b


def find_conflicts(sources: Sequence[SourceText]) -> list[Conflict]:
    """Slots that two or more sources fill with values that cannot both be right, each with
    the passages stating every value. Figures that move ("still without power"), parts of
    another count, changes and sentences addressed to a model are left out."""
    passages = []
    for source in sources:
        notes = set(instruction_spans(source.text))
        passages.extend(
            (source.index, span.text)
            for span in split_sentences(source.text)
            if (span.start, span.end) not in notes
        )
    return conflicts_among(passages)


def conflicts_among(passages: Iterable[tuple[int, str]]) -> list[Conflict]:
    """:func:`find_conflicts` over ``(source index, sentence)`` pairs a caller has already cut
    (and screened for instructions). Slots are matched first (:func:`same_slot`); every other
    figure is then compared as a fact, by the words around all its mentions
    (:func:`_fact_conflicts`)."""
    by_key: dict[frozenset[str], list[tuple[int, Slot]]] = {}
    stated: dict[tuple[frozenset[str], str | None, int], list[Quantity]] = {}
    figures: list[_Figure] = []
    said: dict[tuple[int, str | None], list[Quantity]] = {}  # every figure each source gives
    df: dict[str, int] = {}
    lines = 0
    for index, text in passages:
        for line in text.split("\n"):
            line = line.strip()
            lines += 1
            for word in set(_context_words(line)):
                df[word] = df.get(word, 0) + 1
            if not _may_compare(line):
                continue
            for q in quantities(line):
                values = said.setdefault((index, q.unit), [])
                if not any(_same_reading(q, v) for v in values):
                    values.append(q)
            found = slots(line)
            for slot in found:
                key = (slot.counted, slot.quantity.unit, index)
                stated.setdefault(key, []).append(slot.quantity)
                if comparable(slot):
                    by_key.setdefault(slot.counted, []).append((index, slot))
            figures.extend(_figures(index, line, found))
    conflicts: list[Conflict] = []
    for counted, group in by_key.items():
        group = [
            (index, slot)
            for index, slot in group
            if _by_event(slot) or _one_value(stated[(counted, slot.quantity.unit, index)])
        ]
        if len({index for index, _ in group}) < 2:
            continue
        conflicts.extend(_group_conflicts(group))
    taken = {(index, value) for c in conflicts for index, _, value in c.passages}
    rest = [f for f in figures if (f.index, f.quantity.text) not in taken]
    conflicts.extend(_fact_conflicts(rest, said, df, lines))
    return conflicts


@dataclass(frozen=True)
class _Figure:
    """A figure in a source sentence, for comparing as a fact: what its slot says, if it has
    one."""

    index: int
    sentence: str
    quantity: Quantity
    slot: Slot | None
    words: tuple[tuple[str, int], ...]  # stems around it, with their distance in words
    scope: str | None = None

    @cached_property
    def elsewhen(self) -> bool:
        """Dated to another time, before it or in its clause ("In April, four cars ...", not
        "weighs 1,750 tons, had worked since 2004")."""
        return bool(
            _ELSEWHEN.search(self.sentence, 0, self.quantity.start)
            or _ELSEWHEN.search(_clause(self.sentence, self.quantity))
        )

    @cached_property
    def remainder(self) -> bool:
        """The rest of a count once a part is told ("The other 11 students")."""
        start = self.quantity.start
        return bool(_REMAINDER.search(self.sentence, max(0, start - 30), start))

    @cached_property
    def by_time(self) -> str:
        """The time a count is given by ("by Monday afternoon"), lower-cased, or ""."""
        found = _BY_TIME.search(self.sentence)
        return found.group().lower() if found else ""

    @cached_property
    def days(self) -> frozenset[str]:
        """The weekdays a count's clause names (a measure's are not read: see _other_days)."""
        if self.quantity.unit is not None:
            return frozenset()
        return frozenset(_DAY.findall(_clause(self.sentence, self.quantity)))


_WINDOW = 10  # words each side of a figure


def _figures(index: int, sentence: str, found: Sequence[Slot]) -> list[_Figure]:
    """The figures of a sentence worth comparing as facts (not moving counts: "still", "so
    far", nor changes: "up from 3,100 acres"), with the content words around them and the
    place they are given for."""
    by_start = {slot.quantity.start: slot for slot in found}
    tokens = [(m.start(), _context_word(m.group())) for m in _TOKEN.finditer(sentence)]
    out = []
    for quantity in quantities(sentence):
        slot = by_start.get(quantity.start)
        if slot.running if slot is not None else _running(_clause(sentence, quantity)):
            continue
        if slot is None and _moved(sentence, quantity):
            continue
        before = [w for at, w in tokens if at < quantity.start][-_WINDOW:]
        after = [w for at, w in tokens if at >= quantity.end][:_WINDOW]
        words = tuple(
            [(w, len(before) - i) for i, w in enumerate(before) if w]
            + [(w, i + 1) for i, w in enumerate(after) if w]
        )
        place = _PLACE_AFTER.match(sentence, quantity.end)
        if place and place["place"].split()[0] in CALENDAR:
            place = None  # "$1.9 million in January"
        scope = place["place"] if place else (slot.scope if slot else _scope(sentence))
        out.append(_Figure(index, sentence, quantity, slot, words, scope))
    return out


# "31 in the Town of Millbank": a figure given for one place.
_PLACE_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?in\s+(?:the\s+)?(?:(?:Town|City|Village|County|Borough)\s+of\s+)?"
    r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)


_TOKEN = re.compile(r"[A-Za-z][\w'’-]*")


def _context_words(text: str) -> list[str]:
    """Stems of the words of ``text`` that can say what a figure is, in order."""
    return [w for w in map(_context_word, _TOKEN.findall(text)) if w]


@lru_cache(maxsize=65536)
def _context_word(token: str) -> str:
    """The stem a word contributes to a figure's context ("" when it says nothing of what
    the figure is), verbs of one action folded."""
    word = token.lower()
    if not _says_what(word):
        return ""
    word_stem = stem(word)
    return _SAME_ACTION.get(word_stem, word_stem)


# Verbs news copy uses for one action, folded for comparing figures by their words.
_SAME_ACTION = {
    "lower": "reduc", "drop": "reduc", "cut": "reduc", "decreas": "reduc", "fall": "reduc",
    "escap": "releas", "leak": "releas", "spill": "releas", "spew": "releas",
    "rais": "increas", "boost": "increas", "hike": "increas",
    "lost": "lose", "loss": "lose",
}  # fmt: skip


@dataclass
class _Fact:
    """One value as the sources state it: the figures that agree on it, in one unit."""

    unit: str | None
    figures: list[_Figure]
    sources: set[int]
    vector: Vector


# How alike the pooled words around two facts must be for them to be one figure the sources
# disagree on; fitted on the stories in tests/data/stories 01-33.
FACT_AT = 0.05


def _fact_conflicts(
    figures: list[_Figure],
    said: dict[tuple[int, str | None], list[Quantity]],
    df: dict[str, int],
    n: int,
) -> list[Conflict]:
    """Values no source gives together, whose mentions, pooled, are about the same thing.

    A fact is every mention of one value in one unit; its context is the words around all of
    them ("110 minutes after the lift stopped" and "every rider brought down within 110
    minutes"), so a source's terse line ("Power restored after 9 hours") borrows the words
    another source gives the same value. Two facts conflict when no source states both, they
    are within twofold, their pooled contexts are alike and each is the other's nearest.
    ``said`` holds every figure each source states, by unit: one stating both values (a
    maximum of "five years" a count and "10 years" in all) gives two figures, not a
    disagreement."""
    facts: list[_Fact] = []
    figures = [
        f
        for f in figures
        if not _POSITION.search(_clause(f.sentence, f.quantity))
        and not _AT_MOST.match(f.sentence, f.quantity.end)
        and not _CAP_AFTER.match(f.sentence, f.quantity.end)
        and not _EVERY.search(f.sentence, 0, f.quantity.start)
        and not _moved(f.sentence, f.quantity)
        and not (f.quantity.unit != "%" and _OWN_PART.match(f.sentence, f.quantity.end))
    ]
    figures = [
        f
        if f.quantity.unit in _TIME_UNITS and _PER_TIME.match(f.sentence, f.quantity.end)
        else replace(f, quantity=_in_base(f.quantity))
        for f in figures
    ]  # time per week stays in its unit: "five days a week" is no "104 hours a week"
    in_base: dict[tuple[int, str | None], list[Quantity]] = {}
    for (index, unit), stated in said.items():
        for q in stated:
            in_base.setdefault((index, _in_base(q).unit), []).append(_in_base(q))
        in_base.setdefault((index, _in_base(stated[0]).unit if stated else unit), [])
    said = in_base
    hulls: dict[str | None, list[tuple[float, float, int, Quantity]]] = {}
    for (index, unit), stated in said.items():
        hulls.setdefault(unit, []).extend((*_hull(q), index, q) for q in stated)
    for f in sorted(figures, key=lambda f: (f.quantity.unit or "", f.quantity.low)):
        fact = next(
            (
                fact
                for fact in reversed(facts[-4:])
                if fact.unit == f.quantity.unit
                and all(_one_fact(f.quantity, g.quantity) for g in fact.figures)
            ),
            None,
        )
        if fact is None:
            facts.append(_Fact(f.quantity.unit, [f], {f.index}, {}))
        else:
            fact.figures.append(f)
            fact.sources.add(f.index)
    for fact in facts:
        pooled: Vector = {}
        for f in fact.figures:
            for word, weight in _vector(f.words, df, n).items():
                pooled[word] = pooled.get(word, 0.0) + weight
        fact.vector = to_unit(pooled)
    best: dict[int, tuple[float, int]] = {}
    stating: dict[int, set[int]] = {}
    for i, a in enumerate(facts):
        for j in range(i + 1, len(facts)):
            b = facts[j]
            if b.unit != a.unit:
                break
            if not _within_twofold(a.figures[0].quantity, b.figures[0].quantity):
                break
            if a.sources & b.sources or _agree(a.figures[0].quantity, b.figures[0].quantity):
                continue  # "more than 30 years" and "31 years" agree
            similarity = _dot(a.vector, b.vector)
            needed = _SOME_WORD if _one_measure_each(a, b, said) else FACT_AT
            if similarity < needed or similarity <= min(
                best.get(i, (0.0, -1))[0], best.get(j, (0.0, -1))[0]
            ):
                continue  # could be nobody's nearest: the costlier tests are not needed
            if _stating(i, a, hulls, stating) & _stating(j, b, hulls, stating):
                continue  # some source states both values
            if not _facts_alignable(a, b):
                continue
            for one, other in ((i, j), (j, i)):
                if similarity > best.get(one, (0.0, -1))[0]:
                    best[one] = (similarity, other)
    found = []
    for i, (_, j) in best.items():
        if i < j and best.get(j, (0.0, -1))[1] == i:
            values = sorted(
                facts[i].figures + facts[j].figures, key=lambda f: (f.index, f.quantity.low)
            )
            label = next((f.slot.label for f in values if f.slot is not None), None)
            found.append(
                Conflict(
                    label or _shared_label(values),
                    tuple((f.index, f.sentence, f.quantity.text) for f in values),
                )
            )
    return found


# "every 30 minutes": how often, not how long or how many.
_EVERY = re.compile(r"\bevery\s+$", re.IGNORECASE)
# A figure dated to another time than the story's: "In April, four cars of a grain train
# left the track", "in 2019", "last year".
_ELSEWHEN = re.compile(
    rf"\b(?i:in|since|last|earlier\s+this|previous)\s+(?:{'|'.join(MONTH_NAMES)}|"
    r"(?:19|20)\d\d\b|year|month|summer|winter|spring|autumn)|\b(?i:before|after)\s+(?:that|then)\b",
)


# A side's position in a negotiation ("has offered raises of 3 percent", "the union wants
# classes of 24"): each side's figure is its own, not a report of one fact.
_POSITION = re.compile(r"\b(?:offer(?:s|ed|ing)?|wants?|wanted)\b", re.IGNORECASE)
_CAP_AFTER = re.compile(r"\s+(?:cap|limit|ceiling)\b", re.IGNORECASE)  # "the $45,000 cap"
_AT_MOST = re.compile(r"(?:\s+[a-z]+){0,2}\s+at\s+most\b", re.IGNORECASE)


def _one_measure_each(
    a: _Fact, b: _Fact, said: dict[tuple[int, str | None], list[Quantity]]
) -> bool:
    """Whether two facts are each the one value their sources give in a unit of measure
    (acres, feet, tons; not money or time, of which a story gives many), and could be one
    figure (:func:`_one_measure`): then any word in common makes them one."""
    if a.unit is None or a.unit in _NOT_MEASURES or a.unit in ("%", "pt"):
        return False
    for fact in (a, b):
        value = fact.figures[0].quantity
        if not all(_one_fact(q, value) for index in fact.sources for q in said[(index, fact.unit)]):
            return False
    return all(_one_measure(f, g) for f in a.figures for g in b.figures)


def _one_fact(a: Quantity, b: Quantity) -> bool:
    """Whether two mentions give one value: they agree, and a bound ("at least six weeks")
    joins only the same number (it agrees with "11 weeks" without stating it)."""
    if a.bound in ("above", "below") or b.bound in ("above", "below"):
        return _same_number(a, b)
    return _agree(a, b)


def _agree(a: Quantity, b: Quantity) -> bool:
    """:func:`values_agree`; between figures written in different units ("12 metres" and "39
    feet") a conversion's rounding instead of the written figures' own, bounds as written
    ("more than 30 feet" allows 12 metres)."""
    converted = a.written_in and b.written_in and a.written_in != b.written_in
    if converted and a.unit == "duration":  # "half an hour" is 35 minutes rounded to a unit
        return values_agree(replace(a, approx=True), replace(b, approx=True))
    if converted and not (a.bound or b.bound):
        return abs(a.low - b.low) <= CONVERTED_TOLERANCE * max(abs(a.low), abs(b.low))
    return values_agree(a, b)


def _in_base(q: Quantity) -> Quantity:
    """A figure in its kind's base unit ("15-foot" as 4.57 metres of length, "4.5 million
    gallons" as litres of volume), so that sources giving one figure in different units are
    compared; other figures as they are."""
    size = UNIT_SIZES.get(q.unit or "")
    if size is None or q.written_in:
        return q
    kind, factor = size
    return replace(
        q,
        low=q.low * factor,
        high=q.high * factor,
        unit=kind,
        step=q.step * factor,
        written_in=q.unit,
    )


def _same_reading(a: Quantity, b: Quantity) -> bool:
    return (a.low, a.high, a.approx, a.bound, a.step) == (b.low, b.high, b.approx, b.bound, b.step)


def _stating(
    i: int,
    fact: _Fact,
    hulls: dict[str | None, list[tuple[float, float, int, Quantity]]],
    cache: dict[int, set[int]],
) -> set[int]:
    """The sources stating the value of fact ``i`` (in its unit), kept in ``cache``; a bound
    ("up to 400 yards") states only its own number. ``hulls`` holds each stated figure by
    unit with :func:`_hull`, so that only figures near the value are compared."""
    if i not in cache:
        value = fact.figures[0].quantity
        low, high = _hull(value)
        cache[i] = {
            index
            for q_low, q_high, index, q in hulls.get(fact.unit, ())
            if q_low <= high and low <= q_high and _one_fact(q, value)
        }
    return cache[i]


def _hull(q: Quantity) -> tuple[float, float]:
    """Bounds outside which no figure agrees with ``q`` (:func:`_one_fact`): its interval
    widened by its rounding and by more than a conversion's tolerance."""
    margin = q.step / 2 + 2 * CONVERTED_TOLERANCE * max(abs(q.low), abs(q.high)) + 1e-9
    low = min(q.low, NEARLY_FLOOR * q.low, 0.0 if q.bound == "below" else q.low)
    return low - margin, float("inf") if q.bound == "above" else q.high + margin


def _facts_alignable(a: _Fact, b: _Fact) -> bool:
    """Whether two facts' mentions could be one figure: none given for a place the other's
    sentence does not name or for another day; plain counts (no unit) must count one noun in
    some mention of each ("23 people were taken to hospital", "31 people have been
    transported")."""
    if a.unit is None:
        counted_a = {f.slot.counted for f in a.figures if f.slot is not None and f.slot.counted}
        if not any(g.slot is not None and g.slot.counted in counted_a for g in b.figures):
            return False
    events_a, events_b = _events_of(a), _events_of(b)
    if events_a and events_b and not events_a & events_b:
        return False  # "11 students taken to hospital" (one mention says so), "9 treated"
    return any(_mentions_alignable(f, g) for f in a.figures for g in b.figures)


def _events_of(fact: _Fact) -> frozenset[str]:
    """What its mentions say happened to what a fact counts."""
    return frozenset().union(*(f.slot.events for f in fact.figures if f.slot is not None))


def _mentions_alignable(f: _Figure, g: _Figure) -> bool:
    """Whether two mentions could give one figure: neither is for a place the other's
    sentence does not name, for another day, by another time or of another event, and both
    are dated alike ("In April, four cars ... left the track" is another event)."""
    if (f.scope and f.scope not in g.sentence) or (g.scope and g.scope not in f.sentence):
        return False
    if f.days and g.days and not f.days & g.days:
        return False  # counts given for different days
    if f.by_time and g.by_time and f.by_time != g.by_time:
        return False  # "by Monday afternoon, 19" and "by late Monday, 34": a count moving
    if f.slot and g.slot and f.slot.events and g.slot.events and f.slot.events != g.slot.events:
        return False  # "9 treated at the scene", "11 taken to hospital"
    if f.remainder != g.remainder:
        return False  # "the other 11 students" is part of the 12 in hospital
    return f.elsewhen == g.elsewhen


# Two sources' one value in a unit of measure need only share a word around the figures.
_SOME_WORD = 1e-6
# Units a story gives many unrelated figures in (sums of money, lengths of time): a source's
# one value in them says nothing of what it is.
_NOT_MEASURES = _TIME_UNITS | {"duration"} | set(_CURRENCY_NAMES.values())


def _one_measure(a: _Figure, b: _Figure) -> bool:
    """Whether two sources' one value in a unit of measure (acres, feet, tons) can be
    taken for the same figure on any word in common: they do not differ twofold, and
    neither says it measures something the other's sentence does not name ("about four
    miles of line" is not a tornado's "5.8 miles")."""
    if not _within_twofold(a.quantity, b.quantity):
        return False
    for one, other in ((a, b), (b, a)):
        named = _MEASURE_OF.match(one.sentence, one.quantity.end)
        words = {stem(t.lower()) for t in _TOKEN.findall(other.sentence)}
        if named and stem(named["noun"].lower()) not in words:
            return False
    return True


_MEASURE_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?P<noun>[A-Za-z]+)")


def _within_twofold(a: Quantity, b: Quantity) -> bool:
    """Whether two reports of one figure are within twofold of each other ("$6.4 million"
    and "$7.2 million" can be; a "$200,000" shed and a "$6.4 million" bridge cannot)."""
    low, high = sorted((a.low or 1.0, b.low or 1.0))
    return high <= 2 * low


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def _vector(words: Sequence[tuple[str, int]], df: dict[str, int], n: int) -> Vector:
    """IDF weights, the nearer the figure the heavier (a word next to it counts double one
    five words away)."""
    vector: Vector = {}
    for word, distance in words:
        if df.get(word):
            weight = math.log((n + 1) / df[word]) / (1 + 0.25 * (distance - 1))
            vector[word] = max(vector.get(word, 0.0), weight)
    return to_unit(vector)


def _same_number(a: Quantity, b: Quantity) -> bool:
    return (a.low, a.high) == (b.low, b.high)


def _part_of(slot: Slot, quantity: Quantity) -> bool:
    """Whether a slot's sentence also gives ``quantity`` for what the slot counts, as its
    whole or its total: "Four of the city's 11 branch libraries", "Two other riders had minor
    injuries, making three riders hurt in all", "Injured: 3 (... two riders with minor
    injuries)" (not "destroyed 12 homes and damaged 15 others", two happenings side by
    side)."""
    own = slot.quantity
    for other in slots(slot.sentence):
        q = other.quantity
        if q.start == own.start or not values_agree(q, quantity):
            continue
        if other.counted == slot.counted and other.events == slot.events:
            return True
        between = slot.sentence[min(own.end, q.end) : max(own.start, q.start)]
        if len(between) <= 40 and re.search(r"\bof\b", between):
            return True
    for q in quantities(slot.sentence):
        between = slot.sentence[q.end : own.start]
        if values_agree(q, quantity) and "(" in between and ")" not in between:
            return True  # "Injured: 3 (one rider fell; two riders with minor injuries)"
    return False


def _shared_label(values: list[_Figure]) -> str:
    """A label for figures no slot names: what the unit measures ("Amount", "Hours"), else
    the word nearest the figures that their sentences share ("Visits")."""
    unit = values[0].quantity.unit
    if unit in ("$", "£", "€"):
        return "Amount"
    if unit == "duration":  # lengths of time compared in one base unit
        written = {f.quantity.written_in for f in values}
        unit = written.pop() if len(written) == 1 else None
        return f"{unit}s".capitalize() if unit else "Length of time"
    if unit in _TIME_UNITS:
        return f"{unit}s".capitalize()
    shared = set.intersection(*({w for w, _ in f.words} for f in values))
    if shared:
        word = min(shared, key=lambda w: min(d for f in values for x, d in f.words if x == w))
        for token in re.findall(r"[A-Za-z][\w'’-]*", values[0].sentence):
            if stem(token.lower()) == word:
                return token.lower().capitalize()
    return "Figure"


# Slots a story usually has one of, compared without context when each source gives one value:
# its cost, the time a detour adds, the size of what it is about ("15 metres deep").
DIMENSIONS = {
    "long": "length", "deep": "depth", "wide": "width", "across": "width", "high": "height",
    "tall": "height",
}  # fmt: skip
_DIMENSION_SLOTS = frozenset(DIMENSIONS.values())
_STORY_SLOTS = (
    frozenset({"cost"}),
    frozenset({"extra", "time"}),
    *(frozenset({d}) for d in _DIMENSION_SLOTS),
)


def _by_event(slot: Slot) -> bool:
    """Whether a slot is matched by what happened (an event or the peak), not by context."""
    return bool(slot.events) or slot.peak


def _one_value(quantities: list[Quantity]) -> bool:
    """Whether a source gives one value for what a noun counts: a figure matched only by its
    context is compared only then ("28 students" a class and "16,400 students" a district in
    one source are not one slot)."""
    return all(values_agree(quantities[0], q) for q in quantities[1:])


_HAS_NUMBER = re.compile(
    rf"\d|\b(?:{_NUMBER_WORD}|half|quarters?|thirds?|fifths?|tenths?|dozen)\b", re.IGNORECASE
)


def _may_compare(line: str) -> bool:
    """A quick test that a line may hold a :func:`comparable` slot: it has a number."""
    return bool(_HAS_NUMBER.search(line))


def comparable(slot: Slot) -> bool:
    """Whether a slot is a settled figure about the event, worth comparing across sources: it
    says what happened to what it counts (evacuated, injured, ...), is the figure at the peak,
    a story's cost or the time a detour adds, or says enough else to be matched by its
    context; not a moving count ("still without power"), a part of another count ("four of
    the cars"), another length of time or a hedged figure."""
    if slot.running or slot.partitive or slot.hedge in ("expected", "estimate"):
        return False
    if slot.counted in _STORY_SLOTS:
        return True
    if slot.quantity.unit in _TIME_UNITS:
        return False
    return _by_event(slot) or len(slot.context) >= _SHARED_CONTEXT


def _group_conflicts(group: list[tuple[int, Slot]]) -> list[Conflict]:
    """Conflicts among slots counting the same noun: split them into same-slot clusters, then
    report a cluster whose values from different sources disagree."""
    clusters: list[list[tuple[int, Slot]]] = []
    for item in group:
        for cluster in clusters:
            if same_slot(cluster[0][1], item[1]):
                cluster.append(item)
                break
        else:
            clusters.append([item])
    found: list[Conflict] = []
    for cluster in clusters:
        disagreeing: list[tuple[int, Slot]] = []
        for i, (source_a, slot_a) in enumerate(cluster):
            for source_b, slot_b in cluster[i + 1 :]:
                if source_a == source_b or values_agree(slot_a.quantity, slot_b.quantity):
                    continue
                if not _within_twofold(slot_a.quantity, slot_b.quantity):
                    continue  # "one of 138 candidates the college had entered" and 4,860 in all
                if _part_of(slot_a, slot_b.quantity) or _part_of(slot_b, slot_a.quantity):
                    continue  # "Four of the city's 11 branch libraries" gives both
                for item in ((source_a, slot_a), (source_b, slot_b)):
                    if item not in disagreeing:
                        disagreeing.append(item)
        if disagreeing:
            disagreeing.sort(key=lambda item: (item[0], item[1].quantity.low))
            passages = tuple(
                (index, slot.sentence, slot.quantity.text) for index, slot in disagreeing
            )
            found.append(Conflict(cluster[0][1].label, passages))
    return found


class AlignedSentences:
    """The sources' sentences, found by the words they share with a text: for a claim's
    figure, what each source says in the sentence that says what the claim says."""

    def __init__(self, sources: Sequence[SourceText]) -> None:
        self.sentences: list[tuple[int, str]] = []
        self.postings: dict[str, list[int]] = {}  # stem -> the sentences holding it
        for source in sources:
            notes = set(instruction_spans(source.text))
            for span in split_sentences(source.text):
                if (span.start, span.end) in notes:
                    continue
                for word in content_stems(span.text):
                    self.postings.setdefault(word, []).append(len(self.sentences))
                self.sentences.append((source.index, span.text))

    def disagreement(self, text: str) -> Conflict | None:
        """Two sources saying what ``text`` says in one sentence each (most of its content
        words), one with its figure and one with another for the same noun ("About 18,000
        customers ... remained under a boil-water advisory" against "Roughly 16,500
        customers on the east side ... were under a boil-water advisory"): slots can miss what
        a sentence lines up."""
        words = content_stems(text)
        if len(words) < _ALIGNED_WORDS:
            return None
        shared: dict[int, int] = {}
        for word in words:
            for at in self.postings.get(word, ()):
                shared[at] = shared.get(at, 0) + 1
        best: dict[int, tuple[float, str]] = {}
        for at, count in shared.items():
            score = count / len(words)
            index, sentence = self.sentences[at]
            if score >= _ALIGNED_SHARE and score > best.get(index, (0.0, ""))[0]:
                best[index] = (score, sentence)
        if len(best) < 2:
            return None
        when = _when_where(text)
        best = {i: b for i, b in best.items() if _when_where(b[1]) <= when}
        for mine in quantities(text):
            noun = _noun_after(text, mine)
            if noun is None or _moving(text, mine):
                continue
            agreeing, other = [], []
            for index, (_, sentence) in best.items():
                theirs = [
                    q
                    for q in quantities(sentence)
                    if _noun_after(sentence, q) == noun and not _moving(sentence, q)
                ]
                same = next((q for q in theirs if values_agree(mine, q)), None)
                if same is not None:
                    agreeing.append((index, sentence, same.text))
                    continue
                rival = next(
                    (q for q in theirs if q.unit == mine.unit and _within_twofold(q, mine)), None
                )
                if rival is not None:
                    other.append((index, sentence, rival.text))
            if agreeing and other:
                label = _WORD_AFTER.match(text, mine.end)
                return Conflict(label.group(1) if label else noun, tuple(sorted(agreeing + other)))
        return None


# A source sentence says what a text says when it has this share of the text's content words,
# of at least this many.
_ALIGNED_SHARE = 0.6
_ALIGNED_WORDS = 4
_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w'’-]*)")


def _when_where(text: str) -> frozenset[str]:
    """The weekdays and sides a sentence names ("on Monday", "the east side"): a source
    sentence naming one the text does not is about another day or place."""
    return frozenset(m.group().lower() for m in _WHEN_WHERE.finditer(text))


_WHEN_WHERE = re.compile(
    rf"\b(?:{'|'.join(WEEKDAYS)}|north|south|east|west|northern|southern|eastern|western)\b",
    re.IGNORECASE,
)


def _moving(sentence: str, q: Quantity) -> bool:
    """A count given by a time ("19 by Monday afternoon") or an end of a change: two such
    counts may both be right."""
    return bool(_BY_TIME.search(sentence)) or _moved(sentence, q)


def _noun_after(text: str, q: Quantity) -> str | None:
    """The stem of the word right after a figure ("customers" of "18,000 customers"), if it is
    a content word."""
    m = _WORD_AFTER.match(text, q.end)
    if m is None:
        return None
    found = content_words(m.group(1))
    if not found or found[0] in CALENDAR:
        return None  # "September 10" is a date
    return stem(found[0])
