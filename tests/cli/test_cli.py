"""Every command and format through click's CliRunner, on the real claims.json and seed."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from support import CLAIMS, REPO, SEED, Invoke

from dprktrack import __version__
from dprktrack.cli import main
from dprktrack.query import ACTOR_FIELDS, CELL_FIELDS, CLAIM_FIELDS, TARGET_FIELDS

SEED_TEXT = SEED.read_text("utf-8")
DATA = json.loads(CLAIMS.read_text("utf-8"))


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _ids(records: list[dict[str, Any]]) -> list[str]:
    return [record["id"] for record in records]


def _claim_ids(where: Callable[[dict[str, Any]], bool]) -> list[str]:
    """The expected answer, computed straight from the JSON file."""
    return [claim["id"] for claim in DATA["claims"] if where(claim)]


# --- list -----------------------------------------------------------------


def test_list_json_records_have_the_documented_keys_and_slice_the_seed(invoke: Invoke) -> None:
    records = _json(invoke("list", "--format", "json"))
    assert _ids(records) == [claim["id"] for claim in DATA["claims"]]
    lines = SEED_TEXT.split("\n")
    for record in records:
        assert tuple(record) == CLAIM_FIELDS
        assert SEED_TEXT[record["start"] : record["end"]] == record["quote"]
        line = lines[record["line"] - 1]
        assert line[record["column"] - 1 :].startswith(record["quote"].split("\n")[0])


def test_nebenzya_lists_his_claims_with_offsets_of_his_exact_words(invoke: Invoke) -> None:
    records = _json(invoke("list", "--actor", "nebenzya", "--format", "json"))
    assert _ids(records) == _claim_ids(lambda claim: claim["actor"] == "nebenzya")
    assert len(records) == 8
    assert all(record["actor"] == "Vasily Nebenzya" for record in records)
    assert any("“long overdue”" in SEED_TEXT[r["start"] : r["end"]] for r in records)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nebenzya", {"nebenzya"}),
        ("Zakharova", {"zakharova"}),
        ("kim song", {"kim-song"}),
        ("KIM-SONG", {"kim-song"}),
        ("Nébenzya", {"nebenzya"}),
        ("nebenz", {"nebenzya"}),
        ("Nebenzia", {"nebenzya"}),
        ("kim", {"kim-song", "kim-eun-hye"}),
        ("korea", {"rok-foreign-ministry", "us-rok-officials", "dprk"}),
        ("russia", {"russia"}),  # an id selects exactly that actor
        ("russian", {"russia", "nebenzya", "zakharova"}),
        ("the Russian representative", {"nebenzya"}),
        ("Moscow", {"russia"}),
        (
            "us",
            {"united-states", "us-uk-france", "us-rok-officials", "miller", "us-state-department"},
        ),
        ("west", {"the-west", "western-analysts", "us-uk-france"}),
    ],
)
def test_actor_filter_is_partial_and_blind_to_case_and_accents(
    invoke: Invoke, query: str, expected: set[str]
) -> None:
    records = _json(invoke("list", "--actor", query, "--format", "json"))
    assert {record["actor_id"] for record in records} == expected


def test_via_finds_statements_relayed_by_an_actor(invoke: Invoke) -> None:
    records = _json(invoke("list", "--via", "nk news", "--format", "json"))
    assert _ids(records) == _claim_ids(lambda claim: claim.get("reported_via") == "nk-news")
    assert len(records) >= 5
    table = invoke("list", "--via", "nk-news", env={"COLUMNS": "120"})
    assert "via nk-news" in table.stdout


def test_an_actor_that_matches_nothing_gets_a_suggestion(invoke: Invoke) -> None:
    result = invoke("list", "--actor", "zakharowa")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: no actor matches --actor 'zakharowa'; did you mean zakharova?\n"
        "note: no claims match\n"
    )
    unknown = invoke("actors", "--via", "tass", "--format", "json")
    assert unknown.stdout == "[]\n"
    assert "no actor matches --via 'tass'; `dprktrack actors` lists them" in unknown.stderr


def test_same_filter_twice_ors_and_different_filters_and(invoke: Invoke) -> None:
    both = _json(invoke("list", "--actor", "nebenzya", "--actor", "zakharova", "--format", "json"))
    assert _ids(both) == _claim_ids(lambda c: c["actor"] in ("nebenzya", "zakharova"))
    narrowed = _json(
        invoke("list", "--actor", "nebenzya", "--quote-type", "direct", "--format", "json")
    )
    expected = _claim_ids(lambda c: c["actor"] == "nebenzya" and c["quote_type"] == "direct")
    assert _ids(narrowed) == expected
    assert 0 < len(expected) < 8


def test_target_and_stance_match_the_same_stance_entry(invoke: Invoke) -> None:
    records = _json(
        invoke("list", "--target", "panel-of-experts", "--stance", "oppose", "--format", "json")
    )
    expected = _claim_ids(
        lambda c: {"target": "panel-of-experts", "stance": "oppose"} in c["stances"]
    )
    assert _ids(records) == expected
    assert "c001" in expected  # the veto: panel oppose, veto support
    supporting_veto = _json(invoke("list", "--stance", "SUPPORT", "--format", "json"))
    assert "c001" in _ids(supporting_veto)


def test_grep_searches_quote_and_summary_ignoring_case_and_punctuation(invoke: Invoke) -> None:
    assert _ids(_json(invoke("list", "--grep", "ADDED VALUE", "--format", "json"))) == ["c020"]
    by_summary = _json(invoke("list", "--grep", "fear-mongering", "--format", "json"))
    assert _ids(by_summary) == _claim_ids(lambda c: "fear-mongering" in c["summary"])


def test_source_filter_takes_a_source_id(invoke: Invoke) -> None:
    records = _json(invoke("list", "--source", "neo-2024-04-24", "--format", "json"))
    assert len(records) == len(DATA["claims"])


def test_no_match_is_an_empty_result_with_a_note(invoke: Invoke) -> None:
    result = invoke("list", "--quote-type", "direct", "--grep", "sunset", "--format", "json")
    assert result.exit_code == 0
    assert result.stdout == "[]\n"
    assert result.stderr == "note: no claims match\n"
    table = invoke("list", "--grep", "no such words anywhere")
    assert (table.exit_code, table.stdout, table.stderr) == (0, "", "note: no claims match\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "moon"], "unknown target 'moon' for --target; valid: panel-of-experts,"),
        (["--source", "tass"], "unknown source 'tass' for --source; valid: neo-2024-04-24"),
        (["--stance", "maybe"], "'maybe' is not one of 'support', 'oppose', 'neutral', 'mixed'"),
        (["--quote-type", "rumour"], "'rumour' is not one of 'direct', 'indirect', 'mixed'"),
    ],
)
def test_unknown_filter_values_are_usage_errors_listing_valid_ones(
    invoke: Invoke, args: list[str], message: str
) -> None:
    result = invoke("list", *args)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    ("args", "message", "help_for"),
    [
        (
            ["list", "--stance", "opposes"],
            "Invalid value for '--stance': 'opposes'",
            "dprktrack list",
        ),
        (["lst"], "No such command 'lst'.", "dprktrack"),
        (["show"], "Missing argument 'CLAIM_ID'.", "dprktrack show"),
        (["list", "--format", "yaml"], "Invalid value for '--format': 'yaml'", "dprktrack list"),
        (["--colour"], "No such option", "dprktrack"),
    ],
)
def test_usage_errors_are_one_line_with_a_pointer_to_help(
    invoke: Invoke, args: list[str], message: str, help_for: str
) -> None:
    result = invoke(*args, claims=None)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {message}")
    assert result.stderr.endswith(f" (see '{help_for} --help')\n")
    assert result.stderr.count("\n") == 1


def test_claims_after_the_command_says_where_it_goes(invoke: Invoke) -> None:
    result = invoke("list", "--claims", "x.json", claims=None)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "(--claims goes before the command: dprktrack --claims PATH list)\n"
    )


def test_bare_command_prints_help_and_succeeds(invoke: Invoke) -> None:
    result = invoke(claims=None)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")


def test_unplaced_quotes_get_null_offsets_and_a_note(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["claims"][1]["quote"] = "words the article never wrote"
    path = write_claims(claims_data)
    records = _json(invoke("list", "--format", "json", claims=path))
    assert [r["id"] for r in records if r["start"] is None] == ["c002"]
    listing = invoke("list", "--format", "json", claims=path)
    note = (
        "note: 1 quote(s) not placed in their source, so their offsets are null "
        "(`dprktrack check` says why): c002\n"
    )
    assert listing.stderr == note
    shown = invoke("show", "c002", claims=path)
    assert shown.stderr == note
    assert "quote not placed in the source" in shown.stdout


def test_list_table_shows_every_word_of_every_quote(invoke: Invoke) -> None:
    result = invoke("list", "--actor", "south korea")
    assert result.exit_code == 0
    words = re.findall(r"\S+", result.stdout)
    for claim in DATA["claims"]:
        if claim["actor"] == "rok-foreign-ministry":
            for word in claim["quote"].split():
                assert any(word in w or w in word for w in words), word
    assert "…" not in result.stdout.replace("which…", "")


def test_list_csv_has_a_header_and_flattened_stances(invoke: Invoke) -> None:
    result = invoke("list", "--actor", "miller", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CLAIM_FIELDS
    assert [row["id"] for row in rows] == _claim_ids(lambda c: c["actor"] == "miller")
    assert rows[0]["stances"] == "russia-veto=oppose"
    assert SEED_TEXT[int(rows[1]["start"]) : int(rows[1]["end"])] == rows[1]["quote"]


def test_list_markdown_is_a_table_with_escaped_cells(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["claims"][0]["summary"] = "a | b\nc"
    result = invoke("list", "--format", "markdown", claims=write_claims(claims_data))
    lines = result.stdout.splitlines()
    assert lines[0] == "| " + " | ".join(CLAIM_FIELDS) + " |"
    assert lines[1].startswith("|---|")
    assert len(lines) == 2 + len(claims_data["claims"])
    assert "a \\| b<br>c" in lines[2]


# --- actors and stances ---------------------------------------------------


def test_actors_json_lists_every_actor_with_claim_counts(invoke: Invoke) -> None:
    records = _json(invoke("actors", "--format", "json"))
    assert [record["id"] for record in records] == [actor["id"] for actor in DATA["actors"]]
    assert all(tuple(record) == ACTOR_FIELDS for record in records)
    assert sum(record["claims"] for record in records) == len(DATA["claims"])
    nebenzya = next(record for record in records if record["id"] == "nebenzya")
    assert nebenzya["stances"]["panel-of-experts"] == {"oppose": 3}


def test_who_supports_the_panel(invoke: Invoke) -> None:
    records = _json(
        invoke("actors", "--target", "panel-of-experts", "--stance", "support", "--format", "json")
    )
    expected = {
        claim["actor"]
        for claim in DATA["claims"]
        if {"target": "panel-of-experts", "stance": "support"} in claim["stances"]
    }
    assert {record["id"] for record in records} == expected
    assert {"miller", "frank-aum", "rok-foreign-ministry"} <= expected
    assert all(set(record["stances"]) == {"panel-of-experts"} for record in records)
    table = invoke("actors", "--target", "panel-of-experts", "--stance", "support")
    assert "Matthew Miller" in table.stdout
    assert "Vasily Nebenzya" not in table.stdout


def test_targets_lists_what_target_takes_with_stance_counts(invoke: Invoke) -> None:
    records = _json(invoke("targets", "--format", "json"))
    assert [record["id"] for record in records] == [target["id"] for target in DATA["targets"]]
    assert all(tuple(record) == TARGET_FIELDS for record in records)
    entries = [entry for claim in DATA["claims"] for entry in claim["stances"]]
    assert sum(record["claims"] for record in records) == len(entries)
    veto = next(record for record in records if record["id"] == "russia-veto")
    assert veto["counts"]["oppose"] == sum(
        e == {"target": "russia-veto", "stance": "oppose"} for e in entries
    )
    table = invoke("targets", env={"COLUMNS": "120"}).stdout
    assert "Russia's veto" in table
    csv_rows = list(csv.DictReader(io.StringIO(invoke("targets", "--format", "csv").stdout)))
    assert csv_rows[0]["counts"].startswith("support ")


def test_stances_grid_cells_aggregate_an_actors_claims(invoke: Invoke) -> None:
    cells = _json(invoke("stances", "--format", "json"))
    assert all(tuple(cell) == CELL_FIELDS for cell in cells)
    by_pair = {(cell["actor_id"], cell["target"]): cell for cell in cells}
    assert by_pair["nebenzya", "panel-of-experts"]["stance"] == "oppose"
    russia_panel = by_pair["russia", "panel-of-experts"]
    assert russia_panel["stance"] == "mixed"  # voted for it in 2023, vetoed it in 2024
    assert russia_panel["counts"] == {"support": 1, "oppose": 2}
    assert set(russia_panel["claims"]) == {"c001", "c002", "c005"}


def test_stances_table_names_targets_or_numbers_them_when_narrow(invoke: Invoke) -> None:
    wide = invoke("stances", env={"COLUMNS": "160"})
    assert "Vasily Nebenzya" in wide.stdout
    header = wide.stdout.split("─")[0]
    assert "panel" in header
    assert "experts" in header
    assert "panel-of-experts:" not in wide.stdout
    narrow = invoke("stances", env={"COLUMNS": "80"})
    assert "Vasily Nebenzya" in narrow.stdout
    assert " 1 panel-of-experts: UN Panel of Experts (1718 Committee)" in narrow.stdout
    only_veto = invoke("stances", "--target", "russia-veto", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(only_veto.stdout)))
    assert {row["target"] for row in rows} == {"russia-veto"}


@pytest.mark.parametrize("command", ["list", "actors", "stances", "targets"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_listing_takes_every_format(invoke: Invoke, command: str, fmt: str) -> None:
    result = invoke(command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout, "no colour when not writing to a terminal"


# --- show and read --------------------------------------------------------


def test_show_prints_the_claim_in_its_paragraph_with_its_position(invoke: Invoke) -> None:
    result = invoke("show", "c014", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    record = _json(invoke("show", "c014", "--format", "json"))
    out = " ".join(result.stdout.split())  # undo the terminal's line wrapping
    assert f"000_ae58a3e6272e0d5e.txt:{record['line']}:{record['column']}" in out
    assert "Russia’s permanent representative to the UN" in out
    assert "⟦The 1718 Committee’s Panel of Experts" in out
    assert "sanctions regime,”⟧ and as a result" in out, "the quote sits in its paragraph"


def test_show_formats_and_case(invoke: Invoke) -> None:
    record = _json(invoke("show", "C040", "--format", "json"))
    assert record["id"] == "c040"
    assert SEED_TEXT[record["start"] : record["end"]] == record["quote"]
    rows = list(csv.DictReader(io.StringIO(invoke("show", "c040", "--format", "csv").stdout)))
    assert rows[0]["actor_id"] == "kim-song"
    markdown = invoke("show", "c040", "--format", "markdown").stdout
    assert markdown.splitlines()[2].startswith("| c040 | kim-song |")


def test_show_unknown_id_suggests_the_closest(invoke: Invoke) -> None:
    result = invoke("show", "c0144")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no claim 'c0144' in ")
    assert "did you mean " in result.stderr
    assert "c014" in result.stderr.split("did you mean ")[1]
    padded = invoke("show", "c20")
    assert "did you mean c020," in padded.stderr, "the same number comes first"


def test_read_marks_every_claim_in_the_article(invoke: Invoke) -> None:
    result = invoke("read", "--no-pager", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())  # undo the terminal's line wrapping
    for claim in DATA["claims"]:
        assert f"‹{claim['id']} " in out, claim["id"]
    legend, body = out.split(" stances› ", 1)
    assert legend.endswith("⟦A claim⟧ ‹is followed by its id, actor and")
    assert body.count("⟦") == body.count("⟧") == len(DATA["claims"])
    assert "‹c040 Kim Song: support russia-veto›" in body
    assert "‹c020 Vasily Nebenzya: oppose panel-of-experts; support russia-veto›" in body
    assert "Konstantin Asmolov, Candidate of Historical Sciences" in out


def test_read_with_pager_off_a_terminal_prints_the_same_article(invoke: Invoke) -> None:
    paged = invoke("read", "--pager", env={"COLUMNS": "120"})
    printed = invoke("read", "--no-pager", env={"COLUMNS": "120"})
    assert paged.exit_code == 0
    assert paged.stdout.rstrip("\n") == printed.stdout.rstrip("\n")


def test_read_asks_which_source_when_there_are_several(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    folder = write_claims(claims_data).parent
    (folder / "seeds" / "note.txt").write_text("Kim Song said nothing new.\n", "utf-8")
    second = dict(claims_data["sources"][0], id="note", path="seeds/note.txt")
    claims_data["sources"].append(second)
    claims_data["claims"].append(
        dict(claims_data["claims"][0], id="n001", source="note", quote="said nothing new")
    )
    path = write_claims(claims_data)
    result = invoke("read", "--no-pager", claims=path)
    assert result.exit_code == 2
    assert result.stderr == "error: name a source; sources: neo-2024-04-24, note\n"
    note = invoke("read", "note", "--no-pager", claims=path)
    text = " ".join(note.stdout.split())
    assert (
        "Kim Song ⟦said nothing new⟧ ‹n001 Russia: oppose panel-of-experts; support russia-veto›."
        in text
    )
    assert invoke("read", "NOTE", "--no-pager", claims=path).stdout == note.stdout
    listed = _json(invoke("list", "--source", "note", "--format", "json", claims=path))
    assert [(r["id"], r["start"], r["line"], r["column"]) for r in listed] == [("n001", 9, 1, 10)]


def test_read_refuses_an_unknown_source(invoke: Invoke) -> None:
    result = invoke("read", "tass", "--no-pager")
    assert result.exit_code == 2
    assert "unknown source 'tass'; sources: neo-2024-04-24" in result.stderr


def test_read_notes_quotes_it_cannot_place(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["claims"][0]["quote"] = "words the article never wrote"
    result = invoke("read", "--no-pager", claims=write_claims(claims_data))
    assert result.exit_code == 0
    assert "‹c001 " not in result.stdout
    assert result.stderr == (
        "note: quotes not placed in the source, so not shown (`dprktrack check` says why): c001\n"
    )


# --- text from data is never markup or a control sequence ------------------


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
    records = _json(invoke("list", "--actor", "asmolov", "--format", "json", claims=path))
    assert records[0]["actor"] == "[bold red]Evil[/bold red] \x1b[2J\u202e", "JSON stays faithful"


def test_read_colours_each_claim_by_its_main_stance(invoke: Invoke) -> None:
    result = invoke("read", "--no-pager", env={"FORCE_COLOR": "1", "COLUMNS": "300"})
    red = "\x1b[1;31m"  # bold red: oppose, c020's first stance (toward the Panel)
    assert red + "Under these conditions" in result.stdout
    assert "⟦" not in result.stdout.split("\n", 2)[2], "colour replaces the brackets"


def test_markdown_shows_control_characters_as_escapes(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["claims"][0]["summary"] = "bell\x07 and \x1b[2J"
    path = write_claims(claims_data)
    markdown = invoke("list", "--format", "markdown", claims=path).stdout
    assert "bell\\\\x07 and \\\\x1b[2J" in markdown
    assert "\x1b" not in markdown
    records = _json(invoke("list", "--format", "json", claims=path))
    assert records[0]["summary"] == "bell\x07 and \x1b[2J", "JSON stays faithful"


def test_colour_only_when_asked_and_no_color_is_respected(invoke: Invoke) -> None:
    coloured = invoke("list", "--actor", "kim song", env={"FORCE_COLOR": "1"})
    assert "\x1b[32m" in coloured.stdout  # support in green
    plain = invoke("list", "--actor", "kim song", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[32m" not in plain.stdout


# --- which claims file ----------------------------------------------------


def test_claims_file_comes_from_option_then_env_then_cwd_then_bundle(
    invoke: Invoke,
    write_claims: Callable[[Any], Path],
    claims_data: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    claims_data["claims"] = claims_data["claims"][:3]
    small = write_claims(claims_data)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert len(_json(invoke("list", "--format", "json", claims=None))) == len(DATA["claims"])
    env = {"DPRKTRACK_CLAIMS": str(small)}
    assert len(_json(invoke("list", "--format", "json", claims=None, env=env))) == 3
    assert len(_json(invoke("list", "--format", "json", claims=CLAIMS, env=env))) > 3
    monkeypatch.chdir(small.parent)
    assert len(_json(invoke("list", "--format", "json", claims=None))) == 3


def test_a_folder_named_claims_json_is_an_error_not_a_silent_fallback(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "claims.json").mkdir()
    monkeypatch.chdir(tmp_path)
    result = invoke("list", claims=None)
    assert result.exit_code == 2
    assert result.stderr == "error: claims.json: claims file is a directory, not a file\n"


def test_version_and_help(invoke: Invoke) -> None:
    assert invoke("--version").stdout == f"dprktrack, version {__version__}\n"
    help_text = invoke("--help").stdout
    for command in ("list", "actors", "stances", "targets", "show", "read"):
        assert command in help_text
        assert "Example" in invoke(command, "--help").stdout


def test_repo_layout_is_as_the_design_card_says() -> None:
    for name in ("dprktrack", "seeds", "claims.json", "tests", "pyproject.toml", "README.md"):
        assert (REPO / name).exists(), name


def _help_examples() -> list[tuple[str, str]]:
    """Each command line in the Example blocks of the commands' --help, continuations joined."""
    examples = []
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        help_text = command.help or ""
        if "Example" not in help_text:
            continue
        block = help_text.split("Example", 1)[1].split("\n", 1)[1]
        joined = re.sub(r"\\\n\s*", "", block)
        for text in joined.splitlines():
            # Without its comment, and without what a pipe or redirect does with the output.
            line = re.split(r"\s[|>]\s", text.split("  #", 1)[0])[0].strip()
            if line.startswith("dprktrack "):
                examples.append((name, line))
    return examples


@pytest.mark.parametrize(("name", "line"), _help_examples())
def test_every_help_example_runs_on_a_copy_of_the_data(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch, name: str, line: str
) -> None:
    monkeypatch.chdir(repo_copy.parent)
    result = invoke(*shlex.split(line)[1:], claims=None)
    assert result.exit_code == 0, f"{line}\n{result.output}"


def test_every_command_has_an_example() -> None:
    assert {name for name, _ in _help_examples()} == set(main.list_commands(click.Context(main)))


def test_every_command_module_is_listed_and_every_listed_command_exists() -> None:
    """Commands load lazily by COMMAND_MODULES; a command missing from it would vanish."""
    from dprktrack.cli import checking, curating, exporting, lookups
    from dprktrack.cli.group import COMMAND_MODULES

    defined = {
        value.name
        for module in (checking, curating, exporting, lookups)
        for value in vars(module).values()
        if isinstance(value, click.Command)
    }
    assert defined == set(COMMAND_MODULES)
    for name, (where, _) in COMMAND_MODULES.items():
        command = main.get_command(click.Context(main), name)
        assert command is not None
        assert command.callback is not None
        assert command.callback.__module__ == where.split(":")[0]
