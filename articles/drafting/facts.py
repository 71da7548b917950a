"""Key facts for the extractive drafter: sums, votes, figures, dates, the place, organisations.

Key facts are shown to readers in a table and fact-checked, so a row is only made when its label
can be read off the sentence (a wrong or meaningless row is worse than none):

* a sum labelled by what it is: the cost of the thing it precedes ("a $4.2 million repair" ->
  Cost), who pays it ("The state transport fund will pay $2.5 million" -> State transport fund)
  or where it comes from ("$1.7 million will come from the town's capital reserve" -> Town
  capital reserve);
* a vote tally or score, kept whole ("7-2", "seven to two") -> Council vote, Vote, Score;
* a count, measure, percentage or length of time labelled by what it counts and what happened
  to it, read by :mod:`articles.text.slots` ("1,200 residents were evacuated" -> Residents
  evacuated, "85 firefighters" -> Firefighters), a hedge kept with the value ("about $2.4
  million (preliminary)"), never an identifier ("route 6", "Radio 4");
* a day, or the start or end of a month, labelled by what happens then ("to begin on February
  2" -> Work starts, "reopen by the end of September" -> Expected reopening, "a public meeting
  on December 9" -> Public meeting);
* the place the story happens (a name the sources use as a place: "in Halvern", "Lakemont town
  council"), and the organisations involved (names ending "Council", "Agency", ..., joined by
  "&", or introduced as a firm, company or contractor), never split.

Each value appears once and cites every source stating it (in digits or words); counts that
agree (:func:`articles.text.slots.values_agree`: "about 1,200" and "1,200") are one value. A
value the sources disagree on is shown once per value, each citing its own sources, so that no
value is picked silently; a label one source gives two values for is left out as ambiguous.
Values are copied from the source text.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from articles.text.dates import MONTH_NAMES, WEEKDAYS
from articles.text.slots import Quantity, Slot, slots, values_agree
from articles.text.speech import SPEECH_VERB
from articles.text.titles import TITLES
from articles.text.words import STOPWORDS, stem, words

from .extract import DATE, FIGURE, Sentence, date_key, figure_key, strong_figure
from .types import DIFFER, KeyFact

MAX_FACTS = 8
MAX_SINGLE_SOURCE_FIGURES = 2
MERGE_COUNTS_FROM = 100

_QUALIFIERS = (
    "about", "around", "approximately", "nearly", "almost", "more than", "fewer than",
    "less than", "at least", "over", "up to", "roughly", "an estimated", "some",
)  # fmt: skip
_BASELINES = frozenset("than from compared versus vs vs.".split())
_COMPARATIVES = frozenset("more less fewer greater higher lower".split())
_CURRENCY_WORDS = re.compile(r"^\s+(?:dollars|pounds|euros)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:()\"“”]|,\s+(?:according|officials|the\s+\w+\s+said)|\s[-–—]\s")
_DETERMINER = re.compile(
    r"^(?:the|a|an|its|their|his|her|our|this|that|these|those)\s+|^(?:the\s+)?(?P<owner>[a-z]+)"
    r"['’]s\s+",
    re.IGNORECASE,
)
_OWNERS = frozenset(
    "town city council county state government company firm district region province".split()
)
_PAYERS = (
    r"pay|pays|paid|paying|cover|covers|covered|covering|contribute|contributes|contributed|"
    r"contributing|provide|provides|provided|providing|fund|funds|funded|funding|give|gives|gave|"
    r"giving|grant|grants|granted|donate|donates|donated|invest|invests|invested|investing|"
    r"put\s+up|puts\s+up"
)
_PAYER = re.compile(
    r"^(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,5}?[A-Za-z][\w'’-]*)\s+"
    r"(?:(?:will|would|is|are|was|were|has|have|had|also|to|be|been|agreed|offered|promised|"
    r"pledged|plans|planned|expects|expected|set)\s+){0,3}"
    rf"(?P<verb>{_PAYERS})\s+(?:(?:up to|about|around|nearly|almost|more than|another|an extra|"
    r"the other|the remaining|the rest of|the first|the last)\s+)?$",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"^\s+(?:(?:will|would|is|are|was|were|to|be|been|also)\s+){0,3}"
    r"(?P<verb>(?:come|comes|came|coming|drawn|taken|paid|borrowed|transferred|met)\s+)?"
    r"(?:from|out\s+of)\s+(?P<np>(?:[A-Za-z][\w'’-]*\s*){1,6})",
    re.IGNORECASE,
)
_DRAW = re.compile(
    r"\b(?:draw|draws|drew|drawn|drawing|take|takes|took|taken|use|uses|used|borrow|borrows|borrowed|"
    r"transfer|transfers|transferred)\b(?:\s+[\w'’-]+){0,3}\s+$",
    re.IGNORECASE,
)
_FUND_HEADS = frozenset(
    "fund funds reserve reserves budget budgets grant grants account treasury levy bond bonds "
    "loan loans scheme programme program pot kitty surplus".split()
)
_FUND_STEMS = frozenset(stem(h) for h in _FUND_HEADS)
_COST_NOUNS = frozenset(
    """repair repairs plan project contract scheme upgrade upgrades renovation refurbishment
    redevelopment expansion programme program overhaul restoration rebuild rebuilding
    construction investment package development extension replacement works work makeover
    improvement improvements renewal purchase library school hospital bridge road park stadium
    building centre center facility plant station terminal tunnel pool museum arena
    headquarters clinic campus depot""".split()
)
_SUM_NOUNS = frozenset(
    """fine fines settlement grant loan deal bonus salary payout damages donation ransom bail
    compensation bill budget fee fees award prize profit loss losses revenue deficit debt
    contract bid offer pledge bailout subsidy""".split()
)
_COST_BEFORE = re.compile(
    r"\b(?P<word>cost|costs|costing|price|price tag|budget|budgeted|valued|worth|estimated)\s+"
    r"(?:of\s+|at\s+|is\s+|was\s+|will be\s+|to be\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|"
    r"roughly\s+|up to\s+|more than\s+|an estimated\s+)?$",
    re.IGNORECASE,
)
_VOTE = re.compile(r"\bvot(?:e|ed|es|ing)\b|\bballot\b", re.IGNORECASE)
_SCORE = re.compile(
    r"\b(?:won|win|wins|beat|beats|lost|lose|loses|defeated|drew|draw|score|scored|victory|"
    r"defeat|final)\b",
    re.IGNORECASE,
)
_BODIES = {
    "council": "Council", "councillors": "Council", "councilors": "Council", "board": "Board",
    "committee": "Committee", "senate": "Senate", "assembly": "Assembly", "jury": "Jury",
    "parliament": "Parliament", "commission": "Commission", "cabinet": "Cabinet",
    "shareholders": "Shareholder", "members": "Members'", "trustees": "Trustees'",
    "legislature": "Legislature", "court": "Court", "union": "Union", "directors": "Board",
}  # fmt: skip
_DATE_CUES = {
    "start": (
        "begin begins began beginning start starts started starting commence commences "
        "commenced commencing launch launches launched"
    ),
    "finish": "finish finishes finished complete completes completed completion done",
    "reopen": "reopen reopens reopened reopening",
    "close": "close closes closed closing shut shuts",
}
_CUE_OF = {word: role for role, cue in _DATE_CUES.items() for word in cue.split()}
_EVENTS = frozenset(
    """meeting hearing election referendum deadline trial inquest funeral ceremony consultation
    conference summit auction vote sentencing opening launch""".split()
)
_STARTERS = {
    "work": "Work", "works": "Work", "construction": "Construction", "repairs": "Repairs",
    "repair": "Repairs", "roadworks": "Roadworks", "demolition": "Demolition", "trial": "Trial",
    "strike": "Strike", "hearing": "Hearing",
}  # fmt: skip
_NOT_LABELS = frozenset(
    """a.m p.m am pm times percent per more most other others new additional extra further same
    several many few remaining total first last next previous former latest votes vote people's
    against who which that than""".split()
)
_GENERIC = frozenset(
    """people persons men women children adults individuals others things items times cases
    units members staff residents positions posts places rate level share homes houses
    properties buildings households families vehicles cars distance length""".split()
)
_EVENT_ADJECTIVES = frozenset(
    """public special council board planning community annual general emergency final court
    sentencing budget town city school licensing appeal preliminary bail committee
    extraordinary consultation""".split()
)
_MOVES = frozenset(
    "rose fell grew dropped jumped climbed slipped increased decreased reached hit stood "
    "stands rises falls grows drops jumps climbs by".split()
)
_FOLLOWING = re.compile(
    r"\s+(?P<first>[a-z][a-z'’-]*[a-z])\b(?:\s+(?P<second>[a-z][a-z'’-]*[a-z])\b)?"
)
_NAME = r"[A-Z][A-Za-z'’-]*[A-Za-z]"
_PHRASE = re.compile(
    rf"{_NAME}(?:\s+(?:(?:of|and|for|the)\s+)?{_NAME})*(?:\s+&\s+{_NAME}(?:\s+{_NAME})*)?"
)
_ORG_HEADS = frozenset(
    """Service Services Council Agency Authority Ministry Department Police Company Inc Ltd Corp
    Corporation Group University College Commission Committee Board Bank Association Union
    Institute Party Court Office Trust Foundation Organisation Organization Federation Network
    Airlines Airways Logistics Industries Holdings Systems Technologies Energy Motors Partners
    Media Labs Guard Army Navy Force Forces Brigade Parliament Assembly Senate Congress Club
    Society Fund Bureau Administration Coalition Alliance Reuters Press Civil Construction
    Engineering Engineers Consulting Contractors Builders""".split()
)
_ORG_ROLES = (
    r"firm|company|contractor|developer|operator|consultancy|charity|insurer|supplier|builder|"
    r"manufacturer|retailer|owner|landlord|agency|group|organisation|organization|bank|airline|"
    r"broadcaster|publisher|union|engineers"
)
_ORG_BEFORE = re.compile(rf"\b(?:the|a|an)\s+(?:[a-z]+\s+){{0,2}}(?:{_ORG_ROLES}),?\s+$")
_ORG_AFTER = re.compile(
    rf"^,\s+(?:the|a|an)\s+(?:[a-z-]+\s+){{0,3}}(?:{_ORG_ROLES})"
    r"(?:,|\s+(?:that|which|who|whose|behind|based|responsible|hired|contracted|chosen)\b)"
)
_PLACE_PREPOSITIONS = frozenset("in near outside across around throughout".split())
_CONNECTORS = frozenset("of and for the".split())
_PLACE_OF = re.compile(
    r"\b(?:city|town|towns|village|villages|county|region|province|state|district|island|capital|"
    r"port|suburb|side|outskirts|centre|center|heart|streets|residents|people|parts|edge|mayor)"
    r" of\s+$"
)
_PLACE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:(?:town|city|county|borough|village|district|parish|regional|municipal)\s+)?"
    r"(?:council|councillors|councilors|residents|officials|mayor|police|hall)\b"
)
_SITE_HEADS = frozenset(
    """Road Street Lane Avenue Terrace Parade Square Way Drive Close Crescent Centre Center
    School Academy Hall Library Hospital Station Stadium Park Bridge Church Airport Estate Depot
    Building Tower House Market Mall Museum Prison Barracks Base Camp Crossing River""".split()
)
_NOT_NAMES = frozenset(
    """The A An This That These Those It He She They We I His Her Their Our Its Mr Mrs Ms Dr
    Chief Officer Mayor Minister President Leader Council Police Councillor Councillors Engineers
    Residents Officials""".split()
    + WEEKDAYS
    + MONTH_NAMES
)
_GENERIC_PLACES = frozenset(
    "State Township County City Town Village District Borough Region Province Country".split()
)
_SPEECH_AFTER = re.compile(rf"^\s*(?:,\s*who\b|(?:{SPEECH_VERB})\b)")
_CURRENCIES = frozenset("$£€")
# A range of something counted ("12 to 18 months", "20 to 30 fallen trees") is no tally.
_COUNTED_RANGE = re.compile(r"\s+(?:[a-z]+\s+)?[a-z]+s\b")
_DURATIONS = frozenset("year month week day hour minute second".split())
_HEDGES_SHOWN = frozenset("estimate preliminary provisional expected unconfirmed".split())
_KIND_ORDER = {"money": 0, "tally": 1, "count": 2, "duration": 3, "date": 4}
_ROLE_ORDER = {"cost": 0, "start": 0, "close": 1, "finish": 2, "reopen": 2}
_EXPECTED = re.compile(
    r"\b(?:will|shall|should|expects?|expected|scheduled|set to|due|plans?|aims?|hopes?|"
    r"intends?|would)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Mention:
    kind: str
    key: str
    label: str
    value: str
    norm: str
    source: int
    weight: float
    at: int = 0  # position in the sources: sentence position * 1000 + offset
    quantity: Quantity | None = None  # counts: compared with values_agree

    @property
    def order(self) -> tuple[int, ...]:
        """Where the row goes in the table: by kind, then role (cost before who pays, start
        before end), then where the sources first state it."""
        if self.kind == "money":
            role = 0 if self.key == "cost" else 1 if self.key.startswith("fund:") else 2
        else:
            role = _ROLE_ORDER.get(self.key, 3) if self.kind == "date" else 0
        return (_KIND_ORDER[self.kind], role, self.at, self.source)


def key_facts(
    sentences: Sequence[Sentence],
    weights: dict[int, float],
    *,
    event_year: int | None = None,
) -> list[KeyFact]:
    """The key-facts table (at most ``MAX_FACTS`` rows).

    Rows are chosen most sources first (at most two stated by one source only), then shown as:
    sums, votes, counts, durations, dates, the location, the organisations involved. Sentences
    about earlier years than ``event_year`` (background) give no figures. ``weights`` ranks
    facts that as many sources state: higher first.
    """
    mentions: list[_Mention] = []
    places: dict[str, Counter[int]] = defaultdict(Counter)
    orgs: dict[str, Counter[int]] = defaultdict(Counter)
    for sentence in sentences:
        earlier = bool(event_year and sentence.years and max(sentence.years) < event_year)
        if sentence.numbers and not earlier and not sentence.background_cue and not sentence.quote:
            weight = weights.get(sentence.id, 0.0)
            mentions.extend(_figures(sentence, weight))
            if any(n[0] in "dp" for n in sentence.numbers):
                mentions.extend(_dates(sentence, weight))
        for kind, name in _names(sentence.text):
            (orgs if kind == "org" else places)[name][sentence.source] += 1
    facts = _agreed(mentions, room=MAX_FACTS - 2)
    location = _location(places, orgs, sentences)
    if location:
        facts.append(KeyFact("Location", *location))
    organisations = _top_names(_merge_names(orgs), 3)
    if organisations:
        facts.append(
            KeyFact(
                "Organisations involved",
                ", ".join(name for name, _ in organisations),
                sorted({s for _, cited in organisations for s in cited}),
            )
        )
    return facts


def _agreed(mentions: list[_Mention], room: int) -> list[KeyFact]:
    """Facts grouped by what they are; values merged across labels when they are the same sum,
    tally, date or large count; at most ``room`` rows, shown in reading order of kinds."""
    groups = _merge_values(_groups(mentions))
    ranked = []
    for group in groups:
        by_value = _values(group)
        label = _label(group)
        if label.lower() in _GENERIC:
            continue  # "People: about 20" says nothing
        rows = [_fact(ms, label, differ=len(by_value) > 1) for ms in by_value]
        rows.sort(key=lambda f: (-len(f.citations), f.citations))
        n_sources = len({m.source for m in group})
        weight = max(m.weight for m in group)
        strong = float(group[0].kind in ("money", "tally", "date"))
        first = min(m.order for m in group)
        order = (*first[:2], -n_sources, *first[2:])
        ranked.append(((n_sources, strong, weight), order, rows))
    ranked.sort(key=lambda item: item[0], reverse=True)
    chosen: list[tuple[tuple[int, int], list[KeyFact]]] = []
    used = single = 0
    for (n_sources, strong, _), order, rows in ranked:
        if used + len(rows) > room:
            continue
        if n_sources == 1 and not strong:
            if single >= MAX_SINGLE_SOURCE_FIGURES:
                continue
            single += 1
        chosen.append((order, rows))
        used += len(rows)
    chosen.sort(key=lambda item: item[0])
    return [row for _, rows in chosen for row in rows]


def _groups(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions grouped by what they are (the same kind and key: a count's key is what it
    counts and what happened to it, "resid evacuated"). A group one source gives two values for
    that cannot both be right is left out as ambiguous."""
    by_key: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[(mention.kind, mention.key)].append(mention)
    return [group for group in by_key.values() if not _ambiguous(group)]


