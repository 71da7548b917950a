"""The offline drafting backend: an extractive multi-document summariser.

No model is involved: every sentence of the draft is copied (whitespace aside) from a source,
so the fact-checker can find it verbatim. Scoring is centroid TF-IDF similarity, lifted for
sentences near the top of their source and for sentences that several sources carry (those cite
every source carrying them). Maximal marginal relevance removes redundancy, and a sentence is
also left out when what it says (its words and its figures, compared in canonical form so that
"7-2" repeats "seven to two") is mostly said already. A sentence that leans on the one before it
("She said...", "However...", "the remaining $1.7 million") is only used together with that one;
one that calls a person by surname alone only after a sentence giving their full name.

The dek is the most important sentence that adds news to the lead (new figures and dates count
most, the more sources state them the more). The story is then ordered (the most central news
sentence leads, the rest by position within the sources) and grouped into short, content-typed
sections of paragraphs. Sentences share a paragraph only when the same sources carry each of
them, so a paragraph's citations never claim a source for a sentence it does not carry; a
sentence that must follow another in the same paragraph cites only the sources carrying both.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from articles.text.dates import MONTH, WEEKDAYS
from articles.text.slots import Conflict, conflicts_among
from articles.text.source import SourceText
from articles.text.titles import TITLES
from articles.text.words import Vector, cosine, to_unit, words

from .clean import resolve_relative_days
from .extract import (
    ListBlock,
    Sentence,
    dated_ahead,
    mark_people,
    normalise_space,
    quoted_passages,
    segment,
    strong_figure,
    terms,
    usable_list_intro,
)
from .facts import key_facts
from .finish import finish_draft
from .headline import write_headline
from .types import DIFFER, Draft, KeyFact, Paragraph, Section, draft_to_text

METHOD_VERSION = "extractive-v2"
LABEL = "Extractive summary of {n} sources: every sentence is taken from the cited source."
LABEL_ONE = "Extractive summary of 1 source: every sentence is taken from the cited source."

LEAD_HEADING = ""
HAPPENED = "What happened"
FUNDING = "Cost and funding"
REACTION = "Reaction"
BACKGROUND = "Background"
NEXT = "What comes next"
SECTION_ORDER = (LEAD_HEADING, HAPPENED, FUNDING, REACTION, BACKGROUND, NEXT)

CENTROID_TERMS = 40
CARRY_THRESHOLD = 0.8
CARRY_WITH_FIGURE = 0.6
REDUNDANT = 0.33
SAME_FIGURE = 0.2
MMR_LAMBDA = 0.75
MAX_CHAIN = 3
MAX_WORDS = 500
POOL = 250
MAX_PARAGRAPH_SENTENCES = 3
MAX_PARAGRAPH_WORDS = 90
RELATED = 0.1
LIST_RELEVANCE = 0.02
DEK_MAX_WORDS = 40
DEK_MIN_WORDS = 6
NOVEL = 0.4
DEK_NOVEL = 0.5
LEAD_NEWS = 0.2
LEAD_WHEN = 0.25
LEAD_SUPPORT = 0.6
LEAD_AGREED = 0.5
CORROBORATED = 1.0
CORROBORATING = 0.5
MIN_FUNDING_SENTENCES = 2

_WEEKDAYS = frozenset(day.lower() for day in WEEKDAYS)
# When the news happened, as a lead says it ("on Wednesday", "late Tuesday", "on June 9").
_WHEN = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)}|{MONTH}\.?\s+\d{{1,2}})\b")
_ONGOING = re.compile(r"\b(?:continu\w*|remains?|still)\b", re.IGNORECASE)
_RELATIVE_DAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.I)
_FUNDING = re.compile(
    r"\b(?:costs?|costing|fund(?:s|ed|ing)?|pa(?:y|ys|id|ying)|budget|reserves?|grants?|"
    r"spen(?:d|ds|t|ding)|financ\w*|loans?|contribut\w*|cover(?:s|ed|ing)?|tax|levy|borrow\w*|"
    r"bill|price)\b",
    re.IGNORECASE,
)


@dataclass
class _Part:
    """One section while it is assembled: paragraphs as runs of sentences, then bullets."""

    paragraphs: list[list[Sentence]] = field(default_factory=list)
    bullets: list[Paragraph] = field(default_factory=list)
    bullet_spans: list[tuple[int, int, int]] = field(default_factory=list)


Sections = dict[str, _Part]


@dataclass
class _Corpus:
    sources: list[SourceText]
    by_source: list[list[Sentence]]
    blocks: list[ListBlock]
    sentences: list[Sentence]
    vectors: dict[int, Vector]
    centroid: Vector
    idf: dict[str, float]
    stated: dict[str, set[int]] = field(default_factory=dict)

    def vector(self, text: str) -> Vector:
        return _normalised(Counter(terms(text)), self.idf)


def draft_offline(sources: list[SourceText]) -> Draft:
    """Draft a story from ``sources``; citations are positions in that list."""
    if not sources:
        raise ValueError("A draft needs at least one source.")
    corpus = _corpus(sources)
    if not corpus.sentences:
        raise ValueError("The sources contain no usable sentences to draft from.")
    citations = _citations(corpus)
    corpus.centroid = _centroid(corpus, citations)
    scores = _scores(corpus, citations)
    lead_sentence = _lead(corpus, citations)
    dek = _dek(corpus, scores, lead_sentence)
    selected = _select(corpus, scores, _budget(corpus), lead_sentence, dek)
    units = _units(corpus, selected)
    lead = next(u for u in units if lead_sentence in u)
    sections = _sections(corpus, units, lead, citations)
    _introduce_people(sections, units)
    _add_bullets(corpus, sections)
    draft_sections = [
        Section(heading, [_paragraph(corpus, p, citations) for p in part.paragraphs], part.bullets)
        for heading, part in sections.items()
        if part.paragraphs
    ]
    headline = write_headline(
        lead_sentence.text,
        [source.title for source in sources],
        _other_leads(corpus, scores, lead_sentence, dek),
    )
    clean = [s for ss in corpus.by_source for s in ss if s.clean]
    # As written, lines kept: an update's labelled lines ("Length of roadway covered:
    # approximately 400 feet") are one figure each.
    conflicts = conflicts_among((s.source, sources[s.source].text[s.start : s.end]) for s in clean)
    draft = Draft(
        headline=headline,
        dek=_dated(corpus, dek) if dek else "",
        sections=draft_sections,
        key_facts=key_facts(clean, scores, event_year=_event_year(corpus)),
        provenance={
            "backend": "offline",
            "method": "extractive",
            "method_version": METHOD_VERSION,
            "label": LABEL_ONE if len(sources) == 1 else LABEL.format(n=len(sources)),
            "sources": len(sources),
            "headline_source": lead_sentence.source,
            "dek_citations": citations[dek.id] if dek else [],
            "spans": _spans(sections),
        },
    )
    _show_conflicting_values(draft, conflicts)
    return finish_draft(draft, sources, conflicts)


def _show_conflicting_values(draft: Draft, conflicts: list[Conflict]) -> None:
    """A key-fact row per value of a figure the sources disagree on, each citing its sources,
    when the draft states some of the values but not all: the draft never picks one silently.
    (The note for the editor is added by ``finish_draft``.)"""
    text = draft_to_text(draft)
    rows: list[KeyFact] = []
    for conflict in conflicts:
        stated = [value for value in conflict.values if _states(text, value)]
        if not stated or len(stated) == len(conflict.values):
            continue
        for value, cited in conflict.by_value():
            rows.append(KeyFact(f"{conflict.label}{DIFFER}", value, sorted(cited)))
    draft.key_facts[:0] = rows


def _states(text: str, value: str) -> bool:
    """Whether ``text`` states a figure written ``value`` ("about 1,200" states 1,200)."""
    numeral = re.search(r"\d[\d,.]*\d|\d", value)
    figure = numeral.group() if numeral else value
    return bool(re.search(rf"(?<![\d,.]){re.escape(figure)}(?![\d,]\d)", text))


def _normalised(counts: Counter[str], idf: dict[str, float]) -> Vector:
    return to_unit({t: c * idf.get(t, 0.0) for t, c in counts.items() if idf.get(t)})


def _corpus(sources: list[SourceText]) -> _Corpus:
    by_source: list[list[Sentence]] = []
    blocks: list[ListBlock] = []
    for index, source in enumerate(sources):
        sentences, source_blocks = segment(index, source.text or "")
        by_source.append(sentences)
        blocks.extend(b for b in source_blocks if b.intro and usable_list_intro(b.intro))
    everything = [s for ss in by_source for s in ss]
    for number, sentence in enumerate(everything):
        sentence.id = number
    mark_people(everything)
    for source, sentences in zip(sources, by_source, strict=True):
        if source.published:
            for sentence in sentences:
                if not sentence.future and not sentence.quote:
                    sentence.future = dated_ahead(sentence.text, source.published)
    usable = [s for s in everything if s.eligible]
    df: Counter[str] = Counter()
    for sentence in usable:
        df.update(set(sentence.terms))
    n = len(usable) or 1
    idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}
    vectors = {s.id: _normalised(Counter(s.terms), idf) for s in everything}
    stated: dict[str, set[int]] = defaultdict(set)
    for sentence in usable:
        for figure in sentence.numbers:
            stated[figure].add(sentence.source)
    return _Corpus(sources, by_source, blocks, usable, vectors, {}, idf, stated)


def _centroid(corpus: _Corpus, citations: dict[int, list[int]]) -> Vector:
    """What the story is about: the top TF-IDF terms, counted more in sentences near the top
    of their source and in sentences several sources carry."""
    totals: Counter[str] = Counter()
    for sentence in corpus.sentences:
        weight = len(citations[sentence.id]) / math.sqrt(1 + sentence.pos)
        for term in sentence.terms:
            totals[term] += weight
    mass = {t: c * corpus.idf[t] for t, c in totals.items()}
    top = dict(sorted(mass.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])
    return to_unit(top)


def _citations(corpus: _Corpus) -> dict[int, list[int]]:
    """For each sentence, every source that carries it: its own and those stating the same.

    Another source carries a sentence when it has a sentence holding at least 80% of its
    IDF-weighted words (60% when the sentence states a sum, a date or a tally: the same figure
    pins down the same fact), all of its figures and names and, for a quote, the same quoted
    words.
    """
    candidates = corpus.sentences + [b.intro for b in corpus.blocks if b.intro]
    postings: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in corpus.sentences:
        for term in set(sentence.terms):
            postings[term].append(sentence)
    idf = corpus.idf
    result: dict[int, list[int]] = {}
    for a in candidates:
        own = set(a.terms)
        total = sum(idf.get(t, 0.0) for t in own)
        carried = {a.source}
        threshold = (
            CARRY_WITH_FIGURE if any(strong_figure(n) for n in a.numbers) else CARRY_THRESHOLD
        )
        if total:
            prefix: list[str] = []
            acc = 0.0
            for term in sorted(own, key=lambda t: (-idf.get(t, 0.0), t)):
                prefix.append(term)
                acc += idf.get(term, 0.0)
                if acc > (1 - threshold) * total:
                    break
            quotes = [" ".join(words(q)) for q in quoted_passages(a.text)]
            for term in prefix:
                for b in postings[term]:
                    if b.source in carried or not a.numbers <= b.numbers:
                        continue
                    if not a.names <= b.vocabulary:
                        continue
                    shared = sum(idf.get(t, 0.0) for t in own.intersection(b.terms))
                    if shared / total < threshold:
                        continue
                    if quotes:
                        padded = f" {' '.join(words(b.text))} "
                        if not all(f" {q} " in padded for q in quotes if q):
                            continue
                    carried.add(b.source)
        result[a.id] = sorted(carried)
    return result


def _scores(corpus: _Corpus, citations: dict[int, list[int]]) -> dict[int, float]:
    """How much each sentence belongs in the story: central, near the top of its source, and
    carried (``citations``) or corroborated (``_corroboration``) by other sources: a fact
    several sources report ranks above one only one source does."""
    n_sources = len(corpus.sources)
    corroborated = _corroboration(corpus)
    scores: dict[int, float] = {}
    for sentence in corpus.sentences:
        centrality = cosine(corpus.vectors[sentence.id], corpus.centroid)
        position = 1 / math.sqrt(1 + sentence.pos)
        support = len(citations[sentence.id])
        agreement = math.log2(support) / math.log2(n_sources) if n_sources > 1 else 0.0
        others = corroborated[sentence.id] / (n_sources - 1) if n_sources > 1 else 0.0
        score = centrality * (0.4 + 0.6 * position) * (1 + agreement) * (1 + CORROBORATED * others)
        if sentence.n_words < 8:
            score *= 0.7
        elif sentence.n_words > 45:
            score *= 0.85
        if sentence.dangling or sentence.needs:
            score *= 0.9
        scores[sentence.id] = score
    return scores


def _corroboration(corpus: _Corpus) -> dict[int, int]:
    """For each sentence, how many other sources report its facts in their own words: they use
    at least ``CORROBORATING`` of its distinctive words (IDF-weighted; words most sources use,
    such as the place or the event, do not count), figures included."""
    n_sources = len(corpus.sources)
    source_terms = [frozenset(t for s in ss for t in s.terms) for ss in corpus.by_source]
    spread: Counter[str] = Counter(t for terms_of in source_terms for t in terms_of)
    common = max(2, math.ceil(0.75 * n_sources))
    found: dict[int, int] = {}
    for sentence in corpus.sentences:
        own = {t for t in sentence.terms if spread[t] < common}
        total = sum(corpus.idf.get(t, 0.0) for t in own)
        count = 0
        if total and n_sources > 1:
            for index, terms_of in enumerate(source_terms):
                if index == sentence.source:
                    continue
                shared = sum(corpus.idf.get(t, 0.0) for t in own & terms_of)
                count += shared / total >= CORROBORATING
        found[sentence.id] = count
    return found


def _budget(corpus: _Corpus) -> int:
    """Target length in words: longer for more sources, never most of what the sources say."""
    available = sum(s.n_words for s in corpus.sentences)
    target = min(MAX_WORDS, 175 + 60 * len(corpus.sources))
    return max(60, min(target, int(available * 0.6)))


def _chain(corpus: _Corpus, sentence: Sentence) -> list[Sentence] | None:
    """The sentence with the ones before it that it depends on, or None if it cannot stand.

    It depends on the one before when it is dangling, and on the nearest one before (within
    ``MAX_CHAIN``) giving the full name of a person it calls by surname alone. A surname no
    sentence nearby introduces is left for ``_select`` to check against the story so far.
    """
    chain = [sentence]
    needs = set(sentence.needs)
    while True:
        first = chain[0]
        if not first.dangling and not needs:
            return chain
        reach = max(0, MAX_CHAIN - len(chain))
        earlier = corpus.by_source[first.source][max(0, first.pos - reach) : first.pos]
        earlier = earlier if reach else []
        if not first.dangling and not any(needs & s.introduces for s in earlier):
            return chain
        if not earlier or not earlier[-1].eligible:
            return None if first.dangling else chain
        previous = earlier[-1]
        chain.insert(0, previous)
        needs = (needs - previous.introduces) | set(previous.needs)


def _unintroduced(sentences: Iterable[Sentence], introduced: set[str]) -> set[str]:
    """Surnames the sentences use, in order, before any of them (or ``introduced``) gives them."""
    known = set(introduced)
    missing: set[str] = set()
    for sentence in sentences:
        missing |= sentence.needs - known
        known |= sentence.introduces
    return missing


def _novelty(corpus: _Corpus, sentence: Sentence, covered: set[str]) -> float:
    """The IDF-weighted share of the sentence's terms (figures included) not in ``covered``."""
    own = set(sentence.terms)
    total = sum(corpus.idf.get(t, 0.0) for t in own)
    if not total:
        return 0.0
    return sum(corpus.idf.get(t, 0.0) for t in own - covered) / total


