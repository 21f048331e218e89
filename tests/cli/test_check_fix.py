"""`check --fix` repairs warnings and never damages: white space, hidden characters,
look-alikes and the pin; its dry run is a patch git applies.

A quote that differs from its source in white space only (a re-wrapped paragraph) is
re-anchored and kept, one line with single spaces; a typography repair takes the
source's characters but never a line break, control, zero-width or bidi character;
a second `--fix` changes nothing. Line endings converted either way, and a byte order
mark added or removed, are named and never repaired. Every test works on `repo_copy`
(claims.json and seeds/ copied into a temporary folder) or on sources written there.

The properties run over made-up sources (LF, CRLF or CR line endings; accents composed
and decomposed; zero-width, bidi and control characters; wrapped lines) and claims cut
from them, then bent: offsets shifted or dropped, quotes retyped straight, over lines,
in other accents or with an omission, the source re-wrapped, shifted, retyped or given
a hidden character. Plain `pytest` tries a few dozen; `pytest -m fuzz` tries
DPRKTRACK_FUZZ_EXAMPLES (5,000 by default).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import string
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import (
    FUZZ_EXAMPLES,
    LINE_ENDINGS,
    SOURCE_EDITS,
    Draw,
    elide,
    exact_quotes,
    laid_out_sources,
    renormalise,
    rewrap,
    rewrapped,
    straighten,
)
from support import (
    ANCHORS,
    C005_SENTENCE,
    CLAIMS,
    DASHED,
    DATA,
    QUOTE,
    RAW,
    SEED,
    SEED_TEXT,
    Invoke,
    WriteClaims,
    add_claim,
    check_json,
    claim_of,
    claim_results,
    digest,
    drift_warnings_only,
    drift_with_failures,
    edit_seed,
    load,
    run_cli,
    save,
    seed_copy,
    strip_hints,
    without_anchors,
)

from dprktrack.check.quotefix import hidden_character, single_spaced
from dprktrack.matching.normalise import normalise_text
from dprktrack.schema.rules import QUOTE_PATTERN

PANEL = (
    "The Panel of Experts has fulfilled its role in monitoring the DPRK … continues to "
    "violate sanctions"
)
"""A quote of the seed with an omission (the seed has "DPRK, which… continues")."""


# --- helpers ------------------------------------------------------------------------


def seed_of(claims: Path) -> Path:
    return claims.parent / "seeds" / SEED.name


def edit_seed_bytes(claims: Path, old: str, new: str) -> str:
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
    text = edit_seed_bytes(repo_copy, quote, rewrapped(quote, every, line_break))
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
    text = edit_seed_bytes(repo_copy, "has fulfilled its role", "has\nfulfilled its\n  role")
    code, results = check(invoke, repo_copy, "c900")
    assert results["c900"]["verdict"] == "moved"
    fix_twice(invoke, repo_copy)
    c900 = claims_by_id(repo_copy)["c900"]
    assert c900["quote"] == PANEL
    assert text[c900["start"] :].startswith("The Panel of Experts has\nfulfilled its\n  role")
    code, results = check(invoke, repo_copy, "--strict")
    assert (code, results["c900"]["verdict"]) == (0, "ok")
    assert "white space differs" in results["c900"]["message"]


def test_the_sources_typography_is_taken_but_not_its_line_breaks(
    invoke: Invoke, repo_copy: Path
) -> None:
    """Straight quotes typed for curly ones, in a sentence the source now breaks over lines."""
    quote = QUOTE["c003"]
    edit_seed_bytes(repo_copy, quote, rewrapped(quote, 2, "\n"))
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
    edit_seed_bytes(repo_copy, "“sunset”", f"“sun{hidden}set”")
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
    edit_seed_bytes(repo_copy, "“sunset”", f"“sun{hidden}set”")
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
    text = SEED_TEXT.replace("“", "\u200b“").replace(". ", ".\n\u00a0\t", 40)
    seed.write_bytes(text.encode("utf-8"))
    for claim_id, quote in QUOTE.items():
        unanchor(repo_copy, claim_id, quote.replace("’", "'").replace(". ", ".\n "))
    before = claims_by_id(repo_copy)
    fix_twice(invoke, repo_copy)
    rewritten = 0
    for claim_id, claim in claims_by_id(repo_copy).items():
        if claim["quote"] != before[claim_id]["quote"]:
            rewritten += 1
            assert hidden_character(claim["quote"]) is None, claim_id
            assert claim["quote"] == " ".join(claim["quote"].split()), claim_id
    assert rewritten > 10


# --- look-alikes and the pin --------------------------------------------------------------


def test_a_rewrapped_copy_elsewhere_is_not_taken_for_an_edited_quote(
    invoke: Invoke, repo_copy: Path
) -> None:
    """c002's own words are edited; a re-wrapped copy of them stands elsewhere."""
    quote = QUOTE["c002"]
    edit_seed_bytes(repo_copy, quote, quote.replace("in favor of", "against"))
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
    before = repo_copy.read_bytes()
    plain = invoke("check", "--fix", "--dry-run", claims=repo_copy)
    strict = invoke(
        "check", "--strict", "--fix", "--dry-run", "--format", "github", claims=repo_copy
    )
    assert (plain.exit_code, strict.exit_code) == (0, 1)
    assert "::error" in strict.stderr, "a planned repair is still annotated"
    assert "c005 typography" in strict.stderr
    assert repo_copy.read_bytes() == before, "a dry run writes nothing"
    assert invoke("check", "--strict", "--fix", claims=repo_copy).exit_code == 0
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_a_pin_is_renewed_only_when_no_claim_of_the_source_fails(
    invoke: Invoke, repo_copy: Path
) -> None:
    """A typography warning the fix cannot settle stays a warning; a failure keeps the pin."""
    edit_seed_bytes(repo_copy, "“sunset”", "“sun\u200bset”")
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

