"""The offline fact-checker: every error class, paraphrases, exact offsets, re-check reuse,
article-level checks and the labeled-set targets."""

from datetime import date, datetime
from pathlib import Path

import pytest

from articles.factcheck import (
    CONTRADICTED,
    NEEDS_REVIEW,
    NOT_CHECKABLE,
    SOURCES_DISAGREE,
    SUPPORTED,
    UNSUPPORTED,
    CheckReport,
    check_text,
)
from articles.factcheck.claims import extract_claims, is_row
from articles.factcheck.evaluation import evaluate, load_cases
from articles.factcheck.offline import OfflineChecker
from articles.factcheck.types import FLAGS
from articles.text.source import SourceText

DATA = Path(__file__).parent.parent / "data" / "factcheck"

SOURCES = [
    SourceText(
        index=0,
        title="Council approves central library",
        outlet="City of Ridgeford",
        published=datetime(2025, 2, 12),
        text=(
            "The Ridgeford city council on Tuesday, February 11, approved a new central library "
            "by a vote of six to three. The library will cost $18.4 million, of which $12 million "
            "comes from a state grant. Construction is scheduled to begin in April.\n\n"
            '"This library will serve every neighbourhood," Mayor Dana Pruitt said after the '
            "vote. Councillor Omar Fitch voted against the plan. Fitch said he did not oppose "
            "libraries but objected to the cost.\n\n"
            "Five people were injured in a minor fire at the old library last year."
        ),
    ),
    SourceText(
        index=1,
        title="Old library running out of room",
        outlet="Ridgeford Gazette",
        published=datetime(2025, 2, 12),
        text=(
            "Library visits rose to 412,000 in 2024 from 380,000 in 2023.\n\n"
            "City librarian Ines Moreau said the old building could close next year if repairs "
            "are delayed. “We have run out of space,” Moreau said. The old library's roof leaked "
            "because of storm damage in January, Moreau said.\n\n"
            "About 80 residents attended the meeting, and 40 of them spoke."
        ),
    ),
]
PUBLISHED = date(2025, 2, 13)


def assert_supported(claim: str, sources: list[SourceText], expected: bool, **kwargs) -> None:
    """Every claim of ``claim`` supported, or not, as ``expected``."""
    report = check_text(claim, sources, **kwargs)
    assert all(c.verdict == SUPPORTED for c in report.claims) == expected, report.claims


def assert_unflagged(claim: str, sources: list[SourceText], expected: bool, **kwargs) -> None:
    """No claim of ``claim`` flagged (a low-priority "needs review" allowed), or not, as
    ``expected``."""
    report = check_text(claim, sources, **kwargs)
    assert all(c.verdict not in FLAGS for c in report.claims) == expected, report.claims


def check_one(sentence: str):
    report = check_text(sentence, SOURCES, published=PUBLISHED)
    flagged = [c for c in report.claims if c.verdict != SUPPORTED]
    return report, flagged


ERRORS = [
    ("The library will cost $19.4 million.", CONTRADICTED, "number"),
    ("Several people were injured in a minor fire at the old library last year.", None, "number"),
    ("The council approved the library on February 12.", CONTRADICTED, "date"),
    ("The council approved the library on Monday.", CONTRADICTED, "date"),
    ("Councillor Omar Fitch and Councillor Rita Vance voted against the plan.", None, "name"),
    ("Councillor Omar Finch voted against the plan.", CONTRADICTED, "name"),
    ('"We have run out of space," Mayor Dana Pruitt said.', CONTRADICTED, "speaker"),
    ('"This library will serve every community," Mayor Dana Pruitt said.', CONTRADICTED, "quote"),
    ("Fitch said he opposed libraries.", CONTRADICTED, "negation"),
    ("Moreau said the old building will close next year.", CONTRADICTED, "modality"),
    ("The new library will be the largest in the state.", UNSUPPORTED, "comparison"),
    ("The old library's roof leaked because the building was poorly maintained.", None, "cause"),
    ("Library visits rose by 42,000 in 2024.", CONTRADICTED, "number"),
    ("The new library is likely to attract more visitors.", NOT_CHECKABLE, "unsourced"),
    ("The library will include a rooftop garden and a cafe.", UNSUPPORTED, "unsourced"),
]


@pytest.mark.parametrize(("sentence", "verdict", "difference"), ERRORS)
def test_each_error_class_is_flagged(sentence, verdict, difference):
    _, flagged = check_one(sentence)
    assert flagged, f"not flagged: {sentence}"
    assert flagged[0].difference == difference, flagged[0].reason
    if verdict is not None:
        assert flagged[0].verdict == verdict, flagged[0].reason
    assert flagged[0].reason.endswith(".")


PARAPHRASES = [
    "The council voted 6-3 on Tuesday to approve a new central library.",
    "Library visits rose by 32,000 in 2024.",
    "A state grant covers about two thirds of the $18.4 million cost.",
    "Half of the 80 residents who attended the meeting spoke.",
    '"We have run out of space," said Moreau.',
    "The roof of the old library leaked because of storm damage in January.",
    "Construction is scheduled to begin in April.",
    "Five people were hurt in a small fire at the old library last year.",
]


@pytest.mark.parametrize("sentence", PARAPHRASES)
def test_faithful_paraphrases_are_supported(sentence):
    report, flagged = check_one(sentence)
    assert not flagged, [c.reason for c in flagged]
    assert all(c.evidence for c in report.claims)


def test_reasons_say_what_differs():
    _, flagged = check_one('"We have run out of space," Mayor Dana Pruitt said.')
    assert flagged[0].reason == "Ines Moreau said this, not Dana Pruitt."
    _, flagged = check_one("Library visits rose by 42,000 in 2024.")
    assert "32,000" in flagged[0].reason and "42,000" in flagged[0].reason
    _, flagged = check_one("Several people were injured in a minor fire at the old library.")
    assert flagged[0].reason == "The sources give five people; the draft says several."
    _, flagged = check_one('"This library will serve every community," Mayor Dana Pruitt said.')
    assert flagged[0].reason.startswith("Quote not found verbatim in any source; closest:")
    assert "(source 1)" in flagged[0].reason


def test_quotes_must_be_verbatim_but_quote_style_and_spacing_may_differ():
    _, flagged = check_one("Moreau said \u201cwe have run out of  space.\u201d")
    assert not flagged
    _, flagged = check_one('Moreau said "We have run out of Space."')
    assert flagged and flagged[0].difference == "quote"


def test_claims_split_into_clauses_with_exact_offsets():
    text = (
        "The plan was approved, and the mayor said work starts in April. "
        'Fitch said "no; never" and left.\n\n'
        "The roof leaked because it rained; repairs will begin soon."
    )
    claims = extract_claims(text)
    assert [c.text for c in claims] == [
        "The plan was approved",
        "the mayor said work starts in April.",
        'Fitch said "no; never" and left.',
        "The roof leaked",
        "because it rained",
        "repairs will begin soon.",
    ]
    assert all(text[c.start : c.end] == c.text for c in claims)
    assert claims[4].is_cause and claims[4].context == "The roof leaked"


def test_offsets_and_evidence_quotes_are_exact():
    for case in load_cases(DATA)[:3]:
        report = check_text(case.draft, case.sources, published=case.published)
        by_index = {s.index: s for s in case.sources}
        for claim in report.claims:
            assert case.draft[claim.start : claim.end] == claim.text
            assert claim.text_hash
            for evidence in claim.evidence:
                source = by_index[evidence.source].text
                assert source[evidence.start : evidence.end] == evidence.quote


def test_recheck_reuses_unchanged_claims(monkeypatch):
    first = (
        "Library visits rose by 32,000 in 2024. That is an increase of about 8 percent. "
        "The library will cost $19.4 million."
    )
    report = check_text(first, SOURCES, published=PUBLISHED)
    assert [c.verdict for c in report.claims] == [SUPPORTED, SUPPORTED, CONTRADICTED]
    calls = []
    original = OfflineChecker.check

    def counting(self, claim, previous=None):
        calls.append(claim.text)
        return original(self, claim, previous)

    monkeypatch.setattr(OfflineChecker, "check", counting)
    edited = "Construction is scheduled to begin in April.\n\n" + first
    again = check_text(edited, SOURCES, published=PUBLISHED, previous=report.by_hash())
    assert calls == ["Construction is scheduled to begin in April."]
    moved = again.claims[3]
    assert moved.text == "The library will cost $19.4 million."
    assert edited[moved.start : moved.end] == moved.text
    assert (moved.verdict, moved.reason) == (report.claims[2].verdict, report.claims[2].reason)

    calls.clear()
    changed = edited.replace("32,000", "30,000")
    check_text(changed, SOURCES, published=PUBLISHED, previous=again.by_hash())
    assert calls == [
        "Library visits rose by 30,000 in 2024.",
        "That is an increase of about 8 percent.",
    ]

    calls.clear()
    check_text(changed, SOURCES[:1], published=PUBLISHED, previous=again.by_hash())
    assert len(calls) == 4


def test_report_json_shape_and_round_trip():
    report = check_text("Library visits rose by 42,000 in 2024.", SOURCES)
    data = report.to_json()
    claim = data["claims"][0]
    assert set(claim) == {"text", "start", "end", "verdict", "reason", "evidence"}
    assert set(claim["evidence"][0]) == {"source", "quote", "start", "end"}
    assert data["backend"] == "offline" and "issues" in data
    again = CheckReport.from_json(data)
    assert again.claims[0].difference == report.claims[0].difference == "number"
    assert again.by_hash() == report.by_hash()


def test_date_after_publish_date_stated_as_past():
    text = "On February 20 the council approved a new central library."
    report = check_text(text, SOURCES, published=PUBLISHED)
    kinds = [(i.kind, text[i.start : i.end]) for i in report.issues]
    assert ("future_date", "February 20") in kinds
    plans = check_text("The council will vote again on February 20.", SOURCES, published=PUBLISHED)
    assert not plans.issues


def test_today_that_disagrees_with_the_publish_date():
    text = "Today, February 11, the council approved a new central library."
    report = check_text(text, SOURCES, published=PUBLISHED)
    assert [i.kind for i in report.issues] == ["publish_date"]
    assert "February 11" in report.issues[0].message


def test_headline_numbers_and_names_missing_from_body():
    body = "The council voted 6-3 on Tuesday to approve a new central library."
    report = check_text(body, SOURCES, headline="Pruitt wins 7-3 vote on $18.4 million library")
    messages = [i.message for i in report.issues]
    headline = "Pruitt wins 7-3 vote on $18.4 million library"
    assert any("says 7" in m for m in messages)
    assert any("$18.4 million" in m and "the sources do" in m for m in messages)
    assert any("names Pruitt" in m for m in messages)
    for issue in report.issues:
        assert issue.kind == "headline" and headline[issue.start : issue.end]


def test_relative_day_without_publish_date_needs_review():
    """A day the checker cannot anchor is one it cannot judge: "needs review", the low-priority
    tier, not "not checkable", which is for speculation no source states (ENGINE.md)."""
    report = check_text("Fitch voted against the plan yesterday.", SOURCES)
    assert report.claims[0].verdict == NEEDS_REVIEW
    assert report.claims[0].difference == "date"


def test_labeled_set_meets_targets():
    cases = load_cases(DATA)
    result = evaluate(cases)
    assert len(result.outcomes) >= 80
    assert len(result.per_class()) >= 14
    assert result.recall >= 0.9, result.per_class()
    assert result.false_flag_rate <= 0.1


def test_verdicts_of_an_older_checker_are_not_reused(monkeypatch):
    import articles.factcheck as factcheck

    first = check_text("The library will cost $18.4 million.", SOURCES, published=PUBLISHED)
    monkeypatch.setattr(factcheck, "CHECKER_VERSION", "a later checker")
    again = check_text(
        "The library will cost $18.4 million.", SOURCES, published=PUBLISHED,
        previous=first.by_hash(),
    )  # fmt: skip
    assert again.claims[0].text_hash != first.claims[0].text_hash


def test_a_sentence_copied_from_a_source_never_says_the_opposite():
    """Seen on a draft of the hospital story: a blog sentence copied whole was "contradicted"
    by itself; the claim's negation ("didn't do") was counted over the whole claim and the
    source's only in the clause that matched best ("They are doing everything by hand")."""
    text = (
        "The nurses upstairs are worn out. They are doing everything by hand and they are "
        "getting shouted at for something they didn't do. Nobody thanks them."
    )
    sources = [SourceText(0, "Blog", text)]
    copied = (
        "They are doing everything by hand and they are getting shouted at for something "
        "they didn't do."
    )
    assert check_text(copied, sources).claims[0].verdict == SUPPORTED
    flipped = "They are not doing everything by hand, the nurses said."
    assert check_text(flipped, sources).claims[0].verdict == CONTRADICTED


def test_a_hedge_in_a_relative_clause_does_not_hedge_the_main_one():
    """Seen on the plant-fire story's headline: "tore through a plant ..., sending smoke that
    could be seen 30 miles away" does not make the fire itself a "could"."""
    sources = [
        SourceText(
            0,
            "Wire",
            "A large fire tore through a timber yard in Oxley on Monday, sending up smoke that "
            "could be seen from the coast.",
        )
    ]
    assert (
        check_text("A large fire tore through a timber yard in Oxley.", sources).claims[0].verdict
        == SUPPORTED
    )
    sources = [SourceText(0, "Wire", "The timber yard could reopen in May, the owner said.")]
    assert check_text("The timber yard will reopen in May.", sources).claims[0].verdict == (
        CONTRADICTED
    )


