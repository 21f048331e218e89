"""Hostile text in every field, through every command and format.

Quotes, names, summaries, titles, descriptions, a source's text and its file name
carry rich markup, ANSI and OSC sequences, carriage returns, bidi overrides and
other control characters. On a terminal (with colour forced, or plain) none of it
may act: it is shown as escapes, and markup is shown as typed. JSON, JSON Lines
and CSV carry it unchanged; GitHub annotations cannot be split into two commands.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from support import CLAIMS, REPO, Invoke, json_output, run_cli, without_anchors

from dprktrack.check.reporters import check_findings
from dprktrack.cli.group import one_line_message
from dprktrack.export.rows import ROW_FIELDS
from dprktrack.output.safetext import inert_in_logs
from dprktrack.output.writers import flat
from dprktrack.query import ACTOR_FIELDS, CELL_FIELDS, CLAIM_FIELDS, TARGET_FIELDS

MARKUP = ("[bold red]x[/]", "[link=https://evil]y[/link]")
OSC8 = "\x1b]8;;https://evil\x07z\x1b]8;;\x07"
CONTROLS = "\x1b[2J \x1b[7;5m \x1b[1A \r \x00 \x07 \x08 \x7f \x9b31m \x85 \x0b\x0c\x1c"
INVISIBLE = "\u202eevil\u202c \u2066iso\u2069 \u200f \u061c \u2028 \u2029"
HOSTILE = f"{MARKUP[0]} {MARKUP[1]} {CONTROLS} {OSC8} {INVISIBLE}\tend"
"""Every field gets this: markup, escapes, controls, bidi, line separators."""
SHORT = f"{MARKUP[1]}\u202e\x9b\x1b[2J"
INJECTION = "\n::error::pwned%0A::warning::again,:"
"""For GitHub annotations: a line break, a command and an escaped line break."""

# The visible forms that must reach a person, so nothing was silently dropped either.
SHOWN = ("\\x1b[2J", "\\x1b]8;;https://evil\\x07z", "\\x0d", "\\x00", "\\x9b", "\\u202e", "\\u2066")

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 but tab and newline, DEL, C1, bidi marks, embeddings, overrides and isolates."""
LINE_SEPARATORS = re.compile("[\u2028\u2029]")
SGR = re.compile(r"\x1b\[[0-9;]*m")

# Loading refuses control characters in a source path, so the name carries the rest.
SOURCE_NAME = "seeds/[bold red]x ::error::pwned%0A::warning::again,:.txt"
"""A source file name is data too: it is shown wherever a place in the source is."""
QUOTE = f"“{HOSTILE} is the answer we give.”"
RELAYED = "the sanctions must end at once and forever, whatever it costs the council"
UNBRACKETED = "\x1b[2J \u202e \x9b31m \x85 \u2028 \r"
"""No `[…]` pair, which a quote would read as an alteration rather than words to diff."""
CHANGED_SOURCE = (
    f"Our patience {INJECTION} has {UNBRACKETED} run out with the committee, its long and "
    "tiring reports and its many, many meetings."
)
CHANGED_QUOTE = CHANGED_SOURCE.replace("run out", "run thin")
SOURCE_TEXT = (
    f"{HOSTILE}\n\n"
    f"The envoy said: {QUOTE} Then he left the room.\n\n"
    f"Later the spokesman declared that {RELAYED}.\n\n"
    f"The minister wrote: {CHANGED_SOURCE}\n"
)

COLOUR = {
    "FORCE_COLOR": "1",
    "TTY_COMPATIBLE": "1",
    "TERM": "xterm-256color",
    "COLORTERM": "truecolor",
    "NO_COLOR": None,
}
PLAIN = {"FORCE_COLOR": None, "TTY_COMPATIBLE": None, "NO_COLOR": None, "TERM": "dumb"}
MODES = {"colour": COLOUR, "plain": PLAIN}


def _hostile_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CLAIMS.read_text("utf-8"))
    digest = hashlib.sha256(SOURCE_TEXT.encode("utf-8")).hexdigest()
    data["sources"].append(
        {
            "id": "hostile",
            "path": SOURCE_NAME,
            "title": HOSTILE,
            "author": HOSTILE,
            "outlet": HOSTILE,
            "published": "2024-04-24",
            "sha256": digest,
        }
    )
    data["actors"].append(
        {
            "id": "evil",
            "name": f"Evil {HOSTILE}",
            "aliases": [HOSTILE, f"Ev\x1b[2Jil{INJECTION}"],
            "kind": "person",
            "role": HOSTILE,
            "country": SHORT,
        }
    )
    data["targets"].append({"id": "evil-target", "label": HOSTILE, "description": HOSTILE})

    def claim(claim_id: str, actor: str, quote: str, **extra: Any) -> dict[str, Any]:
        return {
            "id": claim_id,
            "source": "hostile",
            "actor": actor,
            "quote": quote,
            "quote_type": "direct",
            "stances": [{"target": "evil-target", "stance": "oppose"}],
            "summary": HOSTILE,
            **extra,
        }

    data["claims"] += [
        claim("h001", "evil", QUOTE),
        claim("h002", "russia", RELAYED, reported_via="evil"),
        claim("h003", "evil", CHANGED_QUOTE),  # changed: a word diff carries hostile words
    ]
    return data