BOM = "\ufeff"
SOURCE_ID = DATA["sources"][0]["id"]


def anchored_on(invoke: Invoke, claims: Path, text: str) -> None:
    """The seed saved as `text`, pinned, and every claim anchored on it by `--fix`."""
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
    return text.replace("\n", LINE_ENDINGS[style])


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


def test_a_converted_source_is_named_whatever_its_claims_recorded(
    invoke: Invoke, repo_copy: Path
) -> None:
    """Undoing the conversion gives the pinned bytes: no claims file can talk that away."""
    data = json.loads(repo_copy.read_text("utf-8"))
    for claim in data["claims"]:
        claim.update(prefix="", suffix="")
    repo_copy.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    message = converted_and_kept(invoke, repo_copy, in_style(SEED_TEXT, "CRLF").encode("utf-8"))
    assert "but only converted: its line endings are now CRLF" in message


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


# --- properties: a second --fix changes nothing, and --fix makes nothing fail -----------------

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
QUICK = settings(max_examples=25, deadline=None, suppress_health_check=_HEALTH)
LONG = settings(QUICK, max_examples=FUZZ_EXAMPLES)


def shift_anchors(draw: Draw, record: dict[str, Any]) -> None:
    """Offsets a few characters off, as after an edit nearby."""
    if "start" not in record:
        return
    shift = draw(st.integers(-6, 6))
    record["start"] = max(0, record["start"] + shift)
    record["end"] = max(record["start"], record["end"] + shift)


def drop_anchors(draw: Draw, record: dict[str, Any]) -> None:
    """No anchors at all, as a claim typed by hand has."""
    for key in ("start", "end", "prefix", "suffix"):
        record.pop(key, None)


def bend_quote(bend: Callable[[Draw, str], str]) -> Callable[[Draw, dict[str, Any]], None]:
    def bent(draw: Draw, record: dict[str, Any]) -> None:
        record["quote"] = bend(draw, record["quote"])

    return bent


CLAIM_EDITS = (
    shift_anchors,
    drop_anchors,
    *map(bend_quote, (straighten, rewrap, renormalise, elide)),
)
"""What happens to a claim after it was anchored: stale offsets or none, a quote retyped
straight, over lines, in other accents, or cut short with an omission mark."""


