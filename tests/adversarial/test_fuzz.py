"""Fuzzing: generated claims files and sources through loading, `check`, `list` and `show`.

Two properties, over inputs that are mostly structured claims files (a small valid
document whose quotes are cut from small sources beside it, then bent: keys dropped,
types changed, odd characters injected, offsets broken, ids repeated, quotes made near
misses, the JSON text itself damaged, the sources re-encoded, edited, linked or removed)
and sometimes plain bytes:

1. nothing but `DprkError` escapes `load_catalog` and `run_check`; `list`, `show` and
   `check` exit 0, 1 or 2, never 70 (an internal error), and never print a traceback;
2. the same input gives the same answer twice: the check's records on two fresh
   loads, and each command's exit code, stdout and stderr on two runs.

Plain `pytest` runs both on a few examples (and checks that the unbent documents
hold). The long run is marked `fuzz`, which pyproject.toml's addopts deselect:

    .venv/bin/pytest -m fuzz                                   # 5,000 examples a property
    DPRKTRACK_FUZZ_EXAMPLES=20000 .venv/bin/pytest -m fuzz     # or as many as you like

It prints a line per property: examples passed, time taken, and what they reached
(where loading stopped, the verdicts seen, the exit codes). A failure is shrunk and
printed as a `Case`: its claims bytes and files are the reproducer.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import (
    FUZZ_EXAMPLES,
    Draw,
    cut_quotes,
    exact_quotes,
    letters,
    source_texts,
)
from support import SEED, run_cli

from dprktrack.check.reporters import finding_positions, result_records
from dprktrack.check.run import run_check, summary
from dprktrack.claimsfile.load import load_catalog
from dprktrack.errors import DprkError

_HEALTH = [
    HealthCheck.too_slow,  # each example writes files and runs commands
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
    HealthCheck.function_scoped_fixture,  # `tally` is meant to outlive the examples
]
QUICK = settings(max_examples=30, deadline=None, suppress_health_check=_HEALTH)
LONG = settings(QUICK, max_examples=FUZZ_EXAMPLES)

Json = Any
JsonPath = tuple[str | int, ...]

# --- claims and their anchors --------------------------------------------------------------

ODD_OFFSETS = (-1, 0, 1, 2**31, 2**63, 10**30)


@st.composite
def anchors(draw: Draw, text: str, start: int, end: int, *, intact: bool = False) -> Json:
    """The claim's hints: right, missing, partial, shifted, stale or absurd."""
    prefix, suffix = text[max(0, start - 32) : start], text[end : end + 32]
    full = {"start": start, "end": end, "prefix": prefix, "suffix": suffix}
    how = "full" if intact else draw(st.sampled_from(("full", "full", "none", "none", "other")))
    if how == "full":
        return full
    if how == "none":
        return {}
    shift = draw(st.integers(-40, 40))
    elsewhere = draw(st.sampled_from(ODD_OFFSETS) | st.integers(0, len(text) + 5))
    variants = (
        {"start": start, "end": end},
        {"prefix": prefix, "suffix": suffix},
        {**full, "start": start + shift, "end": end + shift},
        {**full, "prefix": suffix, "suffix": prefix},
        {"start": elsewhere, "end": elsewhere + end - start},
        {"start": end, "end": start},
        {"start": start, "end": draw(st.sampled_from(ODD_OFFSETS))},
    )
    return draw(st.sampled_from(variants))


# --- the valid document ----------------------------------------------------------------------

ACTORS: tuple[Json, ...] = (
    {
        "id": "asmolov",
        "name": "Konstantin Asmolov",
        "aliases": ["the author", "Asmolov"],
        "kind": "author",
        "role": "Researcher",
        "country": "Russia",
    },
    {"id": "russia", "name": "Russia", "aliases": ["Moscow"], "kind": "government"},
    {"id": "kim-song", "name": "Kim Song", "kind": "person", "country": "DPRK"},
    {"id": "nk-news", "name": "NK News", "aliases": [], "kind": "media", "role": None},
)
TARGETS: tuple[Json, ...] = (
    {"id": "panel-of-experts", "label": "UN Panel of Experts", "description": "The panel."},
    {"id": "russia-veto", "label": "Russia's veto", "description": "The veto of 28 March."},
    {"id": "sanctions-regime", "label": "Sanctions", "description": "The sanctions regime."},
)
STANCES = ("support", "oppose", "neutral", "mixed")
QUOTE_TYPES = ("direct", "indirect", "mixed")
DATES = ("2024-03-28", "2024-02-29", "1950-06-25")
SUMMARIES = ("Opposes the Panel.", "Welcomes the veto.", "Says what the source says.")


