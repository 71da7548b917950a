"""The offline drafting backend: an extractive multi-document summariser.

No model is involved: every sentence of the draft is copied (whitespace aside) from a source,
so the fact-checker can find it verbatim. Scoring is centroid TF-IDF similarity, lifted for
sentences near the top of their source and for sentences that several sources carry (those cite
every source carrying them). Maximal marginal relevance removes redundancy. A sentence that
leans on the one before it ("She said...", "However...") is only used together with that one.
The story is then ordered (the most central news sentence leads, the rest by position within the
sources) and grouped into short, content-typed sections of two- or three-sentence paragraphs.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from articles.nlp import SourceText, words

from .extract import (
    ListBlock,
    Sentence,
    looks_like_instruction,
    normalise_space,
    quoted_passages,
    segment,
    terms,
    usable_list_intro,
)
from .facts import key_facts
from .types import Draft, Paragraph, Section

METHOD_VERSION = "extractive-v1"
LABEL = "Extractive summary of {n} sources: every sentence is quoted from the cited source."
LABEL_ONE = "Extractive summary of 1 source: every sentence is quoted from the cited source."

LEAD_HEADING = ""
HAPPENED = "What happened"
REACTION = "Reaction"
BACKGROUND = "Background"
NEXT = "What comes next"
SECTION_ORDER = (LEAD_HEADING, HAPPENED, REACTION, BACKGROUND, NEXT)

CENTROID_TERMS = 40
CARRY_THRESHOLD = 0.8
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
HEADLINE_MAX_WORDS = 16
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ")

Vector = dict[str, float]


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
    selected = _select(corpus, scores, _budget(corpus), lead_sentence)
    units = _units(corpus, selected)
    lead = next(u for u in units if lead_sentence in u)
    dek_unit = _dek(units, lead, scores)
    body = [u for u in units if u is not dek_unit]
    sections = _sections(corpus, body, lead)
    _add_bullets(corpus, sections)
    draft_sections = [
        Section(heading, [_paragraph(p, citations) for p in part.paragraphs], part.bullets)
        for heading, part in sections.items()
        if part.paragraphs
    ]
    headline, headline_source = _headline(corpus, lead[0])
    dek = dek_unit[0] if dek_unit else None
    return Draft(
        headline=headline,
        dek=dek.text if dek else "",
        sections=draft_sections,
        key_facts=key_facts(corpus.sentences, scores),
        provenance={
            "backend": "offline",
            "method": "extractive",
            "method_version": METHOD_VERSION,
            "label": LABEL_ONE if len(sources) == 1 else LABEL.format(n=len(sources)),
            "sources": len(sources),
            "headline_source": headline_source,
            "dek_citations": citations[dek.id] if dek else [],
            "spans": _spans(sections),
        },
    )


def _normalised(counts: Counter[str], idf: dict[str, float]) -> Vector:
    vector = {t: c * idf.get(t, 0.0) for t, c in counts.items() if idf.get(t)}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


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
    usable = [s for s in everything if s.eligible]
    df: Counter[str] = Counter()
    for sentence in usable:
        df.update(set(sentence.terms))
    n = len(usable) or 1
    idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}
    vectors = {s.id: _normalised(Counter(s.terms), idf) for s in everything}
    return _Corpus(sources, by_source, blocks, usable, vectors, {}, idf)


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
    norm = math.sqrt(sum(v * v for v in top.values())) or 1.0
    return {t: v / norm for t, v in top.items()}


def _citations(corpus: _Corpus) -> dict[int, list[int]]:
    """For each sentence, every source that carries it: its own and those stating the same.

    Another source carries a sentence when it has a sentence holding at least 80% of its
    IDF-weighted words, all of its figures and names and, for a quote, the same quoted words.
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
        if total:
            prefix: list[str] = []
            acc = 0.0
            for term in sorted(own, key=lambda t: (-idf.get(t, 0.0), t)):
                prefix.append(term)
                acc += idf.get(term, 0.0)
                if acc > (1 - CARRY_THRESHOLD) * total:
                    break
            quotes = [" ".join(words(q)) for q in quoted_passages(a.text)]
            for term in prefix:
                for b in postings[term]:
                    if b.source in carried or not a.numbers <= b.numbers:
                        continue
                    if not a.names <= b.vocabulary:
                        continue
                    shared = sum(idf.get(t, 0.0) for t in own.intersection(b.terms))
                    if shared / total < CARRY_THRESHOLD:
                        continue
                    if quotes:
                        padded = f" {' '.join(words(b.text))} "
                        if not all(f" {q} " in padded for q in quotes if q):
                            continue
                    carried.add(b.source)
        result[a.id] = sorted(carried)
    return result


