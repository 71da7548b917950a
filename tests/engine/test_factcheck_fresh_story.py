"""Regression tests for the false verdicts seen when a fresh story was checked as a new user
would (issue #14): each test is one failure, on text written for this file."""

from datetime import date, datetime

import pytest

from articles.factcheck import (
    CONTRADICTED,
    NEEDS_REVIEW,
    SOURCES_DISAGREE,
    SUPPORTED,
    check_text,
)
from articles.text.source import SourceText

COUNTY = SourceText(
    index=0,
    title="Chemical spill forces evacuations near Tarrow Creek",
    outlet="Tarrow County Emergency Office",
    published=datetime(2026, 11, 30, 9),
    text=(
        "A total of 1,200 residents were evacuated on Sunday after a freight train carrying "
        "solvent derailed near Tarrow Creek, the county emergency office said.\n\n"
        "The evacuation order will stay in place until December 18, officials said. "
        "The clean-up will cost about $2.4 million, according to a preliminary estimate.\n\n"
        "Councilmember Derek Hale and Councilmember Tom Becker visited the shelter at Tarrow "
        "High School. Derek Hale said the county would cover hotel costs.\n\n"
        "Repairs to the line are expected to take a year and a half. Freight traffic on the "
        "line fell 12 percent last year.\n\n"
        "The train was travelling at 38 mph when nine of its cars left the track. "
        "Rail inspector Warwick Davis said the cause was not yet known."
    ),
)
PAPER = SourceText(
    index=1,
    title="Tarrow Creek derailment: what we know",
    outlet="Tarrow Ledger",
    published=datetime(2026, 11, 30, 11),
    text=(
        "In all, 1,250 residents were evacuated on Sunday after the derailment, the Tarrow Ledger "
        "learned. No one was hurt, according to the fire service.\n\n"
        "The local team had won two games at the school gym the night before the spill, "
        "and the gym now houses seven families."
    ),
)
SOURCES = [COUNTY, PAPER]
PUBLISHED = date(2026, 12, 1)


def verdicts(text: str, sources: list[SourceText] = SOURCES) -> list[tuple[str, str]]:
    report = check_text(text, sources, published=PUBLISHED)
    return [(c.verdict, c.reason) for c in report.claims]


def flagged(text: str, sources: list[SourceText] = SOURCES) -> list[tuple[str, str]]:
    return [(v, r) for v, r in verdicts(text, sources) if v != SUPPORTED]


def test_a_future_date_in_the_sources_is_not_read_as_past():
    assert flagged("The evacuation order will stay in place until December 18.") == []


def test_figures_the_sources_give_are_found():
    assert flagged("The train was travelling at 38 mph when nine of its cars left the track.") == []


def test_a_hedged_estimate_keeps_its_hedge_and_passes():
    text = "The clean-up will cost about $2.4 million, according to a preliminary estimate."
    assert flagged(text) == []


def test_the_hedge_dropped_from_an_estimate_is_flagged():
    assert flagged("The clean-up will cost $2.4 million.")


def test_two_councilmembers_are_not_contradicted_by_one_of_them():
    text = "Councilmembers Derek Hale and Tom Becker visited the shelter at Tarrow High School."
    assert flagged(text) == []


def test_a_year_and_a_half_is_a_duration_not_a_percentage():
    assert flagged("Repairs to the line are expected to take a year and a half.") == []


def test_a_negative_elsewhere_in_the_evidence_is_not_a_contradiction():
    # "not yet known" is in the evidence sentence, about the cause, not about Davis's title.
    assert flagged("Rail inspector Warwick Davis spoke about the derailment.") == []


def test_numbers_of_different_things_are_not_compared():
    # "seven families" must not be compared with "two games".
    assert flagged("Seven families are staying in the school gym.") == []


def test_several_is_not_a_number():
    assert flagged("Several councilmembers visited the shelter at Tarrow High School.") == []


def test_a_surname_alone_is_the_only_person_of_that_surname():
    assert flagged("Davis said the cause of the derailment was not yet known.") == []


def test_a_changed_surname_is_still_caught():
    found = flagged("Rail inspector Warwick Dawson said the cause was not yet known.")
    assert found and found[0][0] != SUPPORTED


def test_sources_that_disagree_are_surfaced_with_both_passages():
    report = check_text(
        "About 1,200 residents were evacuated on Sunday.", SOURCES, published=PUBLISHED
    )
    (claim,) = report.claims
    assert claim.verdict == SOURCES_DISAGREE
    quotes = " | ".join(e.quote for e in claim.evidence)
    assert "1,200" in quotes and "1,250" in quotes
    assert {e.source for e in claim.evidence} == {0, 1}


def test_a_figure_no_source_gives_is_contradicted_when_the_slot_is_aligned():
    found = flagged("The train was travelling at 58 mph when nine of its cars left the track.")
    assert found and found[0][0] == CONTRADICTED


def test_an_unaligned_claim_asks_for_review_instead_of_a_verdict():
    text = "The shelter at Tarrow High School opened a kitchen for the evacuated residents."
    ((verdict, _),) = verdicts(text)
    assert verdict == NEEDS_REVIEW


@pytest.mark.parametrize(
    "text",
    [
        "Derek Hale said the county would cover hotel costs.",
        "No one was hurt, according to the fire service.",
        "Freight traffic on the line fell 12 percent last year.",
    ],
)
def test_plain_restatements_pass(text):
    assert flagged(text) == []


def test_key_fact_rows_are_claims_with_their_own_evidence():
    text = (
        "The county opened a shelter at Tarrow High School.\n\n"
        "Residents evacuated: 1,200\n\nTrain speed: 38 mph\n\nCars derailed: 9"
    )
    report = check_text(text, [COUNTY], published=PUBLISHED)
    rows = {c.text: c for c in report.claims if ":" in c.text}
    assert set(rows) == {"Residents evacuated: 1,200", "Train speed: 38 mph", "Cars derailed: 9"}
    assert all(c.verdict == SUPPORTED for c in rows.values()), [c.reason for c in rows.values()]
    assert "38 mph" in rows["Train speed: 38 mph"].evidence[0].quote
    assert "1,200" in rows["Residents evacuated: 1,200"].evidence[0].quote
    assert "nine of its cars" in rows["Cars derailed: 9"].evidence[0].quote


def test_a_key_fact_row_with_a_wrong_figure_is_flagged():
    report = check_text("Train speed: 58 mph", [COUNTY], published=PUBLISHED)
    assert report.claims[0].verdict == CONTRADICTED


def test_a_figure_the_sources_give_for_something_else_is_a_swapped_detail():
    found = flagged("The train was travelling at 38 mph, below the 45 mph limit.", [PAPER2])
    assert found == []
    claim = "The train was travelling at 45 mph when it derailed."
    ((verdict, reason),) = verdicts(claim, [PAPER2])
    assert verdict == CONTRADICTED and "38 mph" in reason


PAPER2 = SourceText(
    index=0,
    title="Derailment inquiry",
    outlet="Tarrow Ledger",
    published=datetime(2026, 11, 30, 11),
    text=(
        "The train was travelling at 38 mph when it derailed, below the 45 mph limit for that "
        "stretch of track, according to a preliminary report."
    ),
)


def test_a_key_fact_row_siding_with_one_source_is_flagged():
    report = check_text("Residents evacuated: 1,250", SOURCES, published=PUBLISHED)
    assert report.claims[0].verdict == SOURCES_DISAGREE
