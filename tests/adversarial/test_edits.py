"""Editing and removing against hostile input: a refused change leaves the claims file
byte-identical, and no change, however odd its options, leaves a file that fails to load or
a claim that `check` fails, or shows a traceback."""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import HOSTILE_TEXTS, edit_actor_arguments, edit_arguments
from support import CLAIM_IDS, DATA, Invoke, run_cli

from dprktrack.claimsfile.load import load_catalog
from dprktrack.curate import adding, editing
from dprktrack.errors import DprkError

TARGETS = [target["id"] for target in DATA["targets"]]
ACTORS = [actor["id"] for actor in DATA["actors"]]
LOCKED = "another dprktrack command is writing it right now; nothing written, run again"
CHANGED = "changed on disk since it was read; nothing written, run again"
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _outcome_holds(claims: Path, before: bytes, args: list[str]) -> None:
    """Run the command; it ends in 0 or 2 without a traceback, and the file it leaves
    loads and passes `check`; a refusal or a dry run leaves it byte-identical."""
    claims.write_bytes(before)
    result = run_cli(args, claims=claims)  # an uncaught exception fails the test
    assert result.exit_code in (0, 2), (args, result.output)
    if result.exit_code != 0 or "--dry-run" in args:
        assert claims.read_bytes() == before, args
        return
    load_catalog(claims)
    checked = run_cli(["check", "--format", "json"], claims=claims)
    assert checked.exit_code == 0, (args, checked.stdout[-2000:])


@PROPERTY
@given(args=edit_arguments(CLAIM_IDS, TARGETS, ACTORS))
def test_no_edit_leaves_a_file_that_fails_to_load_or_check(
    repo_copy: Path, args: list[str]
) -> None:
    _outcome_holds(repo_copy, REPO_BYTES, args)


@PROPERTY
@given(args=edit_actor_arguments(ACTORS))
def test_no_actor_edit_leaves_a_file_that_fails_to_load_or_check(
    repo_copy: Path, args: list[str]
) -> None:
    _outcome_holds(repo_copy, REPO_BYTES, args)


REPO_BYTES = (Path(__file__).parents[2] / "claims.json").read_bytes()


@pytest.mark.parametrize("quote", [text for text in HOSTILE_TEXTS if text.strip()])
def test_a_hostile_quote_is_refused_and_the_file_byte_identical(
    invoke: Invoke, repo_copy: Path, quote: str
) -> None:
    before = repo_copy.read_bytes()
    result = invoke("edit", CLAIM_IDS[0], "--quote", quote, "--approve", claims=repo_copy)
    assert result.exit_code == 2, result.output
    assert repo_copy.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["edit", CLAIM_IDS[0], "--summary", "Held."],
        ["remove", CLAIM_IDS[0]],
        ["edit-target", TARGETS[0], "--label", "Held."],
        ["edit-actor", ACTORS[0], "--role", "Held."],
    ],
    ids=lambda args: args[0],
)
def test_a_writer_holding_the_lock_makes_an_edit_refuse(
    invoke: Invoke, repo_copy: Path, args: list[str]
) -> None:
    before = repo_copy.read_bytes()
    with repo_copy.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = invoke(*args, claims=repo_copy)
    assert (result.exit_code, result.stderr) == (2, f"error: {repo_copy}: {LOCKED}\n")
    assert repo_copy.read_bytes() == before


def test_a_change_on_disk_after_reading_refuses_the_edit(repo_copy: Path) -> None:
    """A second curator's change between reading and writing is kept, the edit refused."""
    catalog = load_catalog(repo_copy)
    edited = editing.edited_claim(catalog, CLAIM_IDS[0], editing.ClaimChanges(summary="Mine."))
    data = json.loads(repo_copy.read_text("utf-8"))
    data["claims"][-1]["summary"] = "Theirs."
    theirs = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    repo_copy.write_bytes(theirs)
    with pytest.raises(DprkError, match=CHANGED):
        adding.save(catalog, edited.text, dry_run=False)
    assert repo_copy.read_bytes() == theirs


def test_removing_every_claim_leaves_a_file_that_loads(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("remove", *CLAIM_IDS, claims=repo_copy)
    assert result.exit_code == 0, result.stderr
    assert load_catalog(repo_copy).claims == {}
    assert invoke("check", claims=repo_copy).exit_code in (0, 1)