def _merge_values(groups: list[list[_Mention]]) -> list[list[_Mention]]:
    """Fold a group into another stating the same value, so each value is shown once.

    Only for values that identify a fact (sums, tallies, dates, counts of 100 or more); the
    group more sources state keeps its label.
    """
    groups = sorted(groups, key=lambda g: (-len({m.source for m in g}), -len(g)))
    merged: list[list[_Mention]] = []
    for group in groups:
        values = {m.norm for m in group}
        target = None
        if all(_identifying(m) for m in group):
            for other in merged:
                if other[0].kind == group[0].kind and values <= {m.norm for m in other}:
                    target = other
                    break
        if target is None:
            merged.append(list(group))
        else:
            target.extend(_relabel(m, target[0]) for m in group)
    return [g for g in merged if not _ambiguous(g)]


def _identifying(mention: _Mention) -> bool:
    if mention.quantity is not None:
        return mention.quantity.low >= MERGE_COUNTS_FROM
    return strong_figure(mention.norm)


def _relabel(mention: _Mention, like: _Mention) -> _Mention:
    return replace(mention, key=like.key)


def _ambiguous(group: list[_Mention]) -> bool:
    return any(len(_values(mentions)) > 1 for mentions in _by_source(group).values())


def _by_source(group: list[_Mention]) -> dict[int, list[_Mention]]:
    found: dict[int, list[_Mention]] = defaultdict(list)
    for mention in group:
        found[mention.source].append(mention)
    return found