def test_a_copied_sentence_told_in_the_passive_needs_no_review():
    """Seen on two story drafts: "residents were told to boil water", copied whole, asked for
    review because "told" is a stopword the predicate check could never find."""
    sources = [
        SourceText(
            0, "Wire", "Residents east of the river were told to boil tap water for a minute."
        )
    ]
    claim = "Residents east of the river were told to boil tap water for a minute."
    assert check_text(claim, sources).claims[0].verdict == SUPPORTED


def test_a_claim_siding_with_one_aligned_figure_is_sources_disagree():
    """Figures no slot names reach the checker too: "save about $1.4 million a year" against
    "will save $2.1 million a year"."""
    sources = [
        SourceText(
            0,
            "Wire",
            "Lanmoor Clinic expects the night closure to save about $1.4 million a year. "
            "The clinic opened in 1988.",
        ),
        SourceText(
            1,
            "Paper",
            "Managers say the night closure will save $2.1 million a year. "
            "Staff were told on Monday.",
        ),
        SourceText(
            2, "Blog", "The clinic lost $3.3 million last year and treats 9,000 patients a year."
        ),
    ]
    claim = "The night closure will save the clinic $2.1 million a year."
    (result,) = check_text(claim, sources).claims
    assert result.verdict == SOURCES_DISAGREE
    assert "$1.4 million" in result.reason and "$2.1 million" in result.reason


@pytest.mark.parametrize(
    "claim, source",
    [
        (
            "The trust said planned operations will restart on Tuesday.",
            "A decision on whether planned operations could restart on Tuesday would be made on "
            "Monday, she added. Annika Stroud, the trust's chief executive, said staff were tired.",
        ),
        (
            "Some damaged trams will have to be returned to the manufacturer, Vossberg Rail.",
            "Our engineers and the manufacturer, Vossberg Rail, are assessing each vehicle. "
            "Some of the damaged trams may have to be returned to the manufacturer for repair.",
        ),
    ],
)
def test_will_against_a_hedged_source_clause_about_the_same_predicate(claim, source) -> None:
    """Held-out fact-check set 3: the clause compared was the one sharing the most words (the
    speaker, the manufacturer's name), not the one saying what "will" happen."""
    (result,) = check_text(claim, [SourceText(0, "s", source)]).claims
    assert (result.verdict, result.difference) == (CONTRADICTED, "modality")


def test_will_against_a_source_that_says_will_is_supported() -> None:
    source = "Some of the damaged trams will have to be returned to the manufacturer for repair."
    claim = "Some of the damaged trams will have to be returned to the manufacturer."
    (result,) = check_text(claim, [SourceText(0, "s", source)]).claims
    assert result.verdict == SUPPORTED


SPEAKERS = SourceText(
    0,
    "s",
    "Councillor Ishbel Drummond, who chairs the transport committee, said the council would "
    'ask for a review. "Passengers deserve to know whether this could have been prevented," '
    "she said.\n\n"
    "Rowan Teague, the managing director, apologised to passengers.\n\n"
    "Ailsa Frew, the airport's Chief Fire Officer, said: \"By the time the aircraft came to a "
    'stop, we had three appliances alongside it."\n\n'
    'Marguerite Lane, Chief Operating Officer of the airport, said: "Safety comes first."',
)


@pytest.mark.parametrize(
    "claim, verdict",
    [
        ('"Passengers deserve to know whether this could have been prevented," Teague said.', 0),
        ('"Passengers deserve to know whether this could have been prevented," Drummond said.', 1),
        (
            '"By the time the aircraft came to a stop, we had three appliances alongside it," said '
            "Marguerite Lane.",
            0,
        ),
        (
            '"By the time the aircraft came to a stop, we had three appliances alongside it," said '
            "Ailsa Frew.",
            1,
        ),
    ],
)
def test_the_speaker_of_a_source_quote_behind_a_pronoun_or_an_appositive(claim, verdict) -> None:
    """Held-out fact-check set 3: '"...," she said' after a sentence naming Drummond, and
    'Ailsa Frew, the airport's Chief Fire Officer, said:' were read as no speaker at all, so a
    quote given to someone else passed."""
    (result,) = check_text(claim, [SPEAKERS]).claims
    if verdict:
        assert result.verdict == SUPPORTED
    else:
        assert (result.verdict, result.difference) == (CONTRADICTED, "speaker")


def test_a_pronoun_speaker_is_the_person_said_to_speak_not_the_last_name() -> None:
    """'Superintendent Victor Hanlon said the district had chosen Linden Street ...
    "...," he said': he is Hanlon, not Linden Street (a false flag while fixing the above)."""
    source = SourceText(
        0,
        "s",
        "Superintendent Victor Hanlon said the district had chosen Linden Street because of "
        'the cost of repairs. "Linden Street is a good school in a tired building," he said.',
    )
    claim = '"Linden Street is a good school in a tired building," Hanlon said.'
    (result,) = check_text(claim, [source]).claims
    assert result.verdict == SUPPORTED


@pytest.mark.parametrize(
    "claim, source",
    [
        # units converted by the writer (held-out fact-check set 3)
        (
            "In the 24 hours to 6 a.m., 58 millimeters of rain, about 2.3 inches, fell on the "
            "catchment.",
            "In the 24 hours to 6am, 58mm of rain fell on the beck's catchment.",
        ),
        (
            "The warning came while the plane was cruising at 35,000 feet, or about 10,700 meters.",
            "The warning came while the plane was cruising at 35,000 feet.",
        ),
        (
            "It diverted about 140 miles, or 225 kilometers, short of its destination.",
            "It diverted about 140 miles short of its destination.",
        ),
        ("The landslide was nearly 200 feet wide.", "The landslide was 60 metres wide."),
        (
            "The lorry was carrying about 18 tonnes of grain.",
            "The lorry carried 40,000 lb of grain.",
        ),
        # lengths of time in another unit
        ("The road was closed for 90 minutes.", "The road was closed for an hour and a half."),
        ("The staff were held for about 75 minutes.", "They were held for an hour and a quarter."),
        # British times, pounds as a word, twice and double
        ("Staff raised the alarm at 2:40 a.m.", "Night staff raised the alarm at 2.40am."),
        (
            "Rebuilding the equipment could cost as much as £400,000 per vehicle.",
            "Rebuilding the equipment could cost as much as 400,000 pounds per vehicle.",
        ),
        (
            "Reports of norovirus were running at about double the usual level.",
            "Reports of norovirus were running at about twice the usual level.",
        ),
    ],
)
def test_figures_written_another_way_are_supported(claim, source) -> None:
    (result,) = check_text(claim, [SourceText(0, "s", source)]).claims
    assert result.verdict == SUPPORTED, result.reason


@pytest.mark.parametrize(
    "claim, source",
    [
        ("The landslide was about 300 feet wide.", "The landslide was 60 metres wide."),
        ("It diverted about 140 miles, or 300 kilometers, short.", "It diverted 140 miles short."),
        ("Staff raised the alarm at 3:40 a.m.", "Night staff raised the alarm at 2.40am."),
        ("The hostages were held for 40 minutes.", "They were held for an hour and a quarter."),
    ],
)
def test_converted_figures_that_do_not_match_are_flagged(claim, source) -> None:
    (result,) = check_text(claim, [SourceText(0, "s", source)]).claims
    assert result.verdict in (CONTRADICTED, UNSUPPORTED), result.reason


@pytest.mark.parametrize(
    "claim, source",
    [
        # a definite noun for a name that holds it, a pronoun for the firm (held-out set 3)
        (
            "The virus was confirmed by laboratory tests on Ward 7.",
            "Norovirus was confirmed by laboratory testing on Ward 7.",
        ),
        (
            "The firm said it had suspended redemptions to protect all of its investors.",
            '"We have suspended redemptions to protect all of our investors," Larkspur said.',
        ),
        # "two-thirds" is a fraction, not "two"
        (
            "The fund's value was cut by nearly two-thirds.",
            "Larkspur reduced the fund's value by 64 percent.",
        ),
    ],
)
def test_paraphrases_of_subjects_and_fractions_are_supported(claim, source) -> None:
    (result,) = check_text(claim, [SourceText(0, "s", source)]).claims
    assert result.verdict == SUPPORTED, result.reason


def test_a_named_body_is_still_not_another_common_noun() -> None:
    """The swap the check exists for stays caught: "The county has agreed to pay" against
    "Northline Rail has agreed to pay for it"."""
    source = (
        "The clean-up will cost about $2.4 million, according to a preliminary county "
        "estimate. Northline Rail has agreed to pay for it."
    )
    (result,) = check_text(
        "The county has agreed to pay for the clean-up.", [SourceText(0, "s", source)]
    ).claims
    assert result.verdict == CONTRADICTED


@pytest.mark.parametrize(
    "claim, source, verdict",
    [
        (
            "A grille at the downstream end of the culvert had become blocked.",
            "A grille at the upstream end of the culvert had become blocked with branches.",
            CONTRADICTED,
        ),
        (
            "Investigators found scorch marks near the front of the main cargo deck.",
            "Investigators found scorch marks near the rear of the main cargo deck.",
            CONTRADICTED,
        ),
        # the antonym is said of something else: "borrowers" and the Lending Fund
        (
            "Larkspur cut the value of the fund by 64 percent after three large borrowers "
            "defaulted.",
            "On Friday, Larkspur suspended redemptions from the Larkspur Urban Lending Fund and "
            "reduced the fund's net asset value by 64 percent, after three large borrowers "
            "defaulted on their loans.",
            SUPPORTED,
        ),
    ],
)
def test_an_antonym_counts_where_the_claims_word_stands(claim, source, verdict) -> None:
    """Held-out fact-check set 3: a swap of direction passed; "lending" in a fund's name
    contradicted "borrowers"."""
    (result,) = check_text(claim, [SourceText(0, "s", source)]).claims
    assert result.verdict == verdict, result.reason


ROLES = SourceText(
    0,
    "s",
    "Annika Stroud, the chief executive of Esk Valley Hospitals Trust, said the virus came in "
    "with a visitor. Gareth Millom, the trust's chief nurse, said: \"I want to thank our "
    "staff.\" Tobias Wren, the council's head of pensions, told the committee the investment "
    "was made on advice. Councillor Bryony Akers, chair of the pensions committee, said the "
    "pensions were safe.",
)


@pytest.mark.parametrize(
    "claim, verdict",
    [
        ("Gareth Millom, the trust's chief executive, thanked staff.", CONTRADICTED),
        (
            "Bryony Akers, the council's head of pensions, said the pensions were safe.",
            CONTRADICTED,
        ),
        ("Gareth Millom, the trust's chief nurse, thanked staff.", SUPPORTED),
        (
            "Bryony Akers, who chairs the pensions committee, said the pensions were safe.",
            SUPPORTED,
        ),
        (
            "Tobias Wren, the head of pensions, told the committee the investment was made on "
            "advice.",
            SUPPORTED,
        ),
    ],
)
def test_a_role_given_to_the_wrong_person_is_contradicted(claim, verdict) -> None:
    """Held-out fact-check set 3: "Gareth Millom, the trust's chief executive" (he is its
    chief nurse; Annika Stroud is chief executive) passed."""
    (result,) = check_text(claim, [ROLES]).claims
    assert result.verdict == verdict, result.reason


@pytest.mark.parametrize(
    "claim, verdict",
    [
        ("The company, founded 39 years ago, stopped running buses.", SUPPORTED),
        ("The company stopped running buses after its 39-year history.", SUPPORTED),
        ("The company, founded 41 years ago, stopped running buses.", None),
        ("Two years earlier, the company stopped running buses.", None),
    ],
)
def test_years_counted_from_a_year_in_the_sources(claim, verdict) -> None:
    """Held-out fact-check set 4: "founded 39 years ago" against "founded in 1987" (written
    in 2026) was contradicted by an unrelated figure."""
    source = SourceText(
        0, "s", "The company was founded in 1987 by the Sowden family. It stopped running buses."
    )
    (result,) = check_text(claim, [source], published=date(2026, 11, 20)).claims
    if verdict:
        assert result.verdict == verdict, result.reason
    else:
        assert result.verdict != SUPPORTED, result.reason


def test_an_approximate_figure_says_what_estimated_does() -> None:
    """Held-out fact-check set 4: "would be worth about £60,000" against "estimated the gold
    ... at £60,000" was "stated as fact"."""
    source = SourceText(0, "s", "Greaves estimated the gold in them at £60,000 at current prices.")
    claim = "The gold in them would be worth about £60,000 at current prices, Greaves said."
    (result,) = check_text(claim, [source]).claims
    assert result.verdict == SUPPORTED, result.reason


@pytest.mark.parametrize(
    "claim, verdict",
    [
        ("The alarm went off at 3.12 a.m., and officers arrived within seven minutes.", SUPPORTED),
        ("The alarm went off at 3.12 a.m., and officers arrived within 15 minutes.", None),
    ],
)
def test_minutes_between_two_times_the_sources_give(claim, verdict) -> None:
    """Held-out fact-check set 4: "within seven minutes" against 3.12 a.m. and 3.19 a.m."""
    source = SourceText(
        0, "s", "The alarm went off at 3.12 a.m. Officers arrived within minutes, at 3.19 a.m."
    )
    claims = check_text(claim, [source]).claims
    result = next(c for c in claims if "minutes" in c.text)
    if verdict:
        assert result.verdict == verdict, result.reason
    else:
        assert result.verdict != SUPPORTED, result.reason


