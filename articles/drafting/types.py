"""The draft data model shared by every drafting backend, its JSON shape and its validation.

Citations are source indexes counted from 0 in the order the sources were given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class DraftValidationError(ValueError):
    """A draft that breaks the newsroom rules; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str] | str) -> None:
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("; ".join(self.errors))


@dataclass
class Paragraph:
    text: str
    citations: list[int] = field(default_factory=list)


@dataclass
class Section:
    """A subheaded part of the story. Only the first (opening) section may have no heading."""

    heading: str
    paragraphs: list[Paragraph]
    bullets: list[Paragraph] = field(default_factory=list)


@dataclass
class KeyFact:
    label: str
    value: str
    citations: list[int] = field(default_factory=list)


@dataclass
class Draft:
    headline: str
    dek: str
    sections: list[Section]
    key_facts: list[KeyFact] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "dek": self.dek,
            "sections": [
                {
                    "heading": section.heading,
                    "paragraphs": [_paragraph_json(p) for p in section.paragraphs],
                    "bullets": [_paragraph_json(b) for b in section.bullets],
                }
                for section in self.sections
            ],
            "key_facts": [
                {"label": f.label, "value": f.value, "citations": list(f.citations)}
                for f in self.key_facts
            ],
            "provenance": dict(self.provenance),
        }

    @classmethod
    def from_json(cls, data: Any) -> Draft:
        """Build a draft from its JSON shape; raise DraftValidationError if the shape is wrong.

        ``bullets``, ``key_facts`` and ``provenance`` may be missing. Content rules (citations,
        empty sections) are checked separately by ``validate_draft``.
        """
        root = _object(data, "draft")
        sections = [
            Section(
                heading=_string(s, "heading", f"sections[{i}]"),
                paragraphs=[
                    _paragraph(p, f"sections[{i}].paragraphs[{j}]")
                    for j, p in enumerate(_array(s, "paragraphs", f"sections[{i}]"))
                ],
                bullets=[
                    _paragraph(b, f"sections[{i}].bullets[{j}]")
                    for j, b in enumerate(_array(s, "bullets", f"sections[{i}]", required=False))
                ],
            )
            for i, s in enumerate(_objects(_array(root, "sections", "draft"), "sections"))
        ]
        key_facts = [
            KeyFact(
                label=_string(f, "label", f"key_facts[{i}]"),
                value=_string(f, "value", f"key_facts[{i}]"),
                citations=_citations(f, f"key_facts[{i}]"),
            )
            for i, f in enumerate(
                _objects(_array(root, "key_facts", "draft", required=False), "key_facts")
            )
        ]
        provenance = root.get("provenance") or {}
        if not isinstance(provenance, dict):
            raise DraftValidationError("draft.provenance must be an object")
        return cls(
            headline=_string(root, "headline", "draft"),
            dek=_string(root, "dek", "draft", required=False),
            sections=sections,
            key_facts=key_facts,
            provenance=dict(provenance),
        )


def _paragraph_json(paragraph: Paragraph) -> dict[str, Any]:
    return {"text": paragraph.text, "citations": list(paragraph.citations)}


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DraftValidationError(f"{where} must be an object, not {type(value).__name__}")
    return value


def _objects(values: list[Any], where: str) -> list[dict[str, Any]]:
    return [_object(v, f"{where}[{i}]") for i, v in enumerate(values)]


def _array(obj: dict[str, Any], key: str, where: str, *, required: bool = True) -> list[Any]:
    if key not in obj and not required:
        return []
    value = obj.get(key)
    if not isinstance(value, list):
        raise DraftValidationError(f"{where}.{key} must be a list")
    return value


def _string(obj: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    if key not in obj and not required:
        return ""
    value = obj.get(key)
    if not isinstance(value, str):
        raise DraftValidationError(f"{where}.{key} must be a string")
    return value


def _citations(obj: dict[str, Any], where: str) -> list[int]:
    value = obj.get("citations", [])
    if not isinstance(value, list) or not all(
        isinstance(c, int) and not isinstance(c, bool) for c in value
    ):
        raise DraftValidationError(f"{where}.citations must be a list of source indexes")
    return list(value)


def _paragraph(value: Any, where: str) -> Paragraph:
    obj = _object(value, where)
    return Paragraph(text=_string(obj, "text", where), citations=_citations(obj, where))


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


_CITATIONS_SCHEMA = {
    "type": "array",
    "description": "Indexes (from 0) of the sources this text rests on; at least one.",
    "items": {"type": "integer"},
}
_PARAGRAPH_SCHEMA = {
    "type": "object",
    "properties": {
        "text": {"type": "string", "description": "Plain text, no HTML or Markdown."},
        "citations": _CITATIONS_SCHEMA,
    },
    "required": ["text", "citations"],
    "additionalProperties": False,
}

DRAFT_JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "headline": {"type": "string", "description": "Factual headline, plain text."},
        "dek": {"type": "string", "description": "One-sentence summary under the headline."},
        "sections": {
            "type": "array",
            "description": (
                "The story body. The first section holds the opening paragraph with the news "
                "and may have an empty heading; every later section has a short subhead."
            ),
            "items": {
                "type": "object",
                "properties": {
                    "heading": {"type": "string"},
                    "paragraphs": {"type": "array", "items": _PARAGRAPH_SCHEMA},
                    "bullets": {
                        "type": "array",
                        "description": "Optional list items; empty when the sources list none.",
                        "items": _PARAGRAPH_SCHEMA,
                    },
                },
                "required": ["heading", "paragraphs", "bullets"],
                "additionalProperties": False,
            },
        },
        "key_facts": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "label": {"type": "string"},
                    "value": {"type": "string"},
                    "citations": _CITATIONS_SCHEMA,
                },
                "required": ["label", "value", "citations"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["headline", "dek", "sections", "key_facts"],
    "additionalProperties": False,
}


@dataclass
class DraftResult:
    """A draft and what producing it cost; tokens and attempts are totals over all retries."""

    draft: Draft
    backend: str
    model: str = ""
    prompt_version: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    latency_ms: int = 0
    attempts: int = 0