def _values(group: list[_Mention]) -> list[list[_Mention]]:
    """The mentions of a group by value: one list per value, counts that agree
    (:func:`articles.text.slots.values_agree`: "about 1,200" and "1,200") sharing one."""
    values: list[list[_Mention]] = []
    for mention in group:
        for value in values:
            first = value[0]
            if mention.norm == first.norm or (
                mention.quantity is not None
                and first.quantity is not None
                and values_agree(mention.quantity, first.quantity)
            ):
                value.append(mention)
                break
        else:
            values.append([mention])
    return values


def _label(group: list[_Mention]) -> str:
    """The label most mentions give (the longer on a tie: it is the more specific)."""
    counts = Counter(m.label for m in group)
    return max(counts, key=lambda lab: (counts[lab], len(lab), lab))


def _fact(mentions: list[_Mention], label: str, *, differ: bool) -> KeyFact:
    values = Counter(m.value for m in mentions)
    value = min(values, key=lambda v: (-values[v], len(v), v))
    return KeyFact(label + (DIFFER if differ else ""), value, sorted({m.source for m in mentions}))


def _qualifier(text: str, position: int) -> int:
    """The length of the qualifier ("about ", "more than ") just before ``position``, or 0."""
    before = text[max(0, position - 16) : position]
    if not before.endswith(" "):
        return 0
    lower = before.lower()
    for qualifier in _QUALIFIERS:
        if lower.endswith(f" {qualifier} ") or lower == f"{qualifier} ":
            return len(qualifier) + 1
    return 0