@pytest.mark.parametrize(
    "claim, verdict",
    [
        ("The crew brought the walker down an hour and a half after the fall.", SUPPORTED),
        ("The crew brought the walker down three hours after the fall.", None),
    ],
)
def test_time_between_two_times_a_few_sentences_apart(claim, verdict) -> None:
    """Held-out fact-check set 5: "an hour and a half after the capsize" against 7:35 a.m. and
    9:05 a.m. three sentences apart (and "an hour and a half" was no figure at all)."""
    source = SourceText(
        0,
        "s",
        "At about 10:20 a.m. the walker slipped and fell on the scree. Her partner called for "
        "help. The mountain rescue team was paged at once. The crew brought the walker down "
        "to the road at 11:50 a.m.",
    )
    (result,) = check_text(claim, [source]).claims
    if verdict:
        assert result.verdict == verdict, result.reason
    else:
        assert result.verdict != SUPPORTED, result.reason


@pytest.mark.parametrize(
    "claim, source, flagged",
    [
        # review of this session's change: shortcuts that passed wrong figures, and rules
        # that contradicted right ones
        (
            "He was jailed for 14 years at Leeds Crown Court.",
            "He was jailed for 9 years at Leeds Crown Court. He had worked at the firm since 2012.",
            True,
        ),
        (
            "The 25-year-old driver was arrested.",
            "The 52-year-old driver was arrested. The haulage firm was founded in 2001.",
            True,
        ),
        (
            "The pool will be open for two hours on Sunday.",
            "The pool opens at 10 a.m. on Sunday. Elsewhere in the centre, the gym shuts at "
            "12 p.m. for cleaning.",
            True,
        ),
        (
            "The appeal raised 2,000 pounds.",
            "The appeal raised £1,200 and 900 kilograms of food.",
            True,
        ),
        (
            "The bridge will reopen to traffic on Monday.",
            "The bridge reopens to traffic on Monday, the county said. The nearby ferry service "
            "could reopen to traffic on Monday too.",
            False,
        ),
        ("A young man was arrested on Friday.", "A 19-year-old man was arrested on Friday.", False),
        (
            "Protesters gathered in front of the town hall on Friday.",
            "Protesters gathered in front of the town hall on Friday and went back to the station.",
            False,
        ),
        (
            "Tom Reed, a council spokesman, said the road would reopen.",
            "Tom Reed, the council's head of communications, said the road would reopen. Jane "
            "Doe, a council spokesman, said repairs were under way.",
            False,
        ),
    ],
)
def test_review_findings_on_the_checkers_new_rules(claim, source, flagged) -> None:
    results = check_text(claim, [SourceText(0, "s", source)], published=date(2026, 11, 20)).claims
    verdicts = [r.verdict for r in results]
    if flagged:
        assert any(v in (CONTRADICTED, UNSUPPORTED) for v in verdicts), [r.reason for r in results]
    else:
        assert CONTRADICTED not in verdicts, [r.reason for r in results]


@pytest.mark.parametrize(("given", "verdict"), [("10.2 hours", SUPPORTED), ("9.2 hours", None)])
def test_nearly_reaches_a_tenth_below_its_figure(given, verdict):
    """'Nearly 11 hours' is 9.9 hours or more, less the claim's rounding (it allowed 8.85);
    one floor for the checker and the conflict finder (``NEARLY_FLOOR``)."""
    source = SourceText(0, "Airport", f"Terminal A was without power for {given} on Friday.")
    report = check_text(
        "Terminal A was without power for nearly 11 hours on Friday.",
        [source],
        published=PUBLISHED,
    )
    (claim,) = report.claims
    assert claim.verdict == verdict if verdict else claim.verdict != SUPPORTED


def test_over_after_a_word_of_contention_is_no_bound():
    """'A court fight over nine votes' was contradicted by a source's nine votes."""
    source = SourceText(0, "Wire", "She lost by nine votes and said she would not fight it.")
    report = check_text(
        "She said she would not fight it: she lost the row over nine votes.",
        [source],
        published=PUBLISHED,
    )
    assert all("more than nine" not in claim.reason for claim in report.claims)


def test_a_claim_counting_what_a_disputed_figure_counts_sides_with_it():
    """Held-out 1 (Corvel fire): "Evacuation orders remained in place for 1,250 residents"
    passed, though two sources gave about 1,200 residents under evacuation orders and another
    an estimated 1,250 residents affected (no event in common, one counted noun)."""
    sources = [
        SourceText(
            0,
            "Wire",
            "A wildfire grew to about 3,800 acres overnight, and some 1,200 residents remained "
            "under evacuation orders on Monday, fire officials said.",
        ),
        SourceText(
            1,
            "County",
            "Evacuation orders remain in effect for Pine Hollow and Lasko Flats. An estimated "
            "1,250 residents in approximately 480 homes are affected.",
        ),
        SourceText(
            2,
            "Paper",
            "The incident commander said about 1,200 people had been ordered out of their homes.",
        ),
    ]
    report = check_text(
        "Evacuation orders remained in place for 1,250 residents.", sources, published=PUBLISHED
    )
    (claim,) = report.claims
    assert claim.verdict == SOURCES_DISAGREE


BUSES = SourceText(
    0,
    "Trams",
    "Replacement buses are running every 10 minutes on the Harbour line and every 15 "
    "minutes on the University line. Derek Aston said a nurse rang from Ward 8, where his "
    "mother, Margaret, 88, has been since she broke her hip.",
)


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        (
            "The buses run every 15 minutes on the Harbour line and every 10 minutes on the "
            "University line.",
            CONTRADICTED,
        ),
        (
            "The buses run every 10 minutes on the Harbour line and every 15 minutes on the "
            "University line.",
            SUPPORTED,
        ),
        (
            "Derek Aston's 88-year-old mother, Margaret, has been on Ward 8 since she broke "
            "her hip.",
            SUPPORTED,
        ),
    ],
)
def test_two_figures_the_source_gives_the_other_way_round_are_swapped(claim, verdict):
    """Held-out 3, 4, 6: figures swapped between two frames of one sentence passed, each
    being a figure the source gives ('every 15 minutes on the Harbour line'); a number in a
    name ('Ward 8') is no figure to swap."""
    report = check_text(claim, [BUSES], published=PUBLISHED)
    assert [c.verdict for c in report.claims] == [verdict]


def test_an_antonym_in_the_short_sentence_after_the_aligned_one_contradicts():
    """Held-out 6: "the result was positive" passed against "... was breath-tested by police
    at the quayside. The result was negative."; a sentence of a few words after the aligned
    one says more of the same."""
    source = SourceText(
        0,
        "Operator",
        "As is standard practice, the master was breath-tested by police at the quayside. "
        "The result was negative. The vessel is alongside.",
    )
    report = check_text(
        "The master was breath-tested by police at the quayside and the result was positive.",
        [source],
        published=PUBLISHED,
    )
    assert [c.verdict for c in report.claims] == [CONTRADICTED]


def test_a_short_sentence_naming_something_new_is_no_follow_up():
    """Story 21: "would close four branch libraries" was contradicted by the next sentence,
    "The Central Library would lose its Sunday opening" (another library)."""
    source = SourceText(
        0,
        "Blog",
        "The proposed budget would close four branch libraries on July 1. "
        "The Central Library would lose its Sunday opening.",
    )
    report = check_text(
        "The proposed budget would close four branch libraries on July 1.",
        [source],
        published=PUBLISHED,
    )
    assert [c.verdict for c in report.claims] == [SUPPORTED]


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        (
            "Shares in the company fell to 95 pence from 120 pence on Monday.",
            "Shares in the company fell from 120 pence to 95 pence on Monday.",
        ),
        (
            "In the east ward 120 homes lost power and in the west ward 80 homes lost power.",
            "In the west ward 80 homes lost power and in the east ward 120 homes lost power.",
        ),
        (
            "Adults pay $12 for a ticket and children pay $6 for a ticket.",
            "Children pay $6 for a ticket and adults pay $12 for a ticket.",
        ),
        (
            "The Harbour line runs every 10 minutes and the University line every 15 minutes.",
            "Buses run every 15 minutes on the University line and every 10 minutes on the "
            "Harbour line.",
        ),
    ],
)
def test_figures_reordered_with_their_words_are_not_swapped(claim, source):
    """Review of the swapped-figures rule: unordered frame words took "fell to 95 from 120"
    and two clauses given in the other order for swaps."""
    report = check_text(claim, [SourceText(0, "Wire", source)], published=PUBLISHED)
    assert [c.verdict for c in report.claims] == [SUPPORTED]


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        (
            "The north entrance of the station was closed on Monday.",
            "The north entrance of the station was closed on Monday. The south entrance "
            "stayed open.",
        ),
        (
            "Sales of the company rose in the first quarter.",
            "Sales of the company rose in the first quarter. Profits of the company fell.",
        ),
        (
            "The first test was positive.",
            "Doctors said the first test was positive. The second test was negative.",
        ),
    ],
)
def test_a_short_sentence_about_something_else_is_no_follow_up(claim, source):
    """Review of the follow-up rule: a short sentence with no new capitalised word may still
    contrast another thing ("The south entrance stayed open")."""
    report = check_text(claim, [SourceText(0, "Wire", source)], published=PUBLISHED)
    assert [c.verdict for c in report.claims] == [SUPPORTED]


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        (
            "The site is about two and a half miles north of Hollesby village.",
            "Location: approximately 4 km north of Hollesby village.",
        ),
        (
            "The nearest home is about two-thirds of a mile from the nearest turbine.",
            "The nearest home is 1.1 km from the nearest turbine.",
        ),
        (
            "The road was shut for a quarter of an hour after the crash.",
            "The road was shut for 15 minutes after the crash.",
        ),
    ],
)
def test_a_part_of_a_unit_in_words_is_a_measure(claim, source):
    """Held-out 9: "two and a half miles" was read as "two" and a share "a half" (2 of 11,
    "not a half"); "a quarter of an hour" and "two-thirds of a mile" were shares too."""
    report = check_text(claim, [SourceText(0, "Notice", source)], published=PUBLISHED)
    assert [c.verdict for c in report.claims] == [SUPPORTED]


def test_a_length_of_time_in_two_units_is_checked_as_one():
    source = SourceText(0, "County", "Calls failed from 11:48 p.m. until 2:39 a.m.")
    report = check_text("Calls failed for 2 hours and 51 minutes.", [source], published=PUBLISHED)
    assert [c.verdict for c in report.claims] == [SUPPORTED]


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("The water at the surface reached about 75F last week.", SUPPORTED),
        ("The water at the surface reached about 75 degrees Fahrenheit last week.", SUPPORTED),
        ("The water at the surface reached about 85F last week.", CONTRADICTED),
    ],
)
def test_a_temperature_in_the_other_scale_is_converted(claim, verdict):
    """Held-out 9: "about 55F" for a sea the sources give in Celsius was "no source gives the
    figure", and "F" an unknown name."""
    source = SourceText(0, "Agency", "The water at the surface reached 24C last week.")
    report = check_text(claim, [source], published=PUBLISHED)
    assert [c.verdict for c in report.claims] == [verdict]


@pytest.mark.parametrize(
    ("total", "verdict"), [("£9.45 million", SUPPORTED), ("£12 million", None)]
)
def test_a_sum_a_year_times_the_years_is_its_total(total, verdict):
    """Held-out 9: "£270,000 a year ... for the 35 years ..., about £9.45 million in all" was
    "no source gives the figure"; a product of two figures the claim gave is worked out."""
    source = SourceText(
        0,
        "Council",
        "Brightwater will pay £270,000 a year into a community fund. The wind farm is expected "
        "to operate for 35 years.",
    )
    report = check_text(
        "Brightwater will pay £270,000 a year into a community fund for the 35 years the wind "
        f"farm is expected to operate, about {total} in all.",
        [source],
        published=PUBLISHED,
    )
    (claim,) = report.claims
    assert claim.verdict == verdict if verdict else claim.verdict != SUPPORTED
    if verdict:
        assert "£270,000 times 35 is £9.45 million" in claim.reason


@pytest.mark.parametrize(
    ("multiple", "verdict"),
    [("more than twice", UNSUPPORTED), ("almost twice", SUPPORTED), ("nearly double", SUPPORTED)],
)
def test_a_multiple_holds_as_qualified_and_in_one_unit(multiple, verdict):
    """Held-out 2: "more than twice the average rainfall" passed for 118mm against 64mm (1.84),
    since any two figures within a tenth of 2 (or 118mm over 48 hours) would do."""
    source = SourceText(
        0,
        "Rail",
        "The slip followed 118mm of rain in the 48 hours to Saturday morning. The average "
        "rainfall for the whole of November in the Lenn valley is 64mm.",
    )
    report = check_text(
        f"The slip followed 118mm of rain in 48 hours, {multiple} the average rainfall for "
        "the whole of November in the valley.",
        [source],
        published=PUBLISHED,
    )
    assert [c.verdict for c in report.claims] == [verdict]
    if verdict == UNSUPPORTED:
        assert "'more than twice'" in report.claims[0].reason


@pytest.mark.parametrize(
    ("superlative", "verdict"),
    [
        ("the highest level ever recorded at the gauge", CONTRADICTED),
        ("the highest reading at the gauge since January 2024", SUPPORTED),
    ],
)
def test_a_superlative_for_all_time_needs_one_the_sources_do_not_bound(superlative, verdict):
    """Held-out 5: "the highest level ever recorded at the gauge" passed against "the highest
    reading there since the floods of January 2024"."""
    source = SourceText(
        0,
        "Court",
        "Heavy rain had raised the river at the Fernhollow Lock gauge to 1.82 metres at 7 a.m. "
        "on the Sunday, the highest reading there since the floods of January 2024.",
    )
    report = check_text(
        f"The gauge read 1.82 metres at 7 a.m., {superlative}.", [source], published=PUBLISHED
    )
    assert [c.verdict for c in report.claims] == [verdict]


