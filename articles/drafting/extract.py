"""Sentence-level primitives for the extractive drafter, built on ``articles.text``.

A source is cut into :class:`Sentence` objects that keep their character offsets, so every
sentence a draft uses can be quoted, cited and highlighted exactly. Sentences whose quotation
marks do not balance are joined with the following ones (a quote that spans two sentences stays
whole); bulleted or numbered lists are kept apart as :class:`ListBlock` objects.

Figures are compared in a canonical form (:func:`numbers`): "7-2" and "seven to two" are the
same tally, "$4.2 million" and "$4,200,000" the same sum, "Feb. 2" and "2 February" the same
date. People are tracked by surname (:func:`mark_people`), so that a sentence calling someone by
surname alone is only used after one naming them in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from articles.text.dates import MONTH, MONTH_NAMES, WEEKDAYS, calendar_date, month_number
from articles.text.future import is_future
from articles.text.instructions import instruction_spans, is_instruction
from articles.text.numbers import CURRENCY, NUMERAL, SCALES, number_value, number_words
from articles.text.sentences import Span, split_sentences
from articles.text.speech import SPEECH_VERB, SPEECH_VERBS
from articles.text.titles import TITLES
from articles.text.words import STOPWORDS, stem, words

from .clean import blank_furniture, is_field_line

_SPEECH = re.compile(rf"\b(?:{SPEECH_VERB})\b", re.IGNORECASE)
_PRONOUN_ATTRIBUTION = re.compile(rf"\b(?:he|she|they|it)\s+(?:{SPEECH_VERB})\b", re.IGNORECASE)
_QUANTIFIER_SPEAKER = re.compile(
    rf"^(?:many|some|most|several|few|all|others)\s+(?:{SPEECH_VERB})\b", re.IGNORECASE
)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_SPEAKER_FIRST = re.compile(
    rf"^(?:\S+\s+){{0,8}}?(?:[A-Z][\w'’.-]*|he|she|they)\s+(?:{SPEECH_VERB})\b(?!\s+to\b)"
)
_DANGLING_FIRST = frozenset(
    """he she they it this that these those his her their its him them however but and or also
    meanwhile moreover furthermore nevertheless nonetheless still yet instead then thus therefore
    so such both another others otherwise besides likewise similarly additionally""".split()
)
# "The former was ...", "the latter said": a pronoun; not "the former finance director".
_PRONOUN_USE = (
    r"(?=\s*[,.;:]|\s+(?:is|was|were|are|has|had|have|will|would|said|says|can|could|did|"
    r"does|also)\b)"
)
_DANGLING_PHRASE = re.compile(
    r"^(?:in addition|as a result|at the same time|by contrast|in contrast|despite this|even so|"
    r"on the other hand|in response|for (?:his|her|their|its) part|"
    r"(?:(?:almost|nearly|about|roughly|virtually)\s+)?"
    r"(?:one|some|many|most|much|all|each|both|none|neither|either|two|three|four|several|half)"
    r"\s+of\s+(?:them|these|those|which|whom|it\b|(?:that|this)(?=\s*[,.;]|\s+(?:is|was|were|"
    r"are|will|has|had|would|could|came|went)\b))\b|"
    r"of\s+(?:them|these|those)\b|"
    r"the same|the (?:lowest|highest|largest|smallest|biggest|greatest|fastest|slowest|latest|"
    r"earliest|oldest|youngest|best|worst|most|least|latter|former|rest|remainder|others?)\s+"
    r"(?:was|were|is|are|had|came)\b|"
    r"the (?:company|firm|figures?|move|decision|statement|incident|report|plan|result|"
    r"outcome|measures?|group|agency|decline|increase|rise|drop|estimate|change|total|"
    r"proposal|remainder|rest)\b|"
    rf"the (?:latter|former){_PRONOUN_USE})",
    re.IGNORECASE,
)
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|his|her)\b")
# "This is the worst flood," she said; but "These were not easy votes," leans on the votes.
_DEICTIC = frozenset("this that".split())
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Oo]urs|us|I|[Mm]y|me)\b")
_ANAPHORIC = re.compile(
    rf"\b(?:the|that|this|those|these) (?:figures?\b|same\b|(?:latter|former){_PRONOUN_USE})",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:was|were|had|did|ago|last|yesterday|earlier)\b", re.IGNORECASE)
AHEAD_DAYS = 200
_BACKGROUND = re.compile(
    r"\b(?:last|previous)\s+(?:year|decade)\b|\bpreviously\b|\bin recent years\b|"
    r"\byears ago\b|\bhistor(?:y|ic|ically)\b|\bsince\s+(?:19|20)\d\d\b|\bfor decades\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SINCE = re.compile(r"\bsince\s+(?:[A-Z][a-z]+\.?\s+)?$")  # "the highest since March 2021"
_TERMINAL = re.compile(r"""[.!?]["'”’)\]]*$""")
_QUESTION = re.compile(r"""\?["'”’)\]]*$""")
_BOILERPLATE = re.compile(
    r"https?://|www\.|[a-z0-9]@[a-z0-9]|\bclick here\b|\bsubscribe\b|\bsign up\b|\bnewsletter\b|"
    r"\ball rights reserved\b|\bcopyright\b|\bread more\b|\bfollow us\b|\bshare this\b|"
    r"\badvertisement\b|\bcookies?\b|\brelated (?:stories|articles|coverage)\b|\bsee also\b|"
    r"\bmost (?:read|popular)\b|\btop stories\b|\bmore from\b|\btrending\b|"
    r"\bhere (?:are|is) (?:some|a few|my)\b|\bthis post\b|\bstay tuned\b"  # a blog to readers
)
_BOILERPLATE_HINTS = (
    "http", "www.", "@", "click", "subscribe", "sign up", "newsletter", "rights reserved",
    "copyright", "read more", "follow us", "share this", "advertisement", "cookie", "related",
    "see also", "most read", "most popular", "top stories", "more from", "trending",
    "here are", "here is", "this post", "stay tuned",
)  # fmt: skip
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*•‣▪◦–—]|\(?\d{1,2}[.)])[ \t]+(\S[^\n]*?)[ \t]*$", re.M)
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][A-Za-z]+")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_DEPENDENT = re.compile(
    r"\b(?:the|its|their|his|her)\s+(?:remaining|remainder|rest|balance)\b|"
    r"\bthe other (?:two|three|half)\b",
    re.IGNORECASE,
)

