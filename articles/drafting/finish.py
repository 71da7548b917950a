"""What every draft goes through, whichever backend wrote it: paragraphs without datelines or
credits, a headline that is not a source's title, and a note for the editor on every figure the
sources disagree on (:func:`articles.text.slots.find_conflicts`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from articles.text.datelines import DATELINE, strip_dateline
from articles.text.slots import DIMENSIONS, Conflict, find_conflicts
from articles.text.source import SourceText

from .clean import same_title
from .headline import write_headline
from .types import Draft


def finish_draft(
    draft: Draft, sources: Sequence[SourceText], conflicts: list[Conflict] | None = None
) -> Draft:
    """``draft`` cleaned and annotated in place (and returned): datelines and credits stripped
    from the dek, paragraphs and bullets; the headline rewritten from the opening paragraph when
    it repeats a source title or opens on a dateline, and without a figure the sources disagree
    on; a note per conflict (``conflicts``, found in ``sources`` when not given) unless the
    draft's notes already give its values."""
    draft.dek = strip_dateline(draft.dek) if draft.dek else draft.dek
    for section in draft.sections:
        for item in (*section.paragraphs, *section.bullets):
            item.text = strip_dateline(item.text)
    titles = [source.title for source in sources]
    copied = any(same_title(draft.headline, title) for title in titles)
    if (copied or DATELINE.match(draft.headline)) and draft.sections:
        opening = next((p.text for s in draft.sections for p in s.paragraphs), "")
        if opening:
            draft.headline = write_headline(opening, titles)
    names = source_names(sources)
    noted = " ".join(draft.notes)
    conflicts = find_conflicts(sources) if conflicts is None else conflicts
    draft.headline = without_disputed_figures(draft.headline, conflicts)
    for conflict in conflicts:
        if not all(value in noted for value in conflict.values):
            draft.notes.append(conflict.note(names))
    return draft


_SIZE = r"(?:\s+(?:" + "|".join(DIMENSIONS) + r"))?"


def without_disputed_figures(headline: str, conflicts: Sequence[Conflict]) -> str:
    """``headline`` without a figure the sources disagree on: "Bank to close 23 branches" ->
    "Bank to close branches" when another source says 26. A headline cannot attribute. Only a
    figure as the sources write it goes (with its qualifier and unit, never part of "5-4",
    "3rd" or "Route 12"); a headline that would be left with nothing after a preposition is
    kept as it was."""
    original = headline
    for conflict in conflicts:
        for value in dict.fromkeys(value for _, _, value in conflict.passages):  # every form
            numeral = re.search(r"\d[\d,.]*\d|\d", value)
            if numeral is None:  # "thirty-three hours", "about three hundred": as written
                spelt = re.compile(rf"(?<![\w-]){re.escape(value)}(?![\w-])\s*", re.IGNORECASE)
                headline = spelt.sub("", headline)
                continue
            unit = value[numeral.end() :].strip()
            figure = re.compile(
                r"(?:\b(?:about|some|nearly|almost|around|roughly|approximately|more\s+than|"
                r"over|up\s+to)\s+)?(?<![\w,.-])[$£€]?"
                + re.escape(numeral.group())
                + (r"\s+(?P<unit>" + re.escape(unit) + ")" if unit else "")
                + _SIZE  # "12 metres deep"
                + r"(?![\w,-])\s*",
                re.IGNORECASE,
            )
            headline = figure.sub(_unless_named, headline)
    if headline == original:
        return headline
    if re.search(r"\b(?:in|on|at|of|for|to|by|with|from)\s*$", headline, re.IGNORECASE):
        return original  # "stuck for" says less than the disputed figure
    return headline[:1].upper() + headline[1:].rstrip()


def _unless_named(m: re.Match[str]) -> str:
    """Nothing for a figure, or the figure itself when it is part of a name ("Route 12"), or
    its unit when what it measures follows ("1,750 tons of steel" -> "tons of steel")."""
    before = m.string[: m.start()].split()
    if len(before) > 1 and before[-1][:1].isupper():
        return m.group()
    unit = m.groupdict().get("unit")
    if unit and m.string[m.end() :].lower().startswith("of "):
        return f"{unit} "
    return ""


def source_names(sources: Sequence[SourceText]) -> list[str]:
    """How a note names each source: its outlet, else its title, else "source N"."""
    return [s.outlet or s.title or f"source {i + 1}" for i, s in enumerate(sources)]