@dataclass(frozen=True)
class Source:
    """One source as the claims file names it, what it says, and what lies on disk."""

    id: str
    path: str
    text: str
    pin: str
    files: tuple[tuple[str, bytes], ...] = ()
    """What lies on disk for it (by path from the claims folder): usually its file at `path`."""
    folders: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    """Symbolic links, each (path, where it points)."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


SOURCE_DAMAGE: tuple[tuple[str, Callable[[str], bytes | None]], ...] = (
    ("bom", lambda text: b"\xef\xbb\xbf" + text.encode()),
    ("utf-16", lambda text: text.encode("utf-16")),
    ("latin-1", lambda text: text.encode("latin-1", errors="replace")),
    ("cp1252", lambda text: text.encode("cp1252", errors="replace")),
    ("crlf", lambda text: text.replace("\n", "\r\n").encode()),
    ("lf", lambda text: text.replace("\r\n", "\n").encode()),
    ("empty", lambda text: b""),
    ("cut", lambda text: text.encode()[: len(text.encode()) // 2 + 1]),
    ("bad byte", lambda text: text.encode()[:5] + b"\xff\xc0" + text.encode()[5:]),
    ("edited", lambda text: text.replace("the", "a", 1).replace("not", "now").encode()),
    ("grown", lambda text: ("A new paragraph.\n\n" + text + "\n\nthe end").encode()),
    ("missing", lambda text: None),
)
"""What can happen to a source file's bytes after its claims were anchored."""
SOURCE_LINKS = (
    ("link inside", "real.txt"),
    ("link outside", str(SEED)),
    ("dangling link", "nowhere.txt"),
    ("link to itself", ""),
    ("link to the folder", "."),
)
"""Symbolic links where the file should be: to a file beside it (fine), out of the claims
folder (refused), to nothing, to itself, to a folder."""
SOURCE_FATES = (*(None,) * 30, *SOURCE_DAMAGE, *SOURCE_LINKS, ("folder", None))
"""Mostly nothing (None), so most claims reach the matcher. Weights are counts in a
`sampled_from`; the first choice is also the one hypothesis draws most."""


@st.composite
def sources(draw: Draw, index: int, *, intact: bool = False) -> Source:
    """A source file: as its claims were cut from it, or since re-encoded, edited or lost."""
    text = draw(source_texts())
    if intact and not letters(text)[1:]:
        text += "\n\nthe Panel"  # something to quote
    path = draw(st.sampled_from((f"s{index}.txt", f"seeds/s{index}.txt")))
    pristine = text.encode()
    source = Source(f"s{index}", path, text, _sha(pristine), files=((path, pristine),))
    fate, change = (None, None) if intact else draw(st.sampled_from(SOURCE_FATES)) or (None, None)
    if fate == "folder":
        return replace(source, files=(), folders=(path,))
    if isinstance(change, str):  # a link, pointing relative to its own folder
        beside = str(Path(path).parent / "real.txt")
        link = (path, change or Path(path).name)
        return replace(source, files=((beside, pristine),), links=(link,))
    if change is not None:
        data = change(text)
        pin = _sha(data) if data is not None and draw(st.booleans()) else source.pin
        return replace(source, pin=pin, files=((path, data),) if data is not None else ())
    return source