def _says_little(corpus: _Corpus, sentence: Sentence, covered: set[str]) -> bool:
    """True when less than ``NOVEL`` of the sentence (IDF-weighted terms, figures included) is
    not ``covered`` by the terms of the sentences chosen already."""
    return _novelty(corpus, sentence, covered) < NOVEL


def _restates(corpus: _Corpus, sentence: Sentence, lead: Sentence) -> bool:
    """True for another source's opening telling the lead's news again: related words, and no
    name or figure the lead does not give ("Floodwater swept through Marrowby on Saturday
    night" after "Storm Ilsa flooded homes in Marrowby on Saturday night")."""
    sentences = corpus.by_source[sentence.source]
    opening = next((s for s in sentences if s.eligible), None)
    if sentence is not opening or sentence is lead:
        return False
    if cosine(corpus.vectors[sentence.id], corpus.vectors[lead.id]) <= SAME_FIGURE:
        return False
    return not (sentence.numbers - lead.numbers) and not (
        sentence.names - lead.vocabulary - _WEEKDAYS
    )


def _select(
    corpus: _Corpus,
    scores: dict[int, float],
    budget: int,
    lead: Sentence,
    dek: Sentence | None = None,
) -> set[int]:
    """Greedy maximal marginal relevance over the best-scoring sentences, within ``budget``.

    The lead is chosen first, so that nothing repeating it is picked; nothing repeating the dek
    is picked either, and the dek itself stays out of the body. A sentence mostly saying what is
    already chosen is left out (``_says_little``), and so is another source's opening telling
    the lead's news again (``_restates``).
    """
    pool = sorted(corpus.sentences, key=lambda s: (-scores[s.id], s.id))[:POOL]
    for taken in (lead, dek):
        if taken in pool:
            pool.remove(taken)
    top = max(scores[lead.id], scores[pool[0].id] if pool else 0.0) or 1.0
    chosen: list[Sentence] = []
    chosen_ids: set[int] = set()
    introduced: set[str] = set()
    covered: set[str] = set(dek.terms) if dek else set()
    used = 0
    redundancy = {s.id: 0.0 for s in pool}
    if dek is not None:
        vector = corpus.vectors[dek.id]
        for other in pool:
            redundancy[other.id] = cosine(vector, corpus.vectors[other.id])
    first: Sentence | None = lead
    while (pool or first) and used < budget * 0.95:
        if first is not None:
            best, first = first, None
        else:
            best = max(
                pool,
                key=lambda s: MMR_LAMBDA * scores[s.id] / top - (1 - MMR_LAMBDA) * redundancy[s.id],
            )
            pool.remove(best)
        if best.id in chosen_ids or redundancy.get(best.id, 0.0) > REDUNDANT:
            continue
        chain = _chain(corpus, best) or ([best] if best is lead else None)
        if chain is None or (dek is not None and dek in chain):
            continue
        if best is not lead and _unintroduced(chain, introduced):
            continue
        new = [s for s in chain if s.id not in chosen_ids]
        if best is not lead and any(
            _repeats(corpus, s, [*chosen, dek] if dek is not None else chosen)
            or _says_little(corpus, s, covered)
            or _restates(corpus, s, lead)
            or _colour(corpus, s, chain)
            for s in new
        ):
            continue
        cost = sum(s.n_words for s in new)
        if chosen and used + cost > budget:
            continue
        for sentence in new:
            chosen.append(sentence)
            chosen_ids.add(sentence.id)
            introduced |= sentence.introduces
            covered.update(sentence.terms)
            used += sentence.n_words
            vector = corpus.vectors[sentence.id]
            for other in pool:
                redundancy[other.id] = max(
                    redundancy[other.id], cosine(vector, corpus.vectors[other.id])
                )
    return chosen_ids


