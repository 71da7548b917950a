"""Sentence-level primitives for the extractive drafter, built on ``articles.nlp``.

A source is cut into :class:`Sentence` objects that keep their character offsets, so every
sentence a draft uses can be quoted, cited and highlighted exactly. Sentences whose quotation
marks do not balance are joined with the following ones (a quote that spans two sentences stays
whole); bulleted or numbered lists are kept apart as :class:`ListBlock` objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.nlp import Span, content_words, split_sentences, stem, words

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|explained|warned|noted|announced|confirmed|"
    "insisted|argued|claimed|continued|urged|wrote|asked|replied|acknowledged|admitted|"
    "according|recalled|described"
)
_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.IGNORECASE)
_PRONOUN_ATTRIBUTION = re.compile(rf"\b(?:he|she|they)\s+(?:{SPEECH_VERBS})\b", re.IGNORECASE)
_QUANTIFIER_SPEAKER = re.compile(
    rf"^(?:many|some|most|several|few|all|others)\s+(?:{SPEECH_VERBS})\b", re.IGNORECASE
)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_SPEAKER_FIRST = re.compile(
    rf"^(?:\S+\s+){{0,8}}?(?:[A-Z][\w'’.-]*|he|she|they)\s+(?:{SPEECH_VERBS})\b(?!\s+to\b)"
)
_DANGLING_FIRST = frozenset(
    """he she they it this that these those his her their its him them however but and or also
    meanwhile moreover furthermore nevertheless nonetheless still yet instead then thus therefore
    so such both another others otherwise besides likewise similarly additionally""".split()
)
_DANGLING_PHRASE = re.compile(
    r"^(?:in addition|as a result|at the same time|by contrast|in contrast|despite this|even so|"
    r"on the other hand|in response|for (?:his|her|their|its) part|"
    r"the same|the (?:company|firm|figures?|move|decision|statement|incident|report|plan|"
    r"measures?|group|agency|latter|former)\b)",
    re.IGNORECASE,
)
_ANAPHORIC = re.compile(r"\b(?:the|that|this|those|these) (?:figures?|same|latter|former)\b")
_FUTURE = re.compile(
    r"\b(?:will|won't|shall)\b|"
    r"\b(?:is|are|was|were)\s+(?:expected|due|scheduled|set|likely|planning|going)\s+to\b|"
    r"\b(?:plans?|intends?|aims?|hopes?)\s+to\b|\bplanned\b|"
    r"\bnext\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\blater\s+(?:this|next)\s+(?:week|month|year)\b|\bupcoming\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\b(?:last|previous)\s+(?:year|month|decade)\b|\bpreviously\b|\bin recent years\b|"
    r"\byears ago\b|\bhistor(?:y|ic|ically)\b|\bsince\s+(?:19|20)\d\d\b|\bfor decades\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TERMINAL = re.compile(r"""[.!?]["'”’)\]]*$""")
_QUESTION = re.compile(r"""\?["'”’)\]]*$""")
_BOILERPLATE = re.compile(
    r"https?://|www\.|[a-z0-9]@[a-z0-9]|\bclick here\b|\bsubscribe\b|\bsign up\b|\bnewsletter\b|"
    r"\ball rights reserved\b|\bcopyright\b|\bread more\b|\bfollow us\b|\bshare this\b|"
    r"\badvertisement\b|\bcookies?\b|\brelated (?:stories|articles|coverage)\b|\bsee also\b|"
    r"\bmost (?:read|popular)\b|\btop stories\b|\bmore from\b|\btrending\b"
)
_BOILERPLATE_HINTS = (
    "http", "www.", "@", "click", "subscribe", "sign up", "newsletter", "rights reserved",
    "copyright", "read more", "follow us", "share this", "advertisement", "cookie", "related",
    "see also", "most read", "most popular", "top stories", "more from", "trending",
)  # fmt: skip
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+|the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding)\b|\bsystem prompt\b|"
    r"\byou are (?:now )?(?:an? |the )?(?:ai|assistant|language model|chatbot|llm)\b",
    re.IGNORECASE,
)
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*•‣▪◦–—]|\(?\d{1,2}[.)])[ \t]+(\S[^\n]*?)[ \t]*$", re.M)
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][A-Za-z]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")