@st.composite
def claims(
    draw: Draw,
    number: int,
    known: list[Source],
    actors: list[str],
    targets: list[str],
    *,
    intact: bool = False,
) -> Json:
    """One claim quoting one of the sources, its fields in the house order."""
    source = draw(st.sampled_from(known))
    quote, start, end = draw(exact_quotes(source.text) if intact else cut_quotes(source.text))
    record: Json = {
        "id": f"c{number:03d}",
        "source": source.id,
        "actor": draw(st.sampled_from(actors)),
        "quote": quote,
    }
    record.update(draw(anchors(source.text, start, end, intact=intact)))
    record["quote_type"] = draw(st.sampled_from(QUOTE_TYPES))
    if draw(st.booleans()):
        record["reported_via"] = draw(st.sampled_from(actors))
    chosen = draw(st.lists(st.sampled_from(targets), min_size=1, unique=True))
    record["stances"] = [{"target": t, "stance": draw(st.sampled_from(STANCES))} for t in chosen]
    record["summary"] = draw(st.sampled_from(SUMMARIES))
    if draw(st.booleans()):
        record["date"] = draw(st.sampled_from(DATES))
    return record


@st.composite
def documents(draw: Draw, *, intact: bool = False) -> tuple[Json, list[Source]]:
    """A valid claims document (when its sources are intact) and its sources."""
    known = [draw(sources(index, intact=intact)) for index in range(draw(st.integers(1, 2)))]
    actors = draw(st.lists(st.sampled_from(ACTORS), min_size=1, max_size=3, unique_by=str))
    targets = draw(st.lists(st.sampled_from(TARGETS), min_size=1, max_size=3, unique_by=str))
    actor_ids = [actor["id"] for actor in actors]
    target_ids = [target["id"] for target in targets]
    records = [
        draw(claims(number, known, actor_ids, target_ids, intact=intact))
        for number in range(1, draw(st.integers(1, 4)) + 1)
    ]
    document: Json = {
        "sources": [
            {
                "id": source.id,
                "path": source.path,
                "title": "The sanctions regime against the DPRK under threat",
                "author": "Konstantin Asmolov",
                "outlet": "New Eastern Outlook",
                "published": "2024-04-24",
                "sha256": source.pin,
            }
            for source in known
        ],
        "actors": copy.deepcopy(actors),
        "targets": copy.deepcopy(targets),
        "claims": records,
    }
    if draw(st.booleans()):
        document = {"$schema": "./claims.schema.json", **document}
    return document, known


# --- bending the document ------------------------------------------------------------------

MARKERS = {
    "@@HIGH@@": "\\ud800",
    "@@LOW@@": "\\udc00",
    "@@PAIR@@": "\\ud83d\\ude00",
    "@@HIGH-HIGH@@": "\\ud800\\udbff",
    "@@ESCAPED@@": "\\\\ud800",
    "@@NUL@@": "\\u0000",
}
"""Written into strings, then swapped for raw JSON escapes that `json.dumps` never writes:
lone surrogates (which no text can hold), a pair, and an escaped backslash before a "u"."""
DEEP = "@@DEEP@@"
"""A value swapped for deeply nested arrays in the JSON text."""

ODD_SNIPPETS = (
    *("\x00", "\x1b[31m", "\x1b[2J", "\x1b]8;;https://example.org\x07link\x1b]8;;\x07"),
    *("\r", "\b", "\x7f", "\x85", "\x9b31m", "\u202e", "\u2066", "\u200f", "\u2028", "\ufeff"),
    *("[bold]", "[/bold]", "[red on white]", "[link=https://x]", ":smile:", "%s", "{0}"),
    *("\ud800", "\udfff", "\U0010ffff", "\ufffd", "e\u0301", "ﬁ", "\u00a0", "…", "“", "’"),
    *("\\", '"', "\n", "\t", " ", "2024-02-30", "2024-13", "C001", *MARKERS),
)
"""Characters a terminal obeys, rich would read as markup, JSON must escape, or no UTF-8
can hold (lone surrogates, written with `surrogatepass` or as `\\u` escapes)."""


def odd_texts() -> st.SearchStrategy[str]:
    """A snippet that means trouble somewhere, or a few characters of anything."""
    return st.sampled_from(ODD_SNIPPETS) | st.text(max_size=8)


