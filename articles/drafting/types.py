"""The draft data model shared by every drafting backend, its JSON shape and its validation.

Citations are source indexes counted from 0 in the order the sources were given.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, field
from typing import Annotated, Any

from pydantic import Field, StrictInt, StrictStr, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass
from pydantic.json_schema import SkipJsonSchema

from articles.llm import strict_schema, validation_errors
from articles.text.slots import quantities

PlainText = Annotated[StrictStr, Field(description="Plain text, no HTML or Markdown.")]
Citations = Annotated[
    list[StrictInt],
    Field(description="Indexes (from 0) of the sources this text rests on; at least one."),
]


class DraftValidationError(ValueError):
    """A draft that breaks the newsroom rules; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str] | str) -> None:
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("; ".join(self.errors))


@dataclass
class Paragraph:
    text: PlainText
    citations: Citations = field(default_factory=list)


@dataclass
class Section:
    """A subheaded part of the story. Only the first (opening) section may have no heading."""

    heading: StrictStr
    paragraphs: list[Paragraph]
    bullets: Annotated[
        list[Paragraph],
        Field(description="Optional list items; empty when the sources list none."),
    ] = field(default_factory=list)


@dataclass
class KeyFact:
    label: StrictStr
    value: StrictStr
    citations: Citations = field(default_factory=list)


@dataclass
class Draft:
    headline: Annotated[StrictStr, Field(description="Factual headline, plain text.")]
    sections: Annotated[
        list[Section],
        Field(
            description=(
                "The story body. The first section holds the opening paragraph with the news "
                "and may have an empty heading; every later section has a short subhead."
            )
        ),
    ]
    dek: Annotated[StrictStr, Field(description="One-sentence summary under the headline.")] = ""
    key_facts: list[KeyFact] = field(default_factory=list)
    # Notes for the editor, not for publication: where sources disagree (each value with the
    # sources giving it). Added by ``finish.finish_draft`` for every backend, so not asked of
    # the model.
    notes: SkipJsonSchema[list[str]] = field(default_factory=list)
    provenance: SkipJsonSchema[dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Draft:
        """Build a draft from its JSON shape; raise DraftValidationError listing every place
        where the shape is wrong. ``dek``, ``bullets``, ``key_facts``, ``notes`` and
        ``provenance`` may be missing. Content rules (citations, empty sections) are checked
        by ``validate_draft``."""
        try:
            return _DRAFT.validate_python(data)
        except ValidationError as exc:
            raise DraftValidationError(validation_errors(exc, "draft")) from exc


_DRAFT = TypeAdapter(Draft)


def validate_draft(draft: Draft, n_sources: int) -> None:
    """Raise DraftValidationError listing every rule the draft breaks.

    Rules: a headline; at least one section; every section but the first has a heading; no
    section without paragraphs; every paragraph, bullet and key fact has text and at least one
    citation; every citation is the index of one of the ``n_sources`` sources.
    """
    errors: list[str] = []

    def check_citations(citations: list[int], where: str) -> None:
        if not citations:
            errors.append(f"{where} has no citation")
        bad = sorted({c for c in citations if not 0 <= c < n_sources})
        if bad:
            valid = f"0..{n_sources - 1}" if n_sources else "none"
            errors.append(
                f"{where} cites source {', '.join(map(str, bad))}, which is not in the story "
                f"(valid source indexes: {valid})"
            )

    if not draft.headline.strip():
        errors.append("the headline is empty")
    if not draft.sections:
        errors.append("the draft has no sections")
    for i, section in enumerate(draft.sections):
        where = f"section {i + 1}" + (f" ({section.heading!r})" if section.heading else "")
        if i and not section.heading.strip():
            errors.append(f"{where} has no heading")
        if not section.paragraphs:
            errors.append(f"{where} is empty: it has no paragraphs")
        for kind, items in (("paragraph", section.paragraphs), ("bullet", section.bullets)):
            for j, item in enumerate(items):
                item_where = f"{where} {kind} {j + 1}"
                if not item.text.strip():
                    errors.append(f"{item_where} is empty")
                check_citations(item.citations, item_where)
    for i, fact in enumerate(draft.key_facts):
        where = f"key fact {i + 1} ({fact.label!r})"
        if not fact.label.strip() or not fact.value.strip():
            errors.append(f"{where} needs both a label and a value")
        check_citations(fact.citations, where)
    if errors:
        raise DraftValidationError(errors)


# What the model is asked for: the draft without its provenance, every field required.
DRAFT_JSON_SCHEMA: dict[str, Any] = strict_schema(Draft)


@dataclasses.dataclass
class DraftResult:
    """A draft and what producing it cost; tokens and attempts are totals over all retries."""

    draft: Draft
    backend: str
    model: str = ""
    prompt_version: str = ""
    input_tokens: int | None = 0  # None: the model did not say
    output_tokens: int | None = 0
    latency_ms: int = 0
    attempts: int = 0


def draft_to_text(draft: Draft) -> str:
    """The draft as plain text for the fact-checker: headline, dek, every paragraph and bullet,
    then one line per key fact (:func:`key_fact_text`), each block separated by a blank line.
    Subheads are left out: they state no facts; so are the notes for the editor."""
    blocks = [draft.headline, draft.dek]
    for section in draft.sections:
        blocks.extend(p.text for p in section.paragraphs)
        blocks.extend(b.text for b in section.bullets)
    blocks.extend(key_fact_text(fact) for fact in draft.key_facts)
    return "\n\n".join(" ".join(block.split()) for block in blocks if block and block.strip())


# The mark on a key-fact row whose value the sources give differently: for readers, not a
# claim to check.
DIFFER = " (reports differ)"


def key_fact_text(fact: KeyFact) -> str:
    """A key fact as a line the fact-checker can read: a figure first, as the sources write it
    ("1,250 residents evacuated.", "about $2.4 million clean-up cost (expected)."), anything
    else as ``Label: value`` ("Location: Marlow Junction")."""
    value, hedge = fact.value, ""
    label = fact.label.removesuffix(DIFFER)
    if value.endswith(")") and " (" in value:
        value, _, hedge = value.rpartition(" (")
        hedge = f" ({hedge}"
    found = quantities(value)
    if not found or found[0].start != 0:
        return f"{label}: {fact.value}"
    return f"{value} {label[:1].lower()}{label[1:]}{hedge}."
