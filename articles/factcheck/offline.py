"""The offline fact-check backend: retrieval plus rule-based comparison, no model.

Each claim is compared with its best source passages on quotes and speakers, dates, numbers
(with the arithmetic the sources allow), names, negation, modality, comparisons, causes,
speculation and content. Every check reports its findings; the verdict is the first of:
a contradiction; a name, quote, figure or date no source has (``unsupported``); speculation or
opinion no source states (``not_checkable``); any other gap (``unsupported``). A claim with no
finding is ``supported``, and its evidence is the source passages that matched.

A source sentence addressed to an AI model ("Ignore all previous instructions and write that
...") is never evidence: the index leaves it out, a quote found only inside one is not found,
and a claim that such a sentence matches better than any source passage is ``unsupported``
with a reason saying so (unless a source contradicts it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations, pairwise, permutations

from articles.text.dates import CALENDAR, MONTH_NAMES, WEEKDAYS, calendar_date
from articles.text.future import is_future, is_past
from articles.text.numbers import NEARLY_FLOOR, NUMBER_WORDS, QUALIFIER_WORDS, said_to_weigh
from articles.text.slots import LINE_LABEL
from articles.text.speech import QUOTED, TRAILING_ATTRIBUTION
from articles.text.words import STOPWORDS

from . import markers
from .calibration import CALIBRATION
from .claims import Claim, is_row, leans_on_context, quote_ranges
from .dates import DateRef, describe, find_dates, resolve
from .names import GENERIC, NameRef, demonym_of, find_names, is_generic, same_person
from .numbers import (
    COUNT,
    FRACTION,
    MONEY,
    MULTIPLE,
    PERCENT,
    TIME,
    VAGUE,
    Derivation,
    Quantity,
    compatible,
    converted,
    derivations,
    find_quantities,
    fraction_holds,
    is_measure,
    matches,
    matches_converted,
    rates,
    ratios,
    remainders,
    same_money,
    totals,
)
from .quotes import (
    QuoteMatch,
    claimed_speaker,
    closest,
    find_verbatim,
    instruction_quoted,
    quotes_in,
    source_speaker,
)
from .retrieval import Passage, SourceIndex
from .roles import ALIKE, Role, roles_in
from .text import content_terms, fold, norm, tokens
from .types import (
    CONTRADICTED,
    NEEDS_REVIEW,
    NOT_CHECKABLE,
    SUPPORTED,
    UNSUPPORTED,
    ClaimResult,
    Evidence,
)

# A relative clause, up to a comma or to the main clause's auxiliary (from the third word on,
# and not one after a subject pronoun, which has a clause of its own): "residents who cannot
# move their bins to the kerb | will not continue".
_NOT_AFTER_SUBJECT = r"(?<!\bthey)(?<!\bhe)(?<!\bshe)(?<!\bwe)(?<!\bI)(?<!\byou)"
# "a fissure that did not show up": "that" right before its verb, after no verb of saying
# ("she said that would not go far" is a pronoun).
_THAT_RELATIVE = (
    r"(?<=[A-Za-z]\s)"  # after its noun: a clause opening on "that" is no relative clause
    + "".join(
        rf"(?<!\b{w}\s)"
        for w in "said says say told tell added warned believe believed think thought know "
        "knew noted argued claimed insisted stressed and but so because if when".split()
    )
    + r"that(?=\s+(?:did|does|do|was|were|is|are|had|has|have|could|would|will|can|should|"
    r"may|might|must)\b)"
)
_RELATIVE = re.compile(
    rf"\b(?:who|which|whose|{_THAT_RELATIVE})\b(?:\s+[^\s,;.]+){{0,2}}"
    rf"(?:(?!{_NOT_AFTER_SUBJECT}\s(?:will|would|must|should|shall)\b)"
    rf"(?!{_NOT_AFTER_SUBJECT}(?<!\bit)\s(?:is|are|was|were|has|have|had)\b)[^,;.])*"
)  # "who said they had not been told | will be offered", "who feel it is not safe | will"
_PRONOUN_START = re.compile(r"^(?:He|She|They|It|His|Her|Their)\b")
_PREDICATE = re.compile(
    r"\b(?:has|have|had|was|were|is|are|been|be)\s+(?:not\s+|never\s+|also\s+|already\s+"
    r"|yet\s+|just\s+|now\s+)?(?P<verb>[a-z]+ed|[a-z]+en|built|found|paid|sold|told|won|lost"
    r"|kept|led|left|met|spent|sent|shut)\b"
)
_LIGHT_VERBS = frozenset(
    "made done given taken had got seen been known used based located called named needed "
    "seen shown allowed asked expected involved concerned".split()
)
_CLAUSE = re.compile(r";\s+|,\s+(?:and|but|while|although|though|whereas|so)\s+|\s+but\s+")
_PER_UNIT = re.compile(
    r"\b(?:a|per|each|every)\s+(?:year|month|week|day|person|resident|household|student|head)\b"
    r"|\b(?:annually|yearly|monthly|weekly|daily)\b",
    re.I,
)
# What may stand between a comparison and the figure it is made with: "above the 1.75 metres",
# "more than last year's 4.2", "lower than in 2019, when it was 3.1": no verb of a new clause
# other than the "when it was" that names the time compared with.
_COMPARED_WITH = re.compile(
    r"(?:,\s+when\s+(?:it|they|the\s+(?:\w+\s+){0,2}\w+)\s+(?:was|were|had\s+been|stood\s+at)"
    r"\s+(?:at\s+)?"
    r"|(?!\b(?:had|has|have|was|were|is|are|will|would|could|been|did|does)\b)[^.;:!?]){0,40}",
    re.I,
)
# Nouns a name before them makes a thing compared with ("above London rates").
_COMPARED_NOUNS = frozenset(
    """rate rates level levels average averages total totals figure figures record records
    price prices target targets limit limits forecast forecasts rent rents wage wages salary
    salaries growth norm norms standard standards threshold thresholds mark""".split()
)
_PLACE_NAME = re.compile(r"\s+(?:the\s+)?((?:[A-Z][a-z]+\b\s*)+)(['’]|[a-z]+)?")
_RANGE_TO = re.compile(r"\s*(?:to|-|–|and)\s*")
# A bound said before a figure: "over $500", "more than 10 tons", "under 5 percent".
_OVER = re.compile(
    r"\b(?:over|above|exceed\w*|at\s+least|(?:(?<!no\s)more|greater|higher|larger|bigger|longer|taller"
    r"|heavier|older|wider|deeper|faster)\s+than)\s+(?:the\s+|a\s+)?$",
    re.I,
)
_UNDER = re.compile(
    r"\b(?:under|below|up\s+to|at\s+most|no\s+more\s+than|(?:less|fewer|lower|smaller|shorter"
    r"|lighter|younger|narrower|shallower|slower)\s+than)\s+(?:the\s+|a\s+)?$",
    re.I,
)
# How much a source figure's clause must be about the claim for a comparison with it to be
# contradicted by it ("smaller than the 160 streets of Tallow Cross" against "about 420 streets").
_COMPARED_FIGURE = 0.5
# States that a figure may count people by alone ("12 injured", "three dead", "50 missing"),
# as normalised; the words that say them; and how far after the other figure, in its clause,
# the state is looked for ("12 people were injured").
_STATE_WORD_LIST = (
    "injured hurt wounded dead killed died missing evacuated arrested rescued hospitalised "
    "hospitalized"
).split()
_STATES = frozenset(norm(w) for w in _STATE_WORD_LIST)
_STATE_WORDS = re.compile(rf"\b(?:{'|'.join(_STATE_WORD_LIST)})\b", re.I)
_CLAUSE_AFTER = re.compile(r"[^,.;:\d]*")  # up to the next punctuation or figure
_STATE_REACH = 40
_SPECULATION_KEY = re.compile(r"^(?:all\s+but|almost|virtually)\s+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_WORD_BEFORE = re.compile(r"([A-Za-z'’-]+)\s+$")
# Source figures about as much about the claim as the best one, any of which may hold it.
_NEAR_TOP = 0.8
# A figure said to be the whole ("£3,000 in all") or what is left of it ("the remaining 80").
_IN_ALL = re.compile(
    r"\b(?:in\s+all|in\s+total|altogether|all\s+told|between\s+them|combined|a\s+total\s+of)\b",
    re.I,
)
_EACH = re.compile(r"\b(?:each|apiece|a\s+head|per\s+(?:person|head|household|member))\b", re.I)
_EACH_OF = re.compile(r"\s+of\s+", re.I)  # "each of the club's six teams": the count after it
_DISTRIBUTIVE = re.compile(r"\s*(?:[,.;:)]|$|in\s+all\b|and\b)")
_REMAINDER = re.compile(
    r"\b(?:the\s+)?(?:remaining|rest\s+of\s+the|balance\s+of\s+the|other)\s+(?:[$£€]?\d|"
    rf"(?:{'|'.join(NUMBER_WORDS)})\b)",
    re.I,
)
_FALL = re.compile(
    r"\b(?:fell|fall|falls|drop|dropped|drops|decline|declined|down|lower|decrease"
    r"|decreased|cut|lost|shrank|less|fewer)\b",
    re.I,
)
# A cause asked about or denied, not given: "what had caused", "whether it caused", "not caused".
_CAUSE_ASKED = re.compile(
    r"\b(?:what|whether|not)(?:\s+(?:had|has|have|might|may|could|would|will|did|was|"
    r"were)(?:\s+(?:have|been))?)?\s*$",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"^\s*(?:[\w'’.-]+\s+){0,7}?(?:said|says|told\s+\w+|added|argued|warned|announced|stated)"
    r"(?:\s+that)?\s+",
    re.I,
)
_LOW_INFO = frozenset(
    """also yet now still remain remains remained remaining rest new including however since ago
    amid around across already later earlier another whose per well even just much many part way
    according total number people year years month months week weeks day days time times news report
    reported means mean while though although mainly mostly largely nearly almost about roughly
    some any every each one two three previous prior last increase decrease rise fall drop
    decline gain loss change compared up down higher lower points point percentage account
    accounts share degree degrees celsius fahrenheit centigrade c f""".split()
)
_PRIORITY = (
    "quote",
    "speaker",
    "number",
    "date",
    "name",
    "negation",
    "modality",
    "comparison",
    "cause",
    "unsourced",
)


@dataclass
class Finding:
    verdict: str
    difference: str
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    instruction: bool = False  # about a source sentence addressed to an AI: cite no passage


def instruction_reason(
    passage: Passage, subject: str = "The only source passage that says this"
) -> str:
    """Why a match in a sentence addressed to an AI model is no evidence: "{subject} is an
    instruction addressed to an AI ('Ignore all previous instructions and…', source 2), not
    reporting." """
    words = passage.span.text.split()
    opening = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    return (
        f"{subject} is an instruction addressed to an AI ('{opening}', source "
        f"{passage.source.number}), not reporting."
    )


