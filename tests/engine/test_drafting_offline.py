"""The offline (extractive) drafting backend, the draft model, validation and rendering."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from articles.drafting import (
    DRAFT_JSON_SCHEMA,
    Draft,
    DraftResult,
    DraftValidationError,
    KeyFact,
    Paragraph,
    Section,
    draft_sources,
    validate_draft,
)
from articles.drafting.clean import (
    blank_furniture,
    is_field_line,
    resolve_relative_days,
    same_title,
)
from articles.drafting.extract import numbers, segment
from articles.drafting.facts import key_facts
from articles.drafting.finish import without_disputed_figures
from articles.drafting.headline import looks_broken, write_headline
from articles.drafting.offline import draft_offline
from articles.drafting.types import draft_to_text, key_fact_text
from articles.text.datelines import strip_dateline
from articles.text.sentences import split_sentences
from articles.text.slots import Conflict
from articles.text.source import SourceText
from articles.text.words import content_words
from bench.drafting import LEADS, UNRESOLVED, load_story, make_sources, story_names
from tests.engine.sources import load_sources

WIRE = (
    "Firefighters from the Halvern Fire and Rescue Service brought the blaze under control at "
    "about 4 a.m. on Wednesday, officials said."
)
QUOTE = '"The fire is contained but the site is still dangerous," said Chief Fire Officer Maria'
DANGLING_STARTS = {"he", "she", "they", "it", "this", "these", "those", "however", "but", "and"}


def norm(text: str) -> str:
    return " ".join(text.split())


def items(draft: Draft) -> list[Paragraph]:
    return [p for s in draft.sections for p in (*s.paragraphs, *s.bullets)]


def citations_of(draft: Draft, text: str) -> list[int]:
    """The citations of the paragraph (or dek) that contains ``text``."""
    for paragraph in items(draft):
        if text in paragraph.text:
            return paragraph.citations
    if text in draft.dek:
        return draft.provenance["dek_citations"]
    raise AssertionError(f"{text!r} is not in the draft")


@pytest.fixture(scope="module")
def sources() -> list[SourceText]:
    return load_sources()


@pytest.fixture(scope="module")
def draft(sources: list[SourceText]) -> Draft:
    return draft_offline(sources)


def test_structure_follows_the_reference(draft: Draft) -> None:
    # A headline written from the lead, never a source's title, and without the number of
    # residents evacuated, which the sources disagree on (1,200 or about 1,500).
    assert draft.headline == (
        "Fire at chemical storage warehouse in Halvern forces evacuation of residents"
    )
    assert not any(same_title(draft.headline, s.title) for s in load_sources())
    assert draft.dek
    assert draft.sections[0].heading == ""
    assert draft.sections[0].paragraphs[0].text.startswith("A fire at a chemical storage")
    headings = [s.heading for s in draft.sections[1:]]
    assert len(headings) >= 3
    assert set(headings) <= {"What happened", "Reaction", "Background", "What comes next"}
    assert headings[-1] == "What comes next"
    assert all(s.paragraphs for s in draft.sections)
    assert len(draft.key_facts) >= 4
    assert draft.provenance["backend"] == "offline"
    assert draft.provenance["method"] == "extractive"
    assert draft.provenance["label"] == (
        "Extractive summary of 4 sources: every sentence is taken from the cited source."
    )


def test_every_paragraph_and_fact_is_cited_with_valid_indexes(
    draft: Draft, sources: list[SourceText]
) -> None:
    validate_draft(draft, len(sources))
    for item in [*items(draft), *draft.key_facts]:
        assert item.citations
        assert all(0 <= c < len(sources) for c in item.citations)
        assert item.citations == sorted(set(item.citations))


def test_sentences_are_verbatim_from_a_cited_source(
    draft: Draft, sources: list[SourceText]
) -> None:
    texts = [norm(s.text) for s in sources]
    for paragraph in items(draft):
        for sentence in split_sentences(paragraph.text):
            assert any(sentence.text in texts[c] for c in paragraph.citations), sentence.text
    spans = draft.provenance["spans"]
    assert spans
    for span in spans:
        section = draft.sections[span["section"]]
        if "bullet" in span:
            paragraph = section.bullets[span["bullet"]]
        else:
            paragraph = section.paragraphs[span["paragraph"]]
        quoted = norm(sources[span["source"]].text[span["start"] : span["end"]])
        assert quoted in paragraph.text
        assert span["source"] in paragraph.citations
    assert sum("bullet" in span for span in spans) == 3


def test_sentence_carried_by_several_sources_cites_them_all(draft: Draft) -> None:
    assert citations_of(draft, WIRE) == [0, 1, 2]
    assert citations_of(draft, QUOTE)[:2] == [0, 2] or set(citations_of(draft, QUOTE)) >= {0, 2}


def test_agreement_needs_the_same_figures_and_names(tmp_path: Path) -> None:
    shared = "Crews from the Dunmore Ferry Service rescued 31 passengers from the stranded boat."
    other = "Crews from the Dunmore Ferry Service rescued 13 passengers from the stranded boat."
    renamed = "Crews from the Kilbride Ferry Service rescued 31 passengers from the stranded boat."
    texts = [
        f"{shared} The ferry ran aground near Dunmore pier on Monday evening after a storm.",
        f"{shared} Coastguard officers said the tide had turned when the ferry struck rocks.",
        f"{other} Two passengers were taken to hospital with mild hypothermia overnight.",
        f"{renamed} The operator said its other ferries would keep running this week.",
    ]
    sources = [SourceText(index=i, title="", text=t) for i, t in enumerate(texts)]
    draft = draft_offline(sources)
    assert citations_of(draft, shared) == [0, 1]


def test_key_facts_agreed_or_shown_with_each_value(draft: Draft, sources: list[SourceText]) -> None:
    facts = {(f.label, f.value): f.citations for f in draft.key_facts}
    assert facts[("Location", "Halvern")] == [0, 1, 2, 3]
    assert facts[("Firefighters", "85")] == [0, 1, 2]
    # Valley News gives the same figure ("Around 1,200 people were moved"): it is cited too.
    assert facts[("Residents evacuated (reports differ)", "1,200")] == [0, 1]
    assert facts[("Residents evacuated (reports differ)", "about 1,500")] == [2]
    for fact in draft.key_facts:
        if fact.label == "Organisations involved":
            names = fact.value.split(", ")
            assert all(any(n in sources[c].text for c in fact.citations) for n in names)
        else:
            assert all(fact.value in sources[c].text for c in fact.citations), fact


def test_bullets_come_after_the_sentence_introducing_them(draft: Draft) -> None:
    [section] = [s for s in draft.sections if s.bullets]
    assert section.paragraphs[-1].text == "The council closed three schools as a precaution:"
    assert [b.text for b in section.bullets] == [
        "Halvern Primary School",
        "St Brigid's Academy",
        "Northgate Infant School",
    ]
    assert all(b.citations == [1] for b in section.bullets)


def test_reads_as_a_story(draft: Draft) -> None:
    for section in draft.sections:
        for paragraph in section.paragraphs:
            first = re.findall(r"[A-Za-z]+", paragraph.text)[0].lower()
            assert first not in DANGLING_STARTS, paragraph.text
            assert len(split_sentences(paragraph.text)) <= 4
    reaction = next(s for s in draft.sections if s.heading == "Reaction")
    assert any('"' in p.text for p in reaction.paragraphs)
    upcoming = next(s for s in draft.sections if s.heading == "What comes next")
    assert all(re.search(r"\bwill\b|expected|plans?", p.text) for p in upcoming.paragraphs)
    text = draft_to_text(draft)
    assert text.count("The warehouse passed a fire safety inspection in 2023") == 1


def test_pronoun_sentence_travels_with_its_referent() -> None:
    text = (
        "The Larchfield bridge over the Wenn river reopened to traffic on Friday morning. "
        "Engineers replaced 40 corroded cables during the repairs, the county said.\n\n"
        "County engineer Ada Morrow inspected the deck before the barriers came down. "
        "She said the bridge would need no further work for at least a decade."
    )
    sources = [SourceText(index=0, title="Larchfield bridge reopens after repairs", text=text)]
    draft = draft_offline(sources)
    body = [p.text for p in items(draft)]
    for paragraph in body:
        if "She said" in paragraph:
            assert "Ada Morrow inspected the deck before the barriers came down. She said" in (
                paragraph
            )


def test_instructions_in_a_source_are_not_drafted(draft: Draft) -> None:
    text = draft_to_text(draft)
    assert "Ignore previous instructions" not in text
    assert "system prompt" not in text


def test_json_round_trip_has_exactly_the_documented_shape(draft: Draft) -> None:
    data = json.loads(json.dumps(draft.to_json()))
    assert set(data) == {"headline", "dek", "sections", "key_facts", "notes", "provenance"}
    for section in data["sections"]:
        assert set(section) == {"heading", "paragraphs", "bullets"}
        for paragraph in section["paragraphs"] + section["bullets"]:
            assert set(paragraph) == {"text", "citations"}
            assert all(isinstance(c, int) for c in paragraph["citations"])
    for fact in data["key_facts"]:
        assert set(fact) == {"label", "value", "citations"}
    assert Draft.from_json(data) == draft
    # Provenance and the editor's notes are the drafter's own, not asked of a model.
    without_provenance = {k: v for k, v in data.items() if k not in ("provenance", "notes")}
    assert_matches_schema(without_provenance, DRAFT_JSON_SCHEMA)


def assert_matches_schema(value: Any, schema: dict[str, Any], path: str = "$") -> None:
    """A small strict-mode JSON schema check: every object closed, every property required."""
    kind = schema["type"]
    if kind == "object":
        assert isinstance(value, dict), path
        assert schema["additionalProperties"] is False, path
        assert sorted(schema["required"]) == sorted(schema["properties"]), path
        assert set(value) == set(schema["properties"]), path
        for key, sub in schema["properties"].items():
            assert_matches_schema(value[key], sub, f"{path}.{key}")
    elif kind == "array":
        assert isinstance(value, list), path
        for i, item in enumerate(value):
            assert_matches_schema(item, schema["items"], f"{path}[{i}]")
    elif kind == "string":
        assert isinstance(value, str), path
    elif kind == "integer":
        assert isinstance(value, int), path
    else:
        raise AssertionError(f"unexpected schema type {kind} at {path}")


def good_draft() -> Draft:
    return Draft(
        headline="Bridge reopens",
        dek="The Larchfield bridge reopened on Friday.",
        sections=[
            Section("", [Paragraph("The bridge reopened on Friday.", [0])]),
            Section("Details", [Paragraph("Engineers replaced 40 cables.", [0, 1])]),
        ],
        key_facts=[KeyFact("Cables replaced", "40", [1])],
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: setattr(d.sections[1].paragraphs[0], "citations", [0, 5]), "cites source 5"),
        (lambda d: setattr(d.sections[0].paragraphs[0], "citations", [-1]), "cites source -1"),
        (lambda d: setattr(d.sections[1], "paragraphs", []), "is empty: it has no paragraphs"),
        (lambda d: setattr(d.sections[1].paragraphs[0], "citations", []), "has no citation"),
        (lambda d: setattr(d, "headline", "  "), "the headline is empty"),
        (lambda d: setattr(d.key_facts[0], "citations", []), "key fact 1 ('Cables replaced')"),
        (lambda d: setattr(d, "sections", []), "the draft has no sections"),
        (lambda d: setattr(d.sections[1], "heading", ""), "section 2 has no heading"),
        (
            lambda d: d.sections[1].bullets.append(Paragraph("Item", [])),
            "bullet 1 has no citation",
        ),
    ],
)
def test_validation_errors_are_clear(change: Any, message: str) -> None:
    draft = good_draft()
    validate_draft(draft, 2)
    change(draft)
    with pytest.raises(DraftValidationError) as info:
        validate_draft(draft, 2)
    assert message in str(info.value)


def test_unknown_source_message_names_the_valid_range() -> None:
    draft = good_draft()
    draft.key_facts[0].citations = [2]
    with pytest.raises(DraftValidationError) as info:
        validate_draft(draft, 2)
    assert str(info.value) == (
        "key fact 1 ('Cables replaced') cites source 2, which is not in the story "
        "(valid source indexes: 0..1)"
    )


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"headline": "x", "dek": "y"},
        {"headline": 3, "dek": "", "sections": []},
        {"headline": "x", "sections": [{"heading": "", "paragraphs": "text"}]},
        {"headline": "x", "sections": [{"heading": "", "paragraphs": [{"text": "t"}]}]},
        {
            "headline": "x",
            "sections": [{"heading": "", "paragraphs": [{"text": "t", "citations": ["0"]}]}],
        },
    ],
)
def test_from_json_rejects_a_wrong_shape(data: Any) -> None:
    if data == {"headline": "x", "sections": [{"heading": "", "paragraphs": [{"text": "t"}]}]}:
        draft = Draft.from_json(data)
        with pytest.raises(DraftValidationError, match="has no citation"):
            validate_draft(draft, 1)
        return
    with pytest.raises(DraftValidationError):
        Draft.from_json(data)


def test_draft_to_text_is_plain_paragraphs(draft: Draft) -> None:
    text = draft_to_text(draft)
    blocks = text.split("\n\n")
    assert blocks[0] == draft.headline
    assert blocks[1] == draft.dek
    assert all(p.text in blocks for p in items(draft))
    # A figure reads as the sources write it, for the fact-checker; other facts as label: value.
    assert "85 firefighters." in blocks
    assert "Location: Halvern" in blocks
    assert "<" not in text and "What happened" not in blocks


def test_key_fact_text_puts_a_figure_first() -> None:
    assert key_fact_text(KeyFact("Residents evacuated", "1,250", [0])) == (
        "1,250 residents evacuated."
    )
    assert key_fact_text(KeyFact("Clean-up cost", "about $2.4 million (expected)", [0])) == (
        "about $2.4 million clean-up cost (expected)."
    )
    assert key_fact_text(KeyFact("Work starts", "February 2", [0])) == "Work starts: February 2"


def test_draft_sources_offline(sources: list[SourceText]) -> None:
    result = draft_sources(sources)
    assert isinstance(result, DraftResult)
    assert result.backend == "offline"
    assert result.prompt_version == "extractive-v2"
    assert (result.input_tokens, result.output_tokens, result.attempts) == (0, 0, 1)
    assert result.draft.to_json() == draft_sources(sources, backend="offline").draft.to_json()
    with pytest.raises(ValueError, match="Unknown drafting backend"):
        draft_sources(sources, backend="magic")


def test_edge_cases() -> None:
    with pytest.raises(ValueError, match="at least one source"):
        draft_offline([])
    with pytest.raises(ValueError, match="no usable sentences"):
        draft_offline([SourceText(index=0, title="Empty", text="  \n\n ")])
    one = load_sources("03-county-herald.txt")
    draft = draft_offline(one)
    validate_draft(draft, 1)
    assert draft.provenance["label"].startswith("Extractive summary of 1 source:")
    assert draft.headline == "Fire crews will stay at burned-out chemical warehouse in Halvern"
    assert not same_title(draft.headline, one[0].title)


def test_speed_sanity() -> None:
    sources = make_sources(10, 1500)
    started = time.perf_counter()
    draft = draft_offline(sources)
    elapsed = time.perf_counter() - started
    validate_draft(draft, 10)
    assert elapsed < 5, f"drafting 10 x 1,500 words took {elapsed:.2f} s"


# Regression tests on the demo story (three reports of the Old Mill Bridge vote) and on problems
# found reading offline drafts: repeated facts, a detail as the dek, paragraphs citing a source
# for a sentence it does not carry, surnames before full names, a "remaining" sum away from the
# sum it follows, and key facts that split names or tallies, or mean nothing.

DEMO = Path(__file__).parent.parent.parent / "articles" / "fixtures" / "demo"
DEMO_FILES = ("source-ledger.txt", "source-courier.txt", "source-radio.txt")
DEMO_PEOPLE = {"Sato": "Paul Sato", "Novak": "Irene Novak", "Ortiz": "Lena Ortiz"}
FIRE_PEOPLE = {"Okafor": "Maria Okafor", "Reilly": "Tom Reilly", "Nand": "Priya Nand"}
FUNDED = "The state transport fund"
REMAINING = "remaining $1.7 million"


@pytest.fixture(scope="module")
def demo_sources() -> list[SourceText]:
    from articles.demo import read_source_file

    sources = []
    for index, name in enumerate(DEMO_FILES):
        fields = read_source_file(DEMO / name)
        sources.append(
            SourceText(
                index=index,
                title=fields["title"],
                text=fields["text"],
                outlet=fields["outlet"],
                url=fields["url"],
                published=fields["published_at"],
            )
        )
    return sources


@pytest.fixture(scope="module")
def demo(demo_sources: list[SourceText]) -> Draft:
    return draft_offline(demo_sources)


def body_sentences(draft: Draft) -> list[tuple[str, Paragraph]]:
    """Every sentence of the body in reading order, with its paragraph (bullets left out)."""
    return [
        (sentence.text, paragraph)
        for section in draft.sections
        for paragraph in section.paragraphs
        for sentence in split_sentences(paragraph.text)
    ]


def section_of(draft: Draft, text: str) -> Section:
    return next(s for s in draft.sections if any(text in p.text for p in s.paragraphs))


def carries(source_text: str, sentence: str) -> bool:
    """An independent check that a source supports a sentence: verbatim, or every figure of it
    (in canonical form) and most of its content words."""
    source_text = norm(source_text)
    if sentence in source_text:
        return True
    own = set(content_words(sentence))
    shared = own & set(content_words(source_text))
    return numbers(sentence) <= numbers(source_text) and len(shared) >= 0.6 * len(own)


def test_demo_is_drafted_verbatim_and_validates(demo: Draft, demo_sources: list[SourceText]):
    validate_draft(demo, len(demo_sources))
    texts = [norm(s.text) for s in demo_sources]
    for sentence, paragraph in body_sentences(demo):
        assert any(sentence in texts[c] for c in paragraph.citations), sentence
    assert (
        demo.headline == "Lakemont council votes 7-2 to approve $4.2 million Old Mill Bridge repair"
    )
    assert not any(same_title(demo.headline, s.title) for s in demo_sources)
    assert demo.sections[0].paragraphs[0].text.startswith("The Lakemont town council voted 7-2")


def test_numeric_paraphrases_share_canonical_figures() -> None:
    assert numbers("The council voted 7-2 on Tuesday.") == numbers("The vote was seven to two.")
    assert numbers("a $4.2 million repair") == numbers("a $4,200,000 repair") == {"$4200000"}
    assert numbers("to begin on February 2") == numbers("from 2 Feb. onwards") == {"d02-02"}
    assert numbers("by the end of September") == {"p09-end"}
    assert numbers("20 to 30 homes") == {"20-30"}
    assert numbers("No one was hurt.") == frozenset()


def test_demo_states_each_fact_once(demo: Draft) -> None:
    """The lead gives the 7-2 vote: neither "The council's vote was 7-2." nor "The vote was
    seven to two." repeats it, and no sum, date or tally is stated by two sentences."""
    text = draft_to_text(demo)
    assert "The council's vote was 7-2." not in text
    assert "The vote was seven to two." not in text
    sentences = [demo.dek] + [sentence for sentence, _ in body_sentences(demo)]
    stated: dict[str, list[str]] = {}
    for sentence in sentences:
        for figure in numbers(sentence):
            if figure[0] in "$dp" or "-" in figure:
                stated.setdefault(figure, []).append(sentence)
    assert {f: s for f, s in stated.items() if len(s) > 1} == {}