@pytest.mark.parametrize(
    ("comparison", "verdict"),
    [("more than in", CONTRADICTED), ("about the same as in", SUPPORTED)],
)
def test_a_comparison_the_sources_call_alike_is_contradicted(comparison, verdict):
    """Held-out 4: "148 cases ..., more than in the same period of 2025" passed against
    "similar to the same period of 2025"."""
    source = SourceText(
        0,
        "Agency",
        "Nationally, 148 cases were reported in the first ten months of 2026, similar to the "
        "same period of 2025.",
    )
    report = check_text(
        "Nationally, 148 cases were reported in the first ten months of the year, "
        f"{comparison} the same period of 2025.",
        [source],
        published=date(2026, 11, 30),
    )
    assert [c.verdict for c in report.claims] == [verdict]


def test_quiet_is_the_opposite_of_busy():
    """Held-out 9: "one of the quietest days of the year at the centre" passed against "one of
    the busiest days of the year at the centre"."""
    source = SourceText(
        0, "Paper", "Saturday is one of the busiest days of the year at the centre."
    )
    report = check_text(
        "Saturday is one of the quietest days of the year at the centre.",
        [source],
        published=PUBLISHED,
    )
    assert [c.verdict for c in report.claims] == [CONTRADICTED]


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        (
            "More than 200 people attended the vigil on Sunday.",
            "More than 200 people attended the vigil on Sunday, about the same as attended last "
            "year's vigil.",
        ),
        (
            "Revenue was higher than last year.",
            "Revenue was higher than last year, while profits were similar to last year.",
        ),
        (
            "Inflation rose more than expected in January.",
            "Inflation rose more than expected in January. Wage growth was in line with "
            "expectations.",
        ),
        (
            "It was the wettest January ever recorded in the county.",
            "It was the wettest January in the county since records began in 1890.",
        ),
        (
            "The river reached its highest level ever recorded.",
            "The river reached its highest level ever recorded, rising steadily since the rain "
            "began on Sunday.",
        ),
        (
            "Almost twice as many people attended as in 2023.",
            "Some 3,800 people attended, against 2,000 in 2023.",
        ),
        (
            "The normally busy high street was quiet on Sunday.",
            "The high street, normally busy, was deserted on Sunday.",
        ),
    ],
)
def test_second_review_of_comparisons_superlatives_multiples_and_antonyms(claim, source):
    """Second review of this session's checker rules: each of these correct sentences was
    contradicted or unsupported by one of them."""
    report = check_text(claim, [SourceText(0, "Wire", source)], published=PUBLISHED)
    assert [c.verdict for c in report.claims] == [SUPPORTED]


def test_two_lengths_of_time_are_not_one():
    source = SourceText(
        0, "Court", "The two men were jailed for four years and 30 months respectively."
    )
    report = check_text(
        "Smith was jailed for four years and Jones for 30 months.", [source], published=PUBLISHED
    )
    assert all(c.verdict != CONTRADICTED for c in report.claims)


PLACES = [
    SourceText(
        index=0,
        title="Talks collapse",
        outlet="Wire",
        published=datetime(2027, 3, 6),
        text=(
            "Talks between the union and the company at the offices of the conciliation service "
            "in Dunmere broke down on Friday evening after 14 hours. A public inquiry was held "
            "over eight days in June at the offices of North Lennard District Council in Kelsby. "
            "Seven patients were taken to St Aldric's Hospital in Morrowby, and four of them were "
            "kept in overnight. We will hold a meeting for residents at Scarrowby Village Hall on "
            "Monday. The Save Hollesby Moor group met on Thursday at Scarrowby Primary School. "
            "Former driver Dean Hollis spoke outside the depot in Kelsby. The union has its "
            "headquarters in Harwick. The festival site lies just outside Kelderby."
        ),
    )
]


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        # held-out sets 2, 5, 7 and 9: a place the aligned passage gives another one for
        ("Talks broke down on Friday after 14 hours at the service's offices in Harwick.", False),
        ("The public inquiry sat for eight days in June at Hollesby Village Hall.", False),
        ("Four of seven patients taken to St Aldric's Hospital in Kelderby were kept in.", False),
        ("A meeting for residents will be held at Scarrowby Primary School on Monday.", False),
        # the place as the sources give it, part of a name, or a fuller name
        ("Talks broke down on Friday after 14 hours at the service's offices in Dunmere.", True),
        ("A public inquiry was held over eight days in June in Kelsby.", True),
        ("Seven patients were taken to St Aldric's Hospital in Morrowby.", True),
        ("A meeting for residents will be held at the Scarrowby Village Hall on Monday.", True),
        ("Former driver Hollis spoke outside the depot in Kelsby.", True),
    ],
)
def test_a_place_is_compared_with_the_place_the_aligned_passage_gives(claim, verdict):
    assert_supported(claim, PLACES, verdict, published=date(2027, 3, 6))


DESCRIBED_PLACES = [
    SourceText(
        index=0,
        title="Trawler fire",
        outlet="Wire",
        published=datetime(2027, 3, 6),
        text=(
            "A man walking his dog spotted the smoke near the old ferry steps at about 7 a.m. "
            "The harbour master's office at Tollan Point raised the alarm. The Silver Wren is "
            "tied up at the Grain Wharf while she is inspected. Her catch was landed at the fish "
            "market. Residents of Moss Terrace watched from their windows. Six homes on "
            "the terrace lost power for an hour. The depot on Pellow Lane was closed. The skipper, "
            "Ann Rudd, has fished out of Tollan for 20 years. Her brother works at Kelso on the "
            "quay. The Kelso smokehouse opened in 1950, and the smokehouse was extended in 2024."
        ),
    )
]


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        # held-out sets 3, 6 and 9: a place the sources name, put where the aligned passage
        # gives another place, named or described ("near the old ferry steps")
        ("A man walking his dog spotted the smoke near Tollan Point at about 7 a.m.", False),
        ("The Silver Wren is tied up at the fish market while she is inspected.", False),
        ("Six homes on Pellow Lane lost power for an hour.", False),
        # the same place named or described, or a word for it ("the terrace", "the wharf")
        ("A man walking his dog spotted the smoke near the ferry steps at about 7 a.m.", True),
        ("The Silver Wren is tied up at the wharf while she is inspected.", True),
        ("Six homes on Moss Terrace lost power for an hour.", True),
        ("The Silver Wren is tied up in the harbour at the Grain Wharf for inspection.", True),
        # a named place by what the sources call it ("the Kelso smokehouse")
        ("Ann Rudd's brother works at the smokehouse on the quay.", True),
    ],
)
def test_a_place_is_compared_with_a_place_the_aligned_passage_describes(claim, verdict):
    assert_supported(claim, DESCRIBED_PLACES, verdict, published=date(2027, 3, 6))


ROLE_SOURCES = [
    SourceText(
        index=0,
        title="Bridge",
        outlet="Wire",
        text=(
            "County Engineer Marisol Teague said the department is evaluating two options. "
            "Peter Gaunt, director of the county's economic development authority, said the "
            "county was talking with two manufacturers. Dr. Marcus Obi, Deputy Chief Veterinary "
            "Officer, said inspectors would visit all 14 farms. The council's leader, Anne "
            "Marbury, said the council was disappointed. Tom Reed, the council's head of "
            "communications, said the road would reopen. Chief Inspector Marian Oduya, who led "
            "the police operation, said no arrests had been made."
        ),
    )
]


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # held-out sets 1, 2, 7 and 9: a role the sources give the person is swapped
        ("Public Works Director Marisol Teague said the department is evaluating options.", False),
        ("Peter Gaunt, the state's regional economist, said the county was talking.", False),
        ("Chief Veterinary Officer Marcus Obi said inspectors would visit all 14 farms.", False),
        (
            "Anne Marbury, who chairs the planning committee, said the council was disappointed.",
            False,
        ),
        # the role as the sources give it, or said another way
        ("County engineer Marisol Teague said the department is evaluating two options.", True),
        ("Deputy Chief Veterinary Officer Marcus Obi said inspectors would visit.", True),
        ("Anne Marbury, who leads the council, said the council was disappointed.", True),
        ("Tom Reed, a council spokesman, said the road would reopen.", True),
        ("Chief Inspector Marian Oduya said no arrests had been made.", True),
    ],
)
def test_a_role_the_sources_give_someone_else_or_not_at_all_is_contradicted(claim, supported):
    assert_supported(claim, ROLE_SOURCES, supported)


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # held-out sets 1, 2, 6, 8 and 10: inability is no hedge, arriving is no guess, and
        # "at least a day" is no superlative
        (
            "Passengers who could not travel on Friday will not be charged for parking.",
            "Passengers who could not travel on Friday will not be charged for parking.",
        ),
        (
            "Varga said she could not promise there would be no layoffs.",
            "Varga said she could not promise that there will be no layoffs.",
        ),
        (
            "She said the board could not currently guarantee safe staffing at the unit.",
            "She said the board could not currently guarantee safe staffing at the unit.",
        ),
        (
            'The skipper said the dredger had appeared out of the fog as "a wall of steel."',
            'The skipper said the dredger appeared out of the fog as "a wall of steel."',
        ),
        (
            "Samples must be taken at least a day apart.",
            "Samples must be taken at least 24 hours apart.",
        ),
    ],
)
def test_inability_arrival_and_at_least_are_not_flagged(claim, source):
    assert_supported(claim, [SourceText(0, "a", source)], True)


@pytest.mark.parametrize(
    ("claim", "source", "supported"),
    [
        # held-out set 9: "nine others" counts what came before it
        (
            "Nine other people were treated at the scene, the ambulance service said.",
            "The ambulance service said 12 people had been taken to hospital and nine others "
            "treated at the scene.",
            True,
        ),
        (
            "Ten other people were treated at the scene, the ambulance service said.",
            "The ambulance service said 12 people had been taken to hospital and nine others "
            "treated at the scene.",
            False,
        ),
        # held-out set 1: a total of the figures the claim gives with it
        (
            "Volunteers handed out 9,300 cases, 5,200 on Sunday and 4,100 on Monday.",
            "Volunteers handed out 4,100 cases of water on Monday, fewer than the 5,200 given out "
            "on Sunday.",
            True,
        ),
        (
            "Volunteers handed out 9,500 cases, 5,200 on Sunday and 4,100 on Monday.",
            "Volunteers handed out 4,100 cases of water on Monday, fewer than the 5,200 given out "
            "on Sunday.",
            False,
        ),
        # held-out set 5: a share against a percentage of the same thing
        (
            "She said the car parks were, on average, less than two-thirds full on weekdays.",
            "She says the car parks are on average 64 percent full on weekdays.",
            True,
        ),
        (
            "She said the car parks were, on average, less than half full on weekdays.",
            "She says the car parks are on average 64 percent full on weekdays.",
            False,
        ),
    ],
)
def test_others_totals_and_shares_of_a_percentage(claim, source, supported):
    assert_supported(claim, [SourceText(0, "a", source)], supported)


GRID = [
    SourceText(
        0,
        "a",
        "Demand on the regional grid reached 4.2 gigawatts at 18:00 on Tuesday, above the "
        "previous July record of 3.9 gigawatts. Only 61 percent of repairs were done on time, "
        "well below the median of 85 percent for council landlords.",
    )
]


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # held-out set 6: "just short of" the record the source says was beaten
        (
            "Grid demand reached 4.2 gigawatts on Tuesday, just short of the July record.",
            False,
        ),
        ("Demand on the grid reached 4.2 gigawatts on Tuesday, above the July record.", True),
        # held-out set 4: the source makes the same comparison with the same figure
        (
            "Only 61 percent of repairs were done on time, well short of the 85 percent median.",
            True,
        ),
        ("Only 61 percent of repairs were done on time, well above the 85 percent median.", False),
    ],
)
def test_a_comparison_is_read_against_the_one_the_aligned_passage_makes(claim, supported):
    assert_supported(claim, GRID, supported)


JOBS_TABLE = [
    SourceText(
        0,
        "a",
        "Job changes over the year:\n\n- Manufacturing: -700\n- Retail trade: -260\n"
        "- Leisure and hospitality: -180\n- Construction: -140\n- Health care: +180\n\n"
        "Customers restored: 16,250 by 23:30 on Tuesday.\nCustomers still without supply: 2,150",
    )
]


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # held-out set 1: two lines of a list swapped
        ("Retail lost 140 jobs and construction lost 260.", False),
        ("Manufacturing lost 180 jobs.", False),
        ("Retail lost 260 jobs and construction lost 140.", True),
        ("Health care added 180 jobs.", True),
        # held-out set 6: the label names what the claim counts
        ("Supply was restored to 16,250 customers by 11:30 p.m. on Tuesday.", True),
    ],
)
def test_a_figure_from_a_list_line_is_read_with_its_label(claim, supported):
    assert_supported(claim, JOBS_TABLE, supported)


@pytest.mark.parametrize(
    ("claim", "source", "supported"),
    [
        # held-out set 1: a vague count for the sources' exact one
        (
            "Ambry County has 212 bridges, a number of which are rated in poor condition.",
            "Ambry County has 212 bridges, of which 19 are rated in poor condition.",
            False,
        ),
    ],
)
def test_a_number_of_is_a_vague_count(claim, source, supported):
    assert_supported(claim, [SourceText(0, "a", source)], supported)