DATA = _hostile_data()
RECORDS = {claim["id"]: claim for claim in DATA["claims"]}
ACTORS = {actor["id"]: actor for actor in DATA["actors"]}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's claims and seed, plus the hostile source and records,
    in a folder whose name holds `,` and `:` (GitHub properties must escape them)."""
    folder = tmp_path_factory.mktemp("hostile") / "we,ird:dir"
    shutil.copytree(REPO / "seeds", folder / "seeds")
    (folder / SOURCE_NAME).write_bytes(SOURCE_TEXT.encode("utf-8"))
    path = folder / "claims.json"
    path.write_text(json.dumps(DATA, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path


Run = Callable[..., Result]


@pytest.fixture(scope="module")
def run(hostile: Path) -> Run:
    def invoke(
        *args: str, mode: str = "plain", claims: Path | None = hostile, columns: int = 1000
    ) -> Result:
        env = {**MODES[mode], "COLUMNS": str(columns), "DPRKTRACK_CLAIMS": None}
        result = run_cli(args, claims=claims, env=env, catch_exceptions=True)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return result

    return invoke


def assert_terminal_safe(text: str, mode: str) -> None:
    """Nothing in `text` can act on a terminal: no controls, no bidi, and with colour
    only the SGR sequences rich writes (the data's own SGR is shown, not obeyed)."""
    assert "\x1b[7;5m" not in text, "the data's own SGR was obeyed"
    plain = SGR.sub("", text) if mode == "colour" else text
    found = sorted({f"U+{ord(char):04X}" for char in FORBIDDEN.findall(plain)})
    assert not found, f"control characters reach the terminal: {found}"
    assert not LINE_SEPARATORS.search(plain), "U+2028/U+2029 must be shown as escapes"
    assert "\x1b]8" not in text, "no OSC 8 hyperlink"


def assert_shown(text: str) -> None:
    """The hostile text is there, markup as typed and controls as visible escapes."""
    for markup in MARKUP:
        assert markup in text, markup
    for escape in SHOWN:
        assert escape in text, escape


def human(result: Result, mode: str, *, code: int = 0) -> str:
    assert result.exit_code == code, result.stderr
    assert_terminal_safe(result.stdout, mode)
    assert_terminal_safe(result.stderr, mode)
    return result.stdout


def parsed(result: Result, *, code: int = 0) -> Any:
    """JSON output, parsed; it is safe on a terminal too: what JSON leaves raw (C1
    controls, bidi, line separators) is written as `\\u` escapes, which mean the same."""
    assert result.exit_code == code, result.stderr
    assert_terminal_safe(result.stdout, "plain")
    assert_terminal_safe(result.stderr, "plain")
    return json.loads(result.stdout)


def modes() -> list[Any]:
    return [pytest.param(mode, id=mode) for mode in MODES]


# --- tables, views and Markdown: shown, never obeyed -------------------------

LISTINGS = [
    ["list"],
    ["list", "--actor", "evil"],
    ["list", "--via", "evil"],
    ["actors"],
    ["actors", "--target", "evil-target"],
    ["stances"],
    ["stances", "--target", "evil-target"],
    ["targets"],
]


@pytest.mark.parametrize("mode", modes())
@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_listings_for_people_show_hostile_text_without_obeying_it(
    run: Run, args: list[str], fmt: str, mode: str
) -> None:
    out = human(run(*args, "--format", fmt, mode=mode), mode)
    if fmt == "markdown":
        assert "\\\\x1b[2J" in out, "a Markdown cell escapes backslashes"
        out = out.replace("\\\\", "\\").replace("<br>", "\\x0d")  # and breaks lines at \r
    if args[:2] == ["list", "--via"] and fmt == "table":
        assert "via evil" in out, "the relay's id (the claim's own quote is harmless)"
    elif args[0] != "stances" or fmt == "table":  # stances' rows name actors, not targets
        assert_shown(out)
    if fmt == "table" and mode == "colour":
        assert SGR.search(out), "colour was forced, so rich did colour the table"


@pytest.mark.parametrize("mode", modes())
@pytest.mark.parametrize("args", [["stances"], ["list", "--actor", "evil"], ["show", "h001"]])
def test_narrow_views_fold_hostile_text_safely(run: Run, args: list[str], mode: str) -> None:
    out = human(run(*args, mode=mode, columns=40), mode)
    assert "u202e" in out
    if args == ["stances"]:
        assert re.search(r"\d+ evil-target: +\[bold red\]", out), "a key names the columns"


@pytest.mark.parametrize("mode", modes())
@pytest.mark.parametrize("claim_id", ["h001", "h002", "h003"])
def test_show_displays_a_hostile_claim_in_its_paragraph(run: Run, claim_id: str, mode: str) -> None:
    out = human(run("show", claim_id, mode=mode), mode)
    assert_shown(out)
    if claim_id == "h001" and mode == "plain":
        assert "⟦“[bold red]x[/]" in out, "the quote is bracketed in its paragraph"


@pytest.mark.parametrize("mode", modes())
def test_show_markdown_escapes_and_keeps_the_markup(run: Run, mode: str) -> None:
    out = human(run("show", "h001", "--format", "markdown", mode=mode), mode)
    assert_shown(out.replace("\\\\", "\\").replace("<br>", "\\x0d"))
    assert len(out.splitlines()) == 3, "header, rule, one row"


@pytest.mark.parametrize("mode", modes())
@pytest.mark.parametrize("pager", ["--no-pager", "--pager"])
def test_read_shows_the_hostile_article(run: Run, mode: str, pager: str) -> None:
    out = human(run("read", "hostile", pager, mode=mode), mode)
    assert_shown(out)
    assert "h001" in out


@pytest.mark.parametrize("mode", modes())
def test_locate_shows_hostile_passages_and_a_pasteable_quote(run: Run, mode: str) -> None:
    out = human(run("locate", QUOTE, "--source", "hostile", mode=mode), mode)
    assert_shown(out)
    (paste,) = [line for line in SGR.sub("", out).splitlines() if line.startswith("  quote: ")]
    assert json.loads(paste.removeprefix("  quote: ")) == QUOTE, "pasted, it is the source's text"


@pytest.mark.parametrize("mode", modes())
def test_locate_close_passages_for_a_hostile_text(run: Run, mode: str) -> None:
    result = run("locate", CHANGED_QUOTE, "--source", "hostile", mode=mode)
    place, *_ = SGR.sub("", human(result, mode, code=1)).splitlines()
    assert SOURCE_NAME + ":" in place, "the source's name, on the place's one line"
    assert "  offsets " in place


@pytest.mark.parametrize("mode", modes())
def test_check_text_names_each_finding_on_one_line(run: Run, hostile: Path, mode: str) -> None:
    out = human(run("check", "h001", "h002", "h003", mode=mode), mode, code=1)
    *findings, summary = SGR.sub("", out).splitlines()
    (changed, *diff) = findings
    assert changed.startswith(f"{hostile}:")
    assert " h003 changed: " in changed
    assert "::error::pwned" in changed, "the source's name, on the finding's one line"
    (words,) = diff
    assert words.startswith("    … \\x1b[2J \\u202e \\x9b31m run [-thin-] {+out+} with")
    assert summary.startswith("3 claims checked")


# --- JSON, JSON Lines, CSV: the data as it is --------------------------------


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _claim_expected(claim_id: str) -> dict[str, Any]:
    claim = RECORDS[claim_id]
    return {
        "id": claim_id,
        "actor_id": claim["actor"],
        "actor": ACTORS[claim["actor"]]["name"],
        "quote": claim["quote"],
        "summary": claim["summary"],
        "reported_via": claim.get("reported_via"),
    }


def _subset(record: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {key: record[key] for key in keys}


@pytest.mark.parametrize("mode", modes())
def test_list_json_and_csv_carry_the_hostile_values_unchanged(run: Run, mode: str) -> None:
    records = {r["id"]: r for r in parsed(run("list", "--format", "json", mode=mode))}
    for claim_id in ("h001", "h002", "h003"):
        expected = _claim_expected(claim_id)
        assert _subset(records[claim_id], list(expected)) == expected
    for record in (records["h001"], records["h002"]):
        assert SOURCE_TEXT[record["start"] : record["end"]] == record["quote"]
    assert records["h003"]["start"] is None, "changed: check would fail it"
    rows = {r["id"]: r for r in _csv(run("list", "--format", "csv", mode=mode).stdout)}
    assert list(rows["h001"]) == list(CLAIM_FIELDS)
    for claim_id in ("h001", "h002", "h003"):
        expected = {key: flat(value) for key, value in _claim_expected(claim_id).items()}
        assert _subset(rows[claim_id], list(expected)) == expected
    assert rows["h001"]["stances"] == "evil-target=oppose"


@pytest.mark.parametrize("mode", modes())
def test_show_json_and_csv_are_faithful(run: Run, mode: str) -> None:
    record = parsed(run("show", "h001", "--format", "json", mode=mode))
    assert _subset(record, list(_claim_expected("h001"))) == _claim_expected("h001")
    (row,) = _csv(run("show", "h001", "--format", "csv", mode=mode).stdout)
    assert row["quote"] == QUOTE
    assert row["actor"] == f"Evil {HOSTILE}"


@pytest.mark.parametrize("mode", modes())
def test_actors_targets_and_stances_json_and_csv_are_faithful(run: Run, mode: str) -> None:
    evil = ACTORS["evil"]
    (actor,) = parsed(run("actors", "--actor", "evil", "--format", "json", mode=mode))
    assert _subset(actor, ["name", "aliases", "role", "country"]) == _subset(
        evil, ["name", "aliases", "role", "country"]
    )
    (row,) = _csv(run("actors", "--actor", "evil", "--format", "csv", mode=mode).stdout)
    assert list(row) == list(ACTOR_FIELDS)
    assert (row["name"], row["role"], row["aliases"]) == (
        evil["name"],
        evil["role"],
        "; ".join(evil["aliases"]),
    )
    targets = parsed(run("targets", "--format", "json", mode=mode))
    (target,) = [t for t in targets if t["id"] == "evil-target"]
    assert (target["label"], target["description"]) == (HOSTILE, HOSTILE)
    rows = _csv(run("targets", "--format", "csv", mode=mode).stdout)
    assert list(rows[0]) == list(TARGET_FIELDS)
    assert [(r["label"], r["description"]) for r in rows if r["id"] == "evil-target"] == [
        (HOSTILE, HOSTILE)
    ]
    args = ("stances", "--target", "evil-target")
    cells = parsed(run(*args, "--format", "json", mode=mode))
    assert {cell["actor"] for cell in cells} == {evil["name"], "Russia"}
    rows = _csv(run(*args, "--format", "csv", mode=mode).stdout)
    assert list(rows[0]) == list(CELL_FIELDS)
    assert {row["actor"] for row in rows} == {evil["name"], "Russia"}


def test_locate_json_is_faithful(run: Run) -> None:
    (hit,) = parsed(run("locate", QUOTE, "--format", "json"))["hits"]
    assert hit["quote"] == QUOTE
    assert hit["path"].endswith(SOURCE_NAME)
    assert SOURCE_TEXT[hit["start"] : hit["end"]] == QUOTE


def test_check_json_parses_and_reports_the_changed_claim(run: Run) -> None:
    report = parsed(run("check", "--format", "json"), code=1)
    results = {r["id"]: r for r in report["results"]}
    verdicts = [results[claim_id]["verdict"] for claim_id in ("h001", "h002", "h003")]
    assert verdicts == ["ok", "ok", "changed"]
    assert SOURCE_NAME in results["h003"]["message"], "the message names the source as it is"


def test_export_jsonl_is_one_faithful_record_per_line(run: Run) -> None:
    result = run("export", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert_terminal_safe(result.stdout, "plain")
    lines = result.stdout.splitlines()  # splits at U+2028, U+0085 and \x1c too
    assert len(lines) == len(DATA["claims"])
    assert result.stdout.split("\n") == [*lines, ""]
    rows = {row["id"]: row for row in map(json.loads, lines)}
    assert list(rows["h001"]) == list(ROW_FIELDS)
    for claim_id in ("h001", "h002", "h003"):
        expected = _claim_expected(claim_id)
        assert _subset(rows[claim_id], list(expected)) == expected
    assert rows["h001"]["source_title"] == HOSTILE
    assert rows["h001"]["source_path"].endswith(SOURCE_NAME)
    assert rows["h002"]["reported_via_name"] == f"Evil {HOSTILE}"
    assert rows["h001"]["actor_role"] == HOSTILE


def test_export_csv_is_faithful(run: Run) -> None:
    result = run("export", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = {row["id"]: row for row in _csv(result.stdout)}
    assert len(rows) == len(DATA["claims"])
    assert (rows["h001"]["quote"], rows["h001"]["summary"]) == (QUOTE, HOSTILE)
    assert rows["h001"]["source_title"] == HOSTILE
    assert rows["h003"]["quote"] == CHANGED_QUOTE
    assert rows["h002"]["reported_via_name"] == f"Evil {HOSTILE}"


def test_export_annotations_are_faithful(run: Run) -> None:
    collection = parsed(run("export"))
    items = {item["id"]: item for item in collection["first"]["items"]}
    h001 = items["#h001"]
    texts = {
        body["purpose"]: body["value"] for body in h001["body"] if body["purpose"] != "tagging"
    }
    assert texts["identifying"] == f"Evil {HOSTILE}"
    assert texts["describing"] == HOSTILE
    quote_selector = h001["target"]["selector"][0]
    assert quote_selector["exact"] == QUOTE
    assert h001["target"]["source"]["label"] == HOSTILE


# --- GitHub annotations: one command per line --------------------------------

GITHUB = re.compile(r"::(error|warning) file=(?P<file>[^,:]*),line=\d+,col=\d+,title=[^,:]*::.*")


def test_the_report_shows_hostile_text_as_text_and_is_safe_on_a_terminal(run: Run) -> None:
    """The page keeps C1 controls raw (a browser reads a reference to one as windows-1252),
    so `report` never writes it to a terminal (tests/cli/test_report.py); everything else
    that could act on one is a character reference."""
    from htmlparts import Page

    result = run("report")
    assert result.exit_code == 0, result.stderr
    assert_terminal_safe(result.stderr, "plain")
    page = result.stdout
    assert_terminal_safe(re.sub("[\x80-\x9f]", "", page), "plain")
    for markup in MARKUP:
        assert html.escape(markup) in page, markup
    hrefs = {element.attrs.get("href", "") for element in Page(page).elements}
    assert not any("evil" in href for href in hrefs)
    assert "&#x1B;[2J" in page
    assert "&#x202E;" in page


def test_github_annotations_cannot_be_split_into_a_second_command(run: Run) -> None:
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    *annotations, summary = result.stdout.removesuffix("\n").split("\n")
    assert result.stdout.splitlines() == [*annotations, summary], "no other line breaks"
    assert re.fullmatch(r"\d+ claims checked: [a-z0-9 ,-]+\. 1 failure, \d+ warnings?\.", summary)
    assert annotations
    for line in annotations:
        assert GITHUB.fullmatch(line), line
        assert "\r" not in line
        assert_terminal_safe(line, "plain")
    (changed,) = [line for line in annotations if "title=h003 changed" in line]
    assert "%250A::warning::again" in changed, "a data %0A cannot become a line break"
    assert "%0A" in changed, "the word diff follows the message, escaped"
    assert "we%2Cird%3Adir" in changed, "`,` and `:` escaped in the file property"


# --- curating: dry runs print faithful JSON, notes are safe ---------------------


@pytest.mark.parametrize("mode", modes())
def test_add_dry_run_prints_the_hostile_quote_faithfully(run: Run, mode: str) -> None:
    summary = f"{MARKUP[0]} \u202e {MARKUP[1]} \u2066"
    result = run(
        "add",
        *("--actor", "evil", "--source", "hostile", "--quote", QUOTE),
        *("--stance", "evil-target=support", "--summary", summary, "--dry-run", "--no-prompt"),
        mode=mode,
    )
    record = parsed(result)
    assert (record["quote"], record["summary"]) == (QUOTE, summary)


@pytest.mark.parametrize("mode", modes())
def test_add_actor_and_target_dry_runs_are_faithful(run: Run, mode: str) -> None:
    name = f"New {MARKUP[0]} \u202e {MARKUP[1]} \u2066x\u2069"
    args = ("--name", name, "--kind", "person", "--role", name, "--dry-run")
    assert parsed(run("add-actor", *args, mode=mode))["name"] == name
    args = ("--label", name, "--description", name, "--dry-run")
    assert parsed(run("add-target", *args, mode=mode))["label"] == name


def test_a_typed_name_with_control_characters_is_refused(run: Run) -> None:
    result = run("add-actor", "--name", f"Evil {HOSTILE}", "--kind", "person", "--dry-run")
    human(result, "plain", code=2)
    assert "--name: one line, please" in result.stderr


# --- errors that echo what was typed or read ----------------------------------

TYPED = f"{MARKUP[0]}\x1b[2J\u202e\r{INJECTION}"


ERROR_CASES = [
    ["show", f"h0{TYPED}"],
    ["check", f"c{TYPED}"],
    ["--claims", f"{TYPED}.json", "list"],
    ["list", "--format", TYPED],
    ["list", "--stance", TYPED],
    ["list", "--target", TYPED],
    ["list", "--source", TYPED],
    ["list", "--actor", TYPED],  # not an error: a note that no actor matches
    ["read", TYPED],
    ["locate", TYPED],
    ["export", "--base", TYPED],
    ["export", "--format", "csv", "--base", TYPED],
    ["export", "-o", f"{TYPED}/out.csv"],
    ["add", "--actor", TYPED, "--quote", QUOTE, "--stance", "x=y", "--summary", "s"],
    ["add", "--actor", "evil", "--quote", TYPED, "--stance", "x=y", "--summary", "s"],
    ["add", "--actor", "evil", "--quote", QUOTE, "--stance", TYPED, "--summary", "s"],
    ["add-actor", "--id", TYPED, "--name", "n", "--kind", "person", "--dry-run"],
    ["add-actor", "--name", TYPED, "--kind", "person", "--dry-run"],
    ["add-target", "--label", "l", "--description", "d", "--id", TYPED, "--dry-run"],
    [TYPED],
    ["list", f"--{TYPED}"],
    ["list", TYPED],
]


@pytest.mark.parametrize("mode", modes())
@pytest.mark.parametrize(
    "args", ERROR_CASES, ids=lambda args: " ".join(args).replace(TYPED, "TYPED")
)
def test_errors_echo_hostile_input_on_one_safe_line(
    run: Run, hostile: Path, args: list[str], mode: str
) -> None:
    if args[0] == "--claims":
        args = ["--claims", str(hostile.parent / args[1]), *args[2:]]
    if args[:2] == ["export", "-o"]:
        args = ["export", "-o", str(hostile.parent / args[2])]
    result = run(*args, mode=mode, claims=None if args[0] == "--claims" else hostile)
    expected = {"list --actor": 0, "locate": 1}  # a note that nothing matches; nothing found
    assert result.exit_code == expected.get(" ".join(args[:2]), expected.get(args[0], 2))
    assert result.stdout == "" or args[0] in ("list", "locate")  # locate: the closest passages
    assert_terminal_safe(result.stdout, mode)
    assert_terminal_safe(result.stderr, mode)
    lines = result.stderr.splitlines()
    assert all(line.startswith(("error: ", "note: ")) for line in lines), lines
    (echoed,) = [line for line in lines if "pwned" in line] or [""]
    if "[bold" in echoed:
        assert MARKUP[0] in echoed, "markup shown as typed"


# --- shell completion, schema ---------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_help_from_hostile_data_is_safe(hostile: Path, shell: str) -> None:
    env = {
        "_DPRKTRACK_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": f"dprktrack --claims '{hostile}' list --actor ev",
        "COMP_CWORD": "ev" if shell == "fish" else "5",
        "DPRKTRACK_CLAIMS": str(hostile),
    }
    answer = run_cli([], env=env)
    assert answer.exit_code == 0
    assert "evil" in answer.output
    assert_terminal_safe(answer.output, "plain")


def test_schema_is_unaffected(run: Run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert_terminal_safe(result.stdout, "plain")


# --- check --fix --dry-run: a patch that applies, shown safely on a terminal ------


def _apply(text: str, patch: str) -> str:
    """`text` with a unified diff applied, reading lines as `git apply` does (at `\\n`)."""
    lines, out, at = text.split("\n"), [], 0
    for line in patch.split("\n")[2:]:
        if line.startswith("@@"):
            start = int(re.match(r"@@ -(\d+)", line)[1]) - 1  # type: ignore[index]
            out += lines[at:start]
            at = start
        elif line[:1] in (" ", "-"):
            assert lines[at] == line[1:], "a context or removed line the file does not have"
            out += [line[1:]] if line[0] == " " else []
            at += 1
        elif line[:1] == "+":
            out.append(line[1:])
    return "\n".join(out + lines[at:])


def test_fix_dry_run_prints_a_patch_that_applies_and_a_safe_report(run: Run, hostile: Path) -> None:
    before = hostile.read_text("utf-8")
    result = run("check", "--fix", "--dry-run")
    assert result.exit_code == 1
    assert hostile.read_text("utf-8") == before
    assert_terminal_safe(result.stderr, "plain")
    patched = json.loads(_apply(before, result.stdout))
    placed = {claim["id"]: claim for claim in patched["claims"]}["h001"]
    assert SOURCE_TEXT[placed["start"] : placed["end"]] == QUOTE
    assert placed["prefix"] == SOURCE_TEXT[placed["start"] - 32 : placed["start"]]


# --- on a real terminal (a pseudo-terminal): rich's own choice of colour ----------


def on_terminal(claims: Path, *args: str) -> str:
    """What the command writes to a terminal, run as a process on a pseudo-terminal."""
    import tty

    master, slave = os.openpty()
    tty.setraw(slave)  # no \n to \r\n translation: what the program wrote, byte for byte
    unset = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "DPRKTRACK_CLAIMS", "PAGER")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env |= {"TERM": "xterm-256color", "COLUMNS": "1000"}
    command = [sys.executable, "-m", "dprktrack", "--claims", str(claims), *args]
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.DEVNULL, env=env
    ):
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the terminal closed: the process has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
    os.close(master)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    "args",
    [
        ["list", "--actor", "evil"],
        ["list", "--actor", "evil", "--format", "csv"],
        ["show", "h001"],
        ["read", "hostile", "--no-pager"],
        ["check", "--fix", "--dry-run"],
    ],
    ids=" ".join,
)
def test_on_a_terminal_nothing_from_the_data_acts(hostile: Path, args: list[str]) -> None:
    out = on_terminal(hostile, *args)
    assert_terminal_safe(out, "colour")
    assert "\\u2028" in out, "shown as an escape"
    if args[0] == "check":
        assert out.startswith("--- a/"), "the patch, shown safely"
        return
    assert "\\x1b[2J" in out
    if args[-1] != "csv":
        assert SGR.search(out), "rich saw a terminal and coloured"
        assert_shown(out)


# --- questions, a hostile claims path, an internal error --------------------------


def test_questions_list_hostile_choices_safely(hostile: Path) -> None:
    bad = f"zzz{MARKUP[0]}\x1b[2J\u202e"  # matches no actor: refused, and asked again
    answers = ["hostile", bad, "evil", RELAYED, "evil-target=oppose", "s", "", "", ""]
    result = run_cli(
        ["add", "--prompt", "--dry-run"],
        claims=hostile,
        input="\n".join(answers) + "\n",
        env=PLAIN,
    )
    assert result.exit_code == 0, result.stderr
    shown = result.stderr.replace(bad, "")  # the runner echoes the answers as typed
    assert_terminal_safe(shown, "plain")
    assert "Evil [bold red]x[/]" in shown, "the actors are listed by name"
    assert "\\u202e" in shown
    assert "error: --actor: no actor 'zzz[bold red]x[/]\\x1b[2J\\u202e'" in shown
    assert json.loads(result.stdout)["quote"] == RELAYED


def test_a_hostile_claims_path_is_shown_safely(tmp_path: Path) -> None:
    folder = tmp_path / f"[bold red]x \x1b[2J\u202e\r{INJECTION}"
    shutil.copytree(REPO / "seeds", folder / "seeds")
    (folder / SOURCE_NAME).write_bytes(SOURCE_TEXT.encode("utf-8"))
    claims = folder / "claims.json"
    claims.write_text(json.dumps(DATA, ensure_ascii=False, indent=2) + "\n", "utf-8")
    output = folder / "out \x1b[2J\u202e.csv"

    def invoke(*args: str) -> Result:
        return run_cli(args, claims=claims, env=PLAIN)

    text = invoke("check")
    assert text.exit_code == 1
    assert_terminal_safe(text.stdout, "plain")
    finding = text.stdout.splitlines()[0]
    assert finding.startswith(f"{folder.parent}/[bold red]x \\x1b[2J\\u202e\\x0d\\n::error::")
    assert " h003 changed: " in finding, "the path on the finding's one line"
    github = invoke("check", "--format", "github")
    assert all(line.startswith("::") for line in github.stdout.splitlines()[:-1])
    assert len(github.stdout.splitlines()) == 2, "one annotation (h003) and the summary"
    for result in (
        invoke("export", "-o", str(output)),
        invoke("add-target", "--label", "l", "--description", "d", "--dry-run"),
        invoke("check", "--fix"),
    ):
        assert result.exit_code in (0, 1), result.stderr
        assert_terminal_safe(result.stderr, "plain")
        notes = result.stderr.splitlines()
        assert notes, "each names the claims file or the output"
        assert all(note.startswith("note: ") for note in notes), "one line each"
    assert {row["id"]: row for row in _csv(output.read_bytes().decode("utf-8"))}["h001"][
        "quote"
    ] == QUOTE


def test_an_internal_error_is_one_safe_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **options: Any) -> Any:
        raise RuntimeError(TYPED)

    monkeypatch.setattr("dprktrack.query.claim_records", broken)
    result = run("list")
    assert result.exit_code == 70
    assert_terminal_safe(result.stderr, "plain")
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("internal error: RuntimeError: [bold red]x[/]\\x1b[2J")


# --- CI logs: no line printed for people is a workflow command ---------------------------

LOG_TITLE = "::error::a title ##[group]t"
LOG_FIRST = "::error file=a.py,line=1::the first line of the source is a command"
LOG_QUOTED = "“::warning::quoted at once ##[group]x”"
LOG_SOURCE_TEXT = (
    f"{LOG_FIRST}\n\n"
    "  ::notice::an indented line, still a command\n"
    "::debug::and another in the same paragraph\n\n"
    f"The spokesman said: {LOG_QUOTED} and left the room at once.\n\n"
    + "Many words to make the line wrap somewhere; " * 6
    + "::error::wrapped into a line start ##[endgroup]\n"
)
LOG_TEXT = "::error::text ##[group]y " + "filler words to wrap " * 8 + "::error::late"
"""Names, labels, summaries: a command at the start and one where wrapping may put it."""


def _log_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CLAIMS.read_text("utf-8"))
    digest = hashlib.sha256(LOG_SOURCE_TEXT.encode("utf-8")).hexdigest()
    data["sources"].append(
        {
            "id": "log",
            "path": "seeds/log.txt",
            "title": LOG_TITLE,
            "author": "::error::author",
            "outlet": "##[group]outlet",
            "published": "2024-04-24",
            "sha256": digest,
        }
    )
    data["actors"].append(
        {
            "id": "commander",
            "name": "::error::commander ##[group]c",
            "aliases": ["::warning::alias"],
            "kind": "person",
            "role": LOG_TEXT,
            "country": "##[group]country",
        }
    )
    data["targets"].append({"id": "log-target", "label": LOG_TEXT, "description": LOG_TEXT})

    def claim(claim_id: str, quote: str) -> dict[str, Any]:
        return {
            "id": claim_id,
            "source": "log",
            "actor": "commander",
            "quote": quote,
            "quote_type": "direct",
            "stances": [{"target": "log-target", "stance": "support"}],
            "summary": LOG_TEXT,
        }

    data["claims"] += [
        claim("l001", LOG_FIRST),
        claim("l002", LOG_QUOTED),
        claim("l003", "::error::wrapped into a line start ##[endgroup]"),
        claim("l004", "::notice::an indented line, still a command"),
    ]
    return data


