"""The add command: a new claim anchored in its source, asked for or given, and what it
refuses.

A test that writes works on `repo_copy`; the repository's own files are only read.
"""

from __future__ import annotations

import io
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from support import (
    CLAIM_IDS,
    NEGATED,
    SEED,
    SEED_TEXT,
    UNIQUE,
    Invoke,
    add_args,
    json_output,
    straightened,
)

# The id `add` gives next: one past the bundled file's highest (a dropped id's gap is not filled).
NEW = f"c{max(int(claim_id[1:]) for claim_id in CLAIM_IDS) + 1:03d}"
AFTER_ADD = len(CLAIM_IDS) + 1


def claims_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {claim["id"]: claim for claim in data["claims"]}


# --- add ---------------------------------------------------------------------------


def test_add_then_check_passes(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke(*add_args(UNIQUE, "--date", "2024-03-28"), claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{NEW}\n"
    added = claims_of(repo_copy)[NEW]
    start = SEED_TEXT.index(UNIQUE)
    assert added == {
        "id": NEW,
        "source": "neo-2024-04-24",
        "actor": "nebenzya",
        "quote": UNIQUE,
        "start": start,
        "end": start + len(UNIQUE),
        "prefix": SEED_TEXT[start - 32 : start],
        "suffix": SEED_TEXT[start + len(UNIQUE) : start + len(UNIQUE) + 32],
        "quote_type": "direct",
        "stances": [{"target": "sunset-clauses", "stance": "support"}],
        "summary": "Says the draft ignored Moscow's proposal.",
        "date": "2024-03-28",
    }
    check = invoke("check", "--strict", claims=repo_copy)
    assert check.exit_code == 0, check.output
    assert f"{AFTER_ADD} claims checked: {AFTER_ADD} ok" in check.stdout


def test_add_stores_the_curly_apostrophe_for_a_straight_one(
    invoke: Invoke, repo_copy: Path
) -> None:
    result = invoke(*add_args(straightened(UNIQUE)), claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert claims_of(repo_copy)[NEW]["quote"] == UNIQUE
    assert "stored in the source's own characters" in result.stderr
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_add_keeps_the_files_layout_and_only_appends(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_text("utf-8")
    assert invoke(*add_args(UNIQUE), claims=repo_copy).exit_code == 0
    after = repo_copy.read_text("utf-8")
    # Everything up to the end of the last claim is unchanged.
    end_of_last = before.rindex("}\n  ]\n}")
    assert after.startswith(before[:end_of_last])
    assert after.endswith("\n  ]\n}\n")


def test_add_keeps_crlf_line_endings(invoke: Invoke, repo_copy: Path) -> None:
    repo_copy.write_bytes(repo_copy.read_bytes().replace(b"\n", b"\r\n"))
    assert invoke(*add_args(UNIQUE), claims=repo_copy).exit_code == 0
    data = repo_copy.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert f'"id": "{NEW}"'.encode() in data


def test_an_ambiguous_quote_is_refused_and_nothing_is_written(
    invoke: Invoke, repo_copy: Path
) -> None:
    before = repo_copy.read_bytes()
    result = invoke(*add_args("the Panel"), claims=repo_copy)
    assert result.exit_code == 2
    assert "the quote occurs 7 times" in result.stderr
    assert "--occurrence N" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert repo_copy.read_bytes() == before
    assert not list(repo_copy.parent.glob(".claims.json.*"))


def test_occurrence_picks_one_of_several_and_check_holds_it(
    invoke: Invoke, repo_copy: Path
) -> None:
    third = [match.start() for match in re.finditer("the Panel", SEED_TEXT)][2]
    result = invoke(*add_args("the Panel", "--occurrence", "3"), claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert claims_of(repo_copy)[NEW]["start"] == third
    assert invoke("check", "--strict", NEW, claims=repo_copy).exit_code == 0
    too_far = invoke(*add_args("the Panel", "--occurrence", "8"), claims=repo_copy)
    assert too_far.exit_code == 2
    assert "--occurrence 8: the quote occurs 7 times" in too_far.stderr


def test_a_quote_not_in_the_source_is_refused_with_the_closest_passage(
    invoke: Invoke, repo_copy: Path
) -> None:
    before = repo_copy.read_bytes()
    result = invoke(*add_args("Moscow's proposal to set a time limt"), claims=repo_copy)
    assert result.exit_code == 2
    assert re.search(r"the quote is not in \S*seeds/000_ae58a3e6272e0d5e.txt;", result.stderr)
    assert f"reads {UNIQUE!r}" in result.stderr
    assert repo_copy.read_bytes() == before


def test_an_omission_that_drops_a_negation_is_refused(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    quote = NEGATED.replace("did not take", "did … take")
    result = invoke(*add_args(quote), claims=repo_copy)
    assert result.exit_code == 2
    assert "would not pass `dprktrack check`: changed" in result.stderr
    assert "'not'" in result.stderr
    assert repo_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--actor", "nobody"), "--actor: no actor 'nobody'; actors: asmolov, russia"),
        (("--actor", "south"), "--actor 'south' names several actors: us-rok-officials"),
        (("--stance", "panel=oppose"), "no target 'panel'; targets: panel-of-experts,"),
        (("--stance", "panel-of-experts=against"), "the stance is one of support, oppose"),
        (("--stance", "panel-of-experts"), "write TARGET=STANCE"),
        (("--date", "2024-02-30"), "--date: is not a real date"),
        (("--date", "2024-03"), "--date: expected a date as YYYY-MM-DD (got '2024-03')"),
        (("--date", "2024"), "--date: expected a date as YYYY-MM-DD (got '2024')"),
        (("--date", "2024-03-28T10:00"), "--date: expected a date as YYYY-MM-DD"),
        (("--summary", " "), "--summary: empty; give a value or leave the option out"),
        (("--summary", "two\nlines"), "--summary: one line, please"),
        (("--quote", ""), "--quote: empty; give a value or leave the option out"),
        (("--actor", ""), "--actor: empty"),
        (("--date", "２０２４-03-28"), "--date: expected a date as YYYY-MM-DD"),
        (
            ("--date", "2024-05-01"),
            "--date: 2024-05-01 is after the source was published (2024-04-24)",
        ),
        (("--reported-via", "nebenzya"), "--reported-via: that is the actor itself"),
        (("--stance", ""), "--stance: empty; give a value or leave the option out"),
        (("--reported-via", "nobody"), "--reported-via: no actor 'nobody'"),
        (("--source", "other"), "unknown source 'other'; sources: neo-2024-04-24"),
    ],
)
def test_unknown_or_invalid_values_are_refused_with_the_valid_ones(
    invoke: Invoke, repo_copy: Path, change: tuple[str, str], message: str
) -> None:
    before = repo_copy.read_bytes()
    args = add_args(UNIQUE)
    option, value = change
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = invoke(*args, claims=repo_copy)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert repo_copy.read_bytes() == before


def test_stance_targets_and_values_are_read_blind_to_case(invoke: Invoke, repo_copy: Path) -> None:
    args = add_args(UNIQUE, "--stance", "Russia-Veto=SUPPORT", "--quote-type", "Indirect")
    assert invoke(*args, claims=repo_copy).exit_code == 0
    added = claims_of(repo_copy)[NEW]
    assert added["stances"][1] == {"target": "russia-veto", "stance": "support"}
    assert added["quote_type"] == "indirect"


def test_missing_options_off_a_terminal_are_named_in_one_line(
    invoke: Invoke, repo_copy: Path
) -> None:
    result = invoke("add", "--quote", UNIQUE, "--no-prompt", claims=repo_copy)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: missing --actor, --stance, --summary (give them")
    assert result.stderr.count("\n") == 1


def test_dry_run_prints_the_claim_and_writes_nothing(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    result = invoke(*add_args(UNIQUE, "--dry-run"), claims=repo_copy)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == NEW
    assert repo_copy.read_bytes() == before


def test_add_never_writes_the_bundled_claims_file(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(*add_args(UNIQUE), claims=None)
    assert result.exit_code == 2
    assert "no claims.json in this folder; name the one to use: dprktrack --claims PATH add" in (
        result.stderr
    )


def test_prompts_ask_for_what_is_missing_and_re_ask_after_a_slip(
    invoke: Invoke, repo_copy: Path
) -> None:
    answers = [
        "south",  # names two actors: asked again
        "vasily",
        "the Panel",  # found 7 times: which one is asked
        "9",  # not one of them: asked again
        "3",
        "panel-of-experts=oppose, sunset-clauses=support",
        "  ",  # a blank summary: asked again
        "Says the draft ignored the proposal.",
        "",  # quote type: the default, direct
        "nk news",
        "2024-03",  # a month, not a date: asked again
        "2024-02-30",  # not a real date: asked again
        "2024-03-28",
    ]
    result = invoke("add", "--prompt", claims=repo_copy, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "error: --actor 'south' names several actors" in result.output
    assert "Which occurrence (1-7, by line:column: 17:50, 19:214" in result.output
    assert "error: give a number from 1 to 7" in result.output
    assert "error: an answer is needed here" in result.output
    assert "error: --date: expected a date as YYYY-MM-DD (got '2024-03')" in result.output
    assert "error: --date: is not a real date" in result.output
    third = [match.start() for match in re.finditer("the Panel", SEED_TEXT)][2]
    added = claims_of(repo_copy)[NEW]
    assert (added["actor"], added["quote"], added["start"]) == ("nebenzya", "the Panel", third)
    assert [entry["target"] for entry in added["stances"]] == ["panel-of-experts", "sunset-clauses"]
    assert (added["quote_type"], added["reported_via"], added["date"]) == (
        "direct",
        "nk-news",
        "2024-03-28",
    )
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


class _EditedWhileAnswering(io.BytesIO):
    """Answers to the prompts; the first read edits the claims file, as a second curator would."""

    def __init__(self, answers: bytes, claims: Path) -> None:
        super().__init__(answers)
        self.claims = claims
        self.edited = False

    def _edit(self) -> None:
        if not self.edited:
            self.edited = True
            text = self.claims.read_text("utf-8")
            self.claims.write_text(text.replace('"summary": "', '"summary": "Edited. ', 1), "utf-8")

    def read(self, size: int | None = -1) -> bytes:
        if size != 0:
            self._edit()
        return super().read(size)

    def read1(self, size: int | None = -1) -> bytes:
        if size != 0:
            self._edit()
        return super().read1(size)


def test_a_file_changed_while_prompting_is_not_overwritten(invoke: Invoke, repo_copy: Path) -> None:
    answers = _EditedWhileAnswering(b"Says the draft ignored the proposal.\n\n\n\n", repo_copy)
    result = invoke(*add_args(UNIQUE)[:-2], "--prompt", claims=repo_copy, input=answers)
    assert answers.edited
    assert result.exit_code == 2, result.output
    assert "changed on disk since it was read; nothing written, run again" in result.output
    claims = claims_of(repo_copy)
    assert NEW not in claims
    assert claims["c001"]["summary"].startswith("Edited. ")  # the other curator's edit stays
    assert not list(repo_copy.parent.glob(".claims.json.*"))
    # The answers are not lost: the note gives the command that adds the same claim.
    (command,) = re.findall(r"note: to add it once the file is settled: (.*)", result.output)
    words = shlex.split(command)
    assert words[:3] == ["dprktrack", "--claims", str(repo_copy)]
    again = invoke(*words[3:], claims=repo_copy, input="")
    assert again.exit_code == 0, again.output
    assert claims_of(repo_copy)[NEW]["summary"] == "Says the draft ignored the proposal."


# --- ids -----------------------------------------------------------------------------


def test_input_ending_while_asking_writes_nothing_and_exits_130(
    invoke: Invoke, repo_copy: Path
) -> None:
    before = repo_copy.read_bytes()
    result = invoke("add", "--prompt", claims=repo_copy, input="nebenzya\n")
    assert result.exit_code == 130
    assert "error: interrupted (or input ended) before the end; nothing written" in result.output
    assert repo_copy.read_bytes() == before


# --- what review and a first trial found ------------------------------------------------


def test_add_refuses_a_source_that_no_longer_matches_its_pin(
    invoke: Invoke, repo_copy: Path
) -> None:
    seed = repo_copy.parent / "seeds" / SEED.name
    seed.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    before = repo_copy.read_bytes()
    result = invoke(*add_args(UNIQUE), claims=repo_copy)
    assert result.exit_code == 2
    assert "no longer matches its sha256 pin" in result.stderr
    assert "run `dprktrack check`" in result.stderr
    assert repo_copy.read_bytes() == before


def test_a_quote_at_the_start_of_the_source_keeps_its_empty_prefix(
    invoke: Invoke, repo_copy: Path
) -> None:
    quote = SEED_TEXT[: SEED_TEXT.index("\n")]
    args = ["add", "--actor", "asmolov", "--quote", quote, "--stance",
            "panel-of-experts=neutral", "--summary", "The byline."]  # fmt: skip
    assert invoke(*args, claims=repo_copy).exit_code == 0
    added = claims_of(repo_copy)[NEW]
    assert (added["start"], added["prefix"]) == (0, "")
    fix = invoke("check", "--fix", "--dry-run", claims=repo_copy)
    assert fix.stdout == ""
    assert "nothing to fix" in fix.stderr


def test_an_edge_alteration_found_several_times_can_be_chosen(
    invoke: Invoke, repo_copy: Path
) -> None:
    located = json.loads(invoke("locate", "[t]he Panel of Experts", "--format", "json").stdout)
    assert [hit["occurrence"] for hit in located["hits"]] == [1, 2, 3]
    # The bracket stands for the passage's first letter, whatever its case ("The Panel …").
    passages = [SEED_TEXT[hit["start"] : hit["end"]] for hit in located["hits"]]
    assert [passage.lower() for passage in passages] == ["the panel of experts"] * 3
    args = add_args("[t]he Panel of Experts", "--occurrence", "2")
    refused = invoke(*args, claims=repo_copy)
    assert refused.exit_code == 2, "an alteration is added only once it is approved"
    assert 'alteration: the source\'s "t", the quote\'s "[t]"' in refused.stderr
    result = invoke(*args, "--approve", claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert claims_of(repo_copy)[NEW]["review_pin"]
    assert claims_of(repo_copy)[NEW]["start"] == located["hits"][1]["start"]
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_stances_may_be_given_comma_separated_in_one_option(
    invoke: Invoke, repo_copy: Path
) -> None:
    args = add_args(UNIQUE)
    args[args.index("--stance") + 1] = "panel-of-experts=oppose,russia-veto=support"
    assert invoke(*args, claims=repo_copy).exit_code == 0
    stances = claims_of(repo_copy)[NEW]["stances"]
    assert [entry["target"] for entry in stances] == ["panel-of-experts", "russia-veto"]


def test_a_quote_too_long_to_search_says_so(invoke: Invoke, repo_copy: Path) -> None:
    quote = SEED_TEXT[:1200].replace("sanctions", "sanctiona")
    result = invoke(*add_args(quote), claims=repo_copy)
    assert result.exit_code == 2
    assert "too long to look for a close passage (over 1000 characters)" in result.stderr


def test_a_name_resolves_as_list_finds_it_and_one_that_fits_several_is_refused(
    invoke: Invoke, repo_copy: Path
) -> None:
    """`add --actor` names the actors `list --actor` would find, and must find only one:
    an exact alias of one actor whose words begin another's name is refused too."""
    before = repo_copy.read_bytes()
    for name in ("kim", "state department"):
        found = {
            row["actor_id"]
            for row in json_output(invoke("list", "--actor", name, "--format", "json"))
        }
        result = invoke(*add_args(UNIQUE, "--reported-via", name), claims=repo_copy)
        assert result.exit_code == 2
        assert f"--reported-via {name!r} names several actors" in result.stderr
        for actor_id in found:
            assert f"{actor_id} (" in result.stderr
        assert repo_copy.read_bytes() == before
    args = add_args(UNIQUE, "--reported-via", "us-state-department")
    assert invoke(*args, claims=repo_copy).exit_code == 0
    assert claims_of(repo_copy)[NEW]["reported_via"] == "us-state-department"


def test_a_misspelt_actor_gets_did_you_mean(invoke: Invoke, repo_copy: Path) -> None:
    args = add_args(UNIQUE)
    args[args.index("--actor") + 1] = "nebnzya"
    result = invoke(*args, claims=repo_copy)
    assert result.exit_code == 2
    assert "--actor: no actor 'nebnzya'; did you mean nebenzya?" in result.stderr
    listed = invoke("list", "--actor", "nebnzya", "--format", "json")
    assert "did you mean nebenzya?" in listed.stderr


def test_kind_act_is_written_and_statement_left_to_the_default(
    invoke: Invoke, repo_copy: Path
) -> None:
    result = invoke(*add_args(UNIQUE, "--kind", "ACT"), "--dry-run", claims=repo_copy)
    assert json_output(result)["kind"] == "act"
    plain = invoke(*add_args(UNIQUE), "--dry-run", claims=repo_copy)
    assert "kind" not in json_output(plain)


def test_all_required_options_given_asks_nothing_more(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke(*add_args(UNIQUE), "--prompt", claims=repo_copy, input="")
    assert result.exit_code == 0, result.output
    assert "Quote type" not in result.output


@pytest.mark.parametrize(("answer", "code"), [("y\n", 0), ("n\n", 1)])
def test_add_on_a_terminal_shows_the_departures_and_asks(
    invoke: Invoke, repo_copy: Path, answer: str, code: int
) -> None:
    before = repo_copy.read_bytes()
    quote = "[t]he US, UK and France refuse to accept … proposals"
    args = add_args(quote, "--prompt")
    result = invoke(*args, claims=repo_copy, input=answer)
    assert result.exit_code == code, result.output
    assert f"{NEW}'s quote departs from the source's words in 2 places:" in result.stderr
    assert 'omission: the source\'s "these", the quote\'s "…"' in result.stderr
    if code:
        assert repo_copy.read_bytes() == before
    else:
        (record,) = [c for c in json.loads(repo_copy.read_text())["claims"] if c["id"] == NEW]
        assert record["quote"] == quote
        assert re.fullmatch("[0-9a-f]{16}", record["review_pin"])