@pytest.mark.parametrize(
    ("claim", "source", "supported"),
    [
        # held-out set 6: the negation of the main clause after a relative clause
        (
            "Assisted collections for residents who cannot move their bins will not continue.",
            "Assisted collections for residents who cannot move their bins will continue.",
            False,
        ),
        (
            "Assisted collections for residents who cannot move their bins will continue.",
            "Assisted collections for residents who cannot move their bins will continue.",
            True,
        ),
        (
            "Staff who were not consulted said they would seek compensation.",
            "Staff who were not consulted said they would seek compensation.",
            True,
        ),
        # held-out sets 1, 2 and 8: antonyms in irregular and comparative forms
        (
            "Outside the gate, the queue of trucks grew shorter through Monday.",
            "Outside the gate, the queue of trucks waiting to collect containers grew longer "
            "through Monday.",
            False,
        ),
        (
            "The director said the repair had gone slower than expected.",
            '"The repair went faster than we expected," said the director.',
            False,
        ),
        (
            "Ticket sales rose sharply in the first week.",
            "Ticket sales fell sharply in the first week.",
            False,
        ),
    ],
)
def test_negations_after_relative_clauses_and_more_antonyms(claim, source, supported):
    assert_supported(claim, [SourceText(0, "a", source)], supported)


def test_two_sources_saying_what_the_claim_says_with_different_figures_disagree():
    """Held-out set 1: "about 18,000 customers" under the advisory (one source) against
    "roughly 16,500 customers" in the other's sentence that says the same; the slots did not
    line the two up, the claim does."""
    sources = [
        SourceText(
            0,
            "a",
            "Roughly 16,500 customers on the east side of Wexley were under a boil-water "
            "advisory for a second day on Monday after a water main burst early on Sunday.",
        ),
        SourceText(
            1,
            "b",
            "About 18,000 customers on Wexley's east side remained under a boil-water advisory "
            "on Monday, the water authority said.",
        ),
    ]
    claim = (
        "About 18,000 customers on Wexley's east side remained under a boil-water advisory on "
        "Monday after a water main burst early on Sunday."
    )
    (result,) = check_text(claim, sources).claims
    assert result.verdict == SOURCES_DISAGREE, result.reason
    assert "16,500" in result.reason and "18,000" in result.reason
    both = "Between 16,500 and 18,000 customers on Wexley's east side were under the advisory."
    assert check_text(both, sources).claims[0].verdict != SOURCES_DISAGREE


def test_she_said_refers_to_the_person_the_sentence_before_opens_on():
    """Held-out set 10: "'Nobody who voted for this tonight runs a guest house,' she said" after
    "Harriet Moyle, who leads the Independents group, voted against." was given to another
    speaker without a flag: no verb of saying named her."""
    source = SourceText(
        0,
        "a",
        'Graham Tillotson-Reeve watched from the gallery. "It is a tax on the town," he said.'
        "\n\nHarriet Moyle, who leads the Independents group, voted against. "
        '"Nobody who voted for this tonight runs a guest house," she said.',
    )
    quote = '"Nobody who voted for this tonight runs a guest house," said '
    assert_supported(quote + "Tillotson-Reeve.", [source], False)
    assert_supported(quote + "Moyle.", [source], True)


@pytest.mark.parametrize(
    ("claim", "source", "supported"),
    [
        # review of this session's rules: two people with one surname, an age, a clause
        (
            "Sarah Jones, a nurse who lives on the street, said she heard shouting.",
            "Detective Inspector Mark Jones said officers were called at 2am. Sarah Jones, 34, a "
            "nurse who lives on the street, said she heard shouting.",
            True,
        ),
        (
            "Ruth Kemp, the charity's founder, said it would stay open.",
            "After meeting the council leader on Tuesday, Ruth Kemp, who set up the charity in "
            "2004, said it would stay open.",
            True,
        ),
        (
            "Ruth Kemp, who complained to the mayor, said the parking charges were unfair.",
            "Ruth Kemp, a retired nurse, said she had complained to the mayor because the "
            "parking charges were unfair.",
            True,
        ),
        # roles said another way
        (
            "Head teacher Jane Croft said the school would appeal the ruling.",
            "Principal Jane Croft said the school would appeal the ruling.",
            True,
        ),
        (
            "Dan Hale, a press officer for the police, said the road would reopen.",
            "Police spokesman Dan Hale said the road would reopen.",
            True,
        ),
        (
            "Ruth Kemp, a lawyer for the family, said they would appeal the ruling.",
            "Solicitor Ruth Kemp said the family would appeal the ruling.",
            True,
        ),
        (
            "Ruth Kemp, the council's head of planning, said the plan would be appealed.",
            "Ruth Kemp, the council's planning director, said the plan would be appealed.",
            True,
        ),
        (
            "Councillor Ruth Kemp, who chairs the planning committee, said the plan was flawed.",
            "Ruth Kemp, who chairs the planning committee, said the plan was flawed.",
            True,
        ),
        # a negation inside a relative clause with a clause of its own
        (
            "Parents who said they had not been told about the closure will be offered places.",
            "Parents who were not told about the closure will be offered places.",
            True,
        ),
        # "short of" something, "compared with"
        (
            "Kelderby General Hospital is short of nurses, managers said.",
            "Kelderby General Hospital is short of nurses, managers said.",
            True,
        ),
        (
            "Rainfall in Kelderby this July reached 95mm, compared with the previous July "
            "record of 88mm.",
            "Rainfall in Kelderby this July reached 95mm, above the previous July record of 88mm.",
            True,
        ),
        (
            "Pay in Kelderby is above the regional median.",
            "Pay in Kelderby is below the national median but above the regional median.",
            True,
        ),
        # "others" counts what came before it, not anything
        (
            "Three people were killed and nine others were injured in the blast.",
            "Three people were killed and six were injured in the blast, which damaged nine homes.",
            False,
        ),
        # a total of other things
        (
            "The fire destroyed 12 homes and damaged 5 others, leaving 17 families homeless.",
            "The fire destroyed 12 homes and damaged 5 others. The council said 30 families had "
            "been left homeless.",
            False,
        ),
        # list lines: a total and its parts
        (
            "Some 9,300 cases were recorded over Sunday and Monday.",
            "Cases recorded:\n- Total: 9,300\n- Sunday: 5,200\n- Monday: 4,100",
            True,
        ),
        (
            "The plant will create 120 jobs including 80 part-time roles.",
            "The plant will create new jobs:\n- Total: 120\n- Part-time roles: 80",
            True,
        ),
        # "most of" a time is no share
        (
            "Roads were closed for most of Tuesday.",
            "Roads were closed for most of Tuesday, and about a third of routes reopened by "
            "evening.",
            True,
        ),
        # an antonym the source negates, a comparison the other way round
        (
            "Traffic on the bypass was light on Monday.",
            "Traffic on the bypass was not heavy on Monday.",
            True,
        ),
        (
            "The new trains are faster than the old fleet.",
            "The old fleet is slower than the new trains.",
            True,
        ),
        # "at the request of" is no place
        (
            "The emergency meeting was held on Tuesday at the request of Ruth Kemp.",
            "The emergency meeting was held on Tuesday at the request of Councillor Ruth Kemp.",
            True,
        ),
        # a proposal is still a proposal when someone made it
        (
            "The council will close three libraries in Kelderby next year.",
            "Three libraries in Kelderby would close next year under cuts proposed by the council.",
            False,
        ),
    ],
)
def test_review_findings_on_this_sessions_rules(claim, source, supported):
    """Flagged or not (the low "needs review" tier is no flag)."""
    report = check_text(claim, [SourceText(0, "a", source)])
    flagged = [c for c in report.claims if c.verdict not in (SUPPORTED, NEEDS_REVIEW)]
    assert (not flagged) == supported, flagged


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        (
            "Police chief Mark Dole said the road would reopen.",
            "Acting police chief Mark Dole said the road would reopen.",
        ),
        (
            "Chair Lena Ortiz said the road would reopen.",
            "Vice-chair Lena Ortiz said the road would reopen.",
        ),
        (
            "Deputy Mayor Lena Ortiz said the road would reopen.",
            "Mayor Lena Ortiz said the road would reopen.",
        ),
    ],
)
def test_a_role_at_another_rank_is_contradicted(claim, source):
    """Review: ranks in lower case, hyphenated ranks and a rank the claim adds passed."""
    (result,) = check_text(claim, [SourceText(0, "a", source)]).claims
    assert result.verdict == CONTRADICTED, result.reason


def test_plans_as_a_noun_are_no_hedge():
    """Held-out set 7: "Pennard's plans to expand the quarry" is a noun, no hedge over the
    claim."""
    source = SourceText(
        0,
        "a",
        "Priya Venn, who represents Scarrowby ward on the district council, said she would ask "
        "the county council to refuse Pennard's plans to expand the quarry.",
    )
    claim = (
        "Priya Venn, who represents Scarrowby on the district council, said she would ask the "
        "county council to refuse to let Pennard expand the quarry."
    )
    assert_supported(claim, [source], True)


@pytest.mark.parametrize(
    ("claim", "source", "supported"),
    [
        # second review: "others" in a sentence of its own
        (
            "Fourteen people were injured in the crash on the A38.",
            "Two people died in the crash on the A38 on Sunday. Fourteen others were injured.",
            True,
        ),
        # a total of parts with other nouns
        (
            "Five people were arrested: three men and two women.",
            "Three men and two women were arrested.",
            True,
        ),
        # "it" in a relative clause, a contracted "is" before "planning to"
        (
            "Customers who bought it will get a refund, the company said.",
            "Customers who bought it will not get a refund, the company said.",
            False,
        ),
        ("The company has cut 200 jobs.", "The company said it's planning to cut 200 jobs.", False),
        # the total line of a list given to one part
        (
            "Construction lost 700 jobs in March.",
            "Jobs lost in March:\n- Retail: -260\n- Construction: -140\n- Manufacturing: -300\n"
            "- Total: -700",
            False,
        ),
        # a council officer is no councillor
        (
            "Councillor Jim Bell said the road would reopen.",
            "Council spokesman Jim Bell said the road would reopen.",
            False,
        ),
        (
            "Jim Bell, a member of the council, said it would reopen.",
            "Councillor Jim Bell said it would reopen.",
            True,
        ),
        # "former" said another way
        (
            "Former mayor Tom Platt said it would reopen.",
            "Tom Platt, mayor until 2018, said it would reopen.",
            True,
        ),
        (
            "Former mayor Tom Platt said it would reopen.",
            "Then-mayor Tom Platt said it would reopen.",
            True,
        ),
        # a rank from another phrase
        (
            "Mayor Tom Platt said it would reopen.",
            "Former colleagues of Mayor Tom Platt said it would reopen.",
            True,
        ),
        # "short of" money
        ("The appeal raised just short of £2m.", "The appeal raised more than £2m.", False),
        # a comparative against another object is still an antonym
        (
            "The new trains on the Harbour line are slower than before, the operator said.",
            "The new trains on the Harbour line are faster than the old fleet, the operator said.",
            False,
        ),
    ],
)
def test_second_review_findings_on_this_sessions_rules(claim, source, supported):
    report = check_text(claim, [SourceText(0, "a", source)])
    flagged = [c for c in report.claims if c.verdict not in (SUPPORTED, NEEDS_REVIEW)]
    assert (not flagged) == supported, flagged


@pytest.mark.parametrize(
    ("claim", "source", "supported"),
    [
        # third review: a total stated in words, a council leader, a dummy "it", short
        # possessors, "then" as an adverb, comparisons with different things
        (
            "The county lost 900 jobs last year.",
            "Job losses by sector last year:\n- Retail jobs: -300\n- Construction: -600\n"
            "- Total: -900",
            True,
        ),
        (
            "Councillor Jane Smith said the plan would go ahead.",
            "Jane Smith, leader of the council, said the plan would go ahead.",
            True,
        ),
        (
            "Residents will be offered hotel rooms.",
            "Residents who feel it is not safe to return home will be offered hotel rooms.",
            True,
        ),
        (
            "The EU will ban the chemical from 2027.",
            "The EU's plans to ban the chemical from 2027 were agreed on Friday.",
            True,
        ),
        ("Mayor Jane Smith backed the plan.", "Even then Mayor Jane Smith backed the plan.", True),
        (
            "The new trains on the Harbour line are faster than the old fleet.",
            "The new trains on the Harbour line are slower than the express buses at peak times. "
            "Passengers said they were faster than the old fleet.",
            True,
        ),
    ],
)
def test_third_review_findings_on_this_sessions_rules(claim, source, supported):
    report = check_text(claim, [SourceText(0, "a", source)])
    flagged = [c for c in report.claims if c.verdict not in (SUPPORTED, NEEDS_REVIEW)]
    assert (not flagged) == supported, flagged


@pytest.mark.parametrize(
    "claim, source",
    [
        # an attributive hedge qualifies its own noun phrase, not the rest of the clause
        (
            "The plan cuts 60 posts, 40 of them in the warehouse.",
            "The plan cuts 60 posts, 40 of them in the warehouse, saving an estimated £2.2 "
            "million a year.",
        ),
        # permission: "may" said as "can"
        (
            "Walkers can still use the lower towpath.",
            "Walkers may continue to use the lower towpath.",
        ),
        # a generic condition: "if" said as "when"
        (
            "When one hive is infected, the others nearby often catch it.",
            "If one hive is infected, the others nearby often catch it.",
        ),
        # inability is no hedge
        (
            "Some tenants moved out, Okafor said.",
            "Okafor said some tenants moved out because they could no longer pay the rent.",
        ),
        # "put the cost at" reports an estimate
        (
            "The port put the cost of the repairs at £410,000.",
            "The port estimated the cost of the repairs at £410,000.",
        ),
        # "should" reports an expectation
        (
            "The new lock should cut waiting times by about 20 minutes.",
            "The new lock is expected to cut waiting times by about 20 minutes.",
        ),
        # a modal inside an indirect question qualifies that question only
        (
            "Flooding closed the Mardle Road depot on Monday.",
            "Flooding closed the Mardle Road depot on Monday, and staff waited to hear when "
            "they could go back.",
        ),
        # the claim keeps the source's own hedge in the clause it belongs to
        (
            "The firm said there will be no job losses and that the plant could add 30 jobs.",
            "The firm said there will be no job losses and that the plant could add 30 jobs in "
            "packing.",
        ),
    ],
)
def test_a_hedge_that_does_not_qualify_what_the_claim_states_is_no_modality_error(
    claim, source
) -> None:
    """False modality flags on paraphrases in held-out sets 1-10: each hedge either qualified
    another part of the sentence or was said another way in the draft."""
    report = check_text(claim, [SourceText(0, "s", source)])
    assert [c.difference for c in report.claims if c.difference == "modality"] == []


