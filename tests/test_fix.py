"""`check --fix` never damages: white space, hidden characters, look-alikes and the pin.

A quote that differs from its source in white space only (a re-wrapped paragraph) is
re-anchored and kept, one line with single spaces; a typography repair takes the
source's characters but never a line break, control, zero-width or bidi character;
a second `--fix` changes nothing. Every test works on `repo_copy` (claims.json and
seeds/ copied into a temporary folder) or on sources written there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import CLAIMS, SEED, Invoke

from dprktrack.quotefix import hidden_character

RAW = CLAIMS.read_text("utf-8")
DATA: dict[str, Any] = json.loads(RAW)
QUOTE = {claim["id"]: claim["quote"] for claim in DATA["claims"]}
SEED_TEXT = SEED.read_text("utf-8")
PANEL = (
    "The Panel of Experts has fulfilled its role in monitoring the DPRK … continues to "
    "violate sanctions"
)
"""A quote of the seed with an omission (the seed has "DPRK, which… continues")."""


# --- helpers ------------------------------------------------------------------------


def seed_of(claims: Path) -> Path:
    return claims.parent / "seeds" / SEED.name


def edit_seed(claims: Path, old: str, new: str) -> str:
    """The copied seed with its one `old` replaced by `new`; returns the new text."""
    seed = seed_of(claims)
    text = seed.read_bytes().decode("utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    seed.write_bytes(text.encode("utf-8"))
    return text


def claims_by_id(claims: Path) -> dict[str, dict[str, Any]]:
    return {claim["id"]: claim for claim in json.loads(claims.read_text("utf-8"))["claims"]}


def edit_claim(claims: Path, claim_id: str, **fields: Any) -> None:
    """Set fields of a claim (None removes one); a new id copies c020's other fields."""
    data = json.loads(claims.read_text("utf-8"))
    found = [claim for claim in data["claims"] if claim["id"] == claim_id]
    if not found:
        like = next(claim for claim in data["claims"] if claim["id"] == "c020")
        unanchored = {
            k: v for k, v in like.items() if k not in ("start", "end", "prefix", "suffix")
        }
        found = [{**unanchored, "id": claim_id}]
        data["claims"].append(found[0])
    for key, value in fields.items():
        if value is None:
            found[0].pop(key, None)
        else:
            found[0][key] = value
    claims.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


def unanchor(claims: Path, claim_id: str, quote: str | None = None) -> None:
    anchors = dict.fromkeys(("start", "end", "prefix", "suffix"))
    edit_claim(claims, claim_id, **anchors, **({"quote": quote} if quote else {}))


def check(invoke: Invoke, claims: Path, *args: str) -> tuple[int, dict[str, dict[str, Any]]]:
    """`check --format json`: its exit code and its results by id."""
    result = invoke("check", "--format", "json", *args, claims=claims)
    report = json.loads(result.stdout)
    return result.exit_code, {record["id"]: record for record in report["results"]}


def fix_twice(invoke: Invoke, claims: Path) -> bytes:
    """`check --fix`, then again: the second run must change nothing. Returns the file."""
    invoke("check", "--fix", claims=claims)
    fixed = claims.read_bytes()
    again = invoke("check", "--fix", claims=claims)
    assert "note: nothing to fix" in again.stderr
    assert claims.read_bytes() == fixed
    return fixed


def rewrapped(text: str, every: int, line_break: str = "\n") -> str:
    """`text` with every `every`-th space a line break, as an editor re-wrapping it would."""
    parts = text.split(" ")
    return (
        "".join(
            part + (line_break if number % every == 0 else " ")
            for number, part in enumerate(parts[:-1], 1)
        )
        + parts[-1]
    )


