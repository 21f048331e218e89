"""The read command: the article with every claim marked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from support import DATA, Invoke, json_output


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
    expected = "error: name a source (the SOURCE argument); sources: neo-2024-04-24, note\n"
    assert result.stderr == expected
    note = invoke("read", "note", "--no-pager", claims=path)
    text = " ".join(note.stdout.split())
    assert (
        "Kim Song ⟦said nothing new⟧ ‹n001 Russia: oppose panel-of-experts; support russia-veto›."
        in text
    )
    assert invoke("read", "NOTE", "--no-pager", claims=path).stdout == note.stdout
    listed = json_output(invoke("list", "--source", "note", "--format", "json", claims=path))
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


def test_read_colours_each_claim_by_its_main_stance(invoke: Invoke) -> None:
    result = invoke("read", "--no-pager", env={"FORCE_COLOR": "1", "COLUMNS": "300"})
    red = "\x1b[1;31m"  # bold red: oppose, c020's first stance (toward the Panel)
    assert red + "Under these conditions" in result.stdout
    assert "⟦" not in result.stdout.split("\n", 2)[2], "colour replaces the brackets"