def odd_values() -> st.SearchStrategy[Json]:
    """A value of the wrong type, or of the right type and an absurd content."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.sampled_from(ODD_OFFSETS),
        st.integers(),
        st.floats(),
        odd_texts(),
        st.lists(st.integers() | odd_texts(), max_size=2),
        st.dictionaries(odd_texts(), st.integers(), max_size=2),
        st.just(DEEP),
    )


ODD_PATHS = (
    *("", " ", ".", "..", "../s0.txt", "/etc/hostname", "seeds", "seeds/", "s0.txt/", "nope.txt"),
    *("s0.txt\x00", "s0\x00.txt", "a\\b.txt", "C:s0.txt", "//server/x", "~/x", "x" * 300),
    *("seeds/../s0.txt", "./s0.txt", "claims.json", "S0.TXT", "\u202es0.txt", "s0.txt ", "s1.txt"),
)
"""Source paths that leave the folder, name nothing, a folder, the claims file itself, or
hold characters no file name can."""


def json_paths(value: Json, path: JsonPath = ()) -> list[JsonPath]:
    """Every path in a JSON value, the root included, parents before children."""
    paths = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            paths += json_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            paths += json_paths(child, (*path, index))
    return paths


def node_at(document: Json, path: JsonPath) -> Json:
    """The value at a JSON path."""
    for key in path:
        document = document[key]
    return document


def _records(document: Json) -> list[Json]:
    """The objects in the document's four lists (whatever shape the document is in now)."""
    if not isinstance(document, dict):
        return []
    lists = [document.get(name) for name in ("sources", "actors", "targets", "claims")]
    return [
        item for each in lists if isinstance(each, list) for item in each if isinstance(item, dict)
    ]


Mutation = Callable[[Draw, Json], Json]


def _drop(draw: Draw, document: Json) -> Json:
    """A key or list item gone anywhere: a required field missing, a list emptied."""
    paths = [path for path in json_paths(document) if path]
    if paths:
        path = draw(st.sampled_from(paths))
        del node_at(document, path[:-1])[path[-1]]
    return document


def _retype(draw: Draw, document: Json) -> Json:
    """Any value (the whole document too) replaced by one of another type or absurd content."""
    path = draw(st.sampled_from(json_paths(document)))
    value = draw(odd_values())
    if not path:
        return value
    node_at(document, path[:-1])[path[-1]] = value
    return document


def _inject(draw: Draw, document: Json) -> Json:
    """Odd characters inside a string, which usually stays valid: names, quotes, ids, paths."""
    paths = [
        path for path in json_paths(document) if path and isinstance(node_at(document, path), str)
    ]
    if paths:
        path = draw(st.sampled_from(paths))
        text = node_at(document, path)
        at = draw(st.integers(0, len(text)))
        node_at(document, path[:-1])[path[-1]] = text[:at] + draw(odd_texts()) + text[at:]
    return document


def _duplicate(draw: Draw, document: Json) -> Json:
    """A list item repeated: the same id twice, the same stance target twice."""
    paths = [path for path in json_paths(document) if isinstance(node_at(document, path), list)]
    items = [path for path in paths if node_at(document, path)]
    if items:
        listed = node_at(document, draw(st.sampled_from(items)))
        listed.insert(0, copy.deepcopy(draw(st.sampled_from(listed))))
    return document


def _steal_id(draw: Draw, document: Json) -> Json:
    """One record takes another's id (or a reference another's target)."""
    records = _records(document)
    if len(records) > 1:
        one, other = draw(st.lists(st.sampled_from(records), min_size=2, max_size=2))
        key = draw(st.sampled_from(("id", "source", "actor", "reported_via", "target")))
        if "id" in other:
            one[key] = other["id"]
    return document


def _reoffset(draw: Draw, document: Json) -> Json:
    """A claim's offsets broken: negative, huge, reversed, past the end, one without the other."""
    records = [record for record in _records(document) if "quote" in record]
    if records:
        record = draw(st.sampled_from(records))
        for key in draw(st.lists(st.sampled_from(("start", "end")), min_size=1, unique=True)):
            record[key] = draw(st.sampled_from(ODD_OFFSETS) | st.integers(-3, 3000))
    return document


def _repath(draw: Draw, document: Json) -> Json:
    """A source's path made to leave the folder, name nothing, or hold a NUL."""
    records = [record for record in _records(document) if "sha256" in record]
    if records:
        draw(st.sampled_from(records))["path"] = draw(st.sampled_from(ODD_PATHS))
    return document