# --- white space only -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line_break", "every"),
    [("\n", 3), (" \n", 4), ("\n    ", 2), ("\u00a0", 1), ("\t", 5), ("\u2028", 3)],
    ids=["newline", "space-newline", "indented", "nbsp", "tab", "line-separator"],
)
def test_a_rewrapped_passage_re_anchors_the_quote_and_keeps_it(
    invoke: Invoke, repo_copy: Path, line_break: str, every: int
) -> None:
    quote = QUOTE["c005"]
    text = edit_seed(repo_copy, quote, rewrapped(quote, every, line_break))
    code, results = check(invoke, repo_copy, "c005")
    assert code == 1, "the source is off its pin"
    assert results["c005"]["severity"] != "failure"
    assert "white space differs" in results["c005"]["message"]
    invoke("check", "--fix", claims=repo_copy)
    c005 = claims_by_id(repo_copy)["c005"]
    assert c005["quote"] == quote, "the quote stays as it is"
    assert text[c005["start"] : c005["end"]] == rewrapped(quote, every, line_break)
    assert c005["prefix"] == text[c005["start"] - 32 : c005["start"]]
    code, results = check(invoke, repo_copy, "--strict")
    assert code == 0, "the pin was renewed: every claim holds"
    assert results["c005"]["verdict"] == "ok"
    assert results["c005"]["message"].startswith("found at its recorded offsets at ")
    assert results["c005"]["message"].endswith(
        "(white space differs: the source breaks or spaces the quote otherwise)"
    )
    fix_twice(invoke, repo_copy)


def test_a_quote_typed_over_lines_is_written_as_one_line_with_single_spaces(
    invoke: Invoke, repo_copy: Path
) -> None:
    typed = QUOTE["c001"].replace(" 2024, ", "\n2024,\t\t").replace(" the ", "\r\n  the ") + "\n"
    edit_claim(repo_copy, "c001", quote=typed)
    code, results = check(invoke, repo_copy, "c001")
    assert (code, results["c001"]["verdict"]) == (0, "typography")
    assert "in other white space only" in results["c001"]["message"]
    fix_twice(invoke, repo_copy)
    assert claims_by_id(repo_copy)["c001"]["quote"] == QUOTE["c001"]


def test_a_quote_with_an_omission_in_a_rewrapped_paragraph_is_re_anchored(
    invoke: Invoke, repo_copy: Path
) -> None:
    unanchor(repo_copy, "c900", PANEL)
    assert invoke("approve", "--yes", "c900", claims=repo_copy).exit_code == 0
    code, results = check(invoke, repo_copy, "c900")
    assert (code, results["c900"]["verdict"]) == (0, "ok")
    invoke("check", "--fix", claims=repo_copy)
    text = edit_seed(repo_copy, "has fulfilled its role", "has\nfulfilled its\n  role")
    code, results = check(invoke, repo_copy, "c900")
    assert results["c900"]["verdict"] == "moved"
    fixed = fix_twice(invoke, repo_copy)
    c900 = claims_by_id(repo_copy)["c900"]
    assert c900["quote"] == PANEL
    assert text[c900["start"] :].startswith("The Panel of Experts has\nfulfilled its\n  role")
    code, results = check(invoke, repo_copy, "--strict")
    assert (code, results["c900"]["verdict"]) == (0, "ok")
    assert "white space differs" in results["c900"]["message"]
    assert b"has\\nfulfilled" not in fixed.split(b'"quote": "The Panel of Experts has', 1)[1][:40]


def test_the_sources_typography_is_taken_but_not_its_line_breaks(
    invoke: Invoke, repo_copy: Path
) -> None:
    """Straight quotes typed for curly ones, in a sentence the source now breaks over lines."""
    quote = QUOTE["c003"]
    edit_seed(repo_copy, quote, rewrapped(quote, 2, "\n"))
    edit_claim(repo_copy, "c003", quote=quote.replace("“", '"').replace("”", '"'))
    code, results = check(invoke, repo_copy, "c003")
    assert (code, results["c003"]["verdict"]) == (1, "typography"), "the pin fails"
    assert '[-"sunset"-] {+“sunset”+}' in results["c003"]["diff"]
    fix_twice(invoke, repo_copy)
    assert claims_by_id(repo_copy)["c003"]["quote"] == quote
    code, results = check(invoke, repo_copy, "--strict")
    assert (code, results["c003"]["verdict"]) == (0, "ok")


def test_a_quote_across_a_paragraph_break_is_written_on_one_line(
    invoke: Invoke, repo_copy: Path
) -> None:
    start = SEED_TEXT.index(QUOTE["c005"]) + len("Russia also proposed ")
    passage = SEED_TEXT[start : SEED_TEXT.index("\n\n", start) + 40]
    assert "\n\n" in passage
    assert "’" in passage
    unanchor(repo_copy, "c900", passage.replace("’", "'").replace("\n\n", " "))
    code, results = check(invoke, repo_copy, "c900")
    assert (code, results["c900"]["verdict"]) == (0, "typography")
    fix_twice(invoke, repo_copy)
    written = claims_by_id(repo_copy)["c900"]["quote"]
    assert written == passage.replace("\n\n", " ")
    assert SEED_TEXT[claims_by_id(repo_copy)["c900"]["start"] :].startswith(passage)