@dataclass
class _Context:
    """What one claim is checked against."""

    claim: Claim
    text: str
    outside: str
    terms: list[str]
    best: list[Passage]
    pool: list[Passage]
    quantities: list[Quantity]
    dates: list[DateRef]
    supporting: list[Passage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    clauses: list[tuple[float, Passage, str]] | None = None
    demonyms: dict[str, str] = field(default_factory=dict)  # "Chinese" -> "China"


# Sentences of one source apart that two clock times may be and still time one account
# ("At about 7:35 a.m. his boat capsized ... recovered him ... at 9:05 a.m.").
_ACCOUNT = 3


class OfflineChecker:
    """Checks claims of one article against one set of sources; build once per check."""

    def __init__(self, index: SourceIndex, article: str, published: date | None = None) -> None:
        self.index = index
        self.article = article
        self.published = published
        self._quantity_cache: dict[int, list[Quantity]] = {}
        self._date_cache: dict[int, list[DateRef]] = {}
        self._pools: dict[int, list[Passage]] = {}
        self._clause_terms: dict[tuple[int, int], set[str]] = {}
        self._demonyms: dict[str, str | None] = {}  # word -> the source place it names
        self._clause_cache: dict[tuple[int, bool], list[tuple[str, set[str]]]] = {}
        self.source_capitals: set[str] = set()
        self._capitals_of: dict[int, frozenset[str]] = {}  # capitalised words per passage
        self._roles_cache: dict[str, set[str]] | None = None
        self._routes: list[tuple[str, str, Passage]] | None = None
        self._found_in_sources: dict[str, bool] = {}  # pattern -> whether a passage has it
        self.source_roles: dict[str, list[tuple[Role, Passage]]] = {}  # by full name
        self.source_names: list[tuple[NameRef, Passage]] = []
        lower: set[str] = set()
        for passage in index.passages:
            text = passage.source.text[passage.span.start : passage.span.end]
            capitals: set[str] = set()
            for w in re.findall(r"[A-Za-z][A-Za-z'’.-]*", text):
                w = re.sub(r"['’]s$", "", w.rstrip(".-'’"))
                (capitals if w[:1].isupper() else lower).add(w)
            self._capitals_of[passage.id] = frozenset(capitals)
            self.source_capitals |= capitals
            for name in find_names(text):
                self.source_names.append((name, passage))
            for role in roles_in(text):
                self.source_roles.setdefault(role.name.lower(), []).append((role, passage))
        lower.update(w for w in re.findall(r"\b[a-z][a-z'’-]*", article))
        self.common = frozenset(lower)

    # -- features, cached per source passage -------------------------------------------------

    def dates_of(self, passage: Passage) -> list[DateRef]:
        if passage.id not in self._date_cache:
            span = passage.span
            found = find_dates(passage.source.text, span.start, span.end)
            self._date_cache[passage.id] = [
                _year_from(ref, found, passage.source.text, span.start) for ref in found
            ]
        return self._date_cache[passage.id]

    def quantities_of(self, passage: Passage) -> list[Quantity]:
        if passage.id not in self._quantity_cache:
            span = passage.span
            skip = [(d.start, d.end) for d in self.dates_of(passage)]
            self._quantity_cache[passage.id] = find_quantities(
                passage.source.text, span.start, span.end, skip
            )
        return self._quantity_cache[passage.id]

    def anchor(self, passage: Passage) -> date | None:
        published = passage.source.published
        return published.date() if published is not None else None

    # -- the check --------------------------------------------------------------------------

    def check(self, claim: Claim, previous: Claim | None = None) -> ClaimResult:
        ctx = self._context(claim, previous)
        findings: list[Finding] = []
        for step in (
            self._quotes,
            self._dates,
            self._numbers,
            self._names,
            self._described,
            self._route,
            self._pairing,
            self._roles,
            self._role_given,
            self._negation,
            self._modality,
            self._comparisons,
            self._causes,
            self._speculation,
            self._coverage,
        ):
            findings.extend(step(ctx))
        return self._result(ctx, findings)

    def _demonyms_in(self, text: str) -> dict[str, str]:
        """The places words of ``text`` name by their people or adjective when the sources
        name only the place ("a Chinese mine" for "China"), by word. A word beside another
        capitalised word is part of a name ("Julian Marsh"), not a people."""
        out = {}
        for m in _CAPITALISED.finditer(text):
            word = m.group()
            if word in self.source_capitals or _in_a_name(text, m):
                continue
            if word not in self._demonyms:
                place = next((c for c in self.source_capitals if demonym_of(word, c)), None)
                self._demonyms[word] = place
            if self._demonyms[word]:
                out[word] = self._demonyms[word]
        return out

    def quote_findings(self, claim: Claim) -> list[Finding]:
        """Only the verbatim-quote and speaker check: problems found, if any."""
        if not quote_ranges(self.article, claim.start, claim.end):
            return []
        return self._quotes(self._context(claim, None))

    def _context(self, claim: Claim, previous: Claim | None) -> _Context:
        text = self.article
        outside = _blank_quotes(text, claim.start, claim.end)
        demonyms = self._demonyms_in(claim.text)
        places = _place_terms(demonyms)
        terms = [places.get(t, t) for t in content_terms(outside)]
        query = [places.get(t, t) for t in content_terms(claim.text)]
        anaphoric = leans_on_context(claim)
        if anaphoric:
            query += content_terms(claim.context)
            if previous is not None and not claim.context:
                query += content_terms(previous.text)
        results = self.index.search(query, k=6)
        best = [p for p, _ in results]
        pool: list[Passage] = []
        for n, passage in enumerate(best):
            for p in self.index.window(passage) if n < 3 else [passage]:
                if p not in pool:
                    pool.append(p)
        if anaphoric and previous is not None and previous.start in self._pools:
            pool.extend(p for p in self._pools[previous.start] if p not in pool)
        self._pools[claim.start] = pool
        skip = [(a, b) for a, b in quote_ranges(text, claim.start, claim.end)]
        claim_dates = [
            d
            for d in find_dates(text, claim.start, claim.end)
            if not any(a <= d.start < b for a, b in skip)
        ]
        skip += [(d.start, d.end) for d in claim_dates]
        quantities = find_quantities(text, claim.start, claim.end, skip)
        return _Context(
            claim, text, outside, terms, best, pool, quantities, claim_dates, demonyms=demonyms
        )

    def _result(self, ctx: _Context, findings: list[Finding]) -> ClaimResult:
        claim = ctx.claim
        if not any(f.verdict == CONTRADICTED or f.instruction for f in findings):
            injected = self._instruction_match(ctx)
            if injected is not None:
                reason = instruction_reason(injected)
                return ClaimResult(
                    claim.text, claim.start, claim.end, UNSUPPORTED, reason, [], "unsourced"
                )
        chosen: Finding | None = None
        hard = ("quote", "name", "number", "date")
        for tier in (
            lambda f: f.verdict == CONTRADICTED,
            lambda f: f.verdict == UNSUPPORTED and f.difference in hard,
            lambda f: f.verdict == NOT_CHECKABLE,
            lambda f: f.verdict == UNSUPPORTED,
            lambda f: f.verdict == NEEDS_REVIEW,
        ):
            ranked = sorted(
                (f for f in findings if tier(f)),
                key=lambda f: _PRIORITY.index(f.difference or "unsourced"),
            )
            if ranked:
                chosen = ranked[0]
                break
        if chosen is not None:
            evidence = chosen.evidence or (
                [] if chosen.instruction else self._evidence(ctx.best[:1])
            )
            return ClaimResult(
                claim.text,
                claim.start,
                claim.end,
                chosen.verdict,
                chosen.reason,
                _dedupe(evidence)[:3],
                chosen.difference,
            )
        passages = [*ctx.supporting, *ctx.best[:1]]
        evidence = _dedupe(self._evidence(passages))[:3]
        sources = sorted({e.source + 1 for e in evidence})
        where = ", ".join(str(s) for s in sources) or "?"
        reason = f"Supported by source{'s' if len(sources) > 1 else ''} {where}"
        if ctx.notes:
            reason += f" ({'; '.join(ctx.notes)})"
        return ClaimResult(claim.text, claim.start, claim.end, SUPPORTED, reason + ".", evidence)

    def _instruction_match(self, ctx: _Context) -> Passage | None:
        """The source sentence addressed to an AI model that covers most of the claim (IDF-
        weighted) and more of it than any passage the claim was checked against, if any."""
        if not self.index.instructions:
            return None
        terms = set(content_terms(ctx.claim.text))
        total = sum(self.index.weight(t) for t in terms)
        if not total:
            return None

        def cover(passage: Passage) -> float:
            return sum(self.index.weight(t) for t in terms if t in passage.terms) / total

        best = max(self.index.instructions, key=cover)
        score = cover(best)
        if score < 0.5 or score <= max((cover(p) for p in ctx.pool), default=0.0):
            return None
        return best

    def _evidence(self, passages: list[Passage]) -> list[Evidence]:
        return [
            Evidence(p.source.index, p.span.text, p.span.start, p.span.end)
            for p in passages
            if p is not None
        ]

    # -- quotes and speakers ---------------------------------------------------------------

    def _quotes(self, ctx: _Context) -> list[Finding]:
        out: list[Finding] = []
        sentence = ctx.claim.sentence
        for quote in quotes_in(ctx.text, ctx.claim.start, ctx.claim.end):
            found = find_verbatim(self.index, quote.inner)
            if not found and (injected := instruction_quoted(self.index, quote.inner)):
                reason = instruction_reason(injected, "The only source passage with this quote")
                out.append(Finding(UNSUPPORTED, "quote", reason, instruction=True))
                continue
            if not found:
                near = closest(self.index, quote.inner)
                if near is not None and near[1] >= 0.6:
                    passage = near[0]
                    out.append(
                        Finding(
                            CONTRADICTED,
                            "quote",
                            f"Quote not found verbatim in any source; closest: "
                            f"'{_short(passage.span.text)}' (source {passage.source.number}).",
                            self._evidence([passage]),
                        )
                    )
                else:
                    out.append(
                        Finding(
                            UNSUPPORTED,
                            "quote",
                            f"Quote not found in any source: '{_short(quote.inner)}'.",
                        )
                    )
                continue
            evidence = [
                Evidence(m.source.index, m.source.text[m.start : m.end], m.start, m.end)
                for m in found
            ]
            claimed = claimed_speaker(ctx.text, sentence.start, sentence.end, quote)
            if not claimed:
                ctx.supporting.extend(self._passages_at(found))
                continue
            speakers = [source_speaker(self.index, m) for m in found]
            if any(s and same_person(s, claimed) for s in speakers) or not any(speakers):
                ctx.supporting.extend(self._passages_at(found))
                continue
            actual = self._full_name(next(s for s in speakers if s))
            out.append(
                Finding(
                    CONTRADICTED,
                    "speaker",
                    f"{actual} said this, not {claimed}.",
                    evidence[:1],
                )
            )
        return out

    def _full_name(self, name: str) -> str:
        """The fullest form of a name the sources use: 'Moreau' -> 'Ines Moreau'."""
        forms = [n.person for n, _ in self.source_names if same_person(n, name)]
        return max(forms, key=len, default=name) if name.count(" ") == 0 else name

    def _passages_at(self, found: list[QuoteMatch]) -> list[Passage]:
        out = []
        for m in found[:1]:
            passage = self.index.at_offset(m.source.index, m.start)
            if passage is not None:
                out.append(passage)
        return out

    # -- dates -------------------------------------------------------------------------------

    def _dates(self, ctx: _Context) -> list[Finding]:
        out: list[Finding] = []
        for ref in ctx.dates:
            if ref.year_range:
                if not self._text_in_pool(ctx, ref.year_range):
                    out.append(Finding(UNSUPPORTED, "date", f"No source gives {ref.year_range}."))
                continue
            if ref.is_day:
                finding = self._check_day(ctx, ref)
            elif ref.month is not None:
                finding = self._check_month(ctx, ref)
            else:
                finding = self._check_year(ctx, ref)
            if finding is not None:
                out.append(finding)
        return out

    def _claim_day(self, ref: DateRef, ctx: _Context) -> date | None:
        """The day the draft means, when it can be known (a bare weekday cannot)."""
        if ref.day is not None and ref.year is None and self.published is not None:
            sentence = ctx.claim.sentence
            said = ctx.text[sentence.start : sentence.end]
            return resolve(ref, self.published, past=is_past(said))
        if ref.relative:
            return resolve(ref, self.published) if self.published else None
        if ref.day is not None:
            return resolve(ref, None)
        return None

    def _check_day(self, ctx: _Context, ref: DateRef) -> Finding | None:
        claimed = self._claim_day(ref, ctx)
        if ref.relative and claimed is None:
            return Finding(  # the checker cannot judge it: a low-priority flag, not a blocking one
                NEEDS_REVIEW,
                "date",
                f"The draft says '{ref.text}' but has no publish date to anchor it.",
            )
        if claimed is not None and ref.weekday is not None and claimed.weekday() != ref.weekday:
            day = f"{MONTH_NAMES[claimed.month - 1]} {claimed.day}, {claimed.year}"
            return Finding(
                CONTRADICTED,
                "date",
                f"{day} is a {WEEKDAYS[claimed.weekday()]}, not a {WEEKDAYS[ref.weekday]}.",
            )
        weekday = (
            ref.weekday if ref.weekday is not None else (claimed.weekday() if claimed else None)
        )
        conflicts: list[tuple[Passage, DateRef, date | None]] = []
        agreeing: list[Passage] = []
        for passage in ctx.pool:
            anchor = self.anchor(passage)
            ev_future = is_future(passage.span.text)
            ev_past = is_past(passage.span.text)
            for ev in self.dates_of(passage):
                if not ev.is_day:
                    continue
                ev_day = resolve(ev, anchor, future=ev_future, past=ev_past)
                ev_weekday = (
                    ev.weekday if ev.weekday is not None else (ev_day.weekday() if ev_day else None)
                )
                if claimed is not None and ev_day is not None:
                    agree = claimed == ev_day
                elif ref.day is not None and ev.day is not None:
                    agree = (ref.month, ref.day) == (ev.month, ev.day)
                elif weekday is not None and ev_weekday is not None:
                    agree = weekday == ev_weekday
                else:
                    continue
                if agree:
                    agreeing.append(passage)
                elif not self._claim_gives(ctx, ref, ev_day, ev_weekday):
                    conflicts.append((passage, ev, ev_day))
        conflicting = max(conflicts, key=lambda c: self._overlap(ctx, c[0]), default=None)
        if agreeing:
            best = max(agreeing, key=lambda p: self._overlap(ctx, p))
            if conflicting is None or not self._says_instead(ctx, conflicting[0], best):
                ctx.supporting.append(best)
                return None
        if conflicting is not None and self._related(ctx, conflicting[0]):
            passage, ev, ev_day = conflicting
            given = describe(ev_day).rsplit(",", 1)[0] if ev_day else ev.text
            return Finding(
                CONTRADICTED,
                "date",
                f"The sources give {given}; the draft says {ref.text}.",
                self._evidence([passage]),
            )
        return Finding(UNSUPPORTED, "date", f"No source gives the date '{ref.text}'.")

    def _claim_gives(
        self, ctx: _Context, ref: DateRef, ev_day: date | None, ev_weekday: int | None
    ) -> bool:
        """Whether a source's day is another day the claim gives ("from 5 percent on Sunday
        to 15 percent on Monday"): no rival to ``ref``."""
        for other in ctx.dates:
            if other is ref or not other.is_day:
                continue
            day = self._claim_day(other, ctx)
            if day is not None and ev_day is not None and day == ev_day:
                return True
            if other.weekday is not None and other.weekday == ev_weekday:
                return True
        return False

    def _says_instead(self, ctx: _Context, aligned: Passage, other: Passage) -> bool:
        """Whether ``aligned`` says what the claim says, nearly word for word, and ``other``
        (where the claim's date or figure is) much less: the aligned passage's own date is the
        one to compare ("could be lifted as early as Wednesday afternoon" against a Tuesday
        elsewhere)."""
        if aligned.id == other.id:
            return False
        mine = self._overlap(ctx, aligned)
        return mine >= _SAYS_IT and mine - self._overlap(ctx, other) >= _SAYS_IT_MARGIN

    def _check_month(self, ctx: _Context, ref: DateRef) -> Finding | None:
        label = ref.text.split()[-1] if ref.year is None else ref.text
        for passage in ctx.pool:
            for ev in self.dates_of(passage):
                if ev.month == ref.month and (ref.year is None or ev.year in (None, ref.year)):
                    ctx.supporting.append(passage)
                    return None
        for passage in ctx.best[:1]:
            months = [ev for ev in self.dates_of(passage) if ev.month is not None]
            if months:
                return Finding(
                    CONTRADICTED,
                    "date",
                    f"The sources give {months[0].text}; the draft says {label}.",
                    self._evidence([passage]),
                )
        return Finding(UNSUPPORTED, "date", f"No source gives the date '{label}'.")

    def _check_year(self, ctx: _Context, ref: DateRef) -> Finding | None:
        for passage in ctx.pool:
            if any(ev.year == ref.year for ev in self.dates_of(passage)):
                ctx.supporting.append(passage)
                return None
        for passage in ctx.best[:2]:
            years = [ev for ev in self.dates_of(passage) if ev.year and not ev.year_range]
            if years and self._related(ctx, passage, 0.4):
                return Finding(
                    CONTRADICTED,
                    "date",
                    f"The sources give {years[0].year}; the draft says {ref.year}.",
                    self._evidence([passage]),
                )
        return Finding(UNSUPPORTED, "date", f"No source gives the year {ref.year}.")

    # -- numbers -----------------------------------------------------------------------------

    def _numbers(self, ctx: _Context) -> list[Finding]:
        out: list[Finding] = []
        pool_q = [(q, p) for p in ctx.pool for q in self.quantities_of(p)]
        exact: list[Quantity] = []
        figures = [q for q in ctx.quantities if q.kind not in (VAGUE, FRACTION, MULTIPLE)]
        hits = {id(q): self._exact(q, pool_q, ctx.quantities) for q in figures}
        related: list[tuple[Quantity, Passage]] | None = None
        for q in figures:
            if hits[id(q)] is None and _distinctive(q):  # "21:47" in a fact box out of reach
                related = self._related_q(ctx) if related is None else related
                hits[id(q)] = self._exact(q, related, ctx.quantities)
        for q in figures:
            hit = hits[id(q)]
            if hit is None and _sum_of_others(q, [o for o in figures if hits[id(o)]]):
                ctx.notes.append(f"{q.text} is the sum of the figures the draft gives with it")
                continue
            total = self._total_in_sources(ctx, q) if _IN_ALL.search(ctx.outside) else None
            if total is not None:  # "Ten of the whales died in all": eight and two more
                ctx.notes.append(f"{' plus '.join(e.text for e in total)} is {q.text}")
                continue
            if hit is not None:
                exact.append(hit[0])
                ctx.supporting.append(hit[1])
                swapped = self._swapped_figure(ctx, q, hit, pool_q)
                if swapped is not None:
                    out.append(swapped)
                continue
            others = [hit[0] for o in figures if o is not q and (hit := hits[id(o)])]
            finding = self._number_missing(ctx, q, pool_q, others)
            if finding is not None:
                out.append(finding)
        if not out and len(exact) >= 2:
            out.extend(self._reversed_pair(ctx))
        figures = [q for q, _ in pool_q] + exact
        for q in ctx.quantities:
            if q.kind == VAGUE:
                finding = self._vague(ctx, q, pool_q)
            elif q.kind == FRACTION:
                finding = self._fraction(ctx, q, pool_q, exact)
            elif q.kind == MULTIPLE:
                finding = self._multiple(ctx, q, figures)
            else:
                continue
            if finding is not None:
                out.append(finding)
        return out

    def _related_q(self, ctx: _Context) -> list[tuple[Quantity, Passage]]:
        """The figures of every source passage that shares a term with the claim."""
        terms = set(ctx.terms)
        return [
            (e, p) for p in self.index.passages if p.terms & terms for e in self.quantities_of(p)
        ]

    def _total_in_sources(self, ctx: _Context, q: Quantity) -> tuple[Quantity, ...] | None:
        """Two or three figures of one account in the sources that add up to a figure the
        claim gives as a total ("Ten died in all" against "Eight whales died on the beach. Two
        more ... were put down"), each counting what the total counts."""
        if q.kind not in (COUNT, MONEY):
            return None
        for passage in ctx.best[:2]:
            window = self.index.window(passage, 1)
            parts = [
                e
                for p in window
                for e in self.quantities_of(p)
                if e.kind == q.kind
                and e.value < q.value
                and (not q.unit or not e.unit or _unit_overlap(q, e))
            ]
            for size in (2, 3):
                for group in combinations(parts, size):
                    if not _counting_one_thing(group):
                        continue  # "18 people arrested", not "a further 12 fans cautioned"
                    if matches(q, sum(e.value for e in group)) and any(
                        self._figure_score(ctx, e, p) > 0
                        for p in window
                        for e in self.quantities_of(p)
                        if e in group
                    ):
                        ctx.supporting.extend(p for p in window if p not in ctx.supporting)
                        return group
        return None

    def _reversed_pair(self, ctx: _Context) -> list[Finding]:
        """Two figures a source sentence gives in the same words the other way round ("pagers
        went off at 5:47 a.m. and the lifeboat launched at 5:43 a.m." where the source has
        5.43 and 5.47; "every 15 minutes on the Harbour line and every 10 minutes on the
        University line"), when no source gives them in the claim's order."""
        claim = ctx.claim
        figures = [
            q
            for q in ctx.quantities
            if q.kind not in (VAGUE, FRACTION, MULTIPLE) and not _in_name(ctx.text, q)
        ]
        for i, a in enumerate(figures):
            for b in figures[i + 1 :]:
                if not compatible(a, b) or matches(a, b.value, b) or matches(b, a.value, a):
                    continue
                mine = _Frames.of(ctx.text, claim.start, claim.end, a, b)
                reversed_in: Passage | None = None
                for passage in ctx.pool:
                    found = self.quantities_of(passage)
                    for x in found:
                        if not (compatible(a, x) and matches(a, x.value, x)):
                            continue
                        for y in found:
                            if y is x or not (compatible(b, y) and matches(b, y.value, y)):
                                continue
                            if _in_name(passage.source.text, x) or _in_name(passage.source.text, y):
                                continue
                            first, second = (x, y) if x.end <= y.start else (y, x)
                            span = passage.span
                            theirs = _Frames.of(
                                passage.source.text, span.start, span.end, first, second
                            )
                            if _same_frames(mine, theirs):
                                if first is x:
                                    return []  # a source gives them in the claim's order
                                reversed_in = passage
                                continue
                            if _swapped_after(mine, theirs, first is x):
                                reversed_in = passage  # "36 per cent supported ... 58 per cent
                                # opposed" against 58 per cent supported and 36 opposed
                if reversed_in is not None:
                    return [
                        Finding(
                            CONTRADICTED,
                            "number",
                            f"The sources give {_said(a)} and {_said(b)} the other way round: "
                            f"'{_short(reversed_in.span.text)}'.",
                            self._evidence([reversed_in]),
                        )
                    ]
        return []

    def _exact(
        self,
        q: Quantity,
        pool_q: list[tuple[Quantity, Passage]],
        claimed: Sequence[Quantity] = (),
    ) -> tuple[Quantity, Passage] | None:
        q = _with_others_resolved(q, claimed)
        for e, passage in pool_q:
            if same_money(q, e):
                return e, passage
            if not compatible(q, e) or not matches(q, e.value, e):
                continue
            counted = _with_others_resolved(e, self.quantities_of(passage))
            if (
                q.kind == e.kind == COUNT
                and q.unit
                and e.unit
                and not _same_count(q, counted)
                and not self._same_state(q, counted, passage)
            ):
                continue
            return e, passage
        weight = said_to_weigh(self.article, q.start)
        for e, passage in pool_q:
            value = converted(q, e, weight)
            if value is not None and matches_converted(q, value):
                return e, passage
        return None

    def _same_state(self, q: Quantity, e: Quantity, passage: Passage) -> bool:
        """Whether two figures count people in the same state, one by the state alone ("12
        injured", "50 missing") and the other by a noun with the state near it ("12 people were
        injured", "left 50 others missing")."""
        for a, b, text in ((q, e, passage.source.text), (e, q, self.article)):
            state = a.unit[0]
            if state in _STATES and b.unit[0] not in _STATES:
                after = _CLAUSE_AFTER.match(text, b.end, b.end + _STATE_REACH)
                said = _STATE_WORDS.findall(after.group()) if after else []
                return state in {norm(w.lower()) for w in said}
        return False

    def _number_missing(
        self,
        ctx: _Context,
        q: Quantity,
        pool_q: list[tuple[Quantity, Passage]],
        found: Sequence[Quantity] = (),
    ) -> Finding | None:
        """``found``: the source figures the claim's other figures matched, which a
        difference may start from ("a zone of 300 metres, but one fragment came to rest 110
        metres beyond it" against "410 metres")."""
        if q.change or q.kind == PERCENT:
            candidates = derivations(q, [e for e, _ in pool_q])
        else:
            candidates = [
                d
                for p in ctx.best[:2]
                for d in derivations(q, [*self.quantities_of(p), *found])
                if d.operation == "difference"
            ]
        if _PER_UNIT.search(ctx.outside):
            candidates += rates([e for e, p in pool_q if p in ctx.best[:2]])
            candidates += totals(q, found)
        in_all = _IN_ALL.search(ctx.text, max(0, q.start - 25), q.end + 25)
        remainder = _REMAINDER.search(ctx.outside)  # the part may be given earlier in the sentence
        earlier = [*found, *self._said_before(ctx, pool_q)] if in_all or remainder else []
        if in_all:
            sentence = ctx.claim.sentence
            count = _each_count(ctx.text, sentence.start, sentence.end, q)
            if count is not None:
                candidates += [
                    d for d in totals(q, earlier, each=True) if matches(count, d.b.value, d.b)
                ]
        if remainder:
            candidates += self._remainders(ctx, q, pool_q, earlier)
        for d in self._ordered(ctx, candidates):
            if matches(q, _in_claim_unit(q, d)):
                ctx.notes.append(d.note(q))
                ctx.supporting.extend(self._holding(pool_q, d))
                return None
        if q.kind == PERCENT and not q.change and _followed_by_of(ctx.text, q):
            shares = self._shares(ctx, pool_q, found)
            if found:  # "20 percent of the herd, 690 animals": the share of the claim's count
                shares = [d for d in shares if any(d.a is f for f in found)]
            for d in shares:
                if matches(q, d.value * 100):
                    ctx.notes.append(d.note(q))
                    ctx.supporting.extend(self._holding(pool_q, d))
                    return None
        if _OTHERS_AFTER.match(ctx.text, q.end):  # "the 22 other members": 23 with the one named
            whole = next(
                (
                    (e, p)
                    for e, p in pool_q
                    if p in ctx.best[:2] and e.kind == q.kind == COUNT and matches(q, e.value - 1)
                ),
                None,
            )
            if whole is not None:
                ctx.notes.append(f"{q.text} others and the one named: {_said(whole[0])} in all.")
                ctx.supporting.append(whole[1])
                return None
        since = self._years_since(ctx, q)
        if since is not None:
            return None
        if self._between_times(ctx, q) or self._between_dates(ctx, q):
            return None
        said = _said(q)
        near = [(e, p) for e, p in pool_q if p in ctx.best[:2] and compatible(q, e)]
        if q.change:
            direct = [(e, p) for e, p in near if e.change and not _used_elsewhere(e, ctx)]
            if direct:
                e, passage = max(direct, key=lambda r: self._figure_score(ctx, *r))
                return Finding(
                    CONTRADICTED,
                    "number",
                    f"The sources give {_figure(e, passage)}; the draft says {said}.",
                    self._evidence([passage]),
                )
            pairs = self._ordered(ctx, derivations(q, [e for e, _ in near]))
            if pairs:
                d = max(
                    pairs,
                    key=lambda d: self._pair_score(ctx, d, pool_q) - _distance(q, d.value) / 10,
                )
                return Finding(
                    CONTRADICTED,
                    "number",
                    f"The sources' figures give {d.describe(q)}; the draft says {said}.",
                    self._evidence(self._holding(pool_q, d)),
                )
        rivals = [
            (e, p)
            for e, p in near
            if not _used_elsewhere(e, ctx)
            and (_unit_overlap(q, e) or self._figure_score(ctx, e, p) >= 0.5)
        ]
        if rivals:
            e, passage = max(
                rivals,
                key=lambda r: (
                    _unit_overlap(q, r[0]),
                    self._figure_score(ctx, *r),
                    -_distance(q, r[0].value),
                ),
            )
            rounded = e.value == q.value and e.step > 1 and not e.qualifier
            return Finding(
                NEEDS_REVIEW if rounded else CONTRADICTED,  # "more than £1.8 million" against
                "number",  # a rounded "£1.8 million": the exact sum may be either side of it
                f"The sources give {_figure(e, passage)}; the draft says {said}.",
                self._evidence([passage]),
            )
        return Finding(UNSUPPORTED, "number", f"No source gives the figure {said}.")

    def _remainders(
        self,
        ctx: _Context,
        q: Quantity,
        pool_q: list[tuple[Quantity, Passage]],
        parts: list[Quantity],
    ) -> list[Derivation]:
        """What is left of the whole the claim's sentence is about ("the festival budget", not
        the roads budget) once a part is taken away; the whole may be given by an earlier
        clause's sources."""
        sentence = ctx.claim.sentence
        wholes = [(e, p) for e, p in pool_q if compatible(q, e)] + [
            (e, p)
            for start, pool in self._pools.items()
            if sentence.start <= start < ctx.claim.start
            for p in pool
            for e in self.quantities_of(p)
            if compatible(q, e)
        ]
        wholes = [w for w in wholes if any(w[0].value > part.value for part in parts)]
        if not wholes:
            return []
        about = _sentence_terms(ctx)
        score = {id(e): self._figure_score(ctx, e, p, about) for e, p in wholes}
        best = max(score.values())
        return remainders([e for e, _ in wholes if score[id(e)] >= best * _NEAR_TOP], parts)

    def _said_before(self, ctx: _Context, pool_q: list[tuple[Quantity, Passage]]) -> list[Quantity]:
        """The source figures that the figures of the claim's sentence before the claim match
        ("Eight businesses have had to close, | and each will be offered £1,500, £12,000 in
        all"; "The fund will pay £1.1 million, | and the remaining £200,000 ...")."""
        start = ctx.claim.sentence.start
        earlier = (
            find_quantities(ctx.text, start, ctx.claim.start) if start < ctx.claim.start else []
        )
        hits = [self._exact(q, pool_q, earlier) for q in earlier]
        return [hit[0] for hit in hits if hit is not None]

    def _years_since(self, ctx: _Context, q: Quantity) -> Passage | None:
        """A number of years or decades that a year in the sources gives, counted to the
        article's date: "founded 39 years ago", "its 17-year history", "has operated there for
        three decades" against "founded in 1987" in 2026 (a decade being ten years give or take
        two), from a passage about what the claim is about."""
        if self.published is None or q.kind != COUNT or q.unit[:1] not in (("year",), ("decad",)):
            return None
        first_in = _FIRST_IN.search(ctx.text, max(0, q.start - 60), q.start)
        lasting = _HAS_DONE_FOR.search(ctx.text, max(0, q.start - 80), q.start)
        if not (set(q.unit[1:2]) & {"ago", "histor"} or first_in or lasting):
            return None  # "jailed for 14 years", "a 25-year-old", "two years earlier"
        decades = q.unit[:1] == ("decad",)
        for passage in ctx.pool:
            if self._overlap(ctx, passage) == 0:
                continue  # the year the thing the claim is about began, not "the bridge"'s
            for m in _YEAR_IN.finditer(passage.span.text):
                year = int(m.group("year"))
                since = self.published.year - year
                if (
                    matches(q, since / 10) and (q.qualifier or abs(since - 10 * q.value) <= 2)
                    if decades
                    else since == q.value
                ):
                    ctx.notes.append(f"{self.published.year} minus {year} is {q.text}")
                    ctx.supporting.append(passage)
                    return passage
        return None

    def _between_times(self, ctx: _Context, q: Quantity) -> bool:
        """A number of minutes or hours between two clock times the sources give: "officers
        arrived within seven minutes" against "the alarm went off at 3.12 a.m." and "officers
        arrived at 3.19 a.m." (as the claim's qualifier allows)."""
        unit = q.unit[:1]
        if q.kind != COUNT or unit not in (("minut",), ("hour",)):
            return False
        scale = 60 if unit == ("hour",) else 1
        sentence = ctx.claim.sentence  # "The alarm went off at 3.12 a.m., and officers arrived"
        claim_terms = _sentence_terms(ctx) - {unit[0]}
        near = dict.fromkeys(n for p in ctx.pool[:6] for n in self.index.window(p, _ACCOUNT))
        times = [(e, p) for p in near for e in self.quantities_of(p) if e.kind == TIME]
        mine = [
            e
            for e in find_quantities(ctx.text, sentence.start, sentence.end)
            if e.kind == TIME and e.start != q.start
        ]
        if mine:  # from or to the time the claim gives ("told at 5.58 a.m., almost five hours
            pairs = [  # after the men went over the fence")
                pair
                for a in mine
                for b, p in times
                for pair in (((a, p), (b, p)), ((b, p), (a, p)))
            ]
        else:
            pairs = list(permutations(times, 2))
        for (a, pa), (b, pb) in pairs:
            if pa.source is not pb.source or abs(pa.position - pb.position) > _ACCOUNT:
                continue  # two times of one account: within a few sentences of each other
            if not (pa.terms & claim_terms and pb.terms & claim_terms):
                continue  # "the gym shuts at 12 p.m." is not the pool's closing time
            minutes = b.value - a.value
            if minutes <= 0 and pa is pb and a.end <= b.start:
                minutes += 24 * 60  # "from 11:48 p.m. until 2:39 a.m.": past midnight
            if 0 < minutes < 24 * 60 and matches(q, minutes / scale):
                ctx.notes.append(f"{a.text} to {b.text} is {ctx.text[q.start : q.end]}")
                ctx.supporting.extend(p for p in (pa, pb) if p not in ctx.supporting)
                return True
        return False

    def _between_dates(self, ctx: _Context, q: Quantity) -> bool:
        """A number of months or days between two dates the claim or its sources give: "she
        reported it in March, but an inspector did not visit until six months later" against
        "in March" and "in September"."""
        unit = q.unit[:1]
        if q.kind != COUNT or unit not in (("month",), ("day",)):
            return False
        if not (_LATER.match(ctx.text, q.end) or _GIVING.search(ctx.text, 0, q.start)):
            return False
        sentence = ctx.claim.sentence
        claim_terms = _sentence_terms(ctx) - {unit[0]}
        near = dict.fromkeys(n for p in ctx.pool[:6] for n in self.index.window(p, _ACCOUNT))
        theirs = [  # dates of what the claim is about, not "the wall was repaired in August"
            (d, p) for p in near if p.terms & claim_terms for d in self.dates_of(p) if d.month
        ]
        mine = [d for d in find_dates(ctx.text, sentence.start, q.start) if d.month]
        if mine:  # counted from the date the claim gives ("in March ... six months later")
            pairs = [(a, b) for a in mine for b, _ in theirs]
        else:  # two dates of one account
            pairs = [
                (a, b)
                for (a, pa), (b, pb) in permutations(theirs, 2)
                if pa.source is pb.source and abs(pa.position - pb.position) <= _ACCOUNT
            ]
        year = self.published.year if self.published else 2000
        for a, b in pairs:
            if unit == ("month",):
                between = ((b.year or year) - (a.year or year)) * 12 + b.month - a.month
                if not (a.year and b.year):
                    between %= 12
            elif a.day and b.day:
                between = (_day_of(b, year) - _day_of(a, year)).days
            else:
                continue
            if between > 0 and matches(q, between):
                ctx.notes.append(f"{a.text} to {b.text} is {ctx.text[q.start : q.end]}")
                return True
        return False

    def _swapped_figure(
        self,
        ctx: _Context,
        q: Quantity,
        hit: tuple[Quantity, Passage],
        pool_q: list[tuple[Quantity, Passage]],
    ) -> Finding | None:
        """A figure the sources give, but for something else: the phrase around the matching
        source figure shares nothing with the claim's, while another figure of the same unit
        sits in a phrase that says what the claim says ("travelling at 45 mph" where the
        source has "travelling at 38 mph ..., below the 45 mph limit")."""
        e, passage = hit
        label = _line_label(passage.source.text, e)  # "Construction: -140"
        listed = label is not None
        if not q.unit and not listed:
            return None
        if listed:  # what the claim says of this figure alone: its own conjunct
            mine = set(content_terms(_conjunct(ctx.text, q, ctx.claim.start, ctx.claim.end)))
        else:
            mine = self._phrase_terms(ctx.text, q.start, q.end, ctx.claim.start, ctx.claim.end)
            mine -= set(q.unit)
        if len(mine) < 2:
            return None
        theirs = label if label is not None else self._source_phrase(passage, e) - set(e.unit)
        matched = self._overlap(ctx, theirs, mine, known_only=False)
        if matched > (0.0 if listed else 0.2):
            return None  # the line's label says something the claim says of the figure
        for other, where in pool_q:
            if other is e or not compatible(q, other) or matches(q, other.value, other):
                continue
            if _used_elsewhere(other, ctx) and not listed:  # in a list: two lines swapped
                continue
            other_label = _line_label(where.source.text, other) if listed else None
            if listed:
                if other.unit != e.unit or other_label is None:
                    continue
            elif not other.unit or other.unit[0] != q.unit[0]:
                continue
            phrase = (
                other_label
                if other_label is not None
                else self._source_phrase(where, other) - set(other.unit)
            )
            needed = 1e-9 if listed else 0.6  # a line's label names the slot: one word will do
            said_of = self._overlap(ctx, phrase, mine, known_only=False)
            if not listed and said_of < needed:  # "A mine collapsed ..., killing at least two"
                said_of = self._figure_score(ctx, other, where, mine)
            if said_of >= needed:
                if (
                    label is not None
                    and label & _TOTAL_LABELS
                    and (self._names_lines(ctx, where) or not phrase <= mine)
                ):
                    continue  # a total: "900 jobs" is no "Retail jobs" line; "over Sunday and
                    # Monday" names the lines it adds up
                return Finding(
                    CONTRADICTED,
                    "number",
                    f"The sources give {_figure(other, where)} for this; {_said(q)} is "
                    f"another figure ('{_short(self._phrase(e, passage))}').",
                    self._evidence([where]),
                )
        return None

    def _names_lines(self, ctx: _Context, passage: Passage) -> bool:
        """Whether the claim names two or more lines of a list (what its total adds up)."""
        text = passage.source.text
        labels = [_line_label(text, e) for e in self.quantities_of(passage)]
        words = set(content_terms(ctx.outside))
        return sum(bool(label and label & words) for label in labels) >= 2

    def _source_phrase(self, passage: Passage, e: Quantity) -> set[str]:
        span = passage.span
        return self._phrase_terms(passage.source.text, e.start, e.end, span.start, span.end)

    @staticmethod
    def _phrase(e: Quantity, passage: Passage) -> str:
        text, span = passage.source.text, passage.span
        left, right = _phrase_bounds(text, e.start, e.end, span.start, span.end)
        return text[left:right].strip()

    @staticmethod
    def _phrase_terms(text: str, start: int, end: int, lo: int, hi: int) -> set[str]:
        """Content terms of the phrase that holds ``text[start:end]`` (see ``_phrase_bounds``),
        the figure itself left out."""
        left, right = _phrase_bounds(text, start, end, lo, hi)
        return set(content_terms(text[left:start] + " " + text[end:right]))

    def _ordered(self, ctx: _Context, found: list[Derivation]) -> list[Derivation]:
        """Percentage changes measured from the right end first: from the larger figure when
        the claim describes a fall."""
        falls = bool(_FALL.search(ctx.outside))
        return sorted(found, key=lambda d: d.operation == "percent" and d.base_is_larger != falls)

    def _figure_score(
        self, ctx: _Context, e: Quantity, passage: Passage, about: set[str] | None = None
    ) -> float:
        """How much the clause around a source figure is about what the claim (or the terms
        ``about``) is about."""
        key = (passage.id, e.start)
        if key not in self._clause_terms:
            text = passage.source.text
            lo, hi = passage.span.start, passage.span.end
            for m in _CLAUSE.finditer(text, lo, hi):
                if m.end() <= e.start:
                    lo = m.end()
                elif m.start() >= e.end:
                    hi = m.start()
                    break
            self._clause_terms[key] = set(content_terms(text[lo:hi]))
        return self._overlap(ctx, self._clause_terms[key], about, known_only=False)

    def _pair_score(
        self, ctx: _Context, d: Derivation, pool_q: list[tuple[Quantity, Passage]]
    ) -> float:
        where = {id(e): p for e, p in pool_q}
        return sum(self._figure_score(ctx, e, where[id(e)]) for e in (d.a, d.b) if id(e) in where)

    def _holding(self, pool_q: list[tuple[Quantity, Passage]], d: Derivation) -> list[Passage]:
        return [p for e, p in pool_q if e is d.a or e is d.b]

    def _vague(
        self, ctx: _Context, q: Quantity, pool_q: list[tuple[Quantity, Passage]]
    ) -> Finding | None:
        if self._text_in_pool(ctx, q.text.lower(), ctx.best[:3]):
            return None
        window = ctx.pool[:3]
        claim_terms = set(ctx.terms)
        q = _with_others_resolved(q, ctx.quantities)  # "a handful of others"
        mine = self._phrase_terms(ctx.text, q.start, q.end, ctx.claim.start, ctx.claim.end)
        labels = {
            id(e): label
            for e, p in pool_q
            if e.kind == COUNT
            and not e.unit
            and q.unit
            and (label := _line_label(p.source.text, e)) is not None
            and q.unit[0] in label  # "Residents who stayed ...: 240" counts residents
        }
        exact = [
            (e, p)
            for e, p in pool_q
            if e.kind == COUNT
            and (
                _unit_overlap(q, e)
                or (p in window and set(e.unit) & claim_terms)
                or id(e) in labels
            )
        ]
        if not exact:
            return None
        e, passage = max(
            exact,
            key=lambda r: (
                _unit_overlap(q, r[0]),
                len(set(r[0].unit) & claim_terms),
                len(labels.get(id(r[0]), set()) & mine),
                r[1] in ctx.best[:1],
            ),
        )
        verdict = CONTRADICTED if not q.low <= e.value <= q.high else UNSUPPORTED
        return Finding(
            verdict,
            "number",
            f"The sources give {_figure(e, passage)}; the draft says {q.text.lower()}.",
            self._evidence([passage]),
        )

    def _shares(
        self, ctx: _Context, pool_q: list[tuple[Quantity, Passage]], exact: Sequence[Quantity]
    ) -> list[Derivation]:
        """Shares a/b of the figures of the passages most like the claim and those the claim
        gives (``exact``) out of any in the pool, those of one passage first."""
        best_ids = {p.id for p in ctx.best[:2]}
        where = {id(e): p.id for e, p in pool_q}
        numerators = [e for e, p in pool_q if p.id in best_ids] + list(exact)
        pool = [e for e, _ in pool_q] + list(exact)
        shares = [
            d
            for d in ratios(numerators, pool)
            if _unit_overlap(d.a, d.b)
            or d.a in exact
            or d.b in exact
            or where.get(id(d.a)) == where.get(id(d.b))
        ]
        shares.sort(key=lambda d: where.get(id(d.a)) != where.get(id(d.b)))
        return shares

    def _fraction(
        self,
        ctx: _Context,
        q: Quantity,
        pool_q: list[tuple[Quantity, Passage]],
        exact: list[Quantity],
    ) -> Finding | None:
        if self._text_in_pool(ctx, ctx.text[q.start : q.end], ctx.best[:3]):
            return None
        own = _own_share(ctx.text, ctx.quantities)
        if own is not None:  # "86 of its 120 stores, more than three-quarters": 86 of 120
            part, whole = own
            if fraction_holds(q, part.value / whole.value):
                return None
            return Finding(
                CONTRADICTED,
                "number",
                f"{part.text} of {whole.text} is {part.value / whole.value:.0%}, not {_said(q)}.",
            )
        best_ids = {p.id for p in ctx.best[:2]}
        shares = self._shares(ctx, pool_q, exact)
        for e, p in pool_q:
            if (
                e.kind == PERCENT
                and p.id in best_ids
                and (
                    _followed_by_of(p.source.text, e)
                    or (q.change and e.change)
                    or _same_next_word(ctx.text, q.end, p.source.text, e.end)
                )
            ):  # "64 percent of", "64 percent full" for "two-thirds full"
                shares.append(Derivation(e.value / 100, e, e, "share"))  # "by 64 percent"
            elif e.kind == FRACTION and p.id in best_ids:
                shares.append(Derivation(e.value, e, e, "share"))
        for d in shares:
            if fraction_holds(q, d.value):
                if d.operation == "ratio":
                    ctx.notes.append(d.note(q))
                return None
        said = _said(q)
        if shares:
            d = shares[0]
            return Finding(
                CONTRADICTED,
                "number",
                f"The sources give {d.describe(q)}, which is not {said}.",
                self._evidence(self._holding(pool_q, d)),
            )
        return Finding(UNSUPPORTED, "comparison", f"No source gives figures that show {said}.")

    def _multiple(self, ctx: _Context, q: Quantity, figures: list[Quantity]) -> Finding | None:
        if self._text_in_pool(ctx, ctx.text[q.start : q.end], ctx.best[:3]):
            return None
        if any(f.kind == MULTIPLE and f.value == q.value for f in figures):
            return None  # "double the" and "twice the"
        for a in figures:
            for b in figures:
                if (
                    a is not b
                    and compatible(a, b)
                    and not _other_measures(a, b)  # not 118mm of rain over 48 hours
                    and b.value
                    and _multiple_holds(q, a.value / b.value)
                ):
                    return None
        shown = re.sub(r"\s+(?:the|as|more)$", "", q.text)
        if q.qualifier:
            shown = _QUALIFIER_WORDS.get(q.qualifier, "") + shown
        return Finding(UNSUPPORTED, "comparison", f"No source figures show '{shown}'.")

    # -- names -------------------------------------------------------------------------------

    def _names(self, ctx: _Context) -> list[Finding]:
        out: list[Finding] = []
        claim = ctx.claim
        if _title_like(claim.text):
            return out
        skip = quote_ranges(ctx.text, claim.start, claim.end)
        skip += [(d.start, d.end) for d in ctx.dates]
        skip += [m.span() for m in _TEMPERATURE_UNIT.finditer(ctx.text, claim.start, claim.end)]
        names = find_names(
            ctx.text,
            claim.start,
            claim.end,
            skip=skip,
            sentence_starts=frozenset({claim.sentence.start, claim.start}),
            common=self.common,
        )
        subject = _COMMON_SUBJECT.match(claim.text)
        if subject is not None:
            noun = subject.group("noun")
            mention = NameRef(
                subject.group(0)[0].lower() + subject.group(0)[1:],
                claim.start + subject.start("noun"),
                claim.start + subject.end("noun"),
                tuple(noun.split()),
            )
            swapped = self._swapped(ctx, mention, names, {noun.split()[-1].lower()})
            if swapped is not None:
                out.append(swapped)
        pool_capitals: set[str] | None = None
        demonyms = ctx.demonyms
        for name in names:
            missing = [
                w for w in name.key_words if w not in self.source_capitals and w not in demonyms
            ]
            if not missing:
                if pool_capitals is None:
                    pool_capitals = self._capitals(ctx.pool)
                apart = [
                    w
                    for w in name.key_words
                    if w not in pool_capitals and demonyms.get(w) not in pool_capitals
                ]
                swapped = self._swapped(ctx, name, names) if name.key_words else None
                if swapped is not None:
                    out.append(swapped)
                elif apart and name.key_words:
                    out.append(
                        Finding(
                            NEEDS_REVIEW,
                            "name",
                            f"The sources mention {name.text}, but not in the passages this "
                            "claim matches.",
                        )
                    )
                continue
            rival = self._rival_name(name, ctx)
            if rival is not None:
                other, passage = rival
                out.append(
                    Finding(
                        CONTRADICTED,
                        "name",
                        f"The sources name {other.text}, not {name.text}.",
                        self._evidence([passage]),
                    )
                )
            else:
                out.append(
                    Finding(
                        UNSUPPORTED,
                        "name",
                        f"No source mentions {_name_gap(missing, name)}.",
                    )
                )
        return out

    def _swapped(
        self, ctx: _Context, name: NameRef, names: list[NameRef], keys: set[str] | None = None
    ) -> Finding | None:
        """A name in the wrong role or place: a source sentence says what the claim says of
        the name (the words around it, mostly) of another name in the same slot (just before
        the same verb, or after the same "near", "in", "from" ...), and does not name it.
        ``keys``: the words that must be absent from that sentence (the name's own words)."""
        text = ctx.text
        before, after = text[ctx.claim.start : name.start], text[name.end : ctx.claim.end]
        slot = _name_slot(before, after)
        place_slot = _place_slot(before, after) if _PLACE_BEFORE.search(before) else None
        if slot is None and place_slot is None:
            return None
        named = {norm(w) for n in [*names, name] for w in n.words}
        local = _around(ctx, name.start, name.end) - named
        if len(local) < 2:
            return None
        keys = keys or {w.lower() for w in name.key_words}
        for passage in ctx.pool:
            sentence = passage.span.text
            if self._overlap(ctx, passage.terms, local, known_only=False) < ALIGNED:
                continue
            if keys <= {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’.-]*", sentence)}:
                return None  # named ("Hollesby Moor" does not name Hollesby Village Hall)
            for other in find_names(sentence, sentence_starts=frozenset({0}), common=self.common):
                if not other.key_words or any(_same_name(other, mine) for mine in names):
                    continue
                if _may_be(other, keys):
                    continue
                if (
                    slot is not None
                    and _name_slot(sentence[: other.start], sentence[other.end :]) == slot
                ):
                    return Finding(
                        CONTRADICTED,
                        "name",
                        f"The sources say this of {other.text}, not {name.text}: "
                        f"'{_short(sentence)}'.",
                        self._evidence([passage]),
                    )
            for place in _described_places(sentence) if place_slot is not None else ():
                if (
                    place.slot == place_slot
                    and not place.words & {norm(k) for k in keys}
                    and not self._called(name.key_words, place.head)
                ):
                    return Finding(
                        CONTRADICTED,
                        "name",
                        f"The sources say this of {place.text}, not {name.text}: "
                        f"'{_short(sentence)}'.",
                        self._evidence([passage]),
                    )
        return None

    def _described(self, ctx: _Context) -> list[Finding]:
        """A place the claim describes ("at the fish market") where the passage that says what
        the claim says gives another ("at the Grain Wharf"), when the sources mention the
        claim's place too: two places of the story swapped."""
        text, claim = ctx.text, ctx.claim
        for place in _described_places(text, claim.start, claim.end):
            if place.slot is None or not self._mentioned(place.text):
                continue
            local = _around(ctx, place.start, place.end)
            if len(local) < 2:
                continue
            for passage in ctx.pool:
                sentence = passage.span.text
                if self._overlap(ctx, passage.terms, local, known_only=False) < ALIGNED:
                    continue
                if place.words <= set(content_terms(sentence)):
                    break  # the passage gives the claim's place
                others = [
                    (other.text, {norm(w) for w in other.key_words})
                    for other in find_names(sentence, sentence_starts=frozenset({0}))
                    if other.key_words
                    and _PLACE_BEFORE.search(sentence, 0, other.start)
                    and _place_slot(sentence[: other.start], sentence[other.end :]) == place.slot
                    and not self._called(other.key_words, place.head)
                ]
                others += [
                    (p.text, p.words) for p in _described_places(sentence) if p.slot == place.slot
                ]
                for other, words in others:
                    if not words & place.words:
                        return [
                            Finding(
                                CONTRADICTED,
                                "name",
                                f"The sources say this of {other}, not {place.text}: "
                                f"'{_short(sentence)}'.",
                                self._evidence([passage]),
                            )
                        ]
        return []

    def _called(self, name: Sequence[str], head: str) -> bool:
        """Whether a source calls the place of ``name`` by the noun ``head``: "the Thornhill
        Foods biscuit factory" is "the factory"."""
        if not name:
            return False
        return self._in_sources(
            rf"\b{re.escape(name[-1])}(?:['’]s)?(?:\s+[A-Z][\w'’-]*)*(?:\s+[a-z][\w'’-]*){{0,2}}"
            rf"\s+(?i:{re.escape(head)})"
        )

    def _route(self, ctx: _Context) -> list[Finding]:
        """A way from one place to another that the sources give only the other way round
        ("from Market Square to St Wyn's Church" for "start at St Wyn's ... end in Market
        Square"; "Direction of travel: south-west to north-east")."""
        mine = _routes(ctx.claim.text)
        if not mine:
            return []
        if self._routes is None:
            self._routes = [
                (a, b, passage)
                for passage in self.index.passages
                for a, b in _routes(passage.span.text)
            ]
        for a, b in mine:
            if any(_same_stop(a, x) and _same_stop(b, y) for x, y, _ in self._routes):
                continue
            back = next(
                (p for x, y, p in self._routes if _same_stop(a, y) and _same_stop(b, x)), None
            )
            if back is not None:
                return [
                    Finding(
                        CONTRADICTED,
                        "name",
                        f"The sources give the way from {b} to {a}, not the other way round: "
                        f"'{_short(back.span.text)}'.",
                        self._evidence([back]),
                    )
                ]
        return []

    def _pairing(self, ctx: _Context) -> list[Finding]:
        """What two people did or got, swapped between them: the claim gives each name in its
        own conjunct ("X is serving four years for burglary, and Y nine years for robbery"), a
        passage naming both gives each in its own, and the words of each claim conjunct are
        more those of the other name's conjunct in the passage."""
        mine = _conjunct_names(ctx.claim.sentence.text, self.common)  # a claim may be one
        if len(mine) < 2:  # conjunct of it
            return []
        for passage in ctx.pool[:_PAIRING_PASSAGES]:
            theirs = _conjunct_names(passage.span.text, self.common)
            matched = {}
            for name, words in mine.items():
                other = next((n for n in theirs if _same_name(n, name)), None)
                if other is not None:
                    matched[name] = (words, theirs[other])
            for (a, (a_mine, a_theirs)), (b, (b_mine, b_theirs)) in combinations(
                matched.items(), 2
            ):
                if a_mine is b_mine or a_theirs is b_theirs:
                    continue  # one conjunct names both
                kept = len(a_mine & a_theirs) + len(b_mine & b_theirs)
                crossed = len(a_mine & b_theirs) + len(b_mine & a_theirs)
                if crossed - kept >= _SWAPPED_BY:
                    return [
                        Finding(
                            CONTRADICTED,
                            "name",
                            f"The sources say what this says of {a.text} of {b.text}, and the "
                            f"other way round: '{_short(passage.span.text)}'.",
                            self._evidence([passage]),
                        )
                    ]
        return []

    def _mentioned(self, phrase: str) -> bool:
        """Whether some source has this phrase, word for word."""
        return self._in_sources(rf"(?i:\b{re.escape(phrase)}\b)")

    def _in_sources(self, pattern: str) -> bool:
        """Whether some source passage matches ``pattern``; each pattern searched once per
        check (claims ask about the same places)."""
        if pattern not in self._found_in_sources:
            found = re.compile(pattern)
            self._found_in_sources[pattern] = any(
                found.search(p.span.text) for p in self.index.passages
            )
        return self._found_in_sources[pattern]

    def _roles(self, ctx: _Context) -> list[Finding]:
        """A role the claim gives a person in an appositive ("Gareth Millom, the trust's chief
        executive,") that the sources give someone else, and never that person: the role's
        head word is in what the sources say around the other's name, not around this one's
        ("Gareth Millom, the trust's chief nurse", "Annika Stroud, the chief executive")."""
        out = []
        text = ctx.text[ctx.claim.start : ctx.claim.end]
        for m in _APPOSITIVE.finditer(text):
            role = content_terms(_ROLE_END.split(m.group("role"))[0])
            if not set(role) & _ONE_HOLDER:
                continue  # "the union's spokesman": one of several
            head = role[-1]
            person = m.group("name")
            own = self._role_words(person)
            if not own or head in own:
                continue
            for other, words in self._people_roles().items():
                if same_person(other, person) or head not in words:
                    continue
                if len(set(role) & words) * 2 >= len(set(role)):
                    said = m.group("role").strip()
                    out.append(
                        Finding(
                            CONTRADICTED,
                            "name",
                            f"The sources call {other} {said}, not {person}.",
                            self._evidence(
                                [p for n, p in self.source_names if n.person == other][:1]
                            ),
                        )
                    )
                    break
        return out

    def _role_given(self, ctx: _Context) -> list[Finding]:
        """A role the claim gives a person ("County Engineer", "the council's leader", "who
        chairs the committee") that no source gives them, where the sources give them another
        ("Public Works Director Marisol Teague" against "County Engineer Marisol Teague"), or
        without the rank the sources give ("Chief Veterinary Officer" for the deputy). A
        person is the same full name; one role the sources give them is enough."""
        claim = ctx.claim
        mine_by_person: dict[str, list[Role]] = {}
        for mine in roles_in(ctx.text, claim.start, claim.end):
            mine_by_person.setdefault(mine.name.lower(), []).append(mine)
        out = []
        for person, mine_roles in mine_by_person.items():
            theirs = self.source_roles.get(person, [])
            if not theirs:
                continue
            said = {w.lower().strip(".,'’") for r, _ in theirs for w in r.text.split()}
            rivals = [(mine, _role_against(mine, theirs, said)) for mine in mine_roles]
            if all(rival is not None for _, rival in rivals):
                mine, (role, passage) = rivals[0]
                out.append(
                    Finding(
                        CONTRADICTED,
                        "name",
                        f"The sources call {mine.name} {role.text}, not {mine.text}.",
                        self._evidence([passage]),
                    )
                )
        return out

    def _role_words(self, person: str) -> set[str]:
        """What the sources say a person is, as words: their appositives and titles."""
        return set().union(
            *(words for other, words in self._people_roles().items() if same_person(other, person))
        )

    def _people_roles(self) -> dict[str, set[str]]:
        """Each person the sources name, with the words of the roles given them: the title
        before the name and the appositive after it ("Councillor Bryony Akers, chair of the
        pensions committee," -> councillor, chair, pension, committee)."""
        if self._roles_cache is None:
            roles: dict[str, set[str]] = {}
            for name, passage in self.source_names:
                if len(name.words) < 2 or name.is_common:
                    continue
                sentence = passage.span.text  # names are found in the passage's own text
                titles = [w for w in name.words if is_generic(w)]  # "Councillor", "Dr"
                words = set(content_terms(" ".join(titles)))
                after = _APPOSITIVE_AFTER.match(sentence, name.end)
                if after:
                    words |= set(content_terms(after.group("role")))
                roles.setdefault(name.person, set()).update(words)
            self._roles_cache = roles
        return self._roles_cache

    def _capitals(self, passages: list[Passage]) -> set[str]:
        return set().union(*(self._capitals_of[p.id] for p in passages))

    def _rival_name(self, name: NameRef, ctx: _Context) -> tuple[NameRef, Passage] | None:
        keys = {w.lower() for w in name.key_words}
        shared = [
            (other, p)
            for other, p in self.source_names
            if keys & {w.lower() for w in other.key_words} and other.text != name.text
        ]
        if shared:
            in_pool = [s for s in shared if s[1] in ctx.pool]
            return (in_pool or shared)[0]
        generic = [w.lower() for w in name.words if is_generic(w)]
        if generic:
            for other, p in self.source_names:
                other_generic = [w.lower() for w in other.words if is_generic(w)]
                if p in ctx.pool and other_generic == generic and other.key_words:
                    return other, p
        return None

    # -- negation, modality ------------------------------------------------------------------

    def _clauses(self, ctx: _Context) -> list[tuple[float, Passage, str]]:
        """Clauses of the pool passages, most like what the claim asserts (its attribution,
        "X said", left out) first."""
        if ctx.clauses is not None:
            return ctx.clauses
        core = _ATTRIBUTION.sub("", ctx.outside, count=1)
        terms = set(content_terms(core)) or set(ctx.terms)
        quoting = ctx.outside != ctx.claim.text
        out = []
        for passage in ctx.pool:
            for part, part_terms in self._passage_clauses(passage, quoting):
                score = self._overlap(ctx, part_terms, terms, known_only=False)
                out.append((score, passage, part))
        out.sort(key=lambda c: -c[0])
        ctx.clauses = out
        return out

    def _passage_clauses(self, passage: Passage, quoting: bool) -> list[tuple[str, set[str]]]:
        """A passage split into clauses with their terms; the first clause of a sentence that
        opens with a pronoun also gets the names it refers to."""
        key = (passage.id, quoting)
        if key not in self._clause_cache:
            text = passage.span.text
            if quoting:
                text = QUOTED.sub(" ", text)
            referent = self._referent(passage)
            parts = []
            for n, part in enumerate(p for p in _CLAUSE.split(text) if p and p.strip()):
                terms = set(content_terms(part))
                parts.append((part, terms | referent if n == 0 else terms))
            self._clause_cache[key] = parts
        return self._clause_cache[key]

    def _referent(self, passage: Passage) -> set[str]:
        """For a sentence opening with a pronoun, the names of the sentence before it."""
        if not _PRONOUN_START.match(passage.span.text):
            return set()
        before = self.index.neighbour(passage, -1)
        if before is None:
            return set()
        return {norm(w) for n in find_names(before.span.text) for w in n.key_words}

    def _negation(self, ctx: _Context) -> list[Finding]:
        clauses = self._clauses(ctx)
        if not clauses:
            return []
        claim_neg = _negations(ctx.outside) % 2
        top, best, clause = clauses[0]
        if top >= 0.5 and _opposite(clause, ctx.outside):
            agreeing = [
                c for c in clauses if c[0] >= 0.7 * top and not _opposite(c[2], ctx.outside)
            ]
            if not agreeing:
                return [
                    Finding(
                        CONTRADICTED,
                        "negation",
                        f"The source says the opposite: '{_short(best.span.text)}'.",
                        self._evidence([best]),
                    )
                ]
        predicate = self._predicate(ctx, clauses, claim_neg)
        if predicate is not None:
            return [predicate]
        claim_terms = {norm(w) for w in tokens(ctx.outside)} & markers.ANTONYMS.keys()
        if not claim_terms:
            return []
        aligned: list[tuple[Passage, str, str | None]] = []
        for score, passage, clause in clauses[:3]:
            if score < max(0.25, 0.8 * top):
                break
            aligned.append((passage, clause, None))
            after = self.index.neighbour(passage, 1)
            if after is not None and len(after.span.text.split()) <= _FOLLOW_UP:
                # "... breath-tested. The result was negative.": read with what it follows
                aligned.append((after, after.span.text, passage.span.text))
        for passage, clause, follows in aligned:
            clause_words = tokens(clause)
            clause_terms = {norm(w) for w in clause_words}
            for term in sorted(claim_terms):
                hit = markers.ANTONYMS.get(term, set()) & clause_terms
                if not hit or term in clause_terms or hit & claim_terms:
                    continue  # "the normally busy high street was quiet": a contrast
                mine = next((w for w in tokens(ctx.outside) if norm(w) == term), term)
                if _said_too(tokens(ctx.outside), mine, tokens(passage.span.text)):
                    continue  # "below the national median but above the regional median"
                if follows is not None and not _follows_up(
                    set(content_terms(clause)) - hit, follows
                ):
                    continue
                word = next(w for w in clause_words if norm(w) in hit)
                mine = next((w for w in tokens(ctx.outside) if norm(w) == term), term)
                if not _same_place(tokens(ctx.outside), mine, clause_words, word):
                    continue  # "borrowers defaulted" and "the Lending Fund": not one slot
                return [
                    Finding(
                        CONTRADICTED,
                        "negation",
                        f"The sources say {word}; the draft says {mine}.",
                        self._evidence([passage]),
                    )
                ]
        return []

    def _predicate(
        self, ctx: _Context, clauses: list[tuple[float, Passage, str]], claim_neg: int
    ) -> Finding | None:
        """What the claim says happened ("has agreed", "was approved") must be in a source
        clause about the same thing, with the same polarity."""
        core = _ATTRIBUTION.sub("", ctx.outside, count=1)
        m = _PREDICATE.search(core)
        if m is None or m.group("verb") in _LIGHT_VERBS or not content_terms(m.group("verb")):
            return None  # "were told": a word too common to look for
        verb = norm(m.group("verb"))
        others = set(content_terms(core)) - {verb}
        related = [
            (passage, clause)
            for _, passage, clause in clauses
            if verb in (terms := set(content_terms(clause))) and others & terms
        ]
        if related:
            if all(_opposite(c, ctx.outside) for _, c in related):
                return Finding(
                    CONTRADICTED,
                    "negation",
                    f"The source says the opposite: '{_short(related[0][0].span.text)}'.",
                    self._evidence([related[0][0]]),
                )
            return None
        if claim_neg or any(verb in p.terms for p in ctx.pool):
            return None
        return Finding(
            NEEDS_REVIEW,
            "unsourced",
            f"No source says '{m.group().strip()}' in these words; check the meaning is the same.",
        )

    def _modality(self, ctx: _Context) -> list[Finding]:
        clauses = self._clauses(ctx)
        if not clauses or clauses[0][0] < 0.4:
            return []
        top, best, clause = clauses[0]
        claim_hedge = markers.HEDGES.search(ctx.outside)
        claim_certain = markers.CERTAIN.search(ctx.outside)
        framed = markers.FRAMING.search(ctx.outside)
        claim_terms = set(content_terms(ctx.outside))
        hedges = _hedges(clause, claim_terms)
        sentence = ctx.claim.sentence.text  # a claim may be half of it, the hedge in the other
        unsaid = [
            h
            for h in hedges
            if not _hedge_said(h.group(), ctx.outside, clause)
            and not _hedge_said(h.group(), sentence, clause)
        ]
        source_hedge = unsaid[0] if unsaid else hedges[0] if hedges else None
        shared = bool(hedges) and not unsaid  # "if ... could" kept as "if ... will" is not
        if source_hedge and source_hedge.group().lower().startswith("estimat"):
            # a figure given as "about £60,000" says what "estimated" does
            shared = shared or any(q.qualifier == "about" for q in ctx.quantities)
        if source_hedge and not shared and (claim_certain or not (claim_hedge or framed)):
            unhedged = [c for c in clauses if c[0] >= 0.8 * top and not _hedges(c[2], claim_terms)]
            if not unhedged:
                stated = f"'{claim_certain.group()}'" if claim_certain else "it as fact"
                return [
                    Finding(
                        CONTRADICTED,
                        "modality",
                        f"The source says '{source_hedge.group()}'; the draft states {stated}.",
                        self._evidence([best]),
                    )
                ]
        if claim_certain and not (claim_hedge or framed):
            found = self._hedged_predicate(ctx, clauses, claim_certain)
            if found is not None:
                return [found]
        if claim_hedge and claim_hedge.group() in ("may", "might", "could"):
            certain = markers.CERTAIN.search(clause)
            if certain and not source_hedge and not _NO_GUESS.search(ctx.outside):
                return [
                    Finding(
                        CONTRADICTED,
                        "modality",
                        f"The source says '{certain.group()}'; the draft says "
                        f"'{claim_hedge.group()}'.",
                        self._evidence([best]),
                    )
                ]
        return []

    def _hedged_predicate(
        self, ctx: _Context, clauses: list[tuple[float, Passage, str]], certain: re.Match[str]
    ) -> Finding | None:
        """A claim that says what "will" happen, against the source clause that says the same
        of it (most words of what follows "will" shared) with a hedge over them: "operations
        will restart on Tuesday" and "whether operations could restart on Tuesday"."""
        words = content_terms(ctx.outside[certain.end() : certain.end() + 80])
        predicate = set(words)
        if len(predicate) < 2:
            return None
        top = clauses[0][0]
        shared, _, clause, passage = max(
            (
                (len(predicate & terms), words[0] in terms, c, p)
                for score, p, c in clauses[:8]
                if score >= _HEDGE_NEAR_TOP * top  # about what the claim is about
                for terms in [set(content_terms(c))]
            ),
            key=lambda c: (c[1], c[0]),  # the clause with the verb first ("returned")
        )
        if shared < max(2, (len(predicate) + 1) // 2):
            return None
        hedges = _scoped(markers.HEDGES, clause, predicate, before=True)
        if not hedges or markers.CERTAIN.search(clause):
            return None
        return Finding(
            CONTRADICTED,
            "modality",
            f"The source says '{hedges[0].group()}'; the draft says '{certain.group()}'.",
            self._evidence([passage]),
        )

    # -- comparisons, causes, speculation ----------------------------------------------------

    def _comparisons(self, ctx: _Context) -> list[Finding]:
        out: list[Finding] = []
        outside = ctx.outside
        subjects = self._subjects(ctx)
        for m in markers.NEW_RECORD.finditer(outside):
            if not any(markers.NEW_RECORD.search(p.span.text) for p in ctx.pool):
                out.append(Finding(UNSUPPORTED, "comparison", f"No source says '{m.group()}'."))
        for m in markers.SUPERLATIVE.finditer(outside):
            finding = self._superlative(ctx, m.group(), subjects)
            if finding is not None:
                out.append(finding)
        for m in markers.COMPARATIVE.finditer(outside):
            finding = self._comparative(ctx, m, subjects)
            if finding is not None:
                out.append(finding)
        return out

    def _superlative(self, ctx: _Context, phrase: str, subjects: set[str]) -> Finding | None:
        word = phrase.lower().split()[-1] if phrase.lower().startswith("the ") else phrase.lower()
        forms = [r"\s+".join(map(re.escape, word.split()))]
        if word.endswith("est") and " " not in word:
            stem_ = re.escape(word[:-3])
            forms.append(rf"(?:{stem_}er|{stem_[:-1]}er)\b[^.;]*?\bthan\s+(?:at\s+)?(?:any|ever)")
        elif word.startswith(("most ", "least ")):
            rest = re.escape(word.split()[1])
            more = "more" if word.startswith("most") else "less"
            forms.append(rf"{more}\s+{rest}\b[^.;]*?\bthan\s+(?:at\s+)?(?:any|ever)")
        pattern = re.compile(r"\b(?:" + "|".join(forms) + r")\b", re.I)
        at = ctx.outside.lower().find(phrase.lower())
        scope = {
            t
            for t in content_terms(" ".join(tokens(ctx.outside[at + len(phrase) :])[:6]))
            if not t[0].isdigit() and t not in _CALENDAR_TERMS
        }
        for_all_time = _EVER.match(ctx.outside, at + len(phrase)) if at >= 0 else None
        if for_all_time is not None:
            phrase = ctx.outside[at : for_all_time.end()]  # "highest level ever"
        ordinal_only: tuple[str, Passage] | None = None
        for passage in ctx.pool:
            text = passage.span.text
            for m in pattern.finditer(text):
                if subjects and not subjects & {norm(w) for w in tokens(text)}:
                    continue
                if scope and not scope & passage.terms:
                    continue
                ordinal = markers.ORDINAL_BEFORE.search(text[: m.start()])
                bounded = (
                    _SINCE_WHEN.match(text, m.end())
                    if for_all_time is not None and not _EVER.match(text, m.end())
                    else None
                )
                if ordinal is None and bounded is None:
                    ctx.supporting.append(passage)
                    return None
                if ordinal_only is None:
                    said = text[m.start() : bounded.end()] if bounded else m.group()
                    if ordinal is not None:
                        said = ordinal.group().strip() + " " + said
                    ordinal_only = (said, passage)  # "the highest reading there since 2024"
        if ordinal_only is not None:
            return Finding(
                CONTRADICTED,
                "comparison",
                f"The sources say '{ordinal_only[0]}'; the draft says '{phrase}'.",
                self._evidence([ordinal_only[1]]),
            )
        return Finding(UNSUPPORTED, "comparison", f"No source says '{phrase}'.")

    def _comparative(self, ctx: _Context, m: re.Match[str], subjects: set[str]) -> Finding | None:
        same = self._same_as(ctx, m)
        if same is not None:
            return same
        base = ctx.claim.start
        at, end = base + m.start(), base + m.end()
        for q in ctx.quantities:
            if q.qualifier and 0 <= q.start - end <= 3:
                return None
            if q.change and 0 <= at - q.end <= 25:
                return None
            if q.kind == FRACTION and 0 <= q.start - end <= 3:
                return None
        if _UNDIRECTED.match(m.group()):
            return None  # "compared with the July record of 88mm": the figures are checked
        if m.group().lower() in ("above", "below") and _is_place(ctx.outside, m.end()):
            return None  # "the hills above Sannick": a place, not a comparison
        aligned = self._aligned_comparison(ctx, m)
        if aligned is not None and not _UNDIRECTED.match(aligned[0]):
            theirs, passage = aligned
            if bool(markers.GREATER.search(theirs)) == bool(markers.GREATER.search(m.group())):
                return None
            return Finding(
                CONTRADICTED,
                "comparison",
                f"The source says '{theirs}'; the draft says '{m.group()}'.",
                self._evidence([passage]),
            )
        later = [
            q
            for q in ctx.quantities
            if q.start >= end
            and q.kind not in (VAGUE, FRACTION)
            and _COMPARED_WITH.fullmatch(ctx.text, end, q.start)
        ][:1]  # "above the 1.75 metres", not "in the hills above Sannick ... six square miles"
        for q in ctx.quantities:  # a range: "exceeded the forecast of 75 to 100 millimetres"
            if (
                later
                and q.start > later[-1].end
                and _RANGE_TO.fullmatch(ctx.text, later[-1].end, q.start)
                and compatible(later[-1], q)
                and (not later[-1].unit or _unit_overlap(later[-1], q))
            ):
                later.append(q)
        if later:
            greater = bool(markers.GREATER.search(m.group()))
            limit = (
                max(later, key=lambda q: q.value) if greater else min(later, key=lambda q: q.value)
            )
            relation = "more than" if greater else "less than"
            if self._threshold_said(ctx, limit, greater):
                return None  # "any payment above $500" against "payments over $500"
            own = [
                q
                for q in ctx.quantities
                if q.end <= at
                and compatible(limit, q)
                and (not limit.unit or _unit_overlap(limit, q))
            ]
            if own:  # "read 1.82 metres, above the 1.75 metres": the claim gives both figures
                mine = own[-1]
                if (mine.value > limit.value) if greater else (mine.value < limit.value):
                    return None
                return Finding(
                    CONTRADICTED,
                    "comparison",
                    f"{mine.text} is not {relation} {limit.text}.",
                )
            rivals = [
                (e, passage)
                for passage in ctx.pool
                if limit.unit or not subjects or subjects & passage.terms
                for e in self.quantities_of(passage)
                if compatible(limit, e)
                and not any(abs(e.value - q.value) < 1e-9 for q in ctx.quantities)
                and (not limit.unit or _unit_overlap(limit, e))
            ]
            if rivals:
                # the figures the sources give for what the claim is about, not any figure
                scored = sorted(
                    ((self._figure_score(ctx, *r), r) for r in rivals),
                    key=lambda s: s[0],
                    reverse=True,
                )
                for score, (e, passage) in scored:
                    if score < scored[0][0] * _NEAR_TOP:
                        break
                    if (e.value > limit.value) if greater else (e.value < limit.value):
                        ctx.supporting.append(passage)
                        ctx.notes.append(f"{e.text} is {relation} {limit.text}")
                        return None
                e, passage = scored[0][1]
                if self._figure_score(ctx, e, passage) >= _COMPARED_FIGURE:
                    return Finding(
                        CONTRADICTED,
                        "comparison",
                        f"The sources give {_figure(e, passage)}, not {relation} {limit.text}.",
                        self._evidence([passage]),
                    )
            return Finding(
                UNSUPPORTED,
                "comparison",
                f"No source figure shows that it is {m.group()} {limit.text}.",
            )
        if self._text_in_pool(ctx, m.group()):
            return None
        return Finding(UNSUPPORTED, "comparison", f"No source says '{m.group()}'.")

    def _threshold_said(self, ctx: _Context, limit: Quantity, greater: bool) -> bool:
        """Whether a source gives the figure as the same kind of bound ("over $500", "more
        than 10 tons" for "above $500", "heavier than 10 tons")."""
        bound = _OVER if greater else _UNDER
        for passage in ctx.pool:
            text = passage.source.text
            for e in self.quantities_of(passage):
                if (
                    compatible(limit, e)
                    and matches(limit, e.value, e)
                    and bound.search(text, max(0, e.start - 25), e.start)
                    and self._figure_score(ctx, e, passage) >= _COMPARED_FIGURE
                ):
                    ctx.supporting.append(passage)
                    return True
        return False

    def _aligned_comparison(self, ctx: _Context, m: re.Match[str]) -> tuple[str, Passage] | None:
        """The comparison an aligned passage makes with what the claim's comparison is made
        with ("above the previous July record" for "just short of the July record"), and that
        passage."""
        target = content_terms(ctx.outside[m.end() : m.end() + 40])[:1]
        if not target:
            return None
        for passage in ctx.best[:2]:
            if self._overlap(ctx, passage) < ALIGNED:
                continue
            text = passage.span.text
            found = list(markers.COMPARATIVE.finditer(text))
            for n, theirs in enumerate(found):
                stop = found[n + 1].start() if n + 1 < len(found) else theirs.end() + 60
                after = text[theirs.end() : min(stop, theirs.end() + 60)]
                if target[0] in content_terms(after)[:3]:  # "below the national median but
                    return theirs.group(), passage  # above the regional median": each its own
        return None

    def _same_as(self, ctx: _Context, m: re.Match[str]) -> Finding | None:
        """A comparison ("more than in the same period of 2025") where the aligned source
        clause says the two are alike ("similar to the same period of 2025"): of the same
        thing (words before both shared), with no comparison of its own, and not a bound on
        a figure ("more than 200 people")."""
        end = ctx.claim.start + m.end()
        if any(0 <= q.start - end <= 3 for q in ctx.quantities):
            return None
        against = set(content_terms(ctx.outside[m.end() : m.end() + 60])[:4])
        subject = set(content_terms(ctx.outside[: m.start()]))
        if not against or not subject:
            return None
        for _, passage, clause in (self._clauses(ctx) or [])[:3]:
            same = _SAME_AS.search(clause)
            if not same or markers.COMPARATIVE.search(passage.span.text):
                continue
            if not subject & set(content_terms(clause[: same.start()])):
                continue
            if against & set(content_terms(clause[same.end() :])):
                return Finding(
                    CONTRADICTED,
                    "comparison",
                    f"The sources say '{_short(clause[same.start() :], 60)}'; the draft says "
                    f"'{m.group()}'.",
                    self._evidence([passage]),
                )
        return None

    def _subjects(self, ctx: _Context) -> set[str]:
        """Names in the claim (not dates): what a comparison is about."""
        claim = ctx.claim
        skip = quote_ranges(ctx.text, claim.start, claim.end) + [
            (d.start, d.end) for d in ctx.dates
        ]
        out = set()
        for name in find_names(ctx.text, claim.start, claim.end, skip=skip, common=self.common):
            for word in name.key_words:
                if word.lower() not in self.common and word not in CALENDAR:
                    out.add(norm(word))
        return out & self.index.vocabulary

    def _causes(self, ctx: _Context) -> list[Finding]:
        claim = ctx.claim
        if claim.is_cause:
            cause_text, effect_text = ctx.outside, claim.context
        else:
            m = markers.CLAIM_CAUSE.search(ctx.outside)
            if m is None:
                return []
            effect_text, cause_text = ctx.outside[: m.start()], ctx.outside[m.end() :]
            if _CAUSE_ASKED.search(effect_text):
                return []  # "too soon to say what had caused the accident"
        cause_text = TRAILING_ATTRIBUTION.sub("", cause_text)
        cause_terms = set(content_terms(cause_text)) - {"because"}
        effect_terms = set(content_terms(effect_text))
        if not cause_terms:
            return []
        candidates = list(ctx.pool)
        for passage in ctx.pool:
            nxt = self.index.neighbour(passage, 1)
            if nxt is not None and nxt in ctx.pool:
                candidates.append((passage, nxt))  # type: ignore[arg-type]
        for item in candidates:
            parts = item if isinstance(item, tuple) else (item,)
            text = " ".join(p.span.text for p in parts)
            if not markers.SOURCE_CAUSE.search(text):
                continue
            terms = set().union(*(p.terms for p in parts))
            covered = len(cause_terms & terms) / len(cause_terms)
            if covered >= 0.5 and (not effect_terms or effect_terms & terms):
                ctx.supporting.extend(parts)
                return []
        what = _short(cause_text.strip(" ,.").removeprefix("because").strip(), 60)
        return [
            Finding(
                UNSUPPORTED,
                "cause",
                f"No source gives '{what}' as the cause.",
            )
        ]

    def _speculation(self, ctx: _Context) -> list[Finding]:
        pool_text = " ".join(p.span.text for p in ctx.pool[:9]).lower()
        for m in markers.SPECULATION.finditer(ctx.outside):
            word = m.group()
            if word == "May" and re.match(r"\s*\d", ctx.outside[m.end() :]):
                continue
            if word.lower() == "could" and _NO_GUESS.search(ctx.outside):
                continue  # "could stay shut for as long as a year": a bound, not a guess
            key = _SPECULATION_KEY.sub("", word.lower()).split()[0]  # "certain", of "all but"
            if re.search(r"\b" + re.escape(key) + r"\b", pool_text):
                continue
            return [
                Finding(
                    NOT_CHECKABLE,
                    "unsourced",
                    f"'{word}' is speculation or opinion that no source states.",
                )
            ]
        return []

    # -- content coverage ------------------------------------------------------------------

    def _coverage(self, ctx: _Context) -> list[Finding]:
        if not ctx.best:
            return [Finding(UNSUPPORTED, "unsourced", "No source covers this claim.")]
        pool_terms = set().union(*(p.terms for p in ctx.pool))
        chars = list(ctx.outside)
        base = ctx.claim.start
        for item in [*ctx.quantities, *ctx.dates]:
            for i in range(max(0, item.start - base), min(len(chars), item.end - base)):
                chars[i] = " "
        text = "".join(chars)
        if is_row(ctx.claim):  # a key-fact label is the drafter's word for the value
            label = text.index(":") + 1
            text = " " * label + text[label:]
        for pattern in _CHECKED_ELSEWHERE:
            text = pattern.sub(lambda m: " " * len(m.group()), text)
        words = [
            w
            for w in tokens(text)
            if w not in STOPWORDS and w not in _LOW_INFO and not w[0].isdigit()
        ]
        places = _place_terms(ctx.demonyms)
        terms = {
            places.get(norm(w), norm(w)): w
            for w in words
            if norm(w) not in _CALENDAR_TERMS and not is_measure(norm(w))
        }
        if not terms:
            return []
        missing_new = [w for t, w in terms.items() if t not in self.index.vocabulary]
        missing_far = [
            w for t, w in terms.items() if t in self.index.vocabulary and t not in pool_terms
        ]
        weight = len(missing_new) + 0.5 * len(missing_far)
        share = weight / len(terms)
        missing = ", ".join((missing_new + missing_far)[:5])
        if CALIBRATION.unsupported(weight, share):
            return [Finding(UNSUPPORTED, "unsourced", f"The sources do not mention: {missing}.")]
        if CALIBRATION.review(weight, share):
            return [
                Finding(
                    NEEDS_REVIEW,
                    "unsourced",
                    f"Could not match every part of this to a source; not found: {missing}.",
                )
            ]
        return []

    # -- helpers -----------------------------------------------------------------------------

    def _overlap(
        self,
        ctx: _Context,
        other: Passage | set[str],
        claim_terms: set[str] | None = None,
        *,
        known_only: bool = True,
    ) -> float:
        """How much of the claim (IDF-weighted; by default only its terms some source has)
        ``other`` contains."""
        terms = set(claim_terms or ctx.terms)
        if known_only:
            terms &= self.index.vocabulary
        if not terms:
            return 0.0
        found = other.terms if isinstance(other, Passage) else other
        total = sum(self.index.weight(t) for t in terms)
        return sum(self.index.weight(t) for t in terms if t in found) / total

    def _related(self, ctx: _Context, passage: Passage, threshold: float = 0.3) -> bool:
        return self._overlap(ctx, passage) >= threshold

    def _text_in_pool(
        self, ctx: _Context, phrase: str, passages: list[Passage] | None = None
    ) -> bool:
        key = fold(phrase)
        pattern = re.compile(r"(?<![a-z0-9])" + re.escape(key) + r"(?![a-z0-9])")
        return any(pattern.search(fold(p.span.text)) for p in (passages or ctx.pool))


_CALENDAR_TERMS = frozenset(norm(w) for w in CALENDAR)


_CHECKED_ELSEWHERE = (
    markers.COMPARATIVE,
    markers.SUPERLATIVE,
    markers.SPECULATION,
    markers.CLAIM_CAUSE,
    markers.HEDGES,
    markers.FRAMING,
)


def _title_like(text: str) -> bool:
    """A heading in title case ("Council Approves New Library"), where capitals say nothing
    about names."""
    if text.rstrip()[-1:] in '.!?"”':
        return False
    long_words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def _blank_quotes(text: str, start: int, end: int) -> str:
    """The claim with quoted passages blanked out (same length, so offsets still line up)."""
    chars = list(text[start:end])
    for a, b in quote_ranges(text, start, end):
        for i in range(a - start, b - start):
            chars[i] = " "
    return "".join(chars)


def _negations(text: str) -> int:
    """Negations of the main assertion (not those inside 'who/which …' relative clauses)."""
    return len(markers.NEGATION.findall(_RELATIVE.sub(" ", text)))


_PHRASE_BREAK = re.compile(r"[,;:()]|\s[-–—]\s")


def _phrase_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The phrase (between commas, semicolons, dashes or brackets) around ``text[start:end]``,
    within ``[lo, hi)``."""
    left = max((m.end() for m in _PHRASE_BREAK.finditer(text, lo, start)), default=lo)
    right = next((m.start() for m in _PHRASE_BREAK.finditer(text, end, hi)), hi)
    return left, right


# How much of a claim (IDF-weighted) a source clause must hold to be the one it restates.
ALIGNED = 0.6
# A passage that says what the claim says (as much as an aligned clause does), and how much
# less of it another must hold for the first passage's date to be the one the claim is read
# against; 0.6 rather than 0.8 found four more wrong days on sets 2, 7 and 8 for one more false
# flag on set 9.
_SAYS_IT = 0.6
_SAYS_IT_MARGIN = 0.3
_SCOPE = re.compile(r"(?:[^,.;:!?]|(?<=\d)[.,](?=\d)){0,60}")  # "£2.2 million" whole
_SCOPE_BEFORE = re.compile(r"[^.;:!?]{0,120}$")
# "Could" that reports no guess: a past "can" in a time clause ("until it could safely get
# people down"), or an upper bound ("could stay closed for as long as a year").
_NO_GUESS = re.compile(
    r"\b(?:until|when|once|before|after|as\s+soon\s+as)\s+(?:\w+\s+){0,3}could\b"
    r"|\bcould\b[^.;]{0,40}\b(?:as\s+(?:long|much|many|far|high)\s+as|up\s+to)\b",
    re.I,
)
# A hedge opening a relative clause ("smoke that could be seen") or an indirect question
# ("waited to hear when they could go back") qualifies that clause only; one before a noun ("an
# estimated £2 million") that noun only.
_OWN_SCOPE_BEFORE = re.compile(
    r"\b(?:(?:that|which|who)|(?:when|whether|where|how|why)(?:\s+(?:he|she|it|they|we|you|I))?"
    r"|an?|the|its|their|his|her)\s+$",
    re.IGNORECASE,
)


def _hedge_said(hedge: str, claim: str, clause: str) -> bool:
    """Whether the claim says the source clause's hedge itself or the same thing another way:
    the word ("could"); "should" for "expected"; "can", "cannot" or "allowed" for a "may" of
    permission ("anglers may continue to fish"), not of possibility ("prices may rise"); "when"
    for an "if" of what generally happens, not of what will ("the strike will end if ...").
    The month ("since May") is no "may"."""
    word = hedge.split()[0].lower()
    words = re.findall(r"[A-Za-z]+", claim)
    said = {*words[1:], *(w.lower() for w in words[:1])}  # "since May" is no "may"
    if word in said or (len(word) > 3 and norm(word) in content_terms(claim)):
        return True
    if word == "may" and _MAY_POSSIBLE.search(clause):
        return False
    if word == "if" and _FUTURE.search(clause):
        return False
    return bool(set(_SAID_AS.get(word, ())) & {w.lower() for w in words})


def _hedges(clause: str, claim_terms: set[str]) -> list[re.Match[str]]:
    """The hedges of a source clause over what the claim restates (:func:`_scoped`), but not
    "could be heard" (:data:`_PERCEIVED`), and not a hedge on the other side of a relative
    clause from the claim: "considering a challenge, which must be lodged within six weeks"
    does not hedge "must be lodged by November 25"; "which has fought the scheme since it was
    first proposed" does not hedge "met on Thursday"."""
    found = [
        h
        for h in _scoped(markers.HEDGES, clause, claim_terms, before=True)
        if not (h.group().lower() == "could" and _PERCEIVED.match(clause, h.end()))
    ]
    relative = [m.span() for m in _RELATIVE.finditer(clause)]
    if not found or not relative:
        return found
    inner = set().union(*(content_terms(clause[a:b]) for a, b in relative))
    outer = set(content_terms(_RELATIVE.sub(" ", clause)))
    in_inner = len(claim_terms & (inner - outer))
    in_outer = len(claim_terms & (outer - inner))
    return [
        h
        for h in found
        if (in_inner >= in_outer)
        == any(a <= h.start() < b for a, b in relative)  # on the claim's side
    ]


# "could be heard", "could see": what was perceived, not a guess.
_PERCEIVED = re.compile(
    r"\s+(?:not\s+)?(?:be\s+)?(?:heard|seen|felt|smelt|smelled|spotted|see|hear|feel|smell)\b",
    re.IGNORECASE,
)
_SAID_AS = {
    "may": ("can", "cannot", "allowed", "permitted", "able"),
    "if": ("when", "whenever"),
    "expected": ("should",),
    "expect": ("should",),
    "expects": ("should",),
}
# "may" before a change or an outcome says what is possible, not what is allowed.
_MAY_POSSIBLE = re.compile(
    r"\bmay\s+(?:\w+\s+)?(?:rise|fall|increase|decrease|drop|climb|grow|reach|exceed|cost|take|"
    r"last|need|have|become|happen|cause|lead|affect|worsen|spread|fail|close|end|change|"
    r"continue\s+to\s+(?:rise|fall|grow))\b",
    re.I,
)
_FUTURE = re.compile(r"\b(?:will|would|could|may|might|shall|won['’]t)\b", re.I)


# "No birds, eggs, manure or bedding can be moved": "no" over a list negates what follows it.
_NO_LIST = re.compile(
    r"(?:\s+[\w-]+){1,3}(?:,(?:\s+[\w-]+){1,3})*,?\s+(?:or|and|nor)(?:\s+[\w-]+){1,3}?(?=\s)"
)


def _scoped(
    pattern: re.Pattern[str], text: str, claim_terms: set[str], *, before: bool = False
) -> list[re.Match[str]]:
    """Matches of a negation or hedge whose scope holds a term of the claim: the first content
    words after it, up to the next punctuation, and the word itself ("unknown" scopes
    "known"); with ``before``, also the words before it in its clause, which a conditional or
    a trailing hedge qualifies ("would be lifted on Friday if ...", "will cost $2 million,
    according to an estimate"), unless the hedge opens a clause or a noun phrase of its own
    (:data:`_OWN_SCOPE_BEFORE`: "smoke that could be seen", "an estimated £2 million"). "Said
    the cause was not yet known" negates "known", not the speaking; "its likely first product"
    hedges the product, not the filing."""
    found = []
    for m in pattern.finditer(text):
        listed = _NO_LIST.match(text, m.end()) if m.group().lower() == "no" else None
        end = listed.end() if listed else m.end()
        scope = (
            content_terms(text[m.end() : end]) + content_terms(_SCOPE.match(text, end).group())[:4]
        )
        scope += content_terms(re.sub(r"^un", "", m.group(), flags=re.I))
        if before and not _OWN_SCOPE_BEFORE.search(text, 0, m.start()):
            scope += content_terms(_SCOPE_BEFORE.search(text[: m.start()]).group())
        if claim_terms & set(scope):
            found.append(m)
    return found


def _scoped_negations(source_text: str, claim_terms: set[str]) -> int:
    """Negations in a source clause (outside relative clauses) that scope over the claim."""
    return len(_scoped(markers.NEGATION, _RELATIVE.sub(" ", source_text), claim_terms))


def _opposite(source_clause: str, claim: str) -> bool:
    """Whether a source clause and a claim differ in polarity about what they share: each
    side's negations counted only where they scope over the other's words, so that "they
    didn't do" in a copied sentence does not count against "they are doing everything"."""
    return _polarity(source_clause, claim) != _polarity(claim, source_clause)


def _polarity(source_text: str, claim_text: str) -> int:
    negated = _scoped_negations(source_text, set(content_terms(claim_text))) % 2
    if negated and markers.NOT_UNTIL.search(source_text) and markers.ONLY_AFTER.search(claim_text):
        negated = 0
    return negated


# A superlative for all time ("the highest level ever recorded"), and one bounded in time
# ("the highest reading there since the floods of January 2024", "in 30 years").
_EVER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:ever|on\s+record|in\s+history|of\s+all\s+time)\b", re.I
)
_SINCE_WHEN = re.compile(
    r"[^.;,]{0,40}?\b(?:since\s+(?!records?\s+(?:began|were|started)|records?\b)(?:the\s+)?[\w-]+"
    r"(?:\s+[\w-]+){0,4}|in\s+(?:more\s+than\s+)?"
    r"(?:\d+|a|two|three|four|five|ten|twenty)\s+(?:years|decades)|for\s+(?:more\s+than\s+)?"
    r"(?:\d+|a|two|three|four|five|ten|twenty)\s+(?:years|decades)|this\s+(?:year|decade|century))",
    re.I,
)
# Two things said to be alike: no more, no less.
_SAME_AS = re.compile(
    r"\b(?:similar\s+to|(?:about|roughly|much)\s+the\s+same\s+as|the\s+same\s+as|unchanged\s+from|"
    r"in\s+line\s+with|on\s+a\s+par\s+with|level\s+with|no\s+different\s+from)\b",
    re.I,
)
_QUALIFIER_WORDS = {
    "about": "about ",
    "nearly": "nearly ",
    "more": "more than ",
    "less": "less than ",
    "atleast": "at least ",
    "upto": "up to ",
}