def test_restatement_of_the_lead_is_left_out() -> None:
    """Another source's opening that retells the lead (no new name or figure) is left out."""
    draft = draft_offline(make_sources(5, 500))
    text = draft_to_text(draft)
    openings = [lead for lead in LEADS if lead in text]
    assert openings == [lead for lead in LEADS if draft.sections[0].paragraphs[0].text == lead]
    assert len(openings) == 1


def test_demo_dek_is_the_next_piece_of_news(demo: Draft) -> None:
    lead = demo.sections[0].paragraphs[0].text
    assert demo.dek and demo.dek not in lead
    assert "Novak" not in demo.dek and '"' not in demo.dek
    new = {f for f in numbers(demo.dek) - numbers(lead) if f[0] in "$dp"}
    assert new, "the dek should add a date or a sum to the lead"
    assert demo.dek not in " ".join(p.text for p in items(demo))


def test_demo_paragraph_citations_are_honest(demo: Draft, demo_sources: list[SourceText]):
    for sentence, paragraph in body_sentences(demo):
        for cited in paragraph.citations:
            assert carries(demo_sources[cited].text, sentence), (sentence, cited)
    assert citations_of(demo, "public meeting on December 9") == [2]


def test_fixture_paragraph_citations_are_honest(draft: Draft, sources: list[SourceText]) -> None:
    for sentence, paragraph in body_sentences(draft):
        for cited in paragraph.citations:
            assert carries(sources[cited].text, sentence), (sentence, cited)