def _after_baseline(before: str) -> bool:
    """True when a figure is what something is compared with: "up from 4.2 percent", "larger
    than this year's budget of $144.1 million" (within five words, not "more than")."""
    tokens = before.lower().split()[-6:]
    for index in range(len(tokens) - 1, -1, -1):
        word = tokens[index]
        if word in _BASELINES:
            return not (word == "than" and index and tokens[index - 1] in _COMPARATIVES)
        if not word[0].isalpha() or word[-1] in ",;:":
            return False
    return False


def _tail(text: str, position: int, length: int = 50) -> str:
    """The ``length`` characters before ``position``: enough for patterns anchored there."""
    return text[max(0, position - length) : position]


def _clause_before(text: str, position: int) -> str:
    before = text[:position]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def _clause_after(text: str, position: int) -> str:
    after = text[position:]
    stop = re.search(r"[;:.,()\"“”]\s|[;:()\"“”]|\.$|\s[-–—]\s", after)
    return after[: stop.start()] if stop else after


def _noun_phrase(text: str) -> tuple[str, str]:
    """(label, key) for a noun phrase: determiners and an owner dropped ("the town's capital
    reserve" -> "Town capital reserve", key of "capital reserve")."""
    np = " ".join(text.split()).strip(" ,.")
    np = re.split(r"\s+(?:according|which|that|who|after|before|and|but|to|for|on|in)\b", np)[0]
    owner = ""
    match = _DETERMINER.match(np)
    while match:
        if match["owner"] and match["owner"].lower() in _OWNERS:
            owner = match["owner"].lower()
        np = np[match.end() :]
        match = _DETERMINER.match(np)
    tokens = np.split()
    if not 1 <= len(tokens) <= 5 or any(not t[0].isalpha() for t in tokens):
        return "", ""
    if tokens[0].lower() in STOPWORDS or tokens[-1].lower() in STOPWORDS:
        return "", ""
    key = " ".join(stem(t.lower()) for t in tokens)
    label = " ".join([owner, *tokens] if owner else tokens)
    return label[0].upper() + label[1:], key