@dataclass(frozen=True)
class FixCase:
    """A source as its claims were anchored on it (and pinned), the source now, the claims."""

    anchored: str
    now: str
    claims: tuple[dict[str, Any], ...]

    def document(self) -> dict[str, Any]:
        source = {
            "id": "s",
            "path": "s.txt",
            "title": "A made-up article",
            "author": "Ada Quill",
            "outlet": "The Harbour Ledger",
            "published": "2024-04-24",
            "sha256": hashlib.sha256(self.anchored.encode("utf-8")).hexdigest(),
        }
        return {
            "sources": [source],
            "actors": [{"id": "quill", "name": "Ada Quill", "kind": "author"}],
            "targets": [{"id": "t", "label": "The panel", "description": "The panel."}],
            "claims": [dict(claim) for claim in self.claims],
        }


@st.composite
def fix_cases(draw: Draw) -> FixCase:
    """Claims cut exactly from a laid-out source and anchored; then maybe bent, and the
    source maybe re-wrapped, shifted or retyped."""
    text, style = draw(laid_out_sources())
    claims = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        quote, start, end = draw(exact_quotes(text))
        record: dict[str, Any] = {"id": f"c{number:03d}", "source": "s", "actor": "quill"}
        record |= {"quote": quote, "start": start, "end": end}
        record |= {"prefix": text[max(0, start - 32) : start], "suffix": text[end : end + 32]}
        record |= {"quote_type": "direct", "summary": "Says so."}
        record["stances"] = [{"target": "t", "stance": "support"}]
        for edit in draw(st.lists(st.sampled_from(CLAIM_EDITS), max_size=2)):
            edit(draw, record)
        if not re.search(QUOTE_PATTERN, record["quote"]):  # the schema would refuse it
            record["quote"] = quote
        claims.append(record)
    now = text
    for edit in draw(st.lists(st.sampled_from(SOURCE_EDITS), max_size=2)):
        now = edit(draw, now, LINE_ENDINGS[style])
    return FixCase(text, now, tuple(claims))


def _run(claims: Path, *args: str) -> Result:
    return run_cli(args, claims=claims, env={"GITHUB_ACTIONS": None})


def _severities(claims: Path, *args: str) -> tuple[int, dict[str, str]]:
    result = _run(claims, "check", "--format", "json", *args)
    records = json.loads(result.stdout)["results"]
    return result.exit_code, {r["id"]: r["severity"] for r in records if r["kind"] == "claim"}


def fix_property(case: FixCase) -> None:
    """`--fix` writes only quotes one line long with nothing hidden, exits as a check of what
    it wrote does, never makes a claim fail, and a second `--fix` changes nothing; a dry run
    exits as `check` does."""
    with tempfile.TemporaryDirectory(prefix="dprktrack-fix-") as folder:
        claims = Path(folder) / "claims.json"
        (Path(folder) / "s.txt").write_bytes(case.now.encode("utf-8"))
        original = case.document()
        claims.write_text(json.dumps(original, indent=2, ensure_ascii=False) + "\n", "utf-8")
        code, before = _severities(claims)
        assert code in (0, 1), _run(claims, "check").output
        for strict in ((), ("--strict",)):
            planned = _run(claims, "check", "--fix", "--dry-run", *strict).exit_code
            assert planned == _run(claims, "check", *strict).exit_code, strict
        fixed = _run(claims, "check", "--fix")
        written = claims.read_bytes()
        code, after = _severities(claims)
        assert fixed.exit_code == code, "--fix exits by what remains"
        for claim_id, severity in before.items():
            if severity != "failure":
                assert after[claim_id] != "failure", claim_id
        data = json.loads(written)
        for old, new in zip(original["claims"], data["claims"], strict=True):
            if before[old["id"]] == "failure":
                assert new == old, "a failing claim is never touched"
            elif new["quote"] != old["quote"]:
                assert new["quote"] == single_spaced(new["quote"]), new["quote"]
                assert hidden_character(new["quote"]) is None, new["quote"]
                same_words = normalise_text(old["quote"]).strip()
                assert normalise_text(new["quote"]) == same_words, "only its typography changed"
        if "failure" in after.values():
            assert data["sources"] == original["sources"], "a pin is kept while a claim fails"
        again = _run(claims, "check", "--fix")
        assert again.exit_code == fixed.exit_code
        assert claims.read_bytes() == written, "a second --fix changes nothing"


