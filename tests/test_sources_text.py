"""sources.text: how much text there is, in every script."""

from __future__ import annotations

import pytest

from sources.text import CHARS_PER_WORD, text_size


@pytest.mark.parametrize(
    ("text", "words", "chars"),
    [
        ("The council approved the repair — at last.", 7, 0),
        ("", 0, 0),
        ("马罗比镇议会批准修复老磨坊桥。", 0, 14),
        ("ケルスビー港のフェリー、五月から毎時運航へ", 0, 20),
        ("สภาเทศบาลลงมติ เมื่อคืนวันพฤหัสบดี", 0, 33),
        ("마로비 시의회, 오래된 방앗간 다리 보수 승인", 7, 0),  # Korean is written with spaces
        ("В Марроуби отремонтируют мост", 4, 0),
        ("東京 Tower opened 2024年", 3, 3),
    ],
)
def test_words_and_unspaced_characters(text, words, chars):
    size = text_size(text)
    assert (size.words, size.chars) == (words, chars)
    assert size.in_words == pytest.approx(words + chars / CHARS_PER_WORD)


def test_shortfall_speaks_of_the_script_in_use():
    assert text_size("one two three").shortfall(40) == "3 words extracted, at least 40 needed"
    assert text_size("渡轮恢复每小时一班").shortfall(40) == (
        "9 characters extracted, at least 100 needed"
    )
    assert text_size("one two").reaches(2) and not text_size("one").reaches(2)
    assert text_size("渡" * 100).reaches(40) and not text_size("渡" * 99).reaches(40)