def _as_written(np: str) -> str:
    """A payer as the text names it, cut at the clause: "the state", "Pelham Foods"."""
    np = " ".join(np.split()).strip(" ,.")
    return re.split(r"\s+(?:according|which|that|who|after|before|and|but|to|for|on|in)\b", np)[0]


def _money(sentence: Sentence, match: re.Match[str]) -> tuple[str, str] | None:
    """(label, key) for a sum, or None when what it is cannot be read off the sentence."""
    text = sentence.text
    before = _clause_before(text, match.start())
    payer = _PAYER.match(before.strip() + " ")
    if payer:
        if payer["verb"].lower().startswith("invest"):
            return "Investment", "sum:invest"
        label, key = _noun_phrase(payer["np"])
        if label:
            if key.split()[-1] not in _FUND_STEMS:
                label = f"Paid by {_as_written(payer['np'])}"
            return label, f"fund:{key}"
    source = _FROM.match(text[match.end() :])
    if source and (source["verb"] or _DRAW.search(before)):
        label, key = _noun_phrase(source["np"])
        if label:
            if key.split()[-1] not in _FUND_STEMS:
                label = f"From {_as_written(source['np'])}"
            return label, f"fund:{key}"
    tail = _tail(before, len(before), 60)
    cost = _COST_BEFORE.search(tail)
    if cost:
        word = cost["word"].lower()
        if word.startswith("budget"):
            return "Budget", "cost"
        at = len(before) - len(tail) + cost.start()
        if word == "estimated" and re.search(r"\ban\s+$", before[:at]):
            return None  # "lost an estimated $290,000": a hedge, with a verb before it
        if word in ("worth", "valued", "estimated"):
            what = _preceding_words(before, at)  # "The damage is estimated at"
            if not what:
                return None
            return " ".join(what).capitalize(), "sum:" + " ".join(stem(w) for w in what)
        return "Cost", "cost"
    after = _FOLLOWING.match(text[match.end() :])
    if after:
        for noun in (after["first"], after["second"]):
            if noun in _COST_NOUNS:
                return "Cost", "cost"
            if noun in _SUM_NOUNS:
                return noun.capitalize(), f"sum:{stem(noun)}"
            if noun is None or noun in STOPWORDS:
                break
    return None


