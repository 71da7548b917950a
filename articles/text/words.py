"""Word tokens, the one stopword list, the one stemmer (Snowball English) and term vectors."""

from __future__ import annotations

import math
import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,'’-][A-Za-z0-9]+)*")
_STEMMER = snowballstemmer.stemmer("english")

# Plural nouns that do not end in "s": "Two men", "police say".
PLURAL_NOUNS = frozenset(
    "people children men women staff personnel police cattle sheep fish deer crew".split()
)
# Auxiliary and modal verbs: no thing counted ("180 feet of track would ..."), and no word
# to end a headline on.
AUXILIARIES = frozenset(
    """will would could should can may might must shall was were is are be been being has have
    had do does did""".split()
)
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say
    told according""".split()
)

Vector = dict[str, float]


def words(text: str) -> list[str]:
    """Lower-cased word tokens (numbers included, internal punctuation kept: 4.2, 1,200)."""
    return [w.lower() for w in _WORD.findall(text)]


def content_words(text: str) -> list[str]:
    """Word tokens without stopwords: what a sentence is about."""
    return [w for w in words(text) if w not in STOPWORDS]


def content_stems(text: str) -> set[str]:
    """The stems of a text's content words, figures left out."""
    return {stem(w) for w in content_words(text) if not w[:1].isdigit()}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-cased word: 'repairs', 'repaired' -> 'repair'."""
    return _STEMMER.stemWord(word)


def to_unit(vector: Vector) -> Vector:
    """``vector`` scaled to length 1 (empty when it has no length)."""
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two sparse :func:`to_unit` vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())
