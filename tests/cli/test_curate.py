"""Curating: `locate`, `add`, `add-actor` and `add-target`, through the command line and
the library, on temporary copies of the repository's claims file and seed.

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
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from support import CLAIMS, SEED, Invoke, add_args, on_words

from dprktrack.claimsfile.load import load_catalog
from dprktrack.curate import locate, next_claim_id, slug, whole_words
from dprktrack.matching.textpos import Span, paragraph, sentence

SEED_TEXT = SEED.read_text("utf-8")
CATALOG = load_catalog(CLAIMS)
UNIQUE = "Moscow’s proposal to set a time limit"
"""A passage that occurs once in the seed, with a typographic apostrophe."""
NEGATED = "the authors of the document did not take into account Moscow’s proposal"
TYPED = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "…": "..."}
SEED_PROPERTY = settings(
    deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)


def straightened(text: str) -> str:
    return "".join(TYPED.get(char, char) for char in text)


def claims_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {claim["id"]: claim for claim in data["claims"]}


# --- locate ------------------------------------------------------------------------


def test_locate_shows_place_sentence_and_the_sources_characters(invoke: Invoke) -> None:
    result = invoke("locate", straightened(UNIQUE))
    assert result.exit_code == 0, result.output
    start = SEED_TEXT.index(UNIQUE)
    line = SEED_TEXT.count("\n", 0, start) + 1
    column = start - SEED_TEXT.rfind("\n", 0, start)
    assert f"000_ae58a3e6272e0d5e.txt:{line}:{column}" in result.stdout
    assert f"offsets {start}–{start + len(UNIQUE)}  typography" in result.stdout
    assert f"⟦{UNIQUE}⟧" in result.stdout  # highlighted without colour
    assert f"quote: {json.dumps(UNIQUE, ensure_ascii=False)}" in result.stdout


def test_locate_json_gives_every_occurrence_in_order(invoke: Invoke) -> None:
    result = invoke("locate", "the Panel", "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    starts = [hit["start"] for hit in found["hits"]]
    assert starts == [match.start() for match in re.finditer("the Panel", SEED_TEXT)]
    assert found["occurrences"] == len(starts) > 1
    assert all(SEED_TEXT[hit["start"] : hit["end"]] == hit["quote"] for hit in found["hits"])
    assert all(hit["quote"] in hit["sentence"] for hit in found["hits"])


def test_locate_says_when_the_text_occurs_more_than_once(invoke: Invoke) -> None:
    result = invoke("locate", "the Panel")
    assert "note: found 7 times" in result.stderr
    assert "--occurrence N" in result.stderr


def test_locate_without_a_hit_lists_the_closest_passages_and_exits_1(invoke: Invoke) -> None:
    result = invoke("locate", "Moscows proposal to set a time limt", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found["found"] is False
    assert found["hits"] == []
    best = found["closest"][0]
    assert best["quote"] == UNIQUE
    assert best["match"] == "close"
    assert 0.8 < best["score"] < 1


def test_locate_with_nothing_close_says_so(invoke: Invoke) -> None:
    result = invoke("locate", "qwxz vbnm plkj")
    assert result.exit_code == 1
    assert result.stderr == "note: not in the sources, and nothing there is close\n"


def test_locate_finds_a_quote_with_omissions(invoke: Invoke) -> None:
    quote = "the authors of the document … Moscow's proposal"
    result = invoke("locate", quote, "--format", "json")
    (hit,) = json.loads(result.stdout)["hits"]
    assert hit["quote"] == "the authors of the document … Moscow’s proposal"
    assert SEED_TEXT[hit["start"] : hit["end"]] == NEGATED


def test_locate_refuses_an_unknown_source_and_empty_text(invoke: Invoke) -> None:
    unknown = invoke("locate", "the Panel", "--source", "nope")
    assert unknown.exit_code == 2
    assert "unknown source 'nope'; sources: neo-2024-04-24" in unknown.stderr
    empty = invoke("locate", "  ")
    assert empty.exit_code == 2
    assert "TEXT is empty" in empty.stderr


@st.composite
def seed_spans(draw: st.DrawFn) -> Span:
    start = draw(st.integers(0, len(SEED_TEXT) - 12))
    end = draw(st.integers(start + 12, min(len(SEED_TEXT), start + 200)))
    return Span(*on_words(SEED_TEXT, start, end))


@SEED_PROPERTY
@example(Span(*on_words(SEED_TEXT, 0, 12)))
@example(Span(SEED_TEXT.index(UNIQUE), SEED_TEXT.index(UNIQUE) + len(UNIQUE)))
@given(seed_spans())
def test_a_unique_seed_passage_retyped_is_located_in_the_seeds_spelling(span: Span) -> None:
    start, end = span.start, span.end
    passage = SEED_TEXT[start:end]
    assume(passage == passage.strip() and "\n" not in passage)
    assume(SEED_TEXT.count(passage) == 1)
    typed = straightened(passage)
    assume(SEED_TEXT.count(typed) <= 1)
    located = locate(CATALOG, typed)
    (hit,) = located.hits
    assert (hit.span, hit.spelling) == (Span(start, end), passage)
    assert hit.kind == ("exact" if typed == passage else "typography")
    assert hit.sentence[hit.span.start - hit.sentence_start :].startswith(passage)


@given(st.text(alphabet="ab .!?\n", max_size=60), st.data())
def test_a_sentence_holds_its_span_inside_its_paragraph(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = Span(start, end)
    around = sentence(text, span, longest=20)
    bounds = paragraph(text, span)
    assert bounds.start <= around.start <= start
    assert end <= around.end <= bounds.end
    # It ends with a sentence, with its paragraph, or (cut short) near the span.
    ends_sentence = text[around.end - 1 : around.end] in (".", "!", "?")
    assert ends_sentence or around.end == bounds.end or around.end - end <= 20


@given(st.text(alphabet="ab1 ,’", max_size=40), st.data())
def test_whole_words_only_widens_over_letters_and_digits(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    wide = whole_words(text, Span(start, end))
    passage = text[wide.start : wide.end]
    assert passage == passage.strip()
    assert passage.strip() in text[start:end].strip() or text[start:end].strip() in passage
    assert text[wide.start : start].isalnum() or wide.start >= start
    assert text[end : wide.end].isalnum() or wide.end <= end


# --- add ---------------------------------------------------------------------------


def test_add_then_check_passes(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke(*add_args(UNIQUE, "--date", "2024-03-28"), claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert result.stdout == "c060\n"
    added = claims_of(repo_copy)["c060"]
    start = SEED_TEXT.index(UNIQUE)
    assert added == {
        "id": "c060",
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
    assert "60 claims checked: 60 ok" in check.stdout


def test_add_stores_the_curly_apostrophe_for_a_straight_one(
    invoke: Invoke, repo_copy: Path
) -> None:
    result = invoke(*add_args(straightened(UNIQUE)), claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert claims_of(repo_copy)["c060"]["quote"] == UNIQUE
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
    assert b'"id": "c060"' in data


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
    assert claims_of(repo_copy)["c060"]["start"] == third
    assert invoke("check", "--strict", "c060", claims=repo_copy).exit_code == 0
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
    added = claims_of(repo_copy)["c060"]
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
    assert json.loads(result.stdout)["id"] == "c060"
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
    result = _invoke_with_input(repo_copy, ["add", "--prompt"], "\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "error: --actor 'south' names several actors" in result.output
    assert "Which occurrence (1-7, by line:column: 17:50, 19:214" in result.output
    assert "error: give a number from 1 to 7" in result.output
    assert "error: an answer is needed here" in result.output
    assert "error: --date: expected a date as YYYY-MM-DD (got '2024-03')" in result.output
    assert "error: --date: is not a real date" in result.output
    third = [match.start() for match in re.finditer("the Panel", SEED_TEXT)][2]
    added = claims_of(repo_copy)["c060"]
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


def _invoke_with_input(claims: Path, args: list[str], answers: str | io.BytesIO) -> Any:
    from click.testing import CliRunner

    from dprktrack.cli import main

    return CliRunner().invoke(main, ["--claims", str(claims), *args], input=answers)


def test_a_file_changed_while_prompting_is_not_overwritten(repo_copy: Path) -> None:
    answers = _EditedWhileAnswering(b"Says the draft ignored the proposal.\n\n\n\n", repo_copy)
    result = _invoke_with_input(repo_copy, [*add_args(UNIQUE)[:-2], "--prompt"], answers)
    assert answers.edited
    assert result.exit_code == 2, result.output
    assert "changed on disk since it was read; nothing written, run again" in result.output
    claims = claims_of(repo_copy)
    assert "c060" not in claims
    assert claims["c001"]["summary"].startswith("Edited. ")  # the other curator's edit stays
    assert not list(repo_copy.parent.glob(".claims.json.*"))
    # The answers are not lost: the note gives the command that adds the same claim.
    (command,) = re.findall(r"note: to add it once the file is settled: (.*)", result.output)
    words = shlex.split(command)
    assert words[:3] == ["dprktrack", "--claims", str(repo_copy)]
    again = _invoke_with_input(repo_copy, words[3:], "")
    assert again.exit_code == 0, again.output
    assert claims_of(repo_copy)["c060"]["summary"] == "Says the draft ignored the proposal."


# --- add-actor and add-target -------------------------------------------------------


def test_add_actor_makes_a_slug_id_and_the_file_still_loads(
    invoke: Invoke, repo_copy: Path
) -> None:
    result = invoke(
        "add-actor",
        "--name",
        "Linda Thomas-Greenfield",
        "--kind",
        "person",
        "--alias",
        "Thomas-Greenfield",
        "--role",
        "US ambassador to the UN",
        claims=repo_copy,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "linda-thomas-greenfield\n"
    catalog = load_catalog(repo_copy)
    actor = catalog.actors["linda-thomas-greenfield"]
    assert (actor.aliases, actor.role, actor.country) == (
        ["Thomas-Greenfield"],
        "US ambassador to the UN",
        None,
    )
    listed = invoke("actors", "--format", "json", claims=repo_copy)
    assert json.loads(listed.stdout)[-1]["id"] == "linda-thomas-greenfield"


def test_add_actor_refuses_a_taken_id_and_one_in_capitals(invoke: Invoke, repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    result = invoke(
        "add-actor", "--name", "Vasily Nebenzya", "--kind", "person", "--id", "nebenzya",
        claims=repo_copy,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "actor id 'nebenzya' is taken; choose another with --id" in result.stderr
    capitals = invoke("add-actor", "--name", "X", "--kind", "person", "--id", "Nebenzya",
                      claims=repo_copy)  # fmt: skip
    assert "--id: must be a slug" in capitals.stderr
    assert repo_copy.read_bytes() == before


def test_add_actor_notes_a_name_another_actor_has(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke(
        "add-actor", "--name", "Nebenzia", "--kind", "person", "--id", "nebenzia", "--dry-run",
        claims=repo_copy,
    )  # fmt: skip
    assert result.exit_code == 0
    assert "note: actor nebenzya has the same name or alias" in result.stderr
    assert json.loads(result.stdout) == {
        "id": "nebenzia",
        "name": "Nebenzia",
        "kind": "person",
    }


def test_add_actor_refuses_a_bad_slug_and_a_bad_kind(invoke: Invoke, repo_copy: Path) -> None:
    bad_id = invoke("add-actor", "--name", "X", "--kind", "person", "--id", "Bad Id",
                    claims=repo_copy)  # fmt: skip
    assert bad_id.exit_code == 2
    assert "--id: must be a slug" in bad_id.stderr
    bad_kind = invoke("add-actor", "--name", "X", "--kind", "alien", claims=repo_copy)
    assert bad_kind.exit_code == 2
    assert "'alien' is not one of" in bad_kind.stderr


def test_add_target_then_a_claim_toward_it(invoke: Invoke, repo_copy: Path) -> None:
    label = "Russia–DPRK arms deals"
    made = invoke(
        "add-target", "--label", label, "--description", "Alleged arms transfers.",
        claims=repo_copy,
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert made.stdout == "russia-dprk-arms-deals\n"
    again = invoke("add-target", "--label", label, "--description", "Again.", claims=repo_copy)
    assert again.exit_code == 2
    assert "target id 'russia-dprk-arms-deals' is taken" in again.stderr
    args = add_args(UNIQUE, "--stance", "russia-dprk-arms-deals=oppose")
    assert invoke(*args, claims=repo_copy).exit_code == 0
    assert invoke("targets", "--format", "json", claims=repo_copy).stdout.count("arms-deals") == 1


def test_add_target_prompts_with_the_slug_as_default_id(repo_copy: Path) -> None:
    answers = "Arms deals\nAlleged arms transfers.\n\n"
    result = _invoke_with_input(repo_copy, ["add-target", "--prompt"], answers)
    assert result.exit_code == 0, result.output
    assert "Id [arms-deals]" in result.output
    assert load_catalog(repo_copy).targets["arms-deals"].label == "Arms deals"


# --- ids -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ([f"c{number:03d}" for number in range(1, 60)], "c060"),
        (["c001", "c003"], "c004"),
        (["c1", "c2", "c10"], "c11"),
        (["claim-0998", "claim-0999"], "claim-1000"),
        (["c999"], "c1000"),
        (["nebenzya-veto", "c7", "c8", "q01"], "c9"),
        ([], "c001"),
        (["veto-speech"], "c001"),
    ],
)
def test_the_next_claim_id_follows_the_files_style(existing: list[str], expected: str) -> None:
    assert next_claim_id(existing) == expected


@given(st.lists(st.from_regex(r"[a-z]{0,2}[0-9]{1,4}", fullmatch=True), max_size=30))
def test_the_next_claim_id_is_always_free(existing: list[str]) -> None:
    assert next_claim_id(existing) not in existing


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Russia–DPRK rapprochement", "russia-dprk-rapprochement"),
        ("Kim Eun-hye", "kim-eun-hye"),
        ("Éric Penton-Voak", "eric-penton-voak"),
        ("  US  State Department ", "us-state-department"),
    ],
)
def test_slugs_are_made_from_names(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_input_ending_while_asking_writes_nothing_and_exits_130(repo_copy: Path) -> None:
    before = repo_copy.read_bytes()
    result = _invoke_with_input(repo_copy, ["add", "--prompt"], "nebenzya\n")
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
    added = claims_of(repo_copy)["c060"]
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
    assert claims_of(repo_copy)["c060"]["review_pin"]
    assert claims_of(repo_copy)["c060"]["start"] == located["hits"][1]["start"]
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_locate_marks_a_hit_whose_omission_drops_a_negation(invoke: Invoke) -> None:
    text = "Pyongyang has ... recognized either the sanctions"
    result = invoke("locate", text, "--format", "json")
    assert result.exit_code == 1
    (hit,) = json.loads(result.stdout)["hits"]
    assert "'never'" in hit["problem"]
    assert "not quotable as it stands" in invoke("locate", text).stdout


def test_locate_finds_the_closest_passage_blind_to_case(invoke: Invoke) -> None:
    result = invoke("locate", "DEEP REGRET", "--format", "json")
    assert result.exit_code == 1
    best = json.loads(result.stdout)["closest"][0]
    assert (best["quote"], best["score"]) == ("deep regret", 1.0)
    assert "close (score 1.00, letter case differs)" in invoke("locate", "DEEP REGRET").stdout


def test_locate_counts_a_source_named_twice_once(invoke: Invoke) -> None:
    result = invoke("locate", UNIQUE, "--source", "neo-2024-04-24", "--source", "NEO-2024-04-24")
    assert result.exit_code == 0
    assert "found" not in result.stderr


def test_a_sentence_cut_short_is_marked(invoke: Invoke) -> None:
    shown = invoke("locate", "sanctions violations to").stdout
    assert "  … the permanent members" in shown


def test_stances_may_be_given_comma_separated_in_one_option(
    invoke: Invoke, repo_copy: Path
) -> None:
    args = add_args(UNIQUE)
    args[args.index("--stance") + 1] = "panel-of-experts=oppose,russia-veto=support"
    assert invoke(*args, claims=repo_copy).exit_code == 0
    stances = claims_of(repo_copy)["c060"]["stances"]
    assert [entry["target"] for entry in stances] == ["panel-of-experts", "russia-veto"]


def test_a_quote_too_long_to_search_says_so(invoke: Invoke, repo_copy: Path) -> None:
    quote = SEED_TEXT[:1200].replace("sanctions", "sanctiona")
    result = invoke(*add_args(quote), claims=repo_copy)
    assert result.exit_code == 2
    assert "too long to look for a close passage (over 1000 characters)" in result.stderr


def test_a_name_that_makes_no_id_asks_for_one(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("add-actor", "--name", "김정은", "--kind", "person", claims=repo_copy)
    assert result.exit_code == 2
    assert result.stderr == "error: --id: no id can be made from '김정은'; give one with --id\n"
    named = invoke("add-actor", "--name", "김정은", "--kind", "person", "--id", "kim-jong-un",
                   claims=repo_copy)  # fmt: skip
    assert named.exit_code == 0


def test_add_target_notes_a_label_another_target_has(invoke: Invoke, repo_copy: Path) -> None:
    label = CATALOG.targets["panel-of-experts"].label
    result = invoke("add-target", "--id", "poe", "--label", label, "--description", "Again.",
                    "--dry-run", claims=repo_copy)  # fmt: skip
    assert result.exit_code == 0
    assert "note: target panel-of-experts has the same label" in result.stderr


def test_next_claim_id_breaks_a_tie_by_file_order() -> None:
    assert next_claim_id(["a1", "b1", "a2", "b2"]) == "a3"
    assert next_claim_id(["b1", "a1", "b2", "a2"]) == "b3"


@pytest.mark.parametrize(("name", "expected"), [("Jonas Gahr Støre", "jonas-gahr-store"),
                                                ("Œuvre", "oeuvre")])  # fmt: skip
def test_slugs_spell_out_letters_without_a_decomposition(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_an_exact_alias_names_its_actor_though_its_words_begin_another_name(
    invoke: Invoke, repo_copy: Path
) -> None:
    args = add_args(UNIQUE, "--reported-via", "state department")
    assert invoke(*args, claims=repo_copy).exit_code == 0
    assert claims_of(repo_copy)["c060"]["reported_via"] == "us-state-department"


def test_all_required_options_given_asks_nothing_more(repo_copy: Path) -> None:
    result = _invoke_with_input(repo_copy, [*add_args(UNIQUE), "--prompt"], "")
    assert result.exit_code == 0, result.output
    assert "Quote type" not in result.output


def test_a_blank_answer_to_a_required_question_is_told_so(repo_copy: Path) -> None:
    answers = "\nArms deals\nAlleged arms transfers.\n\n"  # and the id offered
    result = _invoke_with_input(repo_copy, ["add-target", "--prompt"], answers)
    assert result.exit_code == 0, result.output
    assert "error: an answer is needed here" in result.output
    assert load_catalog(repo_copy).targets["arms-deals"].label == "Arms deals"


def test_actor_values_are_one_line_trimmed_and_aliases_unique(
    invoke: Invoke, repo_copy: Path
) -> None:
    bad = invoke("add-actor", "--name", "Tab\tName", "--kind", "person", claims=repo_copy)
    assert bad.exit_code == 2
    assert "--name: one line, please" in bad.stderr
    args = ["add-actor", "--name", "  Padded Name ", "--kind", "person", "--alias", "PN",
            "--alias", "PN", "--alias", "Padded Name", "--dry-run"]  # fmt: skip
    record = json.loads(invoke(*args, claims=repo_copy).stdout)
    assert (record["id"], record["name"], record["aliases"]) == (
        "padded-name",
        "Padded Name",
        ["PN"],
    )


def test_a_locate_quote_line_is_never_wrapped(invoke: Invoke) -> None:
    sentence = SEED_TEXT[
        SEED_TEXT.index("Under these conditions") : SEED_TEXT.index("American draft.") + 15
    ]
    shown = invoke("locate", sentence, env={"COLUMNS": "40"}).stdout
    assert f"  quote: {json.dumps(sentence, ensure_ascii=False)}" in shown.splitlines()


def test_an_apostrophe_does_not_split_a_slug() -> None:
    assert slug("Russia's veto") == slug("Russia’s veto") == "russias-veto"


def test_locate_says_when_a_text_is_too_long_to_look_for_close_passages(invoke: Invoke) -> None:
    text = SEED_TEXT[:1200].replace("sanctions", "sanctiona")
    result = invoke("locate", text)
    assert result.exit_code == 1
    assert "too long to look for close passages (over 1000 characters)" in result.stderr