def _extra_key(draw: Draw, document: Json) -> Json:
    """A key the schema does not know, in any object."""
    objects = [path for path in json_paths(document) if isinstance(node_at(document, path), dict)]
    if objects:
        node_at(document, draw(st.sampled_from(objects)))[draw(odd_texts())] = draw(odd_values())
    return document


def _swap_quotes(draw: Draw, document: Json) -> Json:
    """Two claims exchange quotes: each now cites a passage somewhere else, or elsewhere."""
    records = [record for record in _records(document) if "quote" in record]
    if len(records) > 1:
        one, other = draw(st.lists(st.sampled_from(records), min_size=2, max_size=2))
        one["quote"], other["quote"] = other["quote"], one["quote"]
    return document


BENDS = (0, 0, 0, 1, 1, 1, 2, 3)
"""How many times a document is bent: often not at all, so most reach the check."""
MUTATIONS: tuple[Mutation, ...] = (
    _drop,
    _retype,
    _inject,
    _inject,
    _duplicate,
    _steal_id,
    _reoffset,
    _repath,
    _extra_key,
    _swap_quotes,
)


# --- bending the JSON text and its bytes ---------------------------------------------------

TextEdit = Callable[[Draw, str], str]


def _truncate(draw: Draw, raw: str) -> str:
    """The file cut short, as by a full disk or an interrupted copy."""
    return raw[: draw(st.integers(0, len(raw)))]


def _insert_text(draw: Draw, raw: str) -> str:
    """Stray characters anywhere: JSON punctuation, escapes, odd ones."""
    at = draw(st.integers(0, len(raw)))
    stray = draw(st.sampled_from(("{", "}", "[", "]", ",", ":", '"', "\\", "\\u", "//", "NaN")))
    return raw[:at] + draw(st.sampled_from((stray, *ODD_SNIPPETS))) + raw[at:]


def _cut_range(draw: Draw, raw: str) -> str:
    """A stretch of the file gone, as by a bad merge."""
    first = draw(st.integers(0, len(raw)))
    return raw[:first] + raw[draw(st.integers(first, len(raw))) :]


def _repeat_key(draw: Draw, raw: str) -> str:
    """A key given twice in one object, which `json.loads` would silently settle."""
    openings = [index for index, char in enumerate(raw) if char == "{"]
    if not openings:
        return raw
    at = draw(st.sampled_from(openings)) + 1
    key = draw(st.sampled_from(("id", "quote", "start", "sources", "claims", "stance")))
    return f'{raw[:at]}"{key}": "c001", {raw[at:]}'


TEXT_EDITS: tuple[TextEdit, ...] = (_truncate, _insert_text, _cut_range, _repeat_key)
TEXT_DAMAGE = (0, 0, 0, 0, 0, 0, 0, 1, 1, 2)
"""How many edits the JSON text takes: mostly none, so most documents still parse."""