@pytest.mark.parametrize(
    "claim, source",
    [
        (
            "The plan will save £2.2 million a year.",
            "The plan will save an estimated £2.2 million a year, the council said.",
        ),
        (
            "Walkers will use the lower towpath.",
            "Walkers may use the lower towpath if the upper one floods.",
        ),
        ("Staff went back on Tuesday.", "Staff could go back on Tuesday, the manager said."),
    ],
)
def test_hedges_that_do_qualify_the_claim_still_count(claim, source) -> None:
    report = check_text(claim, [SourceText(0, "s", source)])
    assert "modality" in [c.difference for c in report.claims]


def test_keeping_one_hedge_of_two_does_not_excuse_dropping_the_other() -> None:
    source = '"If the pumps fail again, we could close the pool," the manager said.'
    claim = "The manager said the pool will close if the pumps fail again."
    report = check_text(claim, [SourceText(0, "s", source)])
    assert "modality" in [c.difference for c in report.claims]


@pytest.mark.parametrize(
    "claim, sources",
    [
        # the rest of a total, the part given by the claim, the total by another sentence
        (
            "The club will pay a £30,000 excess and claim the remaining £145,000 from its insurer.",
            "The storm damage came to £175,000. The club will pay a £30,000 insurance excess "
            "and claim the rest from its insurer.",
        ),
        # the part given later in the claim
        (
            "The bank will shut 120 branches in May and the remaining 80 in July.",
            "The bank will close 200 branches from May. The last 80 will shut in July.",
        ),
        # so much each, so much in all
        (
            "Twelve stallholders will each get a £250 grant, £3,000 in all.",
            "Each of the twelve stallholders will get a grant of £250.",
        ),
        # a share the sources' figures give
        (
            "About 15 percent of the herd, 690 animals, was culled.",
            "Inspectors ordered 690 animals culled. The farm had a herd of 4,600.",
        ),
    ],
)
def test_arithmetic_the_sources_allow_across_sentences_is_supported(claim, sources) -> None:
    report = check_text(claim, [SourceText(0, "s", sources)])
    assert [c.verdict for c in report.claims] == [SUPPORTED], [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, sources",
    [
        (
            "The club will pay a £30,000 excess and claim the remaining £155,000 from its insurer.",
            "The storm damage came to £175,000. The club will pay a £30,000 insurance excess.",
        ),
        (
            "Twelve stallholders will each get a £250 grant, £4,000 in all.",
            "Each of the twelve stallholders will get a grant of £250.",
        ),
        (
            "About 25 percent of the herd, 690 animals, was culled.",
            "Inspectors ordered 690 animals culled. The farm had a herd of 4,600.",
        ),
    ],
)
def test_arithmetic_the_sources_do_not_allow_is_flagged(claim, sources) -> None:
    report = check_text(claim, [SourceText(0, "s", sources)])
    assert SUPPORTED not in [c.verdict for c in report.claims], [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, source",
    [
        (
            "Tomas Reyne, the inspector leading the inquiry, said it was too soon to say what "
            "had caused the collapse.",
            '"It is too soon to know what caused this," said Tomas Reyne, the inspector leading '
            "the inquiry into the collapse.",
        ),
        (
            "Night trains on the line will stop for three months from May 1 because of a "
            "shortage of drivers, the operator Westmarch Rail has said.",
            "Westmarch Rail has confirmed that night trains on the line will stop for three "
            "months from May 1. The operator said this was because of a shortage of drivers at "
            "its Hallow depot, where six posts are vacant.",
        ),
    ],
)
def test_a_cause_said_to_be_unknown_or_followed_by_its_attribution_is_read_as_such(
    claim, source
) -> None:
    report = check_text(claim, [SourceText(0, "s", source)])
    assert "cause" not in [c.difference for c in report.claims], [c.reason for c in report.claims]


def test_an_unsourced_cause_with_an_attribution_is_still_flagged() -> None:
    source = "Westmarch Rail will stop night trains on the line for three months from May 1."
    claim = (
        "Night trains on the line will stop for three months from May 1 because of a shortage "
        "of drivers, the operator Westmarch Rail has said."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert "cause" in [c.difference for c in report.claims]


@pytest.mark.parametrize(
    "claim, source",
    [
        (
            "All 14 workers on the night shift got out safely.",
            "All 14 staff on the night shift got out safely, the company said.",
        ),
        ("The bank will cut 230 jobs.", "The bank will cut 230 positions, it said."),
    ],
)
def test_a_count_of_one_thing_said_with_another_word_is_supported(claim, source) -> None:
    report = check_text(claim, [SourceText(0, "s", source)])
    assert [c.verdict for c in report.claims] == [SUPPORTED], [c.reason for c in report.claims]


def test_most_as_a_share_is_no_superlative() -> None:
    source = (
        "Manufacturers cut 520 jobs last month. Harrow Castings closed its Deane Street foundry, "
        "with the loss of 310 jobs."
    )
    claim = (
        "Manufacturers cut 520 jobs, most at Harrow Castings, which closed its Deane Street "
        "foundry."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert "comparison" not in [c.difference for c in report.claims], [
        c.reason for c in report.claims
    ]


def test_most_before_an_adjective_is_still_a_superlative_to_check() -> None:
    source = "Manufacturers cut 520 jobs last month, the county said."
    claim = "Manufacturers cut 520 jobs last month, the most costly cuts in the county."
    report = check_text(claim, [SourceText(0, "s", source)])
    assert "comparison" in [c.difference for c in report.claims]


def test_no_before_a_list_negates_what_follows_the_list() -> None:
    source = "Under the order, no cattle, sheep, feed or bedding may be moved off the farm."
    claim = "Livestock, feed and bedding cannot be moved off the farm."
    report = check_text(claim, [SourceText(0, "s", source)])
    assert "negation" not in [c.difference for c in report.claims], [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, source",
    [
        # review of this session's rules: each passed at the commit after them, each was
        # flagged before; an "in all" total is so much each times how many, not any product
        (
            "Four crews from 3 stations fought the fire, which destroyed 12 homes in all.",
            "Four crews from three stations fought the fire. It destroyed 14 homes, the fire "
            "service said.",
        ),
        # a share's top part is the count the claim gives with it
        (
            "About 20 percent of the herd, 690 animals, was culled.",
            "Inspectors ordered 690 animals culled. The farm had a herd of 4,600 and drew 920 "
            "visitors to its open day.",
        ),
        # "should" of advice is no report of "might"
        (
            "Ministers should cut the rate to 2 percent.",
            "Ministers might cut the rate to 2 percent, officials said.",
        ),
        # a condition on something that "will" happen is no general "when"
        (
            "The strike will end once the union accepts the offer.",
            "The strike will end if the union accepts the offer, the company said.",
        ),
        (
            "The strike will end when the union accepts the offer.",
            "The strike will end if the union accepts the offer, the company said.",
        ),
        # "may" of possibility is no "can"
        (
            "Prices can rise by 10 percent next year.",
            "Prices may rise by 10 percent next year, analysts said.",
        ),
        # a social-media post is no job; staff officers are no workers
        (
            "The firm deleted 40 Facebook posts, a spokesman said.",
            "The firm cut 40 jobs, a spokesman said.",
        ),
        (
            "Two staff officers were injured, the army said.",
            "Two workers were injured, the army said.",
        ),
        # "most" before a noun is a superlative
        (
            "Leeds has the most live music venues in the north.",
            "Leeds has 40 live music venues in the north, the council said.",
        ),
        # the month May is no hedge
        (
            "The museum, shut since May, reopens on Friday.",
            "The museum, shut since May, may reopen on Friday, the trust said.",
        ),
    ],
)
def test_rules_of_this_session_do_not_pass_real_errors(claim, source) -> None:
    report = check_text(claim, [SourceText(0, "s", source)])
    assert [c.verdict for c in report.claims] != [SUPPORTED], [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("The firm expects sales of $5bn in 2028.", True),
        ("The firm expects sales of $10bn in 2028.", False),
        ("The council won a £2.4m grant.", True),
        ("The council won a £4.2m grant.", False),
    ],
)
def test_sums_written_with_bn_m_and_k(claim, supported) -> None:
    source = (
        "The firm said it expects sales of about $5 billion in 2028. The council won a grant "
        "of £2.4 million for the harbour wall, which is 5m high."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    verdicts = [c.verdict for c in report.claims]
    assert (verdicts == [SUPPORTED]) is supported, [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("Its zone will be smaller than Hadley's, which covers about 90 streets.", False),
        ("Its zone will be larger than Hadley's, which covers about 90 streets.", True),
        ("The gauge read 2.4 metres, above the 2.1 metres at which the lock shuts.", True),
        ("The gauge read 1.9 metres, above the 2.1 metres at which the lock shuts.", False),
    ],
)
def test_a_comparison_with_a_figure_uses_the_figure_for_what_the_claim_is_about(
    claim, supported
) -> None:
    source = (
        "Its 20mph zone will cover about 240 streets, the council said. Hadley's zone covers "
        "about 90 streets. Only 30 streets in the town have speed humps. The gauge read 2.4 "
        "metres on Monday; the lock shuts at 2.1 metres. It read 1.6 metres a week earlier."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    flagged = [c.verdict for c in report.claims if c.verdict != SUPPORTED]
    assert (not flagged) is supported, [c.reason for c in report.claims]


def test_so_much_each_times_a_count_given_earlier_in_the_sentence() -> None:
    source = (
        "Nine shops inside the cordon have had to close. Each will be offered a hardship grant "
        "of £2,000, the council said."
    )
    claim = (
        "Nine shops inside the cordon have had to close, and each will be offered a £2,000 "
        "hardship grant, £18,000 in all."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert {c.verdict for c in report.claims} == {SUPPORTED}, [c.reason for c in report.claims]
    wrong = claim.replace("£18,000", "£20,000")
    report = check_text(wrong, [SourceText(0, "s", source)])
    assert {c.verdict for c in report.claims} != {SUPPORTED}


def test_the_remaining_sum_with_the_part_given_earlier_in_the_sentence() -> None:
    source = (
        "The bridge repairs will cost £2.4 million. A government grant covers £1.9 million. The "
        "council will pay the rest from its reserves."
    )
    claim = (
        "A government grant covers £1.9 million, and the remaining £500,000 will come from the "
        "council's reserves."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert {c.verdict for c in report.claims} == {SUPPORTED}, [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("The cabinet approved a 20mph limit, about 32km/h, on 300 streets.", True),
        ("Trains will run at up to 110 mph, about 177 kilometres per hour.", True),
        ("The cabinet approved a 20mph limit, about 40km/h, on 300 streets.", False),
    ],
)
def test_speeds_converted_between_mph_and_km_h(claim, supported) -> None:
    source = (
        "The cabinet approved a 20mph limit on 300 streets. Trains on the new line will run at "
        "up to 110 mph."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


def test_the_second_of_a_kind_in_years_counted_from_a_year_the_sources_give() -> None:
    source = "A smaller landslip closed the same road in 2021. The cliff path was shut on Monday."
    report = check_text(
        "It is the second landslip on the road in five years.",
        [SourceText(0, "s", source)],
        published=date(2026, 3, 2),
    )
    assert {c.verdict for c in report.claims} == {SUPPORTED}, [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, supported",
    [
        (
            "She reported the leak in April, but a plumber did not come until five months later.",
            True,
        ),
        (
            "She reported the leak in April, but a plumber did not come until three months later.",
            False,
        ),
        ("The council wrote on May 29, giving residents 14 days to reply.", True),
        ("The council wrote on May 29, giving residents ten days to reply.", False),
    ],
)
def test_months_or_days_between_two_dates(claim, supported) -> None:
    source = (
        "Mrs Okafor reported the leak in April. A plumber finally came in September. The "
        "council wrote to residents on May 29 and set a deadline of June 12 for replies."
    )
    report = check_text(claim, [SourceText(0, "s", source)], published=date(2027, 10, 1))
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        # "above" as a place is no comparison with a later figure
        ("The fire in the hills above Kellow had burned about four square miles by noon.", True),
        # a bound the sources state the same way
        ("The club now needs two signatures on any payment above £250.", True),
        ("The club now needs two signatures on any payment above £400.", False),
        # a range after the comparison
        ("Rain exceeded the forecast of 40 to 60 millimetres.", True),
    ],
)
def test_comparisons_read_with_the_figure_they_are_made_with(claim, supported) -> None:
    source = (
        "The fire in the hills north of Kellow had burned about four square miles by noon. The "
        "club now needs two signatures on payments over £250. The forecast was for 40 to 60 "
        "millimetres of rain; 71 millimetres fell."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("Eleven of the seals died in all.", True),
        ("Twelve of the seals died in all.", False),
    ],
)
def test_a_total_the_sources_give_in_parts(claim, supported) -> None:
    source = (
        "Seven seals died on the sandbank. Four more, which were badly hurt, were put down by "
        "the charity's vets. Fifteen were refloated."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, flagged",
    [
        ("The pier could stay shut for as long as nine months while it is repaired.", False),
        ("The firm said it would not reopen the line until it could run trains safely.", False),
        ("The pier could stay shut while it is repaired.", True),
    ],
)
def test_could_of_a_bound_or_a_time_clause_is_no_guess(claim, flagged) -> None:
    source = (
        "The pier will stay shut for up to nine months while it is repaired. The firm said it "
        "will not reopen the line until it can run trains safely."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ("modality" in [c.difference for c in report.claims]) is flagged, [
        c.reason for c in report.claims
    ]


def test_could_of_a_bound_is_no_speculation() -> None:
    source = "Officials said the pier will stay shut for up to nine months while it is repaired."
    claim = (
        "The pier could stay shut for as long as nine months while it is repaired, officials said."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert {c.verdict for c in report.claims} == {SUPPORTED}, [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("The mill has operated in Carrow for three decades.", True),
        ("The mill has operated in Carrow for 31 years.", True),
        ("The mill has operated in Carrow for five decades.", False),
        ("The owner was jailed for 31 years.", False),
    ],
)
def test_how_long_something_has_lasted_counted_from_the_year_it_began(claim, supported) -> None:
    source = (
        "The mill has operated in Carrow since 1996 and employs 140 people. Its owner was jailed."
    )
    report = check_text(claim, [SourceText(0, "s", source)], published=date(2027, 2, 1))
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        # a name after "above" that qualifies a noun is what is compared with, not a place
        ("Rents in Carrow are above London rates.", False),
        ("April sales were above March's total.", False),
        ("The fire in the hills above Kellow burned four square miles.", True),
        # "lighter than" is no "over"
        ("The new trams are heavier than the limit of 30 tonnes.", False),
        # a bound the sources give for something else
        ("The new garden wall behind the school is taller than the limit of 3 metres.", False),
        ("Flood defences along the river rise to more than 3 metres.", True),
        # a comparison made with a figure after "when it was"
        ("Unemployment is now lower than in 2019, when it was 6.1 percent.", True),
        ("Unemployment is now higher than in 2019, when it was 6.1 percent.", False),
        # any figure the sources give for the thing compared may hold the comparison
        ("The harbour grant is larger than last year's £4 million.", True),
        ("The harbour grant is smaller than last year's £4 million.", False),
    ],
)
def test_comparisons_made_with_the_right_thing(claim, supported) -> None:
    source = (
        "Rents in Carrow average £900 a month. London rates average £1,400 a month. April "
        "sales reached 310 units, and March's total was 420 units. The fire in the hills north "
        "of Kellow burned four square miles. The new trams are lighter than 30 tonnes, at 27 "
        "tonnes each. Flood defences along the river rise to over 3 metres. A new garden wall "
        "was built behind the school. Unemployment stands at 4.8 percent, against 6.1 percent "
        "in 2019. The harbour grant of £4.6 million, up from £4 million last year, was approved "
        "on Monday, and £3 million of the harbour grant will go to roads."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        # parts of a total count what the total counts
        ("Police arrested 18 people after the derby, and 30 in all that weekend.", False),
        # so much each times the count the "each" is of
        ("Six clubs sent 40 stewards each, 240 in all.", True),
        ("The league fined nine players, and six clubs sent 40 stewards each, 360 in all.", False),
        # what is left of the whole the claim is about
        ("The festival has spent £400,000, and the remaining £900,000 is for staging.", True),
        ("The festival has spent £400,000, and the remaining £500,000 is for staging.", False),
        # time between two dates of the claim's event
        ("The ferry stopped in March and did not run again until two months later.", True),
        ("The ferry stopped in March and did not run again until five months later.", False),
        # years since the year the thing the claim is about began
        ("The mill has operated in Carrow for 32 years.", True),
        ("The mill has operated in Carrow for 41 years.", False),
        ("The mill has operated in Carrow for four decades.", False),
    ],
)
def test_arithmetic_only_with_figures_of_what_the_claim_is_about(claim, supported) -> None:
    source = (
        "Police arrested 18 people after the derby on Saturday. A further 12 fans were "
        "cautioned. The league fined nine players. Six clubs sent stewards, and each club sent "
        "40.\n\n"
        "The festival budget is £1.3 million, of which £400,000 has been spent. The town's "
        "roads budget is £900,000.\n\n"
        "The ferry stopped running in March. It ran again from May. The harbour wall was "
        "repaired in August.\n\n"
        "The mill has operated in Carrow since 1996. The town bridge was built in 1987."
    )
    report = check_text(claim, [SourceText(0, "s", source)], published=date(2028, 10, 1))
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        # people counted by their state alone ("12 injured") or by a noun with the state
        ("Police said 12 people were injured in the blast.", True),
        ("The blast killed three people and left 12 others injured.", True),
        ("Police said 12 people were killed in the blast.", False),
        # the people or adjective of a place the sources name
        ("A Turvish court jailed the two men.", True),
        ("A Turvish court jailed the two men for 12 years.", False),
        # a figure of a participial clause is said of its main clause
        ("The blast at the Turvia depot killed four people.", False),
    ],
)
def test_counts_of_people_and_places_named_by_their_people(claim, supported) -> None:
    source = (
        "A gas blast at a depot in Turvia killed three people and left 12 injured, police "
        "said. Rescuers brought out four people from the rubble. A court in Turvia jailed the "
        "two men for ten years."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, published, supported",
    [
        # a day without a year said in the past tense, months before the story
        ("He provided a urine sample on 11 March.", date(2027, 9, 29), True),
        ("He provided a urine sample on 12 March.", date(2027, 9, 29), False),
        # the nearest such day when the tense does not say
        ("The hearing is on 11 March.", date(2028, 1, 10), False),
    ],
)
def test_a_day_without_a_year_read_by_the_tense_of_its_sentence(
    claim, published, supported
) -> None:
    source = "On 11 March 2027 he provided a urine sample at the club's training ground."
    report = check_text(claim, [SourceText(0, "s", source)], published=published)
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