def _said(q: Quantity) -> str:
    """The claimed figure as the draft put it: 'more than a third', 'nine points'."""
    text = q.text.lower() if q.spelled else q.text
    if q.kind == PERCENT and not re.search(r"per\s*cent|%|point", text):
        text += " points" if q.change else " percent"
    return _QUALIFIER_WORDS.get(q.qualifier, "") + text


def _figure(e: Quantity, passage: Passage) -> str:
    """A source figure with the noun that follows it: '9 administrative positions'."""
    text = e.text.lower() if e.spelled else e.text
    if e.kind in (PERCENT, MONEY, TIME):
        return text
    following = passage.source.text[e.end : min(e.end + 40, passage.span.end)]
    noun: list[str] = []
    for m in re.finditer(r"\s+([a-z][a-z-]*)\b|(.)", following):
        word = m.group(1)
        if word is None or word in STOPWORDS or len(noun) == 2:
            break
        noun.append(word)
    return " ".join([text, *noun])


def _sum_of_others(total: Quantity, parts: list[Quantity]) -> bool:
    """Whether ``total`` is what two or more of the claim's other, supported figures add up to
    ("9,300 cases over the two days, 5,200 on Sunday and 4,100 on Monday")."""
    parts = [
        p
        for p in parts
        if p is not total
        and compatible(total, p)
        and p.kind == total.kind
        and (not (p.unit and total.unit) or _unit_overlap(p, total) or _people(p, total))
    ]  # "12 homes and 5 others" are no parts of "17 families"; men and women are people
    for size in range(2, min(len(parts), 4) + 1):
        for group in combinations(parts, size):
            if matches(total, sum(p.value for p in group)):
                return True
    return False