@pytest.mark.parametrize(
    ("which", "people", "named"),
    [("demo", DEMO_PEOPLE, {"Sato", "Ortiz"}), ("draft", FIRE_PEOPLE, {"Okafor"})],
)
def test_people_are_named_in_full_before_by_surname(
    which: str, people: dict[str, str], named: set[str], request: pytest.FixtureRequest
) -> None:
    draft = request.getfixturevalue(which)
    introduced: set[str] = set()
    for sentence, _ in body_sentences(draft):
        for surname, full in people.items():
            if full in sentence:
                introduced.add(surname)
            elif re.search(rf"\b{surname}\b", sentence):
                assert surname in introduced, sentence
    assert named <= introduced


def test_demo_dissent_comes_with_the_full_names(demo: Draft) -> None:
    sentences = [sentence for sentence, _ in body_sentences(demo)]
    opinion = next(i for i, s in enumerate(sentences) if s.startswith("Sato said"))
    assert sentences[opinion - 1] == "Councillors Paul Sato and Irene Novak voted against the plan."


def test_dependent_sum_stays_with_the_sum_it_follows(demo: Draft) -> None:
    [paragraph] = [p for s in demo.sections for p in s.paragraphs if REMAINING in p.text]
    sentences = [s.text for s in split_sentences(paragraph.text)]
    index = next(i for i, s in enumerate(sentences) if REMAINING in s)
    assert index > 0 and "$2.5 million" in sentences[index - 1]
    assert section_of(demo, REMAINING).heading == "Cost and funding"
    assert section_of(demo, FUNDED).heading == "Cost and funding"


