"""A repository's settings: a `dprktrack.toml`, or `[tool.dprktrack]` in `pyproject.toml`.

The file is found as ruff finds its own: from the current folder up to the filesystem
root, the first folder holding either one wins; in one folder, `dprktrack.toml` comes
before `pyproject.toml` (whose table is looked for only there). `--config PATH` (or
DPRKTRACK_CONFIG) names the file instead; `--no-config` reads none. The file is read
(and tomllib imported) only when one is found; every mistake in it is one line naming
the file and the key (or the line:column of a TOML syntax error).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from dprktrack.errors import DprkError

if TYPE_CHECKING:  # types only; the check's modules are read only where a file has ignores
    from dprktrack.check.ignores import IgnoreRule

CONFIG_FILENAME = "dprktrack.toml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1 << 20
"""A settings file is a few lines; anything larger than this is not one."""

KEYS = ("claims", "strict", "format", "ignore")
IGNORE_KEYS = ("claim", "verdict", "reason")


@dataclass(frozen=True)
class Settings:
    """The settings a file gives (all defaults when `file` is None).

    `origins` says where each setting given came from: `pyproject.toml:tool.dprktrack.strict`.
    """

    file: Path | None = None
    claims: Path | None = None
    """The claims file, relative to the settings file's folder already."""
    strict: bool = False
    format: str | None = None
    ignore: tuple[IgnoreRule, ...] = ()
    origins: dict[str, str] = field(default_factory=dict, compare=False)


class _Source(NamedTuple):
    """A settings file being read: its path, how messages name it, its table's key prefix.
    (A named tuple: every command reads settings, and a frozen dataclass costs about a
    millisecond at start. Settings stays one: its origins are no part of its value.)"""

    path: Path
    name: str
    prefix: str
    cwd: Path

    def beside(self, value: str) -> Path:
        """A path given in the file, from the file's folder; relative to the current folder
        when inside it, so that messages name it as the user would."""
        path = self.path.parent / value
        relative = os.path.relpath(path, self.cwd)
        return path if relative.startswith("..") else Path(relative)

    def error(self, key: str, message: str) -> DprkError:
        return DprkError(f"{self.name}: {self.prefix}{key}: {message}")


def load_settings(cwd: Path, explicit: Path | None = None, *, isolated: bool = False) -> Settings:
    """The settings in force for a run in `cwd`: the file named, else the one found."""
    if isolated:
        return Settings()
    if explicit is not None:
        source, table = _read_named(cwd, explicit)
        return _settings(source, table)
    found = discover(cwd)
    return Settings() if found is None else _settings(*found)


def discover(start: Path) -> tuple[_Source, dict[str, Any]] | None:
    """The first settings file from `start` up to the root, with its table."""
    for folder in (start, *start.parents):
        own = folder / CONFIG_FILENAME
        if own.is_file():
            return _source(start, own), _parse(_source(start, own))
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            table = _tool_table(_source(start, pyproject))
            if table is not None:
                return _source(start, pyproject), table
    return None


def _read_named(cwd: Path, path: Path) -> tuple[_Source, dict[str, Any]]:
    """A file named by --config or DPRKTRACK_CONFIG: a pyproject.toml needs the table."""
    source = _source(cwd, cwd / path)
    if path.name != PYPROJECT:
        return source, _parse(source)
    table = _tool_table(source)
    if table is None:
        raise DprkError(f"{source.name}: no [tool.dprktrack] table")
    return source, table


def _source(cwd: Path, path: Path) -> _Source:
    prefix = "tool.dprktrack." if path.name == PYPROJECT else ""
    return _Source(path, os.path.relpath(path, cwd), prefix, cwd)


def _tool_table(source: _Source) -> dict[str, Any] | None:
    """`[tool.dprktrack]` of a pyproject.toml, None when it has none (then it is skipped).

    A file that never says `dprktrack` is skipped unparsed: most pyprojects have no table.
    """
    text = _read(source)
    if "dprktrack" not in text:
        return None
    document = _parse(source, text)
    tool = document.get("tool")
    if not isinstance(tool, dict) or "dprktrack" not in tool:
        return None
    table = tool["dprktrack"]
    if not isinstance(table, dict):
        raise DprkError(f"{source.name}: tool.dprktrack: expected a table, got {_shown(table)}")
    return table