BYTE_EDITS: tuple[tuple[str, Callable[[bytes], bytes]], ...] = (
    ("bom", lambda data: b"\xef\xbb\xbf" + data),
    ("crlf", lambda data: data.replace(b"\n", b"\r\n")),
    (
        "utf-16",
        lambda data: data.decode("utf-8", "surrogatepass").encode("utf-16", "surrogatepass"),
    ),
    ("latin-1", lambda data: data.decode("utf-8", "surrogatepass").encode("latin-1", "replace")),
    ("bad byte", lambda data: data[: len(data) // 2] + b"\xff\xfe\x80" + data[len(data) // 2 :]),
    ("half a character", lambda data: data + "é".encode()[:1]),
    ("NUL", lambda data: data[: len(data) // 3] + b"\x00" + data[len(data) // 3 :]),
)


@st.composite
def claims_texts(draw: Draw, document: Json) -> bytes:
    """The document as a file: laid out some way, then maybe damaged as text and as bytes."""
    indent = draw(st.sampled_from((2, None, "\t", 0)))
    raw = json.dumps(document, indent=indent, ensure_ascii=draw(st.booleans()))
    for marker, escape in MARKERS.items():
        raw = raw.replace(marker, escape)
    depth = draw(st.sampled_from((5, 900, 5000)))
    raw = raw.replace(json.dumps(DEEP), "[" * depth + "]" * depth)
    for _ in range(draw(st.sampled_from(TEXT_DAMAGE))):
        raw = draw(st.sampled_from(TEXT_EDITS))(draw, raw)
    data = raw.encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from((*(None,) * 30, *BYTE_EDITS)))
    return data if damage is None else damage[1](data)


# --- the generated case ----------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One generated input: a claims file, the files beside it, and the commands to run."""

    claims: bytes
    files: tuple[tuple[str, bytes], ...] = ()
    folders: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    show_id: str = "c001"
    list_args: tuple[str, ...] = ()
    show_args: tuple[str, ...] = ()
    check_args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    """The terminal the commands run in: its width, colour forced or not."""


FORMATS = ("table", "json", "csv", "markdown")
WIDTHS = (100, 20, 60, 250, 1)
"""Terminal widths (COLUMNS): narrow ones make rich wrap and fold every cell."""


@dataclass(frozen=True)
class Commands:
    """How `list`, `show` and `check` are run on a case."""

    show_id: str
    list_args: tuple[str, ...]
    show_args: tuple[str, ...]
    check_args: tuple[str, ...]
    env: tuple[tuple[str, str], ...]


@st.composite
def commands(draw: Draw, document: Json) -> Commands:
    """A claim id for `show` (the document's own, or a near miss), the options of both, and
    a terminal: narrow or wide, in colour or not (colour takes other paths in the views)."""
    listed = document.get("claims") if isinstance(document, dict) else None
    records = (
        [item for item in listed if isinstance(item, dict)] if isinstance(listed, list) else []
    )
    ids = [record["id"] for record in records if isinstance(record.get("id"), str)]
    near = ("C001", "c1", "c01", "c999", "", "c001 ", "nobody", "-x", "--format")
    show_id = draw(st.sampled_from(ids or ["c001"]) | st.sampled_from(near) | st.text(max_size=6))
    list_args: tuple[str, ...] = ("--format", draw(st.sampled_from(FORMATS)))
    if draw(st.booleans()):
        option = draw(st.sampled_from(("--actor", "--grep", "--target", "--source", "--via")))
        value = draw(st.sampled_from(("russia", "kim", "panel", "s0", "not", "")) | odd_texts())
        list_args += (option, value)
    show_args = ("--format", draw(st.sampled_from(FORMATS)))
    check_args: tuple[str, ...] = ("--format", draw(st.sampled_from(("text", "json", "github"))))
    check_args += draw(st.sampled_from(((), ("--strict",), ("--fix", "--dry-run"))))
    env: tuple[tuple[str, str], ...] = (("COLUMNS", str(draw(st.sampled_from(WIDTHS)))),)
    if draw(st.booleans()):
        env += (("FORCE_COLOR", "1"),)
    return Commands(show_id, list_args, show_args, check_args, env)


def _case(known: list[Source], data: bytes, command: Commands) -> Case:
    return Case(
        claims=data,
        files=tuple(item for source in known for item in source.files),
        folders=tuple(item for source in known for item in source.folders),
        links=tuple(item for source in known for item in source.links),
        show_id=command.show_id,
        list_args=command.list_args,
        show_args=command.show_args,
        check_args=command.check_args,
        env=command.env,
    )


@st.composite
def structured_cases(draw: Draw) -> Case:
    """A valid document, bent a few times (or not at all), written out and maybe damaged."""
    document, known = draw(documents())
    for _ in range(draw(st.sampled_from(BENDS))):
        document = draw(st.sampled_from(MUTATIONS))(draw, document)
    return _case(known, draw(claims_texts(document)), draw(commands(document)))


@st.composite
def intact_cases(draw: Draw) -> Case:
    """A valid document, its quotes cut exactly and fully anchored, its sources untouched."""
    document, known = draw(documents(intact=True))
    data = json.dumps(document, indent=2, ensure_ascii=False).encode()
    return _case(known, data, draw(commands(document)))


def _containers(inner: st.SearchStrategy[Json]) -> st.SearchStrategy[Json]:
    """Lists and objects of `inner`: how `st.recursive` nests JSON values."""
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)


@st.composite
def byte_cases(draw: Draw) -> Case:
    """Anything at all as the claims file: bytes, text, or JSON of any shape."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    shapes = st.recursive(scalars, _containers)
    sections = st.fixed_dictionaries(
        {}, optional=dict.fromkeys(("sources", "actors", "targets", "claims"), shapes)
    )
    text = st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda text: text.encode()),
        (shapes | sections).map(lambda value: json.dumps(value).encode()),
    )
    return Case(draw(text), show_id=draw(st.text(max_size=5)))


def cases() -> st.SearchStrategy[Case]:
    """Mostly structured documents, which reach past loading; now and then anything at all."""
    kinds = st.sampled_from((*(structured_cases(),) * 9, byte_cases()))
    return kinds.flatmap(lambda kind: kind)


@contextmanager
def written(case: Case) -> Iterator[Path]:
    """The case's files in a fresh temporary folder (pytest's tmp_path is one per test, not
    one per example); yields the claims file's path."""
    with tempfile.TemporaryDirectory(prefix="dprktrack-fuzz-") as folder:
        root = Path(folder)
        for name in case.folders:
            (root / name).mkdir(parents=True, exist_ok=True)
        for name, data in case.files:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        for name, target in case.links:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).symlink_to(target)
        claims_path = root / "claims.json"
        claims_path.write_bytes(case.claims)
        yield claims_path