def test_a_remaining_sum_is_not_used_without_its_antecedent() -> None:
    text = (
        "The Dunmore council approved a new $9 million library for the town centre on Monday. "
        "Building work is expected to begin in the spring and last about a year.\n\n"
        "A county grant will pay $6 million of the cost. "
        "The remaining $3 million will come from the town's savings account.\n\n"
        "Library staff said the old building on Mill Street had been too small for years."
    )
    draft = draft_offline([SourceText(index=0, title="Dunmore approves library", text=text)])
    funding = section_of(draft, "The remaining $3 million")
    assert funding.heading == "Cost and funding"
    assert any(
        "A county grant will pay $6 million of the cost. The remaining" in p.text
        for p in funding.paragraphs
    )
    facts = {f.label: f.value for f in draft.key_facts}
    assert facts["Cost"] == "$9 million"
    assert facts["County grant"] == "$6 million"
    assert facts["Town savings account"] == "$3 million"


def test_demo_key_facts_are_labelled_exact_and_once(
    demo: Draft, demo_sources: list[SourceText]
) -> None:
    facts = {f.label: (f.value, f.citations) for f in demo.key_facts}
    assert facts["Cost"] == ("$4.2 million", [0, 1, 2])
    assert facts["State transport fund"] == ("$2.5 million", [0, 1])
    assert facts["Town capital reserve"] == ("$1.7 million", [0, 1])
    assert facts["Council vote"] == ("7-2", [0, 1, 2])
    assert facts["Expected reopening"] == ("end of September", [0, 1, 2])
    starts = [f for f in demo.key_facts if f.label in ("Work starts", "Construction starts")]
    assert [(f.value, f.citations) for f in starts] == [("February 2", [0, 1])]
    assert facts["Location"] == ("Lakemont", [0, 1, 2])
    assert "Harlow & Finch" in facts["Organisations involved"][0].split(", ")
    values = [f.value for f in demo.key_facts]
    assert len(values) == len(set(values))
    assert not {"Route", "Plan", "Remaining", "Repair"} & set(facts)
    for fact in demo.key_facts:
        assert fact.label[0].isupper() and len(fact.label.split()) <= 3
        if fact.label != "Organisations involved":
            stated = [c for c in fact.citations if fact.value in demo_sources[c].text]
            spelled = [
                c for c in fact.citations if numbers(fact.value) <= numbers(demo_sources[c].text)
            ]
            assert stated and set(spelled) == set(fact.citations), fact


def facts_of(*texts: str) -> dict[str, str]:
    sentences = [s for i, t in enumerate(texts) for s in segment(i, t)[0]]
    return {f.label: f.value for f in key_facts(sentences, {})}


def test_key_facts_keep_tallies_ranges_and_names_whole() -> None:
    assert facts_of("The planning board voted 5-4 on Monday to approve the new stadium.") == {
        "Board vote": "5-4"
    }
    assert facts_of("Harwick Rovers beat Dunmore 3-1 at home on Saturday afternoon.") == {
        "Score": "3-1"
    }
    assert facts_of("Council workers cleared 20 to 30 fallen trees after the storm.") == {
        "Fallen trees cleared": "20 to 30"
    }
    engineers = facts_of(
        "Engineers from Harlow & Finch inspected the bridge in Lakemont last spring.",
        "The bridge in Lakemont was closed after engineers from Harlow & Finch found cracks.",
    )
    assert engineers["Location"] == "Lakemont"
    assert engineers["Organisations involved"] == "Harlow & Finch"


def test_key_facts_leave_out_what_they_cannot_label() -> None:
    assert facts_of("Buses on route 6 will detour over the Fenwick Street crossing.") == {}
    assert facts_of("About 20 people were in the building when the alarm sounded.") == {}
    assert facts_of("The rate was up from 4.4 percent in August, officials said.") == {}
    budget = facts_of(
        "The budget is 3.1 percent larger than this year's budget of $144.1 million.",
        "The board adopted a $148.6 million operating budget for next year.",
    )
    assert budget == {"Budget": "$148.6 million"}


def test_first_person_statements_need_a_speaker() -> None:
    text = (
        "Kestrel Logistics said its Canal Road warehouse was destroyed by fire on Wednesday. "
        "We are grateful to the fire department for its quick response. "
        '"We will rebuild on the same site," said chief executive Dana Whitcombe.'
    )
    draft = draft_offline([SourceText(index=0, title="Warehouse destroyed", text=text)])
    assert "We are grateful" not in draft_to_text(draft)


# The multi-source stories in tests/data/stories (issue #15): furniture left out, a headline
# written for the story, sentences that stand on their own, conflicts noted for the editor.


@pytest.fixture(scope="module")
def stories() -> dict[str, tuple[list[SourceText], dict[str, Any], Draft]]:
    found = {}
    for name in story_names():
        story_sources, meta = load_story(name)
        found[name] = (story_sources, meta, draft_offline(story_sources))
    return found


def test_story_drafts_leave_out_datelines_and_credits(stories) -> None:
    for name, (_, meta, story_draft) in stories.items():
        text = draft_to_text(story_draft)
        for furniture in meta["datelines"]:
            assert furniture not in text, (name, furniture)


def test_story_headlines_are_written_not_copied(stories) -> None:
    for name, (story_sources, _, story_draft) in stories.items():
        headline = story_draft.headline
        assert not any(same_title(headline, s.title) for s in story_sources), name
        assert 4 <= len(headline.split()) <= 12, (name, headline)
    assert stories["02_marlow_derailment"][2].headline == "Freight train derails in Marlow Junction"


def test_story_paragraphs_stand_on_their_own(stories) -> None:
    for name, (_, _, story_draft) in stories.items():
        for item in items(story_draft):
            assert not UNRESOLVED.match(item.text), (name, item.text)


