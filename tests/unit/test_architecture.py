"""The layering rule, read from the imports: cli imports the library, never the reverse;
matching imports nothing of ours outside matching; no cycles between modules or packages.

Every module's imports are read with `ast`, those inside functions included (commands
import what they need late, to start fast), so a late import cannot hide a wrong edge.
docs/development.md states the same rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from support import REPO

PACKAGE = REPO / "dprktrack"


def module_name(path: Path) -> str:
    """`dprktrack/check/report.py` → `dprktrack.check.report`; a package is its __init__."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The modules of ours that `path` imports, anywhere in it (inside functions too).

    `from dprktrack.check import report` counts the module `report`; `from
    dprktrack.check.report import CheckReport` counts `report`, the module named.
    """
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                above = package[: len(package) - node.level + 1]
                base = ".".join([*above, base] if base else above)
            named = {f"{base}.{alias.name}" for alias in node.names} & modules
            found.update(named or {base})
    return (found & modules) - {module_name(path)}


def our_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = our_modules()
GRAPH = {name: imported_modules(path, set(MODULES)) for name, path in MODULES.items()}


def in_area(name: str, *areas: str) -> bool:
    """Whether module `name` is one of `areas` or inside one of them (packages)."""
    return any(name == area or name.startswith(f"{area}.") for area in areas)


def wrong_imports(source: tuple[str, ...], allowed: tuple[str, ...]) -> list[str]:
    """`importer → imported` for each module in `source` importing ours outside `allowed`."""
    return [
        f"{name} → {imported}"
        for name in sorted(MODULES)
        if in_area(name, *source)
        for imported in sorted(GRAPH[name])
        if imported != "dprktrack" and not in_area(imported, *allowed)  # the version: anyone's
    ]


def test_imports_are_read_from_every_module_including_late_ones() -> None:
    assert {"dprktrack.cli.group", "dprktrack.matching.textpos", "dprktrack.errors"} <= set(GRAPH)
    late = GRAPH["dprktrack.cli.checking"]  # its library imports are inside the command
    assert any(in_area(name, "dprktrack.check") for name in late)


COMMAND_LINE = ("dprktrack.cli", "dprktrack.__main__")
LIBRARY = tuple(
    name for name in MODULES if name != "dprktrack" and not in_area(name, *COMMAND_LINE)
)


RULES = {
    "nothing in the library imports the command line": (LIBRARY, LIBRARY),
    "matching imports nothing of ours outside matching": (
        ("dprktrack.matching",),
        ("dprktrack.matching",),
    ),
    "output and errors import nothing of ours but output and errors": (
        ("dprktrack.output", "dprktrack.errors"),
        ("dprktrack.output", "dprktrack.errors"),
    ),
    "schema imports only schema, errors and output": (
        ("dprktrack.schema",),
        ("dprktrack.schema", "dprktrack.errors", "dprktrack.output"),
    ),
    "config imports only check (verdicts, ignore rules, formats) and errors": (
        ("dprktrack.config",),
        ("dprktrack.config", "dprktrack.check", "dprktrack.errors"),
    ),
    "claimsfile imports only claimsfile, schema, text positions, output and errors": (
        ("dprktrack.claimsfile",),
        (
            "dprktrack.claimsfile",
            "dprktrack.schema",
            "dprktrack.matching.textpos",
            "dprktrack.output",
            "dprktrack.errors",
        ),
    ),
}


KNOWN: dict[str, list[str]] = {}
"""Imports that break a rule, each with its reason, listed so that the rest stays enforced:
none today. When one is resolved its line goes too (the test fails until it does)."""


@pytest.mark.parametrize("rule", sorted(RULES))
def test_layering(rule: str) -> None:
    source, allowed = RULES[rule]
    assert wrong_imports(source, allowed) == KNOWN.get(rule, []), rule


FORBIDDEN = {
    "check does not import settings, lookups, curating, export, rendering or the command line": (
        "dprktrack.check",
        (
            "dprktrack.config",
            "dprktrack.query",
            "dprktrack.curate",
            "dprktrack.export",
            "dprktrack.render",
            "dprktrack.cli",
        ),
    ),
    "query does not import curating, export or rendering (it may ask check where a quote stands)": (
        "dprktrack.query",
        ("dprktrack.curate", "dprktrack.export", "dprktrack.render", "dprktrack.cli"),
    ),
}


@pytest.mark.parametrize("rule", sorted(FORBIDDEN))
def test_forbidden_imports(rule: str) -> None:
    source, forbidden = FORBIDDEN[rule]
    wrong = [
        f"{name} → {imported}"
        for name in sorted(MODULES)
        if in_area(name, source)
        for imported in sorted(GRAPH[name])
        if in_area(imported, *forbidden)
    ]
    assert wrong == KNOWN.get(rule, []), rule


def area_of(name: str) -> str:
    """The package a module belongs to (`dprktrack.check`), or the module itself at the top."""
    parts = name.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 else name


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of `graph` with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part.append(member)
                        if member == node:
                            break
                    if len(part) > 1:
                        found.append(sorted(part))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_import_cycles_between_modules() -> None:
    assert cycles(GRAPH) == []


def test_no_import_cycles_between_packages() -> None:
    packages: dict[str, set[str]] = {}
    for name, imported in GRAPH.items():
        edges = packages.setdefault(area_of(name), set())
        edges.update(area_of(other) for other in imported if area_of(other) != area_of(name))
    assert cycles(packages) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_suggest_sits_above_curate_and_only_the_command_line_imports_it() -> None:
    """cli → suggest → curate → …: the rules may use curate's anchoring and check's
    placing, and nothing of the library below them imports the rules."""
    wrong = [
        f"{name} → {imported}"
        for name in sorted(MODULES)
        if not in_area(name, "dprktrack.suggest", *COMMAND_LINE)
        for imported in sorted(GRAPH[name])
        if in_area(imported, "dprktrack.suggest")
    ]
    assert wrong == []