def _people(*figures: Quantity) -> bool:
    """Whether every figure counts people ("five people: three men and two women")."""
    return all(q.unit and q.unit[0] in _PEOPLE for q in figures)


_PEOPLE = frozenset(
    norm(w)
    for w in """people person men women man woman children child adults pupils students
    teachers staff workers employees passengers residents officers patients members""".split()
)


def _unit_overlap(a: Quantity, b: Quantity) -> bool:
    return bool(set(a.unit) & set(b.unit))


def _same_count(a: Quantity, b: Quantity) -> bool:
    """Whether two figures count the same noun; "others" no earlier figure names ("Fourteen
    others were injured" after a sentence about the dead) may count anything."""
    return _unit_overlap(a, b) or ("other",) in (a.unit[:1], b.unit[:1])


def _with_others_resolved(q: Quantity, around: Sequence[Quantity]) -> Quantity:
    """``q`` counting what "others" stands for: the noun of the figure before it ("12 people
    had been taken to hospital and nine others treated at the scene": nine people)."""
    if q.unit[:1] != ("other",):
        return q
    before = [e for e in around if e.end <= q.start and e.unit and e.unit[:1] != ("other",)]
    return replace(q, unit=before[-1].unit) if before else q


def _distance(a: Quantity, value: float) -> float:
    return abs(a.value - value) / max(abs(a.value), abs(value), 1e-9)