MIN_WORDS = 5
MAX_WORDS = 70

# Number words read as figures: "one" and "zero" too often are not ("no one", "one of the").
_FIGURE_WORDS = frozenset(number_words(2, 90))
DATE = re.compile(
    rf"\b(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH})(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b"
    rf"|\b(?P<part>(?i:end|start|beginning|middle|mid|early|late))(?:\s+of|-)?\s*(?P<m3>{MONTH})\b"
    rf"(?:,?\s+(?P<y3>(?:19|20)\d\d)\b)?"
)
_PARTS = {"start": "start", "beginning": "start", "middle": "mid", "mid": "mid"}
_NUMBER_WORD = "|".join(sorted(number_words(2, 90), key=len, reverse=True))
FIGURE = re.compile(
    rf"(?<![\w.,])(?P<cur>{CURRENCY})?(?P<a>{NUMERAL}|(?i:(?:{_NUMBER_WORD}))\b)"
    rf"(?:\s*(?:-|–|\s(?i:to)\s)\s*{CURRENCY}?(?P<b>{NUMERAL}|(?i:(?:{_NUMBER_WORD}))\b)(?![.,]?\d))?"
    r"(?:\s?(?P<scale>(?i:million|billion|trillion|thousand|bn))\b)?"
)


def normalise_space(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def _term(word: str) -> str | None:
    """A content word's stem ("voted", "vote" -> "vot"), None for a figure or a stopword."""
    if word in STOPWORDS or word[0].isdigit() or word in _FIGURE_WORDS or word in SCALES:
        return None
    base = stem(word.removesuffix("'s").removesuffix("’s"))
    return base[:-1] if len(base) > 3 and base.endswith("e") else base


def terms(
    text: str, figures: frozenset[str] | None = None, tokens: list[str] | None = None
) -> list[str]:
    """Stemmed content words, figures in canonical form ("#7-2"): what sentences are compared on.

    Digits and number words are replaced by the figures :func:`numbers` reads (or ``figures``,
    when already read), so that "voted 7-2" and "the vote was seven to two" share a term.
    ``tokens`` are the text's words when already read.
    """
    result = [t for w in (words(text) if tokens is None else tokens) if (t := _term(w))]
    result.extend(f"#{n}" for n in sorted(numbers(text) if figures is None else figures))
    return result


def strong_figure(figure: str) -> bool:
    """True for a sum, a date, a tally or a range (canonical form): figures that identify a fact."""
    return figure[0] in "$£€dp" or "-" in figure


def _canonical(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def date_key(match: re.Match[str]) -> str:
    """A date's canonical form: "d09-02" for September 2, "p09-end" for the end of September."""
    if match["m3"]:
        part = match["part"].lower()
        return f"p{month_number(match['m3']):02d}-{_PARTS.get(part, part)}"
    month = month_number(match["m1"] or match["m2"])
    return f"d{month:02d}-{int(match['d1'] or match['d2']):02d}"


def figure_key(match: re.Match[str]) -> str:
    """A figure's canonical form: "$4200000", "1200", "7-2" (a tally or range), "2.5"."""
    scale = SCALES.get((match["scale"] or "").lower(), 1.0)
    value = _canonical(number_value(match["a"]) * scale)
    if match["b"]:
        value += "-" + _canonical(number_value(match["b"]) * scale)
    return (match["cur"] or "") + value


def dated_ahead(text: str, published: datetime) -> bool:
    """True when ``text`` gives a day-and-month date up to ``AHEAD_DAYS`` after ``published``
    and no past-tense cue: an event still to come ("a public meeting on December 9")."""
    if _PAST.search(text):
        return False
    for match in DATE.finditer(text):
        if match["m3"]:
            continue
        month = month_number(match["m1"] or match["m2"])
        day = int(match["d1"] or match["d2"])
        year = int(match["y1"] or match["y2"] or published.year)
        for candidate_year in (year,) if match["y1"] or match["y2"] else (year, year + 1):
            when = calendar_date(candidate_year, month, day)
            if when is not None and 0 < (when - published.date()).days <= AHEAD_DAYS:
                return True
    return False


def numbers(text: str) -> frozenset[str]:
    """The figures and dates a text states, canonical (see :func:`figure_key`, :func:`date_key`).

    "one" is left out: it is too often not a figure ("no one", "one of the").
    """
    found: set[str] = set()
    dates = []
    for match in DATE.finditer(text):
        if match["m3"] or 1 <= int(match["d1"] or match["d2"]) <= 31:
            found.add(date_key(match))
            dates.append(match.span())
    for match in FIGURE.finditer(text):
        if any(a <= match.start() < b for a, b in dates):
            continue
        found.add(figure_key(match))
    return frozenset(found)


def quote_balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def has_quote(text: str) -> bool:
    return '"' in text or "“" in text


def quoted_passages(text: str) -> list[str]:
    """The passages of ``text`` inside double quotation marks."""
    return [m.group()[1:-1] for m in _QUOTED.finditer(text)]


@dataclass(eq=False)
class Sentence:
    """One sentence (or one quote spanning several) of one source, with what the drafter needs.
    Sentences are compared by identity: each is one place in one source."""

    source: int
    pos: int
    start: int
    end: int
    text: str
    n_words: int = 0
    terms: list[str] = field(default_factory=list)
    numbers: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    vocabulary: frozenset[str] = frozenset()
    quote: bool = False
    speech: bool = False
    reaction: bool = False
    future: bool = False
    years: tuple[int, ...] = ()
    background_cue: bool = False
    dangling: bool = False
    eligible: bool = True
    list_intro: bool = False
    money: bool = False
    clean: bool = True
    introduces: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    id: int = -1

    def __post_init__(self) -> None:
        tokens = words(self.text)
        self.n_words = len(tokens)
        self.numbers = numbers(self.text)
        self.terms = terms(self.text, self.numbers, tokens)
        self.vocabulary = frozenset(tokens)
        self.names = frozenset(
            m.group().lower() for m in _CAPITALISED.finditer(self.text) if m.start() > 1
        )
        self.quote = has_quote(self.text)
        unquoted = _QUOTED.sub(" ", self.text) if self.quote else self.text
        self.speech = bool(_SPEECH.search(unquoted))
        self.reaction = self.quote or bool(_SPEAKER_FIRST.match(self.text) and not self.numbers)
        self.future = not self.quote and is_future(self.text)
        self.years = tuple(
            int(m.group())
            for m in _YEAR.finditer(self.text)
            if not _SINCE.search(self.text, max(0, m.start() - 16), m.start())
        )
        self.background_cue = bool(_BACKGROUND.search(self.text))
        self.dangling = _is_dangling(self.text, tokens, self.quote, self.speech, unquoted)
        self.money = any(n[0] in "$£€" for n in self.numbers)
        self.list_intro = self.text.rstrip().endswith(":")
        self.clean = not is_boilerplate(self.text)  # notes to a model: see segment()
        self.eligible = self.clean and _is_eligible(
            self.text, tokens, self.quote, len(self.terms), unquoted
        )


@dataclass
class ListBlock:
    """Consecutive bulleted or numbered lines of one source and the sentence introducing them."""

    source: int
    items: list[Span]
    start: int
    end: int
    intro: Sentence | None = None


def _is_dangling(
    text: str, tokens: list[str], quote: bool, speech: bool, unquoted: str | None = None
) -> bool:
    """True when the sentence leans on the one before it (a pronoun, a connective, a bare quote)."""
    if not tokens:
        return False
    opens_quote = text[:1] in '"“' and quote and speech
    first = re.split(r"['’]", tokens[0])[0]  # "That's your call"
    if first in _DANGLING_FIRST and not (opens_quote and first in _DEICTIC):
        return True
    if _DANGLING_PHRASE.match(text.lstrip("\"“'‘( ")):
        return True
    if _ANAPHORIC.search(" ".join(text.split()[:10])):
        return True
    if _PRONOUN_ATTRIBUTION.search(text) or _QUANTIFIER_SPEAKER.match(text):
        return True
    plain = _QUOTED.sub(" ", text) if unquoted is None else unquoted
    if _DEPENDENT.search(plain):
        return True
    if _unnamed_person(plain):
        return True
    return quote and not speech


def _unnamed_person(text: str) -> bool:
    """True when "he" or "she" (him, his, her) appears before anyone is named in the sentence
    ("Colleagues said he had been working closest to the building"): the person is named in
    a sentence before."""
    pronoun = _PERSON_PRONOUN.search(text)
    if pronoun is None:
        return False
    return not _CAPITALISED.search(text, 1, pronoun.start())


_NOT_PERSON = frozenset(
    """the a an this that these those it he she they we i his her their our its in on at of for
    and but or if as by to from with after before during when while on north south east west
    northern southern eastern western new old great upper lower saint st mount lake river""".split()
    + [name.lower() for name in WEEKDAYS + MONTH_NAMES]
)
_NOT_SURNAME = frozenset(
    """service services council agency authority ministry department police company inc ltd
    corp corporation group university college commission committee board bank association union
    institute party court office trust foundation organisation organization federation network
    street road lane avenue way drive bridge park school hospital station centre center hall
    library church airport river street square county city town village district valley estate
    news times post radio daily herald gazette courier ledger fund reserve""".split()
    + list(_NOT_PERSON)
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SPEECH_AFTER = re.compile(rf"(?:['’]s)?\s*(?:,\s*who\b|\s(?:{SPEECH_VERB})\b)")


def _capitalised(token: str) -> bool:
    return len(token) > 1 and token[0].isupper() and not token.isupper()


def _name_tokens(text: str) -> list[tuple[str, int, int, bool]]:
    """Word tokens with offsets and whether each directly follows a capitalised name token."""
    tokens: list[tuple[str, int, int, bool]] = []
    name_end = -2  # where the previous token ended, when it could be a first name
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word.endswith(("’s", "'s")):
            word = word[:-2]
        start = match.start()
        if not word[:1].isupper():  # the common case, inlined: this runs on every word
            tokens.append((word, start, match.end(), False))
            name_end = -2
            continue
        capitalised = _capitalised(word)
        tokens.append((word, start, match.end(), capitalised and name_end == start - 1))
        lower = word.lower()
        name_end = (
            start + len(word)
            if capitalised and lower not in _NOT_PERSON and lower not in TITLES
            else -2
        )
    return tokens


def mark_people(sentences: list[Sentence]) -> None:
    """Set ``introduces`` and ``needs`` (lower-case surnames) on every sentence.

    A person is a capitalised "First Last" pair that a title precedes ("Mayor Lena Ortiz"), or
    whose surname (alone or in the pair) is followed by a speech verb or ", who", or follows a
    speech verb. A sentence ``introduces`` the surnames it gives with the first name and
    ``needs`` those it gives alone ("Sato said", "Councillor Sato").
    """
    pairs: dict[str, set[str]] = {}
    people: set[str] = set()
    tokenised = []
    for sentence in sentences:
        tokens = _name_tokens(sentence.text)
        tokenised.append(tokens)
        for i, (word, _, end, after_name) in enumerate(tokens):
            lower = word.lower()
            if not _capitalised(word) or lower in _NOT_SURNAME:
                continue
            text = sentence.text
            if (
                i + 1 < len(tokens)
                and tokens[i + 1][1] == end + 1
                and tokens[i + 1][0][0].isupper()
            ):
                continue  # part of a longer name: "Old Mill Bridge"
            if text[end : end + 3].lstrip().startswith("&"):
                continue  # "Harlow & Finch"
            evidence = bool(
                _SPEECH_AFTER.match(text, end)
                or (i > 0 and tokens[i - 1][0].lower() in SPEECH_VERBS)
            )
            if after_name:
                first = tokens[i - 1][0]
                titled = i >= 2 and tokens[i - 2][0].lower() in TITLES
                listed = i >= 3 and tokens[i - 2][0] == "and"
                if i >= 2 and sentence.text[tokens[i - 2][2] : tokens[i - 1][1]].strip() == "&":
                    continue
                pairs.setdefault(lower, set()).add(first)
                if evidence or titled or listed:
                    people.add(lower)
            elif evidence or (i and tokens[i - 1][0].lower() in TITLES):
                people.add(lower)
    known = {surname for surname in people if surname in pairs}
    for sentence, tokens in zip(sentences, tokenised, strict=True):
        introduces: set[str] = set()
        needs: set[str] = set()
        for word, _, _, after_name in tokens:
            lower = word.lower()
            if lower in known:
                (introduces if after_name else needs).add(lower)
        sentence.introduces = frozenset(introduces)
        sentence.needs = frozenset(needs - introduces)


def _is_eligible(
    text: str, tokens: list[str], quote: bool, n_terms: int, unquoted: str | None = None
) -> bool:
    stripped = text.lstrip("\"“'‘( ")
    if not stripped or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if not MIN_WORDS <= len(tokens) <= MAX_WORDS or n_terms < 3:
        return False
    if not _TERMINAL.search(text) or (_QUESTION.search(text) and not quote):
        return False
    if _FIRST_PERSON.search(_QUOTED.sub(" ", text) if unquoted is None else unquoted):
        return False  # a statement in the first person ("We will rebuild") needs a speaker
    return quote_balanced(text)


def usable_list_intro(sentence: Sentence) -> bool:
    """True when a sentence ending in a colon can introduce a bullet list in the draft."""
    text = sentence.text
    stripped = text.lstrip("\"“'‘( ")
    return (
        sentence.list_intro
        and not sentence.dangling
        and bool(stripped[:1].isupper() or stripped[:1].isdigit())
        and len(sentence.terms) >= 2
        and sentence.n_words >= 4
        and quote_balanced(text)
        and not is_boilerplate(text)
        and not is_instruction(text)
    )


def is_boilerplate(text: str) -> bool:
    """Links, sharing prompts, newsletter and "related stories" furniture."""
    lower = text.lower()
    return any(hint in lower for hint in _BOILERPLATE_HINTS) and bool(_BOILERPLATE.search(lower))


# Text addressed to an AI model: the text layer's one detector, under the name the drafter uses.
looks_like_instruction = is_instruction


def segment(source: int, text: str) -> tuple[list[Sentence], list[ListBlock]]:
    """Cut one source's text into sentences and list blocks, offsets into ``text``.

    A list's ``intro`` is the sentence just before it when that sentence ends with a colon.
    Furniture (datelines, credits, bylines, header lines: :func:`.clean.blank_furniture`) is
    blanked first, offsets kept.
    """
    text = blank_furniture(text)
    blocks = _list_blocks(source, text)
    sentences: list[Sentence] = []
    cursor = 0
    for block in [*blocks, None]:
        stop = block.start if block else len(text)
        region = _region_sentences(source, text, cursor, stop, len(sentences))
        sentences.extend(region)
        if block is not None:
            if region and region[-1].list_intro:
                block.intro = region[-1]
            cursor = block.end
    notes = instruction_spans(text)  # a note to a model, sentences after its opening included
    for sentence in sentences:
        if any(a < sentence.end and sentence.start < b for a, b in notes):
            sentence.clean = sentence.eligible = False
    return sentences, blocks


def _list_blocks(source: int, text: str) -> list[ListBlock]:
    blocks: list[ListBlock] = []
    current: list[Span] = []
    block_start = last_end = 0
    for match in _LIST_LINE.finditer(text):
        if current and text[last_end : match.start()].strip():
            blocks.append(ListBlock(source, current, block_start, last_end))
            current = []
        if not current:
            block_start = match.start()
        current.append(Span(match.group(1), match.start(1), match.end(1)))
        last_end = match.end()
    if current:
        blocks.append(ListBlock(source, current, block_start, last_end))
    return [
        b
        for b in blocks
        if 2 <= len(b.items) <= 12 and all(len(i.text.split()) <= 30 for i in b.items)
    ]


def _spans(text: str, start: int, end: int) -> list[tuple[Span, bool]]:
    """The sentences of ``text[start:end]`` with whether each is an update's labelled line
    giving a figure (:func:`.clean.is_field_line`: "Length of roadway covered: approximately 400
    feet"), which is cut out whole, a fact of its own, before the rest is split into
    sentences."""
    found: list[tuple[Span, bool]] = []
    chunk = start  # where the text not yet split begins

    def flush(stop: int) -> None:
        found.extend(
            (Span(s.text, s.start + chunk, s.end + chunk), False)
            for s in split_sentences(text[chunk:stop])
        )

    at = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped and is_field_line(stripped):
            flush(at)
            lead = at + len(line) - len(line.lstrip())
            found.append((Span(stripped, lead, lead + len(stripped)), True))
            chunk = at + len(line)
        at += len(line) + 1
    flush(end)
    return found


def _region_sentences(
    source: int, text: str, start: int, end: int, first_pos: int
) -> list[Sentence]:
    cut = _spans(text, start, end)
    spans = [span for span, _ in cut]
    fields = {span.start for span, field in cut if field}
    result: list[Sentence] = []
    i = 0
    while i < len(spans):
        j = i
        while not quote_balanced(text[spans[i].start : spans[j].end]) and j + 1 < len(spans):
            if j - i >= 3 or _BLANK_LINE.search(text, spans[j].end, spans[j + 1].start):
                break
            j += 1
        result.append(
            Sentence(
                source=source,
                pos=first_pos + len(result),
                start=spans[i].start,
                end=spans[j].end,
                text=normalise_space(text[spans[i].start : spans[j].end]),
            )
        )
        if spans[i].start in fields:
            result[-1].eligible = False  # a key fact, not a sentence of prose
        i = j + 1
    return result
