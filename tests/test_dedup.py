"""sources.dedup: normalisation, hashes, URL canonicalisation, SimHash banding, similarity."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from sources.dedup import (
    canonicalize_url,
    content_hash,
    content_words,
    hamming,
    is_boilerplate_line,
    is_near_duplicate,
    normalize_text,
    shingle_similarity,
    simhash,
    simhash_bands,
    text_similarity,
)
from sources.extract import extract

PAGES = Path(__file__).resolve().parent / "data" / "pages"
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def article_text(name: str) -> str:
    return extract((PAGES / name).read_bytes(), f"https://example.test/{name}").text


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {
        name: article_text(f"{name}.html")
        for name in ("article", "article_syndicated", "article_same_event", "article_other_event")
    }


# ----------------------------------------------------------------------------- normalisation


def test_normalize_folds_case_punctuation_and_whitespace():
    assert normalize_text("  The   Council’s VOTE: 7–2!\n\n(Approved.)  ") == (
        "the councils vote 7 2 approved"
    )
    assert normalize_text("Café\u00a0au lait") == "café au lait"
    assert normalize_text("") == ""


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "SHARE THIS STORY",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Advertisement",
        "ADVERTISEMENT",
        "Sign up for our newsletter",
        "Sign up to the Morning Briefing newsletter!",
        "Subscribe to our newsletter today",
        "© 2024 Millbrook Courier",
        "Copyright 2024 Wend Valley Gazette Ltd",
        "(c) Wend Valley Gazette",
        "All rights reserved.",
        "Read more",
        "Related articles",
        "This article first appeared in the Millbrook Courier.",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)
    assert normalize_text(f"The bridge will close in May.\n{line}\nBuses will divert.") == (
        "the bridge will close in may buses will divert"
    )


def test_long_lines_mentioning_boilerplate_words_are_kept():
    line = (
        "The council said the advertisement for contractors would run for four weeks and "
        "that residents could sign up for a newsletter about the works at the library."
    )
    assert not is_boilerplate_line(line)
    assert "advertisement for contractors" in normalize_text(line)


def test_content_hash():
    a = "Millbrook approves bridge repair.\nShare this article\nWork starts in May."
    b = "MILLBROOK approves bridge   repair!\n\nWork starts in May\nAdvertisement"
    assert content_hash(a) == content_hash(b)
    assert re.fullmatch(r"[0-9a-f]{64}", content_hash(a))
    assert content_hash(a) != content_hash("Millbrook rejects bridge repair. Work starts in May.")


# ----------------------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Courier.Example:443/News/Story/", "https://courier.example/News/Story"),
        ("http://courier.example:80", "http://courier.example/"),
        ("http://courier.example:8080/a/", "http://courier.example:8080/a"),
        ("https://courier.example/", "https://courier.example/"),
        ("https://courier.example/a#comments", "https://courier.example/a"),
        (
            "https://courier.example/a?utm_source=x&b=2&UTM_Medium=y&a=1&fbclid=abc&gclid=z",
            "https://courier.example/a?a=1&b=2",
        ),
        ("https://courier.example/a?b=2&a=1&a=0", "https://courier.example/a?a=0&a=1&b=2"),
        ("https://courier.example/a?q=", "https://courier.example/a?q="),
        ("https://courier.example/a/./b/../c", "https://courier.example/a/c"),
        ("https://courier.example/%7euser/%2f", "https://courier.example/~user/%2F"),
        (
            "https://courier.example/a?q=caf%C3%A9+au+lait",
            "https://courier.example/a?q=caf%C3%A9%20au%20lait",
        ),
        ("https://user:pw@courier.example/a", "https://courier.example/a"),
        ("  https://courier.example/a  ", "https://courier.example/a"),
        ("mailto:desk@courier.example", "mailto:desk@courier.example"),
    ],
)
def test_canonicalize_url(url, expected):
    assert canonicalize_url(url) == expected


def test_canonical_urls_compare_equal():
    variants = [
        "https://Courier.example/news/bridge/?utm_campaign=spring&ref=home",
        "https://courier.example:443/news/bridge?ref=home#top",
        "https://courier.example/news/bridge?fbclid=1&ref=home",
    ]
    assert len({canonicalize_url(v) for v in variants}) == 1


# ----------------------------------------------------------------------------- simhash


def test_simhash_is_signed_64_bit_and_deterministic():
    rng = random.Random(7)
    words = "bridge council vote repair river arch rail timetable train station".split()
    values = set()
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 60)))
        value = simhash(text)
        assert INT64_MIN <= value <= INT64_MAX
        assert simhash(text) == value
        values.add(value)
    assert any(v < 0 for v in values) and any(v > 0 for v in values)
    assert simhash("") == 0


def test_hamming():
    assert hamming(0, 0) == 0
    assert hamming(0b1011, 0b0001) == 2
    assert hamming(-1, 0) == 64
    assert hamming(INT64_MIN, INT64_MAX) == 64
    assert hamming(-1, 2**64 - 1) == 0  # signed and unsigned forms agree


def test_simhash_bands():
    value = simhash("The Old Mill Bridge will close for six weeks.")
    bands = simhash_bands(value)
    assert len(bands) == 4
    assert [b >> 16 for b in bands] == [0, 1, 2, 3]
    assert len(set(simhash_bands(value))) == 4
    assert all(0 <= b < 2**31 for b in bands)
    assert simhash_bands(value) == simhash_bands(value & (2**64 - 1))
    assert len(simhash_bands(value, bands=8)) == 8
    narrow = simhash_bands(value, bits=8)
    assert [b >> 8 for b in narrow] == [0, 1, 2, 3]
    assert [b & 0xFF for b in narrow] == [b & 0xFF for b in bands]


def test_bands_catch_every_pair_within_distance_three():
    rng = random.Random(11)
    for _ in range(300):
        value = rng.getrandbits(64) - 2**63
        other = value
        for bit in rng.sample(range(64), rng.randint(0, 3)):
            other ^= 1 << bit
        other = (other + 2**63) % 2**64 - 2**63
        assert hamming(value, other) <= 3
        assert set(simhash_bands(value)) & set(simhash_bands(other))


# ----------------------------------------------------------------------------- near-duplicates


def test_syndicated_copy_is_a_near_duplicate(texts):
    original, copy = texts["article"], texts["article_syndicated"]
    assert content_hash(original) != content_hash(copy)
    assert is_near_duplicate(original, copy)
    assert shingle_similarity(original, copy) > 0.85
    assert hamming(simhash(original), simhash(copy)) <= 3
    assert set(simhash_bands(simhash(original))) & set(simhash_bands(simhash(copy)))


@pytest.mark.parametrize("other", ["article_same_event", "article_other_event"])
def test_different_articles_are_not_near_duplicates(texts, other):
    original = texts["article"]
    assert not is_near_duplicate(original, texts[other])
    assert shingle_similarity(original, texts[other]) < 0.1
    assert hamming(simhash(original), simhash(texts[other])) > 12


def edited(text: str) -> str:
    """A syndicated copy: a changed headline word, an added sentence, other boilerplate."""
    lines = text.splitlines()
    lines[0] = lines[0].replace("approves", "backs")
    lines.insert(3, "Advertisement")
    lines.append("The parish council will discuss a contribution to the costs next month.")
    lines += ["Share this article", "Sign up for our newsletter", "© 2024 Valley Wire"]
    return "\n".join(lines)


def test_edited_copy_is_a_near_duplicate(texts):
    original = texts["article"]
    copy = edited(original)
    assert is_near_duplicate(original, copy)
    assert is_near_duplicate(copy, original)
    # An added sentence moves a SimHash by a few bits; unrelated texts are ~32 bits apart.
    assert hamming(simhash(original), simhash(copy)) <= 12
    assert set(simhash_bands(simhash(original), bands=8)) & set(
        simhash_bands(simhash(copy), bands=8)
    )


def test_trimmed_copy_is_a_near_duplicate(texts):
    original = texts["article"]
    paragraphs = original.splitlines()
    trimmed = "\n".join(paragraphs[: len(paragraphs) * 2 // 3])
    assert shingle_similarity(original, trimmed) < 0.8
    assert is_near_duplicate(original, trimmed)


def test_short_quote_is_not_a_near_duplicate(texts):
    original = texts["article"]
    quote = original.splitlines()[2]
    assert not is_near_duplicate(original, quote)


def test_empty_texts():
    assert not is_near_duplicate("", "")
    assert shingle_similarity("", "text") == 0.0
    assert text_similarity("", "text") == 0.0


# ----------------------------------------------------------------------------- clustering


def test_text_similarity_separates_events(texts):
    original = texts["article"]
    same_event = text_similarity(original, texts["article_same_event"])
    other_event = text_similarity(original, texts["article_other_event"])
    syndicated = text_similarity(original, texts["article_syndicated"])
    assert syndicated > 0.9
    assert same_event > 0.35
    assert other_event < 0.15
    assert text_similarity(texts["article_same_event"], texts["article_other_event"]) < 0.15


def test_text_similarity_is_symmetric_and_bounded(texts):
    a, b = texts["article"], texts["article_same_event"]
    assert text_similarity(a, b) == pytest.approx(text_similarity(b, a))
    assert text_similarity(a, a) == pytest.approx(1.0)
    assert 0.0 <= text_similarity(a, b) <= 1.0


def test_stopwords_alone_do_not_make_texts_similar():
    a = "The council said that it would be there and that it was the time."
    b = "They said it would be the best time and that there was more to do."
    assert text_similarity(a, b) < 0.2


def test_content_words_are_snowball_stems():
    assert content_words("Repairs repaired; repairing the ferries (ferry).") == {
        "repair": 3,
        "ferri": 2,
    }