def _scores(corpus: _Corpus, citations: dict[int, list[int]]) -> dict[int, float]:
    n_sources = len(corpus.sources)
    scores: dict[int, float] = {}
    for sentence in corpus.sentences:
        centrality = _cosine(corpus.vectors[sentence.id], corpus.centroid)
        position = 1 / math.sqrt(1 + sentence.pos)
        support = len(citations[sentence.id])
        agreement = math.log2(support) / math.log2(n_sources) if n_sources > 1 else 0.0
        score = centrality * (0.4 + 0.6 * position) * (1 + agreement)
        if sentence.n_words < 8:
            score *= 0.7
        elif sentence.n_words > 45:
            score *= 0.85
        if sentence.dangling:
            score *= 0.9
        scores[sentence.id] = score
    return scores


def _budget(corpus: _Corpus) -> int:
    """Target length in words: longer for more sources, never most of what the sources say."""
    available = sum(s.n_words for s in corpus.sentences)
    target = min(MAX_WORDS, 150 + 50 * len(corpus.sources))
    return max(60, min(target, int(available * 0.6)))


def _chain(corpus: _Corpus, sentence: Sentence) -> list[Sentence] | None:
    """The sentence with the ones before it that it depends on, or None if it cannot stand."""
    chain = [sentence]
    current = sentence
    while current.dangling:
        if current.pos == 0 or len(chain) >= MAX_CHAIN:
            return None
        previous = corpus.by_source[current.source][current.pos - 1]
        if not previous.eligible:
            return None
        chain.insert(0, previous)
        current = previous
    return chain


def _select(corpus: _Corpus, scores: dict[int, float], budget: int, lead: Sentence) -> set[int]:
    """Greedy maximal marginal relevance over the best-scoring sentences, within ``budget``.

    The lead is chosen first, so that nothing repeating it is picked.
    """
    pool = sorted(corpus.sentences, key=lambda s: (-scores[s.id], s.id))[:POOL]
    if lead in pool:
        pool.remove(lead)
    top = max(scores[lead.id], scores[pool[0].id] if pool else 0.0) or 1.0
    chosen: list[Sentence] = []
    chosen_ids: set[int] = set()
    used = 0
    redundancy = {s.id: 0.0 for s in pool}
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
        if chain is None:
            continue
        new = [s for s in chain if s.id not in chosen_ids]
        if any(_repeats(corpus, s, chosen) for s in new):
            continue
        cost = sum(s.n_words for s in new)
        if chosen and used + cost > budget:
            continue
        for sentence in new:
            chosen.append(sentence)
            chosen_ids.add(sentence.id)
            used += sentence.n_words
            vector = corpus.vectors[sentence.id]
            for other in pool:
                redundancy[other.id] = max(
                    redundancy[other.id], _cosine(vector, corpus.vectors[other.id])
                )
    return chosen_ids


def _repeats(corpus: _Corpus, sentence: Sentence, chosen: list[Sentence]) -> bool:
    """True when a chosen sentence already says this (similar words, or a similar sentence with
    figures: the same ones repeat it, different ones contradict it)."""
    vector = corpus.vectors[sentence.id]
    for other in chosen:
        similarity = _cosine(vector, corpus.vectors[other.id])
        if similarity > REDUNDANT:
            return True
        if similarity > SAME_FIGURE and sentence.numbers and other.numbers:
            return True
    return False


def _units(corpus: _Corpus, selected: set[int]) -> list[list[Sentence]]:
    """Selected sentences in runs that must stay together: a dangling one follows its referent."""
    units: list[list[Sentence]] = []
    for sentences in corpus.by_source:
        for sentence in sentences:
            if sentence.id not in selected:
                continue
            if sentence.dangling and units and units[-1][-1].id == sentence.id - 1:
                units[-1].append(sentence)
            else:
                units.append([sentence])
    return units