def _tally(sentence: Sentence, match: re.Match[str]) -> tuple[str, str] | None:
    text = sentence.text
    clause = _clause_before(text, match.start()) + text[match.start() : match.end() + 40]
    if _VOTE.search(clause):
        before = text[: match.start()].lower()
        bodies = [(before.rfind(b), label) for b, label in _BODIES.items() if b in before]
        bodies = [item for item in bodies if item[0] >= 0]
        if bodies:
            return f"{max(bodies)[1]} vote", "vote"
        return "Vote", "vote"
    if _SCORE.search(clause):
        return "Score", "score"
    return None


def _figures(sentence: Sentence, weight: float) -> list[_Mention]:
    text = sentence.text
    found: list[_Mention] = []
    date_spans = [m.span() for m in DATE.finditer(text)]
    sentence_slots = slots(text)
    for match in FIGURE.finditer(text):
        if any(a <= match.start() < b for a, b in date_spans):
            continue
        rest = text[match.end() :]
        norm = figure_key(match)
        start = match.start()
        value_start = start - _qualifier(text, start)
        at = sentence.pos * 1000 + start
        if _after_baseline(_tail(text, value_start, 60)):
            continue  # "up from 4.2 percent", "larger than last year's $144.1 million"
        if match["cur"] or (match["scale"] and _CURRENCY_WORDS.match(rest)):
            labelled = _money(sentence, match)
            if labelled:
                value = text[value_start : match.end()].strip()
                slot = next(
                    (s for s in sentence_slots if s.quantity.start <= start < s.quantity.end), None
                )
                label = labelled[0]
                if slot is not None:
                    if label == "Cost" and slot.label.endswith(" cost"):
                        label = slot.label  # "Clean-up cost"
                    if slot.hedge in _HEDGES_SHOWN:
                        value = f"{value} ({slot.hedge})"
                found.append(
                    _Mention(
                        "money",
                        labelled[1],
                        label,
                        value,
                        norm,
                        sentence.source,
                        weight,
                        at=at,
                    )
                )
            continue
        if match["b"] and not _COUNTED_RANGE.match(rest):
            labelled = _tally(sentence, match)
            if labelled:
                found.append(
                    _Mention(
                        "tally",
                        labelled[1],
                        labelled[0],
                        match.group().strip(),
                        norm,
                        sentence.source,
                        weight,
                        at=at,
                    )
                )
                continue
    taken = [(m.at % 1000, m.at % 1000 + len(m.value)) for m in found]
    found.extend(_slot_mentions(sentence_slots, sentence, weight, [*date_spans, *taken]))
    return found