def _used_elsewhere(e: Quantity, ctx: _Context) -> bool:
    """Whether a source figure already matches another figure of the claim."""
    return any(compatible(q, e) and matches(q, e.value, e) for q in ctx.quantities)


def _conjunct(text: str, q: Quantity, start: int, end: int) -> str:
    """The part of ``text[start:end]`` a figure is in, between commas, semicolons and
    conjunctions ("construction lost 260" of "Retail lost 140 jobs and construction lost
    260")."""
    cuts = list(_CONJUNCT.finditer(text, start, end))
    left = max([m.end() for m in cuts if m.end() <= q.start], default=start)
    right = min([m.start() for m in cuts if m.start() >= q.end], default=end)
    return text[left:right]


_CONJUNCT = re.compile(r"[,;:]|\s(?:and|but|while|whereas|including)\s")


# Labels of a list's total line, which name whatever the list counts.
_TOTAL_LABELS = frozenset(norm(w) for w in "total overall combined altogether all".split())


_OTHERS_AFTER = re.compile(r"\s+others?\b", re.IGNORECASE)


def _in_claim_unit(q: Quantity, d: Derivation) -> float:
    """A difference of two source figures in the claim's unit of measure: "from 1.51 metres
    to 1.82 metres" is a rise of 31 centimetres."""
    if d.operation != "difference":
        return d.value
    value = converted(q, replace(d.a, value=d.value))
    return d.value if value is None else value


