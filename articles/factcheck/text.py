"""Token normalisation and exact-offset text search shared by the fact-check modules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from articles.text.numbers import NUMBER_WORDS
from articles.text.words import STOPWORDS, stem, words

_IRREGULAR = {
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "began": "begin",
    "begun": "begin",
    "spoke": "speak",
    "ran": "run",
    "took": "take",
    "lost": "lose",
    "won": "win",
    "paid": "pay",
    "drew": "draw",
    "drawn": "draw",
    "grew": "grow",
    "held": "hold",
    "led": "lead",
    "made": "make",
    "met": "meet",
    "sold": "sell",
    "built": "build",
    "fought": "fight",
    "found": "find",
    "gave": "give",
    "went": "go",
    "came": "come",
    "kept": "keep",
    "tore": "tear",
    "brought": "bring",
    "bought": "buy",
    "chose": "choose",
    "men": "man",
    "women": "woman",
    "children": "child",
}

# Common newsroom paraphrases; each group folds onto its first word.
_SYNONYM_GROUPS = (
    "begin start commence",
    "fire blaze",
    "injure hurt wound",
    "car vehicle automobile",
    "jury juror",
    "rise increase climb jump grow",
    "fall decline drop decrease",
    "attribute blame",
    "approve adopt pass",
    "worker employee",
    "death die dead kill",
    "home house",
    "unemployment jobless",
    "money fund",
    "total overall",
)
_DOUBLE_END = re.compile(r"([b-df-hj-np-tv-z])\1$")
_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


@lru_cache(maxsize=65536)
def norm(word: str) -> str:
    """A comparable form of one word: lower-cased, synonyms folded, crudely stemmed, cut to 6."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if w and w[0].isdigit():
        return w.replace(",", "")
    if w in NUMBER_WORDS:
        return str(NUMBER_WORDS[w])
    base = _base(_IRREGULAR.get(w, w))
    return _SYNONYMS.get(base, base)


def _base(word: str) -> str:
    s = stem(word)
    if len(s) > 3 and s.endswith("e"):
        s = s[:-1]
    if len(s) > 3:
        s = _DOUBLE_END.sub(r"\1", s)
    return s[:6]


_SYNONYMS = {
    _base(word): _base(group.split()[0]) for group in _SYNONYM_GROUPS for word in group.split()
}


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens with hyphenated compounds split into their parts, and compass
    points written as one word split too ("northwest" as "north-west")."""
    out: list[str] = []
    for w in words(text):
        if w[:5] in _POLES:
            w = _COMPASS.sub(r"\1-\2", w)
        out.extend(p for p in w.split("-") if p)
    return out


_POLES = ("north", "south")
_COMPASS = re.compile(r"^(north|south)(east|west)")


def content_terms(text: str) -> list[str]:
    """Normalised non-stopword terms: what the fact-checker compares."""
    return [norm(w) for w in tokens(text) if w not in STOPWORDS and w.strip("'")]


@dataclass
class FoldedText:
    """Text with curly quotes straightened and whitespace runs collapsed, and a map back to
    offsets in the original: what "verbatim" is checked against."""

    original: str
    folded: str
    offsets: list[int]

    @classmethod
    def of(cls, text: str) -> FoldedText:
        chars: list[str] = []
        offsets: list[int] = []
        previous_space = True
        for i, ch in enumerate(text.translate(_QUOTE_FOLD)):
            if ch.isspace():
                if previous_space:
                    continue
                ch = " "
                previous_space = True
            else:
                previous_space = False
            chars.append(ch)
            offsets.append(i)
        return cls(text, "".join(chars), offsets)

    def find(self, needle: str, start: int = 0) -> tuple[int, int] | None:
        """Original offsets of the first verbatim match of ``needle`` at or after folded
        position ``start``. Only quote style and spacing may differ, and the case of the first
        letter (a partial quote may start a sentence)."""
        key = fold(needle, lower=False)
        if not key:
            return None
        at = self.folded.find(key, start)
        if at < 0 and key[0].isalpha():
            at = self.folded.find(key[0].swapcase() + key[1:], start)
        if at < 0:
            return None
        return self.offsets[at], self.offsets[at + len(key) - 1] + 1

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Original offsets of every verbatim match of ``needle`` (see :meth:`find`), in order."""
        key = fold(needle, lower=False)
        if not key:
            return []
        keys = {key, key[0].swapcase() + key[1:]} if key[0].isalpha() else {key}
        starts: set[int] = set()
        for variant in keys:
            at = self.folded.find(variant)
            while at >= 0:
                starts.add(at)
                at = self.folded.find(variant, at + 1)
        return [(self.offsets[at], self.offsets[at + len(key) - 1] + 1) for at in sorted(starts)]


def fold(text: str, *, lower: bool = True) -> str:
    """Curly quotes straightened, whitespace collapsed and, unless ``lower=False``, lower-cased."""
    folded = " ".join(text.translate(_QUOTE_FOLD).split())
    return folded.lower() if lower else folded