_DID = re.compile(r"\b(?:voted|resigned|died|was\s+(?:named|appointed|elected|charged|arrested))\b")


def _colour(corpus: _Corpus, sentence: Sentence, chain: list[Sentence]) -> bool:
    """A feature's scene-setting line on its own: a short sentence with no figure and no quote
    that introduces a person no other source names, when nothing with it says who they are
    ("Carol Whitlock was awake before her alarm on Wednesday.")."""
    if sentence.numbers or sentence.quote or sentence.n_words > 12 or not sentence.introduces:
        return False
    if sentence.speech or TITLES & set(words(sentence.text)) or _DID.search(sentence.text):
        return False  # "Councillors ... voted against", "Board chair Thorne said": news
    if any(s is not sentence and s.quote and sentence.introduces & s.needs for s in chain):
        return False  # the chain goes on to what they said
    others = [s for s in corpus.sentences if s.source != sentence.source]
    return not any(sentence.introduces & s.names for s in others)


def _repeats(corpus: _Corpus, sentence: Sentence, chosen: list[Sentence]) -> bool:
    """True when a chosen sentence already says this (similar words, or a similar sentence with
    figures: the same ones repeat it, different ones contradict it)."""
    vector = corpus.vectors[sentence.id]
    for other in chosen:
        similarity = cosine(vector, corpus.vectors[other.id])
        if similarity > REDUNDANT:
            return True
        if similarity > SAME_FIGURE and sentence.numbers and other.numbers:
            return True
    return False


