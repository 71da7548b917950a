"""A headline written for the story from its lead sentence, in news style.

The lead is the sentence the sources agree on most (who, what, where, when); the headline keeps
its main clause and drops what a headline leaves out: attribution ("officials said"), when it
happened ("on Wednesday", "before dawn"), appositions (", 58, of Ashgrove,"), articles and
trailing detail, then puts the verb in the present ("derailed" -> "derails", "said it would
close" -> "to close"). At most ``MAX_WORDS`` words, and never the same words as a source title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from articles.text.datelines import strip_dateline
from articles.text.dates import MONTH, WEEKDAYS
from articles.text.numbers import NUMBER_WORDS, number_value, number_words
from articles.text.speech import SPEECH_VERB
from articles.text.words import AUXILIARIES, PLURAL_NOUNS, STOPWORDS

from .clean import same_title

MAX_WORDS = 12
MIN_WORDS = 4

_DAY = "|".join(WEEKDAYS)
_PARTS = r"(?:morning|afternoon|evening|night)"
_TIME = re.compile(
    rf"\b(?:(?:early|late)\s+(?:on\s+)?)?(?:(?:on|last|this|by|from|until|as\s+of)\s+)?(?:{_DAY})"
    rf"(?:\s+{_PARTS})?(?:,?\s+{MONTH}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?)?"
    rf"|\b(?:on\s+)?{MONTH}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?"
    r"|\b(?:before\s+dawn|overnight|today|tonight|yesterday|last\s+night|this\s+(?:morning|afternoon|"
    r"evening|week))\b"
    rf"|\b(?:early|late)\s+(?:on\s+)?(?:{_DAY}|{_PARTS})\b"
    r"|\bat\s+(?:about|approximately|around)?\s*\d{1,2}(?::\d\d)?\s*[ap]\.?m\b\.?",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    rf",\s*(?:[\w'’.-]+\s+){{0,6}}(?:{SPEECH_VERB})(?:\s+on\s+\w+)?\s*\.?$"
    r"|,?\s+according\s+to\s+[^,]+\.?$",
    re.IGNORECASE,
)
_LEAD_REACH = 400  # characters of the lead read: a headline needs its start, and the
# patterns below stay fast on hostile text
# "At about 3:15 on Friday morning, ..." (a headline says what happened, not when)
_LEADING_TIME = re.compile(
    r"^(?:(?:at|by|around|on|in|during|early|late|last|shortly\s+(?:after|before)|"
    r"just\s+(?:after|before)|soon\s+after)\s+)(?:about\s+|around\s+|roughly\s+)?[^,]{0,40}?"
    r"(?:\d(?::\d\d)?\s*[ap]\.?m\.?|\d:\d\d|morning|afternoon|evening|night|noon|midnight|"
    rf"dawn|{'|'.join(WEEKDAYS)})[^,]{{0,60}},\s+(?=(?-i:[A-Z0-9]|(?:a|an|the)\s))",
    re.IGNORECASE,
)  # the subject follows the comma: not "On Friday the council voted ..., saying"
# "X said (on Tuesday) (that) it would close ..." -> "X to close ..."
_WOULD = re.compile(
    rf"^(?P<subject>.+?)\s+(?:{SPEECH_VERB}|announced)\s+(?:that\s+)?"
    r"(?:it|they|he|she)\s+(?:would|will|plans\s+to|intends\s+to)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# "X announced (today) its intention to close ..." -> "X to close ..."
_INTENTION = re.compile(
    r"^(?P<subject>.+?)\s+(?:announced|confirmed|said)\s+(?:its|their)\s+"
    r"(?:intention|plans?|decision)\s+to\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# "X announced (confirms) that a jury found ..." -> "a jury found ..."
_REPORTED = re.compile(
    rf"^(?:[A-Z][\w'’.-]*\s+(?:(?:and|of|for|&)\s+)?){{1,9}}(?:{SPEECH_VERB}|announced|"
    r"confirm(?:s|ed)?)\s+(?:that\s+)(?P<rest>(?!(?:its|their|his|her)\b).+)$"
)  # not "... confirmed that its members will walk out": "its" would lose the union
_APPOSITION = re.compile(
    r"(?:,\s+(?:\d{1,3}|(?:the|a|an|its|his|her|their|who|which|where|whose|of|from|aged)\b|"
    r"[a-z]+\s+(?:of|to|for)\b)(?:[^,]|,(?=\d)){0,200})+,(?=\s+[a-z])"
    r"(?P<participle>\s+[a-z]+ing\b)?"
)  # ", 71,", ", the city's only bank,", ", home of Askerby Ironsides FC,"
_PLACE_OF = re.compile(
    r"\b(in|near|across|outside)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}(?:town|city|village|county|"
    r"district|region|suburb|hamlet|borough|community|state|province)\s+of\s+"
)
_COUNTS = re.compile(r"\b(?:\w+\s+)?counts?\s+of\s+")
_PARTS_OF = frozenset(
    """end start middle beginning rest most some all one part number hundreds thousands dozens
    pair edge outside outskirts heart centre center side east west north south coast shore
    banks""".split()
)
_READING = re.compile(r"\s+on\s+(?:first|second|third|final)\s+reading\b", re.IGNORECASE)
_NUMBER = "|".join(number_words(1, 20))
_TALLY = re.compile(rf"\b({_NUMBER})\s+to\s+({_NUMBER})\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\b(?:its|their)\s+", re.IGNORECASE)
# "budget for 2027-28", "in fiscal 2026-27": the year a budget is for, no headline word.
_FISCAL_YEAR = re.compile(
    r"\s+(?:for|in)\s+(?:fiscal\s+(?:year\s+)?)?(?:19|20)\d\d[-–/]\d\d\b(?![-–/]?\d)"
)
_TRAILING = re.compile(r",\s+(?:[^,]|,(?=\d))*$")  # "52,000" is no clause break
_ARTICLE = re.compile(r"\b(?:a|an|the)\s+", re.IGNORECASE)
_PREPOSITIONS = frozenset(
    """in on at of for to from with after before over under near by into across as towards
    toward without through against along around behind beyond during inside outside past
    since until within amid among between onto via""".split()
)
# Participles that open a phrase of purpose after the subject: "A new timetable meant to bring
# faster trains collapsed", "A wall designed to hold back floods gave way".
_MEANT_TO = frozenset("meant designed intended supposed expected planned".split())
_IRREGULAR = {
    "swept": "sweep", "went": "go", "tore": "tear", "broke": "break", "found": "find",
    "burst": "burst", "hit": "hit", "cut": "cut", "shut": "shut", "left": "leave",
    "fell": "fall", "rose": "rise", "gave": "give", "took": "take", "made": "make",
    "won": "win", "lost": "lose", "slid": "slide", "came": "come", "drove": "drive", "flew": "fly",
    "blew": "blow", "threw": "throw", "grew": "grow", "froze": "freeze", "overran": "overrun",
    "began": "begin", "struck": "strike", "sent": "send", "held": "hold", "told": "tell",
    "said": "say", "set": "set", "led": "lead", "ran": "run", "caught": "catch", "fled": "flee",
    "killed": "kill", "spread": "spread", "sank": "sink", "drew": "draw", "brought": "bring",
    "sought": "seek", "kept": "keep", "paid": "pay", "approved": "approve", "voted": "vote",
    "closed": "close", "derailed": "derail", "convicted": "convict", "announced": "announce",
    "collapsed": "collapse", "flooded": "flood", "evacuated": "evacuate",
    "destroyed": "destroy", "damaged": "damage",
}  # fmt: skip
# Irregular past participles a passive lead uses ("were left without water", "were hurt").
_PARTICIPLES = (
    "left hurt taken found held shut cut sent hit struck brought caught kept lost made paid "
    "sold told thrown torn blown driven given seen written broken stolen swept spread built "
    "run put set led fed shot laid"
).split()
# The main verb's passive auxiliary; not an infinitive's ("believed to have been caused").
_AUXILIARY = re.compile(
    r"(?<!\bto )\b(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being|are\s+being)"
    rf"\s+(?=[a-z]+ed\b|(?:{'|'.join(_PARTICIPLES)})\b)"
)
_E_ENDINGS = ("v", "z", "at", "ut", "ir", "ur", "iz", "ag", "uc", "ng", "rc", "rg", "dg", "ns", "u")


def write_headline(lead: str, titles: Iterable[str] = (), others: Sequence[str] = ()) -> str:
    """A headline for the story whose lead sentence is ``lead``; never one of ``titles``. When
    the lead compresses into something plainly broken (:func:`looks_broken`), the first of
    ``others`` (the sentences next in line: the standfirst, ...) that does not is used."""
    titles = list(titles)
    first = None
    for sentence in (lead, *others):
        text = _compress(sentence)
        if any(same_title(text, title) for title in titles) or len(text.split()) < MIN_WORDS:
            text = _fallback(sentence)
        if not looks_broken(text):
            return text
        first = first or text
    return first or ""


# A headline that is plainly broken: it opens on a preposition ("On busy at start slips
# out"), ends on a word that needs more ("... confirmed that members will", "... which
# represents 376"; "Berth 4" is a name, "rises to 12" is whole) or on a comma. It cannot tell
# a headline with no verb.
_AUXILIARIES = "|".join(sorted(AUXILIARIES))
_BROKEN = re.compile(
    r"^(?!at\s+least\b)(?:on|at|in|by|of|to|for|with|from)\s|"
    rf"\b(?:{_AUXILIARIES}|of|that|which|who|whose|and|or|the|a|an|to)$|"
    r"(?-i:\b(?!to\b)[a-z]+\s+\d[\d,.]*$)|,$|"
    r"\b(?:him|her|them|(?-i:us))$|"  # "... also orders him"; not "Storm hits US"
    # "... Healthcare Trust have unanimously": an auxiliary and an adverb, the verb cut off
    rf"\b(?:{_AUXILIARIES})\s+(?:unanimously|formally|officially|finally|quickly|narrowly|overwhelmingly|"
    r"reportedly|recently|jointly|today|yesterday|now|also|already|not|never|just|still)$|"
    r"\b(?:when|because|while|if|where)\s+(?:(?:the|a|an|its|their|his|her)\s+)?\S+$",
    re.IGNORECASE,
)


def looks_broken(headline: str) -> bool:
    """Whether a headline is plainly broken (see ``_BROKEN``)."""
    return bool(_BROKEN.search(headline.strip()))


def _compress(sentence: str) -> str:
    text = strip_dateline(sentence[:_LEAD_REACH]).strip().strip('"“”').rstrip(".!")
    text = _LEADING_TIME.sub("", text)
    text = _ATTRIBUTION.sub("", text)
    text = _without_time(text)
    text = _FISCAL_YEAR.sub("", text)
    before_list = re.split(r"(?<!\d):(?!\d)", text)[0].rstrip()
    if len(before_list.split()) >= MIN_WORDS:
        text = before_list  # "... would close four branch libraries: Elm Park, ..."
    text = _APPOSITION.sub(lambda m: "," + m["participle"] if m["participle"] else "", text)
    future = _WOULD.match(text) or _INTENTION.match(text)
    if future:
        text = f"{future['subject']} to {future['rest']}"
    else:
        reported = _REPORTED.match(text)
        if reported:
            text = reported["rest"]
    text = _PLACE_OF.sub(r"\1 ", text)
    text = _COUNTS.sub("", text)
    text = _READING.sub("", text)
    text = _TALLY.sub(lambda m: f"{number_value(m[1]):.0f}-{number_value(m[2]):.0f}", text)
    main = " ".join(text.split()[:11])
    auxiliary = _AUXILIARY.search(main)
    passive = auxiliary is not None and not _past_before(main[: auxiliary.start()])
    if passive:
        text = _AUXILIARY.sub("", text, count=1)
    text = _ARTICLE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = " ".join(text.replace(" ,", ",").split())
    verb = None
    if not future and not passive:
        text, verb = _present(text)
    text = _shorten(_late_verb(text, verb))
    return text[:1].upper() + text[1:]


def _past_before(text: str) -> bool:
    """Whether a verb in the past comes before a passive auxiliary: then the auxiliary is in
    a clause of its own ("Firefighters rescued two children who were trapped")."""
    words = [*text.split(), ""]
    return any(
        w.islower()
        and (w in _IRREGULAR or _regular_base(w.strip(",")))
        and words[i + 1] not in _RELATIVE_AFTER  # "accused of"
        and not _before_noun(words[i + 1])  # "Three armed men", "A retired teacher"
        for i, w in enumerate(words[:-1])
        if i
    )


def _before_noun(word: str) -> bool:
    """Whether a word after a past form makes that form an adjective: a plain lowercase word
    ("armed men"), not a determiner, number or preposition ("rescued two children")."""
    return word.isalpha() and word.islower() and word not in STOPWORDS and word not in NUMBER_WORDS


def _without_time(text: str) -> str:
    """``text`` without when it happened, commas mended: "Council on Tuesday, June 9, voted"
    -> "Council voted"; "coast on Wednesday, killing" -> "coast, killing"."""
    out = ""
    cursor = 0
    for match in _TIME.finditer(text):
        before = (out + text[cursor : match.start()]).rstrip()
        after = text[match.end() :]
        if before.endswith(",") and after.lstrip().startswith(","):
            before = before[:-1]  # ", on Wednesday," -> ","
        elif not before.endswith(",") and re.match(r"\s*,\s+[a-z]+(?<!ing)\b", after):
            after = after.lstrip()[1:]  # "Council on Tuesday, voted" -> "Council voted"
        out = before + " "
        text = text[: match.end()] + after
        cursor = match.end()
    return " ".join((out + text[cursor:]).split())


def _late_verb(text: str, verb: int | None) -> str:
    """Without what keeps the verb (at ``verb``) far from the start: a participle phrase after
    the subject ("Coach carrying members of community choir home from festival breaks
    through guardrail" -> "Coach breaks through guardrail") or the subject's second and later
    prepositional phrases; and without a second predicate left in the past ("... on mountain
    pass and rolled 120 feet down slope")."""
    tokens = text.split()
    if verb is None:
        return text
    hedged = next(
        (
            i
            for i in (1, 2, 3)
            if i < verb - 2
            and tokens[i + 1] == "to"
            and (
                tokens[i] in _MEANT_TO
                or (i < 3 and tokens[i] not in _IRREGULAR and _regular_base(tokens[i]))
            )
        ),
        None,
    )
    if hedged is not None and hedged + len(tokens) - verb >= MIN_WORDS:
        tokens = tokens[:hedged] + tokens[verb:]  # "Explosion believed to ... tears through"
        verb = hedged
    if len(tokens) > MAX_WORDS and verb > MAX_WORDS // 2:
        relative = next(
            (i for i in (1, 2, 3) if i < verb and tokens[i] in _RELATIVE_PRONOUNS), None
        )  # "Copper plating solution that leaked from a plant kills"
        participle = relative or next(
            (
                i
                for i in (1, 2)
                if i < verb
                and tokens[i].islower()
                and (tokens[i].endswith("ing") or _reduced_relative(tokens, i))
            ),
            None,
        )
        prepositions = [i for i in range(1, verb) if tokens[i].lower() in _PREPOSITIONS]
        cut = (
            participle
            if participle is not None
            else (prepositions[1] if len(prepositions) > 1 else None)
        )
        if cut is not None:  # "Burst pipe at pumping station on edge of village of ..."
            tokens = tokens[:cut] + tokens[verb:]
            verb = cut
    second = next(
        (
            i
            for i in range(verb + 2, len(tokens) - 1)
            if tokens[i] == "and"
            and (tokens[i + 1] in _IRREGULAR or _regular_base(tokens[i + 1]) is not None)
        ),
        None,
    )
    if second is not None:
        tokens = tokens[:second]
    clause = next(
        (i for i in range(verb + 2, len(tokens)) if tokens[i].lower() in _CLAUSE_WORDS), None
    )
    if (
        clause is not None
        and len(tokens) > MAX_WORDS
        and clause >= MIN_WORDS + 2
        and not any(t.endswith(",") for t in tokens[:clause])  # _shorten drops ", ..." first
    ):
        tokens = tokens[:clause]  # "... collapses on first weekday when Kestrel Valley ..."
    return " ".join(tokens)


# Words opening a clause after the main verb, dropped before a headline is cut by its length.
_CLAUSE_WORDS = frozenset("when while because".split())


def _shorten(text: str) -> str:
    """At most ``MAX_WORDS`` words: trailing clauses dropped, then headline economy (a name
    before its noun, no "town" before "council", "votes 5-4 to approve" as "approves"), then
    trailing phrases, never ending on a preposition or a conjunction."""
    while len(text.split()) > MAX_WORDS and _TRAILING.search(text):
        text = _TRAILING.sub("", text)
    if len(text.split()) > MAX_WORDS:
        text = _COUNCIL.sub(r"\1 \2", text)
        text = _OF_NAME.sub(_name_first, text, count=1)
    if len(text.split()) > MAX_WORDS:
        text = _VOTES_TO.sub(_votes_to, text, count=1)
    tokens = text.split()
    if len(tokens) > MAX_WORDS:
        tokens = tokens[:MAX_WORDS]
        following = text.split()[MAX_WORDS : MAX_WORDS + 1]
        tokens = tokens + following  # the word after the cut, to keep "end of June" whole
        participle = next(
            (
                i
                for i, t in enumerate(tokens[1:MAX_WORDS], start=1)
                if t in _PARTICIPLES or (t.islower() and t.endswith("ed"))
            ),
            0,
        )  # a passive's verb ("households ... left without water"): the cut comes after it
        cut = max(
            (
                i
                for i, t in enumerate(tokens[:-1] if following else tokens)
                if t.lower() in _PREPOSITIONS
                and i >= max(MIN_WORDS, participle + 1)
                and not (t.lower() == "of" and tokens[i - 1].lower() in _PARTS_OF)
                and tokens[i - 1].lower() not in _PARTICIPLES  # "... left" without "without water"
            ),
            default=MAX_WORDS,
        )
        tokens = tokens[:cut]
        while tokens and tokens[-1].lower().strip(",") in _NEEDS_MORE:
            tokens.pop()  # "... cases of measles linked" (to what was cut)
    while tokens and tokens[-1].lower().strip(",") in _PREPOSITIONS | {"and", "or", "but"}:
        tokens.pop()
    return " ".join(tokens).rstrip(",;:")


# Words a headline cut short would leave wanting what was cut: "... cases of measles linked".
_NEEDS_MORE = frozenset(
    "and or but linked related according compared prior owing connected attributed".split()
)


# "Lakemont town council" -> "Lakemont council"
_COUNCIL = re.compile(
    r"\b([A-Z][\w'’-]+)\s+(?:town|city|county|district|village)\s+(council|board|officials)\b"
)
# "repair of Old Mill Bridge" -> "Old Mill Bridge repair"
_OF_NAME = re.compile(
    r"\b(?P<noun>[a-z][a-z-]{2,})\s+of\s+(?P<name>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})"
    r"(?=[,.;:]|$|\s+(?:in|on|at|to|for|with|after|over|and|from|by|as|near)\b)"
)


# "votes 5-4 to approve" -> "approves"
_VOTES_TO = re.compile(
    r"^(?P<subject>.+?)\s+votes?\s+(?:\d+-\d+\s+)?to\s+"
    r"(?P<verb>approve|reject|adopt|pass|back|endorse|ratify|accept|renew|repeal|ban|scrap)\b"
)


def _votes_to(m: re.Match[str]) -> str:
    verb = m["verb"] if _plural_subject(m["subject"].split()) else _third_person(m["verb"])
    return f"{m['subject']} {verb}"


def _name_first(match: re.Match[str]) -> str:
    if match["noun"] in _PARTS_OF or match["noun"] in _PREPOSITIONS:
        return match[0]
    return f"{match['name']} {match['noun']}"


def _present(text: str) -> tuple[str, int | None]:
    """The first past-tense verb after the subject in the present: "Storm swept" -> "Storm
    sweeps", "Teachers went" -> "Teachers go"; with the index of that word."""
    tokens = text.split()
    relative_at = None  # "believed to have been caused by ...", before the main verb
    reach = 13
    for index, token in enumerate(tokens[1:], start=1):
        if index >= reach:
            break
        if not token[:1].islower():
            continue
        word = token.strip(",")
        if (
            word in _MEANT_TO
            and tokens[index + 1 : index + 2] == ["to"]
            and index <= 3
            and tokens[index - 1].lower() not in AUXILIARIES  # "is expected to open": the verb
        ):
            relative_at, reach = index, 20  # "timetable meant to bring ... trains collapsed"
            continue
        base = _IRREGULAR.get(word) or _regular_base(word)
        if base is None or not tokens[index - 1][:1].isalpha():
            continue
        if index <= 2 and _reduced_relative(tokens, index):
            relative_at = index
            continue
        before = tokens[index - 1].lower()
        if before in _RELATIVE_PRONOUNS:
            relative_at = index - 1 if relative_at is None else relative_at
            continue  # "solution that leaked from a plant has killed": not the main verb
        if before in _DETERMINERS or before.endswith(("'s", "’s")):
            continue  # "Quayle's proposed budget", "the planned closure": an adjective
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if (before in NUMBER_WORDS or before[:1].isdigit()) and _before_noun(following):
            continue  # "Three masked men forced their way": an adjective
        perfect = tokens[index - 1].lower() in ("has", "have")  # "has knocked out" -> "knocks out"
        if tokens[index - 1].lower() in _NOT_PAST | {"by"} and not perfect:
            if relative_at is not None:
                continue
            return text, None
        subject = tokens[: index - 1] if perfect else tokens[:index]
        participle = next(
            (i for i, t in enumerate(subject) if i and (t.endswith("ing") or i == relative_at)),
            None,
        )
        plural = _plural_subject(subject[:participle] if participle else subject)
        tokens[index] = base if plural else _third_person(base)
        if perfect:
            del tokens[index - 1]
            index -= 1
        return " ".join(tokens), index
    return text, None


_NOT_PAST = frozenset("to be been being has have had is are was were am".split())
# Words ending in "ed" that are no verbs.
_NOT_VERBS = frozenset("hundred kindred sacred naked wicked rugged jagged ragged crooked".split())
_DETERMINERS = frozenset("the a an its their his her our this these those".split())
_RELATIVE_PRONOUNS = frozenset("that which who".split())


def _reduced_relative(tokens: list[str], index: int) -> bool:
    """Whether the past participle at ``index`` opens a phrase about the subject rather than
    being the main verb: "Explosion believed to have been caused by gas tore through ...",
    "Man charged with arson appeared ..."; there is a main verb in the past after it."""
    word = tokens[index].strip(",").lower()
    if word in _IRREGULAR or _regular_base(word) is None:
        return False  # "Teachers went on strike"
    if index + 1 >= len(tokens) or tokens[index + 1].lower() not in _RELATIVE_AFTER:
        return False
    if tokens[index - 1].lower() in _NOT_PAST:
        return False  # "Bridge was closed to traffic"
    for at in range(index + 2, min(len(tokens), index + 14)):
        if tokens[at - 1].endswith(",") or tokens[at].lower() in _SUBORDINATE:
            return False  # "moved to a shelter after the river flooded": a clause of its own
        later = tokens[at].strip(",").lower()
        if (later in _IRREGULAR or _regular_base(later)) and tokens[at - 1].lower() not in (
            "by",
            "to",
        ):
            return tokens[at][:1].islower()
    return False


# Words that open a clause of its own, whose verb is not the sentence's.
_SUBORDINATE = frozenset("after before when as because while until since and or but".split())
# Words after a participle that open a phrase about the subject ("charged with", "believed to").
_RELATIVE_AFTER = frozenset("to by with of for".split())


def _regular_base(word: str) -> str | None:
    if not word.endswith("ed") or len(word) < 5 or not word.isalpha() or word in _NOT_VERBS:
        return None
    stem = word[:-2]
    if stem.endswith("i"):
        return stem[:-1] + "y"
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] in "bdgmnprt":
        return stem[:-1]
    if stem.endswith(_E_ENDINGS) or (
        len(stem) >= 3 and stem[-1] in "stcd" and stem[-2] in "aeiou" and stem[-3] not in "aeiou"
    ):
        return stem + "e"  # "explode", "erode"; not "flood"
    return stem


def _third_person(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        return base[:-1] + "ies"
    return base + "s"


# Where a subject's head noun ends: "Teachers in the district", "Tram services across Veldmoor".
_SUBJECT_ENDS = frozenset("in of at from on across near around over under outside".split())


def _plural_subject(tokens: list[str]) -> bool:
    """Whether the subject (the words before the verb) is plural: its head noun, the word
    before "in", "of" or "at" when there is one ("Teachers in the district")."""
    words = [t.strip(",").lower() for t in tokens]
    for index, word in enumerate(words):
        if word in _SUBJECT_ENDS and index:
            words = words[:index]
            break
    head = words[-1] if words else ""
    if " and " in f" {' '.join(words)} " or head in PLURAL_NOUNS:
        return True
    return head.endswith("s") and not head.endswith(("ss", "us", "is"))


def _fallback(lead: str) -> str:
    """The lead's first clause, shortened, when compressing gave too little or a title."""
    text = strip_dateline(lead).rstrip(".!")
    return _shorten(text.split(", ")[0])