@pytest.fixture(scope="module")
def log_claims(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("log")
    shutil.copytree(REPO / "seeds", folder / "seeds")
    (folder / "seeds" / "log.txt").write_bytes(LOG_SOURCE_TEXT.encode("utf-8"))
    path = folder / "claims.json"
    path.write_text(json.dumps(_log_data(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path


LOG_HUMAN_COMMANDS = [
    ["list"],
    ["list", "--format", "markdown"],
    ["list", "--actor", "commander"],
    ["actors"],
    ["stances"],
    ["targets"],
    ["targets", "--format", "markdown"],
    ["show", "l001"],
    ["show", "l002"],
    ["show", "l003"],
    ["show", "l004"],
    ["show", "l002", "--format", "markdown"],
    ["read", "log", "--no-pager"],
    ["read", "log", "--pager"],
    ["locate", "::warning::quoted at once"],
    ["locate", "::error::wrapped into a line start ##[endgroup]", "--source", "log"],
    ["locate", "the first line of the source is a commando"],  # close passages only
    ["check", "l001", "l002", "l003"],
]


def assert_log_inert(text: str) -> None:
    """No line can be taken for a workflow command, with rich's colours or without them."""
    for shown in (text, SGR.sub("", text)):
        commands = [
            line for line in shown.splitlines() if re.match(r"\s*::", line) or "##[" in line
        ]
        assert not commands, commands


@pytest.mark.parametrize("columns", [40, 100, 1000])
@pytest.mark.parametrize("mode", modes())
@pytest.mark.parametrize("args", LOG_HUMAN_COMMANDS, ids=" ".join)
def test_no_line_for_people_is_a_workflow_command(
    log_claims: Path, args: list[str], mode: str, columns: int
) -> None:
    env = {**MODES[mode], "COLUMNS": str(columns), "DPRKTRACK_CLAIMS": None}
    result = run_cli(args, claims=log_claims, env=env)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.strip()
    assert_log_inert(result.stdout)
    assert_log_inert(result.stderr)


def test_the_commands_in_the_data_are_still_shown(log_claims: Path) -> None:
    """Made inert, not dropped: a reader still sees what the source says."""
    env = {**PLAIN, "COLUMNS": "1000", "DPRKTRACK_CLAIMS": None}
    read = run_cli(["read", "log"], claims=log_claims, env=env)
    title, *_ = read.stdout.splitlines()
    assert title == "\\x3a:error::a title ##\\x5bgroup]t"
    assert "\n\\x3a:debug::and another in the same paragraph\n" in read.stdout
    assert "⟦::error file=a.py,line=1::the first line" in read.stdout, "bracketed: no command"
    assert "##\\x5bgroup]x" in read.stdout
    located = run_cli(["locate", LOG_QUOTED], claims=log_claims, env=env)
    (paste,) = [line for line in located.stdout.splitlines() if line.startswith("  quote: ")]
    assert "##\\u005bgroup]" in paste
    assert json.loads(paste.removeprefix("  quote: ")) == LOG_QUOTED, "still pastes as JSON"


def test_machine_formats_keep_the_data_as_it_is(log_claims: Path) -> None:
    env = {**PLAIN, "DPRKTRACK_CLAIMS": None}
    claims = ["--claims", str(log_claims)]
    records = run_cli([*claims, "list", "--format", "json"], env=env)
    quotes = {record["id"]: record["quote"] for record in json.loads(records.stdout)}
    assert quotes["l002"] == LOG_QUOTED
    rows = _csv(run_cli([*claims, "list", "--format", "csv"], env=env).stdout)
    assert {row["id"]: row["quote"] for row in rows}["l001"] == LOG_FIRST


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    "args",
    [["list"], ["stances"], ["show", "l001"], ["read", "log", "--no-pager"], ["locate", "::"]],
    ids=" ".join,
)
def test_on_a_terminal_no_line_is_a_workflow_command(log_claims: Path, args: list[str]) -> None:
    out = on_terminal(log_claims, *args)
    assert out.strip()
    assert_log_inert(out)


def test_a_dry_run_patch_carries_no_workflow_command(tmp_path: Path) -> None:
    """The patch goes to a CI log as it is: a hand-written `##[` in the claims file is shown
    escaped, and what --fix writes spells it `##\\u005b`, the same text to a JSON reader."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    text = (REPO / "seeds" / "000_ae58a3e6272e0d5e.txt").read_text("utf-8")
    start = text.index("Russia vetoed")
    marked = text[:start] + "##[group]x " + text[start:]
    (tmp_path / "seeds" / "000_ae58a3e6272e0d5e.txt").write_text(marked, "utf-8")
    data = json.loads(CLAIMS.read_text("utf-8"))
    data["sources"][0]["sha256"] = hashlib.sha256(marked.encode()).hexdigest()
    quote = "##[group]x Russia vetoed"
    data["claims"][0] = {**data["claims"][0], "quote": quote}
    for key in ("start", "end", "prefix", "suffix"):
        data["claims"][0].pop(key, None)
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    command = [sys.executable, "-m", "dprktrack", "--claims", str(claims), "check", "--fix"]
    command.append("--dry-run")
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert "##[" not in result.stdout
    assert "##[" not in result.stderr
    assert "the patch will not apply as it stands" in result.stderr
    # What --fix writes spells it `##\u005b`: the same quote, no command in the next patch.
    subprocess.run([*command[:-1]], capture_output=True, cwd=tmp_path, check=False)
    assert "##[" not in claims.read_text("utf-8")
    fixed = json.loads(claims.read_text("utf-8"))["claims"][0]
    assert fixed["quote"] == quote
    assert fixed["start"] == start
    again = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert "##[" not in again.stdout + again.stderr


def test_markup_and_escapes_in_data_are_shown_not_obeyed(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["actors"][0]["name"] = "[bold red]Evil[/bold red] \x1b[2J\u202e"
    path = write_claims(claims_data)
    for args in (["list", "--actor", "asmolov"], ["actors"], ["stances"], ["show", "c016"]):
        result = invoke(*args, claims=path, env={"COLUMNS": "200", "FORCE_COLOR": "1"})
        assert result.exit_code == 0, result.stderr
        assert "[bold red]Evil[/bold red]" in result.stdout, args
        for shown, obeyed in (("\\x1b[2J", "\x1b[2J"), ("\\u202e", "\u202e")):
            assert shown in result.stdout, args
            assert obeyed not in result.stdout, args
    records = json_output(invoke("list", "--actor", "asmolov", "--format", "json", claims=path))
    assert records[0]["actor"] == "[bold red]Evil[/bold red] \x1b[2J\u202e", "JSON stays faithful"


def test_markdown_shows_control_characters_as_escapes(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["claims"][0]["summary"] = "bell\x07 and \x1b[2J"
    path = write_claims(claims_data)
    markdown = invoke("list", "--format", "markdown", claims=path).stdout
    assert "bell\\\\x07 and \\\\x1b[2J" in markdown
    assert "\x1b" not in markdown
    records = json_output(invoke("list", "--format", "json", claims=path))
    assert records[0]["summary"] == "bell\x07 and \x1b[2J", "JSON stays faithful"


def test_fix_keeps_what_a_terminal_would_obey_escaped(invoke: Invoke, repo_copy: Path) -> None:
    without_anchors(repo_copy)
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 0
    text = repo_copy.read_text("utf-8")
    assert not any(char in text for char in "\u202e\x9b\u2028")
    assert "\\u202e" in text
    assert "\\u009b" in text
    summary = json.loads(text)["claims"][0]["summary"]
    assert summary == "Hidden \u202e override, \x9b CSI and \u2028 separator."


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("::error::pwned", "\\x3a:error::pwned"),
        ("   ::notice title=ok::all verified", "   \\x3a:notice title=ok::all verified"),
        ("quote ##[stop-commands]token", "quote ##\\x5bstop-commands]token"),
        ("a plain :: colon pair", "a plain :: colon pair"),
    ],
)
def test_a_line_from_data_cannot_be_a_workflow_command(line: str, shown: str) -> None:
    assert inert_in_logs(line) == shown
    assert one_line_message(line) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "first\n::error::second\n  ::warning::third",
            "first\n\\x3a:error::second\n  \\x3a:warning::third",
        ),
        ("\x1b[1;31m::error::x\x1b[0m", "\x1b[1;31m\\x3a:error::x\x1b[0m"),
        (" \x1b[2m :\x1b[0m:notice::x", " \x1b[2m \\x3a\x1b[0m:notice::x"),
        ("##\x1b[31m[group]", "##\x1b[31m\\x5bgroup]"),
        ("a\u3000::b", "a\u3000::b"),
        ("\u3000::b", "\u3000\\x3a:b"),
    ],
)
def test_lines_laid_out_with_colour_cannot_be_workflow_commands(text: str, shown: str) -> None:
    """What a console prints: several lines, colour codes a log viewer may strip."""
    assert inert_in_logs(text) == shown
    assert inert_in_logs(shown) == shown, "inert text stays as it is"


def test_a_check_diff_line_cannot_be_a_workflow_command() -> None:
    record = {
        "verdict": "changed",
        "severity": "failure",
        "line": 3,
        "column": 7,
        "id": "c001",
        "message": "reads differently ##[warning]x",
        "fixed": False,
        "diff": "::notice title=All claims verified::ok [-NOW-] {+now+}",
    }
    lines = [line.plain for line in check_findings("claims.json", [record], "1 claim checked")]
    assert all(not line.lstrip().startswith("::") for line in lines)
    assert all("##[" not in line for line in lines)