def _line_label(text: str, q: Quantity) -> set[str] | None:
    """The terms of the label of the list line a figure is the value of ("- Retail trade:
    -260" -> retail, trade), or None when its line is no labelled line."""
    start = text.rfind("\n", 0, q.start) + 1
    m = LINE_LABEL.match(text, start)
    if m is None or text[m.end() : q.start].strip("-+−$£€") or q.start < m.end():
        return None
    return set(content_terms(m.group("label")))


# A comparison that says nothing of which is greater ("compared with").
_UNDIRECTED = re.compile(r"compared\s", re.IGNORECASE)


def _same_next_word(text: str, at: int, other: str, other_at: int) -> bool:
    """Whether the same word follows two figures ("two-thirds full", "64 percent full")."""
    word = _next_word(text, at)
    return word is not None and word == _next_word(other, other_at)


def _next_word(text: str, at: int) -> str | None:
    """The word right after offset ``at``, lower-cased (None at a clause's end)."""
    m = re.match(r"\s+([a-z][\w'’-]*)", text[at : at + 40])
    return m.group(1) if m else None


def _year_from(ref: DateRef, around: list[DateRef], text: str, start: int) -> DateRef:
    """A day without a year given the year of a dated month that frames its sentence or of a
    full date before it, the nearest to it ("In July 2025, a few weeks after he resigned on 2
    June": 2 June 2025; "opened on 20 December 2025, ran until 5 January": January 2026)."""
    if ref.year is not None or ref.day is None or ref.month is None:
        return ref
    frame = next((d for d in around if d.year and d.month and d.end <= ref.start), None)
    if frame is None or not (frame.day or _FRAMING.fullmatch(text, start, frame.start)):
        return ref  # "The club, formed in May 1998, was fined on 2 June": no frame
    hint = calendar_date(frame.year, frame.month, frame.day or 1)
    day = resolve(ref, hint) if hint is not None else None
    return replace(ref, year=day.year) if day is not None else ref