def _depends(sentence: Sentence, unit: list[Sentence]) -> bool:
    """True when ``sentence`` leans on the run ``unit`` just before it."""
    return sentence.dangling or bool(sentence.needs & {n for s in unit for n in s.introduces})


def _units(corpus: _Corpus, selected: set[int]) -> list[list[Sentence]]:
    """Selected sentences in runs that must stay together: a dependent one follows its referent."""
    units: list[list[Sentence]] = []
    for sentences in corpus.by_source:
        for sentence in sentences:
            if sentence.id not in selected:
                continue
            if units and units[-1][-1].id == sentence.id - 1 and _depends(sentence, units[-1]):
                units[-1].append(sentence)
            else:
                units.append([sentence])
    return units


def _lead(corpus: _Corpus, citations: dict[int, list[int]]) -> Sentence:
    """The news sentence that opens the story: among the sources' opening sentences, the most
    central one whose facts the other sources support most (``_support``), saying when it
    happened, the more so the more figures it states that the sources agree on (``_news``).

    A source's opening is its first standalone sentence that is not a quote (furniture such as
    a title, a byline or a dateline is blanked before); only when no source has one does any
    sentence compete, discounted by its distance from the top. An opening about an earlier year
    is background, not news. The lead cites every source supporting it: most of its words,
    its names and every one of its figures.
    """
    event_year = _event_year(corpus)
    rank = {s.id: r for ss in corpus.by_source for r, s in enumerate(x for x in ss if x.eligible)}
    source_terms = [frozenset(t for s in ss for t in s.terms) for ss in corpus.by_source]
    source_words = [frozenset(w for s in ss for w in s.vocabulary) for ss in corpus.by_source]
    openings = []
    for sentences in corpus.by_source:
        first = next((s for s in sentences if s.eligible), None)
        if first is not None and not first.dangling and not first.quote:
            openings.append(first)
    standalone = [s for s in corpus.sentences if not s.dangling and not s.quote]
    candidates = openings or standalone or corpus.sentences
    support = {s.id: _support(corpus, s, source_terms) for s in candidates}
    others = max(1, len(corpus.sources) - 1)
    agreed = {
        i: sum(share for _, share in shares.values()) / others for i, shares in support.items()
    }

    def lead_score(sentence: Sentence) -> tuple[float, int]:
        prior = 1.0 / math.sqrt(1 + rank[sentence.id])
        if _category([sentence], event_year, funding=False) == BACKGROUND and not (
            sentence.years and _WHEN.search(sentence.text)
        ):
            prior *= 0.5  # not "closed on Monday ... while the 1934 span is replaced"
        if sentence.future:
            prior *= 0.8
        if sentence.reaction:
            prior *= 0.6
        if sentence.n_words < 10:
            prior *= 0.7
        if _WHEN.search(sentence.text):
            prior *= 1 + LEAD_WHEN
        elif _RELATIVE_DAY.search(sentence.text):
            prior *= 1 - LEAD_WHEN
        if _ONGOING.search(sentence.text):
            prior *= 1 - LEAD_WHEN
        centrality = cosine(corpus.vectors[sentence.id], corpus.centroid)
        news = 1 + LEAD_NEWS * min(_news(corpus, sentence.numbers), 2.0)
        return centrality * prior * (1 + LEAD_AGREED * agreed[sentence.id]) * news, -sentence.id

    lead = max(candidates, key=lead_score)
    supporting = {
        j
        for j, (_, share) in support[lead.id].items()
        if share >= LEAD_SUPPORT
        and all(f"#{n}" in source_terms[j] for n in lead.numbers)
        and lead.names <= source_words[j]
    }
    citations[lead.id] = sorted(set(citations[lead.id]) | supporting)
    return lead


