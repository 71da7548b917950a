"""Names of people, places and organisations: runs of capitalised words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from articles.text.dates import CALENDAR
from articles.text.titles import TITLES
from articles.text.words import STOPWORDS

# Words that are capitalised as part of a name but do not identify anyone by themselves: the
# person titles, and words of places and bodies.
GENERIC = TITLES | frozenset(
    """council st saint street road avenue lane hospital
    school high elementary city county department office authority board university centre
    center community bank company inc ltd corp north south east west the a an new route
    district national state provincial federal regional government ministry of and for
    court police service station party union club group""".split()
)
# Titles, and the qualifiers that stand before them ("Transit Director Owen Brandt").
_PREFIXES = TITLES | frozenset("transit labour labor union board port executive".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_ABBREVIATIONS = frozenset({"St.", "Dr.", "Mr.", "Mrs.", "Ms.", "Jr.", "Sr.", "Prof.", "Mt."})


@dataclass(frozen=True)
class NameRef:
    text: str
    start: int
    end: int
    words: tuple[str, ...]

    @property
    def key_words(self) -> tuple[str, ...]:
        """The words that identify the name (titles and generic words left out)."""
        return tuple(w for w in self.words if not is_generic(w))

    @property
    def is_common(self) -> bool:
        """Only stopwords ('The', 'It'): a capitalised sentence start, not a name."""
        return all(w.lower() in STOPWORDS for w in self.words)

    @property
    def person(self) -> str:
        """The name without leading titles: 'Fire Chief Ruth Okafor' -> 'Ruth Okafor'."""
        words = list(self.words)
        while len(words) > 1 and words[0].lower().rstrip(".") in _PREFIXES:
            words.pop(0)
        return " ".join(words)


def find_names(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    skip: Sequence[tuple[int, int]] = (),
    sentence_starts: frozenset[int] = frozenset(),
    common: frozenset[str] = frozenset(),
) -> list[NameRef]:
    """Capitalised runs in ``text[start:end]``. A run's first word is dropped when it starts a
    sentence and is a common word (a stopword or in ``common``, lower-cased words seen
    elsewhere); a single word at a sentence start is not taken to be a name."""
    end = len(text) if end is None else end
    runs: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    last_end = -1
    for m in _WORD.finditer(text, start, end):
        word, a, b = _clean(m.group(), m.start())
        inside_skip = any(x <= a < y for x, y in skip)
        joined = last_end >= 0 and text[last_end:a] == " "
        capital = word[0].isupper() and word not in CALENDAR and not inside_skip
        connector = (
            word in ("of", "de", "van", "von", "du", "da", "al") and bool(current) and joined
        )
        if capital and (joined or not current):
            current.append((word, a, b))
        elif capital:
            runs.append(current)
            current = [(word, a, b)]
        elif connector:
            current.append((word, a, b))
        else:
            if current:
                runs.append(current)
            current = []
        last_end = b if (capital or connector) else -1
        if m.group() != word and current:
            runs.append(current)
            current = []
            last_end = -1
    if current:
        runs.append(current)
    names: list[NameRef] = []
    for run in runs:
        while run and run[-1][0] in ("of", "de", "van", "von", "du", "da", "al"):
            run.pop()
        if run and run[0][1] in sentence_starts:
            if len(run) == 1:
                continue
            if run[0][0].lower() in STOPWORDS or run[0][0].lower() in common:
                run = run[1:]
        if not run or (len(run) == 1 and run[0][0].isupper() and len(run[0][0]) > 1):
            continue
        names.append(
            NameRef(
                text[run[0][1] : run[-1][2]], run[0][1], run[-1][2], tuple(w for w, _, _ in run)
            )
        )
    return names


def _clean(word: str, start: int) -> tuple[str, int, int]:
    """Strip a possessive and sentence punctuation, keeping abbreviations like 'St.'."""
    if word in _ABBREVIATIONS:
        return word, start, start + len(word)
    trimmed = word.rstrip(".-'’")
    for suffix in ("'s", "’s"):
        if trimmed.endswith(suffix):
            trimmed = trimmed[: -len(suffix)]
    return trimmed, start, start + len(trimmed)


def is_generic(word: str) -> bool:
    """A title or a generic word, in the singular or the plural ("Councilmembers")."""
    key = word.lower().rstrip(".")
    return key in GENERIC or (key.endswith("s") and key[:-1] in GENERIC)


def same_person(a: NameRef | str, b: NameRef | str) -> bool:
    """Whether two names share an identifying word ('Ortiz' and 'Mayor Lena Ortiz')."""
    ka = {w.lower() for w in (a.key_words if isinstance(a, NameRef) else a.split())}
    kb = {w.lower() for w in (b.key_words if isinstance(b, NameRef) else b.split())}
    ka -= GENERIC
    kb -= GENERIC
    return bool(ka & kb)


_DEMONYM = re.compile(r"(?:ese|ians?|ans?|ish|i|ic)$")


def demonym_of(a: str, b: str) -> bool:
    """Whether one word is the people or adjective of the place the other names: "Chinese"
    and "China", "Canadian" and "Canada", "Iraqi" and "Iraq" (not "British" and "Britain",
    which share too little)."""
    place, people = sorted((a.lower(), b.lower()), key=len)
    if not _DEMONYM.search(people) or len(place) < 4:
        return False
    shared = next(
        (n for n, (x, y) in enumerate(zip(place, people, strict=False)) if x != y), len(place)
    )
    return shared >= 4 and shared >= len(place) - 1
