"""The sources app stands on its own: it never imports from articles."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCES = Path(__file__).resolve().parent.parent / "sources"


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def test_sources_never_imports_articles():
    files = sorted(SOURCES.rglob("*.py"))
    assert len(files) > 10
    offending = {
        str(path.relative_to(SOURCES.parent)): sorted(
            m for m in imported_modules(path) if m == "articles" or m.startswith("articles.")
        )
        for path in files
    }
    assert {path: found for path, found in offending.items() if found} == {}
