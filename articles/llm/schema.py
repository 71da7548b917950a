"""JSON schemas for structured output, generated from pydantic models.

The schema sent to the model and the validation of its answer come from the same class.
OpenAI's strict mode wants every property listed in ``required`` and no additional properties;
optional fields (those with a default) are still sent as required, and the validation accepts
an answer that leaves them out.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import TypeAdapter, ValidationError


def strict_schema(model: Any) -> dict[str, Any]:
    """The JSON schema of ``model`` (any type pydantic knows) for ``response_format=json_schema``
    with ``strict``: references inlined, titles and defaults dropped, every object closed and
    fully required."""
    raw = TypeAdapter(model).json_schema()
    definitions = raw.pop("$defs", {})
    return _strict(raw, definitions)


def _strict(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_strict(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = definitions[node["$ref"].rsplit("/", 1)[-1]]
        merged = {**copy.deepcopy(target), **{k: v for k, v in node.items() if k != "$ref"}}
        return _strict(merged, definitions)
    out = {
        key: _strict(value, definitions)
        for key, value in node.items()
        if key not in ("title", "default")
    }
    if out.get("type") == "object" and "properties" in out:
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    return out


def validation_errors(exc: ValidationError, root: str) -> list[str]:
    """One readable line per problem: ``draft.sections[0].paragraphs must be a list``."""
    lines = []
    for error in exc.errors():
        where = root
        for part in error["loc"]:
            where += f"[{part}]" if isinstance(part, int) else f".{part}"
        lines.append(f"{where} {_what(error)}")
    return lines


_EXPECTED = {
    "list_type": "must be a list",
    "string_type": "must be a string",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "missing": "is missing",
    "literal_error": "has a value that is not allowed",
    "extra_forbidden": "is not allowed",
}


def _what(error: dict[str, Any]) -> str:
    if error["type"] == "literal_error":
        return f"must be one of: {error.get('ctx', {}).get('expected', '')}"
    return _EXPECTED.get(error["type"], error["msg"].lower())