# --- the properties --------------------------------------------------------------------------


def checked(path: Path) -> tuple[Any, ...]:
    """What loading and checking a claims file say: where it stopped and why, or the records.

    A DprkError (or a subclass) is an answer: loading refuses a bad file, `check`
    refuses an unsafe source. Any other exception propagates, and fails the property.
    """
    try:
        catalog = load_catalog(path)
    except DprkError as err:
        return ("load", type(err).__name__, err.exit_code, err.lines)
    try:
        report = run_check(catalog)
    except DprkError as err:
        return ("check", type(err).__name__, err.exit_code, err.lines)
    positions = finding_positions(catalog.raw, report.findings)
    return ("report", result_records(report.findings, positions), summary(report))


def library_property(case: Case, tally: Counter[str]) -> None:
    """Loading and `run_check` raise nothing but DprkError, and say the same twice."""
    with written(case) as path:
        first, second = checked(path), checked(path)
    assert first == second, "the same claims file was checked differently twice"
    tally["examples"] += 1
    if first[0] == "report":
        tally["checked"] += 1
        tally.update(f"verdict: {record['verdict']}" for record in first[1])
    else:
        tally[f"{first[0]}: {first[1]}"] += 1


CLI_ENV: dict[str, str | None] = {
    "COLUMNS": "100",
    "DPRKTRACK_CLAIMS": None,
    "DPRKTRACK_DEBUG": None,
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "GITHUB_ACTIONS": None,
}


def run(
    path: Path, args: tuple[str, ...], env: tuple[tuple[str, str], ...] = (), *, debug: bool = False
) -> Result:
    """One command, in-process; with `debug`, a crash raises (to show its traceback)."""
    variables = {**CLI_ENV, **dict(env), "DPRKTRACK_DEBUG": "1" if debug else None}
    return run_cli(args, claims=path, env=variables, catch_exceptions=debug)


def _explained(path: Path, case: Case, args: tuple[str, ...], result: Result) -> str:
    """What went wrong, with the traceback of a rerun under DPRKTRACK_DEBUG=1."""
    again = run(path, args, case.env, debug=True)
    shown = "".join(traceback.format_exception(*again.exc_info)) if again.exc_info else ""
    return f"dprktrack {' '.join(args)!r} exited {result.exit_code}:\n{result.output}\n{shown}"