def test_story_conflicts_are_noted_for_the_editor(stories) -> None:
    notes = stories["02_marlow_derailment"][2].notes
    assert notes == [
        "Sources disagree on residents evacuated: about 1,200 (Meridian News Service) or 1,250 "
        "(Marlow Junction Courier)."
    ]
    for name in ("01_calloway_storm", "04_tollard_plant_fire"):
        (conflict,) = stories[name][1]["conflicts"]
        numerals = [re.search(r"\d[\d,]*", v).group() for v in conflict["values"]]
        assert any(all(n in note for n in numerals) for note in stories[name][2].notes), name
    for name in ("03_ferrisburg_rezoning", "05_harnett_teachers_strike"):
        assert stories[name][2].notes == [], name


def test_furniture_is_blanked_with_offsets_kept() -> None:
    text = (
        "By Dev Anand\nDunmore Herald\n\nDUNMORE, Feb 3 (Nordwire) - A main burst on Tuesday.\n\n"
        "FOR IMMEDIATE RELEASE\nWhat happened\n\nStatus: Crews are working on the main.\n\n"
        "(Reporting by Lucia Fairweather; Editing by Owen Bright)"
    )
    blanked = blank_furniture(text)
    assert len(blanked) == len(text)
    assert [s.text for s in split_sentences(blanked)] == [
        "A main burst on Tuesday.",
        "Crews are working on the main.",
    ]
    assert strip_dateline("BROOKFIELD — Water rose.") == "Water rose."


def test_key_fact_labels_name_what_is_counted() -> None:
    assert facts_of(
        "By breakfast, 1,250 residents had been ordered to leave, town officials said.",
        "About 1,250 residents were evacuated from their homes on Wednesday.",
    ) == {"Residents evacuated": "1,250"}
    hedged = facts_of("A preliminary count found that 40 homes were damaged in the storm.")
    assert hedged == {"Homes damaged": "40 (preliminary)"}
    assert facts_of("The clean-up is expected to cost about $2.4 million, officials said.") == {
        "Clean-up cost": "about $2.4 million (expected)"
    }


def test_a_sentence_leaning_on_a_person_named_before_is_dangling() -> None:
    sentences, _ = segment(
        0,
        "One employee was treated in hospital for smoke inhalation. Colleagues said he had "
        "been working closest to the storage building. Fallen trees blocked roads, it said. "
        "Mayor Tomas Reyna said he would ask for a review. Four of the cars were tank cars. "
        "One of these cars was breached.",
    )
    dangling = {s.text: s.dangling for s in sentences}
    assert dangling["Colleagues said he had been working closest to the storage building."]
    assert dangling["Fallen trees blocked roads, it said."]
    assert dangling["One of these cars was breached."]
    assert not dangling["Mayor Tomas Reyna said he would ask for a review."]


def test_a_contracted_pronoun_is_dangling() -> None:
    """ "That's your call, but the county says there's no need." opened a paragraph of story
    23's first draft (a forum reply)."""
    sentences, _ = segment(
        0, "Keep him home if you like. That's your call, but the county says no."
    )
    assert sentences[1].dangling


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "The Brisco village council voted 5-4 on Monday to approve a $1.3 million upgrade "
            "of the Harrow Lane Pumping Station, officials said.",
            "Brisco council approves $1.3 million Harrow Lane Pumping Station upgrade",
        ),
        (
            "Crews began the demolition of the old grain silo on Friday, the county said.",
            "Crews begin demolition of old grain silo",
        ),
    ],
)
def test_a_long_headline_puts_the_name_before_its_noun(lead: str, headline: str) -> None:
    """Seen on the demo story: "... approve $4.2 million repair" lost what was repaired when
    the headline was cut to 12 words; headline economy keeps it."""
    assert write_headline(lead) == headline


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        # A time phrase goes whole ("as of"), and "is fenced" is no past tense to rewrite.
        (
            "As of Tuesday morning the Dale Road footbridge is fenced off at both ends.",
            "Dale Road footbridge is fenced off at both ends",
        ),
        # A place that only modifies the noun after it stays where it is.
        (
            "A jury on Friday convicted the manager of a Corbin haulage firm of two counts of "
            "fraud over the 2023 fuel-card scheme.",
            "Jury convicts manager of Corbin haulage firm of fraud",
        ),
    ],
)
def test_headline_rewrites_seen_on_new_stories(lead: str, headline: str) -> None:
    assert write_headline(lead) == headline


def test_a_headline_never_states_a_figure_the_sources_disagree_on() -> None:
    """Seen on the branch-closure story: "Bank to close 23 branches" when another source says
    26. The headline drops the figure; the notes and key facts give both."""
    sources = [
        SourceText(
            index=0,
            title="Report",
            text="Penrow Mutual said on Monday it would close 14 branches across the county.",
        ),
        SourceText(
            index=1,
            title="Staff memo",
            text="Penrow Mutual is shutting 17 branches across the county, staff were told.",
        ),
    ]
    draft = draft_offline(sources)
    assert "14" not in draft.headline and "17" not in draft.headline
    assert "branches" in draft.headline
    assert any("14" in note and "17" in note for note in draft.notes)


def test_an_opening_that_says_when_is_news_despite_an_older_year() -> None:
    """Seen on the bridge story: the wire's "closed the bridge on Monday ... while the 1934
    span is replaced" was taken for background and a blog's aside led instead."""
    sources = [
        SourceText(
            index=0,
            title="Wire",
            text=(
                "Harle County closed the Mill Lane bridge in Esker on Monday, sending traffic "
                "onto a detour while the 1931 span is replaced.\n\nThe work will take a year."
            ),
            published=datetime(2027, 3, 8, tzinfo=UTC),
        ),
        SourceText(
            index=1,
            title="Blog",
            text=(
                "Well, it finally happened and the Mill Lane bridge in Esker is closed.\n\n"
                "Harle County closed it on Monday for a year of work."
            ),
            published=datetime(2027, 3, 8, tzinfo=UTC),
        ),
    ]
    assert draft_offline(sources).headline.startswith("Harle County closes Mill Lane bridge")


def test_a_draft_says_the_day_a_source_meant_by_today() -> None:
    """Seen on the hospital story: a release's "today provided an update" was copied into a
    draft published days later, and the checker rightly called the date wrong."""
    monday = date(2027, 11, 8)
    assert (
        resolve_relative_days("Corlan Health today provided an update on the outage.", monday)
        == "Corlan Health on Monday provided an update on the outage."
    )
    assert resolve_relative_days("Today, most deposits are made online.", monday) == (
        "Most deposits are made online."
    )
    assert resolve_relative_days('"Today is a sad day," she said yesterday.', monday) == (
        '"Today is a sad day," she said on Sunday.'
    )
    assert resolve_relative_days("Crews worked through last night.", monday) == (
        "Crews worked through Sunday night."
    )
    assert resolve_relative_days("Crews worked through last night.", None) == (
        "Crews worked through last night."
    )