MIN_WORDS = 5
MAX_WORDS = 70


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def terms(text: str) -> list[str]:
    """Stemmed content words: the bag of words sentences are compared on."""
    return [stem(w) for w in content_words(text)]


def numbers(text: str) -> frozenset[str]:
    """The figures a text states, normalised ("1,200" and "1200" are the same)."""
    return frozenset(m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text))


def quote_balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def has_quote(text: str) -> bool:
    return '"' in text or "“" in text


def quoted_passages(text: str) -> list[str]:
    """The passages of ``text`` inside double quotation marks."""
    return [m.group()[1:-1] for m in _QUOTED.finditer(text)]


@dataclass
class Sentence:
    """One sentence (or one quote spanning several) of one source, with what the drafter needs."""

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
    id: int = -1

    def __post_init__(self) -> None:
        tokens = words(self.text)
        self.n_words = len(tokens)
        self.terms = terms(self.text)
        self.numbers = numbers(self.text)
        self.vocabulary = frozenset(tokens)
        self.names = frozenset(
            m.group().lower() for m in _CAPITALISED.finditer(self.text) if m.start() > 1
        )
        self.quote = has_quote(self.text)
        self.speech = bool(_SPEECH.search(_QUOTED.sub(" ", self.text)))
        self.reaction = self.quote or bool(_SPEAKER_FIRST.match(self.text) and not self.numbers)
        self.future = not self.quote and bool(_FUTURE.search(self.text))
        self.years = tuple(int(y) for y in _YEAR.findall(self.text))
        self.background_cue = bool(_BACKGROUND.search(self.text))
        self.dangling = _is_dangling(self.text, tokens, self.quote, self.speech)
        self.list_intro = self.text.rstrip().endswith(":")
        self.eligible = _is_eligible(self.text, tokens, self.quote, len(self.terms))


@dataclass
class ListBlock:
    """Consecutive bulleted or numbered lines of one source and the sentence introducing them."""

    source: int
    items: list[Span]
    start: int
    end: int
    intro: Sentence | None = None


def _is_dangling(text: str, tokens: list[str], quote: bool, speech: bool) -> bool:
    """True when the sentence leans on the one before it (a pronoun, a connective, a bare quote)."""
    if not tokens:
        return False
    if tokens[0] in _DANGLING_FIRST:
        return True
    if _DANGLING_PHRASE.match(text.lstrip("\"“'‘( ")):
        return True
    if _ANAPHORIC.search(" ".join(tokens[:10])):
        return True
    if _PRONOUN_ATTRIBUTION.search(text) or _QUANTIFIER_SPEAKER.match(text):
        return True
    return quote and not speech


def _is_eligible(text: str, tokens: list[str], quote: bool, n_terms: int) -> bool:
    stripped = text.lstrip("\"“'‘( ")
    if not stripped or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if not MIN_WORDS <= len(tokens) <= MAX_WORDS or n_terms < 3:
        return False
    if not _TERMINAL.search(text) or (_QUESTION.search(text) and not quote):
        return False
    if not quote_balanced(text):
        return False
    return not is_boilerplate(text) and not looks_like_instruction(text)


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
        and not looks_like_instruction(text)
    )


def is_boilerplate(text: str) -> bool:
    """Links, sharing prompts, newsletter and "related stories" furniture."""
    lower = text.lower()
    return any(hint in lower for hint in _BOILERPLATE_HINTS) and bool(_BOILERPLATE.search(lower))


def looks_like_instruction(text: str) -> bool:
    """True for text addressed to an AI model ("ignore previous instructions", ...)."""
    return bool(_INSTRUCTION.search(text))


def segment(source: int, text: str) -> tuple[list[Sentence], list[ListBlock]]:
    """Cut one source's text into sentences and list blocks, offsets into ``text``.

    A list's ``intro`` is the sentence just before it when that sentence ends with a colon.
    """
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


def _region_sentences(
    source: int, text: str, start: int, end: int, first_pos: int
) -> list[Sentence]:
    spans = [Span(s.text, s.start + start, s.end + start) for s in split_sentences(text[start:end])]
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
        i = j + 1
    return result