# --- hidden characters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hidden", "name"),
    [
        ("\u200b", "U+200B (ZERO WIDTH SPACE)"),
        ("\u00ad", "U+00AD (SOFT HYPHEN)"),
        ("\u2060", "U+2060 (WORD JOINER)"),
        ("\ufeff", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    ],
    ids=["zero-width", "soft-hyphen", "word-joiner", "bom"],
)
def test_a_repair_that_would_need_an_invisible_character_is_refused(
    invoke: Invoke, repo_copy: Path, hidden: str, name: str
) -> None:
    """The source spells “sun·set” with a character no reader sees; the quote is typed plainly."""
    edit_seed(repo_copy, "“sunset”", f"“sun{hidden}set”")
    typed = QUOTE["c003"].replace("“", '"').replace("”", '"')
    edit_claim(repo_copy, "c003", quote=typed)
    before = claims_by_id(repo_copy)["c003"]
    code, results = check(invoke, repo_copy, "c003")
    assert (code, results["c003"]["verdict"]) == (1, "typography"), "the pin fails"
    assert (
        f"--fix leaves it alone: the source's spelling holds {name}" in results["c003"]["message"]
    )
    fix_twice(invoke, repo_copy)
    assert claims_by_id(repo_copy)["c003"] == before


@pytest.mark.parametrize(
    "hidden",
    ["\u202e", "\u2066", "\u200f", "\x07", "\x1b", "\x9b", "\x00"],
    ids=["rlo", "isolate", "rlm", "bell", "escape", "csi", "nul"],
)
def test_a_repair_that_would_carry_a_control_or_bidi_character_is_refused(
    invoke: Invoke, repo_copy: Path, hidden: str
) -> None:
    """Quote and source both hold the character; the quote also differs in typography."""
    edit_seed(repo_copy, "“sunset”", f"“sun{hidden}set”")
    edit_claim(
        repo_copy, "c003", quote=f'Russia and China had proposed adding "sun{hidden}set" clauses'
    )
    code, results = check(invoke, repo_copy, "c003")
    assert (code, results["c003"]["verdict"]) == (1, "typography"), "the pin fails"
    assert "--fix leaves it alone" in results["c003"]["message"]
    fix_twice(invoke, repo_copy)
    assert claims_by_id(repo_copy)["c003"]["quote"].count('"') == 2, "unrepaired"


def test_a_hidden_character_typed_into_a_quote_is_dropped_by_the_repair(
    invoke: Invoke, repo_copy: Path
) -> None:
    """The quote, not the source, holds the invisible character: the source's spelling wins."""
    edit_claim(repo_copy, "c005", quote=QUOTE["c005"].replace("reducing", "re\u200bduc\u00ading"))
    code, results = check(invoke, repo_copy, "c005")
    assert (code, results["c005"]["verdict"]) == (0, "typography")
    fix_twice(invoke, repo_copy)
    assert claims_by_id(repo_copy)["c005"]["quote"] == QUOTE["c005"]


def test_nothing_fix_writes_into_a_quote_is_hidden(invoke: Invoke, repo_copy: Path) -> None:
    """Every kind of damage at once; afterwards no quote --fix wrote holds a hidden character."""
    seed = seed_of(repo_copy)
    text = SEED_TEXT.replace("“", "\u200b“").replace(". ", ".\r\n\u00a0", 20)
    seed.write_bytes(text.encode("utf-8"))
    for claim_id in ("c003", "c020", "c034"):
        unanchor(repo_copy, claim_id, QUOTE[claim_id].replace("“", '"').replace("’", "'"))
    before = claims_by_id(repo_copy)
    fix_twice(invoke, repo_copy)
    for claim_id, claim in claims_by_id(repo_copy).items():
        if claim["quote"] != before[claim_id]["quote"]:
            assert hidden_character(claim["quote"]) is None, claim_id
            assert "  " not in claim["quote"], claim_id


