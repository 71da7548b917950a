"""Import contracts, checked on the real import graph (grimp, every import including those
inside functions):

- the engine (``articles.drafting``, ``articles.factcheck``, ``articles.text``, ``articles.llm``)
  is plain Python: it imports the standard library, three named libraries and itself, nothing
  from Django or the apps;
- ``sources`` never imports ``articles``, but for the engine's plain-Python ``articles.text``
  (the prompt-injection detector marks sources at ingest);
- no module imports itself through a ring of other modules.
"""

from __future__ import annotations

import sys
from functools import cache

import grimp
import pytest

ENGINE = ("articles.drafting", "articles.factcheck", "articles.text", "articles.llm")
ENGINE_LIBRARIES = frozenset({"openai", "pydantic", "snowballstemmer"})
PACKAGES = ("articles", "sources", "newsroom")


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES, include_external_packages=True, cache_dir=None)


def _in(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def engine_violations(g: grimp.ImportGraph) -> list[str]:
    found = []
    for module in sorted(m for m in g.modules if _in(m, ENGINE)):
        for target in sorted(g.find_modules_directly_imported_by(module)):
            top = target.split(".")[0]
            allowed = (
                _in(target, ENGINE)
                or top in ENGINE_LIBRARIES
                or (top in sys.stdlib_module_names or top == "__future__")
            )
            if not allowed:
                found.append(f"{module} imports {target}")
    return found


def sources_violations(g: grimp.ImportGraph) -> list[str]:
    return [
        f"{module} imports {target}"
        for module in sorted(m for m in g.modules if _in(m, ("sources",)))
        for target in sorted(g.find_modules_directly_imported_by(module))
        if _in(target, ("articles",)) and not _in(target, ("articles.text",))
    ]


def import_cycles(g: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one project module (Tarjan)."""
    nodes = sorted(m for m in g.modules if _in(m, PACKAGES))
    edges = {
        m: sorted(t for t in g.find_modules_directly_imported_by(m) if _in(t, PACKAGES))
        for m in nodes
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in nodes:
        if node not in index:
            visit(node)
    return groups


def test_engine_imports_nothing_from_django_or_the_apps() -> None:
    assert engine_violations(graph()) == []


def test_sources_does_not_import_articles() -> None:
    assert sources_violations(graph()) == []


def test_no_import_cycles() -> None:
    assert import_cycles(graph()) == []


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("articles.factcheck.offline", "django.conf"),
        ("articles.text.words", "articles.models"),
        ("articles.drafting.llm", "newsroom.llm"),
    ],
)
def test_the_engine_contract_catches_a_forbidden_import(module: str, target: str) -> None:
    g = grimp.build_graph(*PACKAGES, include_external_packages=True, cache_dir=None)
    g.add_import(importer=module, imported=target)
    assert f"{module} imports {target}" in engine_violations(g)


def test_the_ring_check_catches_a_ring() -> None:
    g = grimp.build_graph(*PACKAGES, include_external_packages=True, cache_dir=None)
    g.add_import(importer="articles.models", imported="articles.workflow")
    g.add_import(importer="articles.workflow", imported="articles.models")
    assert any({"articles.models", "articles.workflow"} <= set(c) for c in import_cycles(g))