def _support(
    corpus: _Corpus, sentence: Sentence, source_terms: list[frozenset[str]]
) -> dict[int, tuple[float, float]]:
    """For every other source, the IDF-weighted mass of the sentence's words (figures
    included) it uses, and that mass as a share of the sentence's."""
    own = set(sentence.terms)
    total = sum(corpus.idf.get(t, 0.0) for t in own)
    shares: dict[int, tuple[float, float]] = {}
    for index, terms_of_source in enumerate(source_terms):
        if index == sentence.source or not total:
            continue
        mass = sum(corpus.idf.get(t, 0.0) for t in own & terms_of_source)
        shares[index] = (mass, mass / total)
    return shares


def _other_leads(
    corpus: _Corpus, scores: dict[int, float], lead: Sentence, dek: Sentence | None
) -> list[str]:
    """What else a headline could be written from, when the lead's is broken: the standfirst,
    then each other source's first sentence that can stand, best first."""
    openings = []
    for sentences in corpus.by_source:
        first = next((s for s in sentences if s.eligible and not s.quote), None)
        if first is not None and first is not lead and first is not dek:
            openings.append(first)
    openings.sort(key=lambda s: -scores[s.id])
    return [s.text for s in ([dek] if dek is not None else []) + openings]


def _dek(corpus: _Corpus, scores: dict[int, float], lead: Sentence) -> Sentence | None:
    """The sentence under the headline: the most important one adding news to the lead.

    Standalone, short, not a quote, a reaction or background, and not one another sentence
    leans on. Its score is weighed by how much of it is new after the lead and lifted by the
    new figures and dates it states, the more so the more sources state them.
    """
    if len(corpus.sentences) < 4:
        return None
    event_year = _event_year(corpus)
    covered = set(lead.terms)
    best: tuple[float, int, Sentence] | None = None
    for sentence in corpus.sentences:
        if (
            sentence is lead
            or sentence.dangling
            or sentence.needs
            or sentence.quote
            or sentence.reaction
            or sentence.list_intro
            or not DEK_MIN_WORDS <= sentence.n_words <= DEK_MAX_WORDS
            or _category([sentence], event_year) == BACKGROUND
            or _leaned_on(corpus, sentence)
        ):
            continue
        novelty = _novelty(corpus, sentence, covered)
        if novelty < DEK_NOVEL or _restates(corpus, sentence, lead):
            continue
        news = _news(corpus, sentence.numbers - lead.numbers)
        value = scores[sentence.id] * novelty * (1 + min(news, 1.5))
        if best is None or (value, -sentence.id) > best[:2]:
            best = (value, -sentence.id, sentence)
    return best[2] if best else None