# --- look-alikes and the pin --------------------------------------------------------------


def test_a_rewrapped_copy_elsewhere_is_not_taken_for_an_edited_quote(
    invoke: Invoke, repo_copy: Path
) -> None:
    """c002's own words are edited; a re-wrapped copy of them stands elsewhere."""
    quote = QUOTE["c002"]
    edit_seed(repo_copy, quote, quote.replace("in favor of", "against"))
    seed = seed_of(repo_copy)
    look_alike = f"\n\nSome say {rewrapped(quote, 2)}, others disagree.\n"
    seed.write_bytes(seed.read_bytes() + look_alike.encode("utf-8"))
    before = repo_copy.read_bytes()
    code, results = check(invoke, repo_copy, "c002")
    assert (code, results["c002"]["verdict"]) == (1, "changed")
    assert "look-alike" in results["c002"]["message"]
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 1
    after = claims_by_id(repo_copy)
    assert after["c002"] == claims_by_id(CLAIMS)["c002"]
    assert json.loads(repo_copy.read_bytes())["sources"] == json.loads(before)["sources"]


def test_a_dry_run_exits_as_check_would_and_strict_fails_on_any_repair(
    invoke: Invoke, repo_copy: Path
) -> None:
    unanchor(repo_copy, "c010")
    assert invoke("check", "--fix", "--dry-run", claims=repo_copy).exit_code == 0, "ok, unanchored"
    strict = invoke("check", "--strict", "--fix", "--dry-run", claims=repo_copy)
    assert strict.exit_code == 0, "c010 passes: only its anchors would be written"
    edit_claim(repo_copy, "c005", quote=QUOTE["c005"].replace("’", "'"))
    plain = invoke("check", "--fix", "--dry-run", claims=repo_copy)
    strict = invoke(
        "check", "--strict", "--fix", "--dry-run", "--format", "github", claims=repo_copy
    )
    assert (plain.exit_code, strict.exit_code) == (0, 1)
    assert "::error" in strict.stderr, "a planned repair is still annotated"
    assert "c005 typography" in strict.stderr
    assert repo_copy.read_text("utf-8") != RAW
    assert invoke("check", "--strict", "--fix", claims=repo_copy).exit_code == 0
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_a_pin_is_renewed_only_when_no_claim_of_the_source_fails(
    invoke: Invoke, repo_copy: Path
) -> None:
    """A typography warning the fix cannot settle stays a warning; a failure keeps the pin."""
    edit_seed(repo_copy, "“sunset”", "“sun\u200bset”")
    edit_claim(repo_copy, "c003", quote=QUOTE["c003"].replace("“", '"').replace("”", '"'))
    edit_claim(repo_copy, "c005", quote=QUOTE["c005"].replace("reducing", "cutting"))
    pinned = json.loads(repo_copy.read_text("utf-8"))["sources"]
    fixed = invoke("check", "--fix", claims=repo_copy)
    assert fixed.exit_code == 1
    assert json.loads(repo_copy.read_text("utf-8"))["sources"] == pinned, "c005 fails"
    edit_claim(repo_copy, "c005", quote=QUOTE["c005"])
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 0, "pin renewed, c003 warns"
    assert json.loads(repo_copy.read_text("utf-8"))["sources"] != pinned
    code, results = check(invoke, repo_copy, "--strict")
    assert (code, results["c003"]["verdict"]) == (1, "typography"), "the warning stays reported"


# --- line endings and byte order marks ------------------------------------------------------

ENDINGS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}
BOM = "\ufeff"
SOURCE_ID = DATA["sources"][0]["id"]


def anchored_on(invoke: Invoke, claims: Path, text: str) -> None:
    """The seed saved as `text`, pinned, and every claim anchored on it by `--fix`."""
    import hashlib

    data = text.encode("utf-8")
    seed_of(claims).write_bytes(data)
    document = json.loads(claims.read_text("utf-8"))
    document["sources"][0]["sha256"] = hashlib.sha256(data).hexdigest()
    for claim in document["claims"]:
        for key in ("start", "end", "prefix", "suffix"):
            claim.pop(key, None)
    claims.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert invoke("check", "--fix", claims=claims).exit_code == 0
    code, results = check(invoke, claims, "--strict")
    assert code == 0
    assert {record["verdict"] for record in results.values()} == {"ok"}