def _slot_mentions(
    sentence_slots: list[Slot], sentence: Sentence, weight: float, taken: list[tuple[int, int]]
) -> list[_Mention]:
    """Counts, measures, percentages and lengths of time labelled by what they count
    (:func:`articles.text.slots.slots`: "1,200 residents" evacuated, "85 firefighters",
    "112 millimetres of rain"), a hedge kept with the value ("preliminary"); not sums (see
    ``_money``), identifiers, baselines or figures the sentence compares with."""
    found: list[_Mention] = []
    text = sentence.text
    for slot in sentence_slots:
        quantity = slot.quantity
        if quantity.unit in _CURRENCIES or slot.partitive:
            continue
        if any(a < quantity.end and quantity.start < b for a, b in taken):
            continue
        if _after_baseline(_tail(text, quantity.start, 60)):
            continue
        kind = "duration" if quantity.unit in _DURATIONS else "count"
        value = quantity.text + (f" ({slot.hedge})" if slot.hedge in _HEDGES_SHOWN else "")
        found.append(
            _Mention(
                kind,
                " ".join(sorted(slot.counted | slot.events | {slot.action or ""}))
                + f" {quantity.unit or ''}",
                slot.label,
                value,
                f"{quantity.low:g}-{quantity.high:g}{quantity.unit or ''}",
                sentence.source,
                weight,
                at=sentence.pos * 1000 + quantity.start,
                quantity=quantity,
            )
        )
    return found


def _preceding_words(text: str, position: int) -> list[str]:
    """Up to two lower-case content words just before ``position`` ("turnout was" -> turnout)."""
    tokens = re.findall(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]", _tail(text, position))[-5:]
    picked: list[str] = []
    for token in reversed(tokens):
        if not token[0].isalpha():
            break
        lower = token.lower()
        if lower in STOPWORDS or lower in _NOT_LABELS or lower in _MOVES:
            if picked:
                break
            continue
        if not token.islower():
            break
        picked.insert(0, token)
        if len(picked) == 2:
            break
    return picked


def _dates(sentence: Sentence, weight: float) -> list[_Mention]:
    """Dates labelled by what happens then; a date with nothing to say what it is left out."""
    found: list[_Mention] = []
    text = sentence.text
    for match in DATE.finditer(text):
        if not match["m3"] and not 1 <= int(match["d1"] or match["d2"]) <= 31:
            continue
        labelled = _date_label(sentence, text[: match.start()])
        if labelled is None:
            continue
        label, key = labelled
        value = match.group()
        at = sentence.pos * 1000 + match.start()
        found.append(
            _Mention("date", key, label, value, date_key(match), sentence.source, weight, at=at)
        )
    return found


def _date_label(sentence: Sentence, before: str) -> tuple[str, str] | None:
    tokens = re.findall(r"[A-Za-z][A-Za-z'’-]*|[.;:!?]", _clause_before(before, len(before)))
    window = tokens[-8:]
    for index in range(len(window) - 1, -1, -1):
        word = window[index].lower()
        if word in ".;:!?":
            break
        if word in _EVENTS:
            adjective = window[index - 1].lower() if index else ""
            if adjective in _EVENT_ADJECTIVES:
                return f"{adjective.capitalize()} {word}", f"event:{word}"
            return word.capitalize(), f"event:{word}"
        role = _CUE_OF.get(word)
        if role is None:
            continue
        future = sentence.future or bool(_EXPECTED.search(" ".join(window[: index + 1])))
        if role == "start":
            subject = next(
                (
                    _STARTERS[t.lower()]
                    for t in reversed(tokens[: -len(window) + index or None])
                    if t.lower() in _STARTERS
                ),
                "",
            )
            return (f"{subject} starts" if subject else "Start date"), "start"
        if role == "finish":
            return ("Expected completion" if future else "Completed"), "finish"
        if role == "reopen":
            return ("Expected reopening" if future else "Reopened"), "reopen"
        return ("Closure date" if future else "Closed"), "close"
    return None