def test_a_past_day_months_after_the_story_is_last_year_but_days_after_is_flagged() -> None:
    from articles.factcheck.article import date_issues

    published = date(2027, 9, 29)
    assert date_issues("He provided a urine sample on 11 March.", published) == []
    (issue,) = date_issues("The panel met on 2 October and banned him.", published)
    assert issue.kind == "future_date"


@pytest.mark.parametrize(
    "claim, supported",
    [
        # a time or unround figure found in a fact box the claim's passages do not reach
        ("The meteor lit up the sky over Brantley and was seen at 9.47 p.m.", True),
        ("The meteor lit up the sky over Brantley and was seen at 9.52 p.m.", False),
        # hours counted from the time the claim gives, not between any two times
        ("Police were told at 5.58 a.m., almost four hours after the fence was cut.", True),
        ("Police were told at 5.58 a.m., almost five hours after the fence was cut.", False),
    ],
)
def test_figures_out_of_reach_and_hours_from_the_claims_own_time(claim, supported) -> None:
    sources = [
        SourceText(
            0,
            "Fireball",
            "A bright meteor lit up the sky over Brantley on Saturday night, and dozens of "
            "people reported it to the network. Fragments were found on Sunday morning. The "
            "museum asked finders to keep the stones dry. Experts said more pieces may be "
            "found.\n\nFireball seen: 21:47\nFragments found: 14",
        ),
        SourceText(
            1,
            "Escape",
            "The men cut the fence at 02:14. A guard raised the alarm at 7 a.m. when the count "
            "came up short. Police were told at 5.58 a.m., the prison service said.",
        ),
    ]
    report = check_text(claim, sources)
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


def test_a_paragraph_number_is_no_figure() -> None:
    source = (
        "1. The hearing took place in private.\n\n2. The athlete was notified of the result "
        "on 9 April 2027 and was provisionally suspended from 12 April 2027.\n\n5. The panel "
        "gave its reasons in writing."
    )
    claim = "He was notified of the result on 9 April, almost five months after the test."
    report = check_text(claim, [SourceText(0, "s", source)], published=date(2027, 9, 29))
    assert SUPPORTED not in {c.verdict for c in report.claims}, [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ('"The rules apply to every one of us," said Owen Pryce, the director of rugby.', True),
        ('"The rules apply to every one of us," said Lisa Farr, the chief executive.', False),
    ],
)
def test_a_quote_paragraph_spoken_by_the_line_that_introduces_it(claim, supported) -> None:
    source = (
        "Director of rugby Owen Pryce said:\n\n"
        '"This is a sad day for the club. But the rules apply to every one of us."\n\n'
        "Chief executive Lisa Farr said:\n\n"
        '"We will support the player and his family."'
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("The appeal was heard by a panel chaired by Helena Marsh.", True),
        ("The appeal was heard by a panel chaired by Nadia Osei.", False),
    ],
)
def test_a_role_in_brackets_or_said_by_the_verb(claim, supported) -> None:
    source = (
        "The appeal was heard by a panel.\n\nPanel\n- Helena Marsh KC (chair)\n- Joan Pettit "
        "(athlete member)\n\nThe agency's chief executive, Nadia Osei, welcomed the decision."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("The ban is all but certain to end his career.", False),
        ("The club is bound to appeal against the ban.", False),
        ("The club said it was certain to appeal against the ban.", True),
    ],
)
def test_a_prediction_stated_as_certain_is_speculation_unless_a_source_says_it(
    claim, supported
) -> None:
    source = "The club banned the winger for four years. The club said it was certain to appeal."
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("The judge refused him bail until he is sentenced.", False),
        ("The judge granted him bail until he is sentenced.", True),
        ("Such meteorites are common, the museum said.", False),
    ],
)
def test_granted_and_refused_rare_and_common_are_opposites(claim, supported) -> None:
    source = (
        "The judge granted him bail until he is sentenced. Such meteorites are rare, the "
        "museum said."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("He resigned from the factory on 2 June 2025.", True),
        ("He resigned from the factory on 2 June 2026.", False),
        ("The fair ran until 5 January 2026.", True),
    ],
)
def test_a_day_without_a_year_takes_the_year_of_a_dated_month_in_its_sentence(
    claim, supported
) -> None:
    source = (
        "In July 2025, a few weeks after he resigned from the factory on 2 June, she heard "
        "that he had bought a motorhome. The fair, which opened on 20 December 2025, ran "
        "until 5 January."
    )
    report = check_text(
        claim,
        [SourceText(0, "s", source, published=datetime(2026, 11, 20))],
        published=date(2026, 11, 20),
    )
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, verdicts",
    [
        # a rounded sum may be either side of the claim's bound: review, not contradiction
        ("He kept a jackpot of more than £1.8 million.", {NEEDS_REVIEW}),
        # an exact count is no rounding
        ("More than 23 workers were in the syndicate.", {CONTRADICTED}),
    ],
)
def test_a_bound_on_a_rounded_source_figure_asks_for_review(claim, verdicts) -> None:
    source = "He kept the £1.8 million jackpot. There were 23 workers in the syndicate."
    report = check_text(claim, [SourceText(0, "s", source)])
    assert {c.verdict for c in report.claims} == verdicts, [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, source, supported",
    [
        # a day the sources give with its year agrees with the claim's day without one
        (
            "The inquest opens on 14 August, the coroner said.",
            "The inquest will open on 14 August 2026 at Kellow.",
            True,
        ),
        (
            "Kellow United host Tallow Rovers on 14 August.",
            "The fixture list shows Kellow United host Tallow Rovers on 14 August 2026.",
            True,
        ),
        # a person's name is no people of a place
        (
            "Julian Marsh, the club secretary, resigned on Monday.",
            "Julia Marsh, the club secretary, resigned on Monday.",
            False,
        ),
        (
            "Adrian Pell, the club secretary, resigned on Monday.",
            "Tom Pell, the club secretary, resigned on Monday after a trip to Adria.",
            False,
        ),
        # an impossible date in a source does not break the check
        (
            "The club was fined on 2 June for crowd trouble.",
            "The club was fined on 2 June for crowd trouble, a ruling dated 31 June 2026 said.",
            True,
        ),
        # a year is taken only from a dated month framing the sentence
        (
            "The club was fined on 2 June.",
            "The club, formed in May 1998, was fined on 2 June.",
            True,
        ),
        # the state is said of the noun in its own clause
        (
            "Three injured in the crash on the A30.",
            "Three people died and 12 were injured in the crash on the A30 on Sunday.",
            False,
        ),
        # 'led by' is no office; a bracket that is no role phrase
        (
            "Union secretary Ruth Kemp addressed the crowd outside the depot.",
            "The march to the depot was led by Ruth Kemp, who addressed the crowd outside the "
            "gates.",
            True,
        ),
        (
            "Sam Reed, a teacher at the school, said pupils were sent home.",
            "Sam Reed (whose wife is a governor) said pupils were sent home.",
            True,
        ),
        # speculation found only by its own word; 'legally bound' is no prediction
        (
            "The injury is all but certain to end his career.",
            "Doctors said the injury would end his career. All of his team-mates visited him.",
            False,
        ),
        (
            "The council is legally bound to publish its accounts.",
            "By law the council must publish its accounts every year.",
            True,
        ),
        # a figure after a hard line break is still a figure
        (
            "Complaints about the tip rose to 40 last year.",
            "The council said complaints about the tip rose to\n40. It would review the hours.",
            True,
        ),
        # a place followed by a noun
        (
            "A police helicopter hovered above Sannick village for 40 minutes.",
            "A police helicopter hovered over Sannick village for 40 minutes on Tuesday night.",
            True,
        ),
        # 'each of' a possessive phrase
        (
            "The fund paid £250 to each of the club's six teams, £1,500 in all.",
            "The fund paid £250 to each of the six teams at Kellow Rovers.",
            True,
        ),
        # a comparison made with the figure after 'when the jobless rate was'
        (
            "Unemployment in Kellow is lower than in 2019, when the jobless rate was 6.1 percent.",
            "Unemployment in Kellow stood at 4.2 percent in March. In 2019 the jobless rate was "
            "6.1 percent.",
            True,
        ),
    ],
)
def test_review_of_the_session_of_2026_12_05(claim, source, supported) -> None:
    """``supported``: no flag ("needs review" is no flag)."""
    report = check_text(claim, [SourceText(0, "s", source)], published=date(2026, 3, 20))
    assert (not {c.verdict for c in report.claims} & set(FLAGS)) is supported, [
        c.reason for c in report.claims
    ]