def _news(corpus: _Corpus, figures: Iterable[str]) -> float:
    """What figures say: each counts by its weight and the share of sources stating it."""
    n_sources = len(corpus.sources)
    return sum(_figure_weight(f) * len(corpus.stated.get(f, ())) / n_sources for f in figures)


def _figure_weight(figure: str) -> float:
    """How much a figure (canonical form) says: sums, dates, tallies and ranges most; a year
    nothing."""
    if strong_figure(figure):
        return 1.0
    try:
        value = float(figure)
    except ValueError:
        return 0.25
    if value.is_integer() and 1900 <= value <= 2100:
        return 0.0
    return 0.5 if value >= 10 else 0.25


def _leaned_on(corpus: _Corpus, sentence: Sentence) -> bool:
    sentences = corpus.by_source[sentence.source]
    following = sentences[sentence.pos + 1] if sentence.pos + 1 < len(sentences) else None
    return following is not None and _depends(following, [sentence])


def _category(unit: list[Sentence], event_year: int | None, *, funding: bool = True) -> str:
    first = unit[0]
    if any(s.reaction for s in unit):
        return REACTION
    if first.background_cue or (event_year and first.years and max(first.years) < event_year):
        return BACKGROUND
    if funding and any(s.money and _FUNDING.search(s.text) for s in unit):
        return FUNDING
    if first.future:
        return NEXT
    return HAPPENED


def _event_year(corpus: _Corpus) -> int | None:
    years = [s.published.year for s in corpus.sources if s.published]
    if years:
        return Counter(years).most_common(1)[0][0]
    mentioned = [y for s in corpus.sentences for y in s.years]
    return max(mentioned) if mentioned else None