def test_a_differing_value_is_checked_without_its_mark() -> None:
    row = KeyFact("Residents evacuated (reports differ)", "1,250", [1])
    assert key_fact_text(row) == "1,250 residents evacuated."


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        # The verb kept: a participle phrase after the subject goes, then a second predicate.
        (
            "A bus carrying pupils of a village school home from a museum slid off an icy road "
            "near Tarle and came to rest in a field on Friday, police said.",
            "Bus slides off icy road near Tarle",
        ),
        # Present perfect in the present; the verb found past the eighth word.
        (
            "A burst pipe at the pumping station on the edge of the village of Ormsby has flooded "
            "the main road.",
            "Burst pipe at pumping station floods main road",
        ),
        (
            "Harle Ferries confirmed that the MV Tansy ran aground near Ullock.",
            "MV Tansy runs aground near Ullock",
        ),
    ],
)
def test_headline_keeps_its_verb(lead: str, headline: str) -> None:
    """Seen on the coach-crash story: "Coach carrying members of community choir home" had
    lost its verb to the 12-word cut."""
    assert write_headline(lead) == headline


def test_review_findings_on_headlines_and_days() -> None:
    """From the code review of the headline, figure and day rewrites."""
    residents = write_headline(
        "Residents of Brisco and Tarle in the upper valley district voted 312-140 on Tuesday to "
        "reject the quarry expansion plan, officials said."
    )
    assert "rejects" not in residents and "votes" not in residents, residents
    assert "edge" in write_headline(
        "A fire broke out at a warehouse near the edge of Marlow on Monday, firefighters said."
    )
    conflict = Conflict("Hours", ((0, "a", "about 11 hours"), (1, "b", "13 hours")))
    assert without_disputed_figures("Passengers stuck 13 hours aboard ferry", [conflict]) == (
        "Passengers stuck aboard ferry"
    )
    assert without_disputed_figures("Passengers stuck for 13 hours", [conflict]) == (
        "Passengers stuck for 13 hours"
    )
    spelt = Conflict("Hours", ((0, "a", "26 hours"), (1, "b", "thirty-three hours")))
    assert without_disputed_figures("Miners trapped thirty-three hours freed", [spelt]) == (
        "Miners trapped freed"
    )
    route = Conflict("Cars", ((0, "a", "12"), (1, "b", "14")))
    assert without_disputed_figures("Crash closes Route 12 for the night", [route]) == (
        "Crash closes Route 12 for the night"
    )
    monday = date(2027, 11, 8)
    assert resolve_relative_days("Kids today spend hours online.", monday) == (
        "Kids today spend hours online."
    )
    assert resolve_relative_days("Yesterday's storm flooded roads.", monday) == (
        "Yesterday's storm flooded roads."
    )
    assert resolve_relative_days("Today, the council voted to close it.", monday) == (
        "On Monday, the council voted to close it."
    )
    assert resolve_relative_days('We will reopen tomorrow," the owner said.', monday) == (
        'We will reopen tomorrow," the owner said.'
    )


def test_a_relative_day_with_no_date_to_say_goes() -> None:
    """Seen in Chromium: sources pasted without a date kept "today provided an update", which
    the checker rightly flagged against the date the release itself gives."""
    assert resolve_relative_days("Corlan Health today provided an update.", None) == (
        "Corlan Health provided an update."
    )
    assert resolve_relative_days("The board met yesterday.", None) == "The board met."


def test_a_blog_talking_to_its_readers_is_not_news() -> None:
    """Seen in Chromium on the ransomware story: "Three nights now without a working computer
    on the ward, so here are some notes while they're fresh." opened a paragraph."""
    blog = SourceText(
        index=0,
        title="Shift notes",
        text=(
            "Three nights now without a working computer on the ward, so here are some notes "
            "while they're fresh. The hospital moved 40 patients to paper charts on Sunday."
        ),
    )
    assert "here are some notes" not in draft_to_text(draft_offline([blog]))


def test_a_scene_setting_line_alone_is_left_out() -> None:
    """Seen on the derailment story: "Carol Whitlock was awake before her alarm on Wednesday."
    stood alone after the lead; who she is comes only in the lines it leads into."""
    feature = SourceText(
        index=0,
        title="Street wakes to fire",
        text=(
            "A warehouse fire closed the harbour road in Tarle on Tuesday, the fire service "
            "said.\n\nEdna Polk was up early on Tuesday.\n\n"
            '"It sounded like a bomb going off in the street," said Polk, who lives nearby.\n\n'
            "Councillors Ada Fenn and Rob Tate voted to reopen the road on Friday."
        ),
    )
    wire = SourceText(
        index=1,
        title="Fire closes harbour road",
        text="A fire at a Tarle warehouse closed the harbour road on Tuesday, officials said.",
    )
    text = draft_to_text(draft_offline([feature, wire]))
    for paragraph in text.split("\n\n"):
        assert "Edna Polk was up early" not in paragraph or "said Polk" in paragraph, paragraph
    assert "Councillors Ada Fenn and Rob Tate voted" in text


def test_a_forum_post_byline_is_furniture() -> None:
    """Seen on a held-out story: "Post by westend_wally, Sunday, May 23, 2027, 11:05 p.m."."""
    text = "Post by harbour_fan, Sunday, May 23, 2027, 11:05 p.m.\n\nThe roof came down at 9 p.m."
    assert [s.text for s in split_sentences(blank_furniture(text))] == [
        "The roof came down at 9 p.m."
    ]


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        # first runs of held-out stories 18-26: a participle phrase or a relative clause about
        # the subject is not the main verb, nor is an adjective ("proposed budget")
        (
            "An explosion believed to have been caused by leaking natural gas tore through a "
            "six-storey apartment building in Salterbridge early on Saturday, killing one "
            "resident, fire officials said.",
            "Explosion tears through six-storey apartment building in Salterbridge, killing one "
            "resident",
        ),
        (
            "A wildfire pushed by strong winds has burned homes on the eastern edge of Orlesby.",
            "Wildfire pushed by strong winds burns homes on eastern edge of Orlesby",
        ),
        (
            "A copper plating solution that leaked from a metal-finishing plant in Brennock "
            "overnight has killed thousands of fish in the River Tamsell, officials said.",
            "Copper plating solution kills thousands of fish in River Tamsell",
        ),
        (
            "A man charged with arson appeared in court on Monday.",
            "Man charged with arson appears in court",
        ),
        (
            "Two men accused of the robbery appeared in court.",
            "Two men accused of robbery appear in court",
        ),
        ("A woman accused of fraud was jailed on Monday.", "Woman accused of fraud jailed"),
        (
            "Firefighters rescued two children who were trapped on Monday.",
            "Firefighters rescue two children who were trapped",
        ),
        # a headline says what happened, not at what time
        (
            "At about 3:15 on Friday morning, 1,750 tons of steel came down on Berth 4 at the "
            "Skerrow Container Terminal when a ship struck a crane.",
            "1,750 tons of steel come down on Berth 4",
        ),
    ],
)
def test_headlines_find_the_main_verb(lead: str, headline: str) -> None:
    assert write_headline(lead) == headline


def test_an_update_header_with_a_clock_time_is_furniture() -> None:
    """Seen in the walkthrough: "Wenford County Council - incident update, Wednesday 3
    December, 9 a.m." became a body paragraph (its "a.m." read as a sentence's full stop)."""
    text = (
        "Wenford County Council - incident update, Wednesday 3 December, 9 a.m.\n\n"
        "The sinkhole is now estimated to be 15 metres deep."
    )
    assert [s.text for s in split_sentences(blank_furniture(text))] == [
        "The sinkhole is now estimated to be 15 metres deep."
    ]


