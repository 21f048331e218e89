"""Shell completion: the candidates each kind of value offers, and click's completion
protocol end to end (what bash, zsh and fish ask the program for)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete
from support import CATALOG, CLAIM_IDS, CLAIMS, run_cli

from dprktrack.cli import main
from dprktrack.cli.complete import candidates


def values(kind: str, incomplete: str) -> list[str]:
    return [value for value, _ in candidates(CATALOG, kind, incomplete)]


def completions(args: list[str], incomplete: str) -> list[str]:
    """What click offers for the word being typed after `args`, as a shell would ask."""
    completer = ShellComplete(main, {}, "dprktrack", "_DPRKTRACK_COMPLETE")
    return [item.value for item in completer.get_completions(args, incomplete)]


def test_claim_ids_complete_with_actor_and_summary_as_help() -> None:
    assert values("claim", "c01") == [f"c01{digit}" for digit in range(10)]
    ((_, help_text),) = candidates(CATALOG, "claim", "c001")
    assert help_text.startswith(f"{CATALOG.actors[CATALOG.claims['c001'].actor].name}: ")
    assert values("claim", "C05") == [
        claim_id for claim_id in CLAIM_IDS if claim_id.startswith("c05")
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("neb", ["nebenzya"]),  # the id
        ("Vasily", ["nebenzya"]),  # a word of the name
        ("moscow", ["russia"]),  # an alias
        ("kim", ["kim-song", "kim-eun-hye"]),
        ("zzz", []),
    ],
)
def test_actors_complete_to_their_ids_from_id_name_or_alias(
    typed: str, expected: list[str]
) -> None:
    assert values("actor", typed) == expected


def test_us_completes_to_us_actors_and_not_to_russia() -> None:
    offered = values("actor", "us")
    assert offered[:3] == ["us-uk-france", "us-rok-officials", "us-state-department"]
    assert "united-states" in offered
    assert "russia" not in offered


def test_every_actor_is_offered_for_an_empty_word() -> None:
    assert values("actor", "") == list(CATALOG.actors)


def test_targets_sources_and_stance_pairs_complete() -> None:
    assert values("target", "russia") == ["russia-veto", "russia-dprk-ties"]
    assert values("source", "") == ["neo-2024-04-24"]
    assert values("stance", "panel-of-experts=") == [
        f"panel-of-experts={stance}" for stance in ("support", "oppose", "neutral", "mixed")
    ]
    assert values("stance", "sunset-clauses=o") == ["sunset-clauses=oppose"]
    assert len(values("stance", "")) == 4 * len(CATALOG.targets)


def test_commands_offer_the_right_kind_of_value() -> None:
    assert completions(["--claims", str(CLAIMS), "show"], "c00") == [
        claim_id for claim_id in CLAIM_IDS if claim_id.startswith("c00")
    ]
    assert completions(["--claims", str(CLAIMS), "check"], "c059") == ["c059"]
    assert completions(["--claims", str(CLAIMS), "list", "--actor"], "zakh") == ["zakharova"]
    assert completions(["--claims", str(CLAIMS), "stances", "--via"], "nk") == ["nk-news"]
    assert completions(["--claims", str(CLAIMS), "list", "--target"], "sun") == ["sunset-clauses"]
    assert completions(["--claims", str(CLAIMS), "list", "--stance"], "op") == ["oppose"]
    assert completions(["--claims", str(CLAIMS), "add", "--stance"], "un-security-council=s") == [
        "un-security-council=support"
    ]
    assert completions(["--claims", str(CLAIMS), "add", "--reported-via"], "nk") == ["nk-news"]
    assert completions(["--claims", str(CLAIMS), "read"], "neo") == ["neo-2024-04-24"]
    assert completions([], "add-") == ["add-actor", "add-source", "add-target"]


def test_completion_reads_the_claims_file_given_by_claims(repo_copy: Path) -> None:
    text = repo_copy.read_text("utf-8").replace('"id": "c059"', '"id": "c999"')
    repo_copy.write_text(text, "utf-8")
    assert completions(["--claims", str(repo_copy), "show"], "c9") == ["c999"]


def test_a_broken_claims_file_completes_nothing_and_says_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "claims.json"
    broken.write_text("{", "utf-8")
    assert completions(["--claims", str(broken), "show"], "c0") == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_and_its_completions(shell: str) -> None:
    script = run_cli([], env={"_DPRKTRACK_COMPLETE": f"{shell}_source"})
    assert script.exit_code == 0
    assert "_DPRKTRACK_COMPLETE" in script.output
    env = {
        "_DPRKTRACK_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": f"dprktrack --claims {CLAIMS} show c05",
        "COMP_CWORD": "c05" if shell == "fish" else "4",  # fish passes the word itself
    }
    answer = run_cli([], env=env)
    assert answer.exit_code == 0
    assert "c059" in answer.output
    assert ("Konstantin Asmolov: " in answer.output) == (shell != "bash")  # bash shows no help


def test_help_from_data_stays_on_one_line_for_zsh(repo_copy: Path) -> None:
    data = json.loads(repo_copy.read_text("utf-8"))
    in_c05 = [index for index, claim in enumerate(data["claims"]) if claim["id"].startswith("c05")]
    data["claims"][in_c05[-1]]["summary"] = "two\nlines\x1b[2J"
    repo_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    env = {
        "_DPRKTRACK_COMPLETE": "zsh_complete",
        "COMP_WORDS": f"dprktrack --claims {repo_copy} show c05",
        "COMP_CWORD": "4",
    }
    answer = run_cli([], env=env)
    lines = answer.output.splitlines()
    assert len(lines) == 3 * len(in_c05)  # type, value and help for each of c050 … c059
    assert lines[-1].endswith("two lines\\x1b[2J")


def test_a_second_stance_pair_after_a_comma_completes() -> None:
    assert values("stance", "sanctions-regime=oppose,sun") == [
        f"sanctions-regime=oppose,sunset-clauses={stance}"
        for stance in ("support", "oppose", "neutral", "mixed")
    ]