def cli_property(case: Case, tally: Counter[str]) -> None:
    """`list`, `show` and `check` exit 0, 1 or 2 with no traceback, and answer the same twice."""
    with written(case) as path:
        runs = [("list", *case.list_args), ("show", case.show_id, *case.show_args)]
        for args in [*runs, ("check", *case.check_args)]:
            first, second = run(path, args, case.env), run(path, args, case.env)
            assert first.exit_code in (0, 1, 2), _explained(path, case, args, first)
            assert "Traceback" not in first.output, _explained(path, case, args, first)
            assert (first.exit_code, first.stdout, first.stderr) == (
                second.exit_code,
                second.stdout,
                second.stderr,
            ), f"dprktrack {' '.join(args)!r} answered differently twice"
            tally[f"{args[0]}: exit {first.exit_code}"] += 1
    tally["examples"] += 1


NUL_IN_PATH = b"""{
  "sources": [{"id": "s", "path": "s.txt\\u0000", "title": "T", "author": "A", "outlet": "O",
               "published": "2024-04-24", "sha256": "%s"}],
  "actors": [{"id": "a", "name": "A", "kind": "person"}],
  "targets": [{"id": "t", "label": "T", "description": "D"}],
  "claims": [{"id": "c001", "source": "s", "actor": "a", "quote": "quoted text",
              "quote_type": "direct", "stances": [{"target": "t", "stance": "support"}],
              "summary": "S"}]
}""" % (b"0" * 64)
NO_CLAIMS_KEY = b"""{
  "sources": [{"id": "s", "path": "s.txt", "title": "T", "author": "A", "outlet": "O",
               "published": "2024-04-24", "sha256": "%s"}],
  "actors": [{"id": "a", "name": "A", "kind": "person"}],
  "targets": [{"id": "t", "label": "T", "description": "D"}]
}""" % (b"0" * 64)
PINNED = (
    Case(claims=b"{"),
    Case(claims=NUL_IN_PATH, files=(("s.txt", b"quoted text\n"),), check_args=("--format", "json")),
    Case(claims=NO_CLAIMS_KEY, files=(("s.txt", b"the "),), check_args=("--fix", "--dry-run")),
)
"""Inputs that once broke something, tried first on every run (each passes now): a claims
file cut off right after its first `{` (an IndexError while explaining the syntax error);
a source path holding a NUL (a ValueError from realpath: exit 70 in list, show, check);
`check --fix` on a file without its "claims" list and a source off its pin (a KeyError
in apply_repairs: exit 70; the list is required now, so it is refused with exit 2)."""


def pinned(test: Callable[..., None]) -> Callable[..., None]:
    for case in PINNED:
        test = example(case=case)(test)
    return test


@given(case=cases())
@pinned
@QUICK
def test_loading_and_check_raise_only_dprk_errors_and_agree_with_themselves(case: Case) -> None:
    library_property(case, Counter())


@given(case=cases())
@pinned
@QUICK
def test_commands_exit_cleanly_and_agree_with_themselves(case: Case) -> None:
    cli_property(case, Counter())


@given(case=intact_cases())
@settings(QUICK, max_examples=20)
def test_unbent_documents_load_and_every_quote_is_ok(case: Case) -> None:
    """The generator's starting point is sound, so the bent documents start from something
    that holds: it loads, every claim is ok, and `list` and `show` succeed."""
    with written(case) as path:
        outcome = checked(path)
        assert outcome[0] == "report", outcome
        assert {record["verdict"] for record in outcome[1]} == {"ok"}
        assert run(path, ("list",)).exit_code == 0
        assert run(path, ("show", "c001")).exit_code == 0


# --- the long run: `pytest -m fuzz` ----------------------------------------------------------


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    """Counts what a long run tried and reached, printed when the test ends."""
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    yield counts
    elapsed = time.perf_counter() - started
    reached = ", ".join(
        f"{key} {value}" for key, value in sorted(counts.items()) if key != "examples"
    )
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():  # past pytest's capture, even without -s
            reporter.write_line(
                f"\n{request.node.name}: {counts['examples']} examples in "
                f"{elapsed:.0f} s ({reached})"
            )


@pytest.mark.fuzz
@given(case=cases())
@LONG
def test_fuzz_loading_and_check(case: Case, tally: Counter[str]) -> None:
    library_property(case, tally)


@pytest.mark.fuzz
@given(case=cases())
@LONG
def test_fuzz_commands(case: Case, tally: Counter[str]) -> None:
    cli_property(case, tally)