def _sections(
    corpus: _Corpus,
    units: list[list[Sentence]],
    lead: list[Sentence],
    citations: dict[int, list[int]],
) -> Sections:
    """Group units into typed sections of paragraphs; the lead opens the untitled first one.

    Cost and funding get a section of their own only when it would hold two sentences or more.
    """
    event_year = _event_year(corpus)
    groups: dict[str, list[list[Sentence]]] = {heading: [] for heading in SECTION_ORDER}
    for unit in units:
        if unit is not lead:
            groups[_category(unit, event_year)].append(unit)
    if sum(len(u) for u in groups[FUNDING]) < MIN_FUNDING_SENTENCES:
        for unit in groups[FUNDING]:
            groups[_category(unit, event_year, funding=False)].append(unit)
        groups[FUNDING] = []
    for group in groups.values():
        group.sort(key=lambda u: _reading_order(corpus, u[0]))
    opening = _Builder(corpus, citations)
    opening.add(lead, anywhere=False)
    follower = None
    if len(opening.paragraphs) == 1:
        follower = _lead_follower(corpus, lead, groups[HAPPENED], citations)
    if follower is not None:
        groups[HAPPENED].remove(follower)
        opening.add(follower, anywhere=False)
    sections: Sections = {LEAD_HEADING: _Part(opening.paragraphs[:1])}
    rest = opening.paragraphs[1:]
    for heading in SECTION_ORDER[1:]:
        builder = _Builder(corpus, citations)
        if heading == HAPPENED:
            builder.paragraphs.extend(rest)
            builder.closed.update(id(p) for p in rest)
        for unit in groups[heading]:
            builder.add(unit)
        sections[heading] = _Part(builder.finish())
    return sections


def _reading_order(corpus: _Corpus, sentence: Sentence) -> tuple[float, float, int]:
    source = corpus.sources[sentence.source]
    relative = sentence.pos / max(1, len(corpus.by_source[sentence.source]))
    published = source.published.timestamp() if source.published else 0.0
    return (round(relative, 2), published, sentence.source)


def _lead_follower(
    corpus: _Corpus,
    lead: list[Sentence],
    candidates: list[list[Sentence]],
    citations: dict[int, list[int]],
) -> list[Sentence] | None:
    """A second opening sentence carried by the same sources as the lead: the lead's own
    successor, else the closest related one."""
    cited = _cited(lead, citations)
    candidates = [u for u in candidates if len(u) == 1 and _cited(u, citations) == cited]
    last = lead[-1]
    for unit in candidates:
        if unit[0].source == last.source and unit[0].pos == last.pos + 1:
            return unit
    lead_vector = _unit_vector(corpus, lead)
    scored = [
        (cosine(lead_vector, _unit_vector(corpus, u)), u) for u in candidates if u[0].n_words <= 35
    ]
    best = max(scored, key=lambda item: item[0], default=None)
    return best[1] if best and best[0] >= 2 * RELATED else None


def _unit_vector(corpus: _Corpus, sentences: Iterable[Sentence]) -> Vector:
    total: Counter[str] = Counter()
    for sentence in sentences:
        total.update(sentence.terms)
    return _normalised(total, corpus.idf)


def _cited(sentences: Iterable[Sentence], citations: dict[int, list[int]]) -> frozenset[int]:
    """The sources carrying every one of ``sentences``."""
    sets = [set(citations[s.id]) for s in sentences]
    return frozenset(set.intersection(*sets)) if sets else frozenset()


def _segments(unit: list[Sentence], citations: dict[int, list[int]]) -> list[list[Sentence]]:
    """A unit cut where it may change paragraph: before a sentence that only needs a name from
    the one before (not a pronoun or a connective) and is carried by other sources."""
    segments = [[unit[0]]]
    for sentence in unit[1:]:
        if not sentence.dangling and citations[sentence.id] != citations[segments[-1][-1].id]:
            segments.append([sentence])
        else:
            segments[-1].append(sentence)
    return segments


class _Builder:
    """Paragraphs of one section: two or three related sentences carried by the same sources.

    Units arrive in reading order; each joins the open paragraph it relates to most (its
    source's previous sentence counts as most related) when every sentence of both is carried
    by the same sources, else starts a new one. A unit cut into segments (``_segments``) fills
    consecutive paragraphs that nothing else may come between.
    """

    def __init__(self, corpus: _Corpus, citations: dict[int, list[int]]) -> None:
        self.corpus = corpus
        self.citations = citations
        self.paragraphs: list[list[Sentence]] = []
        self.closed: set[int] = set()  # paragraphs nothing may be appended to
        self.headed: set[int] = set()  # paragraphs nothing may be put in front of

    def fits(self, paragraph: list[Sentence], unit: list[Sentence]) -> bool:
        return (
            len(paragraph) + len(unit) <= MAX_PARAGRAPH_SENTENCES
            and sum(s.n_words for s in paragraph + unit) <= MAX_PARAGRAPH_WORDS
            and _cited(paragraph, self.citations) == _cited(unit, self.citations)
        )

    def add(self, unit: list[Sentence], *, anywhere: bool = True) -> None:
        segments = _segments(unit, self.citations)
        first = segments[0]
        options = self.paragraphs if anywhere and len(segments) == 1 else self.paragraphs[-1:]
        best: list[Sentence] | None = None
        best_similarity = RELATED
        vector = _unit_vector(self.corpus, first)
        for paragraph in options:
            if id(paragraph) in self.closed or not self.fits(paragraph, first):
                continue
            last = paragraph[-1]
            if last.source == first[0].source and last.pos + 1 == first[0].pos:
                similarity = 1.0
            else:
                similarity = cosine(_unit_vector(self.corpus, paragraph), vector)
            if similarity > best_similarity:
                best, best_similarity = paragraph, similarity
        if best is None:
            best = list(first)
            self.paragraphs.append(best)
        else:
            best.extend(first)
        for rest in segments[1:]:
            self.closed.add(id(best))
            best = list(rest)
            self.headed.add(id(best))
            self.paragraphs.append(best)

    def finish(self) -> list[list[Sentence]]:
        """Join a one-sentence paragraph to a neighbour it loosely relates to, when allowed."""
        paragraphs = self.paragraphs
        index = 0
        while index < len(paragraphs):
            paragraph = paragraphs[index]
            pinned = id(paragraph) in self.closed or id(paragraph) in self.headed
            if len(paragraph) == 1 and len(paragraphs) > 1 and not pinned:
                vector = _unit_vector(self.corpus, paragraph)
                options = []
                for other in (index - 1, index + 1):
                    if not 0 <= other < len(paragraphs):
                        continue
                    neighbour = paragraphs[other]
                    blocked = self.closed if other < index else self.headed
                    if id(neighbour) in blocked or not self.fits(neighbour, paragraph):
                        continue
                    similarity = cosine(vector, _unit_vector(self.corpus, neighbour))
                    if similarity > RELATED / 2:
                        options.append((similarity, other))
                if options:
                    _, other = max(options)
                    if other < index:
                        paragraphs[other].extend(paragraph)
                    else:
                        paragraphs[other][:0] = paragraph
                    del paragraphs[index]
                    continue
            index += 1
        return paragraphs


