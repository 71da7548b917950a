"""Verbs of saying and quotation marks: how news text attributes words to a speaker."""

from __future__ import annotations

import re

SPEECH_VERBS = (
    "said says say told tells added adds stated explained warned noted announced confirmed "
    "insisted argued claimed continued urged wrote writes asked replied acknowledged admitted "
    "according recalled described"
).split()
# The verbs as a regular-expression alternation: ``rf"\b(?:{SPEECH_VERB})\b"``.
SPEECH_VERB = "|".join(SPEECH_VERBS)
# An attribution ending a sentence ("..., the coroner said."), which says nothing of the event.
TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:[\w'’.-]+\s+){0,5}?(?:said|says|told\s+\w+|added|argued|warned)\.?\s*$", re.I
)
# A quotation, in straight or curly marks, to the end of the text when it is not closed.
QUOTED = re.compile(r'"[^"]*"?|“[^”]*”?')