def test_a_disputed_size_leaves_the_headline_whole() -> None:
    conflict = Conflict("Depth", ((0, "a", "about 12 metres"), (1, "b", "15 metres")))
    headline = "Sinkhole about 12 metres deep opens under car park"
    assert without_disputed_figures(headline, [conflict]) == "Sinkhole opens under car park"


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        # first run of held-out stories 28 and 30: a long appositive (with "7,800" in it) and
        # a leading "On a busy Saturday morning ..."
        (
            "A section of cliff above Route 31, the winding coast highway that carries about "
            "7,800 vehicles a day, gave way before dawn on Monday, burying the road.",
            "Section of cliff above Route 31 gave way, burying road",
        ),
        (
            "On a busy Saturday morning at the start of the summer holidays, a snow leopard "
            "slipped out of her enclosure at Linthwaite Zoo in Marrowgate.",
            "Snow leopard slips out of her enclosure at Linthwaite Zoo in Marrowgate",
        ),
    ],
)
def test_headlines_past_long_appositives_and_leading_times(lead: str, headline: str) -> None:
    assert write_headline(lead) == headline


def test_a_disputed_amount_of_something_keeps_its_unit_in_the_headline() -> None:
    conflict = Conflict("Crane", ((0, "a", "1,300"), (1, "b", "roughly 1,750 tons")))
    headline = "1,750 tons of steel come down on Berth 4"
    assert without_disputed_figures(headline, [conflict]) == "Tons of steel come down on Berth 4"


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        # review of this session's headline rules
        (
            "On Friday the council voted to close the library, saying it could not afford "
            "repairs to the roof.",
            "Council votes to close library",
        ),
        (
            "Two hundred homes were evacuated after a gas leak in Marlow.",
            "Two hundred homes evacuated after gas leak in Marlow",
        ),
        ("Three armed men were arrested on Monday.", "Three armed men arrested"),
        ("A retired teacher was killed in the crash.", "Retired teacher killed in crash"),
        (
            "Residents moved to a shelter after the river flooded their homes in Ashgrove.",
            "Residents move to shelter after river flooded homes in Ashgrove",
        ),
    ],
)
def test_review_findings_on_headlines(lead: str, headline: str) -> None:
    assert write_headline(lead) == headline


def test_a_broken_headline_gives_way_to_the_next_sentence() -> None:
    """Held-out story 29's lead compressed into "... Local 417 confirmed that members will";
    the standfirst or another source's opening is used instead."""
    lead = (
        "The Tramway and Light Rail Workers' Union Local 417, which represents 376 of the 412 "
        "drivers employed by Veldmoor Metro Tramways and has been negotiating with the company "
        "since May, on Sunday confirmed that its members will walk out for 48 hours."
    )
    other = "Tram services across Veldmoor halted on Monday as drivers began a 48-hour strike."
    assert looks_broken(write_headline(lead))
    assert write_headline(lead, others=[other]) == (
        "Tram services across Veldmoor halt as drivers began 48-hour strike"
    )
    assert not looks_broken("At least 12 people killed when storm hit coast")
    assert not looks_broken("Tons of steel come down on Berth 4")


def test_a_headline_ending_on_an_auxiliary_is_broken():
    """Seen on the first run of held-out story 35: "Hand recount in Ollerby confirms that City
    Council member Tobias Renwick-Salas had" (cut before its participle)."""
    assert looks_broken(
        "Hand recount in Ollerby confirms that City Council member Tobias Renwick-Salas had"
    )
    assert looks_broken("Plant fire: 75 firefighters sent to")
    assert not looks_broken("Storm leaves 52,000 without power")


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "About 3,100 households in the hilltop neighborhoods of Ostervale were left without "
            "running water as a heat wave pushed demand past what the system could supply.",
            "About 3,100 households in hilltop neighborhoods of Ostervale left without "
            "running water",
        ),
        (
            "Twenty-two people were hurt, nine of them taken to hospital, when a crowd of "
            "visiting supporters surged towards the turnstiles at the stadium, police said.",
            "Twenty-two people hurt when crowd of visiting supporters surged towards turnstiles",
        ),
    ],
)
def test_a_passive_with_an_irregular_participle_keeps_its_verb(lead: str, headline: str) -> None:
    """Seen on the first run of held-out stories 38-41: the verb of "were left", "were hurt"
    was cut off ("About 3,100 households in hilltop neighborhoods", "... when crowd")."""
    assert write_headline(lead) == headline
    assert not looks_broken(headline)


def test_the_former_is_a_pronoun_only_alone() -> None:
    """ "The former finance director of Oskerton Township was sentenced ..." opens a wire
    story and can lead the draft; "The former was sentenced ..." leans on the text before."""
    lead = "The former finance director of Oskerton Township was sentenced to five years."
    assert not segment(0, lead)[0][0].dangling
    assert segment(0, "The former was sentenced to five years in prison.")[0][0].dangling
    assert looks_broken("Judge also orders him")


@pytest.mark.parametrize(
    "headline",
    [
        "Man arrested after crash",
        "Two die after fire",
        "School closes until Monday",
        "Storm hits US",
        "Lights out across town when power failed",
    ],
)
def test_a_whole_headline_is_not_broken(headline: str) -> None:
    """Review of the broken-headline test: a noun after "after" or "until" ends a headline,
    and "US" is a country; a clause that stops at its subject ("... when crowd") does not."""
    assert not looks_broken(headline)
    assert looks_broken("Twenty-two people hurt when crowd")


def test_a_generic_place_word_is_no_location() -> None:
    """Seen on held-out stories 38 and 39: "Location: State" (from "State officials have
    confirmed ...") and "Location: Township" instead of the town."""
    texts = [
        "Workers began culling hens at a farm outside Coldharrow on Tuesday. State officials "
        "say there is no food safety risk.",
        "State officials confirmed the result. State vets will test other flocks.",
        "State officials have set up a control area around the farm in Coldharrow.",
    ]
    sentences = [s for i, t in enumerate(texts) for s in segment(i, t)[0]]
    location = [f.value for f in key_facts(sentences, {}) if f.label == "Location"]
    assert location == ["Coldharrow"]