def _names(text: str) -> list[tuple[str, str]]:
    """(kind, name) for organisations and places named in ``text``; names are never split."""
    found: list[tuple[str, str]] = []
    for match in _PHRASE.finditer(text):
        parts = match.group().split()
        while parts and (parts[0] in _NOT_NAMES or parts[0].lower() in STOPWORDS):
            parts = parts[1:]
        while parts and (parts[-1] in _NOT_NAMES or parts[-1].lower() in _CONNECTORS):
            parts = parts[:-1]
        if not parts or any(p.lower() in TITLES for p in parts):
            continue
        name = re.sub(r"['’]s$", "", " ".join(parts))
        head = parts[-1].removesuffix("'s").removesuffix("’s")
        before = _tail(text, match.start())
        after = text[match.end() : match.end() + 60]
        if "&" in parts or (head in _ORG_HEADS and len(parts) > 1):
            found.append(("org", name))
            continue
        if name in _ORG_HEADS or name in _NOT_NAMES or name in _GENERIC_PLACES:
            continue  # "the State had asked", "the Township has said": no place named
        if _ORG_BEFORE.search(before) or _ORG_AFTER.match(after):
            found.append(("org", name))
            continue
        if name != match.group().removesuffix("'s").removesuffix("’s") or head in _SITE_HEADS:
            continue
        if len(parts) > 1 and _SPEECH_AFTER.match(after):
            continue  # a person
        previous = before.split()[-1:]
        introduced = (previous and previous[0].lower() in _PLACE_PREPOSITIONS) or bool(
            _PLACE_OF.search(before)
        )
        if introduced or (len(parts) == 1 and _PLACE_AFTER.match(after)):
            found.append(("place", name))
    return found


def _location(
    places: dict[str, Counter[int]],
    orgs: dict[str, Counter[int]],
    sentences: Sequence[Sentence],
) -> tuple[str, list[int]] | None:
    """The place the story happens: a name used as a place, mentioned by most sources (at least
    half of them), most often and earliest. A name inside a firm's name ("Harlow & Finch") does
    not count."""
    candidates = [
        name
        for name in places
        if not any(name in org.split() or name == org for org in orgs if "&" in org)
    ]
    candidates.sort(key=lambda n: (-len(places[n]), -places[n].total(), n))
    best: tuple[tuple[int, float], str, list[int]] | None = None
    for name in candidates[:15]:
        needed = set(words(name))
        cited: set[int] = set()
        weight = 0.0
        for sentence in sentences:
            if needed <= sentence.vocabulary:
                cited.add(sentence.source)
                weight += 1 / math.sqrt(1 + sentence.pos)
        rank = (len(cited), weight)
        if cited and (best is None or rank > best[0]):
            best = (rank, name, sorted(cited))
    n_sources = len({s.source for s in sentences})
    if best is None or 2 * len(best[2]) < n_sources:
        return None
    return best[1], best[2]


def _merge_names(names: dict[str, Counter[int]]) -> dict[str, Counter[int]]:
    """Fold a shorter form into the longer name containing it ("Harbour Authority")."""
    merged = {name: Counter(sources) for name, sources in names.items()}
    for short in sorted(names, key=len):
        longer = [n for n in merged if n != short and f" {short} " in f" {n} "]
        if longer and short in merged:
            target = max(longer, key=lambda n: merged[n].total())
            merged[target].update(merged.pop(short))
    return merged


def _top_names(names: dict[str, Counter[int]], limit: int) -> list[tuple[str, list[int]]]:
    """The names most sources mention (agreed by two or more where possible), with citations."""
    ranked = sorted(names.items(), key=lambda item: (-len(item[1]), -item[1].total(), item[0]))
    agreed = [item for item in ranked if len(item[1]) >= 2]
    chosen = (agreed or ranked)[:limit]
    return [(name, sorted(sources)) for name, sources in chosen]