def _paragraph(
    corpus: _Corpus, sentences: list[Sentence], citations: dict[int, list[int]]
) -> Paragraph:
    """The paragraph citing the sources that carry every one of its sentences, each saying the
    day it means ("today" in a source is the day it was published)."""
    text = " ".join(_dated(corpus, s) for s in sentences)
    return Paragraph(text, sorted(_cited(sentences, citations)))


def _dated(corpus: _Corpus, sentence: Sentence) -> str:
    published = corpus.sources[sentence.source].published
    return resolve_relative_days(sentence.text, published.date() if published else None)


def _introduce_people(sections: Sections, units: list[list[Sentence]]) -> None:
    """Leave out any unit that calls a person by surname before the story names them in full.

    ``_select`` and the units make this rare; it can happen when paragraphs are ordered.
    """
    unit_of = {s.id: unit for unit in units for s in unit}
    lead = next(iter(sections.values())).paragraphs[0][0]
    opening = {s.id for s in unit_of[lead.id]}
    while True:
        introduced: set[str] = set()
        offender: list[Sentence] | None = None
        for part in sections.values():
            for paragraph in part.paragraphs:
                for sentence in paragraph:
                    if sentence.needs - introduced and sentence.id not in opening:
                        offender = unit_of[sentence.id]
                        break
                    introduced |= sentence.introduces
                if offender:
                    break
            if offender:
                break
        if offender is None:
            return
        drop = {s.id for s in offender}
        for part in sections.values():
            part.paragraphs = [
                kept for p in part.paragraphs if (kept := [s for s in p if s.id not in drop])
            ]


def _add_bullets(corpus: _Corpus, sections: Sections) -> None:
    """Attach the most relevant enumerated list, after the sentence that introduces it.

    An item cites its own source and any other source listing the same item.
    """
    ranked = []
    for block in corpus.blocks:
        if block.intro is None:
            continue
        vector = corpus.vector(block.intro.text + " " + " ".join(i.text for i in block.items))
        ranked.append((cosine(vector, corpus.centroid), -block.source, block, block.intro))
    if not ranked:
        return
    relevance, _, block, intro = max(ranked, key=lambda item: item[:2])
    if relevance < LIST_RELEVANCE:
        return
    heading = _category([intro], _event_year(corpus))
    part = sections[HAPPENED if heading == LEAD_HEADING else heading]
    part.paragraphs.append([intro])
    listed: dict[str, set[int]] = defaultdict(set)
    for other in corpus.blocks:
        for item in other.items:
            listed[" ".join(words(item.text))].add(other.source)
    for item in block.items:
        cited = sorted({block.source} | listed[" ".join(words(item.text))])
        part.bullets.append(Paragraph(normalise_space(item.text), cited))
        part.bullet_spans.append((block.source, item.start, item.end))


def _spans(sections: Sections) -> list[dict[str, int]]:
    """Where each sentence and bullet of the draft comes from: source and character offsets.

    Each entry has ``section`` and either ``paragraph`` or ``bullet`` (indexes in the draft),
    plus ``source``, ``start`` and ``end`` (offsets into that source's text).
    """
    spans: list[dict[str, int]] = []
    index = 0
    for part in sections.values():
        if not part.paragraphs:
            continue
        for number, paragraph in enumerate(part.paragraphs):
            for sentence in paragraph:
                spans.append(
                    {
                        "section": index,
                        "paragraph": number,
                        "source": sentence.source,
                        "start": sentence.start,
                        "end": sentence.end,
                    }
                )
        for number, (source, start, end) in enumerate(part.bullet_spans):
            spans.append(
                {"section": index, "bullet": number, "source": source, "start": start, "end": end}
            )
        index += 1
    return spans
