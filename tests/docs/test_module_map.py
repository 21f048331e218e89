"""The developer docs' module map names every module of the package, and no module that is gone."""

from __future__ import annotations

import re

from support import REPO

PACKAGE = REPO / "dprktrack"
MAP_ROW = re.compile(r"^\| `(?P<paths>[^|]+)` \|", re.MULTILINE)


def _modules() -> set[str]:
    """Every module's path below dprktrack/; a package's __init__ only at the top."""
    return {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" or path.parent == PACKAGE
    }


def _mapped() -> set[str]:
    text = (REPO / "docs" / "development.md").read_text("utf-8")
    return {
        name.strip("` ")
        for row in MAP_ROW.finditer(text)
        for name in row["paths"].split(",")
        if name.strip("` ").endswith(".py")
    }


def test_the_module_map_names_every_module_and_only_those() -> None:
    modules, mapped = _modules(), _mapped()
    assert modules - mapped == set(), "modules missing from docs/development.md"
    assert mapped - modules == set(), "modules in docs/development.md that do not exist"