def in_style(text: str, style: str) -> str:
    return text.replace("\n", ENDINGS[style])


def converted_and_kept(invoke: Invoke, claims: Path, data: bytes) -> str:
    """The seed's bytes replaced by `data`: check fails and names the conversion, and
    `--fix` writes nothing (no pin renewed, no claim re-anchored). Returns the message."""
    before = claims.read_bytes()
    seed_of(claims).write_bytes(data)
    code, results = check(invoke, claims)
    assert code == 1
    pin = results[SOURCE_ID]
    assert (pin["verdict"], pin["severity"]) == ("source-changed", "failure")
    fixed = invoke("check", "--fix", claims=claims)
    assert fixed.exit_code == 1
    assert "note: nothing to fix" in fixed.stderr
    assert claims.read_bytes() == before, "nothing re-pinned, nothing re-anchored"
    assert all(
        "--fix leaves it alone" in record["message"]
        for record in results.values()
        if record["kind"] == "claim" and record["severity"] == "warning"
    )
    message: str = pin["message"]
    return message


@pytest.mark.parametrize(
    ("then", "now"),
    [("LF", "CRLF"), ("CRLF", "LF"), ("LF", "CR"), ("CR", "LF"), ("CRLF", "CR"), ("CR", "CRLF")],
    ids=lambda style: style,
)
def test_line_endings_converted_either_way_are_named_and_never_repaired(
    invoke: Invoke, repo_copy: Path, then: str, now: str
) -> None:
    anchored_on(invoke, repo_copy, in_style(SEED_TEXT, then))
    named = f"its line endings are now {now}, unlike when its quotes were anchored ({then} then)"
    message = converted_and_kept(invoke, repo_copy, in_style(SEED_TEXT, now).encode("utf-8"))
    assert f", but only converted: {named}: check it out unconverted" in message
    edited = in_style(SEED_TEXT.replace("What is the 1718", "What is the UN 1718", 1), now)
    message = converted_and_kept(invoke, repo_copy, edited.encode("utf-8"))
    assert f", and {named}: check it out unconverted" in message, "edited too: still named"


@pytest.mark.parametrize("style", ["LF", "CRLF", "CR"])
def test_a_byte_order_mark_added_or_removed_is_named_and_never_repaired(
    invoke: Invoke, repo_copy: Path, style: str
) -> None:
    text = in_style(SEED_TEXT, style)
    anchored_on(invoke, repo_copy, text)
    message = converted_and_kept(invoke, repo_copy, (BOM + text).encode("utf-8"))
    assert ", but only a byte order mark was added at its start: save it without one" in message
    anchored_on(invoke, repo_copy, BOM + text)
    message = converted_and_kept(invoke, repo_copy, text.encode("utf-8"))
    assert ", but only the byte order mark at its start was removed: save it with" in message


def test_a_byte_order_mark_and_line_endings_changed_at_once_are_both_named(
    invoke: Invoke, repo_copy: Path
) -> None:
    anchored_on(invoke, repo_copy, BOM + SEED_TEXT)
    message = converted_and_kept(invoke, repo_copy, in_style(SEED_TEXT, "CRLF").encode("utf-8"))
    assert (
        ", but only converted: its line endings are now CRLF, unlike when its quotes were "
        "anchored (LF then), and the byte order mark at its start was removed: "
    ) in message


@pytest.mark.parametrize("marked", [True, False], ids=["added", "removed"])
def test_a_byte_order_mark_changed_with_an_edit_is_named_by_a_claim_at_the_start(
    invoke: Invoke, repo_copy: Path, marked: bool
) -> None:
    """No conversion gives the pinned bytes back; a claim anchored at the start saw the mark."""
    title = SEED_TEXT[: SEED_TEXT.index("\n")]
    unanchor(repo_copy, "c900", title)
    anchored_on(invoke, repo_copy, SEED_TEXT if marked else BOM + SEED_TEXT)
    edited = SEED_TEXT.replace("What is the 1718", "What is the UN 1718", 1)
    data = ((BOM if marked else "") + edited).encode("utf-8")
    message = converted_and_kept(invoke, repo_copy, data)
    change = "a byte order mark was added" if marked else "the byte order mark at its start was"
    assert f", and {change}" in message
