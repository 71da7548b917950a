"""A word-level diff of two texts, bounded in time and memory and never recursive.

``difflib.SequenceMatcher`` runs on word tokens (its matching is iterative); texts longer than
``MAX_TOKENS`` tokens are first trimmed of their common start and end, and a middle still too
long is shown as one replacement rather than compared word by word.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

MAX_TOKENS = 3000
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

Op = Literal["equal", "delete", "insert"]


def tokens(text: str) -> list[str]:
    """Words, runs of whitespace and single punctuation marks; joined, they are ``text``."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str, *, max_tokens: int = MAX_TOKENS) -> list[tuple[Op, str]]:
    """The pieces of ``old`` and ``new`` in order: each equal, deleted (in ``old`` only) or
    inserted (in ``new`` only). Deleted pieces come before the inserted ones replacing them."""
    a, b = tokens(old), tokens(new)
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    pieces: list[tuple[Op, str]] = [("equal", "".join(a[:start]))]
    if len(middle_a) > max_tokens or len(middle_b) > max_tokens:
        pieces += [("delete", "".join(middle_a)), ("insert", "".join(middle_b))]
    else:
        matcher = SequenceMatcher(None, middle_a, middle_b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                pieces.append(("equal", "".join(middle_a[i1:i2])))
                continue
            pieces.append(("delete", "".join(middle_a[i1:i2])))
            pieces.append(("insert", "".join(middle_b[j1:j2])))
    pieces.append(("equal", "".join(a[len(a) - end :])))
    return [(op, text) for op, text in pieces if text]