def test_seen_on_held_out_stories_42_to_45() -> None:
    """A past form between a number and its noun is an adjective ("Three masks men forced"
    was written), "last night" is when, a forum post's "EDIT 9:30 p.m.:" is furniture, and one
    figure written in words and in digits is one value of a conflict."""
    lead = "Three masked men forced their way into the bank branch on Bridge Street, police said."
    assert write_headline(lead) == "Three masked men force way into bank branch on Bridge Street"
    lead = "Tamberlow Borough Council last night approved a budget for 2027-28."
    assert "last night" not in write_headline(lead)
    assert blank_furniture("EDIT 9:30 p.m.: The bank is closed.").strip() == "The bank is closed."
    conflict = Conflict(
        "Students", ((0, "Eleven were hurt.", "Eleven"), (1, "11 were hurt.", "11"), (2, "9.", "9"))
    )
    assert conflict.values == ["Eleven", "9"]
    assert conflict.note() == "Sources disagree on students: Eleven (sources 1, 2) or 9 (source 3)."


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Period of unauthorised access: about four weeks", True),
        ("Preliminary margin: nine votes", True),
        ("Individuals affected: 52,000", True),
        ("Status: enquiries open", False),
        ("Group claiming responsibility: Ashmoth", False),
        ("Analysis: Ten years after the flood", False),
        ("Watch: Three things we learned", False),
    ],
)
def test_a_labelled_line_gives_a_figure_in_digits_or_words(line, field):
    """Story 50: "Period of unauthorised access: about four weeks" was blanked as a header,
    so the regulator's four weeks never met the clinic's 19 days."""
    assert is_field_line(line) is field
    assert (blank_furniture(f"Notice\n\n{line}\n").strip() == line) is field


def test_a_live_blogs_time_stamps_are_furniture():
    """Story 52's draft had a paragraph opening "17:40 - The city council's head of
    highways, ..."."""
    text = (
        "17:40 - The head of highways says about 180 feet of track will need replacing.\n\n"
        "16:42 And we're racing again.\n\n"
        "11:12 a.m. - Note from the jury.\n\n"
        "2.45 Million people voted.\n\n"
        "The 8:15 train was late."
    )
    blanked = blank_furniture(text)
    assert [line.strip() for line in blanked.split("\n") if line.strip()] == [
        "The head of highways says about 180 feet of track will need replacing.",
        "And we're racing again.",
        "Note from the jury.",
        "2.45 Million people voted.",
        "The 8:15 train was late.",
    ]


def test_a_headline_ending_on_an_auxiliary_and_an_adverb_is_broken() -> None:
    """Story 47's headline read "Pennicote Hospitals Trust boards and Hollowkell & District
    Healthcare Trust have unanimously" (the verb cut off)."""
    assert looks_broken(
        "Pennicote Hospitals Trust boards and Hollowkell & District Healthcare Trust have "
        "unanimously"
    )
    assert looks_broken("Council has today")
    assert not looks_broken("Council votes to close library permanently")


def test_a_headline_is_not_cut_after_a_word_that_needs_more() -> None:
    """Story 23's headline ended "... confirms three more cases of measles linked"."""
    lead = (
        "The Ruskwater County Health Department on Tuesday confirmed three more cases of "
        "measles linked to the Brindlemoor Academy charter school in Ruskwater."
    )
    assert not write_headline(lead).endswith("linked")


def test_a_headline_stops_before_a_list_and_leaves_out_the_fiscal_year() -> None:
    """Story 21's headline was "City Manager Bernadette Quayle's proposed budget": cut at the
    last preposition ("for 2027-28") with the verb past the list after the colon."""
    lead = (
        "City Manager Bernadette Quayle's proposed budget for 2027-28 would close four branch "
        "libraries on July 1: Elm Park, Saltmarsh Road, Fenner Hill and Cobb's Corner."
    )
    assert write_headline(lead) == (
        "City Manager Bernadette Quayle's proposed budget would close four branch libraries"
    )


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "Councillors backed the plan by a 2:1 margin on Tuesday night after a long debate.",
            "Councillors back plan by 2:1 margin after long debate",
        ),
        (
            "The sentencing of Tom Reyes is scheduled for 2025-03-15, the court said.",
            "Sentencing of Tom Reyes is scheduled for 2025-03-15",
        ),
        (
            "The Hartwell council vote on the new stadium was tied.",
            "Hartwell council vote on new stadium tied",
        ),
    ],
)
def test_headline_rules_leave_ratios_dates_and_whole_sentences_alone(lead, headline) -> None:
    """Review of the colon, fiscal-year and cut-word rules: "2:1" was cut at its colon, an ISO
    date read as a fiscal year, and "tied" dropped from a headline that was never cut."""
    assert write_headline(lead) == headline


@pytest.mark.parametrize(
    "headline", ["Shares could rally", "Council will comply", "Ferry service is daily"]
)
def test_a_verb_or_adjective_in_ly_after_an_auxiliary_is_whole(headline) -> None:
    assert not looks_broken(headline)


def test_a_headline_skips_a_phrase_of_purpose_and_a_trailing_clause() -> None:
    """Held-out story 56's headline was "New rail timetable meant to bring faster and more
    frequent trains" (cut before its verb), then "... when Kestrel Valley Railways
    cancelled"."""
    lead = (
        "A new rail timetable meant to bring faster and more frequent trains to the Northmoor "
        "region collapsed on its first weekday on Monday, when Kestrel Valley Railways "
        "cancelled 317 trains."
    )
    assert write_headline(lead) == "New rail timetable collapses on first weekday"


def test_a_document_title_opening_a_paragraph_is_furniture() -> None:
    """Held-out story 54's headline was a weather report's title, "Preliminary report on
    severe thunderstorm and large hail in Tessaway Valley"."""
    text = (
        "Preliminary report on the severe thunderstorm and large hail in the Tessaway Valley, "
        "on the afternoon of Saturday, September 11, 2027. Figures may change.\n"
    )
    assert blank_furniture(text).strip() == "Figures may change."
    news = "Report of a gunshot prompted police to close the road.\n"
    assert blank_furniture(news) == news


def test_a_sum_worth_something_is_labelled_by_the_noun_before_worth() -> None:
    """Held-out story 56's key fact read "Sets th: about 86 million": the words before
    "worth" were read at an offset into a 60-character tail, not into the clause; "lost an
    estimated $290,000" gave "Get"."""
    facts = facts_of(
        "The authority, which sets the timetable and pays Kestrel Valley to run the trains "
        "under a contract worth about $86 million a year, said it had written to the company.",
        "The union said the strike lost an estimated $290,000 in fares on Monday.",
    )
    assert facts.get("Contract") == "about $86 million"
    assert not any(value.endswith("$290,000") for value in facts.values())


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "A sea wall built to protect the harbour from storms collapsed on Tuesday night.",
            "Sea wall built to protect harbour from storms collapses",
        ),
        (
            "The new stadium is expected to open in March after delays caused by the flooding.",
            "New stadium is expected to open in March",
        ),
    ],
)
def test_a_phrase_of_purpose_is_skipped_only_after_a_subject(lead, headline) -> None:
    """Own review of the 'meant to' rule: "is expected to open" is the verb, not a phrase of
    purpose ("New stadium is causes by flooding"), and "built to" was already read."""
    assert write_headline(lead).startswith(headline)


def test_second_review_of_headlines_document_titles_and_estimates() -> None:
    """A phrase of purpose is kept when skipping it would leave a headline too short; a
    report's finding is a sentence, not a title; a sum "estimated at" is labelled by its
    noun."""
    assert write_headline(
        "A ferry expected to carry 400 passengers between Dover and Calais sank on Friday."
    ).endswith("sinks")
    lead = (
        "Final report into the bridge collapse found that the contractor had cut corners, "
        "investigators said on Tuesday.\n"
    )
    assert blank_furniture(lead) == lead
    assert facts_of("The damage is estimated at $4.5 million, the council said.") == {
        "Damage": "$4.5 million"
    }