def _lead(corpus: _Corpus, citations: dict[int, list[int]]) -> Sentence:
    """The most central news sentence among the sources' opening sentences.

    A source's opening is its first standalone sentence that is not a quote; only when no
    source has one does any sentence compete, discounted by its distance from the top.
    """
    n_sources = len(corpus.sources)

    def lead_score(sentence: Sentence) -> tuple[float, int]:
        prior = 1.0 / math.sqrt(1 + sentence.pos)
        if sentence.future:
            prior *= 0.8
        if sentence.reaction:
            prior *= 0.6
        if sentence.n_words < 10:
            prior *= 0.7
        support = len(citations[sentence.id])
        agreement = math.log2(support) / math.log2(n_sources) if n_sources > 1 else 0.0
        centrality = _cosine(corpus.vectors[sentence.id], corpus.centroid)
        return centrality * prior * (1 + 0.15 * agreement), -sentence.id

    openings = []
    for sentences in corpus.by_source:
        first = next((s for s in sentences if s.eligible), None)
        if first is not None and not first.dangling and not first.quote:
            openings.append(first)
    standalone = [s for s in corpus.sentences if not s.dangling and not s.quote]
    return max(openings or standalone or corpus.sentences, key=lead_score)


def _dek(
    units: list[list[Sentence]], lead: list[Sentence], scores: dict[int, float]
) -> list[Sentence] | None:
    """A second key sentence for under the headline: standalone, short, not a quote."""
    candidates = [
        u
        for u in units
        if u is not lead
        and len(u) == 1
        and not u[0].quote
        and not u[0].reaction
        and u[0].n_words <= DEK_MAX_WORDS
    ]
    if not candidates or len(units) < 3:
        return None
    return max(
        candidates, key=lambda u: (scores[u[0].id] * (0.8 if u[0].future else 1.0), -u[0].id)
    )


def _category(unit: list[Sentence], event_year: int | None) -> str:
    first = unit[0]
    if any(s.reaction for s in unit):
        return REACTION
    if first.future:
        return NEXT
    if first.background_cue or (event_year and first.years and max(first.years) < event_year):
        return BACKGROUND
    return HAPPENED


def _event_year(corpus: _Corpus) -> int | None:
    years = [s.published.year for s in corpus.sources if s.published]
    if years:
        return Counter(years).most_common(1)[0][0]
    mentioned = [y for s in corpus.sentences for y in s.years]
    return max(mentioned) if mentioned else None


def _sections(corpus: _Corpus, units: list[list[Sentence]], lead: list[Sentence]) -> Sections:
    """Group units into typed sections of paragraphs; the lead opens the untitled first one."""
    event_year = _event_year(corpus)
    groups: dict[str, list[list[Sentence]]] = {heading: [] for heading in SECTION_ORDER}
    for unit in units:
        if unit is not lead:
            groups[_category(unit, event_year)].append(unit)
    for group in groups.values():
        group.sort(key=lambda u: _reading_order(corpus, u[0]))
    opening = list(lead)
    follower = _lead_follower(corpus, lead, groups[HAPPENED])
    if follower is not None:
        groups[HAPPENED].remove(follower)
        opening.extend(follower)
    sections: Sections = {LEAD_HEADING: _Part([opening])}
    for heading in SECTION_ORDER[1:]:
        sections[heading] = _Part(_paragraphs(corpus, groups[heading]))
    return sections


def _reading_order(corpus: _Corpus, sentence: Sentence) -> tuple[float, float, int]:
    source = corpus.sources[sentence.source]
    relative = sentence.pos / max(1, len(corpus.by_source[sentence.source]))
    published = source.published.timestamp() if source.published else 0.0
    return (round(relative, 2), published, sentence.source)


def _lead_follower(
    corpus: _Corpus, lead: list[Sentence], candidates: list[list[Sentence]]
) -> list[Sentence] | None:
    """A second opening sentence: the lead's own successor, else the closest related one."""
    last = lead[-1]
    for unit in candidates:
        if unit[0].source == last.source and unit[0].pos == last.pos + 1:
            return unit
    lead_vector = _unit_vector(corpus, lead)
    scored = [
        (_cosine(lead_vector, _unit_vector(corpus, u)), u)
        for u in candidates
        if len(u) == 1 and u[0].n_words <= 35
    ]
    best = max(scored, key=lambda item: item[0], default=None)
    return best[1] if best and best[0] >= 2 * RELATED else None


def _unit_vector(corpus: _Corpus, sentences: Iterable[Sentence]) -> Vector:
    total: Counter[str] = Counter()
    for sentence in sentences:
        total.update(sentence.terms)
    return _normalised(total, corpus.idf)