def _read(source: _Source) -> str:
    try:
        with source.path.open("rb") as stream:
            data = stream.read(MAX_CONFIG_BYTES + 1)
    except OSError as err:
        raise DprkError(f"{source.name}: cannot read it: {err.strerror or err}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise DprkError(f"{source.name}: larger than {MAX_CONFIG_BYTES} bytes; not a settings file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DprkError(
            f"{source.name}: not valid UTF-8 (byte at offset {err.start}); save it as UTF-8"
        ) from None


_TOML_PLACE = re.compile(r"^(?P<what>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")


def _parse(source: _Source, text: str | None = None) -> dict[str, Any]:
    """The TOML document; a syntax error as `name:LINE:COL: what tomllib says`."""
    import tomllib

    try:
        return tomllib.loads(_read(source) if text is None else text)
    except RecursionError:
        raise DprkError(f"{source.name}: not valid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        place = _TOML_PLACE.match(message)
        if place is None:
            raise DprkError(f"{source.name}: not valid TOML: {message}") from None
        where = f"{place['line']}:{place['column']}"
        raise DprkError(f"{source.name}:{where}: not valid TOML: {place['what']}") from None


def _settings(source: _Source, table: dict[str, Any]) -> Settings:
    """The table checked key by key into Settings, each key's origin noted."""
    _refuse_unknown(source, "", table, KEYS)
    values: dict[str, Any] = {}
    if "claims" in table:
        values["claims"] = source.beside(_claims_path(source, table["claims"]))
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise source.error("strict", f"expected true or false, got {_shown(table['strict'])}")
        values["strict"] = table["strict"]
    if "format" in table:
        values["format"] = _check_format(source, _text(source, "format", table["format"]))
    if "ignore" in table:
        values["ignore"] = _ignore_rules(source, table["ignore"])
    origins = {key: f"{source.name}:{source.prefix}{key}" for key in values}
    return Settings(file=source.path, origins=origins, **values)


def _check_format(source: _Source, value: str) -> str:
    """One of check's formats (the list `check --format` takes, read only when set)."""
    from dprktrack.check.reporters import FORMATS

    if value not in FORMATS:
        raise source.error("format", f"unknown check format {_shown(value)}{_hint(value, FORMATS)}")
    return value


def _ignore_rules(source: _Source, entries: Any) -> tuple[IgnoreRule, ...]:
    if not isinstance(entries, list):
        raise source.error("ignore", f"expected an array of tables, got {_shown(entries)}")
    return tuple(_ignore_rule(source, index, entry) for index, entry in enumerate(entries))


def _ignore_rule(source: _Source, index: int, entry: Any) -> IgnoreRule:
    """One `{claim = "c012", verdict = "moved", reason = "…"}`: a reason is required."""
    from dprktrack.check.findings import VERDICTS
    from dprktrack.check.ignores import IgnoreRule

    key = f"ignore[{index}]"
    if not isinstance(entry, dict):
        raise source.error(key, f"expected a table {{claim, verdict, reason}}, got {_shown(entry)}")
    _refuse_unknown(source, f"{key}.", entry, IGNORE_KEYS)
    claim = _text(source, f"{key}.claim", entry["claim"]) if "claim" in entry else None
    verdict = _text(source, f"{key}.verdict", entry["verdict"]) if "verdict" in entry else None
    if verdict is not None and VERDICTS.get(verdict, "pass") == "pass":
        known = [name for name, severity in VERDICTS.items() if severity != "pass"]
        raise source.error(
            f"{key}.verdict", f"not a warning or failure: {_shown(verdict)}{_hint(verdict, known)}"
        )
    if claim is None and verdict is None:
        raise source.error(key, "names no claim and no verdict; give one or both")
    if verdict in ("source-changed", "source-repinned"):
        raise source.error(f"{key}.verdict", f"a source's pin is never ignored ({verdict})")
    if claim is None and VERDICTS[str(verdict)] == "failure":
        raise source.error(key, f"a failure ({verdict}) is ignored only for a named claim")
    if "reason" not in entry or not str(entry["reason"]).strip():
        raise source.error(f"{key}.reason", "required: say why this exception is allowed")
    reason = _text(source, f"{key}.reason", entry["reason"])
    return IgnoreRule(reason=" ".join(reason.split()), claim=claim, verdict=verdict)


def _claims_path(source: _Source, value: Any) -> str:
    """The claims file the settings name: inside the settings file's folder (a pull request
    must not point CI at a claims file elsewhere, such as one that passes), no NUL."""
    text = _text(source, "claims", value)
    if "\0" in text:
        raise source.error("claims", "a path cannot hold a NUL character")
    folder = source.path.parent.resolve()
    try:
        target = (folder / text).resolve()
    except (OSError, RuntimeError) as err:  # a loop of links, a name too long
        raise source.error("claims", f"not a usable path: {_shown(text)}") from err
    if not target.is_relative_to(folder):
        raise source.error("claims", f"{_shown(text)} is outside the settings file's folder")
    return text


def _text(source: _Source, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise source.error(key, f"expected a non-empty string, got {_shown(value)}")
    return value


def _refuse_unknown(
    source: _Source, within: str, table: dict[str, Any], known: tuple[str, ...]
) -> None:
    for key in table:
        if key not in known:
            raise source.error(f"{within}{key}", f"unknown key{_hint(key, known)}")


def _hint(value: str, known: tuple[str, ...] | list[str]) -> str:
    """`; did you mean strict?`, else the keys or values it could be."""
    import difflib

    near = difflib.get_close_matches(value, known, n=1)
    if near:
        return f"; did you mean {near[0]}?"
    return f"; known: {', '.join(known)}"


def _shown(value: Any) -> str:
    """A TOML value as a message shows it: `"yes"`, `3`, `true`, `an array`, `a table`."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)
        return shown if len(shown) <= 40 else f'{shown[:37]}…"'
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return str(value)