_FRAMING = re.compile(r"\s*(?:In|By|From|Since|Until|On)?\s*", re.I)


def _place_terms(demonyms: dict[str, str]) -> dict[str, str]:
    """Demonyms by normalised term ("chines" -> "china")."""
    return {norm(w.lower()): norm(p.lower()) for w, p in demonyms.items()}


def _in_a_name(text: str, m: re.Match[str]) -> bool:
    """Whether a capitalised word stands beside another one ("Julian Marsh"), not alone ("a
    Chinese mine")."""
    before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
    if before and before.group(1)[0].isupper() and before.group(1).lower() not in STOPWORDS:
        return True
    return bool(re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2]))


_PART_OF = re.compile(r"\s+of\s+(?:its|the|their|his|her|our)?\s*")
_OF_WHICH = re.compile(r"[^.;]{0,60},\s+of\s+which\s+")


def _own_share(text: str, figures: Sequence[Quantity]) -> tuple[Quantity, Quantity] | None:
    """A part and its whole the claim gives itself ("86 of its 120 stores", "6,830 repairs
    at the end of September, of which 2,100"), that a fraction in it is a share of."""
    counts = [q for q in figures if q.kind in (COUNT, MONEY)]
    for a, b in pairwise(counts):
        if not compatible(a, b):
            continue
        if _PART_OF.fullmatch(text, a.end, b.start) and a.value < b.value:
            return a, b
        if _OF_WHICH.fullmatch(text, a.end, b.start) and b.value < a.value:
            return b, a
    return None


def _sentence_terms(ctx: _Context) -> set[str]:
    """The content terms of the whole sentence the claim is part of."""
    sentence = ctx.claim.sentence
    return set(content_terms(ctx.text[sentence.start : sentence.end]))


def _distinctive(q: Quantity) -> bool:
    """A figure no other fact is likely to share: a time of day, a decimal, an unround
    number ("9.47 p.m.", "1.16 kg", "3,412")."""
    if q.kind == TIME:
        return q.value % 60 != 0
    return q.kind in (COUNT, MONEY, PERCENT) and (
        q.value != int(q.value) or (q.value >= 1000 and q.value % 100 != 0)
    )


def _counting_one_thing(parts: Sequence[Quantity]) -> bool:
    """Whether figures count the same thing, as far as they name it ("Eight whales", "two
    more"; not "18 people" and "12 fans")."""
    named = [q for q in parts if q.unit]
    return all(_unit_overlap(a, b) for a, b in combinations(named, 2))


def _each_count(text: str, start: int, end: int, total: Quantity) -> Quantity | None:
    """How many there are of what a sentence's "each" is of: "each of the six clubs", "twelve
    stallholders will each get £250", "six clubs sent 40 stewards each" (not the 40); None
    without "each"."""
    each = _EACH.search(text, start, end)
    if each is None:
        return None
    figures = [q for q in find_quantities(text, start, end) if q.start != total.start]
    of = _EACH_OF.match(text, each.end())
    if of:
        return next((q for q in figures if 0 <= q.start - of.end() <= 25 and q.kind == COUNT), None)
    before = [q for q in figures if q.end <= each.start()]
    if _DISTRIBUTIVE.match(text, each.end()):
        before = before[:-1]  # "40 stewards each": so much each, not how many
    counts = [q for q in before if q.kind == COUNT and q.value > 1]
    return counts[-1] if counts else None


def _followed_by_of(text: str, q: Quantity) -> bool:
    """Whether a figure is a share of something ("64 percent of the seats")."""
    return bool(re.match(r"\s+of\b", text[q.end : q.end + 5]))


def _name_gap(missing: list[str], name: NameRef) -> str:
    gap = " ".join(missing)
    return name.text if gap == " ".join(name.key_words) else f"{gap} ({name.text})"


@dataclass(frozen=True)
class _Frames:
    """The words around two figures of a sentence, in order: the few before the first, those
    between them and the few after the second."""

    before: list[str]
    between: list[str]
    after: list[str]

    @classmethod
    def of(cls, text: str, start: int, end: int, first: Quantity, second: Quantity) -> _Frames:
        return cls(
            tokens(text[start : first.start])[-_FRAME:],
            tokens(text[first.end : second.start]),
            tokens(text[second.end : end])[:_FRAME],
        )

    def content(self) -> list[set[str]]:
        return [
            {norm(w) for w in part if w not in STOPWORDS and not w[:1].isdigit()}
            for part in (self.before, self.between, self.after)
        ]


def _swapped_after(mine: _Frames, theirs: _Frames, in_order: bool) -> bool:
    """Whether the words after each of two figures say the claim gives them the other way
    round from a source sentence ("36 per cent supported the scheme and 58 per cent opposed
    it" against "58 per cent ... supported the scheme, 36 per cent opposed it")."""
    ours, others = mine.content(), theirs.content()
    a, b = ours[1], ours[2]  # after the claim's first figure, after its second
    x, y = (others[1], others[2]) if in_order else (others[2], others[1])
    return len(a & y) > len(a & x) and len(b & x) > len(b & y)


def _same_frames(mine: _Frames, theirs: _Frames) -> bool:
    """Whether two sentences frame their two figures alike, so that figures given the other
    way round are swapped: the same word right before each figure ("fell to 95 from 120" is
    "fell from 120 to 95" reordered), no word of one frame in another frame of the other
    ("east ward 120 ... west ward 80" is a reordering of "west ward 80 ... east ward 120"),
    and the words before and between the figures mostly shared, two in all."""
    if mine.before[-1:] != theirs.before[-1:] or mine.between[-1:] != theirs.between[-1:]:
        return False
    ours, others = mine.content(), theirs.content()
    for i, words in enumerate(ours):
        elsewhere = set().union(*(o for j, o in enumerate(others) if j != i))
        if (words & elsewhere) - others[i]:
            return False
    for words, other in zip(ours[:2], others[:2], strict=True):
        if words and len(words & other) * 2 < len(words):
            return False
    return sum(len(a & b) for a, b in zip(ours, others, strict=True)) >= 2


def _in_name(text: str, q: Quantity) -> bool:
    """Whether a number is part of a name ("Ward 8", "Route 7"): a capitalised word just
    before it that is no qualifier ("About 300")."""
    before = re.search(r"\b([A-Z][a-z]+)\s+$", text[max(0, q.start - 24) : q.start])
    return bool(before) and before.group(1).lower() not in STOPWORDS | QUALIFIER_WORDS


# A temperature's scale after its figure, no name: "24C", "75 F", "101 degrees Fahrenheit".
_TEMPERATURE_UNIT = re.compile(
    r"(?<=\d)\s*°?\s*(?:[CF]\b|(?:degrees\s+)?(?:Celsius|Fahrenheit|centigrade)\b)"
)
# Words before the first figure and after the second that frame a pair of figures.
_FRAME = 5


def _other_measures(a: Quantity, b: Quantity) -> bool:
    """Whether two figures measure different things: a measure against another unit or a bare
    number (118mm against 48 hours); counts of things named differently ("3,800 people",
    "2,000 in 2023") are one kind."""
    units = [q.unit[0] if q.unit else "" for q in (a, b)]
    return units[0] != units[1] and any(is_measure(u) for u in units)


def _is_place(text: str, at: int) -> bool:
    """Whether "above" or "below" ending at ``at`` is followed by a place ("the hills above
    Sannick"), not by what is compared with ("above London rates", "below March's total")."""
    name = _PLACE_NAME.match(text, at)
    if name is None or CALENDAR & set(name.group(1).split()):
        return False
    after = name.group(2)
    return after is None or (after[0] not in "'’" and after.lower() not in _COMPARED_NOUNS)