@given(case=fix_cases())
@QUICK
def test_fix_twice_changes_nothing_the_second_time_and_makes_nothing_fail(case: FixCase) -> None:
    fix_property(case)


@pytest.mark.fuzz
@given(case=fix_cases())
@LONG
def test_fuzz_fix(case: FixCase) -> None:
    fix_property(case)


def test_a_repair_that_would_not_settle_the_claim_is_not_offered() -> None:
    """Retyped curly quotes would make the quote occur verbatim one place along: the next
    check would move it there, and a second --fix would write again. So none is written."""
    text = "The crowd chanted “no more”\n“no more” “no more” all night long."
    start = text.index("“no more”")
    end = text.index("\n“no more”") + len("\n“no more”")
    record: dict[str, Any] = {"id": "c001", "source": "s", "actor": "quill"}
    record |= {"quote": '"no more" "no more"', "start": start, "end": end}
    record |= {"prefix": text[:start], "suffix": text[end : end + 32]}
    record |= {"quote_type": "direct", "summary": "Says so.", "stances": []}
    record["stances"] = [{"target": "t", "stance": "support"}]
    case = FixCase(text, text, (record,))
    code, finding = _checked_alone(case)
    assert (code, finding["verdict"]) == (0, "typography")
    assert (
        "(--fix leaves it alone: repaired, check would find it moved at once)"
        in (finding["message"])
    )
    fix_property(case)


def _checked_alone(case: FixCase) -> tuple[int, dict[str, Any]]:
    """`check --format json` on a case's one claim, in a folder of its own."""
    with tempfile.TemporaryDirectory() as folder:
        claims = Path(folder) / "claims.json"
        (Path(folder) / "s.txt").write_bytes(case.now.encode("utf-8"))
        claims.write_text(json.dumps(case.document(), indent=2, ensure_ascii=False), "utf-8")
        result = _run(claims, "check", "--format", "json")
        (finding,) = json.loads(result.stdout)["results"]
        return result.exit_code, finding


def test_a_repair_longer_than_a_quote_may_be_is_refused() -> None:
    """The source spells its accents decomposed: its spelling of a quote near the longest
    allowed would not fit, and a claims file --fix wrote must still load."""
    quote = ("Le café a fermé. " * 600)[:10_000].strip()
    text = "Avant. " + unicodedata.normalize("NFD", quote) + " Après."
    record: dict[str, Any] = {"id": "c001", "source": "s", "actor": "quill", "quote": quote}
    record |= {"quote_type": "direct", "summary": "Says so."}
    record["stances"] = [{"target": "t", "stance": "support"}]
    case = FixCase(text, text, (record,))
    code, finding = _checked_alone(case)
    assert (code, finding["verdict"]) == (0, "typography")
    assert "longer than a quote may be (10,000 characters)" in finding["message"]
    fix_property(case)


# --- a conversion hidden by an edit -------------------------------------------------------

FICTION = (
    "The Freedonian envoy told the assembly that the mission had done its work well and "
    "should go on for another year at least.\n\n"
    "Officials in Sylvania said later that the talks with their allies had gone well and "
    "that a second round would follow in the spring.\n"
)


