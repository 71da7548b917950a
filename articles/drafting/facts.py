"""Key facts for the extractive drafter: figures, dates, places and organisations.

Facts are read from the sources' sentences; each fact cites every source that states it. A
figure the sources disagree on is shown once per value, each value citing its own sources; a
figure one source gives two different values for is left out as ambiguous. Values are copied
from the source text; only the labels are derived (from the words next to the value).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from articles.nlp import STOPWORDS, stem, words

from .extract import Sentence
from .types import KeyFact

MAX_FACTS = 8
MAX_SINGLE_SOURCE_FIGURES = 2
DIFFER = " (reports differ)"

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b"
)
_FIGURE = re.compile(
    r"(?<![\w.,$£€])(?:(?P<qual>about|around|approximately|nearly|almost|more than|fewer than|"
    r"less than|at least|over|up to|roughly|an estimated|some)\s+)?"
    r"(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:\s?(?P<scale>million|billion|trillion|thousand|bn)\b)?"
    r"(?P<pct>%|\s(?:per\s?cent|percent)\b)?",
    re.IGNORECASE,
)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_MEASURES = frozenset(
    """km kilometres kilometers kilometre kilometer miles mile metres meters metre meter feet
    foot inches inch cm centimetres centimeters mm millimetres millimeters kg kilograms tonnes
    tons pounds degrees mph kph hectares acres litres liters gallons megawatts mw""".split()
)
_SKIP_UNITS = frozenset(
    """a.m p.m am pm seconds second minutes minute hours hour days day weeks week months month
    years year decades decade times percent per""".split()
)
_FOLLOWING = re.compile(
    r"\s+(?P<first>[a-z][a-z'’-]*[a-z])\b(?:\s+(?P<second>[a-z][a-z'’-]*[a-z])\b)?"
)
_AUXILIARIES = frozenset("was were had been have has being are is be".split())
_NAME = r"[A-Z][A-Za-z'’-]*[A-Za-z]"
_PHRASE = re.compile(rf"{_NAME}(?:\s+(?:(?:of|and|for|the|on)\s+)?{_NAME})*")
_ORG_HEADS = frozenset(
    """Service Services Council Agency Authority Ministry Department Police Company Inc Ltd Corp
    Corporation Group University College Commission Committee Board Bank Association Union
    Institute Party Court Office Trust Foundation Organisation Organization Federation Network
    Airlines Airways Logistics Industries Holdings Systems Technologies Energy Motors Partners
    Media Labs Guard Army Navy Force Forces Brigade Parliament Assembly Senate Congress Club
    Society Fund Bureau Administration Coalition Alliance Reuters Press""".split()
)
_PLACE_PREPOSITIONS = frozenset("in at near outside across around from into".split())
_PLACE_OF = re.compile(
    r"\b(?:city|town|village|county|region|province|state|district|island|capital|port) of\s+$"
)
_SITE_HEADS = frozenset(
    """Road Street Lane Avenue Terrace Parade Square Way Drive Close Crescent Centre Center
    School Academy Hall Library Hospital Station Stadium Park Bridge Church Airport Estate Depot
    Building Tower House Market Mall Museum Prison Barracks Base Camp""".split()
)
_NOT_NAMES = frozenset(
    """The A An This That These Those It He She They We I His Her Their Our Its Mr Mrs Ms Dr
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Chief Officer Mayor Minister President
    Leader Council Police""".split()
)
_TITLES = frozenset(
    """Mr Mrs Ms Dr Prof Chief Officer Mayor Minister President Leader Director Secretary
    Governor Senator Captain Inspector Sergeant Judge""".split()
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
    detail: str = ""


def key_facts(sentences: Sequence[Sentence], weights: dict[int, float]) -> list[KeyFact]:
    """The key-facts table (at most ``MAX_FACTS`` rows): the location, then figures and dates
    (most sources first, at most two stated by one source only), then organisations.
    ``weights`` ranks facts that several sources agree on equally: higher first."""
    mentions: list[_Mention] = []
    places: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    orgs: dict[str, Counter[int]] = defaultdict(Counter)
    for sentence in sentences:
        weight = weights.get(sentence.id, 0.0)
        mentions.extend(_figures(sentence, weight))
        mentions.extend(_dates(sentence, weight))
        for kind, name in _names(sentence.text):
            if kind == "org":
                orgs[name][sentence.source] += 1
            else:
                places[(kind, name)][sentence.source] += 1
    facts: list[KeyFact] = []
    location = _location(places, sentences)
    if location:
        facts.append(KeyFact("Location", *location))
    facts.extend(_agreed(mentions))
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


def _agreed(mentions: list[_Mention]) -> list[KeyFact]:
    """Facts grouped by what is counted; a group one source gives two values for is split by
    what happened to the thing counted ("homes flooded" / "homes damaged"), else left out."""
    by_key: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[(mention.kind, mention.key)].append(mention)
    groups: list[list[_Mention]] = []
    for group in by_key.values():
        if not _ambiguous(group):
            groups.append(group)
            continue
        by_detail: dict[str, list[_Mention]] = defaultdict(list)
        for mention in group:
            if mention.detail:
                by_detail[mention.detail].append(mention)
        groups.extend(
            [_with_detail(m) for m in sub] for sub in by_detail.values() if not _ambiguous(sub)
        )
    ranked: list[tuple[tuple[float, ...], list[KeyFact]]] = []
    for group in groups:
        by_value: dict[str, list[_Mention]] = defaultdict(list)
        for mention in group:
            by_value[mention.norm].append(mention)
        rows = [_fact(ms, group, differ=len(by_value) > 1) for ms in by_value.values()]
        rows.sort(key=lambda f: (-len(f.citations), f.citations))
        n_sources = len({m.source for m in group})
        weight = max(m.weight for m in group)
        ranked.append(((n_sources, float(group[0].kind == "figure"), weight), rows))
    ranked.sort(key=lambda item: item[0], reverse=True)
    facts: list[KeyFact] = []
    single = 0
    for (n_sources, _, _), rows in ranked:
        if len(facts) + len(rows) > MAX_FACTS - 2:
            continue
        if n_sources == 1:
            if single >= MAX_SINGLE_SOURCE_FIGURES:
                continue
            single += 1
        facts.extend(rows)
    return facts


def _ambiguous(group: list[_Mention]) -> bool:
    values: dict[int, set[str]] = defaultdict(set)
    for mention in group:
        values[mention.source].add(mention.norm)
    return any(len(v) > 1 for v in values.values())


def _with_detail(mention: _Mention) -> _Mention:
    return _Mention(
        mention.kind,
        f"{mention.key} {mention.detail}",
        f"{mention.label} {mention.detail}",
        mention.value,
        mention.norm,
        mention.source,
        mention.weight,
        mention.detail,
    )


def _fact(mentions: list[_Mention], group: list[_Mention], *, differ: bool) -> KeyFact:
    values = Counter(m.value for m in mentions)
    value = min(values, key=lambda v: (-values[v], len(v)))
    details = Counter(m.detail for m in group if m.detail)
    label = Counter(m.label for m in group).most_common(1)[0][0]
    if details and not label.endswith(tuple(details)):
        label = f"{label} {details.most_common(1)[0][0]}"
    return KeyFact(label + (DIFFER if differ else ""), value, sorted({m.source for m in mentions}))


def _figures(sentence: Sentence, weight: float) -> list[_Mention]:
    text = sentence.text
    found: list[_Mention] = []
    date_spans = [m.span() for m in _DATE.finditer(text)]
    for match in _FIGURE.finditer(text):
        if any(a <= match.start("num") < b for a, b in date_spans):
            continue
        rest = text[match.end() :]
        if re.match(r"\s*[ap]\.?m\b", rest, re.IGNORECASE):
            continue
        number = float(match["num"].replace(",", "") + (match["dec"] or ""))
        if not match["cur"] and not match["pct"] and not match["dec"] and 1900 <= number <= 2100:
            continue
        number *= _SCALES.get((match["scale"] or "").lower(), 1)
        value = match.group().strip()
        label_words: list[str] = []
        after = _FOLLOWING.match(rest)
        if after and not match["pct"]:
            first, second = after["first"], after["second"]
            if first in _MEASURES:
                value = text[match.start() : match.end() + after.end("first")].strip()
                of = re.match(r"\s+of\s+([a-z][a-z'’-]*[a-z])\b", rest[after.end("first") :])
                if of and of.group(1) not in STOPWORDS:
                    label_words = [of.group(1)]
            elif first not in STOPWORDS and first not in _SKIP_UNITS:
                label_words = [first]
                if second and not first.endswith("s") and second not in STOPWORDS:
                    label_words.append(second)
        if not label_words:
            label_words = _preceding_words(text, match.start())
        if not label_words:
            continue
        detail = _participle(rest[after.end() if after else 0 :] if label_words else "")
        norm = f"{number:g}" + ("%" if match["pct"] else "")
        found.append(
            _Mention(
                "figure",
                " ".join(stem(w) for w in label_words),
                " ".join(label_words).capitalize(),
                value,
                norm,
                sentence.source,
                weight,
                detail,
            )
        )
    return found


def _participle(text: str) -> str:
    """The verb saying what happened to a counted thing: "homes (were) flooded" -> flooded."""
    for token in re.findall(r"[A-Za-z'’-]+|[^\sA-Za-z]", text)[:4]:
        lower = token.lower()
        if lower in _AUXILIARIES:
            continue
        if lower.endswith("ed") and lower not in STOPWORDS and len(lower) > 4:
            return lower
        return ""
    return ""


def _dates(sentence: Sentence, weight: float) -> list[_Mention]:
    found: list[_Mention] = []
    for match in _DATE.finditer(sentence.text):
        month = _MONTHS[(match["m1"] or match["m2"])[:3].lower()]
        day = int(match["d1"] or match["d2"])
        if not 1 <= day <= 31:
            continue
        year = match["y1"] or match["y2"] or ""
        label_words = _preceding_words(sentence.text, match.start())
        label = " ".join(label_words).capitalize() if label_words else "Date"
        found.append(
            _Mention(
                "date",
                " ".join(stem(w) for w in label_words) or "date",
                label,
                match.group(),
                f"{year}-{month:02d}-{day:02d}",
                sentence.source,
                weight,
            )
        )
    return found


def _preceding_words(text: str, position: int) -> list[str]:
    """Up to two lower-case content words just before ``position`` ("a budget of" -> budget)."""
    tokens = re.findall(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]", text[:position])[-5:]
    picked: list[str] = []
    for token in reversed(tokens):
        if not token[0].isalpha():
            break
        if token.lower() in STOPWORDS or token.lower() in ("on", "by", "to", "from"):
            if picked:
                break
            continue
        if not token.islower():
            break
        picked.insert(0, token)
        if len(picked) == 2:
            break
    return picked


def _names(text: str) -> list[tuple[str, str]]:
    """(kind, name) for organisations and places named in ``text``."""
    found: list[tuple[str, str]] = []
    for match in _PHRASE.finditer(text):
        parts = match.group().split()
        while parts and (parts[0] in _NOT_NAMES or parts[0].lower() in STOPWORDS):
            parts = parts[1:]
        while parts and parts[-1].lower() in STOPWORDS:
            parts = parts[:-1]
        if not parts or any(p in _TITLES for p in parts):
            continue
        name = re.sub(r"['’]s$", "", " ".join(parts))
        if (parts[-1] in _ORG_HEADS and len(parts) > 1) or name in _ORG_HEADS:
            if len(parts) > 1:
                found.append(("org", name))
            continue
        before = text[: match.start()]
        previous = before.split()[-1:]
        introduced = (previous and previous[0].lower() in _PLACE_PREPOSITIONS) or bool(
            _PLACE_OF.search(before)
        )
        if introduced and name == match.group():
            found.append(("site" if parts[-1] in _SITE_HEADS else "place", name))
    return found


def _location(
    places: dict[tuple[str, str], Counter[int]], sentences: Sequence[Sentence]
) -> tuple[str, list[int]] | None:
    """The place the story happens: named by most sources, most often and earliest.

    Towns and regions are preferred to streets and buildings.
    """
    if not places:
        return None
    towns = [name for kind, name in places if kind == "place"]
    candidates = towns or [name for _, name in places]
    candidates.sort(key=lambda n: -len(places.get(("place", n)) or places[("site", n)]))
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
    return (best[1], best[2]) if best else None


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