def _multiple_holds(claim: Quantity, ratio: float) -> bool:
    """Whether a ratio of two source figures is the claim's multiple as qualified: "more than
    twice" is above 2 (118mm against 64mm, 1.84, is not), "almost twice" from 1.8 up to 2,
    "twice" within a tenth."""
    target = claim.value
    if claim.qualifier in ("more", "atleast"):
        return target <= ratio <= 1.5 * target
    if claim.qualifier == "less":
        return 0.5 * target <= ratio < target
    if claim.qualifier == "nearly":
        return NEARLY_FLOOR * target <= ratio <= target * 1.01
    return abs(ratio - target) <= 0.1 * target


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_PARENTHETICAL = re.compile(r"^\s*,\s*(?:who|which|whose|where)\b[^,.;]*,")
_AUXILIARIES = re.compile(
    r"^\s*(?:(?:has|have|had|was|were|is|are|will|would|also|then|later|since)\s+)+"
)
# "The county has agreed ...": a claim whose subject is a common noun phrase.
_COMMON_SUBJECT = re.compile(
    r"^(?:The|A|An)\s+(?P<noun>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)(?=\s+(?:has|have|had|was"
    r"|were|is|are|will|would)\b)"
)
_NEXT_WORD = re.compile(r"^\s*([A-Za-z][\w'’-]*)")
_LAST_TWO = re.compile(r"([A-Za-z][\w'’-]*)\W+([A-Za-z][\w'’-]*)\W*$")
_PLACE_PREPOSITIONS = frozenset("near in at from to into outside inside across by of".split())


def _role_against(
    mine: Role, theirs: list[tuple[Role, Passage]], said: set[str]
) -> tuple[Role, Passage] | None:
    """The source role a role the claim gives disagrees with: none of the person's roles has
    its head word (or words of a role that does the same: "press officer", "head of
    communications"), or none that does has its rank; None when one agrees."""
    same = [(r, p) for r, p in theirs if r.head == mine.head]
    if any(r.ranks - {"former"} == mine.ranks - {"former"} for r, _ in same) and not all(
        "former" in r.ranks and "former" not in mine.ranks for r, _ in same
    ):
        return None  # the same role at the same rank ("Deputy Mayor" is not the mayor); a
        # "former" mayor may be one the sources date ("mayor until 2018")
    alike = {mine.head} | ALIKE.get(mine.head, frozenset())
    if not same and (alike & said or any(mine.head in ALIKE.get(r.head, ()) for r, _ in theirs)):
        return None
    if any(_council_leader(mine, r) or _council_leader(r, mine) for r, _ in theirs):
        return None  # the leader of the council is a councillor
    return (same or theirs)[0]


def _council_leader(councillor: Role, leader: Role) -> bool:
    """Whether one role is a councillor and the other leads the council ("leader of the
    council", "Council leader", "deputy leader of Kelderby Council")."""
    return (
        councillor.head == "councillor"
        and leader.head == "head"
        and "council" in leader.text.lower()
    )


def _same_name(a: NameRef, b: NameRef) -> bool:
    """Whether two names may name one person, place or body: a word of one is the other's
    ("Ortiz", "Mayor Lena Ortiz"), and of two names of several words, one holds the other
    ("Scarrowby Village Hall" is not "Scarrowby Primary School")."""
    if not same_person(a, b):
        return False
    ka, kb = ({w.lower() for w in n.key_words} - GENERIC for n in (a, b))
    return len(ka) < 2 or len(kb) < 2 or ka <= kb or kb <= ka


def _may_be(other: NameRef, keys: set[str]) -> bool:
    """Whether a source's name may be what the claim calls it: a pronoun ("We have suspended
    ..." for "the firm"), a name holding the claim's noun ("Norovirus" for "the virus") or
    word, or, for a name of several words, part of it or a fuller form ("Hollis" for "Dean
    Hollis"; not "Scarrowby Village Hall" for "Scarrowby Primary School")."""
    words = [w.lower() for w in other.words]
    if len(words) == 1 and words[0] in STOPWORDS:
        return True
    if len(keys) > 1:  # a name of several words: the other is part of it, or it of the other
        own = {w.lower() for w in other.key_words}
        return bool(own) and (own <= keys or keys <= own)
    return any(key in word for key in keys for word in words if len(key) >= 4)


# "Gareth Millom, the trust's chief nurse,": a name and the role an appositive gives it.
_APPOSITIVE = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+),\s+the\s+(?P<role>[^,;:\"“”]{3,60}?)"
    r"(?=,|\s+(?:said|says|told)\b)"
)
_APPOSITIVE_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+|who\s+\w+\s+)?(?P<role>[^,;:\"“”]{3,60}?),"
)
# Offices one person holds at a time ("the trust's chief executive", "the council's head of
# pensions", "the club's head coach"), as content_terms leaves them; a role several may share
# ("a spokesman", "the union's spokesman") is not checked.
_ONE_HOLDER = frozenset(
    content_terms(
        "executive chair chairman chairwoman chairperson mayor director president "
        "leader head principal superintendent commissioner governor nurse secretary "
        "treasurer editor coroner"
    )
)
# Where a role's head word ends: "chief executive of Esk Valley Hospitals Trust".
_ROLE_END = re.compile(r"\s+(?:of|at|for|in|on|with|who|which)\s+")


# A length of time counted from one date to another: "six months later", "ten days after".
_LATER = re.compile(r"[\s\w-]{0,12}?\b(?:later|after|afterwards|on|before|earlier)\b", re.I)
_GIVING = re.compile(r"\bgiv(?:e|es|ing|en)\s+(?:[\w-]+\s+){0,2}$", re.I)  # "giving them ten days"


def _day_of(d: DateRef, year: int) -> date:
    """A dated mention as a calendar day, in ``year`` when it names none."""
    return date(d.year or year, d.month or 1, d.day or 1)


# "the port's first strike in 28 years": years since the last time.
_FIRST_IN = re.compile(
    r"\b(?:first|second|third|fourth|fifth|only)\b[^.;]{0,40}\bin\s+$", re.IGNORECASE
)  # "the second sinkhole in the town in seven years"
# A state that has lasted until now: "has operated in Greystone for", "have lived there for".
_HAS_DONE_FOR = re.compile(r"\b(?:has|have)\s+(?:been\s+)?[a-z]+ed\b[^.;,]{0,50}\bfor\s+$", re.I)
# A year something began: "founded in 1987", "since 2012" (not "2000 homes").
_YEAR_IN = re.compile(
    r"\b(?:in|since|from|founded|established|opened|built|started)\s+(?P<year>(?:19|20)\d\d)\b"
)


def _same_place(claim: list[str], mine: str, source: list[str], theirs: str) -> bool:
    """Whether an antonym in a source clause is said of what the claim's word is: a content
    word within three words of the claim's is in the clause ("the downstream end of the
    culvert" against "the upstream end of the culvert"; not "three large borrowers
    defaulted" against "the Lending Fund, which was worth ...")."""
    at = claim.index(mine)
    around = claim[max(0, at - _NEAR) : at] + claim[at + 1 : at + 1 + _NEAR]
    near = {norm(w) for w in around if w.lower() not in STOPWORDS}
    if not near & {norm(w) for w in source if w != theirs}:
        return False
    mine_obj, theirs_obj = _than_object(claim, at), _than_object(source, source.index(theirs))
    # "faster than the old fleet" is not said of "slower than the express buses", nor of "the
    # old fleet is slower than the new trains"; "slower than before" is of "faster than ..."
    return mine_obj is None or theirs_obj is None or mine_obj == theirs_obj


def _said_too(claim: list[str], mine: str, sentence: list[str]) -> bool:
    """Whether the source sentence also says the claim's word of the same thing: the word
    followed by the same content word ("above the regional median")."""
    following = _next_content(claim, claim.index(mine))
    return any(
        norm(w) == norm(mine) and _next_content(sentence, n) == following
        for n, w in enumerate(sentence)
    )


def _next_content(words: list[str], at: int) -> str | None:
    after = [norm(w) for w in words[at + 1 : at + 5] if w.lower() not in STOPWORDS]
    return after[0] if after else None


def _than_object(words: list[str], at: int) -> str | None:
    """What a comparative is measured against ("faster than the old fleet" -> fleet's first
    content word, old), so that "slower than the new trains" is not its antonym; None without
    "than"."""
    if at + 1 >= len(words) or words[at + 1].lower() != "than":
        return None
    after = [w.lower() for w in words[at + 2 : at + 6] if w.lower() not in _ARTICLES | _WE]
    if not after or after[0] in STOPWORDS:
        return None  # "than before", "than expected"
    return norm(after[0])


_ARTICLES = frozenset({"the", "a", "an"})


_WE = frozenset({"we", "they", "it", "i", "you"})


_NEAR = 3


def _follows_up(terms: set[str], before: str) -> bool:
    """Whether a short sentence says more of the one ``before`` it, read off its ``terms``
    (its antonym left out): each is in that sentence or refers back to it ("The result was
    negative."; not "The south entrance stayed open.", "The second test was negative.")."""
    known = set(content_terms(before)) | _BACK_REFERENCES
    return all(t in known for t in terms if not t[:1].isdigit())


# Nouns a short sentence uses for what the one before it said.
_BACK_REFERENCES = frozenset(
    norm(w) for w in "result results outcome finding findings verdict decision answer".split()
)
_FOLLOW_UP = 8
# How close to the best clause's score a clause must be to be read for a hedge on "will".
_HEDGE_NEAR_TOP = 0.7


@dataclass(frozen=True)
class _Place:
    """A place a sentence describes rather than names ("near the old ferry steps")."""

    text: str  # "the old ferry steps"
    start: int
    end: int
    words: frozenset[str]  # normed, "the" left out
    slot: tuple[str, str] | None

    @property
    def head(self) -> str:
        return self.text.rsplit(None, 1)[-1]


def _around(ctx: _Context, start: int, end: int) -> set[str]:
    """The content terms of the claim within 60 characters either side of ``text[start:end]``,
    that stretch itself left out: what a sentence must say to say it of another name or place."""
    text, claim = ctx.text, ctx.claim
    lo, hi = max(claim.start, start - 60), min(claim.end, end + 60)
    return set(content_terms(text[lo:start] + " " + text[end:hi]))


def _described_places(text: str, lo: int = 0, hi: int | None = None) -> list[_Place]:
    """The places ``text[lo:hi]`` gives as "the" and lower-case words after a preposition of
    place, with the slot they fill (:func:`_name_slot`). Words that say when ("in the
    morning") or stand for any place ("in the village", "at the scene") are not places."""
    hi = len(text) if hi is None else hi
    out = []
    for m in _DESCRIBED_PLACE.finditer(text, lo, hi):
        words = []
        for word in m.group("words").split():
            if word in STOPWORDS or _VERB_LIKE.search(word) or word in _PAST_FORMS:
                break  # "the terrace lost power": the place ends before its verb
            words.append(word)
        if not words or words[-1].lower() in _NOT_PLACES:
            continue
        start = m.start("the")
        end = m.start("words") + len(" ".join(words))
        out.append(
            _Place(
                text[start:end],
                start,
                end,
                frozenset(norm(w) for w in words),
                _place_slot(text[lo:start], text[end:hi]),
            )
        )
    return out


def _conjunct_names(text: str, common: frozenset[str]) -> dict[NameRef, frozenset[str]]:
    """The names of a sentence, each with the content words of its conjunct ("Tobin Vell two
    years for theft" of "... and Tobin Vell two years for theft"), names left out; a name
    sharing its conjunct with another gets that conjunct's words too (the same object)."""
    names = find_names(text, sentence_starts=frozenset({0}), common=common)
    out: dict[NameRef, frozenset[str]] = {}
    start = 0
    for m in [*_PAIRED.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        inside = [n for n in names if start <= n.start < end]
        if inside:
            named = {norm(w) for n in inside for w in n.words}
            words = frozenset(content_terms(text[start:end])) - named
            out.update(dict.fromkeys(inside, words))
        start = m.end() if m is not None else end
    return out


_PAIRED = re.compile(
    r",?\s+and\s+(?![A-Z][\w'’-]*\s+(?:and|&)\s)|;\s*|,\s+(?:while|whereas|but)\s+"
)
_PAIRING_PASSAGES = 3
# How many more words a swap must line up than the claim's own pairing does.
_SWAPPED_BY = 2


def _routes(text: str) -> list[tuple[str, str]]:
    """The ways from one place to another ``text`` gives, as (from, to): "from Carrow Bridge
    to the Old Exchange", "start at X ... end in Y", a line "Route: X to Y"."""
    out = []
    for pattern in _ROUTES:
        for m in pattern.finditer(text):
            if not {m["a"], m["b"]} & CALENDAR:  # "from Monday to Friday"
                out.append((m["a"].rstrip("."), m["b"].rstrip(".")))
    return out


def _same_stop(a: str, b: str) -> bool:
    """Whether two places of a route may be one: the same compass point, or names sharing a
    word that is not generic ("St Wyn's" and "St Wyn's Church")."""
    ka, kb = (_place_words(p) for p in (a, b))
    return bool(ka & kb) if ka and kb else _compass(a) == _compass(b)


def _place_words(place: str) -> set[str]:
    return {norm(w) for w in re.findall(r"[A-Za-z][\w'’]*", place) if w.lower() not in GENERIC}


def _compass(place: str) -> str:
    return re.sub(r"[\s-]|^the\s+", "", place.lower())


_ROUTE_PLACE = (
    r"(?:the\s+)?(?:(?:north|south)[- ]?(?:east|west)|north|south|east|west|"
    r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,3})"
)
_ROUTES = (
    re.compile(
        rf"\b(?i:from)\s+(?P<a>{_ROUTE_PLACE})\s+(?:to|towards|into)\s+(?P<b>{_ROUTE_PLACE})"
    ),
    re.compile(
        rf"\b(?:start|begin|began|leave|leaving|depart|set\s+off)\w*\s+(?:from\s+|at\s+|in\s+)?"
        rf"(?P<a>{_ROUTE_PLACE})\b[^;]{{0,80}}?\b(?:end|finish|arriv|conclud)\w*\s+(?:at|in)\s+"
        rf"(?P<b>{_ROUTE_PLACE})"
    ),
    re.compile(
        rf"^[^\n:]{{2,40}}:[ \t]*(?P<a>{_ROUTE_PLACE})\s+to\s+(?P<b>{_ROUTE_PLACE})[ \t]*$",
        re.MULTILINE,
    ),
)


def _place_slot(before: str, after: str) -> tuple[str, str] | None:
    """:func:`_name_slot` of a place, "the" before it left out ("at the Grain Wharf" fills
    the slot of "at the fish market")."""
    return _name_slot(_THE_BEFORE.sub("", before), after)


# "near the old ferry steps", "on the terrace": up to three lower-case words after "the".
_DESCRIBED_PLACE = re.compile(
    r"\b(?:at|in|near|on|outside|inside|to|into|from|alongside|off)\s+(?P<the>the)\s+"
    r"(?P<words>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2})"
)
# A place preposition right before a name: the name is said as a place.
_PLACE_BEFORE = re.compile(
    r"\b(?:at|in|near|on|outside|inside|to|into|from|alongside|off)\s+(?:the\s+)?$"
)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_VERB_LIKE = re.compile(r"\w{3,}(?:ed|ing)$")
_PAST_FORMS = frozenset(
    "lost had made took went came got left kept held found saw told said ran fell rose began "
    "built brought caught felt paid sent spent stood won hit cut shut put".split()
)
# Words after "in the", "at the" that say when, or stand for whatever place a name gives.
_NOT_PLACES = frozenset(
    "morning afternoon evening night day days week weekend month year time moment end past "
    "future meantime meanwhile hour hours minutes middle first last same area village town city "
    "county region country district site scene place spot community neighbourhood neighborhood "
    "building premises location way street road lane".split()
)


def _name_slot(before: str, after: str) -> tuple[str, str] | None:
    """The slot a name fills, read off its neighbours: ("subject", verb) for a name right
    before a lower-case word (a parenthetical "who ..." and auxiliaries skipped), ("after",
    "left near") for a name after a preposition, else None."""
    m = _WHERE.search(before)
    if m:
        return ("where", m.group(1).lower())
    m = _NEXT_WORD.match(_AUXILIARIES.sub(" ", _PARENTHETICAL.sub(" ", after, count=1)))
    if m and m.group(1)[0].islower() and m.group(1).lower() not in STOPWORDS:
        return ("subject", norm(m.group(1)))
    m = _LAST_TWO.search(before)
    if m and m.group(2).lower() in _PLACE_PREPOSITIONS and m.group(1).lower() not in STOPWORDS:
        return ("after", f"{norm(m.group(1))} {m.group(2).lower()}")
    return None


# Where something is, whatever it is: "at Hollesby Village Hall", "at the offices of North
# Lennard District Council", "St Aldric's Hospital in Kelderby".
_WHERE = re.compile(
    r"\b(at|in|near|outside|inside)\s+(?:the\s+(?:offices|headquarters|home|site|premises|"
    r"grounds|gates?|entrance|foot|top|edge|heart|centre|center|village|town|city)\s+of\s+"
    r"(?:the\s+)?)?$"
)


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[int, int, int]] = set()
    out = []
    for e in evidence:
        key = (e.source, e.start, e.end)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