def _fictional_copy(tmp_path: Path) -> Path:
    """A fictional source whose claims' recorded text crosses no line end, anchored."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "fiction.txt").write_bytes(FICTION.encode())
    data = json.loads(CLAIMS.read_text("utf-8"))
    source = {**data["sources"][0], "id": "fiction", "path": "seeds/fiction.txt"}
    source["sha256"] = hashlib.sha256(FICTION.encode()).hexdigest()
    template = {k: v for k, v in data["claims"][0].items() if k not in ("start", "end")}
    template = {k: v for k, v in template.items() if k not in ("prefix", "suffix", "date")}
    claims = [
        {**template, "id": "f1", "source": "fiction", "quote": "the mission had done its work"},
        {**template, "id": "f2", "source": "fiction", "quote": "the talks with their allies"},
    ]
    data.update(sources=[source], claims=claims)
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert run_cli(["check", "--fix"], claims=path).exit_code == 0
    for claim in claims_by_id(path).values():
        assert "\n" not in claim["prefix"] + claim["suffix"]
    return path


@pytest.mark.parametrize(
    ("convert", "named"),
    [
        (lambda text: text.replace("\n", "\r\n"), "line endings are now CRLF"),
        (lambda text: "\ufeff" + text, "a byte order mark was added"),
    ],
    ids=["crlf", "bom"],
)
def test_a_conversion_with_an_edit_is_named_and_never_re_pinned(
    tmp_path: Path, convert: Callable[[str], str], named: str
) -> None:
    claims = _fictional_copy(tmp_path)
    before = claims.read_bytes()
    seed = tmp_path / "seeds" / "fiction.txt"
    seed.write_bytes(convert(FICTION.replace("spring", "autumn")).encode())
    result = run_cli(["check", "--fix"], claims=claims)
    assert result.exit_code == 1, result.output
    assert named in result.stdout
    assert claims.read_bytes() == before, "neither re-pinned nor re-anchored"


def test_fix_repairs_every_warning_then_strict_passes(invoke: Invoke, repo_copy: Path) -> None:
    drift_warnings_only(repo_copy)
    text = seed_copy(repo_copy).read_text("utf-8")
    before = load(repo_copy)
    result = invoke("check", "--fix", "--format", "text", claims=repo_copy)
    assert result.exit_code == 0
    assert re.search(r"note: --fix updated \d+ record\(s\)", result.stderr)
    assert " (fixed)" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("0 failures, 0 warnings.")
    after = load(repo_copy)
    assert after["sources"][0]["sha256"] == digest(seed_copy(repo_copy))
    for claim in after["claims"]:
        start, end = claim["start"], claim["end"]
        assert text[start:end] == claim["quote"], claim["id"]
        assert claim["prefix"] == text[max(0, start - 32) : start]
        assert claim["suffix"] == text[end : end + 32]
    assert claim_of(after, "c003")["quote"] == QUOTE["c003"].replace("“sunset”", '"sunset"')
    assert "start" not in claim_of(before, "c040")
    assert list(claim_of(after, "c040")) == list(claim_of(DATA, "c040")), "hints, in place"
    strict = invoke("check", "--strict", claims=repo_copy)
    assert strict.exit_code == 0


def test_fix_never_touches_a_failing_claim(invoke: Invoke, repo_copy: Path) -> None:
    text = drift_with_failures(repo_copy)
    edit_seed(repo_copy, QUOTE["c040"], "")  # c040 missing too
    text = seed_copy(repo_copy).read_text("utf-8")
    before = load(repo_copy)
    result = invoke("check", "--fix", "--format", "json", claims=repo_copy)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    verdicts = {r["id"]: r["verdict"] for r in report["results"]}
    assert (verdicts["c002"], verdicts["c005"], verdicts["c040"]) == (
        "ambiguous",
        "changed",
        "missing",
    )
    after = load(repo_copy)
    for claim_id in ("c002", "c005", "c040"):
        assert claim_of(after, claim_id) == claim_of(before, claim_id)
        assert not claim_results(report)[claim_id]["fixed"]
    assert after["sources"] == before["sources"]
    assert report["summary"]["failures"] == 4, "three claims and the pin, which waits for them"
    assert report["summary"]["warnings"] == 0
    for claim in after["claims"]:
        if claim["id"] not in ("c002", "c005", "c040"):
            assert text[claim["start"] : claim["end"]] == claim["quote"]


def test_a_second_fix_changes_nothing(invoke: Invoke, repo_copy: Path) -> None:
    drift_warnings_only(repo_copy)
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 0
    fixed = repo_copy.read_bytes()
    again = invoke("check", "--fix", claims=repo_copy)
    assert again.exit_code == 0
    assert "note: nothing to fix" in again.stderr
    assert repo_copy.read_bytes() == fixed


def test_fix_dry_run_prints_the_diff_and_writes_nothing(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo_copy.parent)
    drift_warnings_only(repo_copy)
    before = repo_copy.read_text("utf-8")
    dry = invoke("check", "--fix", "--dry-run", claims=repo_copy)
    assert dry.exit_code == 1, "as check would: the pin is not renewed by a dry run"
    assert repo_copy.read_text("utf-8") == before
    assert dry.stdout.startswith("--- a/claims.json\n+++ b/claims.json\n@@ ")
    assert "warnings." in dry.stderr
    assert "--fix would update" in dry.stderr
    assert "(--fix would repair it)" in dry.stderr
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 0
    after = repo_copy.read_text("utf-8")
    expected = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        "a/claims.json",
        "b/claims.json",
    )
    assert dry.stdout == "".join(expected)


def test_the_fixed_file_keeps_its_layout(invoke: Invoke, repo_copy: Path) -> None:
    drift_warnings_only(repo_copy)
    data = load(repo_copy)
    add_claim(data, "c900", DASHED.replace("–", "-"))
    save(repo_copy, data)
    before = repo_copy.read_text("utf-8")
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 0
    raw = repo_copy.read_bytes()
    text = raw.decode("utf-8")
    after = json.loads(text)
    assert text == json.dumps(after, indent=2, ensure_ascii=False) + "\n"
    assert text.endswith("}\n")
    assert "\\u" not in text
    assert "’" in text
    assert list(after) == list(DATA)
    for old, new in zip(data["claims"], after["claims"], strict=True):
        if "start" in old:
            assert list(new) == list(old), old["id"]
    c900 = list(claim_of(after, "c900"))
    assert c900[c900.index("quote") : c900.index("quote") + 5] == ["quote", *ANCHORS]
    diff = difflib.unified_diff(before.splitlines(), text.splitlines(), n=0, lineterm="")
    changed = [line for line in diff if line[:1] in "-+" and line[:3] not in ("---", "+++")]
    assert changed
    field = re.compile(r'[-+]\s+"(start|end|prefix|suffix|sha256|quote)": ')
    assert all(field.match(line) for line in changed), changed


BOUNDARIES = [match.start() for match in re.finditer(r"\n\n", SEED_TEXT)]


paragraph_text = st.text(alphabet=string.ascii_letters + " ,.", min_size=1, max_size=40).filter(
    lambda text: text.strip() != ""
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(BOUNDARIES), paragraph_text),
        min_size=1,
        max_size=4,
        unique_by=lambda item: item[0],
    )
)
def test_fix_is_idempotent_and_settles_warnings_after_paragraphs_are_inserted(
    invoke: Invoke, insertions: list[tuple[int, str]]
) -> None:
    text = SEED_TEXT
    for at, paragraph in sorted(insertions, reverse=True):
        text = f"{text[:at]}\n\n{paragraph.strip()}{text[at:]}"
    with tempfile.TemporaryDirectory() as folder:
        claims = Path(folder) / "claims.json"
        claims.write_bytes(CLAIMS.read_bytes())
        (Path(folder) / "seeds").mkdir()
        seed_copy(claims).write_bytes(text.encode("utf-8"))
        code, report = check_json(invoke, claims)
        failing = {
            record["id"]
            for record in claim_results(report).values()
            if record["severity"] == "failure"
        }
        # Paragraphs inserted between paragraphs change no quote: no claim may fail, even
        # a quote that is a whole paragraph and lost both its recorded prefix and suffix.
        assert not failing, report
        assert code == 1, "the source is off its pin"
        first = invoke("check", "--fix", claims=claims)
        assert first.exit_code == 0, "the pin renewed, every claim re-anchored"
        fixed = claims.read_bytes()
        second = invoke("check", "--fix", claims=claims)
        assert "note: nothing to fix" in second.stderr
        assert claims.read_bytes() == fixed
        after = load(claims)
        for claim in after["claims"]:
            assert text[claim["start"] : claim["end"]] == claim["quote"]
        assert invoke("check", "--strict", claims=claims).exit_code == 0


def test_a_whole_paragraph_quote_between_new_paragraphs_is_moved_not_a_look_alike(
    invoke: Invoke, repo_copy: Path
) -> None:
    """Both recorded neighbours are gone, but the quote is intact: moved, and --fix settles it."""
    quote = claim_of(DATA, "c016")["quote"]
    seed = seed_copy(repo_copy)
    text = seed.read_text("utf-8")
    assert f"\n\n{quote}\n\n" in text, "c016 quotes a whole paragraph"
    seed.write_text(text.replace(quote, f"A new paragraph.\n\n{quote}\n\nAnother one.", 1), "utf-8")
    code, report = check_json(invoke, repo_copy, "c016")
    verdicts = {record["id"]: record["verdict"] for record in report["results"]}
    assert (code, verdicts["c016"]) == (1, "moved"), "the source is off its pin"
    assert invoke("check", "--fix", claims=repo_copy).exit_code == 0
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_fix_keeps_a_claims_file_with_windows_line_endings_so(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    strip_hints(data, "c010")
    claims = write_claims(data)
    claims.write_bytes(claims.read_bytes().replace(b"\n", b"\r\n"))
    assert invoke("check", "--fix", claims=claims).exit_code == 0
    written = claims.read_bytes()
    assert b"\r\n" in written
    assert b"\n" not in written.replace(b"\r\n", b"")
    assert json.loads(written) == DATA


def test_a_dry_run_reports_on_stderr_and_names_the_file_as_git_apply_wants(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo_copy.parent.parent)
    relative = Path(repo_copy.parent.name) / repo_copy.name
    edit_seed(repo_copy, C005_SENTENCE, C005_SENTENCE.replace("reducing", "cutting"))
    data = json.loads(RAW)
    strip_hints(data, "c010")
    save(repo_copy, data)
    result = invoke("check", "--fix", "--dry-run", claims=relative)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"--- a/{relative.as_posix()}\n+++ b/{relative.as_posix()}\n")
    assert " c005 changed: " in result.stderr, "the findings are not hidden"
    assert "2 failures" in result.stderr, "c005 and the pin"


def test_github_annotations_leave_out_what_fix_just_repaired(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    claim_of(data, "c010").update(start=1, end=2)
    claims = write_claims(data)
    result = invoke("check", "--fix", "--format", "github", claims=claims)
    assert result.exit_code == 0
    assert "::warning" not in result.stdout
    assert "1 moved; --fix updated 1" in result.stdout


def test_a_dry_run_patch_for_a_file_above_is_refused_by_git_apply_not_misapplied(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Headers keep the "..": `git apply` refuses them instead of patching ./claims.json."""
    below = repo_copy.parent / "below"
    below.mkdir()
    monkeypatch.chdir(below)
    drift_warnings_only(repo_copy)
    dry = invoke("check", "--fix", "--dry-run", claims=Path("..") / "claims.json")
    assert dry.stdout.startswith("--- a/../claims.json\n+++ b/../claims.json\n@@ ")


def test_the_dry_run_patch_applies_to_a_file_without_a_final_newline(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_anchors(repo_copy, final_newline=False)
    monkeypatch.chdir(repo_copy.parent)
    result = invoke("check", "--fix", "--dry-run", claims=Path("claims.json"))
    assert "\\ No newline at end of file\n" in result.stdout
    (repo_copy.parent / "fix.diff").write_text(result.stdout, "utf-8")
    applied = subprocess.run(
        ["git", "apply", "fix.diff"],
        check=False,
        cwd=repo_copy.parent,
        capture_output=True,
        text=True,
    )
    assert applied.returncode == 0, applied.stderr
    assert invoke("check", "--strict", claims=Path("claims.json")).exit_code == 0


def test_fix_on_a_file_without_claims_renews_the_pin(
    invoke: Invoke, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the fuzz test: a file without claims made --fix fail (exit 70)."""
    data = json.loads(repo_copy.read_text("utf-8"))
    data["claims"] = []
    data["sources"][0]["sha256"] = "0" * 64
    repo_copy.write_text(json.dumps(data, indent=2), "utf-8")
    result = invoke("check", "--fix", claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert json.loads(repo_copy.read_text("utf-8"))["sources"][0]["sha256"] != "0" * 64