def _paragraphs(corpus: _Corpus, units: list[list[Sentence]]) -> list[list[Sentence]]:
    """Two or three related sentences per paragraph, keeping dependent runs together.

    Units arrive in reading order; each joins the open paragraph it relates to most (its
    source's previous sentence counts as most related), else starts a new one.
    """
    paragraphs: list[list[Sentence]] = []
    for unit in units:
        best: list[Sentence] | None = None
        best_similarity = RELATED
        vector = _unit_vector(corpus, unit)
        for paragraph in paragraphs:
            if len(paragraph) + len(unit) > MAX_PARAGRAPH_SENTENCES:
                continue
            if sum(s.n_words for s in paragraph + unit) > MAX_PARAGRAPH_WORDS:
                continue
            last = paragraph[-1]
            if last.source == unit[0].source and last.pos + 1 == unit[0].pos:
                similarity = 1.0
            else:
                similarity = _cosine(_unit_vector(corpus, paragraph), vector)
            if similarity > best_similarity:
                best, best_similarity = paragraph, similarity
        if best is None:
            paragraphs.append(list(unit))
        else:
            best.extend(unit)
    return _merge_singletons(corpus, paragraphs)


def _merge_singletons(corpus: _Corpus, paragraphs: list[list[Sentence]]) -> list[list[Sentence]]:
    """Join a one-sentence paragraph to a neighbour it loosely relates to, when there is room."""
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if len(paragraph) == 1 and len(paragraphs) > 1:
            vector = _unit_vector(corpus, paragraph)
            options = []
            for other in (index - 1, index + 1):
                if not 0 <= other < len(paragraphs):
                    continue
                neighbour = paragraphs[other]
                if len(neighbour) >= MAX_PARAGRAPH_SENTENCES:
                    continue
                if sum(s.n_words for s in neighbour + paragraph) > MAX_PARAGRAPH_WORDS:
                    continue
                similarity = _cosine(vector, _unit_vector(corpus, neighbour))
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


def _paragraph(sentences: list[Sentence], citations: dict[int, list[int]]) -> Paragraph:
    cited = sorted({c for s in sentences for c in citations[s.id]})
    return Paragraph(" ".join(s.text for s in sentences), cited)


def _add_bullets(corpus: _Corpus, sections: Sections) -> None:
    """Attach the most relevant enumerated list, after the sentence that introduces it.

    An item cites its own source and any other source listing the same item.
    """
    ranked = []
    for block in corpus.blocks:
        if block.intro is None:
            continue
        vector = corpus.vector(block.intro.text + " " + " ".join(i.text for i in block.items))
        ranked.append((_cosine(vector, corpus.centroid), -block.source, block, block.intro))
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


def _headline(corpus: _Corpus, lead: Sentence) -> tuple[str, int]:
    """The title of the lead's source (the most central one), outlet suffix removed; else the
    most central usable title; else the lead sentence shortened."""
    ranked = []
    for index, source in enumerate(corpus.sources):
        title = _clean_title(source.title, source.outlet)
        if not title or not 3 <= len(title.split()) <= 20 or looks_like_instruction(title):
            continue
        score = _cosine(corpus.vector(title), corpus.centroid) + (index == lead.source)
        ranked.append((score, -index, title))
    if ranked:
        _, negative_index, title = max(ranked)
        return title, -negative_index
    return _shorten(lead.text), lead.source


def _clean_title(title: str, outlet: str) -> str:
    """The title without a trailing site name ("... - Outlet", "... | Site News")."""
    title = normalise_space(title or "")
    outlet_name = normalise_space(outlet or "").lower().removeprefix("the ")
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        tail = tail.strip().lower().removeprefix("the ")
        if not found or not head.strip():
            continue
        if (outlet_name and tail == outlet_name) or (separator == " | " and len(tail.split()) <= 4):
            return head.strip()
    return title


def _shorten(sentence: str) -> str:
    """A sentence cut to a headline: its first clause when long, without the final stop."""
    text = sentence.strip().strip('"“”').rstrip(".!")
    tokens = text.split()
    if len(tokens) <= HEADLINE_MAX_WORDS:
        return text
    clause = ""
    for part in text.split(", "):
        candidate = f"{clause}, {part}" if clause else part
        if len(candidate.split()) > HEADLINE_MAX_WORDS:
            break
        clause = candidate
    return clause if len(clause.split()) >= 5 else " ".join(tokens[:HEADLINE_MAX_WORDS])
