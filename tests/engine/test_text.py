from articles.text.sentences import split_sentences
from articles.text.words import content_words, stem


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_offsets_are_exact():
    text = (
        "Dr. Ana Ruiz said the bridge reopens on Jan. 5. Costs rose 4.2 percent.\n\n"
        '"Done," she said.'
    )
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text
    assert texts(text) == [
        "Dr. Ana Ruiz said the bridge reopens on Jan. 5.",
        "Costs rose 4.2 percent.",
        '"Done," she said.',
    ]


def test_possessive_at_sentence_end_splits():
    assert texts("The budget is larger than this year's. Spending rises.") == [
        "The budget is larger than this year's.",
        "Spending rises.",
    ]


def test_initials_do_not_split():
    assert texts("J. R. Smith arrived. He left.") == ["J. R. Smith arrived.", "He left."]


def test_words_and_stems():
    assert content_words("The council approved the repairs") == ["council", "approved", "repairs"]
    assert stem("repairs") == stem("repaired") == "repair"


def test_blocks_of_a_body_with_line_breaks():
    """A review found that "<br>" (no end tag) swallowed every block after it."""
    from articles.text.blocks import split_blocks

    blocks = split_blocks("<p>a<br>b</p><p>c</p><ul><li>d<br/>e</li><li>f</li></ul>")
    assert [b.text for b in blocks] == ["a b", "c", "d e", "f"]