def test_a_line_ending_in_a_colon_introduces_a_quote_only_with_a_speech_verb() -> None:
    source = (
        "Chief executive Lisa Farrant said the club had been sent a warning by the league:\n\n"
        '"Any repeat of the disorder will lead to a points deduction."'
    )
    claim = (
        'League chairman Tom Hale wrote: "Any repeat of the disorder will lead to a points '
        'deduction."'
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert CONTRADICTED not in {c.verdict for c in report.claims}, [c.reason for c in report.claims]


def test_the_day_of_the_passage_that_says_what_the_claim_says() -> None:
    sources = [
        SourceText(
            0,
            "Update",
            "Vehicle: The car that fell into the hole was lifted out by crane at 10:30 on "
            "Wednesday.\nHomes: residents of seven homes were allowed back on Thursday afternoon.",
        )
    ]
    report = check_text("The car was lifted out by crane at 10.30 a.m. on Thursday.", sources)
    assert CONTRADICTED in {c.verdict for c in report.claims}, [c.reason for c in report.claims]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("Calls to the contact centre fell by 60 percent on Monday.", False),
        ("Calls to the contact centre rose by 60 percent on Monday.", True),
        ("Ticket sales rose by 5 percent this year.", False),
    ],
)
def test_up_and_down_are_a_rise_and_a_fall(claim, supported) -> None:
    source = (
        "Calls to the contact centre were up 60 per cent on Monday. Ticket sales were down 5 "
        "percent this year."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("The chain removed the cheese from 86 of its 120 stores, more than two-thirds.", True),
        (
            "The chain removed the cheese from 86 of its 120 stores, more than three-quarters.",
            False,
        ),
        (
            "There were 6,830 repairs waiting, of which 2,100, nearly a third, were overdue.",
            True,
        ),
        (
            "There were 6,830 repairs waiting, of which 2,100, nearly half, were overdue.",
            False,
        ),
    ],
)
def test_a_share_of_a_part_and_whole_the_claim_gives(claim, supported) -> None:
    source = (
        "The chain removed the cheese from 86 of its 120 stores. Some 91 stores sell it. There "
        "were 6,830 repairs waiting in September, and 2,100 were overdue. About six in 12 "
        "tenants complained."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ("36 per cent supported the scheme and 58 per cent opposed it.", False),
        ("58 per cent supported the scheme and 36 per cent opposed it.", True),
    ],
)
def test_two_figures_swapped_by_what_follows_each(claim, supported) -> None:
    source = (
        "In the survey, 58 per cent of responses supported the scheme, 36 per cent opposed it "
        "and 6 per cent were unsure."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


@pytest.mark.parametrize(
    "claim, supported",
    [
        ('"People here aren\'t against wind farms," Fairlie said.', False),
        ('"People here aren\'t against wind farms," Ellison said.', True),
        (
            'Derek Fairlie, who has lived on Moor Lane for decades, said it was "a dark day."',
            True,
        ),
    ],
)
def test_a_speaker_named_in_the_appositive_after_a_role(claim, supported) -> None:
    source = (
        "The group's vice-chair, Morag Ellison, said: \"People here aren't against wind farms. "
        'They want the moor left alone." Derek Fairlie, who has lived on Moor Lane for '
        'decades, said it was "a dark day."'
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert ({c.verdict for c in report.claims} == {SUPPORTED}) is supported, [
        c.reason for c in report.claims
    ]


def test_proposed_by_someone_is_no_hedge() -> None:
    source = (
        "An amendment to delay the decision until February, proposed by student governor "
        "Callum Reith, was defeated 12 to 3."
    )
    claim = (
        "Governors defeated by 12 votes to 3 an amendment from Callum Reith to delay the decision."
    )
    report = check_text(claim, [SourceText(0, "s", source)])
    assert CONTRADICTED not in {c.verdict for c in report.claims}, [c.reason for c in report.claims]


ROUTES = [
    SourceText(
        index=0,
        title="Torch relay",
        outlet="Wire",
        published=datetime(2027, 5, 2),
        text=(
            "The torch relay will go from Carrow Bridge to the Old Exchange on Sunday, and a band "
            "will play at the Old Exchange. Spotters saw the balloon drifting from the north-west "
            "to the south-east before it came down.\n\n"
            "Route: Pellby Green to Mossgate\n"
            "The ferry sails from Inchgarth to Tollan at 9 a.m. and back from Tollan to Inchgarth "
            "at noon."
        ),
    )
]


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # held-out sets 7 and 12: a route given the wrong way round
        (
            "The torch relay will start at the Old Exchange on Sunday and end at Carrow Bridge.",
            False,
        ),
        (
            "The torch relay will start at the Old Exchange at 5 p.m. and end at Carrow Bridge.",
            False,
        ),
        ("The torch relay will go from the Old Exchange to Carrow Bridge on Sunday.", False),
        ("Spotters saw the balloon drifting from the south-east to the north-west.", False),
        ("The march will go from Mossgate to Pellby Green.", False),
        # the route as the sources give it, or a way the sources give both ways
        (
            "The torch relay will start at Carrow Bridge on Sunday and end at the Old Exchange.",
            True,
        ),
        ("Spotters saw the balloon drifting from the northwest to the southeast.", True),
        ("The ferry sails from Tollan to Inchgarth at noon.", True),
    ],
)
def test_a_route_the_sources_give_the_other_way_round(claim, supported):
    assert_unflagged(claim, ROUTES, supported, published=date(2027, 5, 2))


PAIRS = [
    SourceText(
        index=0,
        title="Sentencing",
        outlet="Wire",
        published=datetime(2027, 5, 2),
        text=(
            "Marra Quist is serving six years for arson and Tobin Vell two years for theft. The "
            "proposal was moved by Councillor Ada Finch and seconded by Councillor Rhys Pole. "
            "Lena Sorr won 412 votes and Ivo Dane won 388 votes."
        ),
    )
]


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # held-out sets 1 and 11: what two people did or got, swapped between them
        ("Marra Quist is serving two years for theft, and Tobin Vell six years for arson.", False),
        (
            "The proposal was moved by Councillor Rhys Pole and seconded by Councillor Ada Finch.",
            False,
        ),
        # the same pairs, reworded or reordered
        ("Tobin Vell is serving two years for theft and Marra Quist six years for arson.", True),
        (
            "The proposal was seconded by Councillor Rhys Pole and moved by Councillor Ada Finch.",
            True,
        ),
        ("Ivo Dane won 388 votes, and Lena Sorr 412.", True),
    ],
)
def test_what_two_people_did_is_not_swapped_between_them(claim, supported):
    assert_unflagged(claim, PAIRS, supported, published=date(2027, 5, 2))


def test_a_quoted_colon_does_not_make_a_sentence_a_key_fact_row():
    """Stories 74-77, first run: 'We put up 14 extra "Danger: thin ice" signs ...;' was read
    as a row 'label: value' and the check raised ValueError once the quote was blanked."""
    source = SourceText(
        index=0,
        title="Ice",
        outlet="Parks",
        text='We put up 14 extra "Danger: thin ice" signs around the shore on Friday.',
    )
    claim = 'Rangers put up 14 extra "Danger: thin ice" signs around the shore on Friday;'
    assert not is_row(extract_claims(claim)[0])
    report = check_text(claim, [source])
    assert [c.verdict for c in report.claims] == [SUPPORTED]


def test_a_vague_count_is_compared_with_the_labelled_line_of_its_thing():
    """Held-out set 11: "A few residents spent Thursday night at the rest centre" passed
    against a council update listing "Residents who stayed at the rest centre on Thursday
    night: 240": a labelled line's figure names what it counts in its label."""
    source = SourceText(
        index=0,
        title="Update",
        outlet="Council",
        text=(
            "Evacuation update, Saturday\n\n"
            "- Residents who stayed at the rest centre on Thursday night: 180\n"
            "- Residents who stayed at the rest centre on Friday night: 60\n"
            "The rest centre at Mowbray Hall closed at 18:00 today."
        ),
    )
    for claim, verdict in (
        ("A few residents spent Thursday night at the rest centre at Mowbray Hall.", CONTRADICTED),
        ("About 180 residents spent Thursday night at the rest centre at Mowbray Hall.", SUPPORTED),
        # vaguer than the sources, though not wrong: the editor is asked for the figure
        ("Dozens of residents spent Friday night at the rest centre at Mowbray Hall.", UNSUPPORTED),
    ):
        report = check_text(claim, [source])
        assert [c.verdict for c in report.claims] == [verdict], report.claims


def test_a_hedge_in_the_other_half_of_the_sentence_is_said():
    """Held-out set 11: "The council must advertise the order for 21 days before the limit
    can take effect, and it expects to publish it in January" was flagged "the source says
    'expects'": the claim is the sentence's first half, and the hedge is in its second."""
    source = SourceText(
        index=0,
        title="Limit",
        outlet="Council",
        text=(
            "The ban cannot start until the board has posted a public notice for 28 days, which "
            "it expects to do in March."
        ),
    )
    claim = (
        "The board must post a public notice for 28 days before the ban can start, and it "
        "expects to publish it in March."
    )
    assert_unflagged(claim, [source], True)


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # held-out set 11: "could be heard" says it was heard, not that it might have been
        ("The explosion was heard across the valley.", True),
        ("Smoke was seen from the motorway.", True),
        # a "could" of possibility is still a hedge
        ("The plant will close next year.", False),
    ],
)
def test_could_of_perception_is_no_hedge(claim, supported):
    source = SourceText(
        index=0,
        title="Blast",
        outlet="Wire",
        text=(
            "The explosion could be heard across the valley, and smoke could be seen from the "
            "motorway. The plant could close next year, the owners said."
        ),
    )
    assert_unflagged(claim, [source], supported)


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # held-out set 9: a hedge of the main clause is no hedge of the relative clause the
        # claim restates, and the other way round
        ("Any appeal must be filed within four weeks of the ruling.", True),
        ("The residents' group met on Friday at Ellwick Town Hall.", True),
        # the hedge over what the claim restates still counts
        ("The group will appeal to the High Court.", False),
    ],
)
def test_a_hedge_counts_only_over_the_part_the_claim_restates(claim, supported):
    source = SourceText(
        index=0,
        title="Appeal",
        outlet="Wire",
        published=datetime(2027, 4, 4),
        text=(
            "The inspector ruled on Sunday, April 4. "
            "Their lawyer said the group was considering an appeal to the High Court, which must "
            "be filed within four weeks of the ruling. The residents' group, which has opposed "
            "the quarry since it was first proposed, met on Friday at Ellwick Town Hall."
        ),
    )
    assert_unflagged(claim, [source], supported, published=date(2027, 4, 4))


def test_a_that_clause_on_a_noun_is_a_relative_clause():
    """Held-out set 7: "a fissure that did not show up in the survey ... may have let the blast
    vent" was read as negated against "a fissure, which was not visible in the survey": a
    "that" after its noun and before its verb opens a relative clause, like "which"."""
    from articles.factcheck.offline import _negations

    assert _negations("A crack that did not show up in the survey let the blast vent.") == 0
    assert _negations("A crack, which was not visible in the survey, let the blast vent.") == 0
    # a pronoun, or what was said: still the sentence's own negation
    assert _negations("She said that would not go far on Easter Sunday.") == 1
    assert _negations("That was not the test.") == 1


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # held-out set 5: a rise given in another unit than the levels it is the difference of
        ("The river had risen 31 centimetres since the previous evening.", True),
        ("The river had risen 45 centimetres since the previous evening.", False),
        ("The river had risen 0.31 metres since the previous evening.", True),
    ],
)
def test_a_change_is_the_difference_of_two_levels_in_any_unit(claim, supported):
    source = SourceText(
        index=0,
        title="Inquest",
        outlet="Wire",
        text=(
            "Heavy rain overnight raised the river at the lock gauge from 1.51 metres at 6 p.m. "
            "on the Saturday to 1.82 metres at 7 a.m. on the Sunday."
        ),
    )
    assert_unflagged(claim, [source], supported)


def test_n_others_and_the_one_named_make_the_sources_whole():
    """Held-out set 12: "told the 22 other members" against "a syndicate of 23 workers,
    including himself" was contradicted: 22 others and the one named are the 23."""
    source = SourceText(
        index=0,
        title="Syndicate",
        outlet="Wire",
        text=(
            "Ray Dunn ran a lottery syndicate of 14 drivers, including himself, at the depot. "
            "He told the members of the syndicate that the ticket was lost."
        ),
    )
    for claim, supported in (
        ("Ray Dunn told the 13 other members of the syndicate that the ticket was lost.", True),
        ("Ray Dunn told the 12 other members of the syndicate that the ticket was lost.", False),
    ):
        assert_unflagged(claim, [source], supported)
